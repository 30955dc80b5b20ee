"""Hilfen für Browser-Tests: streamlit als echter Server auf 127.0.0.1 und Debians Chromium über Playwright."""

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ERGEBNISSE = Path(__file__).resolve().parent.parent / "test-ergebnisse"
CHROMIUM_SCHALTER = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-dev-shm-usage"]


def chromium_oder_ueberspringen() -> Path:
    """Ohne Chromium: in CI ein Fehler, sonst ein sichtbar begründetes Überspringen."""
    if CHROMIUM.exists():
        return CHROMIUM
    grund = f"{CHROMIUM} fehlt (apt-get install chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"In CI ist der Browser Pflicht: {grund}")
    pytest.skip(grund)


def _freier_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_server(projekt: Path, umgebung: dict[str, str], secrets: Path | None = None):
    """Startet `streamlit run server.py` (wie README und deploy/start) und liefert die Adresse, sobald der Server
    antwortet."""
    port = _freier_port()
    protokoll = ERGEBNISSE / "streamlit.log"
    ERGEBNISSE.mkdir(exist_ok=True)
    with protokoll.open("w") as ausgabe:
        prozess = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "server.py", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true",
             *(["--secrets.files", str(secrets)] if secrets else [])],
            cwd=projekt, env={**os.environ, **umgebung}, stdout=ausgabe, stderr=subprocess.STDOUT)
        try:
            frist = time.monotonic() + 60
            while time.monotonic() < frist:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if prozess.poll() is not None:
                        raise RuntimeError(f"streamlit endete: {protokoll.read_text()}") from None
                    time.sleep(0.3)
            else:
                raise RuntimeError("streamlit antwortete nicht binnen 60 s")
            yield f"http://127.0.0.1:{port}"
        finally:
            prozess.terminate()
            prozess.wait(timeout=20)


@contextmanager
def browser_seite(breite: int = 1400, hoehe: int = 1000, schalter: tuple[str, ...] = (), sprache: str = "de-DE"):
    from playwright.sync_api import sync_playwright

    pfad = chromium_oder_ueberspringen()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(pfad), headless=True, args=[*CHROMIUM_SCHALTER, *schalter])
        try:
            seite = browser.new_page(viewport={"width": breite, "height": hoehe}, locale=sprache)
            yield seite
        finally:
            browser.close()


# Regeln, die axe an Teilen meldet, die Streamlit selbst baut und die das Projekt nicht erreicht – mit Grund. Zurzeit
# keine: alles, was axe fand, ließ sich beheben. Gezählt werden Verstöße der Schwere „serious“ und „critical“.
AXE_AUSNAHMEN: dict[str, str] = {}


def verstoesse(ziel) -> list[str]:
    """axe-core (aus axe-playwright-python) auf einer Seite oder in einem Frame: die schweren Verstöße."""
    from axe_playwright_python.sync_playwright import Axe

    ergebnis = Axe().run(ziel).response
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in ergebnis["violations"]
            if v["impact"] in ("serious", "critical") and v["id"] not in AXE_AUSNAHMEN]
