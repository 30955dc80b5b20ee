"""Deep Links: Ansicht aus Query-Parametern lesen und wieder schreiben."""

from indikatoren.ansicht import Ansicht, als_parameter, aus_parametern

IND, JAHRE, GEM = ["kinderarmut", "sgb2_quote"], [2019, 2020, 2024], ["03254002", "03254021"]


def test_vollstaendiger_link_rundlauf():
    parameter = {"indikator": "sgb2_quote", "jahr": "2020", "gemeinde": "03254021", "klassen": "eigene",
                 "grenzen": "5,10,12.5", "praesentation": "1"}
    ansicht = aus_parametern(parameter, IND, JAHRE, GEM)
    assert ansicht == Ansicht("sgb2_quote", 2020, "03254021", "eigene", (5.0, 10.0, 12.5), True)
    assert als_parameter(ansicht) == parameter


def test_ungueltiges_faellt_auf_vorgaben():
    ansicht = aus_parametern({"indikator": "armut", "jahr": "1999", "gemeinde": "99999999", "klassen": "x",
                              "grenzen": "a,b", "praesentation": "ja"}, IND, JAHRE, GEM)
    assert ansicht == Ansicht("kinderarmut", 2024)
    assert als_parameter(ansicht) == {"indikator": "kinderarmut", "jahr": "2024"}
