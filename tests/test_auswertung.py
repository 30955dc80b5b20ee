"""Auswertungen für die Seiten: Rangplätze, Veränderungen, Zeitreihen – an einer kleinen Tabelle von Hand."""

import pandas as pd

from indikatoren.einlesen.pruefung import pruefe_datei
from indikatoren.rechnen import auswertung
from indikatoren.rechnen.berechnung import berechne
from tests.conftest import csv_bytes

TABELLE = csv_bytes("""
    ags;jahr;bev_u15;nef_u15
    03254002;2022;1000;150
    03254002;2023;1000;175
    03254021;2023;1000;250
    03254013;2023;1000;175
    03254041;2023;1000;*
    03254043;2023;1000;100
    03254043;2022;1000;110
""")


def _ergebnis(gebiete):
    return berechne(pruefe_datei(TABELLE, "t.csv", gebiete).kennzahlen, gebiete)


def test_rangliste_mit_gleichstand_und_ohne_wert(gebiete):
    liste = auswertung.rangliste(_ergebnis(gebiete), "kinderarmut", 2023)
    assert liste["name"].tolist() == ["Hildesheim", "Alfeld (Leine)", "Eime", "Gronau (Leine)", "Duingen"]
    assert liste["platz"].tolist() == [1, 2, 2, 4, pd.NA]
    assert auswertung.platz(_ergebnis(gebiete), "kinderarmut", 2023, "03254013") == (2, 4)
    assert auswertung.platz(_ergebnis(gebiete), "kinderarmut", 2023, "03254041") == (None, 4)


def test_veraenderung_in_prozentpunkten(gebiete):
    e = _ergebnis(gebiete)
    assert auswertung.veraenderung(e, "kinderarmut", 2023, "03254002") == 2.5   # 17,5 − 15,0
    assert auswertung.veraenderung(e, "kinderarmut", 2023, "03254043") == -1.0  # 10,0 − 11,0
    assert auswertung.veraenderung(e, "kinderarmut", 2023, "03254021") is None  # kein Vorjahr


def test_aenderungstabelle(gebiete):
    tabelle = auswertung.aenderungen(_ergebnis(gebiete), "kinderarmut", ["03254043", "03254002", "03254041"])
    assert tabelle["name"].tolist() == ["Gronau (Leine)", "Alfeld (Leine)", "Duingen"]
    assert tabelle[["von", "bis", "aenderung"]].iloc[:2].values.tolist() == [[2022, 2023, -1.0], [2022, 2023, 2.5]]
    assert tabelle.iloc[2].isna()["aenderung"]  # Duingen: gesperrt, kein Wert


def test_veraenderung_aus_den_gezeigten_gerundeten_werten(gebiete):
    """15,04 % (gezeigt 15,0) und ein Jahr später 16,66 % (gezeigt 16,7): die Seite zeigt +1,7 Pp., denn wer
    nachrechnet, rechnet mit den gezeigten Zahlen (aus den ungerundeten wäre es 1,62 -> 1,6)."""
    from indikatoren.einlesen.pruefung import pruefe_datei
    from indikatoren.rechnen.berechnung import berechne
    from tests.conftest import csv_bytes
    kz = pruefe_datei(csv_bytes("ags;jahr;bev_u15;nef_u15\n03254002;2023;10000;1504\n03254002;2024;10000;1666"),
                      "k.csv", gebiete).kennzahlen
    assert auswertung.veraenderung(berechne(kz, gebiete), "kinderarmut", 2024, "03254002") == 1.7
