"""Auswertungen für die Seiten: Wert eines Gebiets, Veränderung, Rangplatz, Zeitreihe, Änderungstabelle.

Alle arbeiten auf dem Ergebnis von berechnung.berechne (für Leser: aus geheimhaltung.fuer_leser).
"""

from collections.abc import Sequence

import numpy as np
import pandas as pd

from indikatoren.grundlagen.zahlenformat import runde
from indikatoren.rechnen.berechnung import Status


def zeile(ergebnis: pd.DataFrame, indikator: str, jahr: int, ags: str) -> pd.Series | None:
    """Die Zeile eines Gebiets, Indikators und Jahres. Gesucht auf den nackten Spalten, geholt wird nur die eine Zeile:
    ein Profil ruft das hundertfach, und ein gefiltertes Ergebnis (alle Spalten) kostete je Aufruf 2 ms."""
    treffer = np.flatnonzero((ergebnis["ags"].to_numpy() == ags) & (ergebnis["indikator"].to_numpy() == indikator)
                             & (ergebnis["jahr"].to_numpy() == jahr))
    return None if len(treffer) == 0 else ergebnis.iloc[treffer[0]]


def veraenderung(ergebnis: pd.DataFrame, indikator: str, jahr: int, ags: str, vorher: int | None = None
                 ) -> float | None:
    """Differenz in Prozentpunkten zum Vorjahr (oder zu `vorher`), aus den angezeigten, gerundeten Werten."""
    jetzt, frueher = zeile(ergebnis, indikator, jahr, ags), zeile(ergebnis, indikator, vorher or jahr - 1, ags)
    if jetzt is None or frueher is None or jetzt["status"] != Status.OK or frueher["status"] != Status.OK:
        return None
    return runde(runde(jetzt["wert"], 1) - runde(frueher["wert"], 1), 1)


def rangliste(ergebnis: pd.DataFrame, indikator: str, jahr: int, gebiete: Sequence[str] | None = None
              ) -> pd.DataFrame:
    """Gemeinden (oder die genannten Gebiete, etwa die Sozialräume einer Gemeinde) absteigend nach Wert, mit `platz`
    (1 = höchster Wert; gleiche Werte teilen den Platz).

    Ohne ausweisbaren Wert kein Platz; sie stehen am Ende. Verglichen werden die gezeigten, gerundeten Werte.
    """
    auswahl = ergebnis["ebene"] == "gemeinde" if gebiete is None else ergebnis["ags"].isin(gebiete)
    teil = ergebnis[(ergebnis["indikator"] == indikator) & (ergebnis["jahr"] == jahr) & auswahl].copy()
    gerundet = teil["wert"].map(lambda w: None if pd.isna(w) else runde(w, 1)).astype("Float64")
    gerundet = gerundet.where(teil["status"] == Status.OK)
    teil["platz"] = gerundet.rank(ascending=False, method="min").astype("Int64")
    return teil.assign(_r=gerundet).sort_values(["_r", "name"], ascending=[False, True], na_position="last") \
        .drop(columns="_r").reset_index(drop=True)


def platz(ergebnis: pd.DataFrame, indikator: str, jahr: int, ags: str, gebiete: Sequence[str] | None = None
          ) -> tuple[int | None, int]:
    """(Platz, Zahl der Gemeinden – oder der genannten Gebiete – mit Wert) – für „Platz 2 von 20“."""
    liste = rangliste(ergebnis, indikator, jahr, gebiete)
    eigener = liste.loc[liste["ags"] == ags, "platz"]
    p = None if eigener.empty or pd.isna(eigener.iloc[0]) else int(eigener.iloc[0])
    return p, int(liste["platz"].notna().sum())


def zeitreihe(ergebnis: pd.DataFrame, indikator: str, gebiete: list[str]) -> pd.DataFrame:
    """Alle Jahre der gewählten Gebiete, in ihrer Reihenfolge."""
    teil = ergebnis[(ergebnis["indikator"] == indikator) & ergebnis["ags"].isin(gebiete)]
    rang = teil["ags"].map({a: n for n, a in enumerate(gebiete)})
    return teil.assign(_rang=rang).sort_values(["_rang", "jahr"]).drop(columns="_rang").reset_index(drop=True)


def aenderungen(ergebnis: pd.DataFrame, indikator: str, gebiete: list[str]) -> pd.DataFrame:
    """Je Gebiet: erstes und letztes Jahr mit Wert, beide Werte, Änderung insgesamt und zum Vorjahr (Pp)."""
    zeilen = []
    for ags, teil in zeitreihe(ergebnis, indikator, gebiete).groupby("ags", sort=False):
        mit_wert = teil[teil["status"] == Status.OK]
        if mit_wert.empty:
            zeilen.append({"ags": ags, "name": teil["name"].iloc[0]})
            continue
        erstes, letztes = mit_wert.iloc[0], mit_wert.iloc[-1]
        zeilen.append({
            "ags": ags, "name": letztes["name"], "von": int(erstes["jahr"]), "bis": int(letztes["jahr"]),
            "wert_von": erstes["wert"], "wert_bis": letztes["wert"],
            "aenderung": runde(runde(letztes["wert"], 1) - runde(erstes["wert"], 1), 1),
            "vorjahr": veraenderung(ergebnis, indikator, int(letztes["jahr"]), ags),
        })
    return pd.DataFrame(zeilen, columns=["ags", "name", "von", "bis", "wert_von", "wert_bis", "aenderung",
                                         "vorjahr"])
