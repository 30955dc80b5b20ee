"""Benchmark der Geheimhaltung für Kreise verschiedener Größe: das jetzige Verfahren (Schutzintervalle, geprüft und
ergänzt mit ganzzahligen Programmen, indikatoren/rechnen/schutz.py) neben dem früheren (Heuristik und Rangprüfung), mit
Dauer, Zahl und Summe der sekundär gesperrten Zellen (Informationsverlust) und wie viele geschützte Zellen ein
Leser zu eng eingrenzen kann.

Gibt Zahlen aus, prüft keine Grenzen. Gemeindezahlen wie in echten Kreisen (20 in Hildesheim, 235 im Eifelkreis, dort
auch mit Zeilen der Verbandsgemeinden, 941 Statistische Gebiete wie in Hamburg); die Programme wachsen mit der Zahl der
Gebiete eines Zusammenhangs, und große Tabellen rechnet der Schutz in Teilen (schutz.GROSSE_TABELLE). Die
App rechnet einmal je Datenstand (Cache; hier ein leerer Laufzeitordner, damit jede Zahl gerechnet ist). Dazu eine
Kette von Korrekturen: jeder neue Stand wird gegen alle früheren zugleich geprüft. Aufruf aus dem Projektordner:
python bench/geheimhaltung.py [--gross] [--ganz] (mit --gross auch 941 Gebiete; mit --ganz zum Vergleich auch das
Programm ohne Teile – das dauert).
"""

import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from indikatoren.ablaeufe.einlesung import BEISPIELDATEN  # noqa: E402
from indikatoren.einlesen.pruefung import pruefe_datei  # noqa: E402
from indikatoren.grundlagen.gebiete import Gebiete  # noqa: E402
from indikatoren.grundlagen.kennzahlen import aus_spalten  # noqa: E402
from indikatoren.rechnen import schutz  # noqa: E402
from indikatoren.rechnen.geheimhaltung import sperren  # noqa: E402

KREIS = "99000"


def gebiete(anzahl: int, verbaende: int = 0) -> Gebiete:
    """Ein Kreis mit `anzahl` Gemeinden: ohne `verbaende` ein Zehntel davon in Samtgemeinden zu je 5, sonst alle in
    so vielen Verbandsgemeinden (wie im Eifelkreis Bitburg-Prüm: 235 Gemeinden in Verbandsgemeinden)."""
    ags = [f"99{i:06d}" for i in range(anzahl)]
    samt = [f"99000{i % verbaende:04d}" if verbaende else f"99000{i // 5:04d}" if i < anzahl // 10 else ""
            for i in range(anzahl)]
    return Gebiete(pd.concat([
        pd.DataFrame({"ags": ["DG", "99", KREIS], "name": ["Bund", "Land", "Kreis"], "ebene": ["bund", "land", "kreis"],
                      "samtgemeinde": ""}),
        pd.DataFrame({"ags": sorted({s for s in samt if s}), "name": "SG", "ebene": "samtgemeinde",
                      "samtgemeinde": ""}),
        pd.DataFrame({"ags": ags, "name": ags, "ebene": "gemeinde", "samtgemeinde": samt})], ignore_index=True), KREIS)


def kennzahlen(g: Gebiete, jahre: int, zufall, verbandszeilen: bool = False):
    """Alle Zählgrößen; kleine Gemeinden (ein Viertel) mit vielen Zellen 0 bis 4; Kreiszeile als Summe, auf Wunsch
    auch je Samtgemeinde eine Zeile (wie eine Tabelle, die Verbandsgemeinden ausweist)."""
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
        if verbandszeilen:
            samt = teil["ags"].map(g.gemeinden.set_index("ags")["samtgemeinde"])
            for sg, t in teil[samt != ""].groupby(samt[samt != ""]):
                zeilen.append({"ags": sg, "jahr": jahr, **t.drop(columns=["ags", "jahr"]).sum().to_dict()})
        zeilen.append({"ags": KREIS, "jahr": jahr, **teil.drop(columns=["ags", "jahr"]).sum().to_dict()})
    tabelle = pd.DataFrame(zeilen).assign(name="", stichtag_sgb2="", stichtag_bev="", quelle="", art="beispiel")
    merkmale = [c for c in tabelle.columns if c.startswith(("bev", "nef", "lb", "elb"))]
    return aus_spalten(tabelle, pd.DataFrame(False, index=tabelle.index, columns=merkmale))


def messen(name: str, kz, g, ganz: bool = True) -> float:
    """Heuristik, das jetzige Verfahren und mit --ganz auch dasselbe Programm ohne Teile (über den ganzen
    Zusammenhang, wie vor den Teiltabellen; nicht für 941 Gebiete, dort dauert es über 6 Minuten je Jahr): Dauer,
    Sperrungen, zu enge Zellen."""
    zeiten = {}
    ganz = ganz and "--ganz" in sys.argv
    for verfahren in ("heuristik", "optimal", "ganz") if ganz else ("heuristik", "optimal"):
        grenze = schutz.GROSSE_TABELLE
        schutz.GROSSE_TABELLE = 10**12 if verfahren == "ganz" else grenze
        start = time.perf_counter()
        s = sperren(kz, g, verfahren="heuristik" if verfahren == "heuristik" else "optimal")
        zeiten[verfahren] = time.perf_counter() - start
        schutz.GROSSE_TABELLE = grenze
        sekundaer = s.zellen[s.zellen["art"] == "geheim (sekundär)"]
        primaer, eng = int((s.zellen["art"] == "geheim (primär)").sum()), int((~s.pruefung["erfuellt"]).sum())
        print(f"{name:<38} {verfahren:<9} {len(kz):>6} Zeilen {zeiten[verfahren] * 1000:>9.0f} ms  "
              f"primär {primaer:>5}  sekundär {len(sekundaer):>5} "
              f"(Summe {int(sekundaer['anzahl'].fillna(0).sum()):>7})  zu eng {eng:>4}")
    return zeiten["optimal"]


def korrekturen(kz, g, zufall, anzahl: int = 4) -> None:
    """Stand 1 und je eine Korrektur mit drei geänderten kleinen Zahlen (Kreiszeile mitgeführt); Dauer je Stand mit
    allen früheren, die früheren schon gerechnet (wie in der App: jeder war einmal veröffentlicht)."""
    staende = [kz]
    for _ in range(anzahl - 1):
        z = staende[-1].zeilen.copy()
        gemeinden = np.flatnonzero(z["ags"].ne(KREIS).to_numpy() & z["jahr"].eq(2024).to_numpy())
        for i in zufall.choice(gemeinden, 3, replace=False):
            z.loc[z.index[i], "nef_u3"] += 1
            for summe in ("nef_u15", "lb"):
                z.loc[z.index[i], summe] += 1
            kreis = z.index[(z["ags"] == KREIS) & (z["jahr"] == 2024)][0]
            for spalte in ("nef_u3", "nef_u15", "lb"):
                z.loc[kreis, spalte] += 1
        staende.append(type(kz)(z, staende[-1].geheim.copy()))
    basis = None
    for k in range(anzahl):
        start = time.perf_counter()
        s = sperren(staende[k], g, frueher=tuple(staende[:k]))
        dauer = time.perf_counter() - start
        basis = basis or dauer
        sekundaer = int((s.zellen["art"] == "geheim (sekundär)").sum())
        print(f"{'Korrektur ' + str(k) + ' (gegen ' + str(k) + ' frühere)':<38} optimal   {len(kz):>6} Zeilen "
              f"{dauer * 1000:>9.0f} ms  sekundär {sekundaer:>5}  Verhältnis zum ersten Stand: {dauer / basis:.1f}")


def main() -> None:
    os.environ["SOZIALPLANUNG_LAUFZEIT"] = tempfile.mkdtemp(prefix="bench_geheimhaltung_")
    zufall = np.random.default_rng(1)
    hildesheim = Gebiete.laden("03254")
    basis = messen("Beispieldaten (20 Gemeinden, 6 Jahre)",
                   pruefe_datei(BEISPIELDATEN.read_bytes(), "b.csv", hildesheim).kennzahlen, hildesheim)
    groessen = [(20, 20, 0), (235, 5, 0), (235, 5, 6)] + ([(941, 1, 0), (941, 5, 0)] if "--gross" in sys.argv else [])
    for anzahl, jahre, verbaende in groessen:
        g = gebiete(anzahl, verbaende)
        name = f"{anzahl} Gemeinden × {jahre} Jahre" + (f", {verbaende} Verbände" if verbaende else "")
        dauer = messen(name, kennzahlen(g, jahre, zufall, verbandszeilen=bool(verbaende)), g, ganz=anzahl < 900)
        print(f"{'':<38} Verhältnis zu den Beispieldaten: {dauer / basis:.1f}")
    g = gebiete(20)
    korrekturen(kennzahlen(g, 6, zufall), g, zufall)


if __name__ == "__main__":
    main()
