"""Einstieg des Sozialplanungs-Dashboards: Seitenrahmen, Navigation, gemeinsame Seitenleiste.

Start: streamlit run server.py (der Server mit den Wegen der Anmeldung bedient diese Datei). Die Seiten liegen in
pages/; was sie teilen, in pages/_rahmen.py (Rahmen), _bedienung.py, _zwischenspeicher.py und _ansicht.py.
"""


import streamlit as st

import angebote  # noqa: F401  (die Fachpakete melden ihre Listen an: die Sicherung führt sie mit)
import familienzentrum  # noqa: F401
from darstellung import dokument
from darstellung.karte import alte_grundlagen_entfernen, leaflet_bereitstellen
from darstellung.stil import css
from pages import _anmeldung as anmeldung
from pages import _ansicht as sicht
from pages import _rahmen as rahmen
from pages import _sitzungsschutz as sitzungsschutz
from pages import _zwischenspeicher as speicher

st.set_page_config(layout="wide", initial_sidebar_state="auto")  # auto: auf dem Telefon eingeklappt
leaflet_bereitstellen()
alte_grundlagen_entfernen()
sitzungsschutz.cache_leeren_nur_fuer_diese_sitzung()

SEITEN = [
    st.Page("pages/uebersicht.py", title="Übersicht", url_path="uebersicht", default=True),
    st.Page("pages/karte.py", title="Karte", url_path="karte"),
    st.Page("pages/gemeindeprofil.py", title="Gemeindeprofil", url_path="gemeindeprofil"),
    st.Page("pages/zeitvergleich.py", title="Zeitvergleich", url_path="zeitvergleich"),
    st.Page("pages/praeventionskette.py", title="Präventionskette", url_path="praeventionskette"),
    st.Page("pages/angebote.py", title="Angebote finden", url_path="angebote"),
    st.Page("pages/angebot-melden.py", title="Angebot melden", url_path="angebot-melden"),
    st.Page("pages/berichte.py", title="Berichte", url_path="berichte"),
    st.Page("pages/methodik.py", title="Methodik und Quellen", url_path="methodik"),
    st.Page("pages/datenpflege.py", title="Datenpflege", url_path="datenpflege",
            visibility="visible" if anmeldung.benutzer() else "hidden"),  # Leser sehen sie nicht
]
OHNE_LESERDATEN = {"datenpflege", "angebot-melden"}
praesentation = sicht.ansicht().praesentation if "ansicht" in st.session_state else \
    st.query_params.get("praesentation") == "1"
seite = st.navigation(SEITEN, position="hidden" if praesentation else "sidebar")
st.markdown(css(praesentation), unsafe_allow_html=True)
with st.container(key="dokument"):
    st.html(dokument.skript(), unsafe_allow_javascript=True)
with rahmen.fehlergrenze():
    speicher.lauf_beginnen()
    st.set_page_config(page_title=dokument.titel(seite.title, speicher.gebiete().name(speicher.gebiete().kreis)))
    if seite.url_path in OHNE_LESERDATEN:  # öffnen auch bei kaputtem aktivem Stand, ohne Seitenleiste der Leser
        seite.run()
    else:
        with rahmen.der_reihe_nach(seite.url_path):
            if rahmen.vorbereiten(seite.url_path) is not None:
                seite.run()
                rahmen.abschliessen(seite.url_path)
