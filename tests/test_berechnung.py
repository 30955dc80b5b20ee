"""Berechnung gegen von Hand gerechnete Werte, über die CLI Zeile für Zeile geprüft."""

import io

import pandas as pd
import pytest

from indikatoren.einlesen.pruefung import pruefe_datei
from indikatoren.rechnen.berechnung import berechne, gerundet, jedes_nte_kind
from kommandozeile.haupt import main
from tests.conftest import csv_bytes

# Kreiszeile aus der Quelle (gewinnt über die Summe), Eime mit Excel-AGS ohne Null und gesperrtem Zähler,
# Tausenderpunkte, Söhlde mit Umlaut in Windows-1252, 2022 nur drei Gemeinden (Kreissumme unvollständig).
HANDTABELLE = csv_bytes("""
    ags;name;jahr;stichtag_sgb2;stichtag_bev;bev_u15;nef_u15;bev_u_rag;lb
    03254;Landkreis Hildesheim;2023;2023-12;2023-12-31;40.000;6.000;250.000;20.000
    03254002;Alfeld (Leine);2023;2023-12;2023-12-31;2.411;402;14.730;1.903
    3254013;Eime;2023;2023-12;2023-12-31;350;*;2000;60
    03254041;Duingen;2023;2023-12;2023-12-31;700;56;4000;180
    03254043;Gronau (Leine);2023;2023-12;2023-12-31;1.450;145;8500;540
    03254032;Söhlde;2023;2023-12;2023-12-31;1.098;-;6300;200
    03254041;Duingen;2022;2022-12;2022-12-31;690;48;3950;170
    03254043;Gronau (Leine);2022;2022-12;2022-12-31;1.440;150;8400;
    03254013;Eime;2022;2022-12;2022-12-31;348;12;1990;55
""", "cp1252")

# Von Hand: 402/2411 = 16,6735 %; Leinebergland 2023 = (56+145)/(350+700+1450) = 201/2500 = 8,04 % (Eime
# gesperrt, also Untergrenze); SGB II Leinebergland 2023 = 780/14500 = 5,3793 %; Kreis aus Quellzeile
# 6000/40000 = 15 % und 20000/250000 = 8 %; Söhlde nef_u15 „-“ = 0 -> 0 %, SGB II 200/6300 = 3,1746 %.
# 2022: Leinebergland Kinderarmut (48+150+12)/(690+1440+348) = 210/2478 = 8,4746 %; SGB II fehlt (Gronau leer);
# Kreis 2022 fehlt, weil 17 Gemeinden fehlen.
ERWARTET = """\
ags,name,ebene,jahr,indikator,zaehler,nenner,wert,status
03254013,Eime,gemeinde,2022,kinderarmut,12,348,3.45,ok
03254041,Duingen,gemeinde,2022,kinderarmut,48,690,6.96,ok
03254043,Gronau (Leine),gemeinde,2022,kinderarmut,150,1440,10.42,ok
032545406,Samtgemeinde Leinebergland,samtgemeinde,2022,kinderarmut,210,2478,8.47,ok
03254,Landkreis Hildesheim,kreis,2022,kinderarmut,,,,fehlt
03254013,Eime,gemeinde,2022,sgb2_quote,55,1990,2.76,ok
03254041,Duingen,gemeinde,2022,sgb2_quote,170,3950,4.30,ok
03254043,Gronau (Leine),gemeinde,2022,sgb2_quote,,8400,,fehlt
032545406,Samtgemeinde Leinebergland,samtgemeinde,2022,sgb2_quote,,14340,,fehlt
03254,Landkreis Hildesheim,kreis,2022,sgb2_quote,,,,fehlt
03254002,Alfeld (Leine),gemeinde,2023,kinderarmut,402,2411,16.67,ok
03254013,Eime,gemeinde,2023,kinderarmut,,350,,nicht_ausweisbar
03254032,Söhlde,gemeinde,2023,kinderarmut,0,1098,0.00,ok
03254041,Duingen,gemeinde,2023,kinderarmut,56,700,8.00,ok
03254043,Gronau (Leine),gemeinde,2023,kinderarmut,145,1450,10.00,ok
032545406,Samtgemeinde Leinebergland,samtgemeinde,2023,kinderarmut,201,2500,8.04,untergrenze
03254,Landkreis Hildesheim,kreis,2023,kinderarmut,6000,40000,15.00,ok
03254002,Alfeld (Leine),gemeinde,2023,sgb2_quote,1903,14730,12.92,ok
03254013,Eime,gemeinde,2023,sgb2_quote,60,2000,3.00,ok
03254032,Söhlde,gemeinde,2023,sgb2_quote,200,6300,3.17,ok
03254041,Duingen,gemeinde,2023,sgb2_quote,180,4000,4.50,ok
03254043,Gronau (Leine),gemeinde,2023,sgb2_quote,540,8500,6.35,ok
032545406,Samtgemeinde Leinebergland,samtgemeinde,2023,sgb2_quote,780,14500,5.38,ok
03254,Landkreis Hildesheim,kreis,2023,sgb2_quote,20000,250000,8.00,ok
"""


def test_cli_berechnen_zeile_fuer_zeile(tmp_path, capsys):
    datei = tmp_path / "hand.csv"
    datei.write_bytes(HANDTABELLE)
    assert main(["berechnen", "--eingabe", str(datei)]) == 0
    ausgabe = capsys.readouterr().out
    assert ausgabe.splitlines() == ERWARTET.splitlines()


def test_cli_berechnen_nur_ein_jahr(tmp_path, capsys):
    datei = tmp_path / "hand.csv"
    datei.write_bytes(HANDTABELLE)
    assert main(["berechnen", "--eingabe", str(datei), "--jahr", "2022"]) == 0
    zeilen = capsys.readouterr().out.splitlines()
    assert zeilen[0] == ERWARTET.splitlines()[0]
    assert zeilen[1:] == [z for z in ERWARTET.splitlines()[1:] if ",2022," in z]


def test_quellzeile_des_kreises_gewinnt_ueber_die_summe(gebiete):
    kz = pruefe_datei(HANDTABELLE, "hand.csv", gebiete).kennzahlen
    ergebnis = berechne(kz, gebiete)
    kreis = ergebnis[(ergebnis["ags"] == "03254") & (ergebnis["jahr"] == 2023)]
    assert kreis["zaehler"].tolist() == [6000, 20000]  # nicht die Summe der fünf Gemeinden
    assert kreis["wert"].tolist() == [15.0, 8.0]


def test_herkunft_wird_mitgegeben(gebiete):
    kz = pruefe_datei(HANDTABELLE, "hand.csv", gebiete, quelle="BA-Sonderauswertung", art="geschaetzt").kennzahlen
    ergebnis = berechne(kz, gebiete)
    leine = ergebnis[(ergebnis["ags"] == "032545406") & (ergebnis["jahr"] == 2023)].iloc[0]
    assert (leine["stichtag_sgb2"], leine["stichtag_bev"]) == ("2023-12", "2023-12-31")
    assert (leine["quelle"], leine["art"]) == ("BA-Sonderauswertung", "geschaetzt")


def test_summe_mischt_arten_zur_vorsichtigsten(gebiete):
    text = csv_bytes("""
        ags;jahr;bev_u15;nef_u15;art
        03254013;2023;350;20;amtlich
        03254041;2023;700;56;beispiel
        03254043;2023;1450;145;geschaetzt
    """)
    ergebnis = berechne(pruefe_datei(text, "x.csv", gebiete).kennzahlen, gebiete)
    assert ergebnis.set_index("ags").at["032545406", "art"] == "beispiel"


def test_nenner_geheim_oder_null(gebiete):
    text = csv_bytes("""
        ags;jahr;bev_u15;nef_u15
        03254013;2023;*;20
        03254041;2023;0;0
        03254043;2023;1450;145
    """)
    ergebnis = berechne(pruefe_datei(text, "x.csv", gebiete).kennzahlen, gebiete).set_index("ags")
    assert ergebnis.at["03254013", "status"] == "nicht_ausweisbar"
    assert ergebnis.at["03254041", "status"] == "fehlt"
    assert ergebnis.at["032545406", "status"] == "nicht_ausweisbar"  # ein Nenner-Teil geheim: kein Wert
    assert pd.isna(ergebnis.at["032545406", "wert"])


def test_nur_indikatoren_mit_beiden_spalten(gebiete):
    text = csv_bytes("""
        ags;jahr;bev_u15;nef_u15;lb
        03254002;2023;2411;402;1903
    """)
    ergebnis = berechne(pruefe_datei(text, "x.csv", gebiete).kennzahlen, gebiete)
    assert set(ergebnis["indikator"]) == {"kinderarmut"}


@pytest.mark.parametrize(("zaehler", "nenner", "stellen", "erwartet"), [
    (1, 32, 2, "3.13"),      # 3,125 kaufmännisch auf, nicht zur geraden Ziffer
    (1, 160, 2, "0.63"),     # 0,625
    (333, 2000, 1, "16.7"),  # 16,65
    (402, 2411, 2, "16.67"),
    (0, 5, 2, "0.00"),
    (5, 5, 2, "100.00"),
])
def test_kaufmaennisch_gerundet(zaehler, nenner, stellen, erwartet):
    assert gerundet(pd.Series([zaehler]), pd.Series([nenner]), stellen).tolist() == [erwartet]


def test_gerundet_ohne_wert_ist_leer():
    assert gerundet(pd.Series([None, 5], dtype="Int64"), pd.Series([10, 0], dtype="Int64"), 2).tolist() == ["", ""]


@pytest.mark.parametrize(("wert", "n"), [(16.8, 6), (25.0, 4), (15.41, 6), (40.0, 3), (0.0, None), (None, None)])
def test_jedes_nte_kind(wert, n):
    assert jedes_nte_kind(wert) == n


def test_cli_ausgabe_ist_gueltiges_csv(tmp_path, capsys):
    datei = tmp_path / "hand.csv"
    datei.write_bytes(HANDTABELLE)
    main(["berechnen", "--eingabe", str(datei)])
    tabelle = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype={"ags": str})
    assert list(tabelle.columns) == ["ags", "name", "ebene", "jahr", "indikator", "zaehler", "nenner", "wert",
                                     "status"]
    assert set(tabelle["ebene"]) == {"gemeinde", "samtgemeinde", "kreis"}


def test_land_bund_und_samtgemeinde_aus_quellzeilen(gebiete):
    text = csv_bytes("""
        ags;jahr;bev_u15;nef_u15
        03;2023;1.100.000;145.200
        DG;2023;11.500.000;1.460.500
        032545406;2023;2.500;250
        03254013;2023;350;*
        03254041;2023;700;56
        03254043;2023;1450;145
    """)
    ergebnis = berechne(pruefe_datei(text, "x.csv", gebiete).kennzahlen, gebiete).set_index("ags")
    assert ergebnis.loc["03", ["name", "ebene", "status"]].tolist() == ["Niedersachsen", "land", "ok"]
    assert ergebnis.at["03", "wert"] == pytest.approx(13.2)
    assert ergebnis.loc["DG", ["name", "ebene"]].tolist() == ["Deutschland", "bund"]
    assert ergebnis.at["DG", "wert"] == pytest.approx(12.7)
    leine = ergebnis.loc["032545406"]
    assert (leine["status"], leine["zaehler"], leine["wert"]) == ("ok", 250, 10.0)  # Quelle statt Untergrenze
    assert list(ergebnis.index).count("032545406") == 1
