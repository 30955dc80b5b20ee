"""Alembic-Umgebung der Ablage: läuft in der Verbindung, die schema.aktualisieren mitgibt (eine Transaktion, die andere
Schreiber ausschließt), oder – von der Kommandozeile `alembic -c indikatoren/ablage/migrationen/alembic.ini …` – gegen
die eingestellte Datenbank (SOZIALPLANUNG_DB)."""

from alembic import context
from sqlalchemy import create_engine

from indikatoren.ablage.schema import metadaten
from indikatoren.grundlagen import konfiguration

verbindung = context.config.attributes.get("verbindung")
if verbindung is not None:
    context.configure(connection=verbindung, target_metadata=metadaten)
    with context.begin_transaction():
        context.run_migrations()
else:
    with create_engine(konfiguration.datenbank_url()).begin() as eigene:
        context.configure(connection=eigene, target_metadata=metadaten)
        with context.begin_transaction():
            context.run_migrations()
