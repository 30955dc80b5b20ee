"""Tabellen, wie die Ämter sie veröffentlichen: GENESIS-CSV (ISO-8859-1, Titelzeilen, Kopf, Fußzeilen, „.“ und „-“)
und eine XLSX des LSN mit verbundenen Kopfzellen, Spaltennummern und Schlüssel samt Namen – gebaut wie die Ämter sie
bauen, geprüft gegen von Hand gerechnete Summen."""

import io
import subprocess

import openpyxl
import pandas as pd
import pytest

from indikatoren.ablaeufe.einlesung import oeffne_ablage
from indikatoren.einlesen.pruefung import pruefe_datei
from indikatoren.grundlagen.meldungen import UngueltigeDatei
from kommandozeile.haupt import main

ALTER = ["unter 3 Jahre", "3 bis unter 6 Jahre", "6 bis unter 10 Jahre", "10 bis unter 15 Jahre",
         "15 bis unter 18 Jahre", "Insgesamt"]


def _genesis_csv() -> bytes:
    """Regionaldatenbank, Tabelle 12411-02-03-5, eine Zeile je Gebiet und Altersgruppe (wie „Werteabruf“ als CSV)."""
    zeilen = ["GENESIS-Tabelle: 12411-02-03-5",
              "Bevölkerung nach Geschlecht und Altersgruppen (17) - Stichtag 31.12. -;;;;;;",
              "regionale Tiefe: Gemeinden, Samt-/Verbandsgemeinden;;;;;;",
              "Fortschreibung des Bevölkerungsstandes;;;;;;",
              "Bevölkerungsstand (Anzahl);;;;;;",
              ";;;;Insgesamt;männlich;weiblich"]
    gebiete = {"03254002;  Alfeld (Leine), Stadt": ["402", "455", "610", "790", "500", "18700"],
               "03254013;  Eime, Flecken": [".", "60", "80", "110", "70", "2650"],
               "03254041;  Duingen, Flecken": ["-"] * 6,  # aufgelöst
               "03255001;  Arholzen": ["20", "21", "22", "23", "24", "700"]}  # Kreis Holzminden
    for gebiet, werte in gebiete.items():
        for alter, wert in zip(ALTER, werte):
            zeilen.append(f"31.12.2024;{gebiet};{alter};{wert};{wert};{wert}")
    zeilen += ["__________", "(C)opyright Statistische Ämter des Bundes und der Länder, 2025",
               "Stand: 12.06.2025 / 10:21:05"]
    return "\r\n".join(zeilen).encode("iso-8859-1")


def test_genesis_csv_wird_ohne_handarbeit_zu_nennern(gebiete):
    ergebnis = pruefe_datei(_genesis_csv(), "12411-02-03-5.csv", gebiete)
    z = ergebnis.kennzahlen.zeilen.set_index("ags")
    # von Hand: Alfeld 402 | 455 | 610 + 790 = 1.400 | 402 + 455 + 610 + 790 = 2.257
    assert z.loc["03254002", ["bev_u3", "bev_3_6", "bev_6_15", "bev_u15"]].tolist() == [402, 455, 1400, 2257]
    assert z.loc["03254002", "stichtag_bev"] == "2024-12-31" and z.loc["03254002", "jahr"] == 2024
    # Eime: unter 3 ist „.“ – gesperrt, nie 0; damit ist auch die Summe unter 15 nicht bekannt
    geheim = ergebnis.kennzahlen.geheim.set_index(ergebnis.kennzahlen.zeilen["ags"])
    assert geheim.loc["03254013", "bev_u3"] and geheim.loc["03254013", "bev_u15"]
    assert z.loc["03254013", ["bev_3_6", "bev_6_15"]].tolist() == [60, 190]
    assert list(z.index) == ["03254002", "03254013"]  # Duingen (nur „-“) und Arholzen (anderer Kreis) übergangen
    assert z.loc["03254002", "quelle"] == "GENESIS, Tabelle 12411-02-03-5, Stand: 12.06.2025 / 10:21:05"
    texte = [str(h) for h in ergebnis.hinweise]
    assert any("Kopfzeile in Zeile 6 erkannt (GENESIS, Bevölkerung nach Altersgruppen, eine Zeile je "
               "Altersgruppe)" in t for t in texte), texte
    assert any("bev_6_15 = „6 bis unter 10 Jahre“ + „10 bis unter 15 Jahre“" in t for t in texte)
    assert any("Zeichen „.“ (Zahlenwert unbekannt oder geheim zu halten) in 1 Zelle: gesperrt („*“)" in t
               for t in texte), texte
    assert any("Aufgelöste Gebiete (nur „-“) übergangen: 03254041" in t for t in texte)
    assert any("1 Gebiet anderer Kreise übergangen (etwa 03255001)" in t for t in texte)
    assert any(t.endswith("Fußzeilen übergangen: (C)opyright Statistische Ämter des Bundes und der Länder, 2025 | "
                          "Stand: 12.06.2025 / 10:21:05") for t in texte), texte
    assert not any("stichtag_sgb2" in t for t in texte)  # nur Nenner: der Stichtag der BA bleibt, wie er war


def test_genesis_ergaenzt_die_zaehler_der_ba_ueber_die_kommandozeile(tmp_path, capsys, gebiete):
    """Die Nenner ersetzen in den Zeilen 2024 nur ihre Spalten: die Zähler der BA bleiben, die Quelle nennt beide."""
    datei = tmp_path / "12411-02-03-5.csv"
    datei.write_bytes(_genesis_csv())
    assert main(["einlesen", str(datei)]) == 1  # ersetzen ginge nicht: nur Nenner
    assert "ergänzt den aktiven Stand" in capsys.readouterr().err
    ablage = oeffne_ablage(gebiete)
    vorher = ablage.kennzahlen().zeilen.set_index(["ags", "jahr"])
    assert main(["einlesen", str(datei), "--ergaenzen"]) == 0
    nachher = ablage.kennzahlen().zeilen.set_index(["ags", "jahr"])
    alfeld = nachher.loc[("03254002", 2024)]
    assert (alfeld["bev_u15"], alfeld["nef_u15"], alfeld["lb"]) == (2257, vorher.loc[("03254002", 2024), "nef_u15"],
                                                                    vorher.loc[("03254002", 2024), "lb"])
    assert alfeld["quelle"].endswith("; GENESIS, Tabelle 12411-02-03-5, Stand: 12.06.2025 / 10:21:05")
    assert nachher.drop(index=[("03254002", 2024), ("03254013", 2024)]).equals(
        vorher.drop(index=[("03254002", 2024), ("03254013", 2024)]))


def _lsn_xlsx() -> bytes:
    """Eine Tabelle des LSN wie aus LSN-Online nach Excel: Titel, verbundene Kopfzellen über zwei Zeilen, eine Zeile
    Spaltennummern, Schlüssel und Name in einer Zelle, „g“ für geheim, Fußnoten."""
    mappe = openpyxl.Workbook()
    blatt = mappe.active
    blatt.append(["Bevölkerung nach Altersgruppen am 31.12.2024"])
    blatt.append([])
    blatt.append(["Gemeinde", "männlich", None, None, None, "Insgesamt", None, None, None])
    blatt.append([None, *ALTER[:4], *ALTER[:4]])
    blatt.merge_cells("B3:E3")
    blatt.merge_cells("F3:I3")
    blatt.append([str(i) for i in range(1, 10)])
    blatt.append(["03254002 Alfeld (Leine), Stadt", 1, 1, 1, 1, 402, 455, 610, 790])
    blatt.append(["032545406 Samtgemeinde Leinebergland", 1, 1, 1, 1, "g", 300, 400, 500])
    blatt.append(["1) Gebietsstand 31.12.2024"])
    blatt.append(["© Landesamt für Statistik Niedersachsen, Hannover 2025"])
    puffer = io.BytesIO()
    mappe.save(puffer)
    return puffer.getvalue()


def test_lsn_xlsx_mit_verbundenen_kopfzellen(gebiete):
    ergebnis = pruefe_datei(_lsn_xlsx(), "lsn.xlsx", gebiete)
    z = ergebnis.kennzahlen.zeilen.set_index("ags")
    assert z.loc["03254002", ["bev_u3", "bev_3_6", "bev_6_15", "bev_u15"]].tolist() == [402, 455, 1400, 2257]
    assert z.loc["032545406", ["bev_3_6", "bev_6_15"]].tolist() == [300, 900]  # Spalten „Insgesamt“, nicht männlich
    assert ergebnis.kennzahlen.geheim.loc[z.index.get_loc("032545406"), "bev_u3"]
    assert z.loc["03254002", "stichtag_bev"] == "2024-12-31"  # aus dem Titel
    texte = [str(h) for h in ergebnis.hinweise]
    assert any("Kopfzeile in Zeile 4 erkannt (LSN-Online" in t and "eine Spalte je Altersgruppe" in t
               for t in texte), texte
    assert any("Zeichen „g“ (geheim (Geheimhaltung des LSN)) in 1 Zelle" in t for t in texte), texte
    assert any("eine 0 kann also auch ein kleiner Wert sein" in t for t in texte)


def test_unbekannte_tabelle_sagt_was_erkannt_wurde(gebiete):
    tabelle = pd.DataFrame({"Regionalschlüssel": ["03254002", "03254013"], "Name": ["Alfeld", "Eime"],
                            "Personen in BG": ["3.100", "*"]})
    inhalt = ("Statistik der Bundesagentur für Arbeit\nTabelle 1\n\n" + tabelle.to_csv(sep=";", index=False))
    with pytest.raises(UngueltigeDatei) as fehler:
        pruefe_datei(inhalt.encode("utf-8"), "ba.csv", gebiete)
    [meldung] = [str(m) for m in fehler.value.meldungen]
    assert meldung.startswith("ba.csv, Zeile 4: Kopfzeile in Zeile 4 erkannt; Spalten: 1: Regionalschlüssel; "
                              "2: Name; 3: Personen in BG. Nicht zugeordnet:"), meldung


def test_vorschau_zeigt_die_quoten_nach_dem_uebernehmen(gebiete):
    """Alfeld 2024 mit den Beispieldaten: NEF 479 von bisher 2.737 Kindern (17,5 %), neu 2.257 Kinder aus GENESIS
    → 479 / 2.257 = 21,22 %; Vorjahr 452 / 2.751 = 16,43 %; also +4,8 Pp. – so fiele ein falscher Nenner auf."""
    from darstellung.datenpflege import quoten as quoten_text
    from indikatoren.einlesen.vorschau import quoten

    alt = oeffne_ablage(gebiete).kennzahlen()
    z = alt.zeilen.set_index(["ags", "jahr"])
    assert z.loc[("03254002", 2024), ["nef_u15", "bev_u15"]].tolist() == [479, 2737]
    assert z.loc[("03254002", 2023), ["nef_u15", "bev_u15"]].tolist() == [452, 2751]
    geprueft = pruefe_datei(_genesis_csv(), "g.csv", gebiete)
    tabelle = quoten(alt, alt.ergaenzt_um(geprueft.kennzahlen, geprueft.spalten), gebiete, [2024])
    text = quoten_text(tabelle).set_index(["Gebiet", "Indikator"])
    alfeld = text.loc[("Alfeld (Leine)", "Kinderarmutsindikator (NEF-Quote unter 15)")]
    assert alfeld[["Vorjahr", "bisher", "neu", "zum Vorjahr"]].tolist() == ["16,4\u00a0%", "17,5\u00a0%",
                                                                           "21,2\u00a0%", "+4,8\u00a0Pp."]
    assert text.index[0] == ("Landkreis Hildesheim", "Kinderarmutsindikator (NEF-Quote unter 15)")
    assert text.loc[("Eime", "Kinderarmutsindikator (NEF-Quote unter 15)"), "neu"] == "nicht ausweisbar"


def test_altes_xls_mit_datumszelle(gebiete):
    """Excel 97–2003 (.xls, mit xlwt gebaut wie von Excel): Stichtag als Datumszelle, Zahlen als Zahlenzellen."""
    from datetime import datetime

    import xlwt

    mappe = xlwt.Workbook()
    blatt = mappe.add_sheet("12411-02-03-5")
    zeilen = [["Bevölkerung nach Altersgruppen"], [],
              ["Stichtag", "Gemeinde", *ALTER[:4]],
              [datetime(2024, 12, 31), "03254002 Alfeld (Leine), Stadt", 402, 455, 610, 790]]
    datum = xlwt.easyxf(num_format_str="DD.MM.YYYY")
    for r, zeile in enumerate(zeilen):
        for c, wert in enumerate(zeile):
            blatt.write(r, c, wert, datum) if isinstance(wert, datetime) else blatt.write(r, c, wert)
    puffer = io.BytesIO()
    mappe.save(puffer)
    z = pruefe_datei(puffer.getvalue(), "alt.xls", gebiete).kennzahlen.zeilen.set_index("ags")
    assert z.loc["03254002", ["jahr", "stichtag_bev", "bev_6_15", "bev_u15"]].tolist() == [2024, "2024-12-31",
                                                                                           1400, 2257]


def _ba_xlsx() -> bytes:
    """Wie eine Tabelle der Statistik der BA nach Excel: verbundene Titelzeilen, Berichtsmonat im Titel, Kopf über zwei
    Zeilen, Spaltennummern, Schlüssel als Text, deutsche Zahlen als Text, „*“ und „-“, Fußnoten."""
    mappe = openpyxl.Workbook()
    blatt = mappe.active
    blatt.append(["Statistik der Bundesagentur für Arbeit"])
    blatt.append(["Personen in Bedarfsgemeinschaften nach Gemeinden – Berichtsmonat Dezember 2024"])
    blatt.merge_cells("A1:F1")
    blatt.merge_cells("A2:F2")
    blatt.append([])
    blatt.append(["Regionalschlüssel", "Gemeinde", "Leistungsberechtigte insgesamt",
                  "Erwerbsfähige Leistungsberechtigte (ELB)", "Nicht erwerbsfähige Leistungsberechtigte (NEF)", None])
    blatt.append([None, None, None, None, "insgesamt", "unter 15 Jahren"])
    blatt.merge_cells("E4:F4")
    blatt.append([1, 2, 3, 4, 5, 6])
    blatt.append(["03254002", "Alfeld (Leine), Stadt", "1.903", "1.288", "615", "481"])
    blatt.append(["03254013", "Eime", "*", "40", "*", "*"])
    blatt.append(["03254041", "Duingen", "-", "-", "-", "-"])
    blatt.append(["* Werte kleiner 3 werden aus Datenschutzgründen anonymisiert."])
    blatt.append(["© Statistik der Bundesagentur für Arbeit"])
    puffer = io.BytesIO()
    mappe.save(puffer)
    return puffer.getvalue()


def test_ba_tabelle_mit_ihren_beschriftungen(tmp_path, capsys, gebiete):
    ergebnis = pruefe_datei(_ba_xlsx(), "ba.xlsx", gebiete)
    kz = ergebnis.kennzahlen
    z = kz.zeilen.set_index("ags")
    assert z.loc["03254002", ["lb", "elb", "nef_u15"]].tolist() == [1903, 1288, 481]
    assert z.loc["03254041", ["lb", "elb", "nef_u15"]].tolist() == [0, 0, 0]  # „-“: nichts vorhanden
    geheim = kz.geheim.set_index(kz.zeilen["ags"])
    assert geheim.loc["03254013", ["lb", "nef_u15"]].tolist() == [True, True] and z.loc["03254013", "elb"] == 40
    assert z.loc["03254002", "stichtag_sgb2"] == "2024-12" and z.loc["03254002", "jahr"] == 2024
    # die Quelle gilt für die SGB-II-Zahlen; Bevölkerung hat die Datei nicht
    assert z.loc["03254002", ["quelle_sgb2", "quelle_bev"]].tolist() == ["Statistik der Bundesagentur für Arbeit", ""]
    texte = [str(h) for h in ergebnis.hinweise]
    [kopf] = [t for t in texte if "Kopfzeile in Zeile 5 erkannt (Statistik der Bundesagentur für Arbeit)" in t]
    for zuordnung in ("„Leistungsberechtigte insgesamt“ → lb", "„Erwerbsfähige Leistungsberechtigte (ELB)“ → elb",
                      "„Nicht erwerbsfähige Leistungsberechtigte (NEF) / unter 15 Jahren“ → nef_u15"):
        assert zuordnung in kopf, kopf
    assert any("Zeichen „*“ (aus Datenschutzgründen anonymisiert) in 2 Zellen: gesperrt" in t for t in texte), texte
    datei = tmp_path / "ba.xlsx"
    datei.write_bytes(_ba_xlsx())
    assert main(["einlesen", str(datei), "--ergaenzen"]) == 0
    alfeld = oeffne_ablage(gebiete).kennzahlen().zeilen.set_index(["ags", "jahr"]).loc[("03254002", 2024)]
    assert (alfeld["nef_u15"], alfeld["bev_u15"], alfeld["stichtag_sgb2"]) == (481, 2737, "2024-12")


def test_bevoelkerung_aus_dem_genesis_dienst(monkeypatch, capsys, gebiete):
    """Gegen die Attrappe auf 127.0.0.1: richtige Anfrage (Tabelle, Jahr, Gemeinden des Kreises, Zugang nur in
    Kopfzeilen), dann dieselbe Prüfung wie eine Datei; falscher Zugang und fehlendes Jahr sind deutsche Meldungen,
    nichts wird gespeichert, der Versuch steht im Protokoll."""
    from tests.genesis_attrappe import NUTZER, PASSWORT, GenesisAttrappe

    ablage = oeffne_ablage(gebiete)
    with GenesisAttrappe(_genesis_csv()) as dienst:
        monkeypatch.setenv("SOZIALPLANUNG_GENESIS_URL", dienst.url)
        monkeypatch.setenv("SOZIALPLANUNG_GENESIS_NUTZER", NUTZER)
        monkeypatch.setenv("SOZIALPLANUNG_GENESIS_PASSWORT", "falsch")
        assert main(["genesis", "--jahr", "2024"]) == 1
        assert "GENESIS meldet: Ein Fehler ist aufgetreten: Benutzername oder Passwort ungültig (Code 13)." in \
            capsys.readouterr().err
        monkeypatch.setenv("SOZIALPLANUNG_GENESIS_PASSWORT", PASSWORT)
        assert main(["genesis", "--jahr", "2023"]) == 1
        assert "Es gibt keine Objekte zum angegebenen Selektionskriterium (Code 104)" in capsys.readouterr().err
        assert [d.id for d in ablage.datenstaende()] == [1]
        assert main(["genesis", "--jahr", "2024", "--kommentar", "Bevölkerung 2024"]) == 0
        assert "(ergänzt Datenstand 1)" in capsys.readouterr().out
        letzte = dienst.anfragen[-1]
    assert letzte["pfad"] == "/genesisws/rest/2020/data/tablefile" and (letzte["nutzer"], letzte["passwort"]) == (
        NUTZER, PASSWORT)
    assert {k: letzte["felder"][k] for k in ("name", "format", "startyear", "regionalvariable", "regionalkey")} == {
        "name": "12411-02-03-5", "format": "csv", "startyear": "2024", "regionalvariable": "GEMEIN",
        "regionalkey": "03254*"}
    assert ablage.kennzahlen().zeilen.set_index(["ags", "jahr"]).loc[("03254002", 2024), "bev_u15"] == 2257
    protokoll = ablage.protokolleintraege()
    assert protokoll["meldung"].str.contains("Benutzername oder Passwort ungültig").any()
    monkeypatch.setenv("SOZIALPLANUNG_GENESIS_URL", "http://127.0.0.1:9/genesisws/rest/2020")  # niemand antwortet
    assert main(["genesis", "--jahr", "2024"]) == 1
    assert "ist nicht erreichbar" in capsys.readouterr().err


def test_quelle_und_stichtag_je_art_bis_in_seiten_downloads_und_berichte(tmp_path, capsys, gebiete, monkeypatch):
    """Zähler von der BA, Nenner aus GENESIS, in zwei Dateien ergänzt: jede Art behält ihre Quelle und ihren Stichtag
    – in der Ablage, im Ergebnis für Leser, im Download, auf der Seite und im PDF."""
    from streamlit.testing.v1 import AppTest

    from darstellung.tabellen import exporttabelle
    from indikatoren.grundlagen import katalog
    from indikatoren.rechnen.geheimhaltung import fuer_leser
    from tests.conftest import HILDESHEIM_GEOJSON, PROJEKT

    monkeypatch.setenv("SOZIALPLANUNG_GEODATEN", str(HILDESHEIM_GEOJSON))
    ba, bev = tmp_path / "ba.xlsx", tmp_path / "12411-02-03-5.csv"
    ba.write_bytes(_ba_xlsx())
    bev.write_bytes(_genesis_csv())
    assert main(["einlesen", str(ba), "--ergaenzen"]) == 0 and main(["einlesen", str(bev), "--ergaenzen"]) == 0
    capsys.readouterr()
    ba_quelle = "Statistik der Bundesagentur für Arbeit"
    genesis_quelle = "GENESIS, Tabelle 12411-02-03-5, Stand: 12.06.2025 / 10:21:05"
    ablage = oeffne_ablage(gebiete)
    z = ablage.kennzahlen().zeilen.set_index(["ags", "jahr"])
    assert z.loc[("03254002", 2024), ["quelle_sgb2", "stichtag_sgb2", "quelle_bev", "stichtag_bev"]].tolist() == [
        ba_quelle, "2024-12", genesis_quelle, "2024-12-31"]
    beispiel = z.loc[("03254021", 2024), "quelle"]  # eine Gemeinde, die in keiner der Dateien steht
    assert z.loc[("03254021", 2024), ["quelle_sgb2", "quelle_bev"]].tolist() == [beispiel, beispiel]

    leser = fuer_leser(ablage.kennzahlen(), gebiete)
    alfeld = leser.query("ags == '03254002' and jahr == 2024 and indikator == 'kinderarmut'").iloc[0]
    assert (alfeld["quelle_sgb2"], alfeld["quelle_bev"]) == (ba_quelle, genesis_quelle)
    export = exporttabelle(leser, katalog.indikator("kinderarmut"), 2024, 3).set_index("AGS")
    assert export.loc["03254002", ["Quelle SGB II", "Stichtag SGB II", "Quelle Bevölkerung",
                                   "Stichtag Bevölkerung"]].tolist() == [ba_quelle, "Dezember 2024", genesis_quelle,
                                                                         "31.12.2024"]

    app = AppTest.from_file(str(PROJEKT / "app.py"), default_timeout=60)
    app.query_params.update({"gemeinde": "03254002", "jahr": "2024", "indikator": "kinderarmut"})
    app.switch_page("pages/gemeindeprofil.py").run()
    assert not app.exception
    texte = [c.value.replace("\\", "") for c in app.caption]
    assert any(f"Zahlen: SGB II: {ba_quelle} (Dezember 2024) · Bevölkerung: {genesis_quelle} (31.12.2024)" in t
               for t in texte), texte

    pdf = tmp_path / "alfeld.pdf"
    assert main(["bericht", "gemeindeprofil", "--gemeinde", "03254002", "--jahr", "2024", "--ausgabe", str(pdf)]) == 0
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split())
    assert f"Zahlen: SGB II: {ba_quelle} (Dezember 2024) · Bevölkerung: {genesis_quelle} (31.12.2024)" in text, text
