"""Datenpflege: „Lage aus Adresse bestimmen“ für Einrichtungen und Angebote ohne Einrichtung. Das Ergebnis geht
in die Vorschau der Liste (_listenpflege.py); gespeichert wird erst dort."""

from collections.abc import Callable

import pandas as pd
import streamlit as st

from darstellung.maskierung import md
from indikatoren.ablage.datenstaende import Ablage
from indikatoren.grundlagen.meldungen import UngueltigeDatei
from indikatoren.grundlagen.zahlenformat import zahl
from indikatoren.orte import geokodierung


def geokodieren(ablage: Ablage, stand: int | None, text: pd.DataFrame, pruefen: Callable[[pd.DataFrame], pd.DataFrame],
                schluessel: str, bezeichnung: str, offen: pd.Series | None = None) -> None:
    """offen: welche Zeilen überhaupt eine eigene Lage haben können (Vorgabe: alle)."""
    bericht_schluessel = f"dp_{schluessel}_geo_bericht"
    if f"dp_{schluessel}_gespeichert" in st.session_state:
        st.session_state.pop(bericht_schluessel, None)
    with st.expander("Lage aus Adresse bestimmen (Geokodierung)"):
        try:
            e = geokodierung.Einstellungen.aus_umgebung()
        except ValueError as fehler:
            st.error(md(fehler))
            return
        moeglich = [i for i in range(len(text)) if (offen is None or offen.iloc[i])
                    and not geokodierung.fest(text.iloc[i])]
        st.caption(f"Dienst: {md(e.name)} (SOZIALPLANUNG_GEOCODER), höchstens eine Anfrage je {zahl(e.pause_s, 1)} s, "
                   "jede Adresse nur einmal. Eine von Hand gesetzte oder veröffentlichte Lage wird nie "
                   "überschrieben; geokodierte Lagen gelten als ungefähr, bis sie bestätigt sind.")
        wahl = st.multiselect("Ohne feste Lage", moeglich, key=f"dp_{schluessel}_geo_wahl",
                              default=[i for i in moeglich if not text.iloc[i]["lat"] and text.iloc[i]["adresse"]],
                              format_func=lambda i: text.iloc[i][bezeichnung])
        if st.button("Lage aus Adresse bestimmen", key=f"dp_{schluessel}_geo_start", disabled=not wahl):
            with st.spinner(f"{md(e.name)} wird gefragt …"):
                ergebnis = geokodierung.lagen_bestimmen(text, wahl, ablage, e, bezeichnung=bezeichnung)
            st.session_state[bericht_schluessel] = ergebnis
            if ergebnis.gefunden:
                try:
                    st.session_state[f"dp_{schluessel}_geprueft"] = (pruefen(ergebnis.tabelle),
                                                                     f"Geokodierung ({e.name})", stand)
                except UngueltigeDatei as fehler:
                    st.error(md("; ".join(str(m) for m in fehler.meldungen)))
        if bericht := st.session_state.get(bericht_schluessel):
            for art, namen in (("Gefunden (Vorschau unten, erst „Speichern“ übernimmt)", bericht.gefunden),
                               ("Nicht gefunden", bericht.nicht_gefunden),
                               ("Übersprungen (feste Lage)", bericht.uebersprungen)):
                if namen:
                    st.markdown(f"**{art}:** " + md(", ".join(namen)))
