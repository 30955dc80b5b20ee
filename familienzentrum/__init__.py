"""Die Zahlen des Familienzentrums für seinen Jahresbericht: Kontakte, Veranstaltungen, Partner, Ziele, Kosten und
Texte – nur Anzahlen, keine Personendaten. Jede Art ist eine versionierte Liste (indikatoren/ablage/listen.py) und wird
beim Laden des Pakets angemeldet, damit die Sicherung sie mitführt."""

from datetime import date

from familienzentrum.katalog import LISTEN
from familienzentrum.pruefung import pruefe
from indikatoren.grundlagen.listenarten import anmelden

for _art in LISTEN:
    anmelden(_art, lambda tabelle, datei, gebiete, art=_art: pruefe(art, tabelle, datei, heute=date.max))
