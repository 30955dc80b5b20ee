"""Datenpflege, Reiter Angebote: die Angebotsliste mit Verlauf (_listenpflege.py); Angebote, deren Bestätigung
älter als ein Jahr ist, stehen obenan zur Überprüfung."""

import streamlit as st

from angebote import katalog, liste
from darstellung import datenpflege as tabellen
from indikatoren import einrichtungspflege
from indikatoren.datenstaende import Ablage
from indikatoren.gebiete import Gebiete
from pages import _listenpflege as listenpflege


def zeigen(ablage: Ablage, gebiete: Gebiete, benutzer: str) -> None:
    stand, angebote = liste.aktuelle(ablage, gebiete)
    einrichtungen = einrichtungspflege.als_text(ablage)[1]
    pruefen = liste.zu_ueberpruefen(angebote)
    if len(pruefen):
        st.warning(f"{len(pruefen)} laufende Angebote wurden nie oder vor mehr als {katalog.PRUEFEN_NACH_MONATEN} "
                   "Monaten bestätigt: bitte beim Träger nachfragen und `bestaetigt_am` setzen.")
        st.dataframe(tabellen.zu_ueberpruefen(pruefen), hide_index=True, width="stretch")
    auswahl = st.column_config.SelectboxColumn
    listenpflege.zeigen(listenpflege.Pflege(
        liste.staende(ablage), stand, angebote, lambda t: liste.pruefe_editor(t, gebiete, einrichtungen),
        lambda inhalt, datei: liste.lies_datei(inhalt, datei, gebiete, einrichtungen), "ang",
        {f.name: auswahl(options=f.erlaubt, required=f.pflicht) for f in katalog.SPALTEN if f.erlaubt}), benutzer)
    st.caption("Lebensphasen mit „|“ trennen (0-3|3-6) oder „alle“; Gemeinde als AGS oder „kreisweit“; Einrichtung "
               "als Kennung aus dem Reiter Einrichtungen (E001). Die Vorlage erklärt jede Spalte.")
