"""Der Katalog trägt zu jedem Indikator alle Texte, die Seiten und Exporte brauchen."""

import pytest

from indikatoren.grundlagen import katalog
from indikatoren.grundlagen.spalten import NACH_NAME


@pytest.mark.parametrize("ind", katalog.INDIKATOREN, ids=lambda i: i.id)
def test_jeder_indikator_ist_vollstaendig_beschrieben(ind):
    assert ind.titel and ind.definition and ind.zaehler_text and ind.nenner_text and ind.quelle
    assert ind.einheit == "%"
    assert NACH_NAME[ind.zaehler].anzahl and NACH_NAME[ind.nenner].anzahl
    assert NACH_NAME[ind.zaehler].stichtag == "stichtag_sgb2" and NACH_NAME[ind.nenner].stichtag == "stichtag_bev"
    assert katalog.HINWEIS_WARTEZEIT in ind.hinweise and katalog.HINWEIS_BEZUG in ind.hinweise


def test_katalog_wie_design():
    assert [(i.id, i.zaehler, i.nenner) for i in katalog.INDIKATOREN] == [
        ("kinderarmut", "nef_u15", "bev_u15"), ("sgb2_quote", "lb", "bev_u_rag"), ("elb_quote", "elb", "bev_15_rag"),
        ("kinderarmut_u3", "nef_u3", "bev_u3"), ("kinderarmut_3_6", "nef_3_6", "bev_3_6"),
        ("kinderarmut_6_15", "nef_6_15", "bev_6_15")]
    assert [i.id for i in katalog.INDIKATOREN if i.jedes_nte_kind] == [
        "kinderarmut", "kinderarmut_u3", "kinderarmut_3_6", "kinderarmut_6_15"]


def test_nef_definition_nennt_kol_und_buergergeld():
    ind = katalog.indikator("kinderarmut")
    assert "Bürgergeld" in ind.definition and "Sozialgeld" in ind.definition
    assert any("KOL" in h and "2016" in h for h in ind.hinweise)


def test_unbekannter_indikator():
    with pytest.raises(KeyError, match="Unbekannter Indikator „armut“"):
        katalog.indikator("armut")
