"""Einteilung der Werte in Farbklassen für die Karte: Jenks, Quantile, gleiche Abstände oder eigene Grenzen.

Eingeteilt werden die auf eine Stelle gerundeten Werte, die die Karte auch zeigt; so liegt kein angezeigter
Wert scheinbar in der falschen Klasse. Jenks rechnet die exakte Lösung (Fisher-Jenks, deterministisch) über die
verschiedenen Werte, jeder mit seiner Häufigkeit gewichtet: Prozente mit einer Stelle haben höchstens 1.001
verschiedene Werte, so bleibt die Rechnung auch für alle 10.800 Gemeinden Deutschlands bei Millisekunden, statt mit
dem Quadrat der Gemeindezahl zu wachsen (mapclassify brauchte 168 s, jenkspy 0,9 s).
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from indikatoren.grundlagen.zahlenformat import lies_dezimal, prozent, runde, zahl
from indikatoren.rechnen.berechnung import AUSGEWIESEN

# ColorBrewer YlOrRd, farbfehlsichtigen-tauglich, je Klassenzahl (1 bis 7)
PALETTEN = {
    1: ["#fd8d3c"],
    2: ["#fecc5c", "#e31a1c"],
    3: ["#ffeda0", "#feb24c", "#f03b20"],
    4: ["#ffffb2", "#fecc5c", "#fd8d3c", "#e31a1c"],
    5: ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"],
    6: ["#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#f03b20", "#bd0026"],
    7: ["#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#b10026"],
}
HOECHSTE_KLASSENZAHL = 7


@dataclass(frozen=True)
class Klassen:
    grenzen: tuple[float, ...]  # obere Grenze jeder Klasse (einschließlich); die letzte ist das Maximum
    minimum: float

    @property
    def farben(self) -> list[str]:
        return PALETTEN[len(self.grenzen)]

    def klasse(self, wert) -> int | None:
        """Nummer der Klasse (0 = niedrigste) eines Werts, None ohne Wert."""
        if wert is None or pd.isna(wert):
            return None
        return int(np.searchsorted(self.grenzen, runde(wert, 1), side="left"))

    def farbe(self, wert) -> str | None:
        k = self.klasse(wert)
        return None if k is None else self.farben[k]

    def beschriftungen(self) -> list[str]:
        """„bis 6,9 %“, „über 6,9 bis 9,2 %“, …"""
        texte, unten = [], None
        for grenze in self.grenzen:
            texte.append(f"bis {prozent(grenze)}" if unten is None else
                         f"über {zahl(unten, 1)} bis {prozent(grenze)}")
            unten = grenze
        return texte


def der_gemeinden(ergebnis: pd.DataFrame, indikator: str, jahr: int, methode: str = "natuerlich",
                  eigene: Sequence[float] = ()) -> Klassen | None:
    """Klassen der Gemeindewerte eines Indikators und Jahres, wie Karte und Sozialbericht sie zeigen: nur Werte, die
    Leser sehen (ausweisbar oder Untergrenze)."""
    e = ergebnis
    return der_werte(e[(e["indikator"] == indikator) & (e["jahr"] == jahr) & (e["ebene"] == "gemeinde")], methode,
                     eigene)


def der_werte(teil: pd.DataFrame, methode: str = "natuerlich", eigene: Sequence[float] = ()) -> Klassen | None:
    """Klassen der Zeilen eines Ergebnisses (etwa der Sozialräume einer Gemeinde), nur aus Werten, die Leser sehen."""
    return klassifiziere(teil["wert"].where(teil["status"].isin(AUSGEWIESEN)), methode, eigene=eigene)


def klassifiziere(werte: pd.Series, methode: str, anzahl: int = 5, eigene: Sequence[float] = ()) -> Klassen | None:
    """Klassen für die vorhandenen Werte; None, wenn es keinen Wert gibt."""
    y = np.array(sorted({runde(w, 1) for w in werte.dropna()}), dtype=float)
    if len(y) == 0:
        return None
    alle = np.array([runde(w, 1) for w in werte.dropna()], dtype=float)
    k = max(1, min(anzahl, len(y), HOECHSTE_KLASSENZAHL))
    if methode == "eigene":
        innen = [g for g in sorted(set(eigene)) if y[0] <= g < y[-1]][: HOECHSTE_KLASSENZAHL - 1]
        grenzen = [*innen, y[-1]]
    elif k == 1:
        grenzen = [y[-1]]
    elif methode == "quantile":
        grenzen = np.quantile(alle, np.linspace(0, 1, k + 1)[1:]).tolist()
    elif methode == "gleich":
        grenzen = np.linspace(y[0], y[-1], k + 1)[1:].tolist()
    elif methode == "natuerlich":
        grenzen = _jenks(alle, k)
    else:
        raise ValueError(f"Unbekannte Klassenmethode „{methode}“.")
    grenzen = sorted({runde(g, 1) for g in grenzen})
    return Klassen(tuple(grenzen), float(y[0]))


def lies_grenzen(text: str) -> tuple[float, ...]:
    """Eigene Grenzen, wie Menschen sie tippen: „5; 10; 15,5“ oder „5 10 15.5“."""
    werte = []
    for teil in re.split(r"[;\s]+", text.strip()):
        if teil:
            if (wert := lies_dezimal(teil)) is None:
                raise ValueError(f"„{teil}“ ist keine Zahl; Grenzen bitte mit Semikolon trennen, z. B. 5; 10; 15,5")
            werte.append(wert)
    return tuple(sorted(set(werte)))


def _jenks(werte: np.ndarray, k: int) -> list[float]:
    """Obere Grenzen der k Klassen mit der kleinsten Summe der quadrierten Abweichungen (Fisher 1958), dynamisch
    über die verschiedenen Werte u mit Gewichten w. kosten(i, j): Abweichungsquadrate der Klasse u[i..j]."""
    u, w = np.unique(werte, return_counts=True)
    m, k = len(u), min(k, len(u))
    s0, s1, s2 = (np.concatenate([[0.0], np.cumsum(w * u**p)]) for p in (0, 1, 2))

    def kosten(i, j):  # Klasse u[i..j]; i oder j darf ein Feld sein
        n, summe = s0[j + 1] - s0[i], s1[j + 1] - s1[i]
        return (s2[j + 1] - s2[i]) - summe * summe / n

    beste = kosten(0, np.arange(m))  # eine Klasse: u[0..j]
    anfang = np.zeros((k, m), dtype=int)
    for c in range(1, k):
        neu = np.full(m, np.inf)
        for j in range(c, m):
            i = np.arange(c, j + 1)  # Anfang der letzten Klasse; davor c Klassen über u[0..i-1]
            summen = beste[i - 1] + kosten(i, j)
            wahl = int(np.argmin(summen))
            neu[j], anfang[c, j] = summen[wahl], i[wahl]
        beste = neu
    grenzen, j = [], m - 1
    for c in range(k - 1, -1, -1):
        grenzen.append(float(u[j]))
        j = anfang[c, j] - 1
    return grenzen[::-1]
