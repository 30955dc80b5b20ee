"""Das Schema der Ablage an einer Stelle: jede Tabelle jedes Speichers (Datenstände, Listen, Protokoll, Anmeldung,
Geokodierung, Spaltenprofile) und der Schutz, mit dem die Datenbank selbst Ändern und Löschen verweigert.

Neue Spalten und Tabellen kommen hier hinzu und zugleich als Schritt in migrationen/versions (siehe migration.py).
"""

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
    event,
)

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


listenstand = Table(  # Einrichtungen, Angebote: jede Änderung ein neuer, vollständiger Stand (listen.py)
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

anmeldesitzung = Table(  # angemeldete Browser (zugang/anmeldesitzung.py): nur Hashes, nie die Kennungen selbst
    "anmeldesitzung", metadaten,
    Column("kennung", String(64), primary_key=True),  # SHA-256 des Einlösecodes, nach dem Einlösen der Sitzung
    Column("name", String(100), nullable=False),
    Column("herkunft", String(64), nullable=False),
    Column("erstellt", DateTime(timezone=True), nullable=False),
    Column("aktiv", DateTime(timezone=True), nullable=False),
    Column("eingeloest", Boolean, nullable=False),
    Column("beendet", Boolean, nullable=False),
)

spaltenprofil = Table(  # Zuordnungen von Spalten (indikatoren/ablage/spaltenprofile.py); jede Änderung im Protokoll
    "spaltenprofil", metadaten,
    Column("name", String(200), primary_key=True),
    Column("zuordnung", Text, nullable=False),  # JSON (zuordnung.Profil.als_json)
    Column("von", String(200), nullable=False),
    Column("geaendert", DateTime(timezone=True), nullable=False),
)

einreichung = Table(  # von außen Eingereichtes (ablage/einreichungen.py): wartet, bis die Datenpflege entscheidet
    "einreichung", metadaten,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("liste", String(30), nullable=False),  # wofür: „angebote“
    Column("art", String(20), nullable=False),  # neu, aenderung, bestaetigung
    Column("kennung", String(50), nullable=False, default=""),  # der Eintrag, den sie ändert (leer: neu)
    Column("daten", Text, nullable=False),  # JSON-Objekt, Spalte -> Text
    Column("eingegangen", DateTime(timezone=True), nullable=False),
    Column("herkunft", String(64), nullable=False),  # verschlüsselter Hash der Adresse, nie die Adresse selbst
    Column("meldeadresse", String(200), nullable=False, default=""),  # E-Mail für Rückfragen und Links, nie öffentlich
    Column("status", String(20), nullable=False),  # offen, angenommen, abgelehnt
    Column("grund", Text, nullable=False, default=""),
    Column("bearbeitet_von", String(200), nullable=False, default=""),
    Column("bearbeitet_am", DateTime(timezone=True), nullable=True),
    Column("stand", Integer, nullable=True),  # der Stand der Liste, den die Annahme anlegte
    Index("einreichung_offen", "liste", "status"),
)

aktualisierungslink = Table(  # persönliche Links (zugang/aktualisierungslinks.py): nur der Hash ihres Zufallsteils
    "aktualisierungslink", metadaten,
    Column("hash", String(64), primary_key=True),
    Column("liste", String(30), nullable=False),
    Column("kennung", String(50), nullable=False),
    Column("erstellt", DateTime(timezone=True), nullable=False),
    Column("gueltig_bis", DateTime(timezone=True), nullable=False),
    Column("von", String(200), nullable=False),
    Column("benutzt_am", DateTime(timezone=True), nullable=True),
    Column("widerrufen_am", DateTime(timezone=True), nullable=True),
    Index("aktualisierungslink_eintrag", "liste", "kennung"),
)

geheimnis = Table(  # Schlüssel, die die Anwendung selbst erzeugt (ablage/geheimnisse.py); nie in der Sicherung
    "geheimnis", metadaten,
    Column("name", String(50), primary_key=True),
    Column("wert", String(200), nullable=False),
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
