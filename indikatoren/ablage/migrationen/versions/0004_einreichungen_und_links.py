"""Einreichungen von außen (etwa Angebote, die Träger melden), persönliche Aktualisierungslinks und die Schlüssel,
die die Anwendung selbst erzeugt."""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "einreichung",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("liste", sa.String(30), nullable=False),
        sa.Column("art", sa.String(20), nullable=False),
        sa.Column("kennung", sa.String(50), nullable=False),
        sa.Column("daten", sa.Text, nullable=False),
        sa.Column("eingegangen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("herkunft", sa.String(64), nullable=False),
        sa.Column("meldeadresse", sa.String(200), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("grund", sa.Text, nullable=False),
        sa.Column("bearbeitet_von", sa.String(200), nullable=False),
        sa.Column("bearbeitet_am", sa.DateTime(timezone=True), nullable=True),
        sa.Column("stand", sa.Integer, nullable=True),
    )
    op.create_index("einreichung_offen", "einreichung", ["liste", "status"])
    op.create_table(
        "aktualisierungslink",
        sa.Column("hash", sa.String(64), primary_key=True),
        sa.Column("liste", sa.String(30), nullable=False),
        sa.Column("kennung", sa.String(50), nullable=False),
        sa.Column("erstellt", sa.DateTime(timezone=True), nullable=False),
        sa.Column("gueltig_bis", sa.DateTime(timezone=True), nullable=False),
        sa.Column("von", sa.String(200), nullable=False),
        sa.Column("benutzt_am", sa.DateTime(timezone=True), nullable=True),
        sa.Column("widerrufen_am", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("aktualisierungslink_eintrag", "aktualisierungslink", ["liste", "kennung"])
    op.create_table(
        "geheimnis",
        sa.Column("name", sa.String(50), primary_key=True),
        sa.Column("wert", sa.String(200), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("geheimnis")
    op.drop_index("aktualisierungslink_eintrag", "aktualisierungslink")
    op.drop_table("aktualisierungslink")
    op.drop_index("einreichung_offen", "einreichung")
    op.drop_table("einreichung")
