"""Versionierte Listen (Einrichtungen, Angebote): jede Änderung ein neuer, vollständiger Stand, genau einer aktiv,
keiner geht verloren; jede Zeile behält ihre feste Kennung über alle Stände.

Die Kennzahlen haben ihre eigene Ablage, weil ihre Zellen Zählgrößen mit Geheimhaltung sind; eine Liste ist
Text je Zeile. Alle Listen teilen sich zwei Tabellen (listenstand, listeneintrag), die die Datenbank wie die
Datenstände vor Änderung und Löschen schützt.
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import func, insert, inspect, select, text, update

from indikatoren.datenstaende import BELIEBIG, Ablage, AndererStandAktiv, als_utc, listeneintrag, listenstand, protokoll
from indikatoren.meldungen import Meldung, UngueltigeDatei

KENNUNG_LAENGE = 50


@dataclass(frozen=True)
class Listenspalte:
    name: str
    bedeutung: str
    pflicht: bool = False
    erlaubt: tuple[str, ...] = ()  # leer: freier Text
    hoechstlaenge: int | None = None  # Zeichen; ohne Angabe die der Listenart

    @property
    def titel(self) -> str:
        """Die Überschrift für Menschen („Breite (lat)“, „bestätigt am“); `name` bleibt der Spaltenkopf der Datei."""
        return TITEL.get(self.name) or self.name.replace("_", " ").capitalize()


# Überschriften nur dort, wo der Spaltenname mit großem Anfangsbuchstaben nicht reicht
TITEL = {"id": "Kennung", "lat": "Breite (lat)", "lon": "Länge (lon)", "traeger": "Träger",
         "zustaendigkeit": "Zuständigkeit", "bestaetigt_am": "bestätigt am",
         "quelle_adresse": "Quelle der Adresse", "quelle_lage": "Quelle der Lage", "gemeinde": "Gemeinde (AGS)",
         "einrichtung": "Einrichtung (Kennung)"}


KENNUNG = Listenspalte("id", "Feste Kennung; leer: ein neuer Eintrag, er bekommt beim Speichern eine.",
                       hoechstlaenge=KENNUNG_LAENGE)


@dataclass(frozen=True)
class Listenart:
    name: str  # so heißt die Liste in Datenbank, Protokoll und Sicherung
    stand_heisst: str  # „Einrichtungsstand“
    praefix: str  # neue Kennungen: Präfix und fortlaufende Nummer (E001, E002, …)
    felder: tuple[Listenspalte, ...]  # ohne „id“, die jede Liste hat
    bezeichnung: str  # die Spalte, die eine Zeile für Menschen benennt
    hoechstlaenge: int = 500  # Zeichen je Zelle

    @property
    def spalten(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.felder)


_ANGEMELDET: dict[str, tuple[Listenart, Callable]] = {}


def anmelden(art: Listenart, pruefung: Callable) -> None:
    """Ein Paket meldet seine Liste an, wenn es geladen wird: Sicherung und Wiederherstellung führen sie dann mit,
    ohne dass der Kern das Paket kennt. `pruefung(tabelle, datei, gebiete)` prüft einen gesicherten Stand wie einen
    Upload (ohne die Prüfungen, die vom heutigen Tag abhängen)."""
    _ANGEMELDET[art.name] = (art, pruefung)


def angemeldet() -> list[tuple[Listenart, Callable]]:
    """Die angemeldeten Listen (Art, Prüfung), in der Reihenfolge der Anmeldung."""
    return list(_ANGEMELDET.values())


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
        if stand is None:
            return None
        with self.ablage.lesend(verbindung) as v:
            intern = v.execute(select(listenstand.c.id).where(listenstand.c.liste == self.art.name,
                                                               listenstand.c.nr == stand)).scalar()
            if intern is None:
                raise KeyError(f"{self.art.stand_heisst} {stand} gibt es nicht.")
            zeilen = v.execute(select(listeneintrag).where(listeneintrag.c.stand_id == intern)
                               .order_by(listeneintrag.c.nr)).all()
        daten = [{"id": z.kennung, **json.loads(z.daten)} for z in zeilen]
        return stand, pd.DataFrame(daten, columns=["id", *self.art.spalten]).fillna("")

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


def als_text(tabelle: pd.DataFrame, art: Listenart) -> pd.DataFrame:
    """Die Spalten id und die der Listenart in fester Reihenfolge, jede Zelle Text (fehlend: leer)."""
    return tabelle.reindex(columns=["id", *art.spalten]).astype(object).fillna("").astype(str)


def mit_kennungen(tabelle: pd.DataFrame, praefix: str, vergeben: set[str]) -> pd.DataFrame:
    """Leere Kennungen durch neue ersetzen: Präfix und die nächste Nummer nach der höchsten je vergebenen, damit
    eine entfernte Zeile ihre Kennung nie an eine andere weitergibt."""
    tabelle = tabelle.copy()
    if "id" not in tabelle.columns:
        tabelle.insert(0, "id", "")
    tabelle["id"] = tabelle["id"].fillna("").astype(str).str.strip()
    muster = re.compile(rf"{re.escape(praefix)}(\d+)")
    nummern = [int(m.group(1)) for k in vergeben | set(tabelle["id"]) if (m := muster.fullmatch(k))]
    naechste = max(nummern, default=0) + 1
    for i in tabelle.index[tabelle["id"] == ""]:
        tabelle.loc[i, "id"] = f"{praefix}{naechste:03d}"
        naechste += 1
    return tabelle


def kennungen_nach_bezeichnung(tabellen: list[pd.DataFrame], art: Listenart) -> list[pd.DataFrame]:
    """Stände aus der Zeit vor festen Kennungen: dieselbe Bezeichnung (Name) bekommt in jedem Stand dieselbe."""
    kennungen: dict[tuple[str, int], str] = {}  # (Name, wievielter dieses Namens im Stand) -> Kennung
    ergebnis = []
    for tabelle in tabellen:
        tabelle = als_text(tabelle, art)
        schluessel = list(zip(tabelle[art.bezeichnung], tabelle.groupby(art.bezeichnung).cumcount()))
        for k in schluessel:
            kennungen.setdefault(k, f"{art.praefix}{len(kennungen) + 1:03d}")
        tabelle["id"] = [k or kennungen[s] for k, s in zip(tabelle["id"], schluessel)]
        ergebnis.append(tabelle)
    return ergebnis


def aenderungen(alt: pd.DataFrame, neu: pd.DataFrame, art: Listenart) -> pd.DataFrame:
    """Was ein neuer Stand gegenüber dem alten ändert, eine Zeile je Feld: art (neu, geändert, entfernt), id,
    bezeichnung, feld, vorher, nachher. Zeilen ohne Kennung sind neu."""
    spalten = ["art", "id", "bezeichnung", "feld", "vorher", "nachher"]
    alt = als_text(alt, art).set_index("id")
    neu = als_text(neu, art)
    zeilen = []
    for z in neu.to_dict("records"):
        if z["id"] not in alt.index:
            zeilen.append(("neu", z["id"], z[art.bezeichnung], "", "", ""))
            continue
        vorher = alt.loc[z["id"]]
        zeilen += [("geändert", z["id"], z[art.bezeichnung], s, vorher[s], z[s])
                   for s in art.spalten if str(vorher.get(s, "")) != z.get(s, "")]
    weg = [k for k in alt.index if k not in set(neu["id"])]
    zeilen += [("entfernt", k, alt.loc[k, art.bezeichnung], "", "", "") for k in weg]
    return pd.DataFrame(zeilen, columns=spalten)


def alte_einrichtungsstaende_uebernehmen(ablage: Ablage, art: Listenart) -> int:
    """Übernimmt Einrichtungsstände aus den Tabellen früherer Versionen (einrichtungsstand, einrichtung) einmalig
    in die Listenablage: mit Zeit, Absender und Kommentar; dieselbe Einrichtung (gleicher Name) bekommt in jedem
    Stand dieselbe Kennung. Die alten Tabellen bleiben unverändert stehen."""
    if not inspect(ablage.engine).has_table("einrichtungsstand"):
        return 0
    with ablage.schreibend() as v:
        if v.execute(select(func.count()).select_from(listenstand)
                     .where(listenstand.c.liste == art.name)).scalar():
            return 0
        staende = v.execute(text("SELECT * FROM einrichtungsstand ORDER BY id")).mappings().all()
        tabellen = kennungen_nach_bezeichnung([pd.DataFrame(v.execute(
            text("SELECT * FROM einrichtung WHERE stand_id = :s ORDER BY nr"), {"s": stand["id"]}).mappings().all(),
            columns=["stand_id", "nr", *art.spalten]) for stand in staende], art)
        listen = Listen(ablage, art)
        for stand, zeilen in zip(staende, tabellen):
            listen.speichern(zeilen, von=stand["von"],
                             kommentar=f"{stand['kommentar']} (übernommen aus Einrichtungsstand {stand['id']})",
                             dateiname=stand["dateiname"], erstellt=als_utc(pd.Timestamp(stand["erstellt"])
                                                                         .to_pydatetime()),
                             aktivieren=bool(stand["aktiv"]), verbindung=v)
        return len(staende)

