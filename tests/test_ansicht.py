"""Deep Links: Ansicht aus Query-Parametern lesen und wieder schreiben."""

from indikatoren.grundlagen.ansicht import Ansicht, als_parameter, aus_parametern, ersetzungen

IND, JAHRE, GEM = ["kinderarmut", "sgb2_quote"], [2019, 2020, 2024], ["03254002", "03254021"]


def test_vollstaendiger_link_rundlauf():
    parameter = {"indikator": "sgb2_quote", "jahr": "2020", "gemeinde": "03254021", "klassen": "eigene",
                 "grenzen": "5,10,12.5", "praesentation": "1"}
    ansicht = aus_parametern(parameter, IND, JAHRE, GEM)
    assert ansicht == Ansicht("sgb2_quote", 2020, "03254021", klassen="eigene", grenzen=(5.0, 10.0, 12.5),
                              praesentation=True)
    assert als_parameter(ansicht) == parameter


def test_ungueltiges_faellt_auf_vorgaben():
    ansicht = aus_parametern({"indikator": "armut", "jahr": "x", "gemeinde": "99999999", "klassen": "x",
                              "grenzen": "a,b", "praesentation": "ja"}, IND, JAHRE, GEM)
    assert ansicht == Ansicht("kinderarmut", 2024)
    assert als_parameter(ansicht) == {"indikator": "kinderarmut", "jahr": "2024"}


def test_fehlendes_jahr_wird_das_naechstgelegene():
    """Vorhanden: 2019, 2020, 2024. 2031 -> 2024; 1999 -> 2019; 2022 liegt 2 von 2020 und 2024 -> das jüngere."""
    jahr = {j: aus_parametern({"jahr": j}, IND, JAHRE, GEM).jahr for j in ("2031", "1999", "2021", "2022", "2023")}
    assert jahr == {"2031": 2024, "1999": 2019, "2021": 2020, "2022": 2024, "2023": 2024}


def test_zeitvergleich_gemeinden_im_link():
    parameter = {"indikator": "kinderarmut", "jahr": "2024", "gemeinden": "03254021,03254002", "kreis": "0"}
    ansicht = aus_parametern(parameter, IND, JAHRE, GEM)
    assert ansicht.gemeinden == ("03254021", "03254002") and not ansicht.kreis  # Reihenfolge wie gewählt
    assert als_parameter(ansicht) == parameter
    doppelt = aus_parametern({"gemeinden": "03254002,99999999,03254002"}, IND, JAHRE, GEM)
    assert doppelt.gemeinden == ("03254002",) and doppelt.kreis


def test_ersetzungen_sagen_was_der_link_verlangte():
    parameter = {"indikator": "armut", "jahr": "2031", "gemeinde": "03254999", "gemeinden": "03254002,03254998"}
    ansicht = aus_parametern(parameter, IND, JAHRE, GEM)
    saetze = ersetzungen(parameter, ansicht, {"03254002": "Alfeld (Leine)"},
                         {"kinderarmut": "Kinderarmutsindikator"})
    assert saetze == [
        "Den Indikator „armut“ gibt es nicht; gezeigt wird Kinderarmutsindikator.",
        "Das Jahr 2031 ist im aktuellen Datenstand nicht enthalten; gezeigt wird 2024.",
        "Die Gemeinde 03254999 gibt es im Gemeindeverzeichnis nicht (mehr); sie wurde nicht gezeigt.",
        "Unbekannte Gemeinden im Link weggelassen: 03254998.",
    ]
    passend = {"indikator": "kinderarmut", "jahr": "2020", "gemeinde": "03254002"}
    assert ersetzungen(passend, aus_parametern(passend, IND, JAHRE, GEM), {"03254002": "Alfeld"}, {}) == []
