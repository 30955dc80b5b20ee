"""Berichte: Sozialbericht des Kreises und alle Gemeindeprofile als PDF (A4, barrierefrei), mit Fortschritt."""

import streamlit as st

import berichte
from darstellung.maskierung import md
from indikatoren import geodaten
from pages import _rahmen as rahmen

k = rahmen.kontext()
st.title("Berichte")
st.caption(f"Aus Datenstand {k.datenstand.id} für {k.jahr}, genau so, wie Leser die Zahlen sehen (kleine Zahlen "
           "gesperrt). Jedes PDF ist getaggt (PDF/UA) und nennt auf jeder Seite Datenstand, Stichtag und Quellen.")

BERICHTE = (
    ("sozialbericht", "Sozialbericht", "Überblick in Zahlen, je Indikator Karte und Rangliste, der Kreis neben Land "
     "und Bund, alle Gemeinden in einer Tabelle, die Präventionskette, Definitionen und Quellen.", {}),
    ("gemeindeprofil", "Alle Gemeindeprofile", "Je Gemeinde eine A4-Seite wie das Gemeindeprofil.",
     {"gemeinden": rahmen.gebiete().gemeinden.sort_values("name")["ags"].tolist()}),
)
for bericht, titel, inhalt, angaben in BERICHTE:
    st.subheader(titel)
    st.markdown(inhalt)
    schluessel = f"bericht_{bericht}_{k.datenstand.id}_{k.jahr}"
    if st.button(f"{titel} {k.jahr} erstellen", key=f"erstellen_{bericht}", disabled=k.praesentation):
        balken = st.progress(0.0, text="Daten werden zusammengestellt …")
        try:
            st.session_state[schluessel] = berichte.pdf(
                bericht, rahmen.berichtsdaten(), jahr=k.jahr, **angaben,
                fortschritt=lambda erledigt, gesamt, was, balken=balken: balken.progress(erledigt / gesamt,
                                                                                           text=md(was)))
        except geodaten.GeodatenFehlen as fehler:
            st.error(md(fehler))
        balken.empty()
    if pdf := st.session_state.get(schluessel):
        st.download_button(f"{titel} {k.jahr} herunterladen (PDF, {len(pdf) // 1024} KB)", pdf,
                           f"{bericht}_{k.jahr}_datenstand{k.datenstand.id}.pdf", "application/pdf",
                           key=f"laden_{bericht}", type="primary")
