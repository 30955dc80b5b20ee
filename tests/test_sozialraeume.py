"""Sozialräume: Grenzdatei prüfen und versioniert speichern, Kennzahlen je Sozialraum, Summe zur Gemeinde nur bei
voller Abdeckung, Mindestgröße und Sperrung gegen die Gemeindesumme."""

import io
import json
import runpy
import shutil
import zipfile

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.affinity import translate

from indikatoren.ablaeufe.einlesung import mit_sozialraeumen
from indikatoren.einlesen import grenzdatei
from indikatoren.einlesen.pruefung import pruefe_datei
from indikatoren.grundlagen import geodaten
from indikatoren.grundlagen.gebiete import Gebiete
from indikatoren.grundlagen.meldungen import UngueltigeDatei
from indikatoren.orte import sozialraeume
from indikatoren.rechnen import geheimhaltung
from indikatoren.rechnen.berechnung import berechne
from kommandozeile.haupt import main
from tests.conftest import HILDESHEIM_GEOJSON, PROJEKT, SHARED_GEO
from tests.test_geheimhaltung import ausrechenbar, zu_eng

BEISPIEL = PROJEKT / "data" / "beispiel_sozialraeume.geojson"
ALFELD = "03254002"


@pytest.fixture
def grenzen(monkeypatch):
    monkeypatch.setenv("SOZIALPLANUNG_GEODATEN", str(HILDESHEIM_GEOJSON))
    return geodaten.lade_gemeindegrenzen()


@pytest.fixture
def roh():
    return gpd.read_file(BEISPIEL)


def _als_datei(tabelle: gpd.GeoDataFrame) -> bytes:
    return tabelle.to_json(drop_id=True).encode()


def _liste(roh, grenzen, gebiete=None, datei="sr.geojson"):
    gebiete = gebiete or Gebiete.laden()
    return sozialraeume.pruefe(grenzdatei.lies(_als_datei(roh), datei), datei, gebiete, grenzen)


def test_beispiel_alfelds_deckt_die_gemeinde_ab(roh, grenzen):
    liste = _liste(roh, grenzen)
    assert liste["id"].tolist() == ["ALF-01", "ALF-02", "ALF-03", "ALF-04"]
    assert set(liste["gemeinde"]) == {ALFELD} and set(liste["vollstaendig"]) == {"ja"}
    # ohne ags: jede Fläche der Gemeinde, in der sie liegt
    assert _liste(roh.drop(columns="ags"), grenzen)["gemeinde"].tolist() == [ALFELD] * 4
    # ohne einen Sozialraum ist Alfeld nicht mehr ganz aufgeteilt
    assert set(_liste(roh.iloc[:3], grenzen)["vollstaendig"]) == {"nein"}


def test_shapefile_als_zip_und_geopackage(roh, grenzen, tmp_path):
    roh.to_crs(25832).to_file(tmp_path / "sr.shp")
    puffer = io.BytesIO()
    with zipfile.ZipFile(puffer, "w") as z:
        for teil in tmp_path.glob("sr.*"):
            z.write(teil, teil.name)
    gebiete = Gebiete.laden()
    aus_zip = sozialraeume.pruefe(grenzdatei.lies(puffer.getvalue(), "sr.zip"), "sr.zip", gebiete,
                                  grenzen)
    roh.to_file(tmp_path / "sr.gpkg", driver="GPKG")
    aus_gpkg = sozialraeume.pruefe(grenzdatei.lies((tmp_path / "sr.gpkg").read_bytes(), "sr.gpkg"),
                                   "sr.gpkg", gebiete, grenzen)
    assert aus_zip["id"].tolist() == aus_gpkg["id"].tolist() == ["ALF-01", "ALF-02", "ALF-03", "ALF-04"]


@pytest.mark.parametrize("aendern, meldung", [
    (lambda r: r.assign(id=["ALF-01", "ALF-01", "ALF-03", "ALF-04"]),
     "Zeile 2, Spalte id: Die Kennung „ALF-01“ steht mehrfach"),
    (lambda r: r.assign(id=["03254002", "ALF-02", "ALF-03", "ALF-04"]),
     "Zeile 1, Spalte id: Die Kennung „03254002“ ist ein Gebietsschlüssel"),
    (lambda r: r.assign(name=["", "b", "c", "d"]), "Zeile 1, Spalte name: Der Name fehlt."),
    (lambda r: r.drop(columns="name"), "Zeile 1, Spalte name: Die Spalte „name“ fehlt."),
    (lambda r: r.assign(ags=["03254099", ALFELD, ALFELD, ALFELD]),
     "Zeile 1, Spalte ags: „03254099“ ist keine Gemeinde des Kreises 03254."),
    (lambda r: r.assign(ags=["03254", ALFELD, ALFELD, ALFELD]),  # der Kreis ist bekannt, aber keine Gemeinde
     "Zeile 1, Spalte ags: „03254“ ist keine Gemeinde des Kreises 03254."),
    (lambda r: r.assign(ags=["03254014", ALFELD, ALFELD, ALFELD]),
     "Zeile 1, Spalte geometry: 100,0 % der Fläche liegen außerhalb von Elze (überwiegend in Alfeld (Leine))."),
    (lambda r: r.set_geometry(r.geometry.map(lambda g: translate(g, xoff=0.5))),
     "außerhalb des Kreises"),
    (lambda r: pd.concat([r, r.iloc[[0]].assign(id="ALF-09", name="Doppelt")]),
     "Zeile 5, Spalte geometry: „Innenstadt“ (ALF-01) und „Doppelt“ (ALF-09) überlappen sich auf 153,7 ha."),
    (lambda r: r.set_geometry(r.geometry.centroid), "Zeile 1, Spalte geometry: Ein Sozialraum ist eine Fläche"),
    # eine Kennung aus Ziffern fängt als „3254002“ in einer Kennzahlen-Tabelle Alfelds Zeilen
    (lambda r: r.assign(id=["3254002", "ALF-02", "ALF-03", "ALF-04"]),
     "Zeile 1, Spalte id: Die Kennung „3254002“ ist ein Gebietsschlüssel oder besteht nur aus Ziffern"),
    (lambda r: r.assign(name=["a\x07b", "x" * 100_000, "B", "C"]),
     "Zeile 1, Spalte name: Der Name hat höchstens 200 Zeichen und keine unsichtbaren Steuerzeichen."),
    (lambda r: r.assign(name=["a\x07b", "x" * 100_000, "B", "C"]),
     "Zeile 2, Spalte name: Der Name hat höchstens 200 Zeichen"),
])
def test_fehler_mit_datei_zeile_und_spalte(roh, grenzen, aendern, meldung):
    with pytest.raises(UngueltigeDatei) as fehler:
        _liste(aendern(roh), grenzen)
    assert any(meldung in str(m) for m in fehler.value.meldungen), [str(m) for m in fehler.value.meldungen]
    assert all(str(m).startswith("sr.geojson") for m in fehler.value.meldungen)
    assert len({str(m) for m in fehler.value.meldungen if "Zeile 1," in str(m)}) <= 1  # ein Fehler, eine Meldung


def test_leere_und_kaputte_datei():
    for inhalt, meldung in ((b"", "Die Datei ist leer."),
                            (b"kein geojson", "keine Grenzdatei in einem der vorgesehenen Formate")):
        with pytest.raises(UngueltigeDatei, match=meldung):
            grenzdatei.lies(inhalt, "x.geojson")


def test_versioniert_und_abgelehnte_datei_aendert_nichts(roh, grenzen, capsys, tmp_path):
    datei = tmp_path / "sr.geojson"
    datei.write_bytes(_als_datei(roh))
    assert main(["sozialraeume", "einlesen", str(datei), "--kommentar", "erste Abgrenzung"]) == 0
    assert "Sozialraumstand 2 gespeichert und aktiv: 4 Sozialräume in 1 Gemeinden, davon 1 ganz aufgeteilt" in \
        capsys.readouterr().out
    datei.write_bytes(_als_datei(roh.assign(id=["ALF-01"] * 4)))
    assert main(["sozialraeume", "einlesen", str(datei), "--kommentar", "kaputt"]) == 1
    assert "Spalte id: Die Kennung „ALF-01“ steht mehrfach" in capsys.readouterr().err
    gebiete, ablage = mit_sozialraeumen()
    assert sozialraeume.aktuelle(ablage)[0] == 2 and len(gebiete.sozialraeume) == 4
    datei.write_bytes(_als_datei(roh.iloc[:2]))
    assert main(["sozialraeume", "einlesen", str(datei), "--kommentar", "nur zwei"]) == 0
    assert main(["sozialraeume", "aktivieren", "2"]) == 0
    assert len(mit_sozialraeumen()[0].sozialraeume) == 4  # kein Stand geht verloren


def _gebiete_mit(vollstaendig="ja"):
    liste = pd.DataFrame({"id": ["ALF-A", "ALF-B", "ALF-C"], "name": ["A", "B", "C"], "gemeinde": ALFELD,
                          "vollstaendig": vollstaendig})
    return Gebiete.laden().mit_sozialraeumen(liste)


def _kennzahlen(text, gebiete):
    return pruefe_datei(text.encode(), "sr.csv", gebiete).kennzahlen


KOPF = "gebiet;jahr;bev_u15;nef_u15;bev_u_rag\n"


def test_gemeinde_als_summe_ihrer_sozialraeume():
    """Σ Zähler / Σ Nenner, von Hand: (100 + 150 + 30) / (1000 + 500 + 400) = 280 / 1900 = 14,74 %."""
    gebiete = _gebiete_mit()
    kz = _kennzahlen(KOPF + "ALF-A;2024;1000;100;5000\nalf-b;2024;500;150;3000\nALF-C;2024;400;30;2000\n", gebiete)
    ergebnis = berechne(kz, gebiete).set_index(["ags", "indikator"])
    alfeld = ergebnis.loc[(ALFELD, "kinderarmut")]
    assert (alfeld["zaehler"], alfeld["nenner"], round(alfeld["wert"], 2)) == (280, 1900, 14.74)
    assert alfeld["ebene"] == "gemeinde" and alfeld["quelle"].startswith("Summe der Sozialräume")
    assert ergebnis.loc[("ALF-B", "kinderarmut"), "ebene"] == "sozialraum"  # Kennung ohne Rücksicht auf Schreibung
    # Fehlt ein Sozialraum oder deckt die Abgrenzung Alfeld nicht ganz ab: keine Summe, nie halb und halb
    ohne_c = _kennzahlen(KOPF + "ALF-A;2024;1000;100;5000\nALF-B;2024;500;150;3000\n", gebiete)
    assert ALFELD not in set(berechne(ohne_c, gebiete)["ags"])
    teilweise = _gebiete_mit("nein")
    assert ALFELD not in set(berechne(_kennzahlen(KOPF + "ALF-A;2024;1000;100;5000\nALF-B;2024;500;150;3000\n"
                                                  "ALF-C;2024;400;30;2000\n", teilweise), teilweise)["ags"])
    # fehlt in einem Sozialraum eine Anzahl, fehlt sie auch in der Summe (nie die Summe der übrigen als Wert);
    # ist sie gesperrt, ist es auch die Summe; der Nenner aller drei bleibt
    for zelle, status in (("", "fehlt"), ("*", "nicht_ausweisbar")):
        text = KOPF + f"ALF-A;2024;1000;100;5000\nALF-B;2024;500;150;3000\nALF-C;2024;400;{zelle};2000\n"
        luecke = berechne(_kennzahlen(text, gebiete), gebiete).set_index(["ags", "indikator"])
        assert luecke.at[(ALFELD, "kinderarmut"), "status"] == status
        assert pd.isna(luecke.at[(ALFELD, "kinderarmut"), "zaehler"])
        assert luecke.at[(ALFELD, "kinderarmut"), "nenner"] == 1900
    # eine eigene Zeile der Gemeinde geht vor (wie beim Kreis die Quellzeile)
    eigene = _kennzahlen("ags;jahr;bev_u15;nef_u15;bev_u_rag\n03254002;2024;1900;300;10000\nALF-A;2024;1000;100;"
                         "5000\nALF-B;2024;500;150;3000\nALF-C;2024;400;50;2000\n", gebiete)
    assert berechne(eigene, gebiete).set_index(["ags", "indikator"]).at[(ALFELD, "kinderarmut"), "zaehler"] == 300


def test_mindestgroesse_und_sperrung_gegen_die_gemeindesumme(monkeypatch):
    """C hat 290 Einwohner unter der Regelaltersgrenze (< 300): alle seine Werte verborgen, und weil Alfeld neben
    A und B steht, ließe er sich als Differenz ausrechnen – also sind je Zählgröße Zellen von A oder B mitgesperrt
    (die billigste Wahl je Zählgröße: hier Bevölkerung von B und NEF von A)."""
    gebiete = _gebiete_mit()
    kz = _kennzahlen(KOPF + "ALF-A;2024;1000;100;5000\nALF-B;2024;500;150;3000\nALF-C;2024;40;9;290\n", gebiete)
    leser = geheimhaltung.fuer_leser(kz, gebiete).set_index(["ags", "indikator"])
    assert leser.at[("ALF-C", "kinderarmut"), "status"] == "nicht_ausweisbar"
    assert pd.isna(leser.at[("ALF-C", "kinderarmut"), "zaehler"])
    assert leser.at[(ALFELD, "kinderarmut"), "status"] == "ok"  # die Gemeinde behält ihren Wert
    assert pd.isna(leser.at[("ALF-B", "kinderarmut"), "nenner"]) and pd.isna(leser.at[("ALF-A", "kinderarmut"),
                                                                                       "zaehler"])
    sperrliste = geheimhaltung.sperren(kz, gebiete).zellen
    assert set(sperrliste.loc[sperrliste["ags"] == "ALF-C", "art"]) == {"geheim (Sozialraum zu klein)"}
    assert ausrechenbar(leser.reset_index(), gebiete) == {}
    assert zu_eng(kz, gebiete) == {}  # C ließe sich auch nicht auf weniger als ± 3 eingrenzen
    monkeypatch.setenv("SOZIALPLANUNG_MINDESTBEVOELKERUNG", "200")
    leser = geheimhaltung.fuer_leser(kz, gebiete).set_index(["ags", "indikator"])
    assert leser.at[("ALF-C", "kinderarmut"), "zaehler"] == 9  # 9 / 40, ab 200 Einwohnern gezeigt
    # ohne Einwohnerzahl unter der Regelaltersgrenze ist die Größe unbekannt: C bleibt verborgen, nie gezeigt
    ohne = _kennzahlen(KOPF + "ALF-A;2024;1000;100;5000\nALF-B;2024;500;150;3000\nALF-C;2024;40;9;\n", gebiete)
    leser = geheimhaltung.fuer_leser(ohne, gebiete).set_index(["ags", "indikator"])
    assert leser.at[("ALF-C", "kinderarmut"), "status"] == "nicht_ausweisbar"
    assert pd.isna(leser.at[("ALF-C", "kinderarmut"), "zaehler"])


def test_eigenschaft_kleine_zahlen_in_sozialraeumen_nicht_eingrenzbar():
    """Der ganzzahlige Angreifer (tests/test_geheimhaltung.py) auf erfundenen Tabellen mit vielen kleinen Zahlen
    in drei Sozialräumen Alfelds (einer manchmal unter der Mindestgröße), mit und ohne Kreiszeile, über zwei Jahre:
    keine gesperrte kleine Zahl und kein verborgener Sozialraum lässt sich eingrenzen."""
    gebiete = _gebiete_mit()
    gemeinden = gebiete.gemeinden["ags"].tolist()

    @settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
    @given(st.integers(0, 2**32 - 1), st.booleans())
    def eigenschaft(startwert, mit_kreis):
        zufall = np.random.default_rng(startwert)
        zeilen = ["gebiet;jahr;bev_u15;nef_u15;bev_u_rag;bev_u3;nef_u3;bev_3_6;nef_3_6;bev_6_15;nef_6_15;bev_15_rag"]
        for jahr in (2023, 2024):
            summe = np.zeros(11, int)
            for ags in ["ALF-A", "ALF-B", "ALF-C"] + [g for g in gemeinden if g != ALFELD]:
                teile = zufall.integers(0, 6 if zufall.random() < 0.5 else 200, size=6)  # bev/nef je Altersgruppe
                bev, nef = teile[::2] + 10, np.minimum(teile[1::2], teile[::2] + 10)
                rest = int(zufall.integers(100, 400 if ags == "ALF-C" else 3000))
                z = [bev.sum(), nef.sum(), bev.sum() + rest, bev[0], nef[0], bev[1], nef[1], bev[2], nef[2], rest]
                summe += np.array([0, *z])
                zeilen.append(f"{ags};{jahr};" + ";".join(str(int(w)) for w in z))
            if mit_kreis:
                zeilen.append(f"{gebiete.kreis};{jahr};" + ";".join(str(int(w)) for w in summe[1:]))
        kz = _kennzahlen("\n".join(zeilen) + "\n", gebiete)
        assert zu_eng(kz, gebiete) == {}

    eigenschaft()


def test_beispiel_ueber_die_kommandozeile(capsys, monkeypatch):
    """Grenzen und Zahlen des Beispiels laden; berechnen und veroeffentlichen zeigen die Sozialräume mit ebene
    „sozialraum“ und ihrer Kennung in ags; die Summe der Sozialräume ist genau die Zeile Alfelds."""
    monkeypatch.setenv("SOZIALPLANUNG_GEODATEN", str(HILDESHEIM_GEOJSON))
    assert main(["sozialraeume", "beispiel"]) == 0
    capsys.readouterr()
    assert main(["berechnen", "--jahr", "2024"]) == 0
    roh = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype={"ags": str})
    kinder = roh[roh["indikator"] == "kinderarmut"].set_index("ags")
    sr = kinder[kinder["ebene"] == "sozialraum"]
    assert sr.index.tolist() == ["ALF-01", "ALF-02", "ALF-03", "ALF-04"]
    assert (sr["zaehler"].sum(), sr["nenner"].sum()) == (kinder.at[ALFELD, "zaehler"], kinder.at[ALFELD, "nenner"])
    assert sr.at["ALF-01", "wert"] > 1.5 * kinder.at[ALFELD, "wert"]  # die Innenstadt, um die es der Konzeption geht
    assert main(["veroeffentlichen", "--jahr", "2024"]) == 0
    leser = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype={"ags": str})
    klein = leser[leser["ags"] == "ALF-04"]
    assert set(klein["status"]) == {"nicht_ausweisbar"} and klein["zaehler"].isna().all()  # 293 Einwohner
    # mitgesperrt wird im kleinsten übrigen Sozialraum, nicht in der Gemeinde und nicht in der Innenstadt
    assert set(leser.loc[leser["ags"] == ALFELD, "status"]) == {"ok"}
    assert set(leser.loc[leser["ags"] == "ALF-01", "status"]) == {"ok"}
    assert set(leser.loc[leser["ags"] == "ALF-03", "status"]) == {"nicht_ausweisbar"}  # mitgesperrt
    assert ausrechenbar(leser, mit_sozialraeumen()[0]) == {}


def test_erzeuger_schreibt_dasselbe_beispiel(tmp_path, monkeypatch):
    for name in ("erzeuge_beispiel_sozialraeume.py", "einrichtungen.csv", "beispiel_kennzahlen.csv"):
        shutil.copy(PROJEKT / "data" / name, tmp_path / name)
    monkeypatch.setattr("sys.argv", ["x", str(SHARED_GEO)])
    runpy.run_path(str(tmp_path / "erzeuge_beispiel_sozialraeume.py"), run_name="__main__")
    for name in ("beispiel_sozialraeume.geojson", "beispiel_kennzahlen_sozialraeume.csv"):
        assert (tmp_path / name).read_bytes() == (PROJEKT / "data" / name).read_bytes(), name
    assert json.loads(BEISPIEL.read_text())["features"][0]["properties"]["name"] == "Innenstadt"


def test_kennzahlen_je_sozialraum_werden_wie_alle_geprueft():
    gebiete = _gebiete_mit()
    with pytest.raises(UngueltigeDatei) as fehler:
        _kennzahlen(KOPF + "ALF-X;2024;10;1;400\nALF-A;2024;10;11;400\n", gebiete)
    meldungen = [str(m) for m in fehler.value.meldungen]
    assert meldungen[0].startswith("sr.csv, Zeile 2, Spalte gebiet: Unbekannter AGS „ALF-X“: erlaubt sind die "
                                   "Gemeinden und Gemeindeverbände des Kreises 03254, die Sozialräume")
    assert any(m.startswith("sr.csv, Zeile 3") and "darf den Nenner nicht übersteigen" in m for m in meldungen)
    with pytest.raises(UngueltigeDatei, match="Spalte gebiet: Die Spalte „gebiet“ kommt doppelt vor"):
        _kennzahlen("ags;gebiet;jahr;bev_u15;nef_u15\n03254002;ALF-A;2024;10;1\n", gebiete)


@pytest.fixture
def mit_beispiel(monkeypatch, capsys):
    """Das Beispiel geladen, wie ein neuer Nutzer es tut: python -m indikatoren sozialraeume beispiel."""
    monkeypatch.setenv("SOZIALPLANUNG_GEODATEN", str(HILDESHEIM_GEOJSON))
    monkeypatch.setenv("SOZIALPLANUNG_BASEMAP", "keine")
    assert main(["sozialraeume", "beispiel"]) == 0
    capsys.readouterr()


def _werte(app):
    """Die Wertetabelle der Gebiete (tabellen.gebietstabelle: mit Spalte Art)."""
    return next(d.value for d in app.dataframe if {"Gebiet", "Art"} <= set(d.value.columns)).set_index("Gebiet")


def test_profil_eines_sozialraums_und_rangliste_in_der_gemeinde(mit_beispiel):
    from tests.test_app import ansichtslink, starte
    app = starte("gemeindeprofil", gemeinde=ALFELD)
    assert not app.exception and "Sozialraum" in [s.label for s in app.selectbox]
    assert "Sozialräume von Alfeld \\(Leine\\): Kinderarmut 2024" in [h.value for h in app.header]
    rang = _werte(app)
    assert rang.index.tolist() == ["Innenstadt", "Kernstadt (ohne Innenstadt)", "Südost (um Föhrste)",
                                   "Ost (um Hörsum)"]  # nach Wert, gesperrte am Ende
    # 2024 von Hand: Innenstadt 230 / 711 = 32,35 %, Kernstadt 212 / 1643 = 12,90 %
    assert rang["Kinderarmut"].tolist()[:2] == ["32,3\u00a0%", "12,9\u00a0%"]
    assert set(rang["Kinderarmut"].tolist()[2:]) == {"nicht ausweisbar"}
    assert any("decken Alfeld \\(Leine\\) ganz ab" in c.value for c in app.caption)
    assert [b.label for b in app.get("download_button")][-2:] == ["Sozialräume als CSV", "Sozialräume als XLSX"]

    app = starte("gemeindeprofil", gemeinde=ALFELD, sozialraum="ALF-01")
    assert not app.exception and app.title[0].value == "Sozialraum Innenstadt (Alfeld \\(Leine\\)) 2024"
    tabelle = app.table[0].value
    zeile = tabelle.loc["Kinderarmutsindikator (NEF-Quote unter 15)"]
    assert (zeile["Innenstadt"], zeile["Platz"], zeile["Alfeld (Leine)"]) == ("32,3\u00a0%", "Platz 1 von 2",
                                                                             "17,5\u00a0%")
    assert ansichtslink(app).endswith("gemeinde=03254002&sozialraum=ALF-01")  # der Link öffnet genau ihn
    # ein zu kleiner Sozialraum zeigt keinen Wert, auch nicht im Verlauf
    app = starte("gemeindeprofil", gemeinde=ALFELD, sozialraum="ALF-04")
    assert set(app.table[0].value["Ost (um Hörsum)"]) == {"nicht ausweisbar"}
    # ein Sozialraum einer anderen Gemeinde im Link wird nicht gezeigt, und die Seite sagt es
    app = starte("gemeindeprofil", gemeinde="03254021", sozialraum="ALF-01")
    assert app.title[0].value.startswith("Gemeindeprofil Hildesheim")
    assert any("Den Sozialraum ALF\\-01 gibt es in dieser Gemeinde nicht" in i.value for i in app.info)


def test_karte_der_sozialraeume_und_praeventionskette(mit_beispiel):
    from tests.test_app import ansichtslink, starte
    app = starte("karte", gemeinde=ALFELD, ebene="sozialraum")
    assert not app.exception and app.selectbox(key="w_ebene").value == "sozialraum"
    assert ansichtslink(app).endswith("gemeinde=03254002&ebene=sozialraum")
    assert _werte(app).index.tolist()[:2] == ["Innenstadt", "Kernstadt (ohne Innenstadt)"]
    app = starte("karte", ebene="sozialraum")  # ohne Gemeinde gibt es keine Sozialraumebene
    assert not app.exception and "w_ebene" not in [s.key for s in app.selectbox]

    app = starte("praeventionskette", gemeinde=ALFELD, sozialraum="ALF-01")
    assert not app.exception and app.title[0].value == r"Präventionskette: Innenstadt \(Alfeld \(Leine\)\)"
    # die Angebote des Familienzentrums (Marktplatz, in der Innenstadt) zählen dort, in Südost keines
    innen = next(d.value for d in app.dataframe if "Beratung und Elternbildung" in d.value.columns)
    assert innen.loc["0-3", "Beratung und Elternbildung"] == "Lücke (2 geplant)"
    assert app.button(key="pk_zelle_0_1").label == "nur geplant: 2"  # dieselbe Zelle zum Anklicken
    uebergaenge = next(d.value for d in app.dataframe if "Übergang" in d.value.columns)
    assert uebergaenge["geplante"].tolist() == [6, 6, 6]  # im Familienzentrum, also in der Innenstadt
    bedarf = next(d.value for d in app.dataframe if "Sozialraum" in d.value.columns)
    assert bedarf.set_index("Altersgruppe der Daten").at["Kinderarmut", "Platz"] == "1 von 2"
    app = starte("praeventionskette", gemeinde=ALFELD, sozialraum="ALF-03")
    suedost = next(d.value for d in app.dataframe if "Beratung und Elternbildung" in d.value.columns)
    assert suedost.loc["0-3", "Beratung und Elternbildung"] == "Lücke"
    assert app.button(key="pk_zelle_0_1").label == "Lücke"
    assert not app.exception and not app.error
    assert next(d.value for d in app.dataframe if "Übergang" in d.value.columns)["geplante"].tolist() == [0, 0, 0]


def test_name_eines_sozialraums_bleibt_in_der_profiltabelle_text(monkeypatch, capsys, tmp_path):
    """Ein Sozialraum heißt „[klick](http://x.de) ![b](http://x.de/b.png) <b>fett</b>“: Im Profil (st.table, deren
    Köpfe Streamlit als Markdown zeigt) steht der Name mit maskierten Klammern, kein Link, kein Bild, kein HTML."""
    from tests.test_app import starte
    monkeypatch.setenv("SOZIALPLANUNG_GEODATEN", str(HILDESHEIM_GEOJSON))
    monkeypatch.setenv("SOZIALPLANUNG_BASEMAP", "keine")
    roh = gpd.read_file(BEISPIEL)
    roh.loc[roh["id"] == "ALF-01", "name"] = "[klick](http://x.de) ![b](http://x.de/b.png) <b>fett</b>"
    datei = tmp_path / "sr.geojson"
    datei.write_bytes(_als_datei(roh))
    assert main(["sozialraeume", "beispiel"]) == 0
    assert main(["sozialraeume", "einlesen", str(datei), "--kommentar", "Name"]) == 0
    capsys.readouterr()
    app = starte("gemeindeprofil", gemeinde=ALFELD, sozialraum="ALF-01")
    kopf = [k for k in app.table[0].value.columns if "klick" in k]
    assert kopf == ["\\[klick\\](http\u2060\\://x.de) \\!\\[b\\](http\u2060\\://x.de/b.png) \\<b\\>fett\\</b\\>"]


def test_zwischenspeicher_der_seiten_liest_genau_den_stand_seines_schluessels(roh, grenzen, gebiete):
    """Die zwischengespeicherten Zugriffe der Seiten (pages/_zwischenspeicher.py) tragen die Stände im Schlüssel und
    lesen genau sie, nicht die gerade aktiven: sonst hielte ein Prozess nach einem Wechsel unter der neuen Nummer die
    alte Liste (oder umgekehrt), bis er neu startet. Zwei Stände je Liste, der erste aktiv, gefragt nach dem zweiten;
    dann hin und her gewechselt, und jeder Lauf zeigt genau die geltenden."""
    from angebote import liste as angebotsliste
    from indikatoren.ablaeufe.einlesung import oeffne_ablage
    from indikatoren.ablage.listen import Listen
    from indikatoren.grundlagen import konfiguration
    from indikatoren.orte import einrichtungspflege
    from indikatoren.orte.einrichtungen import mitgeliefert
    from pages import _zwischenspeicher as speicher

    ablage = oeffne_ablage(gebiete)
    raeume = Listen(ablage, sozialraeume.LISTE)
    raeume.speichern(_liste(roh, grenzen), von="t", kommentar="alle")
    raeume.speichern(_liste(roh, grenzen).head(2), von="t", kommentar="zwei")
    raeume.aktivieren(1)
    einrichtungen = einrichtungspflege.staende(ablage)
    einrichtungen.speichern(mitgeliefert().assign(status="geschlossen"), von="t", kommentar="zu")
    einrichtungen.speichern(mitgeliefert(), von="t", kommentar="offen")
    einrichtungen.aktivieren(1)
    angebote = angebotsliste.staende(ablage)
    angebote.speichern(angebotsliste.mitgeliefert(gebiete).assign(status="aktiv"), von="t", kommentar="aktiv")
    angebote.speichern(angebotsliste.mitgeliefert(gebiete), von="t", kommentar="geplant")
    angebote.aktivieren(1)

    alle = len(_liste(roh, grenzen))
    s = speicher.Schluessel(gebiete.kreis, konfiguration.datenbank_url(), str(HILDESHEIM_GEOJSON),
                            str(konfiguration.laufzeit()))
    assert len(speicher._sozialraumflaechen(s._replace(sozialraumstand=2))) == 2
    assert len(speicher._sozialraumflaechen(s._replace(sozialraumstand=1))) == alle
    assert len(speicher._gebiete_mit(s._replace(sozialraumstand=2)).sozialraeume) == 2
    assert set(speicher._einrichtungen(s._replace(einrichtungsstand=2))["status"]) != {"geschlossen"}
    assert set(speicher._einrichtungen(s._replace(einrichtungsstand=1))["status"]) == {"geschlossen"}
    assert set(speicher._angebote(s._replace(angebotsstand=2))["status"]) == {"geplant"}
    assert set(speicher._angebote(s._replace(angebotsstand=1))["status"]) == {"aktiv"}

    # Wechsel hin und zurück: jeder Lauf liest die geltenden Stände in seinen Schlüssel, die Seiten bekommen genau sie
    for stand, sozialraeume_, status in ((2, 2, "geplant"), (1, alle, "aktiv"), (2, 2, "geplant")):
        raeume.aktivieren(stand)
        angebote.aktivieren(stand)
        einrichtungen.aktivieren(stand)
        speicher.lauf_beginnen()
        assert speicher.schluessel().sozialraumstand == stand == speicher.schluessel().angebotsstand
        assert len(speicher.gebiete().sozialraeume) == len(speicher.sozialraumflaechen()) == sozialraeume_
        assert set(speicher.angebote()["status"]) == {status}
        assert (set(speicher.einrichtungen()["status"]) == {"geschlossen"}) == (stand == 1)
