"""Gemeindegrenzen aus Datei (GeoJSON, GeoPackage, Shapefile) und aus einem lokalen WFS, mit Zwischenspeicher."""

import geopandas as gpd
import pytest
import shapely

from indikatoren.grundlagen import geodaten
from kommandozeile.haupt import main
from tests.conftest import HILDESHEIM_GEOJSON
from tests.wfs_attrappe import WfsAttrappe


@pytest.fixture
def wfs(monkeypatch):
    attrappe = WfsAttrappe(HILDESHEIM_GEOJSON)
    monkeypatch.setenv("SOZIALPLANUNG_WFS_URL", attrappe.url)
    monkeypatch.setattr(geodaten, "SEITE", 7)  # erzwingt mehrere Seiten
    yield attrappe
    attrappe.stop()


def _pruefe_hildesheim(grenzen):
    assert len(grenzen) == 20
    assert list(grenzen.columns) == ["ags", "name", "ewz", "geometry"]
    assert grenzen["ags"].str.startswith("03254").all() and grenzen["ags"].str.len().eq(8).all()
    alfeld = grenzen.set_index("ags").loc["03254002"]
    assert (alfeld["name"], alfeld["ewz"]) == ("Alfeld (Leine)", 18679)
    assert grenzen.crs.to_epsg() == 4326 and grenzen.is_valid.all()


def test_wfs_mit_seiten_und_filter(wfs):
    grenzen = geodaten.lade_gemeindegrenzen()
    _pruefe_hildesheim(grenzen)
    gemeinden = [a for a in wfs.anfragen if a["typeNames"] == "vg250-ew:vg250_gem"]
    assert [a["startIndex"] for a in gemeinden] == ["0", "7", "14", "21"]  # 22 Objekte, je 7
    erste = wfs.anfragen[0]
    assert (erste["typeNames"], erste["srsName"], erste["outputFormat"], erste["version"]) == (
        "vg250-ew:vg250_gem", "EPSG:4326", "application/json", "2.0.0")
    assert "03254*" in erste["FILTER"]
    # Namen des Kreises und der Verbände aus den Ebenen vg250_krs und vg250_vwg, der Stand aus wsk
    info = geodaten.herkunft()
    assert (info["kreisname"], info["verbaende"], info["jahr"]) == (
        "Landkreis Hildesheim", {"032545406": "Samtgemeinde Leinebergland"}, 2024)
    assert {a["typeNames"] for a in wfs.anfragen} == {"vg250-ew:vg250_gem", "vg250-ew:vg250_vwg", "vg250-ew:vg250_krs"}
    from indikatoren.grundlagen.gebiete import Gebiete
    verband = Gebiete.laden().verzeichnis.set_index("ags")["samtgemeinde"]
    assert sorted(verband[verband == "032545406"].index) == ["03254013", "03254041", "03254043"]  # aus ars
    # Wasserfläche (gf 2) bleibt draußen: Alfeld hat genau die Fläche aus der Datei
    original = gpd.read_file(HILDESHEIM_GEOJSON).set_index("ags")
    assert grenzen.set_index("ags").geometry["03254002"].equals(original.geometry["03254002"])


def test_zwischenspeicher_wird_ohne_netz_benutzt(wfs, monkeypatch):
    geodaten.lade_gemeindegrenzen()
    wfs.stop()
    anfragen = len(wfs.anfragen)
    _pruefe_hildesheim(geodaten.lade_gemeindegrenzen())
    assert len(wfs.anfragen) == anfragen
    assert geodaten.herkunft()["quelle"] == wfs.url


def test_ohne_netz_und_ohne_datei_eine_deutsche_anleitung():
    with pytest.raises(geodaten.GeodatenFehlen) as fehler:
        geodaten.lade_gemeindegrenzen()
    assert "konnten nicht vom WFS" in str(fehler.value)
    assert "SOZIALPLANUNG_GEODATEN" in str(fehler.value)


@pytest.mark.parametrize("format", ["GeoJSON", "GPKG", "ESRI Shapefile"])
def test_dateiformate(format, tmp_path):
    endung = {"GeoJSON": "geojson", "GPKG": "gpkg", "ESRI Shapefile": "shp"}[format]
    datei = tmp_path / f"grenzen.{endung}"
    roh = gpd.read_file(HILDESHEIM_GEOJSON).rename(columns={"name": "GEN", "ags": "AGS", "ewz": "EWZ"})
    roh.to_crs("EPSG:25832").to_file(datei, driver=format)  # wie der VG250-Download: metrisch, Großschrift
    _pruefe_hildesheim(geodaten.lade_gemeindegrenzen(datei))


def test_datei_aus_umgebungsvariable_und_zwischenspeicher(monkeypatch, laufzeit):
    monkeypatch.setenv("SOZIALPLANUNG_GEODATEN", str(HILDESHEIM_GEOJSON))
    _pruefe_hildesheim(geodaten.lade_gemeindegrenzen())
    assert (laufzeit / "geodaten" / "gemeinden_03254_voll.geojson").exists()
    assert (laufzeit / "geodaten" / "gemeinden_03254_anzeige.geojson").exists()


def test_datei_ohne_gemeinden_des_kreises(tmp_path):
    datei = tmp_path / "andere.geojson"
    gpd.read_file(HILDESHEIM_GEOJSON).assign(ags="03241001").to_file(datei)
    with pytest.raises(geodaten.GeodatenFehlen, match="keine Gemeinde des Kreises 03254"):
        geodaten.lade_gemeindegrenzen(datei)


def test_anzeigefassung_ist_kleiner_lueckenlos_und_gueltig():
    voll = geodaten.lade_gemeindegrenzen(HILDESHEIM_GEOJSON)
    anzeige = geodaten.anzeigegrenzen()
    punkte = lambda g: int(shapely.get_num_coordinates(g.geometry.to_numpy()).sum())
    assert punkte(anzeige) < 0.6 * punkte(voll)
    assert anzeige.is_valid.all() and list(anzeige["ags"]) == list(voll["ags"])
    metrisch_voll, metrisch_anzeige = voll.to_crs(25832), anzeige.to_crs(25832)
    assert abs(metrisch_anzeige.area.sum() / metrisch_voll.area.sum() - 1) < 0.001
    # Nachbarn überlappen nicht und lassen keine Lücken: Summe der Flächen = Fläche der Vereinigung
    assert abs(metrisch_anzeige.area.sum() - metrisch_anzeige.union_all().area) < 1e4  # < 1 ha


def test_cli_geodaten(capsys, wfs):
    assert main(["geodaten"]) == 0
    assert "20 Gemeindegrenzen des Kreises 03254 geladen" in capsys.readouterr().out
    assert main(["geodaten", "--datei", str(HILDESHEIM_GEOJSON)]) == 0
    assert geodaten.herkunft()["quelle"] == str(HILDESHEIM_GEOJSON.resolve())
    assert main(["geodaten", "--datei", "/gibt/es/nicht.geojson"]) == 1
    assert "gibt es nicht" in capsys.readouterr().err


def test_nach_fehlschlag_wird_nicht_bei_jedem_aufruf_gewartet(monkeypatch):
    aufrufe = []

    def kein_netz(*args, **kwargs):
        aufrufe.append(args)
        raise OSError("Netz nicht erreichbar")
    monkeypatch.setattr(geodaten.urllib.request, "urlopen", kein_netz)
    monkeypatch.setattr(geodaten, "_FEHLSCHLAEGE", {})
    for _ in range(3):
        with pytest.raises(geodaten.GeodatenFehlen, match="Netz nicht erreichbar"):
            geodaten.lade_gemeindegrenzen()
    assert len(aufrufe) == 1
    with pytest.raises(geodaten.GeodatenFehlen):
        geodaten.lade_gemeindegrenzen(neu=True)  # ausdrücklich neu laden fragt wieder
    assert len(aufrufe) == 2


def test_meter_in_der_utm_zone_des_kreises():
    """Hildesheim liegt in UTM 32, ein Kreis im Osten (Görlitz, 14,6–15,0° Ost) in UTM 33; Entfernungen dort in
    Zone 32 wären um einige Promille verzerrt."""
    import geopandas as gpd
    from shapely.geometry import Point, box

    hildesheim = geodaten.lade_gemeindegrenzen(HILDESHEIM_GEOJSON)
    goerlitz = gpd.GeoSeries([box(14.6, 50.9, 15.0, 51.4)], crs="EPSG:4326")
    duesseldorf_west = gpd.GeoSeries([Point(5.9, 50.8)], crs="EPSG:4326")
    assert [geodaten.metrisch(g) for g in (hildesheim, goerlitz, duesseldorf_west)] == [
        "EPSG:25832", "EPSG:25833", "EPSG:25831"]
    # in der eigenen Zone ist ein Längengrad bei 51° Nord 70,2 km breit (Kugel: 111,32 km · cos 51° = 70,06 km;
    # der Maßstabsfaktor 0,9996 von UTM und das Ellipsoid geben wenige Promille mehr)
    strecke = gpd.GeoSeries([Point(14.3, 51.0), Point(15.3, 51.0)], crs="EPSG:4326")
    in_33 = strecke.to_crs(geodaten.metrisch(goerlitz))
    assert abs(in_33.iloc[0].distance(in_33.iloc[1]) - 70_200) < 250
