"""Die statische Website: wie lange sie zu bauen dauert und wie schnell sie bei Lesern ist.

1. Bauzeit (python -m indikatoren veroeffentlichen --website, eigener Prozess wie in der Datenpflege) für den
   Landkreis Hildesheim (20 Gemeinden, ein Verband, 4 Sozialräume) mit 1 und 2 Arbeitsprozessen, und für den
   Landkreis Görlitz (53 Gemeinden und Verbände, aus ../shared/data/geo/gemeinden_deutschland_ohne_bayern.geojson).
2. Erster Besuch je Seitenart: HTML, CSS und alle Bilder der Seite, wie Caddy sie ausliefert (brotli).
3. Lighthouse 13.5 (mobil und Desktop, Leistung und Barrierefreiheit) auf Übersicht, Indikatorseite und Profil,
   über npx wie bench/betrieb.py (braucht Node.js, die npm-Registry und Debians Chromium).

Gibt Zahlen aus, prüft keine Grenzen (Ziele laut Issue 23: Lighthouse ≥ 95 Leistung und 100 Barrierefreiheit,
erster Besuch ≤ 300 KB komprimiert, der Kreis in wenigen Sekunden, 50+ Gebiete unter einer Minute).
Aufruf aus dem Projektordner, ../shared neben dem Klon: python bench/website.py
"""

import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path

import brotli

PROJEKT = Path(__file__).resolve().parent.parent
GEO = PROJEKT.parent / "shared" / "data" / "geo"


def _cli(umgebung: dict, *argumente: str) -> tuple[float, str]:
    start = time.perf_counter()
    ergebnis = subprocess.run([sys.executable, "-m", "indikatoren", *argumente], cwd=PROJEKT, env=umgebung,
                              capture_output=True, text=True, check=True)
    return time.perf_counter() - start, ergebnis.stderr


def _kreis(kreis: str, geodaten: Path, name: str) -> dict:
    umgebung = {**os.environ, "SOZIALPLANUNG_LAUFZEIT": tempfile.mkdtemp(prefix="bench-web-"),
                "SOZIALPLANUNG_KREIS": kreis, "SOZIALPLANUNG_GEODATEN": str(geodaten), "SOZIALPLANUNG_DB": "",
                "SOZIALPLANUNG_KREISNAME": name}
    _cli(umgebung, "beispieldaten")
    return umgebung


def bauzeiten() -> Path:
    hildesheim = _kreis("03254", GEO / "gemeinden_lk_hildesheim.geojson", "Landkreis Hildesheim")
    _cli(hildesheim, "sozialraeume", "beispiel")
    ziel = Path(tempfile.mkdtemp(prefix="bench-website-"))
    print("Bauzeit (ganzer Befehl mit Start von Python; Zeile „fertig“: das Bauen selbst)")
    for arbeiter in ("1", "2"):
        sekunden, fehler = _cli({**hildesheim, "SOZIALPLANUNG_ARBEITER": arbeiter}, "veroeffentlichen", "--website",
                                str(ziel / f"hildesheim{arbeiter}"))
        fertig = re.search(r"fertig: (\d+) Dateien in ([\d.]+) s", fehler)
        print(f"  Landkreis Hildesheim, {arbeiter} Prozess(e): {sekunden:5.1f} s  ({fertig[1]} Dateien, Bauen "
              f"{fertig[2]} s, {fehler.count('[')} Fortschrittsmeldungen)")
    goerlitz = _kreis("14626", GEO / "gemeinden_deutschland_ohne_bayern.geojson", "Landkreis Görlitz")
    sekunden, fehler = _cli(goerlitz, "veroeffentlichen", "--website", str(ziel / "goerlitz"))
    fertig = re.search(r"fertig: (\d+) Dateien in ([\d.]+) s", fehler)
    gebiete = len(list((ziel / "goerlitz" / "datenstand-1" / "gebiet").glob("*.html")))
    print(f"  Landkreis Görlitz ({gebiete} Gebiete), 2 Prozesse: {sekunden:5.1f} s  ({fertig[1]} Dateien, Bauen "
          f"{fertig[2]} s)")
    return ziel / "hildesheim2"


def erster_besuch(stand: Path) -> None:
    """Was ein neuer Besucher lädt: die Seite, ihr Stil und jedes Bild, so groß wie Caddy es schickt (.br)."""
    print("Erster Besuch (brotli, wie Caddy ausliefert: HTML + CSS + Bilder)")
    for titel, seite in (("Übersicht", "index.html"), ("Indikator", "indikator/kinderarmut-2024.html"),
                         ("Profil", "gebiet/03254002.html"), ("Wegweiser", "wegweiser.html"),
                         ("Methodik", "methodik.html")):
        datei = stand / seite
        text = datei.read_text(encoding="utf-8")
        # geladen werden Bilder (src) und Stile (<link>); ein Link auf ein SVG (<a href>) lädt erst der Klick
        bezogen = [b or s for b, s in re.findall(r'src="([^"#]+\.svg)"|<link[^>]+href="([^"#]+\.css)"', text)]
        teile = [datei] + [(datei.parent / pfad).resolve() for pfad in dict.fromkeys(bezogen)]
        gross = sum(len(brotli.compress(t.read_bytes(), quality=9)) for t in teile)
        print(f"  {titel:<10} {gross / 1024:6.1f} KB in {len(teile)} Dateien")


def lighthouse(wurzel: Path) -> None:
    if not shutil.which("npx"):
        print("Lighthouse: npx fehlt (apt-get install nodejs npm)")
        return
    class Still(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *_):
            pass
    bediener = partial(Still, directory=str(wurzel))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), bediener)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    adresse = f"http://127.0.0.1:{server.server_address[1]}"
    print("Lighthouse 13.5 (Leistung / Barrierefreiheit; mobil mit gedrosseltem Netz und Prozessor)")
    try:
        for titel, seite in (("Übersicht", "index.html"), ("Indikator", "indikator/kinderarmut-2024.html"),
                             ("Profil", "gebiet/03254002.html")):
            zeile = []
            for form in ("mobile", "desktop"):
                bericht = Path(tempfile.mkdtemp()) / "lh.json"
                subprocess.run(["npx", "--yes", "lighthouse@13.5.0", f"{adresse}/{seite}", "--quiet", "--output=json",
                                f"--output-path={bericht}", "--only-categories=performance,accessibility",
                                *(["--preset=desktop"] if form == "desktop" else []),
                                "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking"],
                               env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"}, capture_output=True, check=True)
                r = json.loads(bericht.read_text())
                punkte = {k: round(v["score"] * 100) for k, v in r["categories"].items()}
                zeile.append(f"{form}: {punkte['performance']:3d} / {punkte['accessibility']:3d}, LCP "
                             f"{r['audits']['largest-contentful-paint']['displayValue']}, CLS "
                             f"{r['audits']['cumulative-layout-shift']['displayValue']}")
            print(f"  {titel:<10} " + " · ".join(zeile))
    finally:
        server.shutdown()


def main() -> None:
    stand = max(bauzeiten().glob("datenstand-*"))
    erster_besuch(stand)
    lighthouse(stand)


if __name__ == "__main__":
    main()
