"""Jeder Kreis in Deutschland: Gemeinden und Verbände aus der Grenzquelle, und das ganze Dashboard für Kreis Düren
(Nordrhein-Westfalen) und Landkreis Görlitz (Sachsen, UTM-Zone 33) ohne ein Wort über Niedersachsen."""

import re
import subprocess

import geopandas as gpd
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from indikatoren.grundlagen import geodaten
from indikatoren.grundlagen.gebiete import Gebiete
from kommandozeile.haupt import main
from tests.conftest import HILDESHEIM_GEOJSON, PROJEKT, SHARED_GEO

BUND = SHARED_GEO / "gemeinden_deutschland_ohne_bayern.geojson"
SEITEN = ("uebersicht", "karte", "gemeindeprofil", "zeitvergleich", "praeventionskette", "angebote", "berichte",
          "methodik", "datenpflege")
FREMD = re.compile("Niedersachsen|Hildesheim|Alfeld")
# Die Bundeswerte der Vergleichstabelle hat die niedersächsische Sozialberichterstattung veröffentlicht; ihr Name
# bleibt als Quelle des Bundeswerts stehen (ehrlich zitiert), nichts sonst darf an Niedersachsen erinnern.
QUELLE_DES_BUNDESWERTS = "Handlungsorientierte Sozialberichterstattung Niedersachsen (HSBN)"


def _vg250(ordner, format="GPKG"):
    """Ein VG250-Auszug wie vom BKG (Großschrift, metrisch), mit erfundenem Verband: Alfeld und Freden bilden die
    „Samtgemeinde Probe“ (Verbandsschlüssel 5499); dazu ein gemeindefreies Gebiet ohne Einwohner."""
    roh = gpd.read_file(HILDESHEIM_GEOJSON)
    verband = roh["ags"].isin(["03254002", "03254014"])
    roh["ARS"] = roh["ags"].str[:5] + roh["ags"].str[5:].where(~verband, "").radd("0").where(~verband, "5499") \
        + roh["ags"].str[5:]
    roh.loc[verband, "ARS"] = "032545499" + roh.loc[verband, "ags"].str[5:]
    frei = roh.iloc[[0]].assign(ags="03254501", name="Gemeindefreies Gebiet", ewz=0, ARS="032540501501")
    gem = pd.concat([roh, frei]).rename(columns={"ags": "AGS", "name": "GEN", "ewz": "EWZ"})
    gem = gem.assign(GF=4, BEZ="Gemeinde", WSK="2024-01-01").to_crs("EPSG:25832")
    kreis = gpd.GeoDataFrame({"ARS": ["03254"], "GEN": ["Hildesheim"], "BEZ": ["Landkreis"]},
                             geometry=[gem.union_all()], crs=gem.crs)
    probe = gpd.GeoDataFrame({"ARS": ["032545499"], "GEN": ["Probe"], "BEZ": ["Samtgemeinde"]},
                             geometry=[gem[gem["ARS"].str[5:9] == "5499"].union_all()], crs=gem.crs)
    if format == "GPKG":
        datei = ordner / "vg250.gpkg"
        for name, tabelle in {"vg250_gem": gem, "vg250_vwg": probe, "vg250_krs": kreis}.items():
            tabelle.to_file(datei, layer=name, driver="GPKG")
        return datei
    for name, tabelle in {"VG250_GEM": gem, "VG250_VWG": probe, "VG250_KRS": kreis}.items():
        tabelle.to_file(ordner / f"{name}.shp")
    return ordner / "VG250_GEM.shp"


@pytest.mark.parametrize("format", ["GPKG", "ESRI Shapefile"])
def test_gemeinden_und_verbaende_aus_vg250(format, tmp_path, monkeypatch):
    monkeypatch.setenv("SOZIALPLANUNG_GEODATEN", str(_vg250(tmp_path, format)))
    gebiete = Gebiete.laden("03254")
    v = gebiete.verzeichnis.set_index("ags")
    # der Verband der Quelle mit seinem Namen aus vg250_vwg, nicht die mitgelieferte Samtgemeinde Leinebergland
    assert v[v["ebene"] == "samtgemeinde"]["name"].to_dict() == {"032545499": "Samtgemeinde Probe"}
    assert sorted(v.index[v["samtgemeinde"] == "032545499"]) == ["03254002", "03254014"]
    assert v.at["03254", "name"] == "Landkreis Hildesheim" and v.at["03", "name"] == "Niedersachsen"
    assert len(gebiete.gemeinden) == 20 and "03254501" not in v.index  # ohne Einwohner keine Kennzahlen
    assert geodaten.namensnennung("03254") == "© GeoBasis-DE / BKG (2024), dl-de/by-2-0 (Daten verändert)"
    zerlegung = gebiete.zerlegungen.groupby("nr")["teil"].apply(sorted).tolist()
    assert ["03254002", "03254014"] in zerlegung  # die Geheimhaltung prüft den Verband als Summe


def test_schlichte_grenzdatei_ohne_regionalschluessel(monkeypatch):
    """Nur ags, name, ewz (wie die Bund-Datei): die Gemeinden daraus, das Land aus der Ländertabelle, der Name des
    Kreises aus der amtlichen Liste aller Kreise; SOZIALPLANUNG_KREISNAME überschreibt ihn."""
    monkeypatch.setenv("SOZIALPLANUNG_GEODATEN", str(BUND))
    duren = Gebiete.laden("05358")
    assert len(duren.gemeinden) == 15 and duren.name("05358008") == "Düren"
    assert (duren.name("05"), duren.name("05358")) == ("Nordrhein-Westfalen", "Kreis Düren")
    assert not (duren.verzeichnis["ebene"] == "samtgemeinde").any()
    monkeypatch.setenv("SOZIALPLANUNG_KREISNAME", "Kreis Düren (Rur)")
    assert Gebiete.laden("05358").name("05358") == "Kreis Düren (Rur)"


def test_kreisliste_ist_die_des_bundesamts(tmp_path):
    """data/kreise.csv ist, was der Erzeuger aus der amtlichen Liste (Destatis, Gebietsstand 31.12.2018) schreibt:
    400 Kreise (401 damals, Eisenach seit 2021 im Wartburgkreis), die Namen so, wie man sie sagt. Gegen eine zweite
    Quelle: Niedersachsens Kreise im mitgelieferten Verzeichnis (aus VG250 des BKG) sind dieselben 45, mit
    denselben Namen bis auf drei Schreibweisen."""
    import runpy
    import shutil

    from indikatoren.grundlagen.gebiete import kreisnamen
    shutil.copy(PROJEKT / "data" / "erzeuge_kreise.py", tmp_path)
    shutil.copytree(PROJEKT / "data" / "quellen", tmp_path / "quellen")
    runpy.run_path(str(tmp_path / "erzeuge_kreise.py"), run_name="__main__")
    assert (tmp_path / "kreise.csv").read_bytes() == (PROJEKT / "data" / "kreise.csv").read_bytes()
    namen = kreisnamen()
    assert len(namen) == 400 and "16056" not in namen and namen["16063"] == "Wartburgkreis"
    assert [namen[a] for a in ("01001", "03241", "05334", "08111", "10041", "14626", "16070")] == [
        "Kreisfreie Stadt Flensburg", "Region Hannover", "Städteregion Aachen", "Stadtkreis Stuttgart",
        "Regionalverband Saarbrücken", "Landkreis Görlitz", "Ilm-Kreis"]
    bkg = pd.read_csv(PROJEKT / "data" / "gemeindeverzeichnis.csv", sep=";", dtype=str, keep_default_na=False)
    bkg = dict(bkg.loc[bkg["ebene"] == "kreis", ["ags", "name"]].itertuples(index=False))
    assert set(bkg) == {a for a in namen if a.startswith("03")}
    assert {a: (bkg[a], namen[a]) for a in bkg if bkg[a] != namen[a]} == {
        "03241": ("Landkreis Region Hannover", "Region Hannover"), "03358": ("Landkreis Heidekreis", "Heidekreis"),
        "03403": ("Kreisfreie Stadt Oldenburg (Oldb)", "Kreisfreie Stadt Oldenburg (Oldenburg)")}


def test_kreis_ohne_grenzquelle_sagt_was_zu_tun_ist():
    """Ohne Datei und Netz (der WFS ist in Tests unerreichbar) kennt nur Niedersachsen seine Gemeinden."""
    with pytest.raises(geodaten.GeodatenFehlen, match="SOZIALPLANUNG_GEODATEN"):
        Gebiete.laden("05358")
    assert len(Gebiete.laden("03254").gemeinden) == 20


def _text(app) -> str:
    teile, offen = [], [app._tree]
    while offen:
        knoten = offen.pop()
        offen += list(getattr(knoten, "children", {}).values())
        if getattr(knoten, "proto", None) is not None:
            teile.append(str(knoten.proto))
    return "\n".join(teile).replace("\\", "").replace(QUELLE_DES_BUNDESWERTS, "")  # ohne Markdown-Maskierung


@pytest.mark.parametrize("kreis, name, gemeinden, zone", [
    ("05358", "Kreis Düren", 15, "EPSG:25832"),
    ("14626", "Landkreis Görlitz", 53, "EPSG:25833"),
])
def test_jede_seite_fuer_einen_kreis_ausserhalb_niedersachsens(kreis, name, gemeinden, zone, monkeypatch, capsys,
                                                                 tmp_path):
    monkeypatch.setenv("SOZIALPLANUNG_GEODATEN", str(BUND))
    monkeypatch.setenv("SOZIALPLANUNG_KREIS", kreis)  # der Name kommt aus der amtlichen Liste der Kreise
    monkeypatch.setenv("SOZIALPLANUNG_BASEMAP", "keine")
    assert main(["beispieldaten"]) == 0
    assert f"Beispieldaten für {name} ({gemeinden} Gemeinden, 2019–2024)" in capsys.readouterr().out
    assert geodaten.metrisch(geodaten.lade_gemeindegrenzen()) == zone
    for seite in SEITEN:
        app = AppTest.from_file(str(PROJEKT / "app.py"), default_timeout=90)
        if seite != "uebersicht":
            app.switch_page(f"pages/{seite}.py")
        app.run()
        assert not app.exception and not app.error, (seite, app.exception, app.error)
        text = _text(app)
        assert not FREMD.search(text), (seite, FREMD.search(text))
        if seite == "uebersicht":
            assert app.metric[0].label == name and "Beispieldaten" in app.warning[0].value
    assert main(["bericht", "gemeindeprofil", "--gemeinde", f"{kreis}008" if kreis == "05358" else
                 Gebiete.laden(kreis).gemeinden["ags"].iloc[0], "--ausgabe", str(tmp_path / "p.pdf")]) == 0
    pdf = subprocess.run(["pdftotext", str(tmp_path / "p.pdf"), "-"], capture_output=True, text=True,
                         check=True).stdout
    pdf = " ".join(pdf.split())  # Zeilenumbrüche des Satzes
    assert name in pdf and "Statistik der Bundesagentur" in pdf and not FREMD.search(pdf)


def test_kostenplan_der_konzeption_nur_im_kreis_des_familienzentrums(monkeypatch):
    """Die Kostenvorgabe stammt aus der Konzeption des Familienzentrums Alfeld: ein anderer Kreis plant selbst."""
    from familienzentrum import daten, katalog
    assert daten.vorgabe(katalog.KOSTEN)["position"].tolist()[:2] == ["Büromaterial", "Kreativ- und Arbeitsmaterial"]
    monkeypatch.setenv("SOZIALPLANUNG_GEODATEN", str(BUND))
    monkeypatch.setenv("SOZIALPLANUNG_KREIS", "05358")
    assert daten.vorgabe(katalog.KOSTEN).empty
