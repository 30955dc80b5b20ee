"""Farbklassen: Methoden, Grenzen auf eine Stelle, deutsche Legende."""

import numpy as np
import pandas as pd
import pytest

from indikatoren.rechnen.klassen import PALETTEN, _jenks, klassifiziere, lies_grenzen

WERTE = pd.Series([27.0, 17.5, 12.1, 11.8, 11.2, 10.5, 10.0, 9.2, 8.7, 8.2, 8.0, 6.9, 6.5, 6.2, 6.0, 5.8, 5.2, 4.8,
                   4.5, 4.2, None])


def test_jenks_deterministisch_und_beschriftet():
    klassen = klassifiziere(WERTE, "natuerlich")
    assert klassen.grenzen == (6.9, 9.2, 12.1, 17.5, 27.0)
    assert klassen.beschriftungen() == ["bis 6,9\u00a0%", "über 6,9 bis 9,2\u00a0%", "über 9,2 bis 12,1\u00a0%",
                                        "über 12,1 bis 17,5\u00a0%", "über 17,5 bis 27,0\u00a0%"]
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


def test_quantile_ueber_alle_gemeinden_nicht_nur_verschiedene_werte():
    """Sechs Gemeinden bei 1,0 %, je eine bei 2,0 und 3,0 %: die unteren zwei Drittel liegen alle bei 1,0 %,
    also Grenzen 1,0 und 3,0 (über die verschiedenen Werte allein wären es 1,7 / 2,3 / 3,0)."""
    assert klassifiziere(pd.Series([1.0] * 6 + [2.0, 3.0]), "quantile").grenzen == (1.0, 3.0)


def test_klassen_aus_den_gezeigten_gerundeten_werten():
    """Gezeigt werden 1,0 / 1,1 / 5,0 %; gleiche Abstände von 1,0 bis 5,0 in drei Schritten zu 4/3:
    2,33 -> 2,3; 3,67 -> 3,7; 5,0 (aus den ungerundeten 1,04 … 5,0 käme 2,4 heraus)."""
    assert klassifiziere(pd.Series([1.04, 1.06, 5.0]), "gleich").grenzen == (2.3, 3.7, 5.0)


def test_eigene_grenze_am_kleinsten_wert_bleibt_eine_klasse():
    """Eine eigene Grenze genau beim kleinsten Wert (4,2) ist eine eigene Klasse „bis 4,2 %“; eine beim größten
    (27,0) ist ohnehin die letzte Grenze."""
    assert klassifiziere(WERTE, "eigene", eigene=(4.2, 10, 27.0)).grenzen == (4.2, 10.0, 27.0)


def test_jenks_ist_die_beste_einteilung_wie_eine_erschoepfende_suche():
    """Unabhängig gerechnet: alle Schnitte zwischen den verschiedenen Werten durchprobieren und die Summe der
    quadrierten Abweichungen über alle (auch doppelte) Werte vergleichen; Jenks muss dieselben Grenzen finden."""
    from itertools import combinations

    rng = np.random.default_rng(3)
    for versuch in range(25):
        werte = np.round(rng.gamma(2, 4, rng.integers(8, 30)), 0) / 2  # viele doppelte Werte
        k = int(rng.integers(2, 5))
        u = np.unique(werte)
        if len(u) < k:
            continue

        def streuung(grenzen, werte=werte):
            klassen = np.searchsorted(grenzen, werte)  # Klasse je Wert: erste Grenze >= Wert
            return sum(((werte[klassen == c] - werte[klassen == c].mean()) ** 2).sum() for c in set(klassen))

        beste = min((list(u[list(s)]) + [u[-1]] for s in combinations(range(len(u) - 1), k - 1)), key=streuung)
        assert streuung(_jenks(werte, k)) == pytest.approx(streuung(beste)), (versuch, werte, k)
