"""Deutsche Zahlen und kaufmännisches Runden (5 aufwärts), nicht Pythons Runden zur geraden Ziffer."""

import pytest

from indikatoren.grundlagen.zahlenformat import ist_ganzzahl, lies_dezimal, prozent, runde, zahl


@pytest.mark.parametrize(("wert", "stellen", "erwartet"), [
    (0.25, 1, 0.3), (16.25, 1, 16.3), (2.5, 0, 3.0), (0.35, 1, 0.4), (-0.25, 1, -0.3), (16.24, 1, 16.2),
])
def test_kaufmaennisch_fuenf_aufwaerts(wert, stellen, erwartet):
    assert runde(wert, stellen) == erwartet  # round() gäbe bei 0,25 / 16,25 / 2,5 die gerade Ziffer


def test_deutsche_schreibweise():
    assert zahl(2411) == "2.411" and zahl(1234567.25, 1) == "1.234.567,3" and prozent(16.25) == "16,3\u00a0%"


def test_nur_ascii_ziffern():
    assert ist_ganzzahl("2024") and not ist_ganzzahl("²") and not ist_ganzzahl("٢٠٢٤") and not ist_ganzzahl("")
    assert lies_dezimal("15,5") == 15.5 and lies_dezimal("-3.25") == -3.25
    assert [lies_dezimal(t) for t in ("inf", "nan", "1e9", "٣", "", "5,")] == [None] * 6
