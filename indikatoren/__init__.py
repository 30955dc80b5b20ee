"""Kern des Sozialplanungs-Dashboards, nach Aufgaben geteilt (von unten nach oben, geprüft in .importlinter):

- grundlagen: Katalog, Spalten, Gebiete, Listenarten, Meldungen, Zahlenformat, Einstellungen
- rechnen: Indikatoren, Sozialraumsummen, Geheimhaltung, Auswertung, Klassen – ohne Datenbank
- einlesen: Dateien lesen und prüfen, Vorschau, Vorlage, Export
- ablage: Schema, Schritte (Alembic), Datenstände, Listen, Spaltenprofile
- orte, zugang: Einrichtungen und Sozialräume; Anmeldung und Rollen
- ablaeufe: Einlesen als Datenstand, Sicherung

Dieses Paket importiert nie Streamlit, damit alles ohne Oberfläche testbar und per Kommandozeile nutzbar bleibt.
"""
