"""Liest die kleinen, mitgelieferten Tabellen in data/ (Vergleichswerte, Einrichtungen) mit Formprüfung.

Sie werden von Hand gepflegt; ein Tippfehler soll mit Datei, Zeile und Spalte auffallen, nicht als leere Karte.
"""

from collections.abc import Collection, Mapping, Sequence
from pathlib import Path

import pandas as pd


def lies_tabelle(datei: Path, spalten: Sequence[str], erlaubt: Mapping[str, Collection[str]] = {}) -> pd.DataFrame:
    """Semikolon-CSV als Text; wirft ValueError, wenn eine Spalte fehlt oder ein Wert nicht erlaubt ist."""
    tabelle = pd.read_csv(datei, sep=";", dtype=str, keep_default_na=False)
    fehlend = [s for s in spalten if s not in tabelle.columns]
    if fehlend:
        raise ValueError(f"{datei}: es fehlen die Spalten {', '.join(fehlend)}.")
    for spalte, werte in erlaubt.items():
        falsch = tabelle[~tabelle[spalte].isin(werte)]
        if not falsch.empty:
            raise ValueError(f"{datei}, Zeile {falsch.index[0] + 2}, Spalte {spalte}: „{falsch.iloc[0][spalte]}“ "
                             f"ist nicht erlaubt ({', '.join(werte)}).")
    return tabelle
