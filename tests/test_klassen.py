"""Farbklassen: Methoden, Grenzen auf eine Stelle, deutsche Legende."""

import pandas as pd
import pytest

from indikatoren.klassen import PALETTEN, klassifiziere, lies_grenzen

WERTE = pd.Series([27.0, 17.5, 12.1, 11.8, 11.2, 10.5, 10.0, 9.2, 8.7, 8.2, 8.0, 6.9, 6.5, 6.2, 6.0, 5.8, 5.2, 4.8,
                   4.5, 4.2, None])


def test_jenks_deterministisch_und_beschriftet():
    klassen = klassifiziere(WERTE, "natuerlich")
    assert klassen.grenzen == (6.9, 9.2, 12.1, 17.5, 27.0)
    assert klassen.beschriftungen() == ["bis 6,9 %", "über 6,9 bis 9,2 %", "über 9,2 bis 12,1 %",
                                        "über 12,1 bis 17,5 %", "über 17,5 bis 27,0 %"]
    assert [klassen.klasse(w) for w in (4.2, 6.9, 6.94, 6.96, 27.0)] == [0, 0, 0, 1, 4]  # 6,94 zeigt 6,9
    assert klassen.klasse(None) is None and klassen.farbe(27.0) == PALETTEN[5][4]


def test_quantile_gleiche_abstaende_eigene():
    assert klassifiziere(WERTE, "quantile").grenzen == (5.7, 6.7, 8.9, 11.3, 27.0)
    assert klassifiziere(WERTE, "gleich").grenzen == (8.8, 13.3, 17.9, 22.4, 27.0)
    assert klassifiziere(WERTE, "eigene", eigene=(5, 10, 15, 20, 40)).grenzen == (5.0, 10.0, 15.0, 20.0, 27.0)


def test_wenige_oder_keine_werte():
    assert klassifiziere(pd.Series([3.0, 3.0]), "natuerlich").grenzen == (3.0,)
    assert klassifiziere(pd.Series([None], dtype="Float64"), "quantile") is None


def test_grenzen_wie_menschen_sie_tippen():
    assert lies_grenzen("5; 10;15,5") == (5.0, 10.0, 15.5)
    with pytest.raises(ValueError, match="„zehn“ ist keine Zahl"):
        lies_grenzen("5; zehn")
