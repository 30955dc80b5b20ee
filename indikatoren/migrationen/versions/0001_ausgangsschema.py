"""Ausgangspunkt: das Schema, wie es vor Alembic mit create_all entstand (Datenstände, Kennzahlen, Protokoll,
Listen, Kreis, Geokodierung, Anmeldung samt den Triggern, die Gespeichertes unveränderlich machen).

Leer, weil es nur der Punkt ist, auf den eine ältere Datenbank ohne Versionsvermerk gesetzt wird; von hier an
hebt jeder Schritt sie weiter.
"""

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
