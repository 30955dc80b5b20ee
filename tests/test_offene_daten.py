"""Offene Daten: die ganze Lesertabelle als CSV (gültig nach CSV on the Web, geprüft mit der Bibliothek csvw), XLSX
und GeoJSON; jeder Wert gleich dem, was `veroeffentlichen` zeigt, nichts Gesperrtes darin, die Lizenz in jeder
Datei."""

import io
import json

import pandas as pd
import pytest
from csvw import CSVW

from kommandozeile.haupt import main
from tests.conftest import HILDESHEIM_GEOJSON, SHARED_GEO

DATEI = "sozialplanung_datenstand1"


@pytest.fixture(autouse=True)
def geodaten(monkeypatch):
    monkeypatch.setenv("SOZIALPLANUNG_GEODATEN", str(HILDESHEIM_GEOJSON))


@pytest.fixture
def ordner(tmp_path, capsys):
    assert main(["veroeffentlichen", "--offene-daten", str(tmp_path / "offen")]) == 0
    ausgabe = capsys.readouterr().out
    for endung in (".csv", ".csv-metadata.json", ".xlsx", ".geojson"):
        assert f"{DATEI}{endung} geschrieben" in ausgabe
    return tmp_path / "offen"


def test_csv_ist_gueltig_nach_csvw_und_ein_fehler_faellt_auf(ordner, tmp_path):
    csvw = CSVW(str(ordner / f"{DATEI}.csv"), md_url=str(ordner / f"{DATEI}.csv-metadata.json"), validate=True)
    assert csvw.is_valid
    meta = json.loads((ordner / f"{DATEI}.csv-metadata.json").read_text())
    assert meta["dc:license"]["@id"] == "https://www.govdata.de/dl-de/by-2-0"
    assert meta["tableSchema"]["primaryKey"] == ["ags", "indikator", "jahr"]
    # derselbe Prüfer lehnt eine kaputte Zahl ab: er prüft wirklich
    kaputt = tmp_path / "kaputt"
    kaputt.mkdir()
    text = (ordner / f"{DATEI}.csv").read_text().splitlines()
    teile = text[1].split(",")
    teile[5] = "zwanzig"  # jahr
    (kaputt / f"{DATEI}.csv").write_text("\n".join([text[0], ",".join(teile), *text[2:]]) + "\n")
    (kaputt / f"{DATEI}.csv-metadata.json").write_bytes((ordner / f"{DATEI}.csv-metadata.json").read_bytes())
    assert not CSVW(str(kaputt / f"{DATEI}.csv"), md_url=str(kaputt / f"{DATEI}.csv-metadata.json"),
                    validate=True).is_valid


def test_jeder_wert_wie_veroeffentlicht_und_nichts_gesperrtes(ordner, capsys):
    """Gegen die Ausgabe von `veroeffentlichen`: dieselben Zeilen; jeder Wert aus deren Zähler und Nenner neu
    gerechnet und auf eine Stelle gerundet; wo dort eine Anzahl fehlt (gesperrt), fehlt sie auch hier."""
    assert main(["veroeffentlichen"]) == 0
    leser = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype={"ags": str}).set_index(
        ["ags", "indikator", "jahr"]).sort_index()
    offen = pd.read_csv(ordner / f"{DATEI}.csv", dtype={"ags": str}).set_index(
        ["ags", "indikator", "jahr"]).sort_index()
    assert list(offen.index) == list(leser.index) and len(offen) > 700
    for spalte in ("zaehler", "nenner"):
        assert (offen[spalte].isna() == leser[spalte].isna()).all(), spalte
    ausgewiesen = leser["wert"].notna()
    neu = (100 * leser["zaehler"] / leser["nenner"])[ausgewiesen]
    assert (offen.loc[ausgewiesen, "wert"] - neu).abs().max() <= 0.05 + 1e-9  # gerundet auf eine Stelle
    assert offen.loc[~ausgewiesen, "wert"].isna().all()
    eime = offen.loc[("03254013", "kinderarmut_u3", 2024)]  # NEF unter 3 = 2 (Beispieldaten): gesperrt
    assert eime["status"] == "nicht_ausweisbar" and pd.isna(eime["zaehler"]) and pd.isna(eime["wert"])
    assert offen["lizenz"].str.contains("dl-de/by-2-0").all()


def test_xlsx_und_geojson_mit_werten_und_lizenz(ordner):
    csv = pd.read_csv(ordner / f"{DATEI}.csv", dtype={"ags": str}).set_index(["ags", "indikator", "jahr"])
    daten = pd.read_excel(ordner / f"{DATEI}.xlsx", sheet_name="Daten", dtype={"ags": str})
    kopf = (ordner / f"{DATEI}.csv").read_text().splitlines()[0].split(",")
    assert len(daten) == len(csv) and list(daten.columns) == kopf
    lizenz = pd.read_excel(ordner / f"{DATEI}.xlsx", sheet_name="Lizenz", header=None)
    assert lizenz.iat[1, 0] == "Lizenz der Zahlen" and "dl-de/by-2-0" in lizenz.iat[1, 1]
    geo = json.loads((ordner / f"{DATEI}.geojson").read_text())
    assert len(geo["features"]) == 20 and "dl-de/by-2-0" in geo["lizenz_grenzen"]
    alfeld = next(f["properties"] for f in geo["features"] if f["properties"]["ags"] == "03254002")
    assert alfeld["kinderarmut_2024"] == csv.loc[("03254002", "kinderarmut", 2024), "wert"] == 17.5
    eime = next(f["properties"] for f in geo["features"] if f["properties"]["ags"] == "03254013")
    assert eime["kinderarmut_u3_2024"] is None  # gesperrt: null


def test_uebersicht_bietet_die_offenen_daten_an():
    from tests.test_app import starte
    app = starte()
    assert not app.exception
    assert {"CSV", "CSVW-Beschreibung", "XLSX", "GeoJSON"} <= {b.proto.label for b in app.get("download_button")}


DCAT_AP_DE = SHARED_GEO.parent / "dcat-ap-de"  # die SHACL-Formen von GovData, mit Herkunft in SOURCES.md
EU_VOKABULARE = "http://publications.europa.eu/resource/authority/"


def _shacl(text: str, mit_vokabularen: bool = False):
    """Prüft mit pyshacl gegen DCAT-AP 3.0.0 und die deutschen Ergänzungen, ohne owl:imports aus dem Netz; die
    Ontologien (FOAF, vCard, ORG) und die Lizenzliste von dcat-ap.de liegen als Kopie daneben."""
    import pyshacl
    from rdflib import Graph
    formen = Graph()
    for datei in ("dcat-ap-SHACL-3.0.0.ttl", "dcat-ap-SHACL-DE.ttl", "dcat-ap-spec-german-additions.ttl",
                  "dcat-ap-de-deprecated.ttl", *(["dcat-ap-de-controlledvocabularies.ttl"] if mit_vokabularen else [])):
        formen.parse(DCAT_AP_DE / datei)
    ontologien = Graph()
    for datei in ("foaf_0_1.rdf", "vcard.ttl", "org.ttl", "dcat-ap-de-licenses-open.rdf"):
        ontologien.parse(DCAT_AP_DE / datei)
    daten = Graph().parse(data=text, format="turtle")
    return pyshacl.validate(daten, shacl_graph=formen, ont_graph=ontologien, inference="none", allow_warnings=True,
                            do_owl_imports=False)


def test_dcat_katalog_ist_gueltig_nach_dcat_ap_de(tmp_path, capsys):
    from rdflib import Graph, URIRef
    from rdflib.namespace import DCAT, DCTERMS, SH
    assert main(["veroeffentlichen", "--offene-daten", str(tmp_path), "--adresse",
                 "https://sozialplanung.example.org/offene-daten"]) == 0
    text = (tmp_path / "katalog.ttl").read_text()
    gueltig, _, bericht = _shacl(text)
    assert gueltig, bericht
    g = Graph().parse(data=text, format="turtle")
    verteilungen = list(g.objects(None, DCAT.distribution))
    assert len(verteilungen) == 4  # CSV, CSVW, XLSX, GeoJSON
    assert {str(g.value(v, DCAT.downloadURL)).rsplit("/", 1)[1] for v in verteilungen} == {
        f"{DATEI}.csv", f"{DATEI}.csv-metadata.json", f"{DATEI}.xlsx", f"{DATEI}.geojson"}
    assert set(g.objects(None, DCTERMS.license)) == {URIRef("http://dcat-ap.de/def/licenses/dl-by-de/2.0")}
    # mit den kontrollierten Vokabularen: die Lizenz steht in der Liste von dcat-ap.de; was fehlt, sind nur die
    # Normdateien der EU (Themen, Dateiformate, Sprachen), die ohne Netz nicht zu laden sind
    _, graph, _ = _shacl(text, mit_vokabularen=True)
    verstoesse = {str(graph.value(r, SH.focusNode)) for r in graph.subjects(SH.resultSeverity, SH.Violation)}
    assert verstoesse and all(v.startswith(EU_VOKABULARE) for v in verstoesse), verstoesse
    # ohne Lizenz ist er ungültig: die Prüfung greift
    ohne = Graph().parse(data=text, format="turtle")
    ohne.remove((None, DCTERMS.license, None))
    assert not _shacl(ohne.serialize(format="turtle"))[0]


def test_ohne_adresse_kein_katalog(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("SOZIALPLANUNG_OFFENE_DATEN_URL", raising=False)
    assert main(["veroeffentlichen", "--offene-daten", str(tmp_path)]) == 0
    assert not (tmp_path / "katalog.ttl").exists() and "--adresse URL" in capsys.readouterr().err
