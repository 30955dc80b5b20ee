"""Berichte als PDF über die Kommandozeile: gültig und getaggt (pdfinfo), mit den Zahlen, die Leser für denselben
Datenstand sehen (verglichen mit `veroeffentlichen`), Stichtag, Quellen und dem Wort „Beispieldaten“; eine Seite je
Gemeinde; als Bild gerendert geprüft; Text aus Daten bleibt Text."""

import io
import subprocess
from datetime import date

import pandas as pd
import pytest
from PIL import Image

from indikatoren.grundlagen.zahlenformat import zahl
from kommandozeile.haupt import main
from tests.conftest import HILDESHEIM_GEOJSON

ALFELD, EIME = "03254002", "03254013"


@pytest.fixture(autouse=True)
def geodaten(monkeypatch):
    monkeypatch.setenv("SOZIALPLANUNG_GEODATEN", str(HILDESHEIM_GEOJSON))


def _info(pdf) -> dict[str, str]:
    ausgabe = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (z.partition(":") for z in ausgabe.splitlines())}


def _text(pdf, seite: int | None = None) -> str:
    bereich = ["-f", str(seite), "-l", str(seite)] if seite else []
    return subprocess.run(["pdftotext", *bereich, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def _veroeffentlicht(capsys, jahr: int) -> pd.DataFrame:
    assert main(["veroeffentlichen", "--jahr", str(jahr)]) == 0
    return pd.read_csv(io.StringIO(capsys.readouterr().out), dtype={"ags": str})


def test_gemeindeprofil_alfeld(tmp_path, capsys):
    leser = _veroeffentlicht(capsys, 2024).set_index(["ags", "indikator"])
    pdf = tmp_path / "alfeld.pdf"
    assert main(["bericht", "gemeindeprofil", "--gemeinde", ALFELD, "--ausgabe", str(pdf)]) == 0
    assert f"{pdf} geschrieben" in capsys.readouterr().out
    info = _info(pdf)
    assert (info["Tagged"], info["Pages"], info["Title"]) == ("yes", "1", "Gemeindeprofil Alfeld (Leine) 2024")
    assert info["Page size"].startswith("595.276 x 841.89")  # A4
    text = " ".join(_text(pdf).split())
    for indikator in ("kinderarmut", "sgb2_quote", "elb_quote", "kinderarmut_u3"):
        for ags in (ALFELD, "03254"):  # Gemeinde und Kreis: aus Zähler und Nenner, die Leser sehen, neu gerechnet
            z = leser.loc[(ags, indikator)]
            assert f"{zahl(100 * z['zaehler'] / z['nenner'], 1)} %" in text, (indikator, ags)
    for erwartet in ("Platz 2 von 20", "Dezember 2024", "Zahlen: SGB II: Beispieldaten (synthetisch)",
                     "Bevölkerung: Beispieldaten (synthetisch)", "(31.12.2023)", "Statistik der Bundesagentur für "
                     "Arbeit", "Beispieldaten", "Datenstand 1 vom", "Seite 1 von 1", "Familienzentrum Alfeld",
                     "13,2 % (Juni 2023)", "Angebote nach Lebensphase"):
        assert erwartet in text, erwartet
    # was der Runde Tisch zitiert: data/beispiel_kennzahlen.csv, Alfeld 2024: NEF unter 15 479 von 2.737 Kindern,
    # 2.737 / 479 = 5,71 -> jedes 6. Kind; SGB-II-Quote 1.557 von 14.646
    assert "leben in einer SGB-II-Bedarfsgemeinschaft (479 von 2.737 · jedes 6. Kind)." in text
    assert "1.557 von 14.646" in text


def test_gesperrtes_bleibt_gesperrt(tmp_path, capsys):
    leser = _veroeffentlicht(capsys, 2024).set_index(["ags", "indikator"])
    assert leser.loc[(EIME, "kinderarmut_u3"), "status"] == "nicht_ausweisbar"  # NEF unter 3 = 2 (Beispieldaten)
    pdf = tmp_path / "eime.pdf"
    assert main(["bericht", "gemeindeprofil", "--gemeinde", EIME, "--jahr", "2024", "--ausgabe", str(pdf)]) == 0
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split())
    assert "NEF-Quote unter 3 (Krippenalter) nicht ausweisbar" in text  # Lesereihenfolge: Zeile, dann Wert


def test_alle_gemeinden_je_eine_seite_und_als_bild(tmp_path, gebiete, capsys):
    pdf = tmp_path / "alle.pdf"
    assert main(["bericht", "gemeinden", "--jahr", "2023", "--ausgabe", str(pdf)]) == 0
    fortschritt = capsys.readouterr().err.splitlines()
    assert fortschritt[0] == "[1/21] Gemeinde 1 von 20: Alfeld (Leine)" and fortschritt[-1] == "[21/21] Seiten setzen"
    assert _info(pdf)["Pages"] == "20" and _info(pdf)["Tagged"] == "yes"
    namen = sorted(gebiete.gemeinden["name"])
    for seite, name in enumerate(namen, start=1):
        assert f"Gemeindeprofil {name} 2023" in " ".join(_text(pdf, seite).split())
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "seite")],
                   check=True)
    bild = Image.open(next(tmp_path.glob("seite*.png"))).convert("RGB")
    farben = bild.getcolors(bild.width * bild.height)
    weiss = sum(n for n, f in farben if min(f) > 245)
    assert 0.05 < 1 - weiss / (bild.width * bild.height) < 0.6  # bedruckt, aber keine Fläche voller Farbe
    blau = sum(n for n, (r, g, b) in farben if abs(r - 0x2c) < 30 and abs(g - 0x7f) < 30 and abs(b - 0xb8) < 30)
    assert blau > 20  # die Gemeinde in der Lagekarte


def test_text_aus_daten_bleibt_text(tmp_path, gebiete):
    from indikatoren.ablaeufe.einlesung import oeffne_ablage
    from indikatoren.orte import einrichtungspflege
    from indikatoren.orte.einrichtungen import mitgeliefert
    liste = mitgeliefert()
    liste.loc[1, "name"] = "<b>KUBA</b> & <script>x()</script>"
    einrichtungspflege.staende(oeffne_ablage(gebiete)).speichern(liste, von="t", kommentar="böse")
    pdf = tmp_path / "alfeld.pdf"
    assert main(["bericht", "gemeindeprofil", "--gemeinde", ALFELD, "--ausgabe", str(pdf)]) == 0
    assert "<b>KUBA</b> & <script>x()</script>" in _text(pdf)


def test_fehler_mit_klarer_meldung(tmp_path, capsys):
    assert main(["bericht", "gemeindeprofil", "--gemeinde", "03241001", "--ausgabe", str(tmp_path / "x.pdf")]) == 1
    assert "keine Gemeinde des Kreises 03254" in capsys.readouterr().err
    assert main(["bericht", "gemeinden", "--jahr", "2031", "--ausgabe", str(tmp_path / "x.pdf")]) == 1
    assert "kein Jahr 2031; vorhanden: 2019, 2020" in capsys.readouterr().err
    assert main(["bericht", "gemeinden", "--ausgabe", str(tmp_path / "x.docx")]) == 1
    assert "bitte .pdf als Endung" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "x.docx").exists()


def test_sozialbericht_mit_allen_gemeinden_wie_leser_sie_sehen(tmp_path, capsys, gebiete):
    from indikatoren.grundlagen import katalog
    leser = _veroeffentlicht(capsys, 2024).set_index(["ags", "indikator"])
    pdf = tmp_path / "sozialbericht.pdf"
    assert main(["bericht", "sozialbericht", "--jahr", "2024", "--ausgabe", str(pdf)]) == 0
    assert capsys.readouterr().err.splitlines()[-1] == "[7/7] Seiten setzen"
    info = _info(pdf)
    assert info["Tagged"] == "yes" and info["Title"] == "Sozialbericht Landkreis Hildesheim 2024"
    assert int(info["Pages"]) >= 5
    text = " ".join(_text(pdf).split())
    for erwartet in ("jedes 6. Kind", "Beispieldaten", "Zahlen: SGB II: Beispieldaten (synthetisch)", "(Dezember 2024)",
                     "(31.12.2023)",
                     "Kleine Zahlen (1 und 2) werden nicht gezeigt", "Präventionskette", "natürlichen Brüchen (Jenks)",
                     *(i.definition[:60] for i in katalog.INDIKATOREN)):
        assert erwartet in text, erwartet

    def erwartet(ags: str, indikator: str) -> str:
        z = leser.loc[(ags, indikator)]
        return "nicht ausweisbar" if z["status"] == "nicht_ausweisbar" else \
            f"{zahl(100 * z['zaehler'] / z['nenner'], 1)} %"

    zeilen = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                            check=True).stdout.splitlines()
    anfang = next(i for i, z in enumerate(zeilen) if z.strip().startswith("Alle Gemeinden 2024"))
    for ags, name in [*zip(gebiete.gemeinden["ags"], gebiete.gemeinden["name"]), ("03254", "Landkreis Hildesheim")]:
        zeile = next(z for z in zeilen[anfang:] if z.strip().startswith(name + "  "))
        zellen = [c.strip().replace("\u00a0", " ") for c in zeile.split("  ") if c.strip()]
        assert zellen[1:] == [erwartet(ags, i.id) for i in katalog.INDIKATOREN], name


def test_seite_berichte_erstellt_mit_fortschritt_und_bietet_das_pdf_an():
    from streamlit.testing.v1 import AppTest

    from tests.conftest import PROJEKT
    app = AppTest.from_file(str(PROJEKT / "app.py"), default_timeout=120)
    app.switch_page("pages/berichte.py").run()
    assert not app.exception and app.title[0].value == "Berichte"
    app.button(key="erstellen_sozialbericht").click().run()
    assert not app.exception and not app.error
    knopf = app.get("download_button")
    assert [b.label for b in knopf][-1].startswith("Sozialbericht 2024 herunterladen (PDF, ")


def test_jahresbericht_mit_sperrung_kleiner_zahlen(tmp_path, capsys, gebiete):
    """Von Hand: Kontakte Kita 12 (persönlich, April), Ehrenamt 1 (telefonisch, April), Gesundheit 4 (E-Mail, Mai).
    Thema und Weg: die 1 ist primär gesperrt, die 4 sekundär (sonst wäre 1 = 17 − 12 − 4); Monat: April 13, Mai 4
    bleiben. Kosten: Plan 600 + 1.200, Ist 512,40 (Eigenanteil) + 1.000 (Drittmittel)."""
    from datetime import date

    from berichte.daten import Berichtsdaten
    from berichte.jahresbericht import inhalt
    from familienzentrum import daten
    from indikatoren.ablaeufe.einlesung import oeffne_ablage
    from tests.test_familienzentrum import _mappe
    ablage = oeffne_ablage(gebiete)
    daten.einlesen(ablage, _mappe({
        "Kontakte": [["jahr", "monat", "thema", "weg", "anzahl"], ["2025", "4", "Kita und Krippe", "persönlich", "12"],
                     ["2025", "4", "Ehrenamt", "telefonisch", "1"], ["2025", "5", "Gesundheit", "E-Mail/online", "4"],
                     ["2026", "1", "Sonstiges", "persönlich", "99"]],  # anderes Jahr: zählt nicht
        "Veranstaltungen": [["datum", "titel", "art", "teilnehmende"], ["2025-04-05", "Eröffnungsfest", "Fest", "80"],
                            ["2025-06-01", "Elterncafé", "Café", "2"], ["2025-07-01", "Vortrag", "Vortrag", "15"]],
        "Ziele": [["jahr", "ziel", "schritte", "stand", "kommentar"], ["2025", "Sprechzeiten etablieren", "vier",
                                                                      "teilweise", "läuft"]],
        "Kosten": [["jahr", "position", "plan", "ist", "finanzierung"], ["2025", "Büromaterial", "600", "512,40",
                                                                          "Eigenanteil"],
                   ["2025", "Veranstaltungen", "1200", "1000", "Drittmittel"]],
        "Texte": [["jahr", "einleitung", "ausblick"], ["2025", "Das erste Jahr <b>im</b> Zentrum.", "Mehr Kurse."]],
    }), "fz.xlsx", von="fz", kommentar="2025", heute=date(2026, 11, 21))
    berichtsdaten = Berichtsdaten.laden(ablage, gebiete)
    werte = inhalt(berichtsdaten, 2025)
    thema, weg, monat = (dict(z) for _, z in werte["kontakte"])
    assert werte["kontakte_gesamt"] == "17"
    assert (thema["Kita und Krippe"], thema["Ehrenamt"], thema["Gesundheit"]) == ("12", "nicht ausweisbar",
                                                                                  "nicht ausweisbar")
    assert (weg["persönlich"], weg["telefonisch"], weg["E-Mail/online"]) == ("12", "nicht ausweisbar",
                                                                             "nicht ausweisbar")
    assert (monat["April"], monat["Mai"], monat["Januar"]) == ("13", "4", "0")
    teilnehmende = [z[3] for z in werte["veranstaltungen"]["zeilen"]]
    assert teilnehmende == ["80", "nicht ausweisbar", "nicht ausweisbar"] and werte["veranstaltungen"]["summe"] == "97"
    k = werte["kosten"]
    assert (k["plan"], k["ist"], k["eigenanteil"], k["drittmittel"]) == ("1.800,00\u00a0€", "1.512,40\u00a0€",
                                                                         "512,40\u00a0€", "1.000,00\u00a0€")

    pdf = tmp_path / "jahresbericht.pdf"
    assert main(["bericht", "jahresbericht", "--jahr", "2025", "--ausgabe", str(pdf)]) == 0
    info = _info(pdf)
    assert info["Tagged"] == "yes" and info["Title"] == "Jahresbericht Familienzentrum Alfeld 2025"
    text = " ".join(_text(pdf).split())
    for erwartet in ("Das erste Jahr <b>im</b> Zentrum.", "Mehr Kurse.", "Sprechzeiten etablieren", "Eröffnungsfest",
                     "1.800,00 €", "Drittmittel 1.000,00 €", "Soziale Lage in Alfeld (Leine)",
                     "Frühe Hilfen: Beratung rund um Kinder", "Kontakte: 17", "nicht ausweisbar",
                     "Stichtag: Zählung 2025; Sozialdaten: SGB II Dezember 2024, Bevölkerung 31.12.2023",
                     "Beispieldaten"):
        assert erwartet in text, erwartet
    assert "99" not in _text(pdf).split()  # das andere Jahr nicht


def test_seite_berichte_jahresbericht_fuer_ein_jahr_des_familienzentrums():
    from streamlit.testing.v1 import AppTest

    from tests.conftest import PROJEKT
    app = AppTest.from_file(str(PROJEKT / "app.py"), default_timeout=120)
    app.switch_page("pages/berichte.py").run()
    app.selectbox(key="jahr_jahresbericht").set_value(2025).run()
    app.button(key="erstellen_jahresbericht").click().run()
    assert not app.exception and not app.error
    knoepfe = [b.label for b in app.get("download_button")]
    assert knoepfe[-2].startswith("Jahresbericht Familienzentrum 2025 herunterladen (PDF, ")
    assert knoepfe[-1] == "Jahresbericht Familienzentrum 2025 als Word-Dokument (DOCX)"


def test_jahresbericht_als_docx_zum_weiterschreiben(tmp_path, gebiete):
    from datetime import date

    from docx import Document

    from familienzentrum import daten
    from indikatoren.ablaeufe.einlesung import oeffne_ablage
    from tests.test_familienzentrum import GUT, _mappe
    daten.einlesen(oeffne_ablage(gebiete), _mappe(GUT), "fz.xlsx", von="fz", kommentar="2025",
                   heute=date(2026, 11, 21))
    ziel = tmp_path / "jahresbericht.docx"
    assert main(["bericht", "jahresbericht", "--jahr", "2025", "--ausgabe", str(ziel)]) == 0
    dok = Document(str(ziel))
    assert dok.core_properties.title == "Jahresbericht Familienzentrum Alfeld 2025"
    seite = dok.sections[0]
    assert (round(seite.page_width.mm), round(seite.page_height.mm)) == (210, 297)  # A4, nicht US Letter
    ueberschriften = [p.text for p in dok.paragraphs if p.style.name.startswith("Heading")]
    assert ueberschriften[:3] == ["Einleitung", "Das Jahr in Zahlen", "Veranstaltungen"]
    zellen = {z.text for t in dok.tables for r in t.rows for z in r.cells}
    assert {"Kita und Krippe", "17", "Eröffnungsfest", "1.200", "512,40\u00a0€", "Sprechzeiten etablieren"} <= zellen
    assert main(["bericht", "sozialbericht", "--ausgabe", str(tmp_path / "x.docx")]) == 1  # nur der Jahresbericht


def test_teilnehmende_zusammen_1_oder_2_stehen_nie_da():
    """Die Summe der Teilnehmenden ist eine Zahl wie jede andere: 2 stehen als gesperrt da, und weil die Summe
    neben der einzigen angegebenen Veranstaltung steht, diese auch; eine Veranstaltung ohne Angabe bleibt „–“."""
    from berichte.jahresbericht import GESPERRT, _veranstaltungen

    tabelle = pd.DataFrame({"datum": ["2025-05-01", "2025-06-01"], "titel": ["Elterncafé", "Sprechstunde"],
                            "art": ["Gruppe", "Beratung"], "teilnehmende": ["2", ""]})
    w = _veranstaltungen(tabelle)
    assert (w["summe"], w["zeilen"][0][3], w["zeilen"][1][3], w["anzahl"]) == (GESPERRT, GESPERRT, "–", 2)
    w = _veranstaltungen(tabelle.assign(teilnehmende=["12", "7"]))
    assert (w["summe"], w["zeilen"][0][3], w["zeilen"][1][3]) == ("19", "12", "7")


def test_kostenplan_der_konzeption_gilt_ab_der_eroeffnung_bis_eigene_zahlen_kommen(tmp_path, gebiete):
    """Ohne eigene Kosten zeigt der Jahresbericht ab dem Eröffnungsjahr (2025) den Plan der Konzeption mit Hinweis;
    davor nichts; mit eigenen Zahlen des Jahres (tests/test_familienzentrum) nur diese."""
    from docx import Document

    from berichte.jahresbericht import NUR_PLAN
    from familienzentrum import daten
    from indikatoren.ablaeufe.einlesung import oeffne_ablage
    from tests.test_familienzentrum import GUT, _mappe

    def bericht(jahr: int) -> tuple[set[str], list[str]]:
        ziel = tmp_path / f"j{jahr}.docx"
        assert main(["bericht", "jahresbericht", "--jahr", str(jahr), "--ausgabe", str(ziel)]) == 0
        dok = Document(str(ziel))
        return {z.text for t in dok.tables for r in t.rows for z in r.cells}, [p.text for p in dok.paragraphs]

    zellen, absaetze = bericht(2025)
    assert {"Büromaterial", "600,00\u00a0€", "Veranstaltungen", "1.200,00\u00a0€", "Miete", "noch offen",
            "3.000,00\u00a0€"} <= zellen and NUR_PLAN in absaetze
    zellen, absaetze = bericht(2024)
    assert "Büromaterial" not in zellen and NUR_PLAN not in absaetze  # vor der Eröffnung kein Plan
    daten.einlesen(oeffne_ablage(gebiete), _mappe(GUT), "fz.xlsx", von="fz", kommentar="2025",
                   heute=date(2026, 11, 21))
    zellen, absaetze = bericht(2025)
    assert "512,40\u00a0€" in zellen and NUR_PLAN not in absaetze  # eigene Zahlen gehen vor
