"""Die Sozialräume im echten Chromium: die Karte zeichnet die Sozialräume Alfelds mit Tooltip, ohne axe-Verstoß,
und ein Klick auf einen Sozialraum öffnet sein Profil."""

import os
import subprocess
import sys

import pytest

from tests.browser import verstoesse
from tests.conftest import HILDESHEIM_GEOJSON, PROJEKT

pytestmark = pytest.mark.browser
KARTE = 'iframe[title="streamlit_folium.st_folium"]'


@pytest.fixture(scope="module")
def umgebung(tmp_path_factory):
    """Ein eigener Laufzeitordner, in den vor dem Start des Servers das Beispiel der Sozialräume geladen wird."""
    umgebung = {"SOZIALPLANUNG_LAUFZEIT": str(tmp_path_factory.mktemp("laufzeit")), "SOZIALPLANUNG_BASEMAP": "keine",
                "SOZIALPLANUNG_GEODATEN": str(HILDESHEIM_GEOJSON), "SOZIALPLANUNG_DB": ""}
    subprocess.run([sys.executable, "-m", "indikatoren", "sozialraeume", "beispiel"], cwd=PROJEKT, check=True,
                   env={**os.environ, **umgebung}, capture_output=True)
    return umgebung


def test_karte_der_sozialraeume_im_browser(server, seite):
    seite.goto(f"{server}/karte?indikator=kinderarmut&jahr=2024&gemeinde=03254002&ebene=sozialraum",
               wait_until="domcontentloaded")
    karte = seite.frame_locator(KARTE)
    karte.locator("path.gemeinde").first.wait_for(timeout=60_000)
    assert karte.locator("path.gemeinde").count() == 4  # die vier Sozialräume, nicht die 20 Gemeinden
    suedost = karte.locator("path.gemeinde").nth(2)  # fern vom Familienzentrum, dessen Zeichen sonst oben läge
    suedost.hover(force=True)
    tooltip = karte.locator(".leaflet-tooltip").inner_text()
    assert "Südost (um Föhrste)" in tooltip and "nicht ausweisbar" in tooltip  # mitgesperrt
    assert not verstoesse(seite) and not verstoesse(seite.locator(KARTE).element_handle().content_frame())
    suedost.click(force=True)
    seite.wait_for_url("**/gemeindeprofil?**", timeout=30_000)
    seite.get_by_text("Sozialraum Südost (um Föhrste) (Alfeld (Leine)) 2024").wait_for(timeout=30_000)
    assert "sozialraum=ALF-03" in seite.url
