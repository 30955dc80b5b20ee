"""Datenpflege, Reiter Einrichtungen: Liste im Browser bearbeiten oder als Datei ersetzen (mit Prüfung und
Verlauf), Lage per Klick in die Karte setzen, früheren Stand wieder aktivieren."""

import streamlit as st
from streamlit_folium import st_folium

from darstellung import datenpflege as tabellen
from darstellung.karte import lagekarte
from darstellung.maskierung import md
from indikatoren import einrichtungen as einrichtungsliste
from indikatoren import einrichtungspflege, geodaten, konfiguration
from indikatoren.datenstaende import Ablage
from indikatoren.meldungen import UngueltigeDatei
from indikatoren.zahlenformat import zahl
from pages import _rahmen as rahmen
from pages._hochladen import hochladen


def zeigen(ablage: Ablage, benutzer: str) -> None:
    stand, liste = einrichtungspflege.aktuelle(ablage)
    st.caption(f"Gepflegter Stand {stand}" if stand else "Mitgelieferte Liste (data/einrichtungen.csv), noch nie "
               "geändert. Jede Änderung wird ein neuer Stand; frühere bleiben erhalten.")
    try:
        grenzen = rahmen.grenzen()
    except geodaten.GeodatenFehlen as fehler:
        grenzen = None
        st.warning(f"Ohne Gemeindegrenzen lässt sich nicht prüfen, ob eine Lage im Kreis liegt: {md(fehler)}")
    text = liste[einrichtungsliste.SPALTEN].astype(str).replace({"nan": ""})
    bearbeitet = st.data_editor(text, num_rows="dynamic", hide_index=True, key="dp_einrichtungen_tabelle",
                                width="stretch", column_config={
                                    "kategorie": st.column_config.SelectboxColumn(
                                        options=einrichtungsliste.KATEGORIEN, required=True),
                                    "status": st.column_config.SelectboxColumn(
                                        options=einrichtungsliste.STATUS, required=True),
                                    "genauigkeit": st.column_config.SelectboxColumn(
                                        options=einrichtungsliste.GENAUIGKEITEN)})
    runde = st.session_state.get("dp_einr_runde", 0)
    hochladen("… oder die ganze Liste als Datei ersetzen (CSV oder XLSX, Spalten wie die Tabelle)",
              f"dp_einr_datei_{runde}", "dp_einr_upload", ["csv", "txt", "xlsx"])
    with st.form("dp_einrichtungen_speichern"):
        kommentar = st.text_input("Kommentar (Pflicht)", key="dp_einr_kommentar")
        if st.form_submit_button("Prüfen und als neuen Stand speichern", type="primary"):
            datei = st.session_state.get("dp_einr_upload")
            try:
                neu = (einrichtungspflege.lies_datei(datei[1], datei[0], grenzen) if datei
                       else einrichtungspflege.pruefe(bearbeitet, "Tabelle", grenzen))
            except UngueltigeDatei as fehler:
                st.error(f"Nicht gespeichert: {len(fehler.meldungen)} Probleme.")
                st.dataframe(tabellen.meldungen(fehler), hide_index=True, width="stretch")
            else:
                if not kommentar.strip():
                    st.error("Bitte einen Kommentar angeben.")
                else:
                    neuer = ablage.einrichtungen_speichern(neu, von=benutzer, kommentar=kommentar.strip(),
                                                           dateiname=datei[0] if datei else "")
                    st.session_state.update(dp_einr_upload=None, dp_einr_runde=runde + 1,
                                            dp_einr_gespeichert=neuer)
                    st.rerun()
    if gespeichert := st.session_state.pop("dp_einr_gespeichert", None):
        st.success(f"Einrichtungsstand {gespeichert} ist aktiv; alle Seiten zeigen ihn.")

    st.subheader("Lage per Klick in die Karte setzen")
    nummer = st.selectbox("Einrichtung", list(range(len(liste))), key="dp_lage_einrichtung",
                          format_func=lambda i: liste["name"].iloc[i] + ("" if liste["hat_lage"].iloc[i]
                                                                          else " (ohne Lage)"))
    if grenzen is not None and nummer is not None:
        klick = st_folium(lagekarte(grenzen, liste, konfiguration.basemap(), st.session_state.get("dp_lage")),
                          key="dp_lagekarte", height=480, use_container_width=True, returned_objects=["last_clicked"])
        if (punkt := (klick or {}).get("last_clicked")) and st.session_state.get("dp_lage") != (
                punkt["lat"], punkt["lng"]):
            st.session_state["dp_lage"] = (punkt["lat"], punkt["lng"])
            st.rerun()
        if lage := st.session_state.get("dp_lage"):
            st.markdown(f"Gewählt: {zahl(lage[0], 6)}, {zahl(lage[1], 6)} für **{md(liste['name'].iloc[nummer])}**")
            if st.button("Lage übernehmen (Genauigkeit: Gebäude)", key="dp_lage_uebernehmen"):
                try:
                    neu = einrichtungspflege.pruefe(
                        einrichtungspflege.lage_setzen(text, nummer, lage[0], lage[1], benutzer), "Karte", grenzen)
                except UngueltigeDatei as fehler:
                    st.error(md(fehler.meldungen[0].text))
                else:
                    neuer = ablage.einrichtungen_speichern(
                        neu, von=benutzer, kommentar=f"Lage von {liste['name'].iloc[nummer]} gesetzt")
                    st.session_state.update(dp_lage=None, dp_einr_gespeichert=neuer)
                    st.rerun()
        st.caption("Hintergrundkarte nach SOZIALPLANUNG_BASEMAP; ohne sie sind nur Gemeindegrenzen zu sehen.")
    verlauf = ablage.einrichtungsstaende()
    if verlauf:
        st.markdown("**Verlauf**")
        st.dataframe(tabellen.einrichtungsverlauf(verlauf), hide_index=True, width="stretch")
        frueher = [v["id"] for v in reversed(verlauf) if not v["aktiv"]]
        if frueher:
            with st.form("dp_einrichtungen_zurueck"):
                zurueck = st.selectbox("Früheren Stand wieder aktiv machen", frueher, key="dp_einr_zurueck",
                                       format_func=lambda n: f"Einrichtungsstand {n}")
                ja = st.checkbox("Ja, diesen Stand wieder aktiv machen", key="dp_einr_zurueck_ok")
                if st.form_submit_button("Aktivieren") and ja:
                    ablage.einrichtungsstand_aktivieren(zurueck, von=benutzer)
                    st.session_state["dp_einr_gespeichert"] = zurueck
                    st.rerun()
