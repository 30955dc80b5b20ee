"""Kleine Zahlen (1 und 2) verlassen den Kern nie in einer Ausgabe für die Anzeige."""

from indikatoren.berechnung import berechne
from indikatoren.datenschutz import fuer_anzeige
from indikatoren.pruefung import pruefe_datei
from tests.conftest import csv_bytes

TABELLE = csv_bytes("""
    ags;jahr;bev_u15;nef_u15;bev_u_rag;lb
    03254013;2023;350;2;2000;60
    03254041;2023;700;56;4000;180
    03254043;2023;2;0;8500;540
""")


def test_kleine_zahlen_werden_geheim_und_summen_zur_untergrenze(gebiete):
    roh = pruefe_datei(TABELLE, "k.csv", gebiete).kennzahlen
    anzeige = berechne(fuer_anzeige(roh), gebiete).set_index(["ags", "indikator"])
    eime = anzeige.loc[("03254013", "kinderarmut")]
    assert eime["status"] == "nicht_ausweisbar" and eime.isna()["zaehler"] and eime.isna()["wert"]
    gronau = anzeige.loc[("03254043", "kinderarmut")]  # Nenner 2: auch 0 % würde ihn nicht verraten, aber
    assert gronau["status"] == "nicht_ausweisbar" and gronau.isna()["nenner"]  # die 2 selbst nie zeigen
    leine = anzeige.loc[("032545406", "kinderarmut")]
    # Summe ohne die geheimen Teile: nicht 58 (das verriete Eimes 2 durch Differenz zu Duingens 56)
    assert leine["status"] == "nicht_ausweisbar"  # ein Nenner-Teil (Gronaus 2) ist geheim
    sgb2 = anzeige.loc[("032545406", "sgb2_quote")]
    assert (sgb2["status"], sgb2["zaehler"], sgb2["nenner"]) == ("ok", 780, 14500)


def test_zaehler_klein_macht_summe_zur_untergrenze(gebiete):
    tabelle = csv_bytes("""
        ags;jahr;bev_u15;nef_u15
        03254013;2023;350;1
        03254041;2023;700;56
        03254043;2023;1450;145
    """)
    anzeige = berechne(fuer_anzeige(pruefe_datei(tabelle, "k.csv", gebiete).kennzahlen), gebiete).set_index("ags")
    assert (anzeige.at["032545406", "status"], anzeige.at["032545406", "zaehler"]) == ("untergrenze", 201)
    werte = anzeige[["zaehler", "nenner"]].stack().dropna().tolist()
    assert 1 not in werte and 2 not in werte


def test_roh_bleibt_fuer_die_stabsstelle_unveraendert(gebiete):
    roh = pruefe_datei(TABELLE, "k.csv", gebiete).kennzahlen
    fuer_anzeige(roh)
    assert roh.zeilen.at[0, "nef_u15"] == 2 and not roh.geheim.at[0, "nef_u15"]
