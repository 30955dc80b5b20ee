"""Das Dashboard mit AppTest: zeigt, was der Kern rechnet, mit Stichtag, Quelle und Beispieldaten-Banner."""

import pytest
from streamlit.testing.v1 import AppTest

from darstellung.tabellen import wert_text
from indikatoren.berechnung import berechne
from indikatoren.datenschutz import fuer_anzeige
from indikatoren.einlesen import einlesen, oeffne_ablage
from tests.conftest import PROJEKT, csv_bytes


@pytest.fixture
def app():
    return AppTest.from_file(str(PROJEKT / "app.py"), default_timeout=60)


def _erwartet(gebiete, indikator, jahr):
    ergebnis = berechne(fuer_anzeige(oeffne_ablage(gebiete).kennzahlen()), gebiete)
    return ergebnis[(ergebnis["indikator"] == indikator) & (ergebnis["jahr"] == jahr)].set_index("ags")


def test_startseite_zeigt_kreis_und_20_gemeinden(app, gebiete):
    app.run()
    assert not app.exception
    erwartet = _erwartet(gebiete, "kinderarmut", 2024)
    kreis = erwartet.loc["03254"]
    assert app.metric[0].label == "Landkreis Hildesheim 2024"
    assert app.metric[0].value == wert_text(kreis["wert"], kreis["status"]) == "15,7 %"
    tabelle = app.dataframe[0].value
    assert len(tabelle) == 20
    gemeinden = erwartet[erwartet["ebene"] == "gemeinde"]
    assert set(tabelle["Gebiet"]) == set(gemeinden["name"])
    alfeld = tabelle.set_index("Gebiet").loc["Alfeld (Leine)"]
    assert alfeld["Kinderarmut"] == wert_text(gemeinden.at["03254002", "wert"], "ok")
    assert alfeld["Jedes n-te Kind"] == "jedes 6. Kind"
    assert alfeld["Stichtag SGB II"] == "Dezember 2024" and alfeld["Stichtag Bevölkerung"] == "31.12.2023"
    assert tabelle.iloc[0]["Gebiet"] == "Hildesheim"  # absteigend sortiert
    assert "Beispieldaten" in app.warning[0].value
    assert any("Stichtag SGB II: Dezember 2024" in c.value for c in app.caption)


def test_indikator_und_jahr_wechseln(app, gebiete):
    app.run()
    app.sidebar.selectbox(key="indikator").select("kinderarmut_u3").run()
    app.sidebar.selectbox(key="jahr").select(2021).run()
    assert not app.exception
    tabelle = app.dataframe[0].value.set_index("Gebiet")
    assert tabelle.at["Eime", "unter 3"] == "nicht ausweisbar"  # gesperrte Zelle in den Beispieldaten
    assert tabelle.at["Eime", "NEF unter 3 Jahren in SGB-II-Bedarfsgemeinschaften"] == "–"
    assert tabelle.index[-1] == "Eime"  # ohne Wert ans Ende
    erwartet = _erwartet(gebiete, "kinderarmut_u3", 2021)
    assert app.metric[0].value == wert_text(erwartet.at["03254", "wert"], "ok")


def test_ohne_beispieldaten_kein_banner(app, gebiete):
    amtlich = csv_bytes("""
        ags;jahr;bev_u15;nef_u15
        03254;2024;40000;6000
        03254002;2024;2411;402
    """)
    einlesen(oeffne_ablage(gebiete), amtlich, "amtlich.csv", gebiete, quelle="BA", art="amtlich")
    app.run()
    assert not app.exception
    assert not app.warning
    assert app.metric[0].value == "15,0 %"
    assert app.dataframe[0].value.set_index("Gebiet").at["Alfeld (Leine)", "Kinderarmut"] == "16,7 %"


def test_anderer_kreis_ohne_daten_sagt_was_zu_tun_ist(app, monkeypatch):
    monkeypatch.setenv("SOZIALPLANUNG_KREIS", "03241")
    app.run()
    assert not app.exception
    assert "python -m indikatoren einlesen" in app.error[0].value
