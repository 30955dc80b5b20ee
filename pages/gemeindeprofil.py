"""Gemeindeprofil: eine Gemeinde auf einer Seite – alle Indikatoren, Vergleich, Verlauf, Altersgruppen,
Einrichtungen. Druckt sauber auf A4 (siehe darstellung/stil.py)."""

import streamlit as st

from darstellung import profil
from darstellung.maskierung import md
from darstellung.tabellen import einrichtungen_text
from indikatoren import geodaten
from indikatoren.einrichtungen import namensnennung
from pages import _rahmen as rahmen

HOEHE = 220  # zwei Diagramme, die beim Drucken untereinander stehen, passen so mit auf eine A4-Seite

k = rahmen.kontext()
gemeinden = rahmen.gebiete().gemeinden.sort_values("name")
namen = dict(zip(gemeinden["ags"], gemeinden["name"]))
if not k.praesentation:
    rahmen.auswahl(st.selectbox, "Gemeinde", list(namen), "gemeinde", format_func=namen.get)
ags = rahmen.ansicht().gemeinde or next(iter(namen))
rahmen.setze(gemeinde=ags)  # damit der Link die gezeigte Gemeinde nennt
kreis_ags, jahr = rahmen.gebiete().kreis, k.jahr
st.title(f"Gemeindeprofil {md(namen[ags])} {jahr}")
st.caption(f"Datenstand {k.datenstand.id} · Gemeinde {ags} · Kreiswerte: {md(rahmen.gebiete().name(kreis_ags))}")
if not k.praesentation:
    try:
        st.download_button("Gemeindeprofil als PDF (A4, barrierefrei)",
                           rahmen.bericht_beim_klick("gemeindeprofil", jahr=jahr, gemeinden=[ags]),
                           f"gemeindeprofil_{ags}_{jahr}.pdf", "application/pdf", key="profil_pdf")
    except geodaten.GeodatenFehlen:
        st.caption("Das PDF braucht die Gemeindegrenzen (Lagekarte); sie fehlen gerade.")

tabelle, verlauf, gruppen = rahmen.gemeindeprofil(k, ags, HOEHE)
st.header("Alle Indikatoren")
st.table(tabelle)
st.caption(profil.PLATZ_HINWEIS)

links, rechts = st.columns(2)
with links:
    rahmen.diagramm(verlauf, "profil_verlauf")
with rechts:
    if gruppen is not None:
        rahmen.diagramm(gruppen, "profil_altersgruppen")
    else:
        st.info("Für die Altersgruppen gibt es in diesem Datenstand keine Zahlen.")

einrichtungen = rahmen.einrichtungen()
eigene = einrichtungen[einrichtungen["ags"] == ags]
st.header(f"Einrichtungen ({len(eigene)})")
st.markdown(einrichtungen_text(eigene) or "Für diese Gemeinde sind noch keine Einrichtungen erfasst.")
if hinweis := namensnennung(eigene):
    st.caption(hinweis)
st.caption(f"Quelle: {k.indikator.quelle}. " + " ".join(k.indikator.hinweise))
