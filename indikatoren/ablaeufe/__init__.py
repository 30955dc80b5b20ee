"""Abläufe, die die Teile des Kerns verbinden: eine Datei als neuen Datenstand einlesen, alles sichern und
wiederherstellen."""
