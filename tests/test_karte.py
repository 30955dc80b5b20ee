"""Die Karte als HTML: keine fremden Adressen, 20 Gemeinden mit Farbe und Tooltip, eigene Legende."""

import hashlib
import json
import re
from pathlib import Path

import folium
import pandas as pd
import pytest
from shapely.geometry import Point

from darstellung.karte import (
    FARBE_NICHT_AUSWEISBAR,
    auslagern,
    choroplethenkarte,
    faerbedaten,
    faerbung,
    flaechendaten,
    grundlage,
    leaflet_bereitstellen,
    legende_html,
    stellvertreter,
    wegweisergrundlage,
    wegweiserorte,
)
from indikatoren.ablaeufe.einlesung import oeffne_ablage
from indikatoren.grundlagen import geodaten, katalog
from indikatoren.orte.einrichtungen import aufbereitet, mitgeliefert, umkreis
from indikatoren.rechnen.geheimhaltung import fuer_leser
from indikatoren.rechnen.klassen import klassifiziere
from tests.conftest import GRENZEN_JAHR, HILDESHEIM_GEOJSON


@pytest.fixture
def karte_html(gebiete):
    ergebnis = fuer_leser(oeffne_ablage(gebiete).kennzahlen(), gebiete)
    werte = ergebnis[(ergebnis["indikator"] == "kinderarmut_u3") & (ergebnis["jahr"] == 2021)
                     & (ergebnis["ebene"] == "gemeinde")]
    geodaten.lade_gemeindegrenzen(HILDESHEIM_GEOJSON)
    grenzen = geodaten.anzeigegrenzen()
    einrichtungen = aufbereitet(mitgeliefert())
    klassen, ind, um = klassifiziere(werte["wert"], "natuerlich"), katalog.indikator("kinderarmut_u3"), \
        umkreis(einrichtungen)
    karte = choroplethenkarte(grenzen, werte, klassen, ind, einrichtungen, um, basemap="keine")
    return karte.get_root().render() + legende_html(klassen, ind, 13, einrichtungen, um), werte, grenzen


def test_keine_fremden_adressen(karte_html):
    html, _, _ = karte_html
    assert re.findall(r"https?://", html) == []
    assert '<script src="/app/static/leaflet/leaflet.js"></script>' in html
    assert 'href="/app/static/leaflet/leaflet.css"' in html
    for fremd in ("jquery", "bootstrap", "d3.min", "d3.v", "font-awesome", "fontawesome"):
        assert fremd not in html.lower(), html[max(0, html.lower().find(fremd) - 300):html.lower().find(fremd) + 50]


def test_gemeinden_farben_und_tooltips(karte_html, gebiete):
    html, werte, grenzen = karte_html
    daten = json.loads(re.search(r"gemeindeflaechen\(\w+, (\{.*?\}), \d+, [\d.]+\);", html, re.S).group(1))
    eigenschaften = {f["properties"]["ags"]: f["properties"] for f in daten["features"]}
    faerbung_ = json.loads(re.search(r"window.gemeindenFaerben\((\{.*?\})\);", html, re.S).group(1))
    gemeinden = faerbung_["gemeinden"]
    assert len(eigenschaften) == 20 and set(gemeinden) == set(eigenschaften)
    assert faerbung_["kurz"] == "unter 3" and faerbung_["stichtage"] == [
        "Stichtag: Dezember 2021, Bevölkerung 31.12.2021"]  # einmal für alle
    farbe, status, wert, stichtag, jedes = gemeinden["03254013"]  # in den Beispieldaten 2021 gesperrt
    assert (farbe, status, wert, stichtag) == (FARBE_NICHT_AUSWEISBAR, "nicht_ausweisbar", "nicht ausweisbar", 0)
    alfeld = werte.set_index("ags").loc["03254002"]
    assert gemeinden["03254002"][:4] == [klassifiziere(werte["wert"], "natuerlich").farbe(alfeld["wert"]), "ok",
                                         f"{str(round(alfeld['wert'], 1)).replace('.', ',')}\u00a0%", 0]
    assert gemeinden["03254002"][4].startswith("jedes ")
    assert eigenschaften["03254002"]["kopf"] == "<b>Alfeld (Leine)</b>"
    assert eigenschaften["03254002"]["name"] == "Alfeld (Leine)"
    flaechen = grenzen.set_index("ags").geometry
    for ags, e in eigenschaften.items():  # der Namenspunkt liegt in der eigenen Fläche
        assert flaechen[ags].contains(Point(e["punkt"][1], e["punkt"][0])), ags


def test_legende_einrichtungen_umkreise(karte_html):
    html, _, _ = karte_html
    assert "nicht ausweisbar</div>" in html and "keine Daten</div>" in html and "bis " in html
    assert html.count('class_name": "familienzentrum"') + html.count('"className": "familienzentrum"') == 1
    assert "in Betrieb seit 29.03.2025" in html and "Lage ungefähr" in html
    assert html.count("L.circle(") == 2 and "Luftlinie um den ungefähren Standort" in html
    for ebene in ("Kitas (2)", "Grundschulen (1)", "Familienzentrum (1)", "Behörden und Beratung (0)",
                  "Begegnungsorte (0)", "Weiterführende Schulen (0)"):
        assert json.dumps(ebene)[1:-1] in html  # im Ebenenschalter als JSON-Text
    assert f"GeoBasis-DE / BKG ({GRENZEN_JAHR}), dl-de/by-2-0" in html
    # die Legende erklärt die gezeigten Kategorien mit eigener Form, nicht nur mit Farbe
    legende = re.search(r'<div class="legende".*</div>', html, re.S).group(0)
    for name, form in (("Kitas", "<circle"), ("Grundschulen", "<rect"), ("Familienzentrum", "points=\"10,1 ")):
        zeile = re.search(rf"<div><svg[^>]*>.*?</svg> {name}</div>", legende, re.S)
        assert zeile and form in zeile.group(0), name
    assert "Behörden und Beratung" not in legende and "Lage ungefähr" in legende  # nur, was die Karte zeigt


def test_ohne_wert_keine_daten(gebiete):
    grenzen = geodaten.lade_gemeindegrenzen(HILDESHEIM_GEOJSON)
    leer = fuer_leser(oeffne_ablage(gebiete).kennzahlen(), gebiete).iloc[:0]
    daten = faerbedaten(grenzen, leer, None, katalog.indikator("kinderarmut"))
    assert {tuple(d) for d in daten["gemeinden"].values()} == {("#ffffff", "fehlt", "keine Daten", -1, "")}


def test_grundlage_einmal_ausgelagert_wechsel_schickt_nur_die_faerbung(gebiete, tmp_path):
    """Die Geometrie steht in einer Datei mit dem Hash als Namen; der Stellvertreter und die Färbung, die bei
    jedem Wechsel über die Leitung gehen, sind klein und enthalten keine Koordinaten."""
    from streamlit_folium import _get_feature_group_string, _get_map_string

    grenzen = geodaten.lade_gemeindegrenzen(HILDESHEIM_GEOJSON)
    einrichtungen = aufbereitet(mitgeliefert())
    adresse = auslagern(grundlage(grenzen, einrichtungen, umkreis(einrichtungen)), tmp_path)
    datei = tmp_path / "karten" / adresse.rsplit("/", 1)[1]
    inhalt = datei.read_text()
    assert adresse.startswith("/app/static/karten/") and inhalt.startswith("window.sozialkarte = function (")
    assert hashlib.sha256(datei.read_bytes()).hexdigest().startswith(datei.stem)
    koordinate = json.dumps(round(flaechendaten(grenzen)["features"][0]["geometry"]["coordinates"][0][0][0], 3))
    assert "Alfeld (Leine)" in inhalt and "gemeindenFaerben" in inhalt and ".gemeindename span" in inhalt
    assert "Kitas (2)" in inhalt and "L.circle(" in inhalt  # Einrichtungen und Umkreise: fest je Stand
    # derselbe Stand: dieselbe Datei, nichts neu geschrieben
    datei.write_text(inhalt + "// unverändert")
    assert auslagern(grundlage(grenzen, einrichtungen, umkreis(einrichtungen)), tmp_path) == adresse
    assert datei.read_text().endswith("// unverändert")
    # je Wechsel: Stellvertreter und Färbung
    ergebnis = fuer_leser(oeffne_ablage(gebiete).kennzahlen(), gebiete)
    werte = ergebnis[(ergebnis["indikator"] == "kinderarmut") & (ergebnis["jahr"] == 2024)
                     & (ergebnis["ebene"] == "gemeinde")]
    karte = stellvertreter(grenzen, adresse)
    skript = _get_map_string(karte)
    faerbe = _get_feature_group_string(faerbung(grenzen, werte, klassifiziere(werte["wert"], "natuerlich"),
                                                katalog.indikator("kinderarmut")), karte, 0)
    assert "window.sozialkarte(map_div)" in skript and adresse in [s for _, s in karte.default_js]
    assert koordinate[:6] not in skript + faerbe and "Alfeld" not in faerbe
    assert len(skript.encode()) < 1000 and len(faerbe.encode()) < 4000, (len(skript), len(faerbe))


def test_leaflet_aus_pypi_bereitgestellt(tmp_path):
    ordner = leaflet_bereitstellen(tmp_path)
    assert (ordner / "leaflet.js").read_bytes().startswith(b"/* @preserve")
    assert "1.9.3" in (ordner / "leaflet.js").read_text()[:200]
    assert (ordner / "images" / "layers.png").exists() and (ordner / "leaflet.css").exists()


def test_namen_mit_html_werden_in_tooltips_maskiert(gebiete):
    grenzen = geodaten.lade_gemeindegrenzen(HILDESHEIM_GEOJSON)
    einrichtungen = aufbereitet(mitgeliefert())
    einrichtungen.loc[0, "name"] = "<img src=x onerror=alert(1)>"
    karte = choroplethenkarte(grenzen, grenzen[["ags"]].iloc[:0].assign(wert=None, status=None), None,
                              katalog.indikator("kinderarmut"), einrichtungen, umkreis(einrichtungen))
    html = karte.get_root().render()
    assert "<img src=x" not in html  # HTML-maskiert, dann für das Skript als \u-Folgen:
    assert "\\u0026lt;img src=x onerror=alert(1)\\u0026gt;" in html


def test_wegweiser_punkte_als_eigene_ebene_mit_namensnennung_nur_bei_osm(tmp_path):
    """Die Grenzen des Wegweisers liegen ausgelagert; die Punkte einer Suche sind eine Ebene, die die Namensnennung
    von OpenStreetMap nur trägt, wenn ein gezeigter Ort daher stammt."""
    grenzen = geodaten.lade_gemeindegrenzen(HILDESHEIM_GEOJSON)
    einrichtungen = aufbereitet(mitgeliefert())
    orte = einrichtungen[einrichtungen["hat_lage"]].head(2).assign(angebote=[[("Krabbelgruppe", "aktiv", ["0–3"])]] * 2)
    eigene = orte.iloc[:0].assign(titel="", ungefaehr=False, lebensphasen="")
    adresse = auslagern(wegweisergrundlage(grenzen, "keine"), tmp_path)
    assert "Alfeld (Leine)" in (tmp_path / "karten" / adresse.rsplit("/", 1)[1]).read_text()
    ohne = wegweiserorte(orte.assign(quelle_lage="Stabsstelle", quelle_adresse="Stabsstelle"), eigene)
    mit = wegweiserorte(orte.assign(quelle_lage="OpenStreetMap way/1, Daten © OpenStreetMap-Mitwirkende (ODbL)"),
                        eigene)
    assert "attribution" not in ohne.options and "OpenStreetMap" in mit.options["attribution"]
    html = folium.Map(tiles=None).add_child(mit).get_root().render()
    assert html.count("angebotsort") == 2 and "Krabbelgruppe" in html


def test_grundlagen_je_datenbank_und_unbenutzte_fallen_weg(tmp_path):
    """Zwei Datenbanken aus demselben Ordner schreiben in getrennte Ordner; was zwei Tage niemand benutzt hat,
    fällt beim Start weg (auch leere Ordner), was eine Seite gerade zeigt (benutzt), bleibt."""
    import os
    import time

    from darstellung.karte import alte_grundlagen_entfernen, benutzt, bereich

    grenzen = geodaten.lade_gemeindegrenzen(HILDESHEIM_GEOJSON)
    a = auslagern(wegweisergrundlage(grenzen, "keine"), tmp_path, bereich("03254", "sqlite:///a.db"))
    b = auslagern(wegweisergrundlage(grenzen, "keine"), tmp_path, bereich("03255", "sqlite:///b.db"))
    assert a != b and a.rsplit("/", 1)[1] == b.rsplit("/", 1)[1]  # gleicher Inhalt, getrennte Ordner
    assert "sqlite" not in a and a.startswith("/app/static/karten/") and len(a.split("/")) == 6
    alt = time.time() - 3 * 86400
    for adresse in (a, b):
        os.utime(tmp_path / adresse.removeprefix("/app/static/"), (alt, alt))
    assert benutzt(a, tmp_path)  # a zeigt gerade eine Seite
    alte_grundlagen_entfernen.__wrapped__(tmp_path)
    assert (tmp_path / a.removeprefix("/app/static/")).exists()
    assert not (tmp_path / b.removeprefix("/app/static/")).parent.exists()
    assert not benutzt(b, tmp_path)  # dann baut die Seite sie neu (speicher._vorhanden)


@pytest.mark.browser
def test_gebiete_ohne_einwohner_tragen_keinen_namen():
    """Holzminden hat sieben gemeindefreie Forsten (0 Einwohner), die wie Nachbargemeinden heißen („Holzminden“,
    „Boffzen“ …): im Chromium steht jeder Name nur einmal auf der Karte, an der bewohnten Gemeinde."""
    import geopandas as gpd
    import xstatic.pkg.leaflet as xleaflet

    from tests.browser import browser_seite
    from tests.conftest import SHARED_GEO
    alle = gpd.read_file(SHARED_GEO / "gemeinden_niedersachsen.geojson")
    holzminden = geodaten.vereinfacht(alle[alle["ags"].str.startswith("03255")].reset_index(drop=True))
    assert (holzminden["ewz"] == 0).sum() == 7
    eigenschaften = {f["properties"]["ags"]: f["properties"] for f in flaechendaten(holzminden)["features"]}
    assert not eigenschaften["03255505"]["bewohnt"] and eigenschaften["03255023"]["bewohnt"]  # Forst / Stadt
    werte = pd.DataFrame(columns=["ags", "wert", "status", "stichtag_sgb2", "stichtag_bev"])
    html = choroplethenkarte(holzminden, werte, None, katalog.indikator("kinderarmut")).get_root().render()
    leaflet = Path(xleaflet.BASE_DIR)

    def antworten(route):
        pfad = route.request.url.split("127.0.0.1:9", 1)[1]
        if pfad == "/karte":
            route.fulfill(body=html, content_type="text/html")
        elif pfad.startswith("/app/static/leaflet/") and (leaflet / pfad.rsplit("/", 1)[1]).is_file():
            route.fulfill(path=str(leaflet / pfad.rsplit("/", 1)[1]))
        else:
            route.abort()

    with browser_seite(1400, 1000) as s:
        s.route("**/*", antworten)
        s.goto("http://127.0.0.1:9/karte")
        s.locator(".gemeindename span").first.wait_for(timeout=20_000)
        s.wait_for_timeout(500)
        namen = [n for n in s.locator(".gemeindename span").all_inner_texts() if n]  # leer: verdeckt
    assert "Holzminden" in namen and len(namen) == len(set(namen)), sorted(namen)
