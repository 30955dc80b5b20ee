"""Versionierte Listen (Einrichtungen, Angebote): jede Änderung ein neuer, vollständiger Stand, genau einer aktiv,
keiner geht verloren; jede Zeile behält ihre feste Kennung über alle Stände.

Die Kennzahlen haben ihre eigene Ablage, weil ihre Zellen Zählgrößen mit Geheimhaltung sind; eine Liste ist
Text je Zeile. Alle Listen teilen sich zwei Tabellen (listenstand, listeneintrag), die die Datenbank wie die
Datenstände vor Änderung und Löschen schützt.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import func, insert, select, update

from indikatoren.ablage.datenstaende import BELIEBIG, Ablage, AndererStandAktiv, als_utc
from indikatoren.ablage.schema import listeneintrag, listenstand, protokoll
from indikatoren.grundlagen.listenarten import (
    Listenart,
    aenderungen,
    als_text,
    mit_kennungen,
)
from indikatoren.grundlagen.meldungen import Meldung, UngueltigeDatei


@dataclass(frozen=True)
class Stand:
    id: int  # Nummer innerhalb der Liste („Einrichtungsstand 3“)
    liste: str
    erstellt: datetime
    von: str
    dateiname: str
    kommentar: str
    aktiv: bool


class Listen:
    """Die Stände einer Listenart in der Ablage. Jede Methode kann in einer offenen Transaktion laufen."""

    def __init__(self, ablage: Ablage, art: Listenart):
        self.ablage, self.art = ablage, art

    def staende(self, verbindung=None) -> list[Stand]:
        with self.ablage.lesend(verbindung) as v:
            zeilen = v.execute(select(listenstand).where(listenstand.c.liste == self.art.name)
                               .order_by(listenstand.c.nr)).mappings().all()
        return [Stand(id=z["nr"], liste=z["liste"], erstellt=als_utc(z["erstellt"]), von=z["von"],
                      dateiname=z["dateiname"], kommentar=z["kommentar"], aktiv=z["aktiv"]) for z in zeilen]

    def aktiver(self, verbindung=None) -> int | None:
        with self.ablage.lesend(verbindung) as v:
            return v.execute(select(listenstand.c.nr).where(
                listenstand.c.liste == self.art.name, listenstand.c.aktiv.is_(True))).scalar()

    def lesen(self, stand: int | None = None, verbindung=None) -> tuple[int, pd.DataFrame] | None:
        """(Stand, Liste als Text, Spalte „id“ vorn) – ohne stand der aktive; None, solange nichts gespeichert ist."""
        stand = stand or self.aktiver(verbindung)
        return None if stand is None else (stand, self.im_stand(stand, verbindung))

    def im_stand(self, stand: int, verbindung=None) -> pd.DataFrame:
        """Die Liste genau dieses Stands als Text, Spalte „id“ vorn; KeyError, wenn es ihn nicht gibt."""
        with self.ablage.lesend(verbindung) as v:
            intern = v.execute(select(listenstand.c.id).where(listenstand.c.liste == self.art.name,
                                                               listenstand.c.nr == stand)).scalar()
            if intern is None:
                raise KeyError(f"{self.art.stand_heisst} {stand} gibt es nicht.")
            zeilen = v.execute(select(listeneintrag).where(listeneintrag.c.stand_id == intern)
                               .order_by(listeneintrag.c.nr)).all()
        daten = [{"id": z.kennung, **json.loads(z.daten)} for z in zeilen]
        return pd.DataFrame(daten, columns=["id", *self.art.spalten]).fillna("")

    def speichern(self, tabelle: pd.DataFrame, *, von: str, kommentar: str, dateiname: str = "",
                  erstellt: datetime | None = None, aktivieren: bool = True, erwartet=BELIEBIG,
                  mitgeliefert: pd.DataFrame | None = None, verbindung=None) -> int:
        """Ein neuer Stand der ganzen Liste; Zeilen ohne Kennung bekommen eine neue, die nie vergeben war.

        erwartet: der Stand (oder None), gegen den die Vorschau gerechnet wurde; ist inzwischen ein anderer aktiv,
        wirft es AndererStandAktiv, statt die Änderung eines anderen still zu überschreiben.
        mitgeliefert: die mitgelieferte Liste, die bisher galt; ist noch kein Stand gespeichert, wird sie zuerst
        Stand 1, damit sich auch die erste Änderung zurücknehmen lässt."""
        jetzt = erstellt or datetime.now(UTC)
        with self.ablage.schreibend_in(verbindung) as v:
            if erwartet is not BELIEBIG and (aktiv := self.aktiver(v)) != erwartet:
                raise AndererStandAktiv(f"Inzwischen ist {self.art.stand_heisst} {aktiv or '–'} aktiv, nicht "
                                        f"{erwartet or 'die mitgelieferte Liste'}; bitte die Änderungen neu prüfen.")
            if mitgeliefert is not None and not self.staende(v):
                self.speichern(mitgeliefert, von="System (mitgelieferte Liste)", aktivieren=False, verbindung=v,
                               kommentar="Mitgelieferte Liste, vor der ersten Änderung übernommen")
            liste = als_text(mit_kennungen(tabelle, self.art.praefix, self._vergebene(v)), self.art)
            nummer = (v.execute(select(func.max(listenstand.c.nr)).where(listenstand.c.liste == self.art.name))
                      .scalar() or 0) + 1
            intern = v.execute(insert(listenstand).values(
                liste=self.art.name, nr=nummer, erstellt=jetzt, von=von[:200], dateiname=dateiname[:500],
                kommentar=kommentar, aktiv=False)).inserted_primary_key[0]
            if len(liste):
                v.execute(insert(listeneintrag), [
                    {"stand_id": intern, "nr": nr, "kennung": z["id"],
                     "daten": json.dumps({s: z[s] for s in self.art.spalten}, ensure_ascii=False)}
                    for nr, z in enumerate(liste.to_dict("records"), start=1)])
            if aktivieren:
                self._aktivieren(v, nummer)
            v.execute(insert(protokoll).values(
                zeit=jetzt, aktion=self.art.name, von=von[:200], dateiname=dateiname[:500], sha256="", erfolg=True,
                meldung=f"{self.art.stand_heisst} {nummer} angelegt, {len(liste)} Zeilen: {kommentar}"))
        return nummer

    def einlesen(self, pruefen: Callable[[], pd.DataFrame], *, von: str, kommentar: str, dateiname: str = "",
                 mitgeliefert: pd.DataFrame | None = None) -> int | None:
        """Prüft (pruefen wirft UngueltigeDatei) und speichert als neuen aktiven Stand; None, wenn sich gegenüber
        dem aktiven (ohne Stand: der mitgelieferten Liste) nichts ändert. Ein abgelehnter Versuch steht im
        Protokoll."""
        if not kommentar.strip():
            raise UngueltigeDatei([Meldung(dateiname or "Eingabe",
                                           "Bitte einen Kommentar angeben: was ist das für ein Stand?")])
        try:
            liste = pruefen()
        except UngueltigeDatei as fehler:
            self.ablage.protokolliere(self.art.name, von, dateiname, "", False, str(fehler))
            raise
        with self.ablage.schreibend() as v:
            bisher = self.lesen(verbindung=v)
            bisher = bisher[1] if bisher is not None else mitgeliefert
            if bisher is not None and aenderungen(bisher, liste, self.art).empty:
                return None
            return self.speichern(liste, von=von, kommentar=kommentar.strip(), dateiname=dateiname,
                                  mitgeliefert=mitgeliefert, verbindung=v)

    def aktivieren(self, stand: int, von: str = "", verbindung=None) -> None:
        with self.ablage.schreibend_in(verbindung) as v:
            if stand not in [s.id for s in self.staende(v)]:
                raise KeyError(f"{self.art.stand_heisst} {stand} gibt es nicht.")
            self._aktivieren(v, stand)
            v.execute(insert(protokoll).values(
                zeit=datetime.now(UTC), aktion=f"{self.art.name} aktivieren"[:50], von=von[:200], erfolg=True,
                meldung=f"{self.art.stand_heisst} {stand} aktiviert"))

    def _aktivieren(self, verbindung, stand: int):
        verbindung.execute(update(listenstand).where(listenstand.c.liste == self.art.name,
                                                     listenstand.c.aktiv.is_(True)).values(aktiv=False))
        verbindung.execute(update(listenstand).where(listenstand.c.liste == self.art.name,
                                                     listenstand.c.nr == stand).values(aktiv=True))

    def _vergebene(self, verbindung) -> set[str]:
        return set(verbindung.execute(select(listeneintrag.c.kennung).join(
            listenstand, listenstand.c.id == listeneintrag.c.stand_id).where(
            listenstand.c.liste == self.art.name).distinct()).scalars())
