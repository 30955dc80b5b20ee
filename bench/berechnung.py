"""Benchmark der Berechnung: alle Indikatoren für 11.000 synthetische Gemeinden × 20 Jahre.

Gibt Zahlen aus, prüft keine Grenzen (die Maschinen schwanken); verglichen wird im selben Lauf:
Zeit je Zeile bei 220.000 Zeilen gegenüber den 126 Zeilen der Beispieldaten, dazu Prüfung einer großen
Datei und der Speicherbedarf. Aufruf aus dem Projektordner: python bench/berechnung.py
"""

import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from indikatoren.ablaeufe.einlesung import BEISPIELDATEN  # noqa: E402
from indikatoren.einlesen.pruefung import pruefe_datei  # noqa: E402
from indikatoren.grundlagen.gebiete import Gebiete  # noqa: E402
from indikatoren.grundlagen.kennzahlen import aus_spalten  # noqa: E402
from indikatoren.grundlagen.spalten import ANZAHLEN  # noqa: E402
from indikatoren.rechnen.berechnung import berechne  # noqa: E402

GEMEINDEN, JAHRE = 11_000, 20
KREIS = "99000"


def synthetische_gebiete() -> Gebiete:
    """Ein Kreis mit 11.000 Gemeinden, je 10 davon in einer Samtgemeinde (wie ein großes Land)."""
    ags = [f"99{i:06d}" for i in range(GEMEINDEN)]
    samt = [f"99000{i // 10:04d}" if i < GEMEINDEN // 2 else "" for i in range(GEMEINDEN)]
    verzeichnis = pd.concat([
        pd.DataFrame({"ags": ["DG", "99", KREIS], "name": ["Bund", "Land", "Kreis"],
                      "ebene": ["bund", "land", "kreis"], "samtgemeinde": ""}),
        pd.DataFrame({"ags": sorted(set(s for s in samt if s)), "name": "Samtgemeinde", "ebene": "samtgemeinde",
                      "samtgemeinde": ""}),
        pd.DataFrame({"ags": ags, "name": [f"Gemeinde {i}" for i in range(GEMEINDEN)], "ebene": "gemeinde",
                      "samtgemeinde": samt}),
    ], ignore_index=True)
    return Gebiete(verzeichnis, KREIS)


def synthetische_kennzahlen(zufall):
    """Stimmige Zahlen (Teile nie größer als das Ganze), 1 % der NEF-Altersgruppen gesperrt."""
    n = GEMEINDEN * JAHRE
    zeilen = pd.DataFrame({
        "ags": np.tile([f"99{i:06d}" for i in range(GEMEINDEN)], JAHRE), "name": "",
        "jahr": np.repeat(np.arange(2005, 2005 + JAHRE), GEMEINDEN),
        "stichtag_sgb2": "", "stichtag_bev": "", "quelle": "Benchmark", "art": "beispiel"})
    zeilen["bev_u_rag"] = zufall.integers(300, 100_000, n)
    zeilen["bev_u15"] = (zeilen["bev_u_rag"] * 0.17).astype(int)
    zeilen["bev_15_rag"] = zeilen["bev_u_rag"] - zeilen["bev_u15"]
    zeilen["bev_u3"] = (zeilen["bev_u15"] * 0.2).astype(int)
    zeilen["bev_3_6"] = (zeilen["bev_u15"] * 0.2).astype(int)
    zeilen["bev_6_15"] = zeilen["bev_u15"] - zeilen["bev_u3"] - zeilen["bev_3_6"]
    quote = zufall.uniform(0.01, 0.3, n)
    for a in ("u3", "3_6", "6_15"):
        zeilen[f"nef_{a}"] = (zeilen[f"bev_{a}"] * quote).astype(int)
    zeilen["nef_u15"] = zeilen["nef_u3"] + zeilen["nef_3_6"] + zeilen["nef_6_15"]
    zeilen["lb"] = (zeilen["nef_u15"] / 0.3).astype(int) + 1
    zeilen["elb"] = ((zeilen["lb"] - zeilen["nef_u15"]) * 0.9).astype(int)
    geheim = pd.DataFrame({s: (zufall.random(n) < 0.01) & s.startswith("nef_") & (s != "nef_u15")
                           for s in ANZAHLEN})
    for s in ANZAHLEN:
        zeilen[s] = zeilen[s].astype("Int64").mask(geheim[s])
    return aus_spalten(zeilen, geheim)


def messen(aufgabe, wiederholungen=3):
    zeiten = []
    for _ in range(wiederholungen):
        start = time.perf_counter()
        ergebnis = aufgabe()
        zeiten.append(time.perf_counter() - start)
    return min(zeiten), ergebnis


def main():
    zufall = np.random.default_rng(1)
    hildesheim = Gebiete.laden("03254")
    klein = pruefe_datei(BEISPIELDATEN.read_bytes(), "b.csv", hildesheim).kennzahlen
    gebiete, gross = synthetische_gebiete(), synthetische_kennzahlen(zufall)

    t_klein, e_klein = messen(lambda: berechne(klein, hildesheim), 5)
    t_gross, e_gross = messen(lambda: berechne(gross, gebiete))
    tracemalloc.start()  # eigener Lauf: tracemalloc verlangsamt pandas stark
    berechne(gross, gebiete)
    _, spitze = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    datei = gross.als_tabelle().head(GEMEINDEN * 2).to_csv(sep=";", index=False).encode()
    pruef_gebiete = gebiete
    t_pruef, _ = messen(lambda: pruefe_datei(datei, "gross.csv", pruef_gebiete), 1)

    print(f"Berechnung Beispieldaten LK Hildesheim: {len(klein):>7} Zeilen -> {len(e_klein):>9} Ergebnisse "
          f"in {t_klein * 1000:8.1f} ms")
    print(f"Berechnung synthetisch 11.000 × 20:     {len(gross):>7} Zeilen -> {len(e_gross):>9} Ergebnisse "
          f"in {t_gross * 1000:8.1f} ms (Speicherspitze {spitze / 2**20:.0f} MiB)")
    print(f"Verhältnis Zeit je Eingabezeile groß/klein: "
          f"{(t_gross / len(gross)) / (t_klein / len(klein)):.3f}")
    print(f"Prüfung einer Datei mit {GEMEINDEN * 2} Zeilen ({len(datei) / 2**20:.1f} MB): {t_pruef:.2f} s "
          f"({t_pruef / (GEMEINDEN * 2) * 1e6:.0f} µs je Zeile)")


if __name__ == "__main__":
    main()
