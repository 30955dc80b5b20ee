"""Datenpflege, Reiter Datenstände (nur Stabsstelle): Liste, Rohexport, gesperrte Zellen, früheren Stand wieder
aktivieren, Sicherung herunterladen und wiederherstellen."""

import streamlit as st

import berichte
from darstellung import datenpflege as tabellen
from darstellung.export import XLSX_MIME
from darstellung.maskierung import md
from indikatoren.ablaeufe import sicherung
from indikatoren.ablage.datenstaende import Ablage
from indikatoren.einlesen import export
from indikatoren.grundlagen import konfiguration
from indikatoren.grundlagen.gebiete import Gebiete
from indikatoren.grundlagen.meldungen import UngueltigeDatei
from indikatoren.rechnen import geheimhaltung, geheimhaltungsbericht
from pages import _anmeldung as anmeldung
from pages._hochladen import hochladen


def zeigen(ablage: Ablage, gebiete: Gebiete, benutzer: str) -> None:
    staende = ablage.datenstaende()
    st.dataframe(tabellen.datenstaende(staende), hide_index=True, width="stretch")
    nummern = [d.id for d in reversed(staende)]
    gewaehlt = st.selectbox("Datenstand", nummern, key="dp_stand", format_func=lambda n: f"Datenstand {n}")
    if gewaehlt is not None:
        kz = ablage.kennzahlen(gewaehlt)
        knoepfe = st.columns(3)
        anmeldung.herunterladen("Rohtabelle CSV", lambda: export.als_csv(kz), f"datenstand_{gewaehlt}.csv",
                                "text/csv", knoepfe[0])
        anmeldung.herunterladen("Rohtabelle XLSX", lambda: export.als_xlsx(kz), f"datenstand_{gewaehlt}.xlsx",
                                XLSX_MIME, knoepfe[1])
        with st.expander("Gesperrte Zellen (statistische Geheimhaltung)"):
            st.caption(f"Leser sehen diese Zellen als „nicht ausweisbar“: primär Anzahlen unter "
                       f"{konfiguration.schwelle()} (außer 0), sekundär so viele weitere, dass ein Leser aus allem "
                       "Veröffentlichten keine kleine Zahl enger als von 1 bis zu ihrem Wert plus "
                       f"{konfiguration.schutzabstand()} eingrenzen kann (geprüft mit einem ganzzahligen Programm); "
                       "„Quelle“: schon mit „*“ geliefert. Dieselbe Liste: python -m indikatoren veroeffentlichen "
                       "--sperrliste")
            st.subheader("Bericht je Jahr")
            frueher = ablage.vorgaenger(gewaehlt)
            st.dataframe(tabellen.geheimhaltungsbericht(geheimhaltungsbericht.bericht(kz, gebiete, frueher)),
                         hide_index=True, width="stretch")
            sperrung = geheimhaltung.sperren(kz, gebiete, frueher=frueher)
            if sperrung.unerfuellt:
                st.error(f"Für {', '.join(map(str, sperrung.unerfuellt))} ließ sich der Schutz nicht herstellen; "
                         "von diesen Jahren erscheint nichts. Bitte die Zahlen prüfen (etwa eine Kreiszeile, die "
                         "nicht zu ihren Gemeinden passt) oder die Stabsstelle der Entwicklung fragen.")
            st.subheader("Jede gesperrte Zelle")
            st.dataframe(tabellen.sperrliste(sperrung.zellen), hide_index=True, width="stretch")
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

    st.header("Statische Website")
    website(ablage, benutzer)

    st.header("Sicherung")
    anmeldung.herunterladen("Sicherung herunterladen (alle Datenstände, Einrichtungen, Angebote, Protokoll)",
                            lambda: sicherung.erstellen(ablage), "sozialplanung_sicherung.zip", "application/zip",
                            key="dp_sicherung")
    if wiederher := hochladen("Sicherung wiederherstellen (fehlende Stände werden ergänzt, nichts überschrieben)",
                              "dp_sicherung_datei", "dp_sicherung_upload", ["zip"]):
        if st.button("Wiederherstellen", key="dp_wiederherstellen"):
            try:
                st.success(sicherung.wiederherstellen(ablage, wiederher[1], gebiete, von=benutzer,
                                                      datei=wiederher[0]))
            except UngueltigeDatei as fehler:
                st.error(md(fehler))


def website(ablage: Ablage, benutzer: str) -> None:
    """Der aktive Datenstand als statische Website (berichte/website.py) in den Ordner, den Caddy ausliefert."""
    ordner, adresse = konfiguration.website_ordner(), konfiguration.website_adresse()
    aktiv = ablage.aktiver()
    st.caption(f"Schreibt Übersicht, Karten, Profile mit PDF, Methodik, Wegweiser, offene Daten und Einbettungen des "
               f"aktiven Datenstands nach {md(ordner)}/datenstand-N/ – für beliebig viele Leser, ohne Skript. Frühere "
               "Veröffentlichungen bleiben." + (f" Leser finden sie unter {md(adresse)}." if adresse else
                                                " SOZIALPLANUNG_WEBSITE_URL nennt, wo Leser sie finden."))
    if aktiv is None or not st.button(f"Website für Datenstand {aktiv.id} veröffentlichen", key="dp_website"):
        return
    balken = st.progress(0.0, "Website wird gebaut …")
    try:
        for erledigt, gesamt, was in berichte.website_in_eigenem_prozess(aktiv.id, ordner):
            balken.progress(min(erledigt / gesamt, 1.0), md(was))
    except RuntimeError as fehler:
        ablage.protokolliere("website", benutzer, str(ordner), "", False, str(fehler))
        st.error(f"Die Website wurde nicht veröffentlicht: {md(fehler)}")
        return
    ablage.protokolliere("website", benutzer, str(ordner), "", True, f"Website für Datenstand {aktiv.id}")
    st.success(f"Veröffentlicht: Datenstand {aktiv.id}" + (f" unter {md(adresse)}" if adresse else "")
               + f" ({md(was)}).")
