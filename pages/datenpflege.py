"""Datenpflege (nur Stabsstelle): Kennzahlen einlesen mit Prüfung und Vorschau, Datenstände zurücknehmen und
als Rohtabelle herunterladen, Protokoll einsehen."""

import hashlib

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from darstellung.export import als_csv
from darstellung.karte import lagekarte
from darstellung.maskierung import dateiname, md
from indikatoren import einrichtungen as einrichtungsliste
from indikatoren import einrichtungspflege, export, geheimhaltung, geodaten, konfiguration, sicherung
from indikatoren.einlesen import einlesen
from indikatoren.meldungen import UngueltigeDatei
from indikatoren.pruefung import pruefe_datei
from indikatoren.spalten import ARTEN
from indikatoren.vorschau import vorschau
from indikatoren.zahlenformat import zahl
from pages import _anmeldung as anmeldung
from pages import _rahmen as rahmen

rahmen.ueber_app()
benutzer = anmeldung.benutzer()
if benutzer is None:
    anmeldung.anmeldeformular()
    st.stop()
anmeldung.leerlauf_pruefen()

kopf = st.columns([4, 1])
kopf[0].title("Datenpflege")
kopf[1].button("Abmelden", on_click=anmeldung.abmelden)
st.caption(f"Angemeldet: {md(benutzer)} · Jede Änderung steht im Protokoll.")
ablage, gebiete = rahmen.ablage(), rahmen.gebiete()
einlesen_tab, staende_tab, einrichtungen_tab, protokoll_tab = st.tabs(
    ["Kennzahlen einlesen", "Datenstände", "Einrichtungen", "Protokoll"])


def _hochladen(label: str, feld: str, ziel: str, typen: list[str]) -> tuple[str, bytes] | None:
    """Ein Upload-Feld, dessen Datei (Name, Inhalt) in st.session_state[ziel] bleibt, bis sie entfernt wird."""
    datei = st.file_uploader(label, type=typen, key=feld)
    if datei is not None:
        st.session_state[ziel], st.session_state[f"{ziel}_feld"] = (datei.name, datei.getvalue()), feld
    elif st.session_state.get(f"{ziel}_feld") == feld:  # im Feld entfernt
        st.session_state[ziel] = None
    return st.session_state.get(ziel)


def _meldungstabelle(fehler: UngueltigeDatei) -> pd.DataFrame:
    return pd.DataFrame({"Datei": [m.datei for m in fehler.meldungen],
                         "Zeile": [m.zeile or "" for m in fehler.meldungen],
                         "Spalte": [m.spalte or "" for m in fehler.meldungen],
                         "Meldung": [m.text for m in fehler.meldungen]})


with einlesen_tab:
    art_spalten = st.columns(3)
    ergaenzen = art_spalten[0].radio("Die Datei …", ["ersetzt die ganze Tabelle", "ergänzt den aktiven Stand"],
                                     key="dp_modus", help="Ergänzen: neue Zeilen kommen hinzu, gleiche AGS und "
                                     "gleiches Jahr werden ersetzt.") == "ergänzt den aktiven Stand"
    quelle = art_spalten[1].text_input("Quelle (für Zeilen ohne Spalte quelle)", key="dp_quelle")
    art = art_spalten[2].selectbox("Art (für Zeilen ohne Spalte art)", ARTEN, key="dp_art")
    feld = f"dp_datei_{st.session_state.get('dp_runde', 0)}"  # neuer Schlüssel leert das Feld nach dem Speichern
    upload = _hochladen("Kennzahlen-Tabelle (CSV oder XLSX, höchstens 20 MB)", feld, "dp_upload",
                        ["csv", "txt", "xlsx"])
    if upload:
        name, inhalt = upload
        aktiv = ablage.aktiver()
        try:
            geprueft = pruefe_datei(inhalt, name, gebiete, quelle=quelle, art=art)
        except UngueltigeDatei as fehler:
            st.error(f"**{md(name)}** ist ungültig: {len(fehler.meldungen)} Probleme. Nichts wurde gespeichert.")
            tabelle = _meldungstabelle(fehler)
            st.dataframe(tabelle, hide_index=True, width="stretch")
            st.download_button("Fehlerbericht herunterladen (CSV)", anmeldung.geschuetzt(lambda: als_csv(tabelle)),
                               dateiname(name, "fehlerbericht_", ".csv"), "text/csv")
            ablage.protokolliere("pruefen", benutzer, name, hashlib.sha256(inhalt).hexdigest(), False, str(fehler))
        else:
            alt = ablage.kennzahlen(aktiv.id) if aktiv else None
            neu = alt.ergaenzt_um(geprueft.kennzahlen) if ergaenzen and alt is not None else geprueft.kennzahlen
            v = vorschau(alt, neu, gebiete, konfiguration.sprung_pp())
            st.success(f"**{md(name)}** ist gültig: {len(geprueft.kennzahlen)} Zeilen. Vorschau gegenüber "
                       f"Datenstand {aktiv.id if aktiv else '–'}:")
            for hinweis in geprueft.hinweise:
                st.caption(f"Hinweis: {md(hinweis)}")
            zahlen = st.columns(4)
            zahlen[0].metric("Neue Jahre", ", ".join(map(str, v.neue_jahre)) or "keine")
            zahlen[1].metric("Neue Zeilen", len(v.neue_zeilen))
            zahlen[2].metric("Geänderte Werte", len(v.geaenderte_werte))
            zahlen[3].metric("Entfallende Zeilen", len(v.entfallene_zeilen))
            for warnung in v.warnungen:
                st.warning(md(warnung))
            if not v.geaenderte_werte.empty:
                st.markdown("**Geänderte Werte**")
                st.dataframe(v.geaenderte_werte.rename(columns={"ags": "AGS", "name": "Gebiet", "jahr": "Jahr",
                             "merkmal": "Spalte", "alt": "bisher", "neu": "neu", "differenz": "Differenz"}),
                             hide_index=True, width="stretch")
            if not v.entfallene_zeilen.empty:
                st.markdown("**Entfallende Zeilen** (im neuen Stand nicht mehr enthalten)")
                st.dataframe(v.entfallene_zeilen, hide_index=True)
            with st.form("dp_bestaetigen"):
                kommentar = st.text_area("Kommentar (Pflicht): was ist das für ein Stand?", key="dp_kommentar")
                if st.form_submit_button("Als neuen aktiven Datenstand übernehmen", type="primary"):
                    if not kommentar.strip():
                        st.error("Bitte einen Kommentar angeben.")
                    else:
                        try:
                            stand = einlesen(ablage, inhalt, name, gebiete, ergaenzen=ergaenzen, von=benutzer,
                                             kommentar=kommentar.strip(), quelle=quelle, art=art,
                                             erwartet=aktiv.id if aktiv else None).datenstand
                        except Exception as fehler:  # anderer Stand aktiv, Datenbank besetzt o. Ä.: nichts gespeichert
                            st.error(f"Nicht gespeichert: {md(fehler)}")
                        else:
                            st.session_state["dp_upload"] = None
                            st.session_state["dp_runde"] = st.session_state.get("dp_runde", 0) + 1
                            st.session_state["dp_gespeichert"] = stand.id
                            st.rerun()
    if gespeichert := st.session_state.pop("dp_gespeichert", None):
        st.success(f"Datenstand {gespeichert} ist gespeichert und aktiv.")

with staende_tab:
    staende = ablage.datenstaende()
    st.dataframe(pd.DataFrame({
        "Nr.": [d.id for d in staende], "aktiv": ["ja" if d.aktiv else "" for d in staende],
        "eingelesen": [d.erstellt.astimezone().strftime("%d.%m.%Y %H:%M") for d in staende],
        "von": [d.von for d in staende], "Datei": [d.dateiname for d in staende],
        "Zeilen": [d.zeilen for d in staende], "Kommentar": [d.kommentar for d in staende],
        "ergänzt": [d.grundlage or "" for d in staende], "SHA-256": [d.sha256 for d in staende],
    }).iloc[::-1], hide_index=True, width="stretch")
    nummern = [d.id for d in reversed(staende)]
    gewaehlt = st.selectbox("Datenstand", nummern, key="dp_stand", format_func=lambda n: f"Datenstand {n}")
    if gewaehlt is not None:
        kz = ablage.kennzahlen(gewaehlt)
        knoepfe = st.columns(3)
        knoepfe[0].download_button("Rohtabelle CSV", anmeldung.geschuetzt(lambda: export.als_csv(kz)),
                                   f"datenstand_{gewaehlt}.csv", "text/csv")
        knoepfe[1].download_button("Rohtabelle XLSX", anmeldung.geschuetzt(lambda: export.als_xlsx(kz)),
                                   f"datenstand_{gewaehlt}.xlsx",
                                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        with st.expander("Gesperrte Zellen (statistische Geheimhaltung)"):
            st.caption("Leser sehen diese Zellen als „nicht ausweisbar“: primär Anzahlen 1 und 2, sekundär Zellen, "
                       "aus denen sich eine gesperrte durch Differenz ausrechnen ließe; „Quelle“: schon mit „*“ "
                       "geliefert. Dieselbe Liste: python -m indikatoren veroeffentlichen --sperrliste")
            st.dataframe(geheimhaltung.sperren(kz, gebiete).zellen.rename(columns={
                "ags": "AGS", "name": "Gebiet", "jahr": "Jahr", "merkmal": "Spalte", "anzahl": "Anzahl",
                "art": "Grund"}), hide_index=True, width="stretch")
        if not next(d for d in staende if d.id == gewaehlt).aktiv:
            with st.form("dp_aktivieren"):
                sicher_ja = st.checkbox(f"Ja, Datenstand {gewaehlt} wieder aktiv machen (alle Seiten zeigen dann "
                                        "seine Zahlen).", key="dp_aktivieren_ok")
                if st.form_submit_button("Aktivieren"):
                    if sicher_ja:
                        ablage.aktivieren(gewaehlt, von=benutzer)
                        st.session_state["dp_aktiviert"] = gewaehlt
                        st.rerun()
                    else:
                        st.error("Bitte zuerst bestätigen.")
    if aktiviert := st.session_state.pop("dp_aktiviert", None):
        st.success(f"Datenstand {aktiviert} ist wieder aktiv.")

    st.subheader("Sicherung")
    st.download_button("Sicherung herunterladen (alle Datenstände, Einrichtungen, Protokoll)",
                       anmeldung.geschuetzt(lambda: sicherung.erstellen(ablage)), "sozialplanung_sicherung.zip",
                       "application/zip",
                       key="dp_sicherung")
    if wiederher := _hochladen("Sicherung wiederherstellen (fehlende Stände werden ergänzt, nichts überschrieben)",
                               "dp_sicherung_datei", "dp_sicherung_upload", ["zip"]):
        if st.button("Wiederherstellen", key="dp_wiederherstellen"):
            try:
                st.success(sicherung.wiederherstellen(ablage, wiederher[1], gebiete, von=benutzer,
                                                      datei=wiederher[0]))
            except UngueltigeDatei as fehler:
                st.error(md(fehler))

with einrichtungen_tab:
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
    _hochladen("… oder die ganze Liste als Datei ersetzen (CSV oder XLSX, Spalten wie die Tabelle)",
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
                st.dataframe(_meldungstabelle(fehler), hide_index=True, width="stretch")
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
        st.dataframe(pd.DataFrame(verlauf)[["id", "aktiv", "erstellt", "von", "kommentar", "dateiname"]].iloc[::-1],
                     hide_index=True, width="stretch")
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

with protokoll_tab:
    eintraege = ablage.protokolleintraege()
    if not eintraege.empty:
        st.dataframe(eintraege.assign(zeit=pd.to_datetime(eintraege["zeit"]).dt.strftime("%d.%m.%Y %H:%M:%S"),
                                      erfolg=eintraege["erfolg"].map({True: "ja", False: "nein"})).iloc[::-1],
                     hide_index=True, width="stretch")
    st.caption("Das Protokoll kann niemand ändern oder löschen (die Datenbank verweigert es).")
st.caption(f"Die Vorschau warnt bei Sprüngen über {zahl(konfiguration.sprung_pp(), 1)} Prozentpunkte zum Vorjahr "
           "(einstellbar mit SOZIALPLANUNG_SPRUNG_PP).")
