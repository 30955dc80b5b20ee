"""Das Schema der Ablage (schema.py) auf dem neuesten Stand halten, mit Alembic (Schritte in migrationen/versions).

Eine leere Datenbank bekommt das ganze Schema samt Schutz-Triggern (create_all) und gilt als aktuell; eine ältere
ohne Versionsvermerk durchläuft alle Schritte, beginnend mit dem Ausgangsschema (0001), das anlegt, was ihr davon
fehlt; eine mit Vermerk die Schritte nach ihrem. Alles geschieht
beim Öffnen in einer Transaktion, die andere Schreiber ausschließt: zwei Prozesse, die zugleich starten, heben nicht
doppelt, und ein abgebrochener Schritt lässt die Datenbank, wie sie war.
"""

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, inspect
from sqlalchemy.engine import Engine

ORDNER = Path(__file__).with_name("migrationen")
SPERRE = 7243001  # PostgreSQL: Beratungssperre, solange ein Prozess das Schema hebt


def _konfiguration(verbindung) -> Config:
    konfiguration = Config()
    konfiguration.set_main_option("script_location", str(ORDNER))
    konfiguration.attributes["verbindung"] = verbindung
    return konfiguration


def neuester() -> str:
    """Die Revision, die der Code erwartet."""
    kopf = ScriptDirectory.from_config(_konfiguration(None)).get_current_head()
    if kopf is None:
        raise RuntimeError(f"In {ORDNER} fehlen die Schritte des Schemas.")
    return kopf


def stand(engine: Engine) -> str | None:
    """Die Revision der Datenbank (None: vor Alembic oder leer)."""
    with engine.connect() as verbindung:
        return MigrationContext.configure(verbindung).get_current_revision()


def aktualisieren(engine: Engine, metadaten: MetaData) -> None:
    with engine.execution_options(schreibend=True).begin() as verbindung:
        if verbindung.dialect.name == "postgresql":
            verbindung.exec_driver_sql(f"SELECT pg_advisory_xact_lock({SPERRE})")
        revision = MigrationContext.configure(verbindung).get_current_revision()
        if revision == neuester():
            return
        konfiguration = _konfiguration(verbindung)
        if revision is None and not inspect(verbindung).get_table_names():
            metadaten.create_all(verbindung)
            command.stamp(konfiguration, "head")
            return
        command.upgrade(konfiguration, "head")  # ohne Vermerk: ab dem Ausgangsschema, das Fehlendes anlegt
