"""Angebote finden: Filter von Hand nachgezählt (Kern), die Seite mit Link und Maskierung (AppTest)."""

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from angebote import katalog, liste, suche
from tests.conftest import HILDESHEIM_GEOJSON, PROJEKT
from tests.test_app import ansichtslink

ALFELD = "03254002"


@pytest.fixture
def angebote(gebiete) -> pd.DataFrame:
    """Die 8 mitgelieferten (alle geplant), dazu ein aktives kreisweites mit Sprache und ein beendetes."""
    basis = liste.mitgeliefert(gebiete)
    vorlage = basis.iloc[0].to_dict()
    extra = pd.DataFrame([
        vorlage | {"id": "X1", "titel": "Schuldnerberatung", "gemeinde": katalog.KREISWEIT, "status": "aktiv",
                   "handlungsfeld": "Materielle Hilfen", "sprachen": "Arabisch, Türkisch", "kosten": "kostenlos",
                   "barrierefrei": "ja"},
        vorlage | {"id": "X2", "titel": "Alter Kurs", "status": "beendet"}])
    from angebote.orte import mit_ort
    from indikatoren.orte.einrichtungen import aufbereitet, mitgeliefert
    return mit_ort(pd.concat([basis, extra], ignore_index=True), aufbereitet(mitgeliefert()))


def test_filter_von_hand(angebote):
    alle = suche.finde(angebote, suche.Filter())
    assert len(alle) == 9 and "Alter Kurs" not in alle["titel"].tolist()  # beendet: nie
    assert alle["titel"].iloc[0] == "Schuldnerberatung"  # aktive vor geplanten
    geburt = suche.finde(angebote, suche.Filter(lebensphase="rund um die Geburt"))
    # „alle“: A001, A003, X1; ausdrücklich: A007 (Frühe Hilfen)
    assert sorted(geburt["id"]) == ["A001", "A003", "A007", "X1"]
    assert sorted(suche.finde(angebote, suche.Filter(handlungsfeld="Beratung und Elternbildung"))["id"]) == \
        ["A005", "A006"]
    assert suche.finde(angebote, suche.Filter(gemeinde="03254021"))["id"].tolist() == ["X1"]  # nur kreisweit
    assert suche.finde(angebote, suche.Filter(sprache="tr"))["id"].tolist() == ["X1"]
    assert suche.finde(angebote, suche.Filter(nur_barrierefrei=True))["id"].tolist() == ["X1"]
    assert sorted(suche.finde(angebote, suche.Filter(zugang="Anmeldung"))["id"]) == ["A005", "A008"]
    assert suche.finde(angebote, suche.Filter(text="KINDER impfungen"))["id"].tolist() == ["A004"]
    assert suche.finde(angebote, suche.Filter(text="gibtsnicht")).empty
    assert len(suche.finde(angebote, suche.Filter(text="marktplatz 5"))) == 9  # der Ort (Adresse der Einrichtung)


def test_orte_der_treffer_fuer_die_karte(angebote):
    from angebote.orte import orte_der_treffer
    from indikatoren.orte.einrichtungen import aufbereitet, mitgeliefert
    einrichtungen = aufbereitet(mitgeliefert())
    angebote = angebote.assign(einrichtung=["E001"] * 7 + ["", "", "E001"])
    angebote.loc[7, ["adresse", "lat", "lon", "genauigkeit"]] = ["Sedanstraße 15", "51.98811", "9.82452", "geocodiert"]
    treffer = suche.finde(angebote, suche.Filter())
    orte, eigene, ohne = orte_der_treffer(treffer, einrichtungen)
    assert orte["id"].tolist() == ["E001"] and len(orte["angebote"].iloc[0]) == 7
    assert eigene["id"].tolist() == ["A008"] and eigene["lat"].iloc[0] == 51.98811 and eigene["ungefaehr"].iloc[0]
    assert ohne == 1  # X1: weder Einrichtung noch eigene Lage
    einrichtungen.loc[0, "hat_lage"] = False  # ohne Lage: kein Ort auf der Karte
    assert orte_der_treffer(treffer, einrichtungen)[0].empty and orte_der_treffer(treffer, einrichtungen)[2] == 8
    assert suche.finde(angebote, suche.Filter(handlungsfeld="Gesundheit", lebensphase="rund um die Geburt",
                                              text="beratung")).empty  # nichts mehr übrig, bevor Text sucht


def _starte(**parameter) -> AppTest:
    app = AppTest.from_file(str(PROJEKT / "app.py"), default_timeout=60)
    for name, wert in parameter.items():
        app.query_params[name] = wert
    return app.switch_page("pages/angebote.py").run()


@pytest.fixture(autouse=True)
def umgebung(monkeypatch):
    monkeypatch.setenv("SOZIALPLANUNG_GEODATEN", str(HILDESHEIM_GEOJSON))
    monkeypatch.setenv("SOZIALPLANUNG_BASEMAP", "keine")


def test_seite_filter_im_link():
    app = _starte(gemeinde=ALFELD, lebensphase="rund um die Geburt", q="beratung")
    assert not app.exception
    assert app.title[0].value == "Familienwegweiser Alfeld \\(Leine\\)"
    assert app.caption[0].value.startswith("1 Angebot · davon 1 geplant")  # A007 Frühe Hilfen: Beratung …
    angebot = next(m.value for m in app.markdown if "Frühe Hilfen" in m.value)
    assert "*(geplant – noch nicht bestätigt)*" in angebot
    link = ansichtslink(app)
    assert "gemeinde=03254002" in link and "lebensphase=rund+um+die+Geburt" in link and "q=beratung" in link
    app.selectbox(key="w_handlungsfeld").select("Gesundheit").run()
    assert "handlungsfeld=Gesundheit" in ansichtslink(app)
    assert "Kein Angebot passt" in app.info[0].value  # Gesundheit beginnt erst bei 0-3


def test_seite_ohne_filter_und_boese_links():
    app = _starte()
    assert not app.exception and app.title[0].value == "Angebote finden"
    assert app.caption[0].value.startswith("8 Angebote · davon 8 geplant")
    app = _starte(lebensphase="<script>", handlungsfeld="x", q="\x07" + "x" * 500)
    assert not app.exception and app.title[0].value == "Angebote finden"
    assert app.text_input(key="w_q").value == "x" * 100  # begrenzt, Steuerzeichen entfernt
    assert "Kein Angebot passt" in app.info[0].value


# ---- Finden nach Bedarf, Alter und Entfernung ----

def test_alter_lesen_und_lebensphasen_von_hand():
    from angebote import alter
    assert [alter.lies(t) for t in ("2", "2 Jahre", "1,5 Jahre", "18 Monate", "6 M", "1 Jahr", "Schwangerschaft",
                                    "", "  3   jahren ")] == [24, 24, 18, 18, 6, 12, -9, None, 36]
    for falsch in ("zwei", "30 Jahre", "-3", "2 Wochen"):
        with pytest.raises(ValueError):
            alter.lies(falsch)
    # Phasen in Monaten: Geburt −9…11, 0-3: 0…35, 3-6: 36…71, 6-10: 72…119, 10-18: 120…215
    assert alter.phasen(24, 48) == ("0-3", "3-6")
    assert alter.phasen(0, 11) == ("rund um die Geburt", "0-3")
    assert alter.phasen(35, 35) == ("0-3",) and alter.phasen(36, 36) == ("3-6",)
    assert alter.phasen(120, None) == ("10-18",)
    assert alter.phasen(None, -1) == ("rund um die Geburt",)
    angebot = {"alter_von": "12 Monate", "alter_bis": "3 Jahre", "lebensphasen": "10-18"}  # eigenes Alter gilt
    assert [alter.passt(angebot, m) for m in (11, 12, 24, 36, 37, 130)] == [False, True, True, True, False, False]
    assert [alter.passt({"lebensphasen": "3-6"}, m) for m in (35, 36, 71, 72)] == [False, True, True, False]
    assert alter.passt({"alter_von": "6 Jahre", "lebensphasen": ""}, 200)  # ohne Obergrenze


def test_pruefung_schreibt_alter_einheitlich_und_leitet_phasen_ab(gebiete):
    from angebote.pruefung import pruefe
    from indikatoren.grundlagen.meldungen import UngueltigeDatei
    basis = liste.mitgeliefert(gebiete).iloc[[0]].drop(columns="id")
    gut = basis.assign(lebensphasen="", alter_von="2", alter_bis="4 jahre", art="Kindertagespflege")
    geprueft = pruefe(gut.set_axis([2]), "angebote.csv", gebiete)
    assert geprueft.loc[0, ["lebensphasen", "alter_von", "alter_bis", "art"]].tolist() == \
        ["0-3|3-6", "2 Jahre", "4 Jahre", "Kindertagespflege"]
    schlecht = pd.concat([basis.assign(lebensphasen="", alter_von="", alter_bis=""),
                          basis.assign(alter_von="zwei Jahre"),
                          basis.assign(alter_von="6 Jahre", alter_bis="3 Jahre"),
                          basis.assign(art="Tagesmutter")]).set_axis([2, 3, 4, 5])
    with pytest.raises(UngueltigeDatei) as fehler:
        pruefe(schlecht, "angebote.csv", gebiete)
    gemeldet = {(m.zeile, m.spalte): m.text for m in fehler.value.meldungen}
    assert set(gemeldet) == {(2, "lebensphasen"), (3, "alter_von"), (4, "alter_bis"), (5, "art")}
    assert "das Alter (ab, bis) oder die Lebensphasen" in gemeldet[(2, "lebensphasen")]
    assert "„zwei Jahre“ ist kein Alter" in gemeldet[(3, "alter_von")]


def test_bedarf_alter_und_sprache_von_hand(angebote):
    extra = angebote.iloc[0].to_dict()
    angebote = pd.concat([angebote, pd.DataFrame([
        extra | {"id": "X3", "titel": "Vermittlung Kindertagespflege", "handlungsfeld": "Beratung und Elternbildung",
                 "status": "aktiv",
                 "art": "Kindertagespflege", "lebensphasen": "0-3", "alter_von": "1 Jahr", "alter_bis": "3 Jahre"},
        extra | {"id": "X4", "titel": "Deutschkurs für Mütter", "handlungsfeld": "Bildung und Lernförderung",
                 "art": "Kurs oder Gruppe", "status": "aktiv", "lebensphasen": "3-6", "sprachen": "arabisch"}])],
        ignore_index=True).fillna("")
    finde = lambda **f: sorted(suche.finde(angebote, suche.Filter(**f))["id"])  # noqa: E731
    # „Deutsch lernen“: Handlungsfeld Integration und Sprache – A001 (alle Phasen); X4 ist Bildung
    assert finde(bedarf="deutsch", alter_monate=24) == ["A001"]
    # Kita-Platz: Betreuung (A002) oder Art Kita/Kindertagespflege (X3, ein Beratungsangebot); X3 ab 12 Monaten
    assert finde(bedarf="kita") == ["A002", "X3"]
    assert finde(bedarf="kita", alter_monate=6) == ["A002"]
    assert finde(bedarf="kita", alter_monate=40) == ["A002"]  # X3 bis 36 Monate; A002 bis „3-6“
    assert finde(bedarf="geld") == ["X1"]  # Materielle Hilfen
    assert finde(alter_monate=-9) == ["A001", "A003", "A007", "X1"]
    leer = suche.finde(angebote.iloc[0:0], suche.Filter(alter_monate=24, bedarf="kita"))  # nichts, aber mit Spalten
    assert leer.empty and list(leer.columns) == list(angebote.columns)  # Schwangerschaft: „rund um die Geburt“, „alle“
    assert finde(sprache="ar") == ["X1", "X4"] and finde(sprache="tr") == ["X1"]
    from angebote import sprachen
    assert sprachen.vorhandene(angebote["sprachen"]) == ["ar", "tr"]
    assert sprachen.kennungen("Arabisch, türkisch und Gebärdensprache") == ("ar", "tr", "Gebärdensprache")
    assert [sprachen.name("ar", s) for s in ("de", "en", "tr")] == ["Arabisch", "Arabic", "Arapça"]


def _luftlinie(a, b) -> float:
    """Haversine auf der Kugel (R = 6371,0088 km), unabhängig von geopy."""
    from math import asin, cos, radians, sin, sqrt
    p1, p2, dl = radians(a[0]), radians(b[0]), radians(b[1] - a[1])
    h = sin((p2 - p1) / 2) ** 2 + cos(p1) * cos(p2) * sin(dl / 2) ** 2
    return 2 * 6371.0088 * asin(sqrt(h))


def test_entfernung_in_stufen(angebote):
    from angebote import entfernung
    from angebote.orte import lage
    from indikatoren.orte.einrichtungen import aufbereitet, mitgeliefert
    fz, kuba, gronau = (51.986333, 9.825806), (51.98811, 9.82452), (52.0850, 9.7770)
    angebote = angebote.copy()
    angebote.loc[1, ["einrichtung", "lat", "lon"]] = ["", str(kuba[0]), str(kuba[1])]
    angebote.loc[2, ["einrichtung", "lat", "lon"]] = ["", str(gronau[0]), str(gronau[1])]
    angebote.loc[8, "einrichtung"] = ""  # X1 kreisweit, ohne Ort
    treffer = suche.finde(angebote, suche.Filter())
    punkt = entfernung.Ausgangspunkt("Familienzentrum", *fz)
    mit = entfernung.mit_entfernung(treffer, lage(treffer, aufbereitet(mitgeliefert())), punkt).set_index("id")
    assert mit.loc["A002", "entfernung_km"] == pytest.approx(_luftlinie(fz, kuba), rel=0.005)  # etwa 0,22 km
    assert mit.loc["A003", "entfernung_km"] == pytest.approx(_luftlinie(fz, gronau), rel=0.005)  # etwa 11,5 km
    assert mit.loc["A001", "entfernung_km"] == 0
    assert mit.loc[["A001", "A002", "A003", "X1"], "stufe"].tolist() == [
        "bis 1 km", "bis 1 km", "weiter als 2,5 km", "ohne Ort"]
    assert mit.index[-1] == "X1" and mit.index[-2] == "A003"  # nächste zuerst, ohne Ort am Ende
    assert [entfernung.stufe(km) for km in (0.0, 1.0, 1.001, 2.5, 2.501, None)] == [
        "bis 1 km", "bis 1 km", "1 bis 2,5 km", "1 bis 2,5 km", "weiter als 2,5 km", "ohne Ort"]


def test_seite_findet_nach_bedarf_und_alter_aus_dem_link():
    app = _starte(bedarf="deutsch", alter="2")
    assert not app.exception
    assert app.selectbox(key="w_bedarf").value == "deutsch" and app.selectbox(key="w_alter").value == 24
    assert app.caption[0].value.startswith("1 Angebot ·")
    assert any("Sprechzeit Alltagsfragen und Integration" in m.value for m in app.markdown)
    app.selectbox(key="w_bedarf").select("kita").run()
    link = ansichtslink(app)
    assert "bedarf=kita" in link and "alter=2" in link
    assert any("Krippen" in m.value for m in app.markdown)  # A002
    app.selectbox(key="w_alter").select(18).run()
    assert "alter=18m" in ansichtslink(app)
    app = _starte(bedarf="<b>", alter="999")  # Unsinn im Link: kein Filter
    assert not app.exception and app.caption[0].value.startswith("8 Angebote")


def _hinweise(app) -> list[str]:
    """Die Warnungen der Seite ohne das Banner der Beispieldaten."""
    return [w.value for w in app.warning if "Beispieldaten" not in w.value]


def test_entfernung_von_einer_adresse_mit_dem_geokodierungsdienst(monkeypatch):
    """Eine Adresse über den lokalen Dienst: Treffer mit Entfernung; unbekannt oder außerhalb: eine Meldung. Die
    Adresse steht nicht im Link und nicht in der Datenbank."""
    from tests.geocoder_attrappe import GeocoderAttrappe
    dienst = GeocoderAttrappe({"Sedanstraße 15, Alfeld": (51.98811, 9.82452),
                               "Bahnhof Gronau (Leine)": (52.0850, 9.7770), "Alexanderplatz, Berlin": (52.52, 13.41)})
    monkeypatch.setenv("SOZIALPLANUNG_GEOCODER_URL", dienst.url)
    monkeypatch.setenv("SOZIALPLANUNG_GEOCODER_PAUSE", "0")
    try:
        app = _starte()
        app.text_input(key="wg_adresse").input("Sedanstraße 15, Alfeld").run()
        assert not app.exception and not _hinweise(app)
        assert "nach Entfernung von Ihrer Adresse" in app.caption[0].value
        # jedes Angebot im Familienzentrum: 0,22 km Luftlinie (von Hand: Haversine), gerundet 0,2
        assert sum("0,2 km entfernt" in m.value.replace("\\", "") for m in app.markdown) == 8
        assert "Sedan" not in ansichtslink(app)
        app.selectbox(key="wg_hoechstens").select(1.0).run()
        assert app.caption[0].value.startswith("8 Angebote")
        app.text_input(key="wg_adresse").input("Bahnhof Gronau (Leine)").run()  # 11,5 km vom Familienzentrum
        assert "Kein Angebot passt" in app.info[0].value  # höchstens 1 km: keines
        app.selectbox(key="wg_hoechstens").select(None).run()
        assert sum("11,5 km entfernt" in m.value.replace("\\", "") for m in app.markdown) == 8
        app.text_input(key="wg_adresse").input("Alexanderplatz, Berlin").run()
        assert "liegt nicht im Kreis" in _hinweise(app)[0]
        app.text_input(key="wg_adresse").input("Gibt es nicht 1").run()
        assert "wurde nicht gefunden" in _hinweise(app)[0]
        assert [a["text"] for a in dienst.anfragen] == ["Sedanstraße 15, Alfeld", "Bahnhof Gronau (Leine)",
                                                         "Alexanderplatz, Berlin", "Gibt es nicht 1"]
        from sqlalchemy import create_engine, func, select

        from indikatoren.ablage.schema import geokodierung
        from indikatoren.grundlagen import konfiguration
        with create_engine(konfiguration.datenbank_url()).connect() as v:
            assert v.execute(select(func.count()).select_from(geokodierung)).scalar() == 0
    finally:
        dienst.stop()


def test_entfernung_von_einem_ort_der_liste_steht_im_link():
    app = _starte(von="E001")
    assert not app.exception and "nach Entfernung von Familienzentrum Alfeld" in app.caption[0].value
    assert "von=E001" in ansichtslink(app)
    app = _starte(von="E999")  # unbekannt: ohne Entfernung
    assert not app.exception and "Entfernung" not in app.caption[0].value


def test_orte_zur_wahl_auch_ohne_grenzen():
    """Fehlen die Gemeindegrenzen, bleiben die Einrichtungen mit Lage als Ausgangspunkte (die Seite bricht nicht)."""
    from angebote.entfernung import orte_zur_wahl
    from indikatoren.orte.einrichtungen import aufbereitet, mitgeliefert
    orte = orte_zur_wahl(None, aufbereitet(mitgeliefert()))
    assert "E001" in orte and orte["E001"].name == "Familienzentrum Alfeld" and not any(k.isdigit() for k in orte)
