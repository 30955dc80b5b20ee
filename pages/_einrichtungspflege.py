"""Datenpflege, Reiter Einrichtungen: die Liste mit Verlauf (_listenpflege.py) und die Lage einer Einrichtung per
Klick in die Karte."""

import streamlit as st
from streamlit_folium import st_folium

from darstellung.karte import lagekarte
from darstellung.maskierung import md
from indikatoren import einrichtungen as einrichtungsliste
from indikatoren import einrichtungspflege, geodaten, geokodierung, konfiguration
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
    if "dp_einr_gespeichert" in st.session_state:
        st.session_state.pop("dp_geo_bericht", None)
    with st.expander("Lage aus Adresse bestimmen (Geokodierung)"):
        _geokodieren(ablage, stand, text, grenzen)
    auswahl = st.column_config.SelectboxColumn
    listenpflege.zeigen(listenpflege.Pflege(
        listen, stand, text, lambda t: einrichtungspflege.pruefe_editor(t, grenzen),
        lambda inhalt, datei: einrichtungspflege.lies_datei(inhalt, datei, grenzen), "einr",
        {"kategorie": auswahl(options=einrichtungsliste.KATEGORIEN, required=True),
         "status": auswahl(options=einrichtungsliste.STATUS, required=True),
         "genauigkeit": auswahl(options=einrichtungsliste.GENAUIGKEITEN)}), benutzer)

    if hinweis := einrichtungsliste.namensnennung(text):
        st.caption(hinweis)
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


def _geokodieren(ablage: Ablage, stand: int | None, text, grenzen) -> None:
    """Für gewählte Einrichtungen ohne feste Lage die Lage aus der Adresse; das Ergebnis geht in die Vorschau."""
    try:
        e = geokodierung.Einstellungen.aus_umgebung()
    except ValueError as fehler:
        st.error(md(fehler))
        return
    offen = [i for i in range(len(text)) if not geokodierung.fest(text.iloc[i])]
    st.caption(f"Dienst: {md(e.name)} (SOZIALPLANUNG_GEOCODER), höchstens eine Anfrage je {zahl(e.pause_s, 1)} s, "
               "jede Adresse nur einmal. Eine von Hand gesetzte oder veröffentlichte Lage wird nie überschrieben; "
               "geokodierte Lagen gelten als ungefähr, bis sie per Klick in die Karte bestätigt sind.")
    wahl = st.multiselect("Einrichtungen ohne feste Lage", offen, key="dp_geo_wahl",
                          default=[i for i in offen if not text.iloc[i]["lat"]],
                          format_func=lambda i: text.iloc[i]["name"])
    if st.button("Lage aus Adresse bestimmen", key="dp_geo_start", disabled=not wahl):
        with st.spinner(f"{md(e.name)} wird gefragt …"):
            ergebnis = geokodierung.lagen_bestimmen(text, wahl, ablage, e)
        st.session_state["dp_geo_bericht"] = ergebnis
        if ergebnis.gefunden:
            try:
                st.session_state["dp_einr_geprueft"] = (
                    einrichtungspflege.pruefe_editor(ergebnis.tabelle, grenzen), f"Geokodierung ({e.name})", stand)
            except UngueltigeDatei as fehler:
                st.error(md("; ".join(str(m) for m in fehler.meldungen)))
    if bericht := st.session_state.get("dp_geo_bericht"):
        for art, namen in (("Gefunden (Vorschau unten, erst „Speichern“ übernimmt)", bericht.gefunden),
                           ("Nicht gefunden", bericht.nicht_gefunden),
                           ("Übersprungen (feste Lage)", bericht.uebersprungen)):
            if namen:
                st.markdown(f"**{art}:** " + md(", ".join(namen)))
