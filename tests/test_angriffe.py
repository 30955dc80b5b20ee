"""Angriffe auf die Uploads, wie ein Angreifer sie baut: Jede Datei wird nur vom Leser geöffnet, der für sie
gedacht ist, mit begrenzter Größe, und jeder Fehler ist eine deutsche Meldung statt eines Tracebacks."""

import io
import json
import zipfile

import geopandas as gpd
import pytest
from shapely.geometry import Polygon

from indikatoren.ablaeufe import sicherung
from indikatoren.ablaeufe.einlesung import oeffne_ablage
from indikatoren.einlesen import grenzdatei, tabelle_lesen, zipdatei
from indikatoren.einlesen.tabelle_lesen import lese_tabelle
from indikatoren.grundlagen.meldungen import UngueltigeDatei

VRT = (b'<OGRVRTDataSource><OGRVRTLayer name="x"><SrcDataSource>CSV:/etc/passwd</SrcDataSource>'
       b'<SrcLayer>passwd</SrcLayer></OGRVRTLayer></OGRVRTDataSource>')


def _zip(teile: dict[str, bytes], art=zipfile.ZIP_DEFLATED) -> bytes:
    puffer = io.BytesIO()
    with zipfile.ZipFile(puffer, "w", art) as z:
        for name, daten in teile.items():
            z.writestr(name, daten)
    return puffer.getvalue()


def _meldung(aufruf) -> str:
    with pytest.raises(UngueltigeDatei) as fehler:
        aufruf()
    return str(fehler.value)


# --- Grenzdateien: nur GeoJSON, GeoPackage, Shapefile ------------------------------------------------------
@pytest.mark.parametrize("inhalt, name", [(VRT, "sr.geojson"), (b" \n" + VRT, "sr.gpkg"),
                                          (b"CSV:/etc/passwd", "sr.geojson")])
def test_vrt_unter_falschem_namen_wird_nicht_geoeffnet(inhalt, name):
    text = _meldung(lambda: grenzdatei.lies(inhalt, name))
    assert "keine Grenzdatei in einem der vorgesehenen Formate" in text and "root:" not in text


def test_vrt_als_shp_im_zip_wird_nicht_geoeffnet():
    inhalt = _zip({"sr.shp": VRT, "sr.shx": b"", "sr.dbf": b"", "sr.vrt": VRT})
    text = _meldung(lambda: grenzdatei.lies(inhalt, "sr.zip"))
    assert "„sr.shp“ ist keine Shapefile-Datei" in text and "root:" not in text


def test_zip_bombe_im_shapefile_wird_nicht_entpackt():
    bombe = _zip({"sr.shp": b"\x00" * 60_000_000, "sr.shx": b"", "sr.dbf": b""})
    assert len(bombe) < 200_000
    assert "Zip-Bombe" in _meldung(lambda: grenzdatei.lies(bombe, "sr.zip"))


def test_pfade_im_zip(tmp_path):
    for name in ("../../etc/x.shp", "/abs/x.shp", "C:/x.shp"):
        assert "unzulässigen Pfad" in _meldung(lambda n=name: zipdatei.verzeichnis(_zip({n: b"x"}), "z.zip",
                                                                                    zipdatei.Grenzen()))


def _geojson(flaechen: list, crs: str | None = None) -> bytes:
    daten = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"id": f"SR-{i}", "name": f"Fläche {i}"}, "geometry": g}
        for i, g in enumerate(flaechen)]}
    if crs:
        daten["crs"] = {"type": "name", "properties": {"name": crs}}
    return json.dumps(daten).encode()


QUADRAT = {"type": "Polygon", "coordinates": [[[9.8, 51.98], [9.81, 51.98], [9.81, 51.99], [9.8, 51.98]]]}


@pytest.mark.parametrize("geometrie, meldung", [
    ({"type": "Polygon", "coordinates": [[[1e308, 0], [-1e308, 1], [0, 1e308], [1e308, 0]]]}, "Länge/Breite"),
    ({"type": "Polygon", "coordinates": [[[550000, 5760000], [551000, 5760000], [551000, 5761000],
                                          [550000, 5760000]]]}, "Ist die Datei in Metern"),
    ({"type": "Polygon", "coordinates": [[["NaN", 1], [2, 2], [3, 1], ["NaN", 1]]]}, "ungültig"),
])
def test_unsinnige_koordinaten(geometrie, meldung):
    assert meldung in _meldung(lambda: grenzdatei.lies(_geojson([geometrie]), "sr.geojson"))


def test_koordinaten_nan_und_unendlich_als_zahl():
    inhalt = _geojson([QUADRAT]).replace(b"9.8, 51.98]", b"NaN, 51.98]", 1)
    assert "ungültig" in _meldung(lambda: grenzdatei.lies(inhalt, "sr.geojson"))


def test_zu_viele_flaechen_und_punkte():
    assert "höchstens 2.000" in _meldung(lambda: grenzdatei.lies(_geojson([QUADRAT] * 10_000), "sr.geojson"))
    viele = Polygon([(9.8 + i * 1e-7, 51.98 + (i % 2) * 1e-7) for i in range(600_000)] + [(9.8, 51.99)])
    inhalt = gpd.GeoDataFrame({"id": ["A"], "name": ["a"]}, geometry=[viele], crs="EPSG:4326").to_json().encode()
    assert "Punkte; erlaubt sind höchstens 500.000" in _meldung(lambda: grenzdatei.lies(inhalt, "sr.geojson"))


def test_tief_verschachteltes_json():
    inhalt = b'{"type": "FeatureCollection", "features": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    assert "zu tief verschachtelt" in _meldung(lambda: grenzdatei.lies(inhalt, "sr.geojson"))


def test_fremdes_koordinatensystem_als_adresse():
    inhalt = _geojson([QUADRAT], crs="http://127.0.0.1:9/crs")
    assert "nicht als EPSG-Code angegeben" in _meldung(lambda: grenzdatei.lies(inhalt, "sr.geojson"))


def test_epsg_im_alten_crs_feld_wird_verstanden():
    roh = grenzdatei.lies(_geojson([{"type": "Polygon", "coordinates": [[[550000, 5760000], [551000, 5760000],
                                                                          [551000, 5761000], [550000, 5760000]]]}],
                                   crs="urn:ogc:def:crs:EPSG::25832"), "sr.geojson")
    assert roh.crs.to_epsg() == 25832 and len(roh) == 1


# --- XLSX: begrenzt, gestreamt, jede Fehlerart eine Meldung -------------------------------------------------
def _xlsx(blatt_xml: bytes, zusatz: dict | None = None) -> bytes:
    teile = {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                               b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
                               b'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                               b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
                               b'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
                               b'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
                               b'worksheet+xml"/></Types>',
        "_rels/.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                       b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
                       b'2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
                           b'2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                           b'<sheets><sheet name="Kennzahlen" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                                      b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                                      b'openxmlformats.org/officeDocument/2006/relationships/worksheet" Target='
                                      b'"worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": blatt_xml,
    }
    return _zip(teile | (zusatz or {}))


BLATT = (b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
         b'<sheetData>%s</sheetData></worksheet>')


def test_xlsx_mit_xml_entitaeten_gibt_eine_meldung():
    bombe = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
             b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
             b'<c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>')
    assert _meldung(lambda: lese_tabelle(_xlsx(bombe), "k.xlsx")).startswith(
        "k.xlsx: Die XLSX-Datei enthält eine XML-Dokumenttypdefinition")


def test_xlsx_mit_zu_vielen_zeilen_bricht_frueh_ab():
    zeilen = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (i, i) for i in range(1, 200_003))
    text = _meldung(lambda: lese_tabelle(_xlsx(BLATT % zeilen), "k.xlsx"))
    assert text == ("k.xlsx: Das Blatt „Kennzahlen“ reicht bis Zeile 200.002 und Spalte 1; das Dashboard liest "
                    "höchstens 200.000 Zeilen, 1.000 Spalten und 10.000.000 Zellen je Blatt.")


# calamine reserviert Speicher nach Angaben der Datei; ohne eigenen Prozess mit Grenze bräche der Server ab
ZWEI_ECKEN = BLATT % b'<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>'
GETEILTE_TEXTE = (b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                  b'count="4000000000" uniqueCount="4000000000"><si><t>ags</t></si></sst>')


@pytest.mark.parametrize("inhalt", [
    _xlsx(ZWEI_ECKEN),
    _xlsx(BLATT % b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>', {"xl/sharedStrings.xml": GETEILTE_TEXTE})],
    ids=["zellen_in_zwei_ecken", "erfundene_zahl_geteilter_texte"])
def test_xlsx_die_den_leser_abbrechen_liesse_ist_eine_meldung(inhalt):
    assert len(inhalt) < 2_000
    text = _meldung(lambda: lese_tabelle(inhalt, "k.xlsx"))
    assert text.startswith("k.xlsx: Die XLSX-Arbeitsmappe ließ sich nicht in den Grenzen des Dashboards lesen "
                           "(höchstens 1 GB Speicher und 60 Sekunden)"), text


def test_xlsx_mit_zu_vielen_zellen():
    """A1 bis ALL10001: 10.001 Zeilen und 1.000 Spalten liegen einzeln unter den Grenzen, zusammen darüber."""
    inhalt = _xlsx(BLATT % b'<row r="1"><c r="A1"><v>1</v></c></row><row r="10001"><c r="ALL10001"><v>2</v></c></row>')
    assert "reicht bis Zeile 10.001 und Spalte 1.000" in _meldung(lambda: lese_tabelle(inhalt, "k.xlsx"))


def test_der_leseprozess_hat_eine_speichergrenze(monkeypatch):
    """9 Mio. Zellen (A1 bis ALL9000) liegen unter allen Grenzen der Tabelle und brauchen etwa 0,4 GB; mit einer
    Grenze von 0,2 GB bricht der Leseprozess ab, und das ist eine Meldung."""
    inhalt = _xlsx(BLATT % b'<row r="1"><c r="A1"><v>1</v></c></row><row r="9000"><c r="ALL9000"><v>2</v></c></row>')
    monkeypatch.setattr(tabelle_lesen, "SPEICHER", 200 * 1024**2)
    assert "ließ sich nicht in den Grenzen des Dashboards lesen" in _meldung(lambda: lese_tabelle(inhalt, "k.xlsx"))


def test_mappenleser_sieht_keine_umgebung(monkeypatch):
    """Der Leseprozess bekommt keine Umgebungsvariablen, also keines der Geheimnisse des Servers."""
    gesehen = {}
    echt = tabelle_lesen.subprocess.run

    def run(befehl, **kwargs):
        gesehen.update(kwargs)
        return echt(befehl, **kwargs)

    monkeypatch.setenv("SOZIALPLANUNG_COOKIE_GEHEIMNIS", "geheim")
    monkeypatch.setattr(tabelle_lesen.subprocess, "run", run)
    assert lese_tabelle(_xlsx(BLATT % b'<row r="1"><c r="A1" t="inlineStr"><is><t>ags</t></is></c></row>'),
                        "k.xlsx").kopf == ["ags"]
    assert gesehen["env"] == {}


def test_excel_fehlerzellen_werden_genannt_nicht_leer_gelesen(gebiete):
    """Eine Formel mit „#DIV/0!“ (wie Excel sie mit ihrem letzten Ergebnis speichert) ist keine fehlende Zahl: die
    Prüfung nennt Zeile, Spalte und den Fehler (calamine allein läse die Zelle leer)."""
    from indikatoren.einlesen.pruefung import pruefe_datei

    def text(zelle, wert):
        return b'<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (zelle, wert)

    blatt = BLATT % (b'<row r="1">' + text(b"A1", b"ags") + text(b"B1", b"jahr") + text(b"C1", b"bev_u15")
                     + text(b"D1", b"nef_u15") + b'</row><row r="2">' + text(b"A2", b"03254002")
                     + b'<c r="B2"><v>2024</v></c><c r="C2"><v>2411</v></c>'
                     b'<c r="D2" t="e"><f>C2/0</f><v>#DIV/0!</v></c></row>')
    assert _meldung(lambda: pruefe_datei(_xlsx(blatt), "k.xlsx", gebiete)) == (
        "k.xlsx, Zeile 2, Spalte nef_u15: „#DIV/0!“ ist keine Zahl; erlaubt sind ganze Zahlen ab 0, „*“ (geheim), "
        "„-“ (null) oder leer.")


def test_andere_zip_dateien_als_xlsx_werden_nicht_gelesen():
    """Eine OpenDocument-Tabelle mit der Endung .xlsx geht nicht an einen anderen Leser (calamine läse sie)."""
    ods = _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"})
    assert "keine XLSX-Arbeitsmappe (etwa eine OpenDocument-Tabelle" in _meldung(lambda: lese_tabelle(ods, "k.xlsx"))


def test_xlsx_zip_bombe_und_familienzentrum_mappe():
    from familienzentrum.mappe import lies_xlsx
    bombe = _xlsx(BLATT % b"", {"xl/sharedStrings.xml": b" " * 150_000_000})
    assert len(bombe) < 1_000_000
    assert "Zip-Bombe" in _meldung(lambda: lese_tabelle(bombe, "k.xlsx"))
    assert "Zip-Bombe" in _meldung(lambda: lies_xlsx(bombe, "fz.xlsx"))


# --- Sicherung: ein kaputtes Verzeichnis ist eine Meldung und steht im Protokoll ----------------------------
def test_sicherung_mit_falschem_verzeichnis(gebiete):
    ablage = oeffne_ablage(gebiete)
    echt = _zip({"sicherung.json": b"{}" * 1000})
    kaputt = echt.replace(b"PK\x01\x02", b"PK\x01\x03")  # das zentrale Verzeichnis passt nicht mehr
    versetzt = bytearray(echt)
    versetzt[18:22] = (5).to_bytes(4, "little")  # lokaler Kopf: falsche gepackte Größe
    for inhalt in (kaputt, bytes(versetzt), b"PK\x03\x04kaputt"):
        text = _meldung(lambda i=inhalt: sicherung.wiederherstellen(ablage, i, gebiete, "meier", "s.zip"))
        assert text.startswith("s.zip: ")
    versuche = ablage.protokolleintraege()
    versuche = versuche[versuche["aktion"] == "wiederherstellen"]
    assert len(versuche) == 3 and not versuche["erfolg"].astype(bool).any()


def test_sicherung_mit_tief_verschachteltem_inhaltsverzeichnis(gebiete):
    ablage = oeffne_ablage(gebiete)
    inhalt = _zip({"sicherung.json": b"[" * 100_000 + b"]" * 100_000})
    assert "kein gültiges Inhaltsverzeichnis" in _meldung(
        lambda: sicherung.wiederherstellen(ablage, inhalt, gebiete, "meier", "s.zip"))


# --- Zahlen und OSM, wie ein Angreifer sie schreibt ---------------------------------------------------------
def test_riesige_anzahl_ist_eine_meldung(gebiete):
    from indikatoren.einlesen.pruefung import pruefe_datei
    for zahl in ("100000000000000000000000", "9223372036854775808"):
        text = _meldung(lambda z=zahl: pruefe_datei(f"ags;jahr;bev_u15;nef_u15\n03254002;2024;{z};5\n".encode(),
                                                     "k.csv", gebiete))
        assert f"k.csv, Zeile 2, Spalte bev_u15: „{zahl}“ ist zu groß für eine Anzahl" in text


def test_osm_mit_nan_und_kaputtes_pbf(tmp_path):
    from indikatoren.orte.osm_import import lies_auszug
    (tmp_path / "a.osm").write_text('<?xml version="1.0"?><osm version="0.6"><node id="1" lat="nan" lon="9.8" '
                                    'version="1"><tag k="amenity" v="school"/></node></osm>', encoding="utf-8")
    (tmp_path / "b.osm.pbf").write_bytes(b"kaputt")
    for name in ("a.osm", "b.osm.pbf"):
        with pytest.raises(ValueError, match=f"{name}: kein lesbarer OSM-Auszug"):
            lies_auszug(tmp_path / name)


# --- Berichte: WeasyPrint lädt nichts, was nicht eingebettet ist ------------------------------------------
def test_feindliches_dokument_laedt_nichts(tmp_path):
    """Ein Dokument mit Bild, Stil und Schrift von einem Server auf 127.0.0.1 und aus einer lokalen Datei: der
    Server sieht keine Anfrage, und im PDF steht kein Bild; ein eingebettetes data:-Bild erscheint."""
    import base64
    import subprocess
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    from PIL import Image

    from berichte.drucken import pdf_aus_html

    anfragen = []

    class Dienst(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (Name von http.server vorgegeben)
            anfragen.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Dienst)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    adresse = f"http://127.0.0.1:{server.server_address[1]}"
    lokal = tmp_path / "geheim.png"
    Image.new("RGB", (8, 8), "red").save(lokal)
    bild = "data:image/png;base64," + base64.b64encode(lokal.read_bytes()).decode()
    try:
        dokument = pdf_aus_html(f"""<html lang="de"><head><title>x</title>
            <link rel="stylesheet" href="{adresse}/stil.css"><style>@import url("{adresse}/import.css");
            @font-face {{ font-family: X; src: url("{adresse}/schrift.woff"); }}
            body {{ background: url("{adresse}/hintergrund.png"); }}</style></head>
            <body><img src="{adresse}/bild.png" alt="fern"><img src="{lokal.as_uri()}" alt="lokal">
            <img src="/etc/passwd" alt="pfad"><p>Text</p></body></html>""")
    finally:
        server.shutdown()
    assert anfragen == []
    (tmp_path / "d.pdf").write_bytes(dokument)
    liste = subprocess.run(["pdfimages", "-list", str(tmp_path / "d.pdf")], capture_output=True, text=True,
                           check=True).stdout.splitlines()
    assert len(liste) == 2  # nur die Kopfzeilen: kein Bild geladen
    mit_bild = pdf_aus_html(f'<html lang="de"><body><img src="{bild}" alt="eingebettet"></body></html>')
    (tmp_path / "e.pdf").write_bytes(mit_bild)
    assert len(subprocess.run(["pdfimages", "-list", str(tmp_path / "e.pdf")], capture_output=True, text=True,
                              check=True).stdout.splitlines()) == 3


# --- Anmeldung über OpenID Connect: nur mit Freigabeliste und eigener Rolle ---------------------------------
def test_oidc_nur_mit_freigabeliste_und_eigener_rolle():
    from indikatoren.zugang.rollen import oidc_rolle, rolle
    with pytest.raises(ValueError, match="keine Freigabeliste"):
        oidc_rolle("jemand@irgendwo.de", {})
    with pytest.raises(ValueError, match="nicht freigegeben"):
        oidc_rolle("jemand@irgendwo.de", {"erlaubt": ["meier@landkreis.de"], "rollen": {}})
    with pytest.raises(ValueError, match="keine Rolle eingetragen"):
        oidc_rolle("meier@landkreis.de", {"erlaubt": ["meier@landkreis.de"]})
    einstellungen = {"erlaubt": ["meier@landkreis.de", "fz@alfeld.de"],
                     "rollen": {"meier@landkreis.de": "stabsstelle", "fz@alfeld.de": "netzwerk"}}
    assert oidc_rolle("fz@alfeld.de", einstellungen) == "netzwerk"
    assert oidc_rolle("meier@landkreis.de", einstellungen) == "stabsstelle"
    assert rolle("meier", {}) == "stabsstelle"  # lokale Konten: eigens eingetragen, Vorgabe bleibt


# --- Was ein anonymer Besucher auslösen kann ------------------------------------------------------------------
def test_cache_leeren_trifft_nur_die_eigene_sitzung():
    """Die Nachricht „clear_cache“ eines Browsers leert nicht mehr die Zwischenspeicher aller Sitzungen."""
    import streamlit as st
    from streamlit.runtime.app_session import AppSession

    from pages import _sitzungsschutz as sitzungsschutz

    aufrufe = []

    @st.cache_resource
    def teuer(x):
        aufrufe.append(x)
        return x

    teuer(1)
    original = AppSession._handle_clear_cache_request
    try:
        sitzungsschutz.cache_leeren_nur_fuer_diese_sitzung()

        class Sitzung:
            _session_state = {"a": 1}

        sitzung = Sitzung()
        AppSession._handle_clear_cache_request(sitzung)
        teuer(1)
        assert aufrufe == [1] and sitzung._session_state == {}
    finally:
        AppSession._handle_clear_cache_request = original
        teuer.clear()


def test_hoechstens_ein_bericht_zugleich(monkeypatch):
    import threading

    from pages import _rahmen as rahmen

    monkeypatch.setattr(rahmen, "BERICHT_WARTEN_S", 0.2)
    drin, weiter = threading.Event(), threading.Event()

    def erster():
        with rahmen.ein_bericht_zur_zeit():
            drin.set()
            weiter.wait(5)

    faden = threading.Thread(target=erster)
    faden.start()
    drin.wait(5)
    with pytest.raises(rahmen.BerichtBesetzt, match="Gerade entstehen andere Berichte"), rahmen.ein_bericht_zur_zeit():
        pass
    weiter.set()
    faden.join()
    with rahmen.ein_bericht_zur_zeit():  # danach wieder frei
        pass


# --- SQLite: Gespeichertes bleibt, auch über INSERT OR REPLACE, REPLACE und DROP TRIGGER ----------------------
@pytest.mark.parametrize("befehl", [
    "INSERT OR REPLACE INTO protokoll (id, zeit, aktion, von, dateiname, sha256, erfolg, meldung) "
    "SELECT id, zeit, 'gefälscht', von, dateiname, sha256, erfolg, meldung FROM protokoll WHERE id = 1",
    "REPLACE INTO datenstand SELECT * FROM datenstand WHERE id = 1",
    "DROP TRIGGER protokoll_kein_delete",
    "DROP TABLE protokoll",
    "PRAGMA recursive_triggers = OFF",
    "PRAGMA writable_schema = ON",
])
def test_sqlite_schutz_gegen_ersetzen_und_entfernen(gebiete, befehl):
    ablage = oeffne_ablage(gebiete)
    ablage.protokolliere("einlesen", "meier", "k.csv", "", True, "echt")
    vorher = (ablage.datenstaende(), ablage.protokolleintraege())
    with pytest.raises(Exception, match="nicht erlaubt|not authorized"), ablage.engine.begin() as verbindung:
        verbindung.exec_driver_sql(befehl)
    assert ablage.datenstaende() == vorher[0] and ablage.protokolleintraege().equals(vorher[1])
    with pytest.raises(Exception, match="nicht erlaubt"), ablage.engine.begin() as verbindung:
        verbindung.exec_driver_sql("DELETE FROM protokoll")  # die Trigger stehen noch


def test_csv_mit_zu_vielen_zeilen_bricht_frueh_ab():
    inhalt = b"ags;jahr;bev_u15;nef_u15\n" + b"03254002;2024;2411;402\n" * 200_001
    assert "mehr als 200.000 Zeilen" in _meldung(lambda: lese_tabelle(inhalt, "k.csv"))
