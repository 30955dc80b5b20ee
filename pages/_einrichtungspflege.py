"""Datenpflege, Reiter Einrichtungen: die Liste mit Verlauf (_listenpflege.py) und die Lage einer Einrichtung per
Klick in die Karte."""

import streamlit as st
from streamlit_folium import st_folium

from darstellung.karte import lagekarte, neue_lage
from darstellung.maskierung import md
from indikatoren.ablage.datenstaende import Ablage, AndererStandAktiv
from indikatoren.grundlagen import geodaten, konfiguration
from indikatoren.grundlagen.meldungen import UngueltigeDatei
from indikatoren.grundlagen.zahlenformat import zahl
from indikatoren.orte import einrichtungen as einrichtungsliste
from indikatoren.orte import einrichtungspflege, geokodierung
from indikatoren.orte.einrichtungen import aufbereitet
from pages import _listenpflege as listenpflege
from pages import _zwischenspeicher as speicher
from pages._geokodieren import geokodieren


def zeigen(ablage: Ablage, benutzer: str) -> None:
    stand, text = einrichtungspflege.als_text(ablage)
    try:
        grenzen = speicher.grenzen()
    except geodaten.GeodatenFehlen as fehler:
        grenzen = None
        st.warning(f"Ohne Gemeindegrenzen lässt sich nicht prüfen, ob eine Lage im Kreis liegt: {md(fehler)}")
    listen = einrichtungspflege.staende(ablage)
    geokodieren(ablage, stand, text, lambda t: einrichtungspflege.pruefe_editor(t, grenzen), "einr", "name")
    auswahl = st.column_config.SelectboxColumn
    listenpflege.zeigen(listenpflege.Pflege(
        listen, stand, text, lambda t: einrichtungspflege.pruefe_editor(t, grenzen),
        lambda inhalt, datei: einrichtungspflege.lies_datei(inhalt, datei, grenzen), "einr",
        {"kategorie": auswahl(options=einrichtungsliste.KATEGORIEN, required=True),
         "status": auswahl(options=einrichtungsliste.STATUS, required=True),
         "genauigkeit": auswahl(options=einrichtungsliste.GENAUIGKEITEN)}), benutzer)

    if hinweis := einrichtungsliste.namensnennung(text):
        st.caption(hinweis)
    st.header("Lage per Klick in die Karte setzen")
    liste = aufbereitet(text)
    nummer = st.selectbox("Einrichtung", list(range(len(liste))), key="dp_lage_einrichtung",
                          format_func=lambda i: liste["name"].iloc[i] + ("" if liste["hat_lage"].iloc[i]
                                                                          else " (ohne Lage)"))
    if grenzen is None or nummer is None:
        return
    # Auf die gewählte Einrichtung zoomen, wenn sie eine Lage hat, sonst der ganze Kreis; ein Klick setzt nur den
    # Punkt (eigene Ebene), die Ansicht bleibt.
    hat_lage = bool(liste["hat_lage"].iloc[nummer])
    klick = st_folium(lagekarte(grenzen, liste, konfiguration.basemap()), key="dp_lagekarte", height=480,
                      use_container_width=True, returned_objects=["last_clicked"],
                      feature_group_to_add=neue_lage(st.session_state.get("dp_lage")),
                      center=(float(liste["lat"].iloc[nummer]), float(liste["lon"].iloc[nummer])) if hat_lage else None,
                      zoom=16 if hat_lage else None)
    if (punkt := (klick or {}).get("last_clicked")) and st.session_state.get("dp_lage") != (punkt["lat"], punkt["lng"]):
        st.session_state["dp_lage"] = (punkt["lat"], punkt["lng"])
        st.rerun()
    name = liste["name"].iloc[nummer]

    def speichern(neu, kommentar: str) -> None:
        try:
            neuer = listen.speichern(einrichtungspflege.pruefe_editor(neu, grenzen), von=benutzer,
                                     kommentar=kommentar, erwartet=stand, mitgeliefert=None if stand else text)
        except (UngueltigeDatei, AndererStandAktiv) as fehler:
            st.error(md(fehler.meldungen[0].text if isinstance(fehler, UngueltigeDatei) else fehler))
        else:
            st.session_state.update(dp_lage=None, dp_einr_gespeichert=neuer)
            st.rerun()

    if lage := st.session_state.get("dp_lage"):
        st.markdown(f"Gewählt: {zahl(lage[0], 6)}, {zahl(lage[1], 6)} für **{md(name)}**")
        if st.button("Lage übernehmen (Genauigkeit: Gebäude)", key="dp_lage_uebernehmen"):
            speichern(einrichtungspflege.lage_setzen(text, nummer, *lage, benutzer), f"Lage von {name} gesetzt")
    elif text["genauigkeit"].iloc[nummer] == geokodierung.GEOCODIERT:
        st.markdown(f"**{md(name)}**: {md(text['lage'].iloc[nummer])}")
        if st.button("Geokodierte Lage so bestätigen", key="dp_lage_bestaetigen"):
            speichern(einrichtungspflege.lage_bestaetigen(text, nummer, benutzer), f"Lage von {name} bestätigt")
    st.caption("Hintergrundkarte nach SOZIALPLANUNG_BASEMAP; ohne sie sind nur Gemeindegrenzen zu sehen.")

