"""Methodik und Quellen: Definitionen aus dem Katalog, Stichtage, Datenarten, Namensnennungen,
Barrierefreiheit (NBGG § 9b), Impressum und Datenschutz. Der Inhalt kommt aus darstellung/methodik.py, den auch die
statische Website zeigt."""

import pandas as pd
import streamlit as st

from darstellung import methodik
from indikatoren.orte import geokodierung
from pages import _bedienung as bedienung
from pages import _rahmen as rahmen

k = rahmen.kontext()
try:
    geokodierer = geokodierung.Einstellungen.aus_umgebung().name
except ValueError:  # falsch eingestellt: die Suche nach Adresse meldet es selbst
    geokodierer = "nicht eingestellt"
st.title("Methodik und Quellen")
abschnitte = methodik.abschnitte(k.ergebnis, k.datenstand, geokodierer)
st.markdown("**Inhalt:** " + " · ".join(f"[{a.titel}](#{a.anker})" for a in abschnitte))
for abschnitt in abschnitte:
    st.header(abschnitt.titel, anchor=abschnitt.anker)
    for block in abschnitt.bloecke:
        if isinstance(block, pd.DataFrame):
            bedienung.texttabelle(block.set_index("Jahr") if "Jahr" in block else block)
        elif isinstance(block, methodik.Unterabschnitt):
            st.subheader(block.titel, anchor=block.anker)
        elif isinstance(block, methodik.Hinweis):
            st.info(block.text)
        else:
            st.markdown(block)
