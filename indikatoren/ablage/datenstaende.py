"""Ablage der Datenstände mit SQLAlchemy: jede Einlesung ein neuer Stand, genau einer aktiv, keiner geht verloren.

SQLite ist die Vorgabe (Datei im Laufzeitordner), PostgreSQL geht über dieselbe URL (SOZIALPLANUNG_DB).
Jede Änderung ist eine Transaktion: schlägt etwas fehl, bleiben alle Stände und der aktive wie sie waren.
"""

import sqlite3
import time
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import create_engine, event, func, insert, select, update
from sqlalchemy.exc import OperationalError

from indikatoren.ablage import migration
from indikatoren.ablage.schema import ablage_kreis, datenstand, kennzahl_wert, kennzahl_zeile, metadaten, protokoll
from indikatoren.grundlagen import konfiguration
from indikatoren.grundlagen.kennzahlen import Kennzahlen, aus_spalten
from indikatoren.grundlagen.spalten import ANZAHLEN, KOPF


class FremderKreis(ValueError):
    """Die Datenbank gehört zu einem anderen Kreis als dem eingestellten."""


class AndererStandAktiv(LookupError):
    """Zwischen Vorschau und Bestätigung wurde ein anderer Stand aktiv; die Vorschau gilt nicht mehr."""


ERSTBEFUELLUNG = "System (Erstbefüllung)"  # wer die mitgelieferten Beispieldaten einer leeren Ablage gespeichert hat
BELIEBIG = object()  # für `erwartet`: keine Erwartung an den aktiven Stand (Kommandozeile)


@dataclass(frozen=True)
class Datenstand:
    id: int
    erstellt: datetime
    von: str
    dateiname: str
    sha256: str
    zeilen: int
    kommentar: str
    grundlage: int | None
    aktiv: bool


class Ablage:
    """Die Datenbank der Datenstände. Eine Instanz je Prozess genügt (sie hält den Verbindungspool).

    Jede Methode kann in einer offenen Transaktion laufen (`verbindung=`); so setzen Einlesen und Wiederherstellen
    mehrere Schritte zu einer Transaktion zusammen, die ganz oder gar nicht gilt.
    """

    def __init__(self, url: str | None = None):
        self.url = url or konfiguration.datenbank_url()
        self.engine = create_engine(self.url, **({"connect_args": {"timeout": 30}}
                                                 if self.url.startswith("sqlite") else {}))
        if self.url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_verbinden)
            event.listen(self.engine, "begin", _sqlite_beginnen)
        wiederholt(lambda: migration.aktualisieren(self.engine, metadaten))

    def kreis_festhalten(self, kreis: str, name: str, daten_kreis=None) -> None:
        """Eine Datenbank gehört zu einem Kreis. Beim ersten Öffnen wird er vermerkt – bei einer älteren Datenbank
        mit Zahlen der Kreis dieser Zahlen (daten_kreis(self) -> (AGS, Name) oder None) –, danach geprüft: Mit
        einem anderen SOZIALPLANUNG_KREIS öffnet sie nicht, statt dessen Zahlen mit leeren Ebenen zu rechnen."""
        with self.lesend() as verbindung:
            zeile = verbindung.execute(select(ablage_kreis)).first()
        if zeile is None:
            eigener = (daten_kreis(self) if daten_kreis else None) or (kreis, name)
            with self.schreibend() as verbindung:
                if verbindung.execute(select(ablage_kreis)).first() is None:
                    verbindung.execute(ablage_kreis.insert().values(kreis=eigener[0], name=eigener[1],
                                                                    seit=datetime.now(UTC)))
                zeile = verbindung.execute(select(ablage_kreis)).first()
        if zeile.kreis != kreis:
            raise FremderKreis(
                f"Die Datenbank gehört zum Kreis {zeile.kreis} ({zeile.name}), eingestellt ist aber "
                f"SOZIALPLANUNG_KREIS={kreis} ({name}). Für diesen Kreis eine eigene Datenbank anlegen "
                "(SOZIALPLANUNG_DB, oder einen eigenen SOZIALPLANUNG_LAUFZEIT-Ordner) oder SOZIALPLANUNG_KREIS "
                f"wieder auf {zeile.kreis} setzen. Die Daten bleiben, wie sie sind.")

    @contextmanager
    def schreibend(self):
        """Eine Schreibtransaktion, die andere Schreiber (auch in anderen Prozessen) ausschließt, bis sie endet;
        Leser bleiben frei. Was darin gelesen wird, kann kein anderer Schreiber mehr ändern (kein verlorenes
        Update): SQLite beginnt mit BEGIN IMMEDIATE, PostgreSQL sperrt die Tabelle der Datenstände."""
        with self.engine.execution_options(schreibend=True).begin() as verbindung:
            if verbindung.dialect.name == "postgresql":
                verbindung.exec_driver_sql("LOCK TABLE datenstand IN SHARE ROW EXCLUSIVE MODE")
            yield verbindung

    def lesend(self, verbindung=None):
        """Die offene Verbindung, sonst eine neue zum Lesen (für Module, die die Ablage erweitern, wie listen.py)."""
        return nullcontext(verbindung) if verbindung is not None else self.engine.connect()

    def schreibend_in(self, verbindung=None):
        """Die offene Transaktion, sonst eine neue schreibende (siehe schreibend)."""
        return nullcontext(verbindung) if verbindung is not None else self.schreibend()

    # --- Lesen -----------------------------------------------------------------------------------
    def datenstaende(self, verbindung=None) -> list[Datenstand]:
        with self.lesend(verbindung) as v:
            zeilen = v.execute(select(datenstand).order_by(datenstand.c.id)).all()
        return [Datenstand(**{**z._mapping, "erstellt": als_utc(z.erstellt)}) for z in zeilen]

    def aktiver(self, verbindung=None) -> Datenstand | None:
        return next((d for d in self.datenstaende(verbindung) if d.aktiv), None)

    def datenstand(self, id: int, verbindung=None) -> Datenstand:
        gefunden = [d for d in self.datenstaende(verbindung) if d.id == id]
        if not gefunden:
            raise KeyError(f"Datenstand {id} gibt es nicht.")
        return gefunden[0]

    def vorgaenger(self, id: int | None = None, verbindung=None) -> tuple[Kennzahlen, ...]:
        """Die Tabellen aller früheren Datenstände (ältester zuerst): jeder war einmal veröffentlicht, und die
        Geheimhaltung prüft eine neue Veröffentlichung zusammen mit allen früheren (geheimhaltung.sperren)."""
        if id is None:
            aktiv = self.aktiver(verbindung)
            id = aktiv.id if aktiv is not None else 0
        return tuple(self.kennzahlen(d.id, verbindung) for d in self.datenstaende(verbindung) if d.id < id)

    def kennzahlen(self, id: int | None = None, verbindung=None) -> Kennzahlen:
        """Die Tabelle eines Datenstands (ohne id: des aktiven)."""
        if id is None:
            aktiv = self.aktiver(verbindung)
            if aktiv is None:
                raise LookupError("Es gibt noch keinen aktiven Datenstand.")
            id = aktiv.id
        with self.lesend(verbindung) as v:
            zeilen = pd.DataFrame(v.execute(
                select(kennzahl_zeile).where(kennzahl_zeile.c.datenstand_id == id)
                .order_by(kennzahl_zeile.c.zeile)).mappings().all())
            werte = pd.DataFrame(v.execute(
                select(kennzahl_wert).where(kennzahl_wert.c.datenstand_id == id)).mappings().all(),
                columns=["zeile", "merkmal", "anzahl", "geheim"])
        if zeilen.empty:
            raise KeyError(f"Datenstand {id} gibt es nicht.")
        zeilen = zeilen.set_index("zeile")
        anzahl = werte.pivot(index="zeile", columns="merkmal", values="anzahl")
        geheim = werte.pivot(index="zeile", columns="merkmal", values="geheim")
        merkmale = [s for s in ANZAHLEN if s in anzahl.columns]
        tabelle = zeilen[list(KOPF)].join(anzahl[merkmale].astype("Int64"))
        return aus_spalten(tabelle.reset_index(drop=True),
                           geheim.reindex(zeilen.index)[merkmale].astype(bool).reset_index(drop=True))

    def protokolleintraege(self, verbindung=None) -> pd.DataFrame:
        with self.lesend(verbindung) as v:
            return pd.DataFrame(v.execute(select(protokoll).order_by(protokoll.c.id)).mappings().all(),
                                columns=[c.name for c in protokoll.columns])

    # --- Schreiben -------------------------------------------------------------------------------
    def speichern(self, kennzahlen: Kennzahlen, *, von: str, dateiname: str, sha256: str,
                  kommentar: str = "", grundlage: int | None = None, nur_wenn_leer: bool = False,
                  erstellt: datetime | None = None, aktivieren: bool = True, nummer: int | None = None,
                  verbindung=None) -> Datenstand | None:
        """Legt einen neuen Datenstand an und macht ihn aktiv, alles in einer Transaktion.

        nur_wenn_leer: nur anlegen, wenn es noch keinen Stand gibt (Erstbefüllung); sonst None.
        erstellt, aktivieren, nummer: für die Wiederherstellung aus einer Sicherung (ursprüngliche Zeit, nicht aktiv,
        die ursprüngliche Nummer, wenn sie frei ist; die nächste neue Nummer liegt dann dahinter).
        """
        jetzt = erstellt or datetime.now(UTC)
        with self.schreibend_in(verbindung) as v:
            if nur_wenn_leer and v.execute(select(func.count()).select_from(datenstand)).scalar():
                return None
            id = v.execute(insert(datenstand).values(
                erstellt=jetzt, von=von[:200], dateiname=dateiname[:500], sha256=sha256, zeilen=len(kennzahlen),
                kommentar=kommentar, grundlage=grundlage, aktiv=False, **({"id": nummer} if nummer else {}))
            ).inserted_primary_key[0]
            if nummer and v.dialect.name == "postgresql":  # SQLite zählt von der größten Nummer aus, PostgreSQL nicht
                v.exec_driver_sql("SELECT setval(pg_get_serial_sequence('datenstand', 'id'), "
                                  "(SELECT MAX(id) FROM datenstand))")
            kopf = kennzahlen.zeilen[list(KOPF)].assign(datenstand_id=id, zeile=range(1, len(kennzahlen) + 1))
            v.execute(insert(kennzahl_zeile), _datensaetze(kopf))
            if kennzahlen.merkmale:
                werte = _lang(kennzahlen).assign(datenstand_id=id)
                v.execute(insert(kennzahl_wert), _datensaetze(werte))
            if aktivieren:
                self._aktivieren(v, id)
            v.execute(insert(protokoll).values(
                zeit=jetzt, aktion="einlesen", von=von[:200], dateiname=dateiname[:500], sha256=sha256,
                erfolg=True, meldung=f"Datenstand {id} angelegt, {len(kennzahlen)} Zeilen"))
            return self.datenstand(id, v)

    def aktivieren(self, id: int, von: str = "", verbindung=None) -> Datenstand:
        with self.schreibend_in(verbindung) as v:
            if v.execute(select(datenstand.c.id).where(datenstand.c.id == id)).first() is None:
                raise KeyError(f"Datenstand {id} gibt es nicht.")
            self._aktivieren(v, id)
            v.execute(insert(protokoll).values(
                zeit=datetime.now(UTC), aktion="aktivieren", von=von[:200], erfolg=True,
                meldung=f"Datenstand {id} aktiviert"))
            return self.datenstand(id, v)

    def protokolliere(self, aktion: str, von: str, dateiname: str, sha256: str, erfolg: bool, meldung: str,
                      verbindung=None):
        """Ein Eintrag ins Protokoll, ohne `verbindung` in eigener Transaktion (auch für fehlgeschlagene Versuche)."""
        with nullcontext(verbindung) if verbindung is not None else self.engine.begin() as v:
            v.execute(insert(protokoll).values(
                zeit=datetime.now(UTC), aktion=aktion[:50], von=von[:200], dateiname=dateiname[:500],
                sha256=sha256[:64], erfolg=erfolg, meldung=meldung[:10000]))

    def protokoll_uebernehmen(self, eintraege: list[dict], herkunft: str, verbindung=None) -> int:
        """Hängt Einträge einer Sicherung an (ursprüngliche Zeit, Aktion mit Vorsilbe); doppelte übergeht es."""
        schluessel = lambda z: (als_utc(z["zeit"]).isoformat(timespec="seconds"), z["aktion"], z["meldung"])  # noqa: E731
        with self.schreibend_in(verbindung) as v:
            vorhanden = {schluessel(z._mapping) for z in v.execute(select(protokoll)).all()}
            neu = [z | {"aktion": f"{herkunft}{z['aktion']}"[:50]} for z in eintraege]
            neu = [z for z in neu if schluessel(z) not in vorhanden]
            if neu:
                v.execute(insert(protokoll), [{k: z[k] for k in (
                    "zeit", "aktion", "von", "dateiname", "sha256", "erfolg", "meldung")} for z in neu])
        return len(neu)

    @staticmethod
    def _aktivieren(verbindung, id: int):
        verbindung.execute(update(datenstand).where(datenstand.c.aktiv.is_(True)).values(aktiv=False))
        verbindung.execute(update(datenstand).where(datenstand.c.id == id).values(aktiv=True))


def _lang(kennzahlen: Kennzahlen) -> pd.DataFrame:
    """Zählgrößen im Langformat (zeile, merkmal, anzahl, geheim), wie sie in kennzahl_wert stehen."""
    merkmale = kennzahlen.merkmale
    anzahl = kennzahlen.zeilen[merkmale].set_axis(range(1, len(kennzahlen) + 1))
    geheim = kennzahlen.geheim[merkmale].set_axis(anzahl.index)
    return (anzahl.rename_axis("zeile").melt(ignore_index=False, var_name="merkmal", value_name="anzahl")
            .assign(geheim=geheim.melt()["value"].to_numpy()).reset_index())


def _datensaetze(tabelle: pd.DataFrame) -> list[dict]:
    """DataFrame -> Liste von dicts mit Python-Typen (None statt <NA>), wie die Datenbank sie nimmt."""
    return [{k: (None if pd.isna(v) else v.item() if hasattr(v, "item") else v) for k, v in z.items()}
            for z in tabelle.to_dict("records")]


def wiederholt(schritt, versuche: int = 5):
    """Führt eine Transaktion aus und wiederholt sie, wenn SQLite sie wegen eines gleichzeitigen Schreibers
    abbricht („database is locked“); das kommt vor, wenn mehrere Prozesse zugleich zum ersten Mal starten."""
    for versuch in range(versuche):
        try:
            return schritt()
        except OperationalError as fehler:
            if "locked" not in str(fehler) or versuch == versuche - 1:
                raise
            time.sleep(0.2 * (versuch + 1))


def als_utc(zeit: datetime) -> datetime:
    """SQLite gibt Zeitpunkte ohne Zone zurück; gespeichert wird immer UTC."""
    return zeit if zeit.tzinfo else zeit.replace(tzinfo=UTC)


def _sqlite_beginnen(verbindung):
    """Schreibtransaktionen (Ablage.schreibend) nehmen die Schreibsperre sofort, nicht erst beim ersten Schreiben."""
    verbindung.exec_driver_sql("BEGIN IMMEDIATE" if verbindung.get_execution_options().get("schreibend") else "BEGIN")


def _sqlite_verbinden(verbindung, _):
    """Fremdschlüssel an; und die Transaktion selbst beginnen (Rezept der SQLAlchemy-Doku), denn pysqlite
    begänne sie erst beim ersten Schreiben, sodass ein Lesen davor (nur_wenn_leer) nicht geschützt wäre.

    Schutz des Gespeicherten über diese Verbindung: `recursive_triggers`, damit auch das Löschen, das
    INSERT OR REPLACE und REPLACE bei einem Konflikt vornehmen, die Trigger auslöst; und ein Authorizer, der
    Trigger, Tabellen und Schemaschalter unantastbar macht (DROP TRIGGER, DROP TABLE, PRAGMA writable_schema und
    recursive_triggers). Wer die Datei selbst öffnen kann, umgeht beides – dagegen helfen nur Dateirechte und
    signierte Sicherungen (README, Datenpflege)."""
    verbindung.isolation_level = None
    verbindung.execute("PRAGMA foreign_keys=ON")
    verbindung.execute("PRAGMA recursive_triggers=ON")
    verbindung.set_authorizer(_sqlite_erlaubt)


def _sqlite_erlaubt(aktion, erstes, zweites, _datenbank, _ausloeser) -> int:
    if aktion in (sqlite3.SQLITE_DROP_TRIGGER, sqlite3.SQLITE_DROP_TEMP_TRIGGER, sqlite3.SQLITE_DROP_TABLE,
                  sqlite3.SQLITE_DROP_VIEW):
        return sqlite3.SQLITE_DENY
    if aktion == sqlite3.SQLITE_PRAGMA and (erstes or "").lower() in ("writable_schema", "recursive_triggers",
                                                                     "trusted_schema") and zweites is not None:
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK
