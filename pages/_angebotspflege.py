"""Datenpflege, Reiter Angebote: zuerst die Meldungen der Träger (_meldungen.py), dann die Angebotsliste mit Verlauf
(_listenpflege.py); Angebote, deren Bestätigung älter als ein Jahr ist, stehen obenan zur Überprüfung."""

import streamlit as st

from angebote import katalog, liste
from darstellung import datenpflege as tabellen
from indikatoren.ablage.datenstaende import Ablage
from indikatoren.grundlagen import geodaten
from indikatoren.grundlagen.gebiete import Gebiete
from indikatoren.orte import einrichtungspflege
from pages import _listenpflege as listenpflege
from pages import _meldungen as meldungen_seite
from pages import _zwischenspeicher as speicher
from pages._geokodieren import geokodieren


def zeigen(ablage: Ablage, gebiete: Gebiete, benutzer: str) -> None:
    stand, angebote = liste.aktuelle(ablage, gebiete)
    einrichtungen = einrichtungspflege.als_text(ablage)[1]
    try:
        grenzen = speicher.grenzen()
    except geodaten.GeodatenFehlen:
        grenzen = None  # dann prüft nur der Reiter Einrichtungen mit Hinweis, ob eine Lage im Kreis liegt
    meldungen_seite.zeigen(ablage, gebiete, angebote, einrichtungen, grenzen, benutzer)
    st.subheader("Angebotsliste")
    faellig = liste.zu_ueberpruefen(angebote)
    if len(faellig):
        st.warning(f"{len(faellig)} laufende Angebote wurden nie oder vor mehr als {katalog.PRUEFEN_NACH_MONATEN} "
                   "Monaten bestätigt: bitte dem Träger einen persönlichen Link schicken (oben) oder nachfragen und "
                   "„bestätigt am“ setzen.")
        st.dataframe(tabellen.zu_ueberpruefen(faellig), hide_index=True, width="stretch")

    def pruefen(tabelle):
        return liste.pruefe_editor(tabelle, gebiete, einrichtungen, grenzen)

    geokodieren(ablage, stand, angebote, pruefen, "ang", "titel", offen=angebote["einrichtung"] == "")
    auswahl = st.column_config.SelectboxColumn
    listenpflege.zeigen(listenpflege.Pflege(
        liste.staende(ablage), stand, angebote, pruefen,
        lambda inhalt, datei: liste.lies_datei(inhalt, datei, gebiete, einrichtungen, grenzen), "ang",
        {f.name: auswahl(options=f.erlaubt, required=f.pflicht) for f in katalog.SPALTEN if f.erlaubt},
        zuerst=("titel", "traeger", "gemeinde", "einrichtung", "art", "alter_von", "alter_bis", "lebensphasen",
                "handlungsfeld", "status", "zeiten", "kontakt", "bestaetigt_am")), benutzer)
    st.caption("Alter als „2 Jahre“ oder „18 Monate“ (ohne Lebensphasen folgen sie daraus); Lebensphasen mit „|“ "
               "trennen (0-3|3-6) oder „alle“; Übersetzungen in den Spalten „Name auf …“ und „Beschreibung auf …“; "
               "Gemeinde als Gemeindeschlüssel oder „kreisweit“; "
               "Einrichtung als Kennung aus dem Reiter Einrichtungen (E001). Die Vorlage erklärt jede Spalte.")
