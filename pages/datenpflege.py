"""Datenpflege (nur Stabsstelle): Kennzahlen einlesen mit Prüfung und Vorschau, Datenstände zurücknehmen und
als Rohtabelle herunterladen, Protokoll einsehen."""

import hashlib

import streamlit as st

from darstellung import datenpflege as tabellen
from darstellung.export import als_csv
from darstellung.maskierung import dateiname, md
from indikatoren import export, geheimhaltung, konfiguration, sicherung
from indikatoren.einlesen import einlesen
from indikatoren.meldungen import UngueltigeDatei
from indikatoren.pruefung import pruefe_datei
from indikatoren.spalten import ARTEN
from indikatoren.vorschau import vorschau
from indikatoren.zahlenformat import zahl
from pages import _anmeldung as anmeldung
from pages import _einrichtungspflege as einrichtungspflege_seite
from pages import _rahmen as rahmen
from pages._hochladen import hochladen

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


with einlesen_tab:
    art_spalten = st.columns(3)
    ergaenzen = art_spalten[0].radio("Die Datei …", ["ersetzt die ganze Tabelle", "ergänzt den aktiven Stand"],
                                     key="dp_modus", help="Ergänzen: neue Zeilen kommen hinzu, gleiche AGS und "
                                     "gleiches Jahr werden ersetzt.") == "ergänzt den aktiven Stand"
    quelle = art_spalten[1].text_input("Quelle (für Zeilen ohne Spalte quelle)", key="dp_quelle")
    art = art_spalten[2].selectbox("Art (für Zeilen ohne Spalte art)", ARTEN, key="dp_art")
    feld = f"dp_datei_{st.session_state.get('dp_runde', 0)}"  # neuer Schlüssel leert das Feld nach dem Speichern
    upload = hochladen("Kennzahlen-Tabelle (CSV oder XLSX, höchstens 20 MB)", feld, "dp_upload",
                       ["csv", "txt", "xlsx"])
    if upload:
        name, inhalt = upload
        aktiv = ablage.aktiver()
        try:
            geprueft = pruefe_datei(inhalt, name, gebiete, quelle=quelle, art=art)
        except UngueltigeDatei as fehler:
            st.error(f"**{md(name)}** ist ungültig: {len(fehler.meldungen)} Probleme. Nichts wurde gespeichert.")
            tabelle = tabellen.meldungen(fehler)
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
                st.dataframe(tabellen.geaenderte_werte(v.geaenderte_werte), hide_index=True, width="stretch")
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
    st.dataframe(tabellen.datenstaende(staende), hide_index=True, width="stretch")
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
            st.dataframe(tabellen.sperrliste(geheimhaltung.sperren(kz, gebiete).zellen), hide_index=True,
                         width="stretch")
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
    if wiederher := hochladen("Sicherung wiederherstellen (fehlende Stände werden ergänzt, nichts überschrieben)",
                              "dp_sicherung_datei", "dp_sicherung_upload", ["zip"]):
        if st.button("Wiederherstellen", key="dp_wiederherstellen"):
            try:
                st.success(sicherung.wiederherstellen(ablage, wiederher[1], gebiete, von=benutzer,
                                                      datei=wiederher[0]))
            except UngueltigeDatei as fehler:
                st.error(md(fehler))

with einrichtungen_tab:
    einrichtungspflege_seite.zeigen(ablage, benutzer)

with protokoll_tab:
    eintraege = ablage.protokolleintraege()
    if not eintraege.empty:
        st.dataframe(tabellen.protokoll(eintraege), hide_index=True, width="stretch")
    st.caption("Das Protokoll kann niemand ändern oder löschen (die Datenbank verweigert es).")
st.caption(f"Die Vorschau warnt bei Sprüngen über {zahl(konfiguration.sprung_pp(), 1)} Prozentpunkte zum Vorjahr "
           "(einstellbar mit SOZIALPLANUNG_SPRUNG_PP).")
