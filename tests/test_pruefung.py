"""Prüfung: gültige Varianten werden gelesen, jede fehlerhafte Datei bekommt ihre deutsche Meldung mit Ort,
und die gespeicherten Daten bleiben danach genau, wie sie waren."""

import io
from datetime import date

import openpyxl
import pytest

from indikatoren.ablaeufe.einlesung import oeffne_ablage
from indikatoren.einlesen.pruefung import pruefe_datei
from indikatoren.grundlagen.meldungen import UngueltigeDatei
from kommandozeile.haupt import main
from tests.conftest import PROJEKT, csv_bytes, zip_bombe

KOPF = "ags;name;jahr;bev_u15;nef_u15;bev_u_rag;lb"
GUT = "03254002;Alfeld (Leine);2023;2411;402;14730;1903"


def _xlsx(zeilen) -> bytes:
    mappe = openpyxl.Workbook()
    for zeile in zeilen:
        mappe.active.append(zeile)
    puffer = io.BytesIO()
    mappe.save(puffer)
    return puffer.getvalue()


def _gekippt(zip_datei: bytes) -> bytes:
    """Ein Byte im gepackten Inhalt des ersten Teils einer ZIP-Datei (XLSX) gekippt: Verzeichnis heil, Inhalt nicht."""
    stelle = 30 + int.from_bytes(zip_datei[26:28], "little") + int.from_bytes(zip_datei[28:30], "little") + 5
    return zip_datei[:stelle] + bytes([zip_datei[stelle] ^ 0xFF]) + zip_datei[stelle + 1:]


def _tabelle(*zeilen, kopf=KOPF) -> bytes:
    return csv_bytes("\n".join([kopf, *zeilen]))


# Name: (Dateiinhalt, Dateiname, erwartete Textstücke einer Meldung – jede enthält Datei, Zeile, Spalte)
FEHLERHAFT = {
    "fehlende_spalte": (_tabelle(kopf="ags;name;bev_u15;nef_u15;bev_u_rag;lb"), "k.csv",
                        ["k.csv, Zeile 1, Spalte jahr: Die Pflichtspalte „jahr“ fehlt."]),
    "text_in_anzahl": (_tabelle(GUT, "03254003;Algermissen;2023;1143;viele;6442;206"), "k.csv",
                       ["k.csv, Zeile 3, Spalte nef_u15: „viele“ ist keine Zahl"]),
    "negative_anzahl": (_tabelle("03254002;Alfeld (Leine);2023;-2411;402;14730;1903"), "k.csv",
                        ["k.csv, Zeile 2, Spalte bev_u15: „-2411“ ist negativ"]),
    "zaehler_ueber_nenner": (_tabelle("03254002;Alfeld (Leine);2023;2411;2500;14730;3000"), "k.csv",
                             ["k.csv, Zeile 2, Spalte nef_u15: nef_u15 (2.500) ist größer als bev_u15 (2.411)"]),
    "nef_ueber_lb": (_tabelle("03254002;Alfeld (Leine);2023;2411;402;14730;300"), "k.csv",
                     ["k.csv, Zeile 2, Spalte nef_u15: nef_u15 (402) ist größer als lb (300)"]),
    "altersgruppen_ueber_summe": (csv_bytes("ags;jahr;bev_u15;bev_u3;bev_3_6;bev_6_15\n03254002;2023;100;40;40;40"),
                                  "k.csv", ["Zeile 2, Spalte bev_u3: bev_u3 + bev_3_6 + bev_6_15 (120) ist größer "
                                            "als bev_u15 (100)"]),
    "unbekannter_ags": (_tabelle("03254999;Nirgendwo;2023;10;1;100;5"), "k.csv",
                        ["k.csv, Zeile 2, Spalte ags: Unbekannter AGS „03254999“"]),
    "ags_anderer_kreis": (_tabelle("03241001;Hannover;2023;10;1;100;5"), "k.csv",
                          ["Zeile 2, Spalte ags: Unbekannter AGS „03241001“"]),
    "doppelte_zeile": (_tabelle(GUT, GUT), "k.csv",
                       ["k.csv, Zeile 3, Spalte ags: 03254002 im Jahr 2023 steht schon in Zeile 2."]),
    "leere_datei": (b"", "leer.csv", ["leer.csv: Die Datei ist leer."]),
    "nur_kopfzeile": (_tabelle(), "kopf.csv", ["kopf.csv: Die Datei enthält nur die Kopfzeile"]),
    "falsches_trennzeichen": (_tabelle(kopf=KOPF.replace(";", "|")), "k.csv",
                              ["k.csv, Zeile 1, Spalte ags: Die Pflichtspalte „ags“ fehlt. Die Kopfzeile hat nur "
                               "eine Spalte: Trennzeichen nicht erkannt"]),
    "kaputte_xlsx": (b"PK\x03\x04" + b"\x00kaputt" * 50, "k.xlsx", ["k.xlsx: Die Datei ist keine lesbare XLSX"]),
    "xlsx_falsche_pruefsumme": (_gekippt((PROJEKT / "data" / "vorlage_kennzahlen.xlsx").read_bytes()), "k.xlsx",
                                ["k.xlsx: Die Datei ist keine lesbare XLSX"]),
    "kaputte_xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "k.xls",
                    ["k.xls: Die Datei ist keine lesbare Excel-Arbeitsmappe im alten Format .xls"]),
    "utf16": (_tabelle(GUT).decode().encode("utf-16"), "k.csv", ["k.csv: Die Zeichenkodierung ist UTF-16"]),
    "binaerdatei": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "bild.csv",
                    ["bild.csv: Die Datei ist weder eine Textdatei (CSV) noch eine XLSX-Arbeitsmappe."]),
    "unbekannte_kodierung": (_tabelle(GUT).replace(b"Alfeld", b"Alfeld\x81"), "k.csv",
                             ["k.csv: Die Zeichenkodierung ist weder UTF-8 noch Windows-1252"]),
    "tippfehler_spalte": (_tabelle(GUT, kopf=KOPF.replace("nef_u15", "nef_u51")), "k.csv",
                          ["k.csv, Zeile 1, Spalte nef_u51: Unbekannte Spalte „nef_u51“ – meinten Sie nef_u15?"]),
    "dezimalzahl": (_tabelle("03254002;Alfeld (Leine);2023;2411,5;402;14730;1903"), "k.csv",
                    ["k.csv, Zeile 2, Spalte bev_u15: „2411,5“ ist keine ganze Zahl"]),
    "jahr_zu_frueh": (_tabelle("03254002;Alfeld (Leine);1985;2411;402;14730;1903"), "k.csv",
                      ["k.csv, Zeile 2, Spalte jahr: Das Jahr „1985“ ist ungültig"]),
    "jahr_als_text": (_tabelle("03254002;Alfeld (Leine);zwanzig;2411;402;14730;1903"), "k.csv",
                      ["k.csv, Zeile 2, Spalte jahr: Das Jahr „zwanzig“ ist ungültig"]),
    "stichtag_ungueltig": (csv_bytes("ags;jahr;stichtag_sgb2\n03254002;2023;2023-13"), "k.csv",
                           ["k.csv, Zeile 2, Spalte stichtag_sgb2: Der Stichtag „2023-13“ ist ungültig"]),
    "stichtag_falsches_jahr": (csv_bytes("ags;jahr;stichtag_bev\n03254002;2023;31.12.2020"), "k.csv",
                               ["Zeile 2, Spalte stichtag_bev: Der Stichtag „31.12.2020“ passt nicht zum Jahr 2023"]),
    "art_unbekannt": (csv_bytes("ags;jahr;art\n03254002;2023;vermutet"), "k.csv",
                      ["k.csv, Zeile 2, Spalte art: Die Art „vermutet“ ist unbekannt"]),
    "zu_viele_felder": (_tabelle("03254002;Alfeld (Leine);2023;2411;402;14730;1903;99;98"), "k.csv",
                        ["k.csv, Zeile 2: Die Zeile hat 9 Felder, die Kopfzeile 7"]),
    "zu_wenige_felder": (_tabelle("03254002;Alfeld (Leine);2023;2411"), "k.csv",
                         ["k.csv, Zeile 2: Die Zeile hat 4 Felder, die Kopfzeile 7"]),
    "ags_fehlt": (_tabelle(";Alfeld (Leine);2023;2411;402;14730;1903"), "k.csv",
                  ["k.csv, Zeile 2, Spalte ags: Der AGS fehlt."]),
    "doppelte_spalte": (_tabelle(GUT + ";5", kopf=KOPF + ";lb"), "k.csv",
                        ["k.csv, Zeile 1, Spalte lb: Die Spalte „lb“ kommt doppelt vor."]),
    "xlsx_mit_textzahl": (_xlsx([KOPF.split(";"), ["03254002", "Alfeld (Leine)", 2023, 2411, "vierhundert", 14730,
                                                   1903]]), "k.xlsx",
                          ["k.xlsx, Zeile 2, Spalte nef_u15: „vierhundert“ ist keine Zahl"]),
    "zu_gross": (b"ags;jahr\n" + b"03254002;2023\n" * (20 * 1024 * 1024 // 14 + 10), "riesig.csv",
                 ["riesig.csv: Die Datei ist 20,0 MB groß; erlaubt sind höchstens 20 MB."]),
    "50_mb": (b"ags;jahr\n" + b"03254002;2023\n" * (50 * 1024 * 1024 // 14), "50mb.csv",
              ["50mb.csv: Die Datei ist 50,0 MB groß; erlaubt sind höchstens 20 MB."]),
    "xlsx_bombe": (zip_bombe("[Content_Types].xml", "xl/worksheets/sheet1.xml", 60), "bombe.xlsx",
                   ["bombe.xlsx: Die XLSX-Arbeitsmappe würde entpackt 60 MB groß "
                    "(Teil „xl/worksheets/sheet1.xml“) oder "
                    "ist ungewöhnlich stark gepackt"]),
    "kein_indikator": (csv_bytes("ags;jahr;bev_u15;lb\n03254002;2023;100;5"), "k.csv",
                       ["k.csv, Zeile 1: Die Datei enthält für keinen Indikator beide Spalten"]),
    "steuerzeichen": (_tabelle("03254002;Alfeld\x07 (Leine);2023;2411;402;14730;1903"), "k.csv",
                      ["k.csv, Zeile 2, Spalte name: Die Zelle enthält ein unsichtbares Steuerzeichen"]),
    "hochgestellte_ziffer": (_tabelle("03254002;Alfeld (Leine);2023;2411;4²;14730;1903"), "k.csv",
                             ["k.csv, Zeile 2, Spalte nef_u15: „4²“ ist keine Zahl"]),
    "arabisch_indische_ziffern": (_tabelle("03254002;Alfeld (Leine);٢٠٢٣;2411;402;14730;1903"), "k.csv",
                                  ["k.csv, Zeile 2, Spalte jahr: Das Jahr „٢٠٢٣“ ist ungültig"]),
    "vollbreite_ziffern": (_tabelle("０３２５４００２;Alfeld (Leine);2023;2411;402;14730;1903"), "k.csv",
                           ["k.csv, Zeile 2, Spalte ags: Unbekannter AGS „０３２５４００２“"]),
    "teil_eins_ueber_ganzem": (_tabelle("03254002;Alfeld (Leine);2023;2411;2412;14730;3000"), "k.csv",
                               ["Spalte nef_u15: nef_u15 (2.412) ist größer als bev_u15 (2.411)"]),
}


@pytest.mark.parametrize("name", sorted(FEHLERHAFT))
def test_fehlerhafte_datei_wird_abgelehnt_und_nichts_geaendert(name, tmp_path, capsys, gebiete):
    inhalt, dateiname, erwartet = FEHLERHAFT[name]
    ablage = oeffne_ablage(gebiete)
    vorher = (ablage.datenstaende(), ablage.kennzahlen().als_tabelle())
    datei = tmp_path / dateiname
    datei.write_bytes(inhalt)

    assert main(["einlesen", str(datei)]) == 1
    fehlerausgabe = capsys.readouterr().err
    for stueck in erwartet:
        assert stueck in fehlerausgabe
    assert "nichts wurde gespeichert" in fehlerausgabe
    assert ablage.datenstaende() == vorher[0]
    assert ablage.kennzahlen().als_tabelle().equals(vorher[1])
    assert main(["pruefen", str(datei)]) == 1


def test_alle_fehler_auf_einmal(gebiete):
    inhalt = _tabelle("03254002;Alfeld (Leine);2023;abc;402;14730;1903",
                      "03254999;X;2023;10;1;100;5",
                      "03254003;Algermissen;1800;10;20;100;50")
    with pytest.raises(UngueltigeDatei) as fehler:
        pruefe_datei(inhalt, "k.csv", gebiete)
    orte = [(m.zeile, m.spalte) for m in fehler.value.meldungen]
    assert orte == [(2, "bev_u15"), (3, "ags"), (4, "jahr"), (4, "nef_u15")]


def test_sehr_viele_fehler_werden_begrenzt(gebiete):
    inhalt = _tabelle(*[f"03254002;A;{1900 + i % 50};x;x;x;x" for i in range(500)])
    with pytest.raises(UngueltigeDatei) as fehler:
        pruefe_datei(inhalt, "k.csv", gebiete)
    assert len(fehler.value.meldungen) == 201
    assert fehler.value.meldungen[-1].text.startswith("… und 2.300 weitere Fehler")


# --- gültige Varianten ------------------------------------------------------------------------------
WERTE = {"ags": "03254002", "jahr": 2023, "bev_u15": 2411, "nef_u15": 402}


@pytest.mark.parametrize(("inhalt", "beschreibung"), [
    (csv_bytes("ags;jahr;bev_u15;nef_u15\n03254002;2023;2.411;402"), "Semikolon, Tausenderpunkt"),
    (csv_bytes("ags,jahr,bev_u15,nef_u15\n03254002,2023,2411,402"), "Komma"),
    (csv_bytes("ags\tjahr\tbev_u15\tnef_u15\n03254002\t2023\t2411\t402"), "Tabulator"),
    (b"\xef\xbb\xbf" + csv_bytes("AGS;Jahr;BEV_U15;nef_u15\n3254002;2023;2411;402"), "BOM, Großschrift, AGS ohne 0"),
    (csv_bytes("ags;jahr;bev_u15;nef_u15;;\n03254002;2023;2411;402;;\n;;;;;\n"), "leere Spalten und Zeilen"),
    (csv_bytes('"ags";"jahr";"bev_u15";"nef_u15"\n"03254002";"2023";"2.411";"402"'), "Anführungszeichen"),
    (_xlsx([["ags", "jahr", "bev_u15", "nef_u15"], [3254002, 2023, 2411, 402.0]]), "XLSX, AGS als Zahl"),
])
def test_gueltige_varianten(inhalt, beschreibung, gebiete):
    kz = pruefe_datei(inhalt, "datei", gebiete).kennzahlen
    zeile = kz.zeilen.iloc[0]
    assert {k: zeile[k] for k in WERTE} == WERTE, beschreibung
    assert zeile["name"] == "Alfeld (Leine)"  # aus dem Gemeindeverzeichnis


def test_windows_1252_umlaute(gebiete):
    inhalt = csv_bytes("ags;name;jahr;quelle;bev_u15;nef_u15\n03254032;Söhlde;2023;Statistik für Söhlde;9;1", "cp1252")
    zeile = pruefe_datei(inhalt, "k.csv", gebiete).kennzahlen.zeilen.iloc[0]
    assert (zeile["name"], zeile["quelle"]) == ("Söhlde", "Statistik für Söhlde")


def test_sonderzeichen_der_statistik(gebiete):
    inhalt = csv_bytes("ags;jahr;bev_u15;nef_u15;lb\n03254002;2023;2411;*;-")
    kz = pruefe_datei(inhalt, "k.csv", gebiete).kennzahlen
    assert kz.zeilen.at[0, "lb"] == 0
    assert kz.geheim.at[0, "nef_u15"] and kz.zeilen["nef_u15"].isna().all()
    assert not kz.geheim.at[0, "bev_u15"]


def test_leere_zelle_fehlt_und_ist_nicht_null(gebiete):
    kz = pruefe_datei(csv_bytes("ags;jahr;bev_u15;nef_u15\n03254002;2023;2411;"), "k.csv", gebiete).kennzahlen
    assert kz.zeilen["nef_u15"].isna().all() and not kz.geheim.at[0, "nef_u15"]


def test_hinweise_fuer_ignorierte_spalten_und_standards(gebiete):
    ergebnis = pruefe_datei(csv_bytes("ags;jahr;bemerkung;bev_u15;nef_u15\n03254002;2023;neu;9;1"), "k.csv", gebiete)
    texte = [str(h) for h in ergebnis.hinweise]
    assert "k.csv, Zeile 1, Spalte bemerkung: Unbekannte Spalte „bemerkung“ wird ignoriert." in texte
    assert any("stichtag_sgb2" in t and "Dezember" in t for t in texte)
    zeile = ergebnis.kennzahlen.zeilen.iloc[0]
    assert (zeile["stichtag_sgb2"], zeile["stichtag_bev"], zeile["art"]) == ("2023-12", "2023-12-31", "amtlich")


def test_stichtage_in_deutscher_schreibweise(gebiete):
    inhalt = csv_bytes("ags;jahr;stichtag_sgb2;stichtag_bev;bev_u15;nef_u15\n03254002;2024;06.2024;31.12.2023;9;1")
    zeile = pruefe_datei(inhalt, "k.csv", gebiete).kennzahlen.zeilen.iloc[0]
    assert (zeile["stichtag_sgb2"], zeile["stichtag_bev"]) == ("2024-06", "2023-12-31")


def test_zeilenweise_quelle_und_art_gewinnen(gebiete):
    inhalt = csv_bytes("ags;jahr;quelle;art;bev_u15;nef_u15\n03254002;2023;BA;geschätzt;9;1\n03254003;2023;;;9;1")
    zeilen = pruefe_datei(inhalt, "k.csv", gebiete, quelle="Optionen", art="beispiel").kennzahlen.zeilen
    assert zeilen[["quelle", "art"]].values.tolist() == [["BA", "geschaetzt"], ["Optionen", "beispiel"]]


def test_samtgemeinde_land_und_bund_sind_bekannt(gebiete):
    inhalt = csv_bytes("ags;jahr;bev_u15;nef_u15\n032545406;2023;9;1\n03;2023;9;1\nDG;2023;9;1\n3254;2023;9;1\n"
                       "32545406;2023;9;1")
    with pytest.raises(UngueltigeDatei) as fehler:  # die letzte ist doppelt (Samtgemeinde ohne Null)
        pruefe_datei(inhalt, "k.csv", gebiete)
    assert [str(m) for m in fehler.value.meldungen] == [
        "k.csv, Zeile 6, Spalte ags: 032545406 im Jahr 2023 steht schon in Zeile 2."]


def test_grenzfaelle_die_gueltig_sind(gebiete):
    """Teil gleich Ganzem und das Jahr 1990 sind erlaubt (die Grenzen der Regeln, nicht knapp daneben)."""
    kz = pruefe_datei(_tabelle("03254002;Alfeld (Leine);1990;2411;2411;14730;2411"), "k.csv", gebiete).kennzahlen
    assert kz.zeilen.iloc[0][["jahr", "nef_u15", "lb"]].tolist() == [1990, 2411, 2411]


def test_die_anderen_grenzen_der_pruefung(gebiete):
    """Jede Grenze genau an ihr und knapp daneben: das nächste Jahr ja, das übernächste nicht; zehn Stellen ja (führende
    Nullen zählen nicht), elf nicht; eine Spalte mit zwei Tippfehlern bekommt einen Vorschlag, mit drei nicht;
    200 Meldungen stehen alle da, ab der 201. nur noch ihre Zahl."""
    naechstes = date.today().year + 1
    kz = pruefe_datei(_tabelle(f"03254002;Alfeld (Leine);{naechstes};2411;402;0001234567890;1903"), "k.csv",
                      gebiete).kennzahlen
    assert kz.zeilen.iloc[0][["jahr", "bev_u_rag"]].tolist() == [naechstes, 1234567890]

    def meldungen(inhalt: bytes) -> list[str]:
        with pytest.raises(UngueltigeDatei) as fehler:
            pruefe_datei(inhalt, "k.csv", gebiete)
        return [str(m) for m in fehler.value.meldungen]

    assert meldungen(_tabelle(f"03254002;Alfeld (Leine);{naechstes + 1};2411;402;14730;1903")) == [
        f"k.csv, Zeile 2, Spalte jahr: Das Jahr „{naechstes + 1}“ ist ungültig: erwartet wird eine Jahreszahl von "
        f"1990 bis {naechstes}."]
    elf = meldungen(_tabelle("03254002;Alfeld (Leine);2023;2411;402;12345678901;1903"))
    assert "zu groß für eine Anzahl" in elf[0]
    zwei = meldungen(_tabelle(GUT, kopf=KOPF.replace("bev_u_rag", "bv_u_rg")))
    assert zwei[0].startswith("k.csv, Zeile 1, Spalte bv_u_rg: Unbekannte Spalte „bv_u_rg“ – meinten Sie "
                              "bev_u_rag?")
    drei = pruefe_datei(_tabelle(GUT + ";14730", kopf=KOPF + ";bv_u_r"), "k.csv", gebiete).hinweise
    assert "k.csv, Zeile 1, Spalte bv_u_r: Unbekannte Spalte „bv_u_r“ wird ignoriert." in map(str, drei)
    for anzahl, erwartet in ((200, 200), (201, 201)):
        zeilen = [f"03254002;Alfeld (Leine);{1000 + i};2411;402;14730;1903" for i in range(anzahl)]
        gemeldet = meldungen(_tabelle(*zeilen))
        assert len(gemeldet) == erwartet and all("Das Jahr" in m for m in gemeldet[:200])
        assert (gemeldet[-1] == "k.csv: … und 1 weitere Fehler.") == (anzahl == 201)


def test_schluessel_wie_aemter_und_menschen_sie_schreiben(gebiete):
    """AGS ohne führende Null, ARS (12 Stellen), Schlüssel mit Amtsnamen, eindeutiger Name: jedes wird der AGS.
    Ein Name, der nichts eindeutig trifft, wird abgelehnt und nennt, was gemeint sein könnte."""
    kz = pruefe_datei(csv_bytes("""
        ags;jahr;bev_u15;nef_u15
        3254002;2024;2700;520
        032540021021;2024;14000;2100
        032545406000;2024;3000;300
        03254013 Eime, Flecken;2024;300;20
        Holle;2024;900;40
        Landkreis Hildesheim;2024;40000;7000
    """), "k.csv", gebiete).kennzahlen
    assert kz.zeilen["ags"].tolist() == ["03254", "03254002", "03254013", "03254021", "03254022", "032545406"]
    with pytest.raises(UngueltigeDatei) as fehler:
        pruefe_datei(csv_bytes("""
            ags;jahr;bev_u15;nef_u15
            Gronau;2024;900;40
            03254002 Eime;2024;900;40
        """), "k.csv", gebiete)
    texte = [str(m) for m in fehler.value.meldungen]
    assert any(t.startswith("k.csv, Zeile 2, Spalte ags: Unbekannter AGS „Gronau“") and
               t.endswith("Gemeint ist vielleicht: „Gronau (Leine)“ = 03254043.") for t in texte), texte
    assert any(t.startswith("k.csv, Zeile 3, Spalte ags: Unbekannter AGS „03254002 Eime“") for t in texte), texte


def test_vorlage_mit_einer_ausgefuellten_zeile(gebiete):
    """Die Vorlage aus der Datenpflege, nur Alfeld ausgefüllt: die übrigen vorausgefüllten Gebiete (Kreis und 19
    Gemeinden) werden mit einem Hinweis übergangen, statt „Das Jahr „“ ist ungültig“ zu melden."""
    from indikatoren.einlesen.vorlage import als_xlsx as vorlage_xlsx

    mappe = openpyxl.load_workbook(io.BytesIO(vorlage_xlsx(gebiete)))
    blatt = mappe["Kennzahlen"]
    kopf = [z.value for z in blatt[1]]
    [alfeld] = [z for z in blatt.iter_rows(min_row=2) if z[0].value == "03254002"]
    for spalte, wert in (("jahr", 2025), ("bev_u15", 2700), ("nef_u15", 520)):
        alfeld[kopf.index(spalte)].value = wert
    puffer = io.BytesIO()
    mappe.save(puffer)
    ergebnis = pruefe_datei(puffer.getvalue(), "vorlage.xlsx", gebiete)
    assert ergebnis.kennzahlen.zeilen[["ags", "jahr", "nef_u15"]].values.tolist() == [["03254002", 2025, 520]]
    assert any("20 Zeilen nennen nur ein Gebiet und sonst nichts (Zeile 2, 4, 5," in str(h)  # Alfeld: Zeile 3
               for h in ergebnis.hinweise)


def test_name_nur_wenn_eindeutig(gebiete):
    import pandas as pd

    mit = gebiete.mit_sozialraeumen(pd.DataFrame({"id": ["EIME-1"], "name": ["Eime"], "gemeinde": ["03254013"],
                                                  "vollstaendig": ["nein"]}))
    assert gebiete.normalisiere_ags("Eime") == "03254013" and mit.normalisiere_ags("Eime") is None
    assert mit.normalisiere_ags("eime-1") == "EIME-1" and mit.vorschlag("Eime").count("„Eime“") == 2
