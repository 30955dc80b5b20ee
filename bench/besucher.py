"""50 echte Besucher mit leerem Cache: je ein neuer Chromium-Kontext (eigene Cookies, eigener Cache) öffnet zugleich
die Karte durch Caddy (deploy/start) mit 1 und mit 2 Streamlit-Prozessen; gemessen wird die Zeit, bis die Karte
gefärbt im Bild ist. Caddy liefert Streamlits Frontend vorkomprimiert von der Platte (deploy/start); der Vergleich
„ohne“ schaltet das ab (FRONTEND auf einen leeren Ordner: Caddy fragt dann Streamlit, wie vorher).

Alle Besucher laufen in einem Chromium auf derselben Maschine wie der Server: auf 2 Kernen teilen sich Browser und
Server die CPU, die Zahlen sind also eine obere Schranke. Gibt Zahlen aus, prüft keine Grenzen (Ziel laut Issue 23:
Median ≤ 2 s für 50 neue Besucher mit 2 Prozessen). Aufruf aus dem Projektordner, ../shared daneben, caddy und
chromium installiert:  python bench/besucher.py [ANZAHL]
"""

import asyncio
import os
import signal
import subprocess
import sys
import tempfile
import time
from statistics import median

from last import PROJEKT, _frei, _umgebung, _warten
from playwright.async_api import async_playwright

KARTE = 'iframe[title="streamlit_folium.st_folium"]'
SCHALTER = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


async def _besucher(browser, adresse: str) -> float:
    kontext = await browser.new_context(viewport={"width": 1400, "height": 900})
    seite = await kontext.new_page()
    start = time.perf_counter()
    await seite.goto(f"{adresse}/karte?indikator=kinderarmut&jahr=2024", wait_until="commit", timeout=180_000)
    await seite.frame_locator(KARTE).locator('path.gemeinde[aria-label*="%"]').first.wait_for(timeout=180_000)
    dauer = time.perf_counter() - start
    await kontext.close()
    return dauer


async def _welle(adresse: str, anzahl: int) -> list[float]:
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path="/usr/bin/chromium", args=SCHALTER)
        await _besucher(browser, adresse)  # einmal vorweg: Caches des Servers, wie nach dem Start
        zeiten = await asyncio.gather(*(_besucher(browser, adresse) for _ in range(anzahl)))
        await browser.close()
    return list(zeiten)


def main(anzahl: int = 50) -> None:
    print(f"{os.cpu_count()} Kerne, {anzahl} neue Chromium-Besucher zugleich, Zeit bis zur gefärbten Karte\n")
    print(f"{'Frontend':<22}{'Prozesse':>9}{'Median':>10}{'längste':>10}")
    for von_platte in (True, False):
        for prozesse in (1, 2):
            port = _frei()
            umgebung = {**_umgebung(), "PORT": str(port), "PROZESSE": str(prozesse), "ERSTER_PORT": str(_frei()),
                        "ADRESSE": f"http://127.0.0.1:{port}"}
            if not von_platte:
                umgebung["FRONTEND"] = tempfile.mkdtemp()  # leer: alles von Streamlit
            prozess = subprocess.Popen([str(PROJEKT / "deploy" / "start")], cwd=PROJEKT, env=umgebung,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
            try:
                _warten(port, prozess)
                zeiten = asyncio.run(_welle(f"http://127.0.0.1:{port}", anzahl))
                art = "Caddy, vorkomprimiert" if von_platte else "Streamlit (vorher)"
                print(f"{art:<22}{prozesse:>9}{median(zeiten):>8.2f} s{max(zeiten):>8.2f} s")
            finally:
                os.killpg(prozess.pid, signal.SIGTERM)
                prozess.wait(timeout=30)


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:2]))
