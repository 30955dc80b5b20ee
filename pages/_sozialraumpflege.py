"""Datenpflege, Reiter Sozialräume: die Grenzdatei der Sozialräume ersetzen (geprüft, mit Vorschau), als GeoJSON
exportieren, Verlauf und früheren Stand wieder aktivieren (_listenpflege.py)."""

import streamlit as st

from indikatoren.ablage.datenstaende import Ablage
from indikatoren.ablage.listen import Listen
from indikatoren.einlesen import grenzdatei
from indikatoren.grundlagen import geodaten, konfiguration
from indikatoren.grundlagen.gebiete import Gebiete
from indikatoren.orte import sozialraeume
from pages import _anmeldung as anmeldung
from pages import _listenpflege as listenpflege


def zeigen(ablage: Ablage, gebiete: Gebiete, benutzer: str) -> None:
    stand, liste = sozialraeume.aktuelle(ablage)
    try:
        grenzen = geodaten.lade_gemeindegrenzen(kreis=gebiete.kreis)
    except geodaten.GeodatenFehlen as fehler:
        st.warning(f"Ohne Gemeindegrenzen lassen sich Sozialräume nicht prüfen: {fehler}")
        return

    def lies(inhalt: bytes, datei: str):
        return sozialraeume.pruefe(grenzdatei.lies(inhalt, datei), datei, gebiete, grenzen)

    st.caption("Eine Grenzdatei mit den Spalten id und name je Fläche, wahlweise ags der Gemeinde (sonst zählt die "
               "Gemeinde, in der die Fläche liegt). Geprüft wird: jede Fläche in ihrer Gemeinde und im Kreis, keine "
               "Überlappung; ob die Sozialräume ihre Gemeinde ganz abdecken, steht in „vollstaendig“. Zahlen je "
               "Sozialraum kommen über den Reiter Kennzahlen (Kennung in der Spalte ags oder gebiet). Werte eines "
               f"Sozialraums unter {konfiguration.mindestbevoelkerung()} Einwohnern erscheinen nie.")
    listenpflege.zeigen(listenpflege.Pflege(
        Listen(ablage, sozialraeume.LISTE), stand, liste, lies, lies, "sr",
        datei=("Grenzdatei der Sozialräume (GeoJSON, GeoPackage oder Shapefile als ZIP)", ("geojson", "json", "gpkg",
                                                                                           "zip")),
        bearbeiten=False, verborgen=("geometrie",)), benutzer)
    if len(liste):
        anmeldung.herunterladen("Sozialräume als GeoJSON", lambda: sozialraeume.als_geojson(liste),
                                f"sozialraeume_{stand}.geojson", "application/geo+json", key="dp_sr_geojson")
