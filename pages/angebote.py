"""Angebote finden: ein Wegweiser für Fachkräfte und Familien; der Filter steht im Link, die Liste druckt auf A4."""

import streamlit as st
from streamlit_folium import st_folium

from angebote import katalog, suche
from angebote.orte import orte_der_treffer
from darstellung.karte import stellvertreter, wegweiserorte
from darstellung.maskierung import md
from darstellung.wegweiser import angebot_markdown
from indikatoren.grundlagen import geodaten
from pages import _ansicht as sicht
from pages import _bedienung as bedienung
from pages import _rahmen as rahmen
from pages import _zwischenspeicher as speicher

k = rahmen.kontext()
gebiete = speicher.gebiete()
namen = dict(zip(gebiete.gemeinden["ags"], gebiete.gemeinden["name"]))
if not k.praesentation:
    oben = st.columns(3)
    with oben[0]:
        bedienung.auswahl(st.selectbox, "Lebensphase", [None, *katalog.LEBENSPHASEN], "lebensphase",
                          format_func=lambda p: p or "alle Lebensphasen")
    with oben[1]:
        bedienung.auswahl(st.selectbox, "Handlungsfeld", [None, *katalog.HANDLUNGSFELDER], "handlungsfeld",
                          format_func=lambda h: h or "alle Handlungsfelder")
    with oben[2]:
        bedienung.auswahl(st.selectbox, "Gemeinde", [None, *sorted(namen, key=namen.get)], "gemeinde",
                          format_func=lambda a: namen.get(a, "alle Gemeinden"))
    st.text_input("Suche (Stichworte, etwa „Sprache“ oder „Eltern“)", value=sicht.ansicht().q, key="w_q",
                  max_chars=100, on_change=lambda: sicht.setze(q=st.session_state["w_q"].strip()))
    unten = st.columns(4)
    kostenlos = unten[0].checkbox("nur kostenlose", key="wg_kostenlos")
    barrierefrei = unten[1].checkbox("nur barrierefreie", key="wg_barrierefrei")
    zugang = unten[2].selectbox("Zugang", [None, *katalog.ZUGAENGE], key="wg_zugang",
                                format_func=lambda z: z or "jeder Zugang")
    sprache = unten[3].text_input("Sprache", key="wg_sprache", max_chars=40)
else:
    kostenlos, barrierefrei, zugang, sprache = False, False, None, ""

a = sicht.ansicht()
treffer = suche.finde(speicher.angebote(), suche.Filter(
    lebensphase=a.lebensphase, handlungsfeld=a.handlungsfeld, gemeinde=a.gemeinde, nur_kostenlos=kostenlos,
    sprache=sprache, nur_barrierefrei=barrierefrei, zugang=zugang, text=a.q))
st.title(f"Familienwegweiser {md(namen[a.gemeinde])}" if a.gemeinde else "Angebote finden")
geplant = int((treffer["status"] == "geplant").sum())
st.caption(f"{len(treffer)} Angebote" + (f", davon {geplant} geplant und noch nicht bestätigt" if geplant else "")
           + (" · mit den kreisweiten Angeboten" if a.gemeinde else ""))
if treffer.empty:
    st.info("Kein Angebot passt zu dieser Auswahl. Weniger Filter wählen oder die Suche kürzen.")
for angebot in treffer.to_dict("records"):
    st.markdown(angebot_markdown(angebot, namen))
if not treffer.empty:
    orte, eigene, ohne_ort = orte_der_treffer(treffer, speicher.einrichtungen())
    # im Aufklapper, denn Aufklapper druckt der Familienwegweiser nicht mit
    anzahl = len(orte) + len(eigene)
    with st.expander(f"Auf der Karte: {anzahl} {'Ort' if anzahl == 1 else 'Orte'}", expanded=True):
        try:
            # die Grenzen lädt der Browser einmal als Datei; eine neue Suche schickt nur ihre Punkte
            st_folium(stellvertreter(speicher.grenzen(), speicher.wegweisergrundlage()), key="wegweiser_karte",
                      height=420, use_container_width=True, returned_objects=[],
                      feature_group_to_add=wegweiserorte(orte, eigene))
        except geodaten.GeodatenFehlen as fehler:
            st.warning(md(fehler))
        if ohne_ort:
            st.caption(f"{ohne_ort} der gefundenen Angebote haben noch keinen Ort auf der Karte (keine Einrichtung "
                       "angegeben oder deren Lage fehlt).")
