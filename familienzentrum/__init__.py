"""Die Zahlen des Familienzentrums für seinen Jahresbericht: Kontakte, Veranstaltungen, Partner, Ziele, Kosten und
Texte – nur Anzahlen, keine Personendaten. Jede Art ist eine versionierte Liste (indikatoren/listen.py)."""
