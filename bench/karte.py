"""Benchmark der Karte für Kreis (LK Hildesheim), Land (Niedersachsen) und Bund (ohne Bayern): Rechenzeit,
Übertragung (Grundlage einmal, Färbung je Wechsel) und Zeit in Chromium; Jenks bis 10.800 Werte; dazu die Serverzeit
eines warmen Neulaufs je Seite mit AppTest (am echten Server misst bench/last.py).

Gibt Zahlen aus, prüft keine Grenzen (Ziele laut Issue: je Wechsel ≤ 5 KB und Umfärben ≤ 150 ms im Kreis; gezeichnet
Land ≤ 2 s, Bund ≤ 4 s; Jenks für 10.800 Werte ≤ 1 s). Aufruf aus dem Projektordner, ../shared neben dem Klon,
chromium installiert:  python bench/karte.py
"""

import os
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import pandas as pd

PROJEKT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJEKT))
GEO = PROJEKT.parent / "shared" / "data" / "geo"
os.environ.setdefault("SOZIALPLANUNG_LAUFZEIT", tempfile.mkdtemp(prefix="bench-laufzeit-"))
os.environ["SOZIALPLANUNG_BASEMAP"] = "keine"
os.environ["SOZIALPLANUNG_GEODATEN"] = str(GEO / "gemeinden_lk_hildesheim.geojson")

from darstellung.karte import (  # noqa: E402
    LEAFLET_PFAD,
    auslagern,
    choroplethenkarte,
    faerbedaten,
    grundlage,
    leaflet_bereitstellen,
)
from darstellung.maskierung import skript_json  # noqa: E402
from indikatoren.grundlagen import geodaten, katalog  # noqa: E402
from indikatoren.rechnen.klassen import klassifiziere  # noqa: E402

GEBIETE = (("Kreis", "gemeinden_lk_hildesheim.geojson", "03254"), ("Land", "gemeinden_niedersachsen.geojson", "03"),
           ("Bund", "gemeinden_deutschland_ohne_bayern.geojson", ""))


def _werte(grenzen: gpd.GeoDataFrame, verschiebung: float) -> pd.DataFrame:
    return grenzen[["ags"]].assign(wert=[(i * 7.3 + verschiebung) % 30 for i in range(len(grenzen))], status="ok",
                                    stichtag_sgb2="2024-12", stichtag_bev="2023-12-31")


def _bestes(aufgabe, *argumente, mal: int = 3) -> tuple[object, float]:
    zeiten, ergebnis = [], None
    for _ in range(mal):
        start = time.perf_counter()
        ergebnis = aufgabe(*argumente)
        zeiten.append(time.perf_counter() - start)
    return ergebnis, min(zeiten) * 1000


def _im_browser(html: str, ordner: Path, faerbung_neu: str) -> tuple[float, float]:
    """(ms bis die Karte gezeichnet ist, ms für ein Umfärben) in Chromium, die Karte als eigenes Dokument."""
    from tests.browser import browser_seite

    leaflet = leaflet_bereitstellen(ordner)
    datei = ordner / "karte.html"
    datei.write_text(html.replace(LEAFLET_PFAD, leaflet.as_uri()).replace(
        "</body>", "<script>requestAnimationFrame(function () { setTimeout(function () {"
                   " window.gezeichnet = performance.now(); }); });</script></body>"))
    with browser_seite(1400, 900) as seite:
        seite.goto(datei.as_uri())
        seite.wait_for_function("() => window.gezeichnet", timeout=120_000)
        gezeichnet = seite.evaluate("() => window.gezeichnet")
        umfaerben = seite.evaluate("""(d) => new Promise(r => { const t = performance.now();
            window.gemeindenFaerben(JSON.parse(d));
            requestAnimationFrame(() => setTimeout(() => r(performance.now() - t))); })""", faerbung_neu)
    return gezeichnet, umfaerben


def karten() -> None:
    """Kreis, Land und Bund: Rechenzeit (Vereinfachen, Klassen, Färbung), was über die Leitung geht (die Grundlage
    einmal als Datei, je Wechsel nur die Färbung) und die Zeit in Chromium bis zur Karte und für ein Umfärben."""
    print(f"{'Gebiet':<7}{'Gemeinden':>10}{'Vereinf.':>10}{'Jenks':>9}{'Färbung':>9}{'Grundlage':>11}"
          f"{'je Wechsel':>12}{'gezeichnet':>12}{'umgefärbt':>11}")
    ind = katalog.indikator("kinderarmut")
    for name, datei, kreis in GEBIETE:
        roh = geodaten._vereinheitlicht(gpd.read_file(GEO / datei), kreis, datei)
        grenzen, vereinfachen = _bestes(geodaten.vereinfacht, roh, mal=1)
        werte, neu = _werte(grenzen, 0), _werte(grenzen, 4.1)
        klassen, jenks = _bestes(klassifiziere, werte["wert"], "natuerlich")
        daten, faerben = _bestes(faerbedaten, grenzen, werte, klassen, ind)
        with tempfile.TemporaryDirectory() as ordner:
            adresse = auslagern(grundlage(grenzen), Path(ordner))
            grundlage_kb = (Path(ordner) / "karten" / adresse.rsplit("/", 1)[1]).stat().st_size / 1024
            je_wechsel_kb = len(skript_json(daten).encode()) / 1024
            html = choroplethenkarte(grenzen, werte, klassen, ind).get_root().render()
            gezeichnet, umgefaerbt = _im_browser(html, Path(ordner), skript_json(
                faerbedaten(grenzen, neu, klassifiziere(neu["wert"], "natuerlich"), ind)))
        print(f"{name:<7}{len(grenzen):>10}{vereinfachen:>7.0f} ms{jenks:>6.0f} ms{faerben:>6.0f} ms"
              f"{grundlage_kb:>8.0f} KB{je_wechsel_kb:>9.1f} KB{gezeichnet:>9.0f} ms{umgefaerbt:>8.0f} ms")


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
