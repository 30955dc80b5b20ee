"""Die echte Seite in Debians Chromium: lädt, zeigt die Zahlen und fragt nur bei 127.0.0.1 an."""

from urllib.parse import urlparse

import pytest

from tests.browser import ERGEBNISSE, browser_seite, streamlit_server
from tests.conftest import HILDESHEIM_GEOJSON, PROJEKT

pytestmark = pytest.mark.browser


def test_startseite_im_browser(laufzeit):
    umgebung = {"SOZIALPLANUNG_LAUFZEIT": str(laufzeit), "SOZIALPLANUNG_BASEMAP": "keine",
                "SOZIALPLANUNG_GEODATEN": str(HILDESHEIM_GEOJSON)}
    with browser_seite() as seite, streamlit_server(PROJEKT, umgebung) as adresse:
        anfragen: list[str] = []
        seite.on("request", lambda r: anfragen.append(r.url))
        seite.goto(adresse, wait_until="domcontentloaded")
        seite.get_by_text("Landkreis Hildesheim 2024").wait_for(timeout=60_000)
        seite.get_by_text("Beispieldaten").first.wait_for()
        assert seite.get_by_test_id("stMetricValue").inner_text().strip() == "15,7 %"
        assert seite.locator("[data-testid='stDataFrame']").count() == 1
        ERGEBNISSE.mkdir(exist_ok=True)
        seite.screenshot(path=str(ERGEBNISSE / "startseite.png"), full_page=True)
    fremd = {urlparse(a).hostname for a in anfragen} - {"127.0.0.1", "localhost"}
    assert not fremd, f"Anfragen an Dritte: {fremd}"
    assert len(anfragen) > 5
