"""Angebote der Präventionskette: was Kreis, Gemeinden und freie Träger entlang der Lebensphasen anbieten.

Ohne Streamlit, wie indikatoren/: Begriffe (katalog), Prüfung einer Angebotsliste (pruefung), Lückenmatrix
(luecken). Die Seiten und die Pflege in der Datenbank bauen darauf auf.
"""
