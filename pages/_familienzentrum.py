"""Datenpflege, Reiter Familienzentrum: die Zahlen für den Jahresbericht (nur Anzahlen, keine Personendaten). Eine
Liste wählen und wie Einrichtungen und Angebote pflegen (_listenpflege.py), oder alle auf einmal als XLSX-Mappe."""

import streamlit as st

from darstellung import datenpflege as tabellen
from darstellung.export import XLSX_MIME
from darstellung.maskierung import md
from familienzentrum import daten, katalog, mappe
from familienzentrum.pruefung import pruefe
from indikatoren.ablage.datenstaende import Ablage
from indikatoren.ablage.listen import Listen
from indikatoren.einlesen import listendatei
from indikatoren.grundlagen.meldungen import UngueltigeDatei
from pages import _anmeldung as anmeldung
from pages import _listenpflege as listenpflege
from pages._hochladen import hochladen


def zeigen(ablage: Ablage, benutzer: str) -> None:
    st.caption("Nur Anzahlen und Angaben über Einrichtungen, nie Namen von Ratsuchenden. Themen und Wege der "
               f"Kontakte stehen fest: {', '.join(katalog.THEMEN)}; {', '.join(katalog.WEGE)} (Änderungen über die "
               "Stabsstelle).")
    art = st.selectbox("Liste", katalog.LISTEN, key="dp_fz_liste", format_func=lambda a: katalog.BLAETTER[a.name])
    listen = Listen(ablage, art)
    gespeichert = listen.lesen()
    auswahl = st.column_config.SelectboxColumn
    listenpflege.zeigen(listenpflege.Pflege(
        listen, gespeichert[0] if gespeichert else None,
        gespeichert[1] if gespeichert else daten.vorgabe(art),
        lambda t: pruefe(art, listendatei.aus_editor(t, art), "Tabelle"),
        lambda inhalt, datei: pruefe(art, listendatei.lies(inhalt, datei, art), datei), f"fz_{art.name}",
        {f.name: auswahl(options=f.erlaubt, required=f.pflicht) for f in art.felder if f.erlaubt}), benutzer)

    st.header("Alle Listen als XLSX-Mappe")
    anmeldung.herunterladen("Mappe herunterladen (ein Blatt je Liste, mit Erläuterung)",
                            lambda: mappe.als_xlsx(daten.aktuelle(ablage)), "familienzentrum.xlsx", XLSX_MIME,
                            key="dp_fz_mappe")
    if datei := hochladen("Ausgefüllte Mappe einlesen (leere Blätter lassen ihre Liste, wie sie ist)",
                          "dp_fz_mappe_datei", "dp_fz_mappe_upload", ["xlsx"]):
        with st.form("dp_fz_mappe_form"):
            kommentar = st.text_input("Kommentar (Pflicht): was ist das für ein Stand?", key="dp_fz_mappe_kommentar")
            if st.form_submit_button("Prüfen und jede geänderte Liste als neuen Stand speichern", type="primary"):
                try:
                    staende = daten.einlesen(ablage, datei[1], datei[0], von=benutzer, kommentar=kommentar)
                except UngueltigeDatei as fehler:
                    st.error(f"Nicht gespeichert: "
                             f"{tabellen.probleme(len(fehler.meldungen))}.")
                    st.dataframe(tabellen.meldungen(fehler), hide_index=True, width="stretch")
                else:
                    st.success(md(", ".join(f"{katalog.BLAETTER[n]}: Stand {s}" for n, s in staende.items())
                                  or "Nichts geändert; kein neuer Stand angelegt."))
