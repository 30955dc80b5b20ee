"""Was alle Teile des Kerns teilen: Indikatorenkatalog, Spalten und Kennzahlen-Tabelle, Gebiete und ihre Grenzen,
Listenarten, Meldungen, deutsche Zahlen und Einstellungen. Importiert nichts aus den anderen Teilen des Kerns."""
