"""Die Ablage: das Schema an einer Stelle (schema.py), seine Schritte mit Alembic, Datenstände, versionierte Listen
und Spaltenprofile – alles mit Protokoll, nichts geht verloren."""
