"""Spaltenprofile (Zuordnung der Spalten einer Tabelle eines Amts) und die Quelle je Art der Zahlen: SGB-II-Zahlen
und Bevölkerung kommen aus verschiedenen Dateien und behalten ihre eigene Quelle neben ihrem eigenen Stichtag.

Ältere Zeilen bekommen leere Quellen je Art; dann gilt ihre Spalte `quelle` für beide (wie bisher).
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "spaltenprofil",
        sa.Column("name", sa.String(200), primary_key=True),
        sa.Column("zuordnung", sa.Text, nullable=False),
        sa.Column("von", sa.String(200), nullable=False),
        sa.Column("geaendert", sa.DateTime(timezone=True), nullable=False),
    )
    op.add_column("kennzahl_zeile", sa.Column("quelle_sgb2", sa.Text, nullable=False, server_default=""))
    op.add_column("kennzahl_zeile", sa.Column("quelle_bev", sa.Text, nullable=False, server_default=""))


def downgrade() -> None:
    op.drop_column("kennzahl_zeile", "quelle_bev")
    op.drop_column("kennzahl_zeile", "quelle_sgb2")
    op.drop_table("spaltenprofil")
