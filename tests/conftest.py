"""Gemeinsame Fixtures: jeder Test bekommt einen eigenen Laufzeitordner und eine eigene Datenbank."""

import fcntl
import io
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse

import pytest

from indikatoren.grundlagen.gebiete import Gebiete
from tests.browser import browser_seite, streamlit_server

PROJEKT = Path(__file__).resolve().parent.parent
SHARED_GEO = PROJEKT.parent / "shared" / "data" / "geo"
HILDESHEIM_GEOJSON = Path(os.environ.get("SOZIALPLANUNG_GEODATEN") or SHARED_GEO / "gemeinden_lk_hildesheim.geojson")
# Eine Grenzdatei ohne Stand (VG250: wsk) trägt in der Namensnennung das Jahr, in dem sie bezogen (geschrieben) wurde
GRENZEN_JAHR = datetime.fromtimestamp(HILDESHEIM_GEOJSON.stat().st_mtime, UTC).year if HILDESHEIM_GEOJSON.exists() \
    else None


@pytest.fixture(autouse=True)
def laufzeit(tmp_path, monkeypatch):
    """Eigener Laufzeitordner je Test; Kreis und Datenbank auf Vorgabe, kein Geodaten-Pfad von außen."""
    ordner = tmp_path / "laufzeit"
    monkeypatch.setenv("SOZIALPLANUNG_LAUFZEIT", str(ordner))
    for name in ("SOZIALPLANUNG_DB", "SOZIALPLANUNG_KREIS", "SOZIALPLANUNG_GEODATEN", "SOZIALPLANUNG_KREISNAME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SOZIALPLANUNG_WFS_URL", "http://127.0.0.1:9/wfs")  # nie ins Netz
    return ordner


@pytest.fixture
def pg_url(monkeypatch):
    """URL einer leeren PostgreSQL-Testdatenbank (SOZIALPLANUNG_TEST_PG; .ci/run startet dafür einen Server)."""
    from sqlalchemy import create_engine

    from indikatoren.ablage.schema import metadaten
    url = os.environ.get("SOZIALPLANUNG_TEST_PG")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail("In CI ist SOZIALPLANUNG_TEST_PG Pflicht (.ci/run startet PostgreSQL).")
        pytest.skip("SOZIALPLANUNG_TEST_PG nicht gesetzt (URL einer PostgreSQL-Testdatenbank)")
    # Eine Testdatenbank für alle: laufen die Tests in mehreren Prozessen (pytest-xdist), nutzt sie einer zur Zeit
    with open(Path(tempfile.gettempdir()) / "sozialplanung_test_pg.lock", "w") as sperre:
        fcntl.flock(sperre, fcntl.LOCK_EX)
        engine = create_engine(url)  # ohne Ablage: die höbe eine halb gelöschte Datenbank eines abgebrochenen Laufs
        metadaten.drop_all(engine)
        with engine.begin() as v:  # auch den Versionsvermerk der Schema-Schritte: die Datenbank ist wieder leer
            v.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
        engine.dispose()
        monkeypatch.setenv("SOZIALPLANUNG_DB", url)
        yield url


@pytest.fixture(scope="session")
def gebiete() -> Gebiete:
    return Gebiete.laden("03254")


def csv_bytes(text: str, kodierung: str = "utf-8") -> bytes:
    """Test-CSV aus eingerücktem Text: Leerzeichen am Zeilenanfang fallen weg."""
    return "\n".join(z.strip() for z in text.strip().splitlines()).encode(kodierung) + b"\n"


def zip_bombe(klein: str, gross: str, megabyte: int) -> bytes:
    """Eine gültig aussehende ZIP-Datei, deren Teil `gross` sich aus wenigen KB auf `megabyte` MB entpackt."""
    import zipfile
    puffer = io.BytesIO()
    with zipfile.ZipFile(puffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archiv:
        archiv.writestr(klein, "{}")
        with archiv.open(gross, "w") as teil:
            for _ in range(megabyte):
                teil.write(b" " * 1024 * 1024)
    return puffer.getvalue()


@pytest.fixture(autouse=True)
def ohne_altes_pages_verhalten(monkeypatch):
    """AppTest setzt vor jedem Lauf Streamlits Merker für das alte pages/-Verhalten zurück, das ein echter
    Server nur bis zum ersten Lauf von app.py hat (pages/_rahmen.py fängt diesen ersten Lauf ab). Sonst
    liefe in AppTest jeder Lauf doppelt, und ein Klick auf einen Knopf ginge im zweiten Lauf verloren."""
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def ohne(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", ohne)


# --- Browser-Tests: ein Streamlit-Server je Testmodul, eine Chromium-Seite je Test --------------------------
@pytest.fixture(scope="module")
def umgebung(tmp_path_factory):
    return {"SOZIALPLANUNG_LAUFZEIT": str(tmp_path_factory.mktemp("laufzeit")), "SOZIALPLANUNG_BASEMAP": "keine",
            "SOZIALPLANUNG_GEODATEN": str(HILDESHEIM_GEOJSON), "SOZIALPLANUNG_DB": ""}


@pytest.fixture(scope="module")
def server(umgebung):
    with streamlit_server(PROJEKT, umgebung) as adresse:
        yield adresse


@pytest.fixture
def seite(request):
    with browser_seite(*getattr(request, "param", (1400, 1000))) as s:
        anfragen: list[str] = []
        s.on("request", lambda r: anfragen.append(r.url))
        s.anfragen = anfragen
        yield s
    fremd = {urlparse(a).hostname for a in anfragen} - {"127.0.0.1", "localhost"}
    assert not fremd, f"Anfragen an Dritte: {fremd}"


def pytest_make_parametrize_id(config, val, argname):
    """Dateiinhalte als Parameter heißen nach ihrem Namen (pytest zählt gleiche durch): eine XLSX trägt ihre
    Entstehungszeit, und mit mehreren Prozessen (pytest-xdist) müssen alle dieselben Namen sammeln."""
    return argname if isinstance(val, (bytes, bytearray)) else None
