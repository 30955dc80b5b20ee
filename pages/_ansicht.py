"""Die Ansicht einer Sitzung: Indikator, Jahr, Gemeinde, Klassen, Präsentationsmodus, Filter.

Sie steht in st.session_state["ansicht"] und nach jedem Lauf in den Query-Parametern (rahmen.abschliessen), sodass
ein kopierter Link dieselbe Ansicht öffnet; lesen und prüfen kann sie der Kern (indikatoren.grundlagen.ansicht).
"""

import streamlit as st

from indikatoren.grundlagen import ansicht as ansichten

# Welche Auswahl der Seitenleiste eine Seite auswertet; die anderen Seiten zeigen Indikator und Jahr.
BEDIENUNG = {"zeitvergleich": ("indikator",), "praeventionskette": ("jahr",), "berichte": ("jahr",),
             "angebote": (), "methodik": ()}


def ansicht() -> ansichten.Ansicht:
    return st.session_state["ansicht"]


def setze(**aenderungen) -> None:
    if "gemeinde" in aenderungen and aenderungen["gemeinde"] != ansicht().gemeinde:
        aenderungen.setdefault("sozialraum", None)  # ein Sozialraum gilt nur mit seiner Gemeinde
    st.session_state["ansicht"] = ansicht().mit(**aenderungen)
