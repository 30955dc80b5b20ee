"""Benchmark der Karte und der Seiten: Nutzlast und Bauzeit der Karte (roh gegen Anzeigefassung) für
LK Hildesheim und ganz Niedersachsen, dazu die Serverzeit eines warmen Neulaufs je Seite.

Gibt Zahlen aus, prüft keine Grenzen (Budgets: Karte LK <= 60 KB, Niedersachsen <= 800 KB, warmer
Neulauf <= 150 ms). Aufruf aus dem Projektordner, ../shared neben dem Klon:  python bench/karte.py
"""

import os
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

PROJEKT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJEKT))
GEO = PROJEKT.parent / "shared" / "data" / "geo"
os.environ.setdefault("SOZIALPLANUNG_LAUFZEIT", tempfile.mkdtemp(prefix="bench-laufzeit-"))
os.environ["SOZIALPLANUNG_BASEMAP"] = "keine"
os.environ["SOZIALPLANUNG_GEODATEN"] = str(GEO / "gemeinden_lk_hildesheim.geojson")

from darstellung.karte import choroplethenkarte  # noqa: E402
from indikatoren import geodaten, katalog  # noqa: E402
from indikatoren.einrichtungen import lade_einrichtungen, umkreis  # noqa: E402
from indikatoren.klassen import klassifiziere  # noqa: E402


def _karte(grenzen: gpd.GeoDataFrame, einrichtungen) -> tuple[int, float]:
    """Bytes des HTML, das streamlit-folium bekommt, und Bauzeit (bestes von 3) in ms."""
    werte = grenzen[["ags"]].assign(wert=[(i * 7.3) % 30 for i in range(len(grenzen))], status="ok",
                                    stichtag_sgb2="2024-12", stichtag_bev="2023-12-31")
    klassen = klassifiziere(werte["wert"], "natuerlich")
    zeiten, groesse = [], 0
    for _ in range(3):
        start = time.perf_counter()
        html = choroplethenkarte(grenzen, werte, klassen, katalog.indikator("kinderarmut"), einrichtungen,
                                 umkreis(einrichtungen)).get_root().render()
        zeiten.append(time.perf_counter() - start)
        groesse = len(html.encode())
    return groesse, min(zeiten) * 1000


def karten() -> None:
    einrichtungen = lade_einrichtungen()
    print(f"{'Gebiet':<16}{'Fassung':<10}{'Gemeinden':>10}{'Punkte':>10}{'HTML':>12}{'Bauzeit':>10}"
          f"{'Vereinfachen':>14}")
    for name, datei, kreis in (("LK Hildesheim", "gemeinden_lk_hildesheim.geojson", "03254"),
                               ("Niedersachsen", "gemeinden_niedersachsen.geojson", "03")):
        roh = geodaten._vereinheitlicht(gpd.read_file(GEO / datei), kreis, datei)
        start = time.perf_counter()
        anzeige = geodaten.vereinfacht(roh)
        dauer = (time.perf_counter() - start) * 1000
        for fassung, grenzen, extra in (("roh", roh, ""), ("Anzeige", anzeige, f"{dauer:.0f} ms")):
            groesse, bauzeit = _karte(grenzen, einrichtungen)
            punkte = int(shapely.get_num_coordinates(grenzen.geometry.to_numpy()).sum())
            print(f"{name:<16}{fassung:<10}{len(grenzen):>10}{punkte:>10}{groesse / 1024:>9.1f} KB"
                  f"{bauzeit:>7.0f} ms{extra:>14}")


def _rss_mb() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


def neulaeufe(wiederholungen: int = 40) -> None:
    """Serverzeit eines warmen Neulaufs (Caches gefüllt) je Seite, mit AppTest gemessen (Median), einmal mit
    Streamlits Aufräumen nach jedem Lauf (runner.postScriptGC, Vorgabe von Streamlit) und einmal ohne (Einstellung
    des Projekts, .streamlit/config.toml); dazu der Speicher des Prozesses danach, damit ein Wachsen auffiele."""
    from statistics import median

    from streamlit import config
    from streamlit.testing.v1 import AppTest

    print(f"\n{'Seite':<18}{'mit GC':>10}{'ohne GC':>10}{'Verhältnis':>12}{'Speicher mit':>15}{'ohne':>10}")
    for seite in ("uebersicht", "karte", "gemeindeprofil", "zeitvergleich", "methodik"):
        ergebnis = {}
        for gc_an in (True, False):
            config.set_option("runner.postScriptGC", gc_an)
            app = AppTest.from_file(str(PROJEKT / "app.py"), default_timeout=120)
            app.query_params["gemeinde"] = "03254002"
            if seite != "uebersicht":
                app.switch_page(f"pages/{seite}.py")
            app.run()
            zeiten = []
            for _ in range(wiederholungen):
                start = time.perf_counter()
                app.run()
                zeiten.append(time.perf_counter() - start)
            assert not app.exception, app.exception
            ergebnis[gc_an] = (median(zeiten) * 1000, _rss_mb())
        (mit, speicher_mit), (ohne, speicher_ohne) = ergebnis[True], ergebnis[False]
        print(f"{seite:<18}{mit:>7.0f} ms{ohne:>7.0f} ms{mit / ohne:>11.1f}×{speicher_mit:>12.0f} MB"
              f"{speicher_ohne:>7.0f} MB")


def klassen() -> None:
    """Jenks für wachsende Zahlen von Gemeinden (Kreis, Land, Bund): Rechenzeit, bestes von 3."""
    import numpy as np

    print(f"\n{'Werte':>8}{'Jenks':>12}")
    zufall = np.random.default_rng(1)
    for n in (20, 950, 10_800):
        werte = pd.Series(np.round(zufall.gamma(3, 3, n), 1))
        zeiten = []
        for _ in range(3):
            start = time.perf_counter()
            klassifiziere(werte, "natuerlich")
            zeiten.append(time.perf_counter() - start)
        print(f"{n:>8}{min(zeiten) * 1000:>9.1f} ms")


if __name__ == "__main__":
    karten()
    klassen()
    neulaeufe()
