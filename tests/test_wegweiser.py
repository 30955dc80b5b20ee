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
    assert suche.finde(angebote, suche.Filter(sprache="türk"))["id"].tolist() == ["X1"]
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
    assert app.caption[0].value.startswith("1 Angebote, davon 1 geplant")  # A007 Frühe Hilfen: Beratung …
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
    assert app.caption[0].value.startswith("8 Angebote, davon 8 geplant")
    app = _starte(lebensphase="<script>", handlungsfeld="x", q="\x07" + "x" * 500)
    assert not app.exception and app.title[0].value == "Angebote finden"
    assert app.text_input(key="w_q").value == "x" * 100  # begrenzt, Steuerzeichen entfernt
    assert "Kein Angebot passt" in app.info[0].value
