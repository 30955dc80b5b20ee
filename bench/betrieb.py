"""Benchmark des Betriebs: deploy/start mit PROZESSE Prozessen hinter Caddy; gemessen in Chromium, was der erste
Besuch einer Seite überträgt (komprimiert, über die Leitung, mit und ohne Proxy) und wie lange die Seite braucht.

Dazu Lighthouse (desktop, Leistung) auf / durch den Proxy, wenn npx da ist. Gibt Zahlen aus, prüft keine Grenzen
(Ziele laut Issue: erster Besuch durch den Proxy ≤ 2,5 MB, Lighthouse ≥ 80).
Aufruf aus dem Projektordner, ../shared neben dem Klon, caddy und chromium installiert:  python bench/betrieb.py
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

PROJEKT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJEKT))
GEO = PROJEKT.parent / "shared" / "data" / "geo" / "gemeinden_lk_hildesheim.geojson"
SEITEN = {"Übersicht": "/", "Karte": "/karte", "Gemeindeprofil": "/gemeindeprofil?gemeinde=03254002",
          "Methodik": "/methodik"}


def _frei() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _besuch(adresse: str, pfad: str) -> tuple[float, int, float]:
    """(MB über die Leitung, Anfragen, Sekunden bis die Seite steht) für einen Besuch mit leerem Cache."""
    from tests.browser import browser_seite

    with browser_seite(1400, 900) as seite:
        cdp = seite.context.new_cdp_session(seite)
        cdp.send("Network.enable")
        uebertragen = []
        cdp.on("Network.loadingFinished", lambda e: uebertragen.append(e["encodedDataLength"]))
        start = time.perf_counter()
        seite.goto(adresse + pfad, wait_until="domcontentloaded")
        seite.get_by_role("heading").first.wait_for(timeout=60_000)
        seite.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
        dauer = time.perf_counter() - start
        seite.wait_for_timeout(2000)  # nachgeladene Teile (Karte, Diagramme) mitzählen
        return sum(uebertragen) / 1e6, len(uebertragen), dauer


def _lighthouse(adresse: str) -> None:
    """Lighthouse (npm, Version fest) mit Debians Chromium, Vorgabe „desktop“, nur Leistung; ohne node ein Hinweis."""
    if not shutil.which("npx"):
        print("\nLighthouse: npx fehlt (apt-get install nodejs npm)")
        return
    with tempfile.TemporaryDirectory() as ordner:
        bericht = Path(ordner) / "lighthouse.json"
        subprocess.run(["npx", "--yes", "lighthouse@13.5.0", adresse, "--preset=desktop",
                        "--only-categories=performance", "--output=json", f"--output-path={bericht}", "--quiet",
                        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"],
                       env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"}, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        daten = json.loads(bericht.read_text())
    werte = {a: daten["audits"][a]["displayValue"] for a in (
        "first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift",
        "speed-index")}
    print(f"\nLighthouse (desktop) auf {adresse}: Leistung {round(daten['categories']['performance']['score'] * 100)}"
          f" · FCP {werte['first-contentful-paint']} · LCP {werte['largest-contentful-paint']}"
          f" · TBT {werte['total-blocking-time']} · CLS {werte['cumulative-layout-shift']}"
          f" · Speed Index {werte['speed-index']}")


def main() -> None:
    laufzeit = Path(tempfile.mkdtemp(prefix="bench-betrieb-"))
    port, erster = _frei(), _frei()
    umgebung = {**os.environ, "PORT": str(port), "PROZESSE": os.environ.get("PROZESSE", "2"),
                "ERSTER_PORT": str(erster), "SOZIALPLANUNG_LAUFZEIT": str(laufzeit), "SOZIALPLANUNG_BASEMAP": "keine",
                "SOZIALPLANUNG_GEODATEN": str(GEO)}
    prozess = subprocess.Popen([str(PROJEKT / "deploy" / "start")], cwd=PROJEKT, env=umgebung,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        for _ in range(180):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        for pfad in SEITEN.values():  # einmal warm rechnen lassen, damit die Zeiten den Browser messen
            _besuch(f"http://127.0.0.1:{port}", pfad)
        print(f"{'Seite':<16}{'direkt':>10}{'Proxy':>10}{'Verhältnis':>12}{'Anfragen':>10}{'bis sichtbar':>14}")
        for name, pfad in SEITEN.items():
            direkt, _, _ = _besuch(f"http://127.0.0.1:{erster}", pfad)
            proxy, anfragen, dauer = _besuch(f"http://127.0.0.1:{port}", pfad)
            print(f"{name:<16}{direkt:>7.2f} MB{proxy:>7.2f} MB{direkt / proxy:>11.1f}×{anfragen:>10}{dauer:>12.2f} s")
        _lighthouse(f"http://127.0.0.1:{port}/")
    finally:
        os.killpg(prozess.pid, signal.SIGTERM)
        prozess.wait(timeout=30)


if __name__ == "__main__":
    main()
