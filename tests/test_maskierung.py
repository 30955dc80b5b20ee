"""Maskierung je Zusammenhang, von Hand nachgerechnet."""

import json

from darstellung.maskierung import dateiname, md, skript_json


def test_markdown_jedes_satzzeichen_und_keine_autolinks():
    assert md("a*b_c") == r"a\*b\_c"
    assert md(":red[x] $y$") == r"\:red\[x\] \$y\$"
    assert md("www.a.de") == "www\u2060\\.a\\.de" and md("x@y.de") == "x\u2060\\@y\\.de"
    assert md("http://z") == "http\u2060\\:\\/\\/z"
    assert md("Zeile 1\nZeile 2") == "Zeile 1  \nZeile 2"


def test_json_im_skript_bricht_nicht_aus():
    text = skript_json({"n": "</script><!--`${x}`\u2028&"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"n": "</script><!--`${x}`\u2028&"}  # derselbe Wert, nur anders geschrieben


def test_dateiname():
    assert dateiname("daten (neu).csv", "fehlerbericht_", ".csv") == "fehlerbericht_daten_neu.csv"
    assert dateiname("../../etc/passwd\r\n", "f_", ".csv") == "f_etc_passwd.csv"
