"""Angebote der Präventionskette: Prüfung mit Datei, Zeile und Spalte; Lückenmatrix von Hand nachgezählt."""

import io
from datetime import date

import pandas as pd
import pytest

from angebote import katalog, liste, luecken
from angebote.pruefung import lies_angebote
from indikatoren.grundlagen.meldungen import UngueltigeDatei
from kommandozeile.haupt import main
from tests.conftest import PROJEKT

ALFELD, HILDESHEIM = "03254002", "03254021"


def _als_csv(tabelle: pd.DataFrame) -> bytes:
    return tabelle.to_csv(sep=";", index=False).encode("utf-8")


@pytest.fixture
def zweite_liste(gebiete) -> pd.DataFrame:
    """Die mitgelieferte Liste, drei davon bestätigt und aktiv, dazu ein kreisweites Angebot, eines in Hildesheim,
    ein weiteres Elternangebot in Alfeld und ein beendetes."""
    tabelle = liste.mitgeliefert(gebiete).set_index("id")
    tabelle.loc[["A004", "A005", "A006"], "status"] = "aktiv"  # Gesundheit; zweimal Beratung (0-3 … 10-18)
    vorlage = tabelle.loc["A005"].to_dict()
    neu = pd.DataFrame([
        vorlage | {"titel": "Schuldnerberatung", "gemeinde": katalog.KREISWEIT, "lebensphasen": "alle",
                   "handlungsfeld": "Materielle Hilfen", "status": "aktiv"},
        vorlage | {"titel": "Elternkurs Hildesheim", "gemeinde": HILDESHEIM, "lebensphasen": "0-3", "status": "aktiv"},
        vorlage | {"titel": "Elterncafé", "lebensphasen": "0-3", "status": "aktiv"},
        vorlage | {"titel": "Alter Kurs", "lebensphasen": "0-3", "status": "beendet"},
    ], index=["", "", "", ""])
    return pd.concat([tabelle, neu]).rename_axis("id").reset_index()


def test_mitgelieferte_angebote(gebiete):
    angebote = liste.mitgeliefert(gebiete)
    assert len(angebote) == 8 and set(angebote["status"]) == {"geplant"} and set(angebote["gemeinde"]) == {ALFELD}
    assert angebote["id"].tolist() == [f"A00{n}" for n in range(1, 9)]
    assert angebote["zuordnung"].str.contains("abgeleitet").all()  # die Herkunft der Einordnung steht dabei
    leer = luecken.matrix(angebote, HILDESHEIM)  # eine Gemeinde ohne jedes Angebot
    assert len(leer) == 50 and leer["luecke"].all() and (leer[["anzahl", "geplant"]] == 0).all().all()


def test_lueckenmatrix_von_hand(gebiete, zweite_liste):
    geprueft = lies_angebote(_als_csv(zweite_liste), "zweite.csv", gebiete)
    m = luecken.matrix(geprueft, ALFELD).set_index(["lebensphase", "handlungsfeld"])
    assert len(m) == 5 * 10
    # 0-3, Beratung: A005, A006, Elterncafé (nicht: Hildesheim, beendet) -> 3, also mögliche Doppelung
    assert m.loc[("0-3", "Beratung und Elternbildung")].tolist() == [3, 0, 0, False, True, "doppelt"]
    assert m.loc[("6-10", "Beratung und Elternbildung")].tolist() == [2, 0, 0, False, False, "abgedeckt"]
    # kreisweit zählt für Alfeld, auch rund um die Geburt („alle“)
    assert m.loc[("rund um die Geburt", "Materielle Hilfen")].tolist() == [1, 1, 0, False, False, "abgedeckt"]
    # Frühe Hilfen (A007) ist nur geplant: eine Lücke, mit einem geplanten Angebot daneben
    assert m.loc[("rund um die Geburt", "Frühe Hilfen")].tolist() == [0, 0, 1, True, False, "geplant"]
    assert m.loc[("10-18", "Gesundheit"), "anzahl"] == 1
    assert m.loc[("rund um die Geburt", "Gesundheit"), "zustand"] == "luecke"
    kreis = luecken.matrix(geprueft).set_index(["lebensphase", "handlungsfeld"])
    assert kreis.loc[("0-3", "Beratung und Elternbildung"), "anzahl"] == 4  # mit Hildesheim
    hildesheim = luecken.matrix(geprueft, HILDESHEIM).set_index(["lebensphase", "handlungsfeld"])
    assert hildesheim.loc[("0-3", "Beratung und Elternbildung"), "anzahl"] == 1
    assert hildesheim["anzahl"].sum() == 1 + 5  # Elternkurs, dazu kreisweit je Phase
    # ein Sozialraum: was dort stattfindet (A005), dazu die kreisweiten; nicht A006 und Elterncafé (anderer Ort)
    orte = {"A005": "ALF-01", "A006": "ALF-02"}
    im_sozialraum = geprueft.assign(sozialraum=[orte.get(k, "ALF-02" if g == ALFELD else "")
                                                for k, g in zip(geprueft["id"], geprueft["gemeinde"])])
    sr = luecken.matrix(im_sozialraum, ALFELD, "ALF-01").set_index(["lebensphase", "handlungsfeld"])
    assert sr.loc[("0-3", "Beratung und Elternbildung")].tolist() == [1, 0, 0, False, False, "abgedeckt"]
    assert sr.loc[("rund um die Geburt", "Materielle Hilfen")].tolist() == [1, 1, 0, False, False, "abgedeckt"]
    assert sr["davon_kreisweit"].sum() == sr.loc[(slice(None), "Materielle Hilfen"), "anzahl"].sum() == 5


def test_uebergaenge_von_hand(gebiete, zweite_liste):
    """Ein Jahr vor und nach dem Übergang: A004-A006 (0-3 bis 10-18) und die kreisweite Schuldnerberatung („alle“)
    aktiv; A001, A003 („alle“), A008 (0-3 bis 10-18) geplant; nicht A002 (bis 6), A007 (bis 3), die Elternkurse (0-3),
    der beendete Kurs, und in Alfeld nicht der in Hildesheim."""
    from angebote import uebergaenge
    alfeld = luecken.im_gebiet(lies_angebote(_als_csv(zweite_liste), "zweite.csv", gebiete), ALFELD)
    kita = uebergaenge.bruecken(alfeld, uebergaenge.UEBERGAENGE[0])
    # aktive zuerst, je Status die kleinere Spanne (0 bis 215 Monate vor „alle“: −9 bis 215), dann der Titel
    assert kita["titel"].str[:12].tolist() == ["Erziehungsbe", "Kinder- und ", "Sprechstunde", "Schuldnerber",
                                               "Verfahrenslo", "Sprechzeit A", "Sprechzeit e"]
    assert kita["status"].tolist() == ["aktiv"] * 4 + ["geplant"] * 3
    # ein eigenes Alter geht den Phasen vor: 5 bis 7 Jahre überbrückt nur Kita → Grundschule
    brueckenjahr = alfeld.iloc[[0]].assign(titel="Brückenjahr", lebensphasen="3-6", alter_von="5 Jahre",
                                          alter_bis="7 Jahre", status="aktiv")
    assert [len(uebergaenge.bruecken(brueckenjahr, u)) for u in uebergaenge.UEBERGAENGE] == [1, 0, 0]
    # Grenzen: 60 und 84 Monate gehören dazu, 61 reicht nicht
    assert uebergaenge.spanne({"alter_von": "60 Monate", "alter_bis": "84 Monate", "lebensphasen": ""}) == (60, 84)
    assert len(uebergaenge.bruecken(brueckenjahr.assign(alter_von="61 Monate"), uebergaenge.UEBERGAENGE[0])) == 0
    assert uebergaenge.bruecken(alfeld.iloc[0:0], uebergaenge.UEBERGAENGE[0]).empty  # ohne Angebote: leer
    jugend = brueckenjahr.assign(alter_von="", alter_bis="", lebensphasen="10-18")
    assert [len(uebergaenge.bruecken(jugend, u)) for u in uebergaenge.UEBERGAENGE] == [0, 0, 1]


def test_kommandozeile_luecken(tmp_path, capsys, zweite_liste):
    assert main(["angebote", "luecken", "--gemeinde", ALFELD]) == 0
    mitgeliefert = pd.read_csv(io.StringIO(capsys.readouterr().out), sep=";")
    assert list(mitgeliefert.columns) == ["lebensphase", "handlungsfeld", "anzahl"] and len(mitgeliefert) == 50
    assert (mitgeliefert["anzahl"] == 0).all()  # alle 8 nur geplant
    datei = tmp_path / "zweite.csv"
    datei.write_bytes(_als_csv(zweite_liste))
    assert main(["angebote", "luecken", "--gemeinde", "3254002", "--datei", str(datei)]) == 0
    zweite = pd.read_csv(io.StringIO(capsys.readouterr().out), sep=";").set_index(["lebensphase", "handlungsfeld"])
    assert zweite.loc[("0-3", "Beratung und Elternbildung"), "anzahl"] == 3
    assert main(["angebote", "pruefen", str(datei)]) == 0
    assert "zweite.csv: gültig, 12 Angebote (5 geplant, 6 aktiv, 1 beendet)." in capsys.readouterr().out


def test_fehler_mit_zeile_und_spalte(gebiete):
    tabelle = pd.read_csv(PROJEKT / "data" / "angebote.csv", sep=";", dtype=str, keep_default_na=False)
    tabelle.loc[0, "lebensphasen"] = "0-3|0-99"
    tabelle.loc[1, "gemeinde"] = "03241001"
    tabelle.loc[2, "id"] = "A001"
    tabelle.loc[3, "status"] = "läuft"
    tabelle.loc[4, "bestaetigt_am"] = "2026-12-24"
    tabelle.loc[5, "titel"] = "Kurs\x07"
    tabelle.loc[6, "handlungsfeld"] = ""
    with pytest.raises(UngueltigeDatei) as fehler:
        lies_angebote(_als_csv(tabelle), "a.csv", gebiete, heute=date(2026, 11, 21))
    texte = [str(m) for m in fehler.value.meldungen]
    for erwartet in ("a.csv, Zeile 2, Spalte lebensphasen: Unbekannte Lebensphase „0-99“",
                     "a.csv, Zeile 3, Spalte gemeinde: „03241001“ ist keine Gemeinde des Kreises 03254",
                     "a.csv, Zeile 2, Spalte id: Die Kennung „A001“ kommt mehrfach vor.",
                     "a.csv, Zeile 4, Spalte id: Die Kennung „A001“ kommt mehrfach vor.",
                     "a.csv, Zeile 5, Spalte status: „läuft“ ist nicht erlaubt (geplant, aktiv, beendet).",
                     "a.csv, Zeile 6, Spalte bestaetigt_am: Das Datum 24.12.2026 liegt in der Zukunft.",
                     "a.csv, Zeile 7, Spalte titel: Die Zelle enthält ein unsichtbares Steuerzeichen",
                     "a.csv, Zeile 8, Spalte handlungsfeld: Pflichtangabe fehlt; bitte ausfüllen."):
        assert any(t.startswith(erwartet) for t in texte), (erwartet, texte)
    assert len(texte) == 8
    with pytest.raises(UngueltigeDatei, match="Die Pflichtspalte „status“ fehlt"):
        lies_angebote(_als_csv(tabelle.drop(columns="status")), "a.csv", gebiete)


def test_angebote_je_einrichtung_und_im_tooltip(gebiete):
    from angebote.orte import hat_aktive, je_einrichtung, je_lebensphase
    from darstellung.karte import choroplethenkarte
    from indikatoren.grundlagen import geodaten
    from indikatoren.grundlagen.katalog import indikator
    from indikatoren.orte.einrichtungen import aufbereitet, mitgeliefert
    from tests.conftest import HILDESHEIM_GEOJSON
    einrichtungen = aufbereitet(mitgeliefert())
    angebote = liste.mitgeliefert(gebiete)
    je = je_einrichtung(angebote, einrichtungen)
    fz = je[einrichtungen["kategorie"] == "Familienzentrum"].iloc[0]
    assert len(fz) == 8 and not hat_aktive(fz) and je[einrichtungen["kategorie"] == "Kita"].map(len).eq(0).all()
    # von Hand aus data/angebote.csv: „alle“ (A001, A003) deckt jede Phase; A007 rund um die Geburt und 0-3;
    # A002 0-3 und 3-6; A004, A005, A006, A008 je 0-3 bis 10-18
    assert je_lebensphase(fz) == {"rund um die Geburt": 3, "0-3": 8, "3-6": 7, "6-10": 6, "10-18": 6}

    grenzen = geodaten.lade_gemeindegrenzen(HILDESHEIM_GEOJSON)
    leer = grenzen[["ags"]].iloc[:0].assign(wert=None, status=None)
    html = choroplethenkarte(grenzen, leer, None, indikator("kinderarmut"),
                             einrichtungen.assign(angebote=je)).get_root().render()
    assert "\\u003cb\\u003e8 Angebote\\u003c/b\\u003e" in html and "Frühe Hilfen: Beratung rund um Kinder" in html
    assert "Einrichtungen mit aktiven Angeboten (0)" in html  # alle nur geplant
    aktiv = angebote.assign(status="aktiv")
    html = choroplethenkarte(grenzen, leer, None, indikator("kinderarmut"),
                             einrichtungen.assign(angebote=je_einrichtung(aktiv, einrichtungen))).get_root().render()
    assert "Einrichtungen mit aktiven Angeboten (1)" in html


def test_zweite_liste_einlesen_aendert_die_matrix_und_ruecknahme_stellt_sie_her(tmp_path, capsys, zweite_liste):
    """Done-when des Issues über die Kommandozeile: die mitgelieferte Liste wird beim ersten Einlesen Stand 1, die
    zweite Stand 2; aktivieren 1 stellt die Matrix wieder her."""
    def matrix() -> pd.Series:
        assert main(["angebote", "luecken", "--gemeinde", ALFELD]) == 0
        tabelle = pd.read_csv(io.StringIO(capsys.readouterr().out), sep=";")
        return tabelle.set_index(["lebensphase", "handlungsfeld"])["anzahl"]

    vorher = matrix()
    datei = tmp_path / "zweite.csv"
    datei.write_bytes(_als_csv(zweite_liste))
    assert main(["angebote", "einlesen", str(datei), "--kommentar", "zweite Liste", "--von", "meier"]) == 0
    assert "Angebotsstand 2 gespeichert und aktiv: 12 Angebote (5 geplant, 6 aktiv, 1 beendet); 4 neu, " \
        "3 geändert, 0 entfernt." in capsys.readouterr().out
    nachher = matrix()
    assert nachher[("0-3", "Beratung und Elternbildung")] == 3 and vorher.sum() == 0
    assert main(["angebote", "staende"]) == 0
    staende = capsys.readouterr().out.splitlines()
    assert staende[0].startswith("1\t\t") and "System (mitgelieferte Liste)" in staende[0]
    assert staende[1].startswith("2\taktiv\t") and staende[1].endswith("meier\tzweite Liste")
    assert main(["angebote", "aktivieren", "1"]) == 0
    assert capsys.readouterr().out == "Angebotsstand 1 ist aktiv.\n"
    assert matrix().equals(vorher)
    assert main(["angebote", "aktivieren", "7"]) == 1
    assert "Angebotsstand 7 gibt es nicht." in capsys.readouterr().err


def test_excel_mit_namen_statt_schluessel_und_datumszellen(gebiete):
    """Wie in Excel gepflegt: Gemeinde als Name, als Schlüssel mit Amtsnamen, als Zahl ohne führende Null, das
    Datum als Datumszelle – gespeichert wird der AGS. Ein nicht eindeutiger Name nennt die Schlüssel, die passen."""
    from datetime import datetime

    import openpyxl

    tabelle = pd.read_csv(PROJEKT / "data" / "angebote.csv", sep=";", dtype=str, keep_default_na=False).head(4)
    mappe = openpyxl.Workbook()
    blatt = mappe.active
    blatt.append(list(tabelle.columns))
    for nr, (gemeinde, tag) in enumerate([("Alfeld (Leine)", datetime(2025, 3, 29)),
                                          ("03254021 Hildesheim, Stadt ", datetime(2025, 4, 1)),
                                          (3254002, None), ("alfeld (leine)", None)]):
        zeile = tabelle.iloc[nr].to_dict() | {"gemeinde": gemeinde, "bestaetigt_am": tag}
        blatt.append([zeile[s] or None for s in tabelle.columns])
    puffer = io.BytesIO()
    mappe.save(puffer)
    gelesen = lies_angebote(puffer.getvalue(), "a.xlsx", gebiete, heute=date(2026, 11, 21))
    assert gelesen["gemeinde"].tolist() == [ALFELD, HILDESHEIM, ALFELD, ALFELD]
    assert gelesen["bestaetigt_am"].tolist()[:2] == ["2025-03-29", "2025-04-01"]

    tabelle.loc[0, "gemeinde"] = "Alfeld"
    tabelle.loc[1, "gemeinde"] = "03254021 Eime"  # Schlüssel und Name widersprechen sich
    with pytest.raises(UngueltigeDatei) as fehler:
        lies_angebote(_als_csv(tabelle), "a.csv", gebiete, heute=date(2026, 11, 21))
    texte = [str(m) for m in fehler.value.meldungen]
    assert texte[0] == ("a.csv, Zeile 2, Spalte gemeinde: „Alfeld“ ist keine Gemeinde des Kreises 03254: erwartet "
                        "wird ihr Name, ihr AGS (8 Stellen) oder „kreisweit“. Gemeint ist vielleicht: "
                        "„Alfeld (Leine)“ = 03254002.")
    assert texte[1].startswith("a.csv, Zeile 3, Spalte gemeinde: „03254021 Eime“ ist keine Gemeinde")
