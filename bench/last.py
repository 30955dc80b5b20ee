"""Benchmark am echten Server mit einem Websocket-Client, der Streamlits Protokoll spricht (BackMsg und ForwardMsg
aus streamlit.proto), wie der Browser: ein Lauf ist „rerun_script“ senden und auf „script_finished“ warten.

1. Warmer Neulauf je Seite (Median über 20 Läufe einer Sitzung), einmal mit Streamlits Aufräumen nach jedem Lauf
   (runner.postScriptGC=true, Vorgabe von Streamlit) und einmal ohne (Einstellung des Projekts), dazu der Speicher
   des Servers (RSS) nach allen Läufen.
2. N gleichzeitige Betrachter der Karte (1, 10, 50 neue Sitzungen auf einmal) durch Caddy (deploy/start) mit einem
   und mit zwei Prozessen: Median und längste Zeit, bis die Karte (st_folium) beim Client ist.

Gibt Zahlen aus, prüft keine Grenzen (Ziele laut Issue: warmer Neulauf ≤ 60 ms im Kreis; 50 Betrachter: Median bis
zur Karte ≤ 3 s). Nur 127.0.0.1. Aufruf aus dem Projektordner, ../shared neben dem Klon, caddy installiert:
    python bench/last.py
"""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from statistics import median

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

PROJEKT = Path(__file__).resolve().parent.parent
GEO = PROJEKT.parent / "shared" / "data" / "geo" / "gemeinden_lk_hildesheim.geojson"
SEITEN = {"uebersicht": "indikator=kinderarmut&jahr=2024", "karte": "indikator=kinderarmut&jahr=2024",
          "gemeindeprofil": "gemeinde=03254002", "zeitvergleich": "", "praeventionskette": "", "angebote": "",
          "berichte": "", "methodik": ""}
KARTE = b"streamlit_folium.st_folium"


def _frei() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _warten(port: int, prozess: subprocess.Popen) -> None:
    for _ in range(240):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
            return
        except OSError:
            if prozess.poll() is not None:
                raise RuntimeError("Server endete beim Start") from None
            time.sleep(0.5)
    raise RuntimeError("Server antwortete nicht")


def _umgebung() -> dict[str, str]:
    return {**os.environ, "SOZIALPLANUNG_LAUFZEIT": tempfile.mkdtemp(prefix="bench-last-"),
            "SOZIALPLANUNG_BASEMAP": "keine", "SOZIALPLANUNG_GEODATEN": str(GEO), "SOZIALPLANUNG_DB": ""}


class Sitzung:
    """Eine Browsersitzung ohne Browser: Websocket zu /_stcore/stream."""

    def __init__(self, port: int):
        self.port = port

    async def __aenter__(self):
        self.ws = await websockets.connect(f"ws://127.0.0.1:{self.port}/_stcore/stream", subprotocols=["streamlit"],
                                           origin=f"http://127.0.0.1:{self.port}", max_size=None, open_timeout=120)
        return self

    async def __aexit__(self, *_):
        await self.ws.close()

    async def lauf(self, seite: str, abfrage: str) -> tuple[float, float | None, int]:
        """(Sekunden bis script_finished, Sekunden bis die Karte kam oder None, Bytes empfangen)."""
        nachricht = BackMsg()
        nachricht.rerun_script.query_string = abfrage
        nachricht.rerun_script.page_name = seite
        start = time.perf_counter()
        await self.ws.send(nachricht.SerializeToString())
        karte, menge = None, 0
        while True:
            roh = await asyncio.wait_for(self.ws.recv(), timeout=300)
            menge += len(roh)
            if karte is None and KARTE in roh:
                karte = time.perf_counter() - start
            antwort = ForwardMsg()
            antwort.ParseFromString(roh)
            if antwort.WhichOneof("type") == "script_finished":
                return time.perf_counter() - start, karte, menge


async def _neulaeufe(port: int, seite: str, abfrage: str, anzahl: int = 20) -> tuple[float, float, int]:
    async with Sitzung(port) as s:
        kalt, _, _ = await s.lauf(seite, abfrage)
        zeiten, mengen = [], []
        for _ in range(anzahl):
            dauer, _, menge = await s.lauf(seite, abfrage)
            zeiten.append(dauer)
            mengen.append(menge)
    return kalt, median(zeiten), int(median(mengen))


def _rss_mb(pid: int) -> float:
    kinder = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    gesamt = 0
    for p in [pid, *map(int, kinder)]:
        try:
            gesamt += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            pass
    return gesamt / 1024 / 1024


def neulaeufe() -> None:
    ergebnisse = {}
    for gc_an in (True, False):
        port = _frei()
        prozess = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "server.py", "--server.port", str(port), "--server.address",
             "127.0.0.1", "--server.headless", "true", "--runner.postScriptGC", str(gc_an).lower()],
            cwd=PROJEKT, env=_umgebung(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _warten(port, prozess)
            for seite, abfrage in SEITEN.items():
                ergebnisse[seite, gc_an] = asyncio.run(_neulaeufe(port, seite, abfrage))
            ergebnisse["rss", gc_an] = _rss_mb(prozess.pid)
        finally:
            prozess.terminate()
            prozess.wait(timeout=30)
    print(f"{'Seite':<20}{'erster Lauf':>12}{'mit GC':>10}{'ohne GC':>10}{'Verhältnis':>12}{'Bytes/Lauf':>12}")
    for seite in SEITEN:
        kalt, mit, _ = ergebnisse[seite, True]
        _, ohne, menge = ergebnisse[seite, False]
        print(f"{seite:<20}{kalt * 1000:>9.0f} ms{mit * 1000:>7.0f} ms{ohne * 1000:>7.0f} ms{mit / ohne:>11.1f}×"
              f"{menge / 1024:>9.1f} KB")
    print(f"{'Speicher danach':<20}{'':>12}{ergebnisse['rss', True]:>7.0f} MB{ergebnisse['rss', False]:>7.0f} MB")


async def _gleichzeitig(port: int, anzahl: int) -> list[float]:
    async def betrachter() -> float:
        async with Sitzung(port) as s:
            start = time.perf_counter()
            _, karte, _ = await s.lauf("karte", SEITEN["karte"])
            return karte if karte is not None else time.perf_counter() - start

    return list(await asyncio.gather(*(betrachter() for _ in range(anzahl))))


def betrachter(stufen: tuple[int, ...] = (1, 10, 50)) -> None:
    print(f"\n{'Prozesse':<10}{'Betrachter':>11}{'Median bis Karte':>18}{'längste':>10}")
    for prozesse in (1, 2):
        port = _frei()
        umgebung = {**_umgebung(), "PORT": str(port), "PROZESSE": str(prozesse), "ERSTER_PORT": str(_frei()),
                    "ADRESSE": f"http://127.0.0.1:{port}"}
        prozess = subprocess.Popen([str(PROJEKT / "deploy" / "start")], cwd=PROJEKT, env=umgebung,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            _warten(port, prozess)
            asyncio.run(_gleichzeitig(port, 4 * prozesse))  # Caches jedes Prozesses füllen, wie nach dem Start
            for anzahl in stufen:
                zeiten = [t for _ in range(5 if anzahl == 1 else 1) for t in asyncio.run(_gleichzeitig(port, anzahl))]
                print(f"{prozesse:<10}{anzahl:>11}{median(zeiten):>16.2f} s{max(zeiten):>8.2f} s")
        finally:
            os.killpg(prozess.pid, signal.SIGTERM)
            prozess.wait(timeout=30)


if __name__ == "__main__":
    print(f"{os.cpu_count()} Kerne\n")
    neulaeufe()
    betrachter()
