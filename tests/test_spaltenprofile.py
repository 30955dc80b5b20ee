"""„Spalten zuordnen“: eine Tabelle, deren Spalten niemand von selbst erkennt, wird einmal zugeordnet, das Profil
gespeichert und im nächsten Jahr von selbst wieder gewählt – über die Datenpflege und die Kommandozeile; jede
Änderung steht im Protokoll. Die Dateien sind gebaut wie aus einem Fachverfahren nach Excel: Titel, Kopf über zwei
Zeilen, Schlüssel mit Namen, Datumszellen, „*“, Fußzeilen."""

import io
from datetime import datetime

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from indikatoren.ablaeufe.einlesung import oeffne_ablage
from indikatoren.ablage import spaltenprofile
from indikatoren.einlesen.amtliche_tabelle import UnbekannteSpalten
from indikatoren.einlesen.pruefung import pruefe_datei
from indikatoren.einlesen.zuordnung import Profil, Zeitbezug
from indikatoren.grundlagen.meldungen import UngueltigeDatei
from kommandozeile.haupt import main
from tests.test_datenpflege import UEBERNEHMEN, _anmelden, _app, _hochladen

KINDER = "Kinder in BG / unter 15 Jahre"
PERSONEN = "Personen in BG / darunter leistungsberechtigt"


def _kinder_xlsx(jahr: int, werte: dict[str, tuple], extra: bool = False) -> bytes:
    """Kinder in Bedarfsgemeinschaften aus einem Fachverfahren: Stichtag als Datumszelle je Zeile, Kopf über zwei
    Zeilen (verbunden), Schlüssel mit Namen, Tausenderpunkt als Text, „*“, Fußzeilen; `extra`: im nächsten Jahr
    kommt eine Spalte dazu."""
    mappe = openpyxl.Workbook()
    blatt = mappe.active
    blatt.append([f"Kinder in Bedarfsgemeinschaften nach Gemeinden, Landkreis Hildesheim {jahr}"])
    blatt.append([])
    blatt.append(["Gemeinde", "Stichtag", "Kinder in BG", "Personen in BG", *(["Personen in BG"] if extra else [])])
    blatt.append([None, None, "unter 15 Jahre", "darunter leistungsberechtigt", *(["Frauen"] if extra else [])])
    for gebiet, (kinder, personen) in werte.items():
        blatt.append([gebiet, datetime(jahr, 12, 31), kinder, personen, *(["1"] if extra else [])])
    blatt.append(["* weniger als 3 Fälle"])
    blatt.append([f"Stand: 15.04.{jahr + 1}"])
    puffer = io.BytesIO()
    mappe.save(puffer)
    return puffer.getvalue()


WERTE_2024 = {"03254002 Alfeld (Leine), Stadt": ("481", "1.903"), "03254013 Eime, Flecken": ("*", "40")}
WERTE_2025 = {"03254002 Alfeld (Leine), Stadt": ("502", "1.950"), "03254013 Eime, Flecken": ("7", "38")}
PROFIL = Profil("Kinder in BG, Gemeinden", {"nef_u15": KINDER, "lb": PERSONEN}, Zeitbezug("spalte", "Stichtag"), "BA")


def test_unbekannte_spalten_zuordnen_speichern_und_im_naechsten_jahr_wieder_waehlen(gebiete):
    with pytest.raises(UnbekannteSpalten) as fehler:
        pruefe_datei(_kinder_xlsx(2024, WERTE_2024), "kinder_2024.xlsx", gebiete)
    assert fehler.value.aufbau.kopfzeile == 4 and fehler.value.aufbau.spalten == ["Stichtag", KINDER, PERSONEN]
    assert "Kopfzeile in Zeile 4 erkannt; Spalten: 1: Gemeinde; 2: Stichtag; 3: Kinder in BG / unter 15 Jahre" in \
        str(fehler.value)
    ablage = oeffne_ablage(gebiete)
    assert spaltenprofile.speichern(ablage, PROFIL, "meier").startswith("Profil „Kinder in BG, Gemeinden“ angelegt: "
                                                                        "nef_u15 ← „Kinder in BG / unter 15 Jahre“")
    profile = spaltenprofile.alle(ablage)
    ergebnis = pruefe_datei(_kinder_xlsx(2024, WERTE_2024), "kinder_2024.xlsx", gebiete, profile=profile)
    z = ergebnis.kennzahlen.zeilen.set_index("ags")
    assert z.loc["03254002", ["jahr", "stichtag_sgb2", "nef_u15", "lb"]].tolist() == [2024, "2024-12", 481, 1903]
    assert ergebnis.kennzahlen.geheim.loc[z.index.get_loc("03254013"), "nef_u15"] and z.loc["03254013", "lb"] == 40
    assert z.loc["03254002", "quelle"] == "Statistik der Bundesagentur für Arbeit, Stand: 15.04.2025"
    texte = [str(h) for h in ergebnis.hinweise]
    assert any("Spalten nach dem Profil „Kinder in BG, Gemeinden“ (von selbst gewählt" in t for t in texte), texte
    assert ergebnis.teilweise  # nur Zähler: ergänzt den Stand

    # das nächste Jahr: anderer Titel, eine Spalte mehr – dasselbe Profil, von selbst
    naechstes = pruefe_datei(_kinder_xlsx(2025, WERTE_2025, extra=True), "kinder_2025.xlsx", gebiete,
                             profile=profile)
    z = naechstes.kennzahlen.zeilen.set_index("ags")
    assert z.loc["03254013", ["jahr", "nef_u15", "lb"]].tolist() == [2025, 7, 38]


def test_kommandozeile_mit_und_ohne_profil(tmp_path, capsys, gebiete):
    ablage = oeffne_ablage(gebiete)
    spaltenprofile.speichern(ablage, PROFIL, "meier")
    datei = tmp_path / "kinder_2024.xlsx"
    datei.write_bytes(_kinder_xlsx(2024, WERTE_2024))
    assert main(["einlesen", str(datei), "--ergaenzen", "--profil", "Gibt es nicht"]) == 1
    assert "Es gibt kein Spaltenprofil „Gibt es nicht“; gespeichert sind: Kinder in BG, Gemeinden." in \
        capsys.readouterr().err
    assert main(["einlesen", str(datei), "--ergaenzen", "--profil", "Kinder in BG, Gemeinden"]) == 0
    capsys.readouterr()
    alfeld = ablage.kennzahlen().zeilen.set_index(["ags", "jahr"]).loc[("03254002", 2024)]
    assert (alfeld["nef_u15"], alfeld["lb"], alfeld["bev_u15"]) == (481, 1903, 2737)  # Nenner bleibt
    datei.write_bytes(_kinder_xlsx(2025, WERTE_2025, extra=True))
    assert main(["einlesen", str(datei), "--ergaenzen"]) == 0  # ohne --profil: das passende
    assert "Spalten nach dem Profil „Kinder in BG, Gemeinden“ (von selbst gewählt" in capsys.readouterr().err
    assert ablage.kennzahlen().zeilen.set_index(["ags", "jahr"]).loc[("03254002", 2025), "nef_u15"] == 502
    assert main(["spaltenprofile"]) == 0
    assert capsys.readouterr().out.startswith("Kinder in BG, Gemeinden: nef_u15 ← „Kinder in BG / unter 15 Jahre“, "
                                              "lb ← „Personen in BG / darunter leistungsberechtigt“; Jahr/Stichtag "
                                              "aus „Stichtag“; Zeichen BA (geändert von meier, ")
    # eine Vorlage nimmt kein Profil
    vorlage = tmp_path / "vorlage.csv"
    vorlage.write_text("ags;jahr;nef_u15;bev_u15\n03254002;2024;1;10\n", encoding="utf-8")
    assert main(["pruefen", str(vorlage), "--profil", "Kinder in BG, Gemeinden"]) == 1
    assert "ein Spaltenprofil („Kinder in BG, Gemeinden“) gilt nur für Tabellen der Ämter" in capsys.readouterr().err


def test_aendern_und_loeschen_stehen_im_protokoll_ungueltiges_wird_nicht_gespeichert(gebiete):
    ablage = oeffne_ablage(gebiete)
    spaltenprofile.speichern(ablage, PROFIL, "meier")
    geaendert = Profil("Kinder in BG (Fachverfahren)", {"nef_u15": KINDER}, Zeitbezug("fest", "2024-09"), "BA",
                       "Jobcenter Hildesheim")
    text = spaltenprofile.speichern(ablage, geaendert, "schulz", bisher=PROFIL.name)
    assert text == ("Profil „Kinder in BG (Fachverfahren)“ (vorher „Kinder in BG, Gemeinden“) geändert. Vorher: "
                    "nef_u15 ← „Kinder in BG / unter 15 Jahre“, lb ← „Personen in BG / darunter leistungsberechtigt“; "
                    "Jahr/Stichtag aus „Stichtag“; Zeichen BA. Jetzt: nef_u15 ← „Kinder in BG / unter 15 Jahre“; "
                    "Jahr/Stichtag fest 2024-09; Zeichen BA; Quelle „Jobcenter Hildesheim“")
    assert [p.name for p in spaltenprofile.alle(ablage)] == ["Kinder in BG (Fachverfahren)"]
    ergebnis = pruefe_datei(_kinder_xlsx(2024, WERTE_2024), "k.xlsx", gebiete, profile=spaltenprofile.alle(ablage))
    z = ergebnis.kennzahlen.zeilen.set_index("ags")
    assert z.loc["03254002", ["stichtag_sgb2", "quelle"]].tolist() == ["2024-09", "Jobcenter Hildesheim"]
    for kaputt, grund in [
        (Profil(" ", {"nef_u15": KINDER}), "Bitte einen Namen für das Profil angeben"),
        (Profil("x", {}), "Bitte mindestens einer Spalte ein Feld zuordnen."),
        (Profil("x", {"nef_u15": KINDER, "lb": KINDER}), "Eine Spalte ist mehreren Feldern zugeordnet"),
        (Profil("x", {"nef_u15": KINDER}, Zeitbezug("fest", "Dezember")), "„Dezember“ ist weder ein Jahr"),
        (Profil("x", {"nef_u15": KINDER}, Zeitbezug("spalte", "")), "Bitte die Spalte mit Jahr oder Stichtag"),
        (Profil("Kinder in BG (Fachverfahren)", {"lb": PERSONEN}), "Es gibt schon ein Profil"),
    ]:
        with pytest.raises(spaltenprofile.UngueltigesProfil, match=grund):
            spaltenprofile.speichern(ablage, kaputt, "meier")
    assert [p.name for p in spaltenprofile.alle(ablage)] == ["Kinder in BG (Fachverfahren)"]
    spaltenprofile.loeschen(ablage, "Kinder in BG (Fachverfahren)", "schulz")
    assert spaltenprofile.alle(ablage) == []
    protokoll = ablage.protokolleintraege()
    eintraege = protokoll[protokoll["aktion"] == "spaltenprofil"]
    assert eintraege["erfolg"].tolist().count(True) == 3 and eintraege["erfolg"].tolist().count(False) == 6
    assert eintraege["meldung"].str.contains("gelöscht; es war: nef_u15").any()


def test_profil_das_nicht_mehr_passt_sagt_welche_spalte_fehlt(gebiete):
    ablage = oeffne_ablage(gebiete)
    spaltenprofile.speichern(ablage, Profil("alt", {"nef_u15": "NEF u15 (alt)"}, Zeitbezug("titel")), "meier")
    with pytest.raises(UngueltigeDatei) as fehler:
        pruefe_datei(_kinder_xlsx(2024, WERTE_2024), "k.xlsx", gebiete, profile=spaltenprofile.alle(ablage),
                     profil="alt")
    assert str(fehler.value) == (
        "k.xlsx, Zeile 4: Die Kopfzeile (Zeile 4) hat die Spalte „NEF u15 (alt)“ des Profils „alt“ nicht. Spalten der "
        "Datei: Stichtag; Kinder in BG / unter 15 Jahre; Personen in BG / darunter leistungsberechtigt. Bitte ein "
        "anderes Profil wählen oder die Zuordnung ändern.")
    # von selbst gilt ein Profil nur, wenn die Kopfzeile alle seine Spalten hat
    with pytest.raises(UnbekannteSpalten):
        pruefe_datei(_kinder_xlsx(2024, WERTE_2024), "k.xlsx", gebiete,
                     profile=[Profil("halb", {"nef_u15": KINDER, "lb": "NEF u15 (alt)"})])
    # das Jahr aus dem Titel, wenn keine Zeile ein Datum hat
    mappe = openpyxl.load_workbook(io.BytesIO(_kinder_xlsx(2023, WERTE_2024)))
    for zeile in mappe.active.iter_rows(min_row=5, max_row=6):
        zeile[1].value = "k. A."
    puffer = io.BytesIO()
    mappe.save(puffer)
    titel = Profil("titel", {"nef_u15": KINDER}, Zeitbezug("titel"))
    z = pruefe_datei(puffer.getvalue(), "k.xlsx", gebiete, profile=[titel]).kennzahlen.zeilen
    assert z["jahr"].tolist() == [2023, 2023] and z["stichtag_sgb2"].tolist() == ["2023-12", "2023-12"]


def _waehle(app: AppTest, anfang: str, wert: str) -> None:
    [feld] = [s for s in app.selectbox if s.label.startswith(anfang)]
    feld.set_value(wert)


def test_spalten_zuordnen_in_der_datenpflege(gebiete):
    """Wie die Stabsstelle: Datei hochladen, nicht erkannt, Spalten zuordnen, Profil speichern, Vorschau, übernehmen;
    im nächsten Jahr ist das Profil von selbst gewählt und lässt sich ändern."""
    app = _hochladen(_anmelden(_app()), "kinder_2024.xlsx", _kinder_xlsx(2024, WERTE_2024))
    assert "**kinder\\_2024\\.xlsx** ist ungültig" in app.error[0].value
    assert any("Spalten zuordnen" in m.value for m in app.markdown)
    _waehle(app, "nef_u15:", KINDER)
    _waehle(app, "lb:", PERSONEN)
    [art] = [r for r in app.radio if r.label == "Jahr und Stichtag"]
    art.set_value("spalte")
    _waehle(app, "Spalte mit Jahr oder Stichtag", "Stichtag")
    [name] = [t for t in app.text_input if t.label.startswith("Name des Profils")]
    name.input("Kinder in BG, Gemeinden")
    [knopf] = [b for b in app.button if b.label == "Profil speichern und Datei damit prüfen"]
    knopf.click().run()
    assert not app.exception
    assert app.session_state["dp_profil"] == "Kinder in BG, Gemeinden"
    assert "Profil „Kinder in BG, Gemeinden“ angelegt" in app.success[0].value.replace("\\", "")
    assert "**kinder\\_2024\\.xlsx** ist gültig: 2 Zeilen" in app.success[1].value
    [quoten] = [d.value for d in app.dataframe if "zum Vorjahr" in d.value.columns]
    # von Hand: Alfeld 2024 NEF 481 von 2.737 Kindern (Beispieldaten) = 17,57 % -> 17,6 %
    assert quoten.set_index(["Gebiet", "Indikator"]).loc[
        ("Alfeld (Leine)", "Kinderarmutsindikator (NEF-Quote unter 15)"), "neu"] == "17,6\u00a0%"
    app.text_area(key="dp_kommentar").input("Kinder in BG 2024 aus dem Fachverfahren")
    app.button(key=UEBERNEHMEN).click().run()
    ablage = oeffne_ablage(gebiete)
    assert ablage.kennzahlen().zeilen.set_index(["ags", "jahr"]).loc[("03254002", 2024), "nef_u15"] == 481

    # nächstes Jahr: das Profil gilt von selbst; die Zuordnung lässt sich ändern
    app.session_state["dp_profil"] = "automatisch (ein gespeichertes Profil, dessen Spalten alle im Kopf stehen, " \
                                     "oder eine bekannte Tabelle)"
    app = _hochladen(app, "kinder_2025.xlsx", _kinder_xlsx(2025, WERTE_2025, extra=True))
    assert "**kinder\\_2025\\.xlsx** ist gültig: 2 Zeilen" in app.success[0].value
    assert any("von selbst gewählt" in c.value for c in app.caption)
    [name] = [t for t in app.text_input if t.label.startswith("Name des Profils")]
    assert name.value == "Kinder in BG, Gemeinden"
    _waehle(app, "lb:", "— nicht in der Datei —")
    [knopf] = [b for b in app.button if b.label == "Profil ändern und Datei damit prüfen"]
    knopf.click().run()
    assert "geändert. Vorher: nef_u15 ← „Kinder in BG / unter 15 Jahre“, lb ←" in app.success[0].value.replace("\\", "")
    [profil] = spaltenprofile.alle(ablage)
    assert profil.felder == {"nef_u15": KINDER}
    assert ablage.protokolleintraege()["aktion"].tolist().count("spaltenprofil") == 2
