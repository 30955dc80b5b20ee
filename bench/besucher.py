"""50 neue Besucher mit leerem Cache öffnen zugleich die Karte durch Caddy (deploy/start), mit 1 und mit 2
Streamlit-Prozessen; gemessen wird die Zeit, bis die Karte gefärbt da ist, und die Rechenzeit des Servers (Streamlit
und Caddy, aus /proc) je Besucher. Caddy liefert Streamlits Frontend vorkomprimiert von der Platte (deploy/start); der
Vergleich „vorher“ schaltet das ab (FRONTEND auf einen leeren Ordner: Caddy fragt dann Streamlit).

Zuerst ohne Browser: jeder Besucher lädt genau die Dateien, die Chromium beim ersten Besuch lud (komprimiert, über 6
dauerhafte Verbindungen wie Chromium), und öffnet dann die Sitzung bis zur Karte – als liefen die Browser auf eigenen
Rechnern wie bei echten Lesern; nur der Lastgenerator selbst rechnet auf denselben Kernen (seine Zeit steht dabei).
Dann mit echten Chromium-Kontexten (eigene Cookies, leerer Cache) auf derselben Maschine: Auf 2 Kernen teilen sich
dann 50 Browser und der Server die CPU, und Streamlits Oberfläche rechnet je Besucher rund 2 s im Browser; diese
Zeiten sind vor allem die des Browsers.

Gibt Zahlen aus, prüft keine Grenzen (Ziel laut Issue 23: Median ≤ 2 s für 50 neue Besucher mit 2 Prozessen).
Aufruf aus dem Projektordner, ../shared daneben, caddy und chromium installiert:
    python bench/besucher.py [ANZAHL] [--ohne-chromium]
"""

import asyncio
import http.client
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from statistics import median

from playwright.async_api import async_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.last import PROJEKT, Sitzung, _frei, _umgebung, _warten  # noqa: E402

KARTE = 'iframe[title="streamlit_folium.st_folium"]'
VERBINDUNGEN = 6  # je Besucher, wie Chromium je Server über HTTP/1.1
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


def _cpu_sekunden(gruppe: int) -> float:
    """Rechenzeit (Nutzer + System) aller Prozesse der Prozessgruppe von deploy/start: Streamlit und Caddy."""
    summe = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            felder = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(felder[2]) == gruppe:  # pgrp
            summe += int(felder[11]) + int(felder[12])  # utime, stime
    return summe / os.sysconf("SC_CLK_TCK")


async def _aufzeichnen(browser, adresse: str) -> list[str]:
    """Jede Adresse, die ein neuer Besucher der Karte lädt (ohne den Websocket), in der Reihenfolge der Anfragen."""
    kontext = await browser.new_context(viewport={"width": 1400, "height": 900})
    seite = await kontext.new_page()
    adressen: list[str] = []
    seite.on("request", lambda r: adressen.append(r.url) if r.url.startswith(adresse) and r.method == "GET" else None)
    await seite.goto(f"{adresse}/karte?indikator=kinderarmut&jahr=2024", wait_until="commit")
    await seite.frame_locator(KARTE).locator('path.gemeinde[aria-label*="%"]').first.wait_for(timeout=180_000)
    await kontext.close()
    # ohne Websocket und ohne die Dateien, die nur der Sitzung gehören, die sie erzeugte (/media/…)
    return [a for a in dict.fromkeys(adressen) if "/_stcore/stream" not in a and "/media/" not in a]


def _laden(adressen: list[str]) -> int:
    """Dateien über eine dauerhafte Verbindung nacheinander, wie ein Browser (HTTP/1.1 mit keep-alive); auch Antworten
    mit 404 zählen – Streamlit fragt wie im Browser nach Wegen, die es nicht gibt."""
    teile = [urllib.parse.urlsplit(a) for a in adressen]
    verbindung = http.client.HTTPConnection(teile[0].hostname, teile[0].port, timeout=300)
    menge = 0
    try:
        for t in teile:
            verbindung.request("GET", t.path + (f"?{t.query}" if t.query else ""),
                               headers={"Accept-Encoding": "br, gzip, zstd"})
            menge += len(verbindung.getresponse().read())
    finally:
        verbindung.close()
    return menge


async def _ohne_browser(port: int, adressen: list[str], anzahl: int, gruppe: int) -> tuple[list[float], float]:
    """Dieselben Besucher ohne Rechenzeit im Browser: jeder lädt alle Dateien des ersten Besuchs (wie der Browser,
    komprimiert) und öffnet dann die Sitzung bis zur Karte – so, als liefen die Browser auf eigenen Rechnern."""
    schleife = asyncio.get_running_loop()
    faeden = ThreadPoolExecutor(max_workers=anzahl * VERBINDUNGEN)

    async def besucher() -> float:
        start = time.perf_counter()
        await asyncio.gather(*(schleife.run_in_executor(faeden, _laden, adressen[n::VERBINDUNGEN])
                               for n in range(VERBINDUNGEN) if adressen[n::VERBINDUNGEN]))
        async with Sitzung(port) as s:
            await s.lauf("karte", "indikator=kinderarmut&jahr=2024")
        return time.perf_counter() - start

    vorher, last = _cpu_sekunden(gruppe), time.process_time()
    zeiten = await asyncio.gather(*(besucher() for _ in range(anzahl)))
    server = _cpu_sekunden(gruppe) - vorher
    print(f"{'':<16}(der Lastgenerator selbst: {1000 * (time.process_time() - last) / anzahl:.0f} ms CPU je Besucher, "
          "auf denselben Kernen)", flush=True)
    faeden.shutdown()
    return list(zeiten), server


async def _welle(adresse: str, port: int, anzahl: int, gruppe: int, mit_browsern: bool
                 ) -> tuple[list[float], float]:
    """(Zeiten je Besucher, Rechenzeit des Servers – Streamlit und Caddy – für alle zusammen)."""
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path="/usr/bin/chromium", args=SCHALTER)
        adressen = await _aufzeichnen(browser, adresse)  # einmal vorweg: Caches des Servers, wie nach dem Start
        if not mit_browsern:
            await browser.close()
            return await _ohne_browser(port, adressen, anzahl, gruppe)
        vorher = _cpu_sekunden(gruppe)
        zeiten = await asyncio.gather(*(_besucher(browser, adresse) for _ in range(anzahl)))
        server = _cpu_sekunden(gruppe) - vorher
        await browser.close()
    return list(zeiten), server


def main(anzahl: int = 50, mit_chromium: bool = True) -> None:
    print(f"{os.cpu_count()} Kerne, {anzahl} neue Besucher zugleich, Zeit bis zur gefärbten Karte\n")
    print(f"{'Besucher':<16}{'Frontend':<24}{'Prozesse':>9}{'Median':>10}{'längste':>10}{'Server-CPU je Besucher':>25}")
    for mit_browsern in (False, True) if mit_chromium else (False,):
        for von_platte in (True, False):
            for prozesse in (1, 2):
                port = _frei()
                umgebung = {**_umgebung(), "PORT": str(port), "PROZESSE": str(prozesse),
                            "ERSTER_PORT": str(_frei()), "ADRESSE": f"http://127.0.0.1:{port}"}
                if not von_platte:
                    umgebung["FRONTEND"] = tempfile.mkdtemp()  # leer: alles von Streamlit
                prozess = subprocess.Popen([str(PROJEKT / "deploy" / "start")], cwd=PROJEKT, env=umgebung,
                                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                           start_new_session=True)
                try:
                    _warten(port, prozess)
                    zeiten, server = asyncio.run(_welle(f"http://127.0.0.1:{port}", port, anzahl, prozess.pid,
                                                        mit_browsern))
                    art = "Caddy, vorkomprimiert" if von_platte else "Streamlit (vorher)"
                    wer = "Chromium hier" if mit_browsern else "ohne Browser"
                    print(f"{wer:<16}{art:<24}{prozesse:>9}{median(zeiten):>8.2f} s{max(zeiten):>8.2f} s"
                          f"{1000 * server / anzahl:>20.0f} ms", flush=True)
                finally:
                    os.killpg(prozess.pid, signal.SIGTERM)
                    prozess.wait(timeout=30)


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:2] if a.isdigit()), mit_chromium="--ohne-chromium" not in sys.argv)
