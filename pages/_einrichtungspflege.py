"""Datenpflege, Reiter Einrichtungen: die Liste mit Verlauf (_listenpflege.py) und die Lage einer Einrichtung per
Klick in die Karte."""

import streamlit as st
from streamlit_folium import st_folium

from darstellung.karte import lagekarte
from darstellung.maskierung import md
from indikatoren import einrichtungen as einrichtungsliste
from indikatoren import einrichtungspflege, geodaten, konfiguration
from indikatoren.datenstaende import Ablage, AndererStandAktiv
from indikatoren.einrichtungen import aufbereitet
from indikatoren.meldungen import UngueltigeDatei
from indikatoren.zahlenformat import zahl
from pages import _listenpflege as listenpflege
from pages import _rahmen as rahmen


def zeigen(ablage: Ablage, benutzer: str) -> None:
    stand, text = einrichtungspflege.als_text(ablage)
    try:
        grenzen = rahmen.grenzen()
    except geodaten.GeodatenFehlen as fehler:
        grenzen = None
        st.warning(f"Ohne Gemeindegrenzen lässt sich nicht prüfen, ob eine Lage im Kreis liegt: {md(fehler)}")
    listen = einrichtungspflege.staende(ablage)
    auswahl = st.column_config.SelectboxColumn
    listenpflege.zeigen(listenpflege.Pflege(
        listen, stand, text, lambda t: einrichtungspflege.pruefe_editor(t, grenzen),
        lambda inhalt, datei: einrichtungspflege.lies_datei(inhalt, datei, grenzen), "einr",
        {"kategorie": auswahl(options=einrichtungsliste.KATEGORIEN, required=True),
         "status": auswahl(options=einrichtungsliste.STATUS, required=True),
         "genauigkeit": auswahl(options=einrichtungsliste.GENAUIGKEITEN)}), benutzer)

    st.subheader("Lage per Klick in die Karte setzen")
    liste = aufbereitet(text)
    nummer = st.selectbox("Einrichtung", list(range(len(liste))), key="dp_lage_einrichtung",
                          format_func=lambda i: liste["name"].iloc[i] + ("" if liste["hat_lage"].iloc[i]
                                                                          else " (ohne Lage)"))
    if grenzen is None or nummer is None:
        return
    klick = st_folium(lagekarte(grenzen, liste, konfiguration.basemap(), st.session_state.get("dp_lage")),
                      key="dp_lagekarte", height=480, use_container_width=True, returned_objects=["last_clicked"])
    if (punkt := (klick or {}).get("last_clicked")) and st.session_state.get("dp_lage") != (punkt["lat"], punkt["lng"]):
        st.session_state["dp_lage"] = (punkt["lat"], punkt["lng"])
        st.rerun()
    if lage := st.session_state.get("dp_lage"):
        st.markdown(f"Gewählt: {zahl(lage[0], 6)}, {zahl(lage[1], 6)} für **{md(liste['name'].iloc[nummer])}**")
        if st.button("Lage übernehmen (Genauigkeit: Gebäude)", key="dp_lage_uebernehmen"):
            try:
                neu = einrichtungspflege.pruefe_editor(
                    einrichtungspflege.lage_setzen(text, nummer, lage[0], lage[1], benutzer), grenzen)
                neuer = listen.speichern(neu, von=benutzer, kommentar=f"Lage von {liste['name'].iloc[nummer]} gesetzt",
                                         erwartet=stand)
            except (UngueltigeDatei, AndererStandAktiv) as fehler:
                st.error(md(fehler.meldungen[0].text if isinstance(fehler, UngueltigeDatei) else fehler))
            else:
                st.session_state.update(dp_lage=None, dp_einr_gespeichert=neuer)
                st.rerun()
    st.caption("Hintergrundkarte nach SOZIALPLANUNG_BASEMAP; ohne sie sind nur Gemeindegrenzen zu sehen.")
