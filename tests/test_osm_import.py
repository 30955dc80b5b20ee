"""Einrichtungen aus OpenStreetMap: ein kleiner Auszug, den der Test selbst schreibt (.osm und daraus .osm.pbf),
wird zum Vorschlag – nur was im Kreis liegt, Kategorien nach den OSM-Merkmalen, nichts Festes überschrieben."""

import osmium
import pytest

from indikatoren.ablaeufe.einlesung import oeffne_ablage
from indikatoren.orte import einrichtungspflege
from indikatoren.orte.einrichtungen import mitgeliefert, namensnennung
from indikatoren.orte.osm_import import kategorie, lies_auszug, vorschlag
from kommandozeile.haupt import main
from tests.conftest import HILDESHEIM_GEOJSON

AUSZUG = """<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="test">
  <node id="1" lat="51.9871" lon="9.8249" version="1"><tag k="amenity" v="school"/><tag k="name" v="Bürgerschule"/>
    <tag k="school:de" v="Grundschule"/></node>
  <node id="2" lat="52.37" lon="9.73" version="1"><tag k="amenity" v="kindergarten"/><tag k="name" v="Kita Hannover"/>
  </node>
  <node id="3" lat="51.9861" lon="9.8259" version="1"><tag k="amenity" v="social_facility"/>
    <tag k="name" v="Familienzentrum Alfeld"/><tag k="social_facility:for" v="family"/></node>
  <node id="4" lat="51.9800" lon="9.8300" version="1"><tag k="amenity" v="school"/></node>
  <node id="5" lat="51.9820" lon="9.8310" version="1"><tag k="amenity" v="restaurant"/><tag k="name" v="Krone"/></node>
  <node id="6" lat="52.1500" lon="9.9500" version="1"><tag k="amenity" v="community_centre"/>
    <tag k="name" v="Bürgerhaus Hildesheim"/></node>
  <node id="10" lat="51.9900" lon="9.8200" version="1"/>
  <node id="11" lat="51.9900" lon="9.8210" version="1"/>
  <node id="12" lat="51.9910" lon="9.8210" version="1"/>
  <way id="100" version="1"><nd ref="10"/><nd ref="11"/><nd ref="12"/><nd ref="10"/>
    <tag k="amenity" v="kindergarten"/><tag k="name" v="Kita Am Hang"/><tag k="addr:street" v="Hangweg"/>
    <tag k="addr:housenumber" v="3"/><tag k="addr:postcode" v="31061"/><tag k="addr:city" v="Alfeld (Leine)"/>
    <tag k="operator" v="Stadt Alfeld (Leine)"/></way>
</osm>
"""


@pytest.fixture
def auszug(tmp_path):
    xml = tmp_path / "auszug.osm"
    xml.write_text(AUSZUG, encoding="utf-8")
    pbf = tmp_path / "auszug.osm.pbf"
    with osmium.SimpleWriter(str(pbf)) as schreiber:
        for objekt in osmium.FileProcessor(str(xml)):
            schreiber.add(objekt)
    return pbf


@pytest.mark.parametrize(("merkmale", "erwartet"), [
    ({"amenity": "kindergarten"}, "Kita"), ({"amenity": "school", "name": "Grundschule Föhrste"}, "Grundschule"),
    ({"amenity": "school", "name": "Gymnasium Alfeld"}, "weiterführende Schule"),
    ({"amenity": "social_facility", "social_facility:for": "family"}, "Familienzentrum"),
    ({"amenity": "social_facility", "social_facility:for": "senior"}, "Behörde/Beratung"),
    ({"amenity": "community_centre"}, "Begegnung"), ({"amenity": "restaurant"}, None)])
def test_kategorien(merkmale, erwartet):
    assert kategorie(merkmale) == erwartet


def test_vorschlag_aus_dem_auszug(auszug):
    from indikatoren.grundlagen import geodaten
    grenzen = geodaten.lade_gemeindegrenzen(HILDESHEIM_GEOJSON)
    gelesen = lies_auszug(auszug)
    assert sorted(gelesen["verweis"]) == ["node/1", "node/2", "node/3", "node/4", "node/6", "way/100"]
    aktuell = mitgeliefert()
    v = vorschlag(aktuell, gelesen, grenzen)
    # im Kreis: Bürgerschule, Familienzentrum, unbenannte Schule, Bürgerhaus Hildesheim, Kita Am Hang; nicht: Hannover
    assert (v.neu, v.aktualisiert, v.schon_da, v.ausserhalb, v.ohne_namen) == (2, 1, 1, 1, 1)
    neu = v.tabelle.iloc[len(aktuell):]
    assert neu["name"].tolist() == ["Bürgerhaus Hildesheim", "Kita Am Hang"] and (neu["id"] == "").all()
    hang = neu.set_index("name").loc["Kita Am Hang"]
    # Mittelpunkt des Dreiecks (ohne den wiederholten ersten Knoten): (51.99+51.99+51.991)/3, (9.82+9.821+9.821)/3
    assert (hang["lat"], hang["lon"]) == ("51.990333", "9.820667")
    assert (hang["adresse"], hang["traeger"], hang["kategorie"]) == ("Hangweg 3, 31061 Alfeld (Leine)",
                                                                      "Stadt Alfeld (Leine)", "Kita")
    assert hang["quelle_lage"] == "OpenStreetMap way/100, Daten © OpenStreetMap-Mitwirkende (ODbL)"
    buergerschule = v.tabelle.set_index("name").loc["Bürgerschule"]  # vorhanden, ohne Lage: bekommt sie
    assert (buergerschule["id"], buergerschule["lat"], buergerschule["genauigkeit"]) == ("E008", "51.987100",
                                                                                         "Gebäude")
    fz = v.tabelle.set_index("name").loc["Familienzentrum Alfeld"]  # veröffentlichte Lage bleibt
    assert fz.equals(aktuell.set_index("name").loc["Familienzentrum Alfeld"])
    assert namensnennung(v.tabelle).startswith("Einrichtungsdaten teilweise aus OpenStreetMap")
    assert namensnennung(aktuell) is None

    zweimal = vorschlag(v.tabelle, gelesen, grenzen)  # erneuter Import: aktualisiert, verdoppelt nichts
    assert (zweimal.neu, len(zweimal.tabelle)) == (0, len(v.tabelle))


def test_kommandozeile_vorschau_dann_speichern(auszug, gebiete, monkeypatch, capsys):
    monkeypatch.setenv("SOZIALPLANUNG_GEODATEN", str(HILDESHEIM_GEOJSON))
    assert main(["einrichtungen", "osm", str(auszug)]) == 0
    ausgabe = capsys.readouterr().out
    assert "Vorschlag aus auszug.osm.pbf: 2 neu, 1 aktualisiert, 1 schon mit fester Lage vorhanden" in ausgabe
    assert "  neu: Kita Am Hang" in ausgabe and "© OpenStreetMap-Mitwirkende" in ausgabe
    listen = einrichtungspflege.staende(oeffne_ablage(gebiete))
    assert listen.lesen() is None  # nur Vorschau
    assert main(["einrichtungen", "osm", str(auszug), "--speichern", "--kommentar", "OSM November 2026"]) == 0
    stand, liste = listen.lesen()
    assert stand == 2 and liste["id"].tolist()[-2:] == ["E020", "E021"]
    assert main(["einrichtungen", "osm", str(auszug.with_suffix(".gibtsnicht"))]) == 1
    assert "Datei nicht gefunden" in capsys.readouterr().err
    kaputt = auszug.parent / "kaputt.osm.pbf"
    kaputt.write_bytes(b"kein OSM")
    assert main(["einrichtungen", "osm", str(kaputt)]) == 1
    assert "kein lesbarer OSM-Auszug" in capsys.readouterr().err
