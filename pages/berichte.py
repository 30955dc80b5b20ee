"""Berichte: Sozialbericht des Kreises, alle Gemeindeprofile und der Jahresbericht des Familienzentrums als PDF
(A4, barrierefrei), mit Fortschritt."""

import streamlit as st

import berichte
from darstellung.maskierung import md
from familienzentrum.pruefung import berichtsjahre
from indikatoren.grundlagen import geodaten
from pages import _rahmen as rahmen
from pages import _zwischenspeicher as speicher

k = rahmen.kontext()
st.title("Berichte")
st.caption(f"Aus Datenstand {k.datenstand.id}, genau so, wie Leser die Zahlen sehen (kleine Zahlen gesperrt). Jedes "
           "PDF ist getaggt (PDF/UA) und nennt auf jeder Seite Datenstand, Stichtag und Quellen.")
fz_jahre = berichtsjahre()

BERICHTE = (
    ("sozialbericht", "Sozialbericht", "Überblick in Zahlen, je Indikator Karte und Rangliste, der Kreis neben Land "
     "und Bund, alle Gemeinden in einer Tabelle, die Präventionskette, Definitionen und Quellen.", k.jahr, {}),
    ("gemeindeprofil", "Alle Gemeindeprofile", "Je Gemeinde eine A4-Seite wie das Gemeindeprofil.", k.jahr,
     {"gemeinden": speicher.gebiete().gemeinden.sort_values("name")["ags"].tolist()}),
    ("jahresbericht", "Jahresbericht Familienzentrum", "Kontakte, Veranstaltungen, Partner, Ziele und Kosten des "
     "Familienzentrums (in der Datenpflege eingetragen), seine Angebote und die soziale Lage seiner Gemeinde.",
     None, {}),
)
for bericht, titel, inhalt, jahr, angaben in BERICHTE:
    st.header(titel)
    st.markdown(inhalt)
    if jahr is None:  # der Jahresbericht gilt dem Jahr des Familienzentrums, nicht einem Jahr der Kennzahlen
        jahr = st.selectbox("Berichtsjahr", fz_jahre, key=f"jahr_{bericht}", disabled=k.praesentation)
    schluessel = f"bericht_{bericht}_{k.datenstand.id}_{jahr}"
    if st.button(f"{titel} {jahr} erstellen", key=f"erstellen_{bericht}", disabled=k.praesentation):
        balken = st.progress(0.0, text="Daten werden zusammengestellt …")
        try:
            with rahmen.ein_bericht_zur_zeit():
                st.session_state[schluessel] = berichte.pdf(
                    bericht, speicher.berichtsdaten(), jahr=jahr, **angaben,
                    fortschritt=lambda erledigt, gesamt, was, balken=balken: balken.progress(erledigt / gesamt,
                                                                                               text=md(was)))
        except (geodaten.GeodatenFehlen, LookupError, rahmen.BerichtBesetzt) as fehler:
            st.error(md(fehler))
        balken.empty()
    if pdf := st.session_state.get(schluessel):
        st.download_button(f"{titel} {jahr} herunterladen (PDF, {len(pdf) // 1024} KB)", pdf,
                           f"{bericht}_{jahr}_datenstand{k.datenstand.id}.pdf", "application/pdf",
                           key=f"laden_{bericht}", type="primary")
        if bericht == "jahresbericht":  # zum Weiterschreiben, bevor er in den Rat geht
            st.download_button(f"{titel} {jahr} als Word-Dokument (DOCX)",
                               rahmen.bericht_beim_klick("jahresbericht", als="docx", jahr=jahr),
                               f"jahresbericht_{jahr}.docx",
                               "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                               key="laden_jahresbericht_docx")
