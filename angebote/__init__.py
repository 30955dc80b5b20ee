"""Angebote der Präventionskette: was Kreis, Gemeinden und freie Träger entlang der Lebensphasen anbieten.

Ohne Streamlit, wie indikatoren/: Begriffe (katalog), Prüfung einer Angebotsliste (pruefung), Lückenmatrix
(luecken). Die Seiten und die Pflege in der Datenbank bauen darauf auf. Beim Laden meldet das Paket seine Liste
an (indikatoren.grundlagen.listenarten.anmelden): so sichert der Kern sie mit, ohne das Paket zu kennen.
"""

from datetime import date

from angebote.katalog import LISTE
from angebote.pruefung import pruefe
from indikatoren.grundlagen.listenarten import anmelden

anmelden(LISTE, lambda tabelle, datei, gebiete: pruefe(tabelle, datei, gebiete, heute=date.max))
