"""Benchmark der Geheimhaltung (primär und sekundär, mit Rangprüfung) für Kreise verschiedener Größe.

Gibt Zahlen aus, prüft keine Grenzen. Die Rangprüfung rechnet je Jahr eine Singulärwertzerlegung über die
gesperrten Zellen; sie wächst mit deren Zahl, darum stehen hier Gemeindezahlen wie in echten Kreisen (20 in
Hildesheim, 235 im Eifelkreis, 941 Statistische Gebiete wie in Hamburg). Die App rechnet einmal je Datenstand
(Cache). Aufruf aus dem Projektordner: python bench/geheimhaltung.py
"""

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from indikatoren.einlesen import BEISPIELDATEN  # noqa: E402
from indikatoren.gebiete import Gebiete  # noqa: E402
from indikatoren.geheimhaltung import sperren  # noqa: E402
from indikatoren.kennzahlen import aus_spalten  # noqa: E402
from indikatoren.pruefung import pruefe_datei  # noqa: E402

KREIS = "99000"


def gebiete(anzahl: int) -> Gebiete:
    """Ein Kreis mit `anzahl` Gemeinden, ein Zehntel davon in Samtgemeinden zu je 5."""
    ags = [f"99{i:06d}" for i in range(anzahl)]
    samt = [f"99000{i // 5:04d}" if i < anzahl // 10 else "" for i in range(anzahl)]
    return Gebiete(pd.concat([
        pd.DataFrame({"ags": ["DG", "99", KREIS], "name": ["Bund", "Land", "Kreis"], "ebene": ["bund", "land", "kreis"],
                      "samtgemeinde": ""}),
        pd.DataFrame({"ags": sorted({s for s in samt if s}), "name": "SG", "ebene": "samtgemeinde",
                      "samtgemeinde": ""}),
        pd.DataFrame({"ags": ags, "name": ags, "ebene": "gemeinde", "samtgemeinde": samt})], ignore_index=True), KREIS)


def kennzahlen(g: Gebiete, jahre: int, zufall):
    """Alle Zählgrößen; kleine Gemeinden (ein Viertel) mit vielen Zellen 0 bis 4; Kreiszeile als Summe."""
    zeilen = []
    for jahr in range(2024 - jahre + 1, 2025):
        for ags in g.gemeinden["ags"]:
            groesse = 8 if zufall.random() < 0.25 else 300
            z = {f"{a}_{b}": int(zufall.integers(0, groesse)) for a in ("bev", "nef") for b in ("u3", "3_6", "6_15")}
            for a in ("bev", "nef"):
                z[f"{a}_u15"] = z[f"{a}_u3"] + z[f"{a}_3_6"] + z[f"{a}_6_15"]
            z |= {"bev_15_rag": int(zufall.integers(10, 5000)), "elb": int(zufall.integers(0, groesse))}
            z |= {"bev_u_rag": z["bev_u15"] + z["bev_15_rag"], "lb": z["elb"] + z["nef_u15"]}
            zeilen.append({"ags": ags, "jahr": jahr, **z})
        teil = pd.DataFrame(zeilen[-len(g.gemeinden):])
        zeilen.append({"ags": KREIS, "jahr": jahr, **teil.drop(columns=["ags", "jahr"]).sum().to_dict()})
    tabelle = pd.DataFrame(zeilen).assign(name="", stichtag_sgb2="", stichtag_bev="", quelle="", art="beispiel")
    merkmale = [c for c in tabelle.columns if c.startswith(("bev", "nef", "lb", "elb"))]
    return aus_spalten(tabelle, pd.DataFrame(False, index=tabelle.index, columns=merkmale))


def messen(name: str, kz, g) -> float:
    start = time.perf_counter()
    s = sperren(kz, g)
    dauer = time.perf_counter() - start
    arten = s.zellen["art"].value_counts().to_dict()
    zellen = len(kz) * len(kz.merkmale)
    print(f"{name:<38} {len(kz):>7} Zeilen {zellen:>8} Zellen  {dauer * 1000:>9.0f} ms  "
          f"primär {arten.get('geheim (primär)', 0):>5}  sekundär {arten.get('geheim (sekundär)', 0):>5}")
    return dauer


def main() -> None:
    zufall = np.random.default_rng(1)
    hildesheim = Gebiete.laden("03254")
    basis = messen("Beispieldaten (20 Gemeinden, 6 Jahre)",
                   pruefe_datei(BEISPIELDATEN.read_bytes(), "b.csv", hildesheim).kennzahlen, hildesheim)
    for anzahl, jahre in ((20, 20), (235, 20), (941, 5)):
        g = gebiete(anzahl)
        dauer = messen(f"synthetisch {anzahl} Gemeinden × {jahre} Jahre", kennzahlen(g, jahre, zufall), g)
        print(f"{'':<38} Verhältnis zu den Beispieldaten: {dauer / basis:.1f}")


if __name__ == "__main__":
    main()
