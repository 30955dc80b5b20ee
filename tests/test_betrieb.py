"""Der Betrieb wie auf dem Server: deploy/start mit zwei Streamlit-Prozessen hinter Caddy (aus Debian), alle an einer
Datenbank. Geprüft durch den Proxy: Sicherheitsköpfe, Kompression, Cookie für die Prozess-Affinität, Verteilung auf
beide Prozesse, eine echte Sitzung im Browser (Websocket) ohne Verstoß gegen die CSP, und dass SIGTERM alles
beendet."""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import brotli
import pytest

from tests.browser import ERGEBNISSE, browser_seite
from tests.conftest import HILDESHEIM_GEOJSON, PROJEKT
from tests.test_browser import _anmelden, _karte, _secrets

pytestmark = pytest.mark.browser


def _frei() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _offen(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
        return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def betrieb(tmp_path_factory):
    if not shutil.which("caddy"):
        grund = "caddy fehlt (apt-get install caddy)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"In CI ist der Proxy Pflicht: {grund}")
        pytest.skip(grund)
    laufzeit = tmp_path_factory.mktemp("betrieb")
    port, erster = _frei(), _frei()
    while erster + 1 == port or _offen(erster + 1):
        erster = _frei()
    db = os.environ.get("SOZIALPLANUNG_TEST_PG_BETRIEB") or f"sqlite:///{laufzeit / 'sozialplanung.sqlite'}"
    secrets = _secrets(laufzeit, "meier")
    umgebung = {**os.environ, "PORT": str(port), "PROZESSE": "2", "ERSTER_PORT": str(erster),
                "STREAMLIT_SECRETS_FILES": str(secrets), "SOZIALPLANUNG_DB": db,
                "SOZIALPLANUNG_LAUFZEIT": str(laufzeit), "SOZIALPLANUNG_BASEMAP": "keine",
                "SOZIALPLANUNG_GEODATEN": str(HILDESHEIM_GEOJSON)}
    ERGEBNISSE.mkdir(exist_ok=True)
    with (ERGEBNISSE / "betrieb.log").open("w") as protokoll:
        prozess = subprocess.Popen([str(PROJEKT / "deploy" / "start")], cwd=PROJEKT, env=umgebung,
                                   stdout=protokoll, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            frist = time.monotonic() + 90
            while time.monotonic() < frist:
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
                    break
                except OSError:
                    assert prozess.poll() is None, (ERGEBNISSE / "betrieb.log").read_text()
                    time.sleep(0.5)
            else:
                pytest.fail("Der Proxy antwortete nicht binnen 90 s: " + (ERGEBNISSE / "betrieb.log").read_text())
            yield {"prozess": prozess, "port": port, "prozesse": [erster, erster + 1], "umgebung": umgebung}
        finally:
            if prozess.poll() is None:
                os.killpg(prozess.pid, signal.SIGKILL)


def test_koepfe_kompression_und_affinitaet(betrieb):
    anfrage = urllib.request.Request(f"http://127.0.0.1:{betrieb['port']}/", headers={"Accept-Encoding": "zstd, gzip"})
    with urllib.request.urlopen(anfrage) as antwort:
        koepfe = antwort.headers
    assert koepfe["Content-Encoding"] in ("zstd", "gzip")
    assert "frame-ancestors 'self'" in koepfe["Content-Security-Policy"] and koepfe["X-Frame-Options"] == "SAMEORIGIN"
    assert koepfe["X-Content-Type-Options"] == "nosniff" and "max-age=" in koepfe["Strict-Transport-Security"]
    assert any(c.startswith("sozialplanung_prozess=") for c in koepfe.get_all("Set-Cookie"))
    # neue Besucher verteilen sich auf beide Prozesse; wer sein Cookie mitbringt, bleibt bei seinem
    cookies = set()
    for _ in range(30):
        with urllib.request.urlopen(f"http://127.0.0.1:{betrieb['port']}/_stcore/health") as antwort:
            cookies |= {c.split(";")[0] for c in antwort.headers.get_all("Set-Cookie") or []
                        if c.startswith("sozialplanung_prozess=")}
    assert len(cookies) == 2, cookies
    eins = next(iter(cookies))
    for _ in range(5):
        anfrage = urllib.request.Request(f"http://127.0.0.1:{betrieb['port']}/_stcore/health",
                                         headers={"Cookie": eins})
        with urllib.request.urlopen(anfrage) as antwort:
            neu = [c for c in antwort.headers.get_all("Set-Cookie") or [] if c.startswith("sozialplanung_")]
            assert not neu  # kein Wechsel des Prozesses


def test_sitzung_durch_den_proxy_ohne_csp_verstoss(betrieb):
    with browser_seite(1400, 900) as seite:
        meldungen = []
        seite.on("console", lambda m: meldungen.append(m.text))
        adresse = f"http://127.0.0.1:{betrieb['port']}"
        seite.goto(f"{adresse}/karte?indikator=kinderarmut&jahr=2024", wait_until="domcontentloaded")
        karte = _karte(seite)  # die Karte kam über den Websocket der Sitzung, ihre Grundlage als Datei
        karte.locator('path.gemeinde[aria-label*="%"]').first.wait_for(timeout=30_000)  # und ist gefärbt
        seite.goto(f"{adresse}/?indikator=kinderarmut&jahr=2024", wait_until="domcontentloaded")
        seite.locator("img.rangliste").wait_for(timeout=60_000)
        seite.goto(f"{adresse}/datenpflege", wait_until="domcontentloaded")
        seite.get_by_role("heading", name="Datenpflege – Anmeldung").wait_for(timeout=60_000)
        seite.screenshot(path=str(ERGEBNISSE / "betrieb_datenpflege.png"))
    assert not [m for m in meldungen if "Content Security Policy" in m or "Refused to" in m], meldungen


def _holen(betrieb, pfad: str, kodierung: str = "br, gzip") -> tuple[bytes, dict]:
    anfrage = urllib.request.Request(f"http://127.0.0.1:{betrieb['port']}{pfad}",
                                     headers={"Accept-Encoding": kodierung})
    with urllib.request.urlopen(anfrage) as antwort:
        return antwort.read(), dict(antwort.headers)


def test_statische_website_und_frontend_von_der_platte(betrieb):
    """Die Website, die die Stabsstelle veröffentlicht, liefert Caddy neben der App unter /veroeffentlichung/ aus,
    vorkomprimiert (brotli), mit strenger CSP; nur die Seiten zum Einbetten dürfen in fremde iframes. Streamlits
    Frontend kommt ebenfalls vorkomprimiert von der Platte und ist unveränderlich zwischenspeicherbar."""
    umgebung = betrieb["umgebung"]
    subprocess.run([sys.executable, "-m", "indikatoren", "veroeffentlichen", "--website",
                    str(Path(umgebung["SOZIALPLANUNG_LAUFZEIT"]) / "website")], cwd=PROJEKT, env=umgebung,
                   check=True, capture_output=True, timeout=600)
    start, _ = _holen(betrieb, "/veroeffentlichung/", "identity")
    assert b'href="datenstand-1/index.html"' in start
    inhalt, koepfe = _holen(betrieb, "/veroeffentlichung/datenstand-1/index.html")
    assert koepfe["Content-Encoding"] == "br" and koepfe["X-Frame-Options"] == "SAMEORIGIN"
    assert koepfe["Content-Security-Policy"].startswith("default-src 'none'")
    assert "Kinderarmut und SGB II im Landkreis Hildesheim" in brotli.decompress(inhalt).decode()
    _, koepfe = _holen(betrieb, "/veroeffentlichung/datenstand-1/einbetten/kinderarmut-2024-karte.html")
    assert "X-Frame-Options" not in koepfe and "frame-ancestors *" in koepfe["Content-Security-Policy"]
    seite, _ = _holen(betrieb, "/", "identity")
    skript = re.search(rb'src="\.?/?(static/js/[^"]+\.js)"', seite)[1].decode()
    inhalt, koepfe = _holen(betrieb, f"/{skript}")
    assert koepfe["Content-Encoding"] == "br" and "immutable" in koepfe["Cache-Control"]
    assert len(inhalt) < 0.4 * len(_holen(betrieb, f"/{skript}", "identity")[0])
    _, koepfe = _holen(betrieb, "/app/static/leaflet/leaflet.js")  # Leaflet der App ebenso
    assert koepfe["Content-Encoding"] == "br"


def test_anmeldung_gilt_in_jedem_prozess(betrieb):
    """Angemeldet durch den Proxy: beide Prozesse kennen die Anmeldung (dasselbe Cookie-Geheimnis aus deploy/start,
    dieselbe Datenbank). Cookies gelten je Rechner, nicht je Port: der Browser schickt es direkt an jeden."""
    with browser_seite(1400, 900) as seite:
        seite.goto(f"http://127.0.0.1:{betrieb['port']}/datenpflege", wait_until="domcontentloaded")
        _anmelden(seite, "meier", "Kennzahlen einlesen")
        for port in betrieb["prozesse"]:
            seite.goto(f"http://127.0.0.1:{port}/datenpflege", wait_until="domcontentloaded")
            seite.get_by_role("tab", name="Kennzahlen einlesen").wait_for(timeout=60_000)


def test_sigterm_beendet_alles(betrieb):
    """Als Letztes: SIGTERM an deploy/start beendet Proxy und beide Streamlit-Prozesse."""
    betrieb["prozess"].send_signal(signal.SIGTERM)
    betrieb["prozess"].wait(timeout=30)
    frist = time.monotonic() + 20
    while time.monotonic() < frist and any(_offen(p) for p in [betrieb["port"], *betrieb["prozesse"]]):
        time.sleep(0.3)
    assert not any(_offen(p) for p in [betrieb["port"], *betrieb["prozesse"]])
