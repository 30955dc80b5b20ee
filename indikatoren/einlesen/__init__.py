"""Dateien lesen und prüfen, wie Ämter, BA und Excel sie liefern: Tabellen, ZIP, Grenzdateien, Spalten zuordnen,
Vorschau, Vorlage und Export. Liest und prüft nur; gespeichert wird in indikatoren.ablage."""
