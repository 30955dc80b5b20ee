"""Veröffentlichte Quoten für Land und Bund ohne Anzahlen (data/vergleichswerte.csv).

Sie stehen neben den eigenen Werten immer mit ihrem eigenen Stichtag (etwa Juni 2023 neben Dezember 2023)
und ihrer eigenen Abgrenzung (RLB statt NEF), nie als wären sie dasselbe.
"""

import functools
from pathlib import Path

import pandas as pd

from indikatoren.grundlagen import katalog, konfiguration
from indikatoren.grundlagen.mitgeliefert import lies_tabelle
from indikatoren.grundlagen.spalten import ARTEN

SPALTEN = ["indikator", "ags", "gebiet", "stichtag", "wert", "definition", "quelle", "art"]


def vergleichswerte(datei=None) -> pd.DataFrame:
    """Alle Vergleichswerte, geprüft: bekannter Indikator, Wert als Zahl, Art und Quelle angegeben. Einmal gelesen,
    solange die Datei sich nicht ändert (Berichte fragen sie je Gemeinde und Indikator)."""
    datei = Path(datei or konfiguration.DATEN / "vergleichswerte.csv")
    return _gelesen(str(datei), datei.stat().st_mtime_ns).copy()


@functools.lru_cache(maxsize=4)
def _gelesen(datei: str, _geaendert: int) -> pd.DataFrame:
    tabelle = lies_tabelle(Path(datei), SPALTEN, {"indikator": list(katalog.NACH_ID), "art": ARTEN})
    if (tabelle["quelle"] == "").any():
        raise ValueError(f"{datei}, Zeile {(tabelle['quelle'] == '').idxmax() + 2}, Spalte quelle: Quelle fehlt.")
    return tabelle[SPALTEN].astype({"wert": float})


def eigene(datei=None) -> pd.DataFrame:
    """Die Vergleichswerte für das Land des Kreises und den Bund: ein Kreis in NRW wird nie mit Niedersachsen
    verglichen. Fehlt sein Land in der Tabelle, gibt es dafür keinen Wert, bis die Stabsstelle ihn dort einträgt."""
    alle = vergleichswerte(datei)
    return alle[alle["ags"].isin([konfiguration.kreis()[:2], "DG"])].reset_index(drop=True)


def fuer(indikator: str, datei=None) -> pd.DataFrame:
    """Die eigenen Vergleichswerte (siehe eigene) eines Indikators, jüngster Stichtag zuerst."""
    werte = eigene(datei)
    return werte[werte["indikator"] == indikator].sort_values(["stichtag", "ags"], ascending=[False, False])


def passend(indikator: str, jahr: int, datei=None) -> pd.DataFrame:
    """Je Gebiet (Land, Bund) der jüngste Vergleichswert, dessen Stichtag nicht nach dem Jahr liegt.

    Er wird immer mit seinem eigenen Stichtag gezeigt (etwa Juni 2023 neben Dezember 2024).
    """
    werte = fuer(indikator, datei)
    werte = werte[werte["stichtag"].str[:4].astype(int) <= jahr]
    return werte.drop_duplicates("ags").sort_values("ags").reset_index(drop=True)  # Land (03) vor Bund (DG)
