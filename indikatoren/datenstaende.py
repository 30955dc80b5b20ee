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
from sqlalchemy import (
    DDL,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import OperationalError

from indikatoren import konfiguration, schema
from indikatoren.kennzahlen import Kennzahlen, aus_spalten
from indikatoren.spalten import ANZAHLEN, KOPF

metadaten = MetaData()


def _nur_einer_aktiv(name: str) -> Index:
    """Teil-Index: die Datenbank selbst lässt höchstens eine Zeile mit aktiv = wahr zu."""
    return Index(name, "aktiv", unique=True, sqlite_where=Column("aktiv").is_(True),
                 postgresql_where=Column("aktiv").is_(True))


datenstand = Table(
    "datenstand", metadaten,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("erstellt", DateTime(timezone=True), nullable=False),
    Column("von", String(200), nullable=False),
    Column("dateiname", String(500), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("zeilen", Integer, nullable=False),
    Column("kommentar", Text, nullable=False, default=""),
    Column("grundlage", Integer, nullable=True),  # bei --ergaenzen: der Stand, der ergänzt wurde
    Column("aktiv", Boolean, nullable=False, default=False),
    _nur_einer_aktiv("ein_aktiver_datenstand"),
)

kennzahl_zeile = Table(
    "kennzahl_zeile", metadaten,
    Column("datenstand_id", Integer, primary_key=True),
    Column("zeile", Integer, primary_key=True),
    Column("ags", String(9), nullable=False),
    Column("name", String(200), nullable=False),
    Column("jahr", Integer, nullable=False),
    Column("stichtag_sgb2", String(7), nullable=False),
    Column("stichtag_bev", String(10), nullable=False),
    Column("quelle", Text, nullable=False),
    Column("art", String(20), nullable=False),
    Column("quelle_sgb2", Text, nullable=False, server_default=""),  # seit Schritt 0002; leer: es gilt quelle
    Column("quelle_bev", Text, nullable=False, server_default=""),
    ForeignKeyConstraint(["datenstand_id"], ["datenstand.id"]),
)

kennzahl_wert = Table(
    "kennzahl_wert", metadaten,
    Column("datenstand_id", Integer, primary_key=True),
    Column("zeile", Integer, primary_key=True),
    Column("merkmal", String(20), primary_key=True),
    Column("anzahl", BigInteger, nullable=True),  # NULL: fehlt oder geheim
    Column("geheim", Boolean, nullable=False),
    ForeignKeyConstraint(["datenstand_id", "zeile"], ["kennzahl_zeile.datenstand_id", "kennzahl_zeile.zeile"]),
)

protokoll = Table(
    "protokoll", metadaten,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("zeit", DateTime(timezone=True), nullable=False),
    Column("aktion", String(50), nullable=False),
    Column("von", String(200), nullable=False),
    Column("dateiname", String(500), nullable=False, default=""),
    Column("sha256", String(64), nullable=False, default=""),
    Column("erfolg", Boolean, nullable=False),
    Column("meldung", Text, nullable=False, default=""),
)


listenstand = Table(  # Einrichtungen, Angebote: jede Änderung ein neuer, vollständiger Stand (indikatoren/listen.py)
    "listenstand", metadaten,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("liste", String(30), nullable=False),
    Column("nr", Integer, nullable=False),  # Nummer des Stands innerhalb seiner Liste (Einrichtungsstand 3)
    Column("erstellt", DateTime(timezone=True), nullable=False),
    Column("von", String(200), nullable=False),
    Column("dateiname", String(500), nullable=False, default=""),
    Column("kommentar", Text, nullable=False, default=""),
    Column("aktiv", Boolean, nullable=False, default=False),
    Index("ein_aktiver_listenstand", "liste", unique=True, sqlite_where=Column("aktiv").is_(True),
          postgresql_where=Column("aktiv").is_(True)),
    UniqueConstraint("liste", "nr"),
)

listeneintrag = Table(
    "listeneintrag", metadaten,
    Column("stand_id", Integer, primary_key=True),
    Column("nr", Integer, primary_key=True),
    Column("kennung", String(50), nullable=False),  # feste Kennung über alle Stände (E001, A001, …)
    Column("daten", Text, nullable=False),  # die Zeile als JSON-Objekt, Spalte -> Text
    ForeignKeyConstraint(["stand_id"], ["listenstand.id"]),
)

ablage_kreis = Table(  # zu welchem Kreis die Datenbank gehört (eine Zeile; Ablage.kreis_festhalten)
    "ablage_kreis", metadaten,
    Column("kreis", String(12), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("seit", DateTime(timezone=True), nullable=False),
)

geokodierung = Table(  # Zwischenspeicher der Geokodierung: jede Adresse je Dienst nur einmal fragen
    "geokodierung", metadaten,
    Column("dienst", String(300), primary_key=True),
    Column("adresse", String(500), primary_key=True),
    Column("antwort", Text, nullable=False),  # JSON: [lat, lon, Anzeigename] oder null (nicht gefunden)
    Column("zeit", DateTime(timezone=True), nullable=False),
)

anmeldeversuch = Table(  # Fehlversuche je Name und Herkunft (Adresse), für die wachsende Wartezeit
    "anmeldeversuch", metadaten,
    Column("name", String(100), primary_key=True),
    Column("quelle", String(64), primary_key=True),
    Column("fehlversuche", Integer, nullable=False),
    Column("gesperrt_bis", DateTime(timezone=True), nullable=True),
)

anmeldesitzung = Table(  # angemeldete Browser (indikatoren/anmeldesitzung.py): nur Hashes, nie die Kennungen selbst
    "anmeldesitzung", metadaten,
    Column("kennung", String(64), primary_key=True),  # SHA-256 des Einlösecodes, nach dem Einlösen der Sitzung
    Column("name", String(100), nullable=False),
    Column("herkunft", String(64), nullable=False),
    Column("erstellt", DateTime(timezone=True), nullable=False),
    Column("aktiv", DateTime(timezone=True), nullable=False),
    Column("eingeloest", Boolean, nullable=False),
    Column("beendet", Boolean, nullable=False),
)

spaltenprofil = Table(  # Zuordnungen von Spalten (indikatoren/spaltenprofile.py); jede Änderung im Protokoll
    "spaltenprofil", metadaten,
    Column("name", String(200), primary_key=True),
    Column("zuordnung", Text, nullable=False),  # JSON (zuordnung.Profil.als_json)
    Column("von", String(200), nullable=False),
    Column("geaendert", DateTime(timezone=True), nullable=False),
)

# Was einmal gespeichert ist, kann die Anwendung nicht mehr ändern oder löschen: Datenstände gehen nie
# verloren, das Protokoll bleibt, wie es geschrieben wurde (nur `datenstand.aktiv` darf wechseln).
_UNVERAENDERLICH = {"protokoll": ("UPDATE", "DELETE"), "kennzahl_zeile": ("UPDATE", "DELETE"),
                    "kennzahl_wert": ("UPDATE", "DELETE"), "datenstand": ("DELETE",),
                    "listeneintrag": ("UPDATE", "DELETE"), "listenstand": ("DELETE",)}


def _schutz_sqlite(tabelle: str, aktion: str) -> DDL:
    return DDL(f"CREATE TRIGGER IF NOT EXISTS {tabelle}_kein_{aktion.lower()} BEFORE {aktion} ON {tabelle} "
               f"BEGIN SELECT RAISE(ABORT, '{tabelle}: {aktion} ist nicht erlaubt'); END")


def _schutz_postgresql(tabelle: str, aktionen: tuple[str, ...]) -> DDL:
    return DDL(f"CREATE OR REPLACE FUNCTION {tabelle}_unveraenderlich() RETURNS trigger AS $$ BEGIN "
               f"RAISE EXCEPTION '{tabelle}: %% ist nicht erlaubt', TG_OP; END $$ LANGUAGE plpgsql; "
               f"CREATE TRIGGER {tabelle}_unveraenderlich BEFORE {' OR '.join(aktionen)} ON {tabelle} "
               f"FOR EACH ROW EXECUTE FUNCTION {tabelle}_unveraenderlich()")


for _name, _aktionen in _UNVERAENDERLICH.items():
    for _aktion in _aktionen:
        event.listen(metadaten.tables[_name], "after_create",
                     _schutz_sqlite(_name, _aktion).execute_if(dialect="sqlite"))
    event.listen(metadaten.tables[_name], "after_create",
                 _schutz_postgresql(_name, _aktionen).execute_if(dialect="postgresql"))


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
        wiederholt(lambda: schema.aktualisieren(self.engine, metadaten))

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
