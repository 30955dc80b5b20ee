"""Rohexport eines Datenstands: Wiedereinlesen ergibt exakt dieselben Zahlen; Formeln werden entschärft."""

import io

import openpyxl
import pandas as pd

from indikatoren.ablaeufe.einlesung import einlesen, oeffne_ablage
from indikatoren.einlesen.export import als_csv, als_xlsx, entschaerft
from indikatoren.einlesen.pruefung import pruefe_datei
from tests.conftest import csv_bytes

GEFAEHRLICH = csv_bytes("""
    ags;name;jahr;bev_u15;nef_u15;lb;quelle
    03254002;<script>alert('x')</script>;2024;2411;*;-;=HYPERLINK("http://example.org","klick")
    03254013;@Eime;2024;350;-;40;+49 5121
""")


def test_rundlauf_csv_und_xlsx(gebiete):
    ablage = oeffne_ablage(gebiete)
    original = ablage.kennzahlen()
    for inhalt, name in ((als_csv(original), "export.csv"), (als_xlsx(original), "export.xlsx")):
        stand = einlesen(ablage, inhalt, name, gebiete, von="test").datenstand
        wieder = ablage.kennzahlen(stand.id)
        assert wieder.zeilen.equals(original.zeilen) and wieder.geheim.equals(original.geheim), name


def test_formeln_entschaerft_zaehlzellen_unberuehrt(gebiete):
    kz = pruefe_datei(GEFAEHRLICH, "g.csv", gebiete).kennzahlen
    assert kz.zeilen.at[0, "name"] == "<script>alert('x')</script>"  # als Text gespeichert
    assert kz.zeilen.at[0, "quelle"].startswith("=HYPERLINK")
    text = als_csv(kz).decode()
    assert "\"'=HYPERLINK(" in text and ";'@Eime;" in text and ";'+49 5121" in text
    assert "2411;*;0;" in text  # „*“ bleibt Markierung, „-“ (null) wird 0, Zahlen bleiben Zahlen
    blatt = openpyxl.load_workbook(io.BytesIO(als_xlsx(kz))).active
    werte = [[z.value for z in zeile] for zeile in blatt.iter_rows()]
    assert all(not (isinstance(w, str) and w.startswith("=")) for zeile in werte for w in zeile)
    assert blatt.cell(row=2, column=1).value == "03254002" and blatt.cell(row=2, column=7).value == "*"
    # Zählzellen und Jahr als Zahlen, die Excel summiert; „-“ (nichts) ist 0, fehlend bleibt leer
    assert [blatt.cell(row=2, column=c).value for c in (3, 6, 7, 8)] == [2024, 2411, "*", 0]
    assert blatt.cell(row=2, column=6).data_type == "n" and blatt.cell(row=2, column=1).number_format == "@"
    wieder = pruefe_datei(als_csv(kz), "wieder.csv", gebiete).kennzahlen
    assert wieder.zeilen.equals(kz.zeilen)  # der Apostroph kommt beim Einlesen wieder weg


def test_entschaerft():
    assert [entschaerft(t) for t in ("=1+1", "-5", "@a", "+x", "Alfeld", "")] == \
        ["'=1+1", "'-5", "'@a", "'+x", "Alfeld", ""]


def test_gleichzeitige_einlesungen_mischen_nichts(tmp_path, gebiete):
    """Zwei Prozesse lesen gleichzeitig ein: jeder speichert einen vollständigen Stand oder scheitert mit
    Meldung; am Ende ist genau ein vollständiger Stand aktiv."""
    import subprocess
    import sys
    oeffne_ablage(gebiete)  # Erstbefüllung vorab, damit beide auf einen Stand treffen
    dateien = []
    for n, jahr in enumerate((2025, 2026)):
        zeilen = [f"{ags};{jahr};{1000 + i};{100 + i}" for i, ags in enumerate(gebiete.gemeinden["ags"])]
        datei = tmp_path / f"teil{n}.csv"
        datei.write_text("ags;jahr;bev_u15;nef_u15\n" + "\n".join(zeilen) + "\n", encoding="utf-8")
        dateien.append(datei)
    prozesse = [subprocess.Popen([sys.executable, "-m", "indikatoren", "einlesen", str(d), "--von", f"p{n}"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for n, d in enumerate(dateien)]
    ergebnisse = [(p.wait(60), *p.communicate()) for p in prozesse]
    for code, aus, fehler in ergebnisse:
        assert (code == 0 and "gespeichert und aktiv: 20 Zeilen" in aus) or (code == 1 and fehler.strip())
    ablage = oeffne_ablage(gebiete)
    staende = ablage.datenstaende()
    assert sum(d.aktiv for d in staende) == 1
    for stand in staende[1:]:
        kz = ablage.kennzahlen(stand.id)
        assert len(kz) == stand.zeilen == 20 and kz.jahre in ([2025], [2026])  # nie gemischt
    assert len(staende) == 1 + sum(code == 0 for code, _, _ in ergebnisse)
    assert pd.notna(ablage.kennzahlen().zeilen["nef_u15"]).all()


def test_gleichzeitig_ergaenzen_verliert_keine_zeilen(tmp_path, gebiete):
    """Zwei Prozesse ergänzen gleichzeitig je ein Jahr: beide gelingen, der letzte Stand enthält beide Jahre."""
    import subprocess
    import sys
    oeffne_ablage(gebiete)
    dateien = []
    for jahr in (2025, 2026):
        zeilen = [f"{ags};{jahr};{1000 + i};{100 + i}" for i, ags in enumerate(gebiete.gemeinden["ags"])]
        datei = tmp_path / f"jahr{jahr}.csv"
        datei.write_text("ags;jahr;bev_u15;nef_u15\n" + "\n".join(zeilen) + "\n", encoding="utf-8")
        dateien.append(datei)
    prozesse = [subprocess.Popen([sys.executable, "-m", "indikatoren", "einlesen", str(d), "--ergaenzen"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for d in dateien]
    ergebnisse = [(p.wait(120), *p.communicate()) for p in prozesse]
    assert [code for code, _, _ in ergebnisse] == [0, 0], ergebnisse
    ablage = oeffne_ablage(gebiete)
    staende = ablage.datenstaende()
    assert len(staende) == 3 and staende[2].aktiv and staende[2].grundlage == 2 and staende[1].grundlage == 1
    assert {2025, 2026} <= set(ablage.kennzahlen().jahre)


def test_steuerzeichen_aus_aelteren_staenden_brechen_den_xlsx_export_nicht():
    from darstellung.export import als_xlsx as tabelle_als_xlsx
    tabelle = pd.DataFrame({"Gebiet": ["Alfeld\x07 (Leine)", "=1+1"], "Wert (%)": [16.8, 4.1]})
    blatt = openpyxl.load_workbook(io.BytesIO(tabelle_als_xlsx(tabelle, "Test", "Hinweis\x01"))).active
    assert [blatt.cell(row=r, column=1).value for r in (2, 3)] == ["Alfeld (Leine)", "'=1+1"]
    assert blatt.cell(row=3, column=2).value == 4.1 and blatt.cell(row=5, column=1).value == "Hinweis"
