"""Die Zahlen des Familienzentrums für den Jahresbericht: Vorlage, Einlesen als versionierte Listen, Export und
Wiedereinlesen ohne Änderung, Fehler mit Datei, Blatt, Zeile und Spalte."""

import io
from datetime import date

import openpyxl
import pytest

from familienzentrum import daten, katalog, mappe
from indikatoren.ablaeufe.einlesung import oeffne_ablage
from indikatoren.ablage.listen import Listen
from indikatoren.grundlagen.meldungen import UngueltigeDatei
from kommandozeile.haupt import main

HEUTE = date(2026, 11, 21)


def _mappe(blaetter: dict[str, list[list[str]]]) -> bytes:
    """Eine XLSX-Mappe mit den Blättern (Kopfzeile zuerst), wie sie jemand in Excel ausfüllt."""
    buch = openpyxl.Workbook()
    buch.remove(buch.active)
    for name, zeilen in blaetter.items():
        blatt = buch.create_sheet(name)
        for z in zeilen:
            blatt.append(z)
            for zelle in blatt[blatt.max_row]:
                if isinstance(zelle.value, str) and zelle.value.startswith("="):
                    zelle.data_type = "s"  # als Text eingegeben, nicht als Formel
    puffer = io.BytesIO()
    buch.save(puffer)
    return puffer.getvalue()


GUT = {
    "Kontakte": [["jahr", "monat", "thema", "weg", "anzahl"], ["2025", "4", "Kita und Krippe", "persönlich", "12"],
                 ["2025", "4", "Kita und Krippe", "telefonisch", "5"], [2025, 5, "Gesundheit", "E-Mail/online", 3]],
    "Veranstaltungen": [["datum", "titel", "art", "teilnehmende"], ["05.04.2025", "Eröffnungsfest", "Fest", "1.200"]],
    "Partner": [["name", "art", "seit"], ["Kita St. Nicolai", "Kita", "2025"]],
    "Ziele": [["jahr", "ziel", "schritte", "stand", "kommentar"],
              ["2025", "Sprechzeiten etablieren", "vier feste Zeiten", "teilweise", ""]],
    "Kosten": [["jahr", "position", "plan", "ist", "finanzierung"], ["2025", "Büromaterial", "600", "512,40",
                                                                      "Eigenanteil"]],
    "Texte": [["jahr", "einleitung", "ausblick"], ["2025", "Das erste Jahr.", "=HYPERLINK(\"x\")"]],
}


def test_einlesen_exportieren_und_wieder_einlesen(gebiete):
    ablage = oeffne_ablage(gebiete)
    staende = daten.einlesen(ablage, _mappe(GUT), "fz.xlsx", von="fz (netzwerk)", kommentar="2025", heute=HEUTE)
    assert set(staende) == {a.name for a in katalog.LISTEN}  # alle sechs geändert
    listen = daten.aktuelle(ablage, HEUTE)
    kontakte = listen[katalog.KONTAKTE.name]
    assert kontakte[["monat", "anzahl"]].values.tolist() == [["4", "12"], ["4", "5"], ["5", "3"]]
    assert kontakte["id"].tolist() == ["K001", "K002", "K003"]
    assert listen[katalog.VERANSTALTUNGEN.name].iloc[0][["datum", "teilnehmende"]].tolist() == ["2025-04-05", "1200"]
    assert listen[katalog.KOSTEN.name].iloc[0][["plan", "ist"]].tolist() == ["600.00", "512.40"]
    assert listen[katalog.TEXTE.name].iloc[0]["ausblick"] == '=HYPERLINK("x")'  # Text bleibt Text

    export = mappe.als_xlsx(listen)
    blatt = openpyxl.load_workbook(io.BytesIO(export))["Texte"]
    assert blatt["D2"].value.startswith("'=")  # im Export entschärft
    assert daten.einlesen(ablage, export, "export.xlsx", von="fz", kommentar="unverändert", heute=HEUTE) == {}
    nur_kontakte = _mappe({"Kontakte": [*GUT["Kontakte"], ["2025", "6", "Sonstiges", "persönlich", "1"]],
                           "Partner": [["name", "art", "seit"]]})  # leeres Blatt: Partner bleiben
    assert daten.einlesen(ablage, nur_kontakte, "juni.xlsx", von="fz", kommentar="Juni", heute=HEUTE) == {
        katalog.KONTAKTE.name: 2}
    assert len(Listen(ablage, katalog.PARTNER).lesen()[1]) == 1


def test_fehler_mit_blatt_zeile_und_spalte_und_nichts_gespeichert(gebiete):
    ablage = oeffne_ablage(gebiete)
    falsch = {k: [list(z) for z in v] for k, v in GUT.items()}
    falsch["Kontakte"][1][1] = "13"
    falsch["Kontakte"][2][2] = "Fußball"
    falsch["Kontakte"][3][4] = "drei"
    falsch["Veranstaltungen"][1][0] = "2027-01-01"
    falsch["Kosten"][1][3] = "-5"
    del falsch["Ziele"][0][3]  # Spalte stand fehlt
    with pytest.raises(UngueltigeDatei) as fehler:
        daten.einlesen(ablage, _mappe(falsch), "fz.xlsx", von="fz", kommentar="kaputt", heute=HEUTE)
    texte = [str(m) for m in fehler.value.meldungen]
    for erwartet in ("fz.xlsx, Blatt Kontakte, Zeile 2, Spalte monat: „13“ ist kein Monat (1 bis 12).",
                     "fz.xlsx, Blatt Kontakte, Zeile 3, Spalte thema: „Fußball“ ist nicht erlaubt",
                     "fz.xlsx, Blatt Kontakte, Zeile 4, Spalte anzahl: „drei“ ist keine ganze Zahl ab 0.",
                     "fz.xlsx, Blatt Veranstaltungen, Zeile 2, Spalte datum: „2027-01-01“ ist kein Tag",
                     "fz.xlsx, Blatt Ziele, Zeile 1, Spalte stand: Die Pflichtspalte „stand“ fehlt.",
                     "fz.xlsx, Blatt Kosten, Zeile 2, Spalte ist: „-5“ ist kein Betrag in Euro"):
        assert any(t.startswith(erwartet) for t in texte), (erwartet, texte)
    assert all(Listen(ablage, a).lesen() is None for a in katalog.LISTEN)
    assert ablage.protokolleintraege().iloc[-1][["aktion", "erfolg"]].tolist() == ["familienzentrum", False]
    with pytest.raises(UngueltigeDatei, match=r"fz.xlsx: Die Datei ist keine lesbare XLSX-Arbeitsmappe "
                                              r"\(BadZipFile\)\. Bitte die Vorlage"):
        daten.pruefe_mappe(b"kein xlsx", "fz.xlsx")


def test_kommandozeile_vorlage_mit_kostenplan(tmp_path, capsys):
    vorlage = tmp_path / "vorlage.xlsx"
    assert main(["familienzentrum", "vorlage", str(vorlage)]) == 0
    buch = openpyxl.load_workbook(vorlage)
    assert buch.sheetnames == [*katalog.BLAETTER.values(), "Erläuterung"]
    kosten = [[c.value for c in z] for z in buch["Kosten"].iter_rows(min_row=2)]
    assert [(z[2], z[3], z[5]) for z in kosten] == [("Büromaterial", "600", "Eigenanteil"), (
        "Kreativ- und Arbeitsmaterial", "600", "Eigenanteil"), ("Veranstaltungen", "1200", "Drittmittel"), (
        "Öffentlichkeitsarbeit", "600", "Eigenanteil"), ("Miete", None, "Eigenanteil")]
    assert main(["familienzentrum", "einlesen", str(vorlage), "--kommentar", "Plan"]) == 0
    assert "Stand der Kosten 1 gespeichert und aktiv." in capsys.readouterr().out
    assert main(["familienzentrum", "pruefen", str(tmp_path / "x.csv")]) == 1
    assert "bitte eine .xlsx-Datei angeben" in capsys.readouterr().err


def test_sicherung_enthaelt_die_listen_des_familienzentrums(gebiete, tmp_path):
    from indikatoren.ablaeufe import sicherung
    from indikatoren.ablage.datenstaende import Ablage
    alt = oeffne_ablage(gebiete)
    daten.einlesen(alt, _mappe(GUT), "fz.xlsx", von="fz", kommentar="2025", heute=HEUTE)
    Listen(alt, katalog.PARTNER).speichern(Listen(alt, katalog.PARTNER).lesen()[1].iloc[:0], von="fz",
                                           kommentar="alle Partner beendet")  # ein Stand ohne Zeilen
    neu = Ablage(f"sqlite:///{tmp_path / 'neu.sqlite'}")
    sicherung.wiederherstellen(neu, sicherung.erstellen(alt), gebiete, von="admin")
    for art in katalog.LISTEN:
        assert Listen(neu, art).lesen()[1].equals(Listen(alt, art).lesen()[1]), art.name
    assert [s.id for s in Listen(neu, katalog.PARTNER).staende()] == [1, 2]


def test_berichtsjahre_das_letzte_abgeschlossene_zuerst():
    from familienzentrum.pruefung import berichtsjahre
    assert berichtsjahre(date(2026, 11, 21)) == [2025, 2026]
    assert berichtsjahre(date(2025, 5, 1)) == [2025]  # im Eröffnungsjahr nur dieses


def test_datumszelle_aus_excel_ist_ein_tag(gebiete):
    """In Excel getippt ist „29.03.2025“ eine Datumszelle (Zeitpunkt 00:00); sie gilt wie der Text."""
    from datetime import date as tag
    from datetime import datetime

    ablage = oeffne_ablage(gebiete)
    mappe = {**GUT, "Veranstaltungen": [GUT["Veranstaltungen"][0], [datetime(2025, 3, 29), "Eröffnung", "Fest", 80],
                                        [tag(2025, 4, 5), "Fest", "Fest", 1200]]}
    daten.einlesen(ablage, _mappe(mappe), "fz.xlsx", von="fz", kommentar="Excel", heute=HEUTE)
    gelesen = Listen(ablage, katalog.VERANSTALTUNGEN).lesen()[1]
    assert gelesen["datum"].tolist() == ["2025-03-29", "2025-04-05"]


def test_datum_als_excel_datumszelle():
    """Wer in Excel ein Datum tippt, speichert eine Datumszelle (auch mit Uhrzeit 0:00), keinen Text: beides gilt."""
    from datetime import date, datetime

    from familienzentrum import daten
    mappe = GUT | {"Veranstaltungen": [["datum", "titel", "art", "teilnehmende"],
                                       [datetime(2025, 4, 5), "Eröffnungsfest", "Fest", 1200],
                                       [date(2025, 6, 1), "Sommerfest", "Fest", 80]]}
    gelesen = daten.pruefe_mappe(_mappe(mappe), "fz.xlsx", heute=date(2026, 11, 21))["fz_veranstaltungen"]
    assert gelesen[["datum", "titel", "teilnehmende"]].values.tolist() == [["2025-04-05", "Eröffnungsfest", "1200"],
                                                                         ["2025-06-01", "Sommerfest", "80"]]
