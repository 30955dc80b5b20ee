"""Versionierte Listen (Einrichtungen, Angebote): feste Kennungen, Vorschau der Änderungen, Rücknahme, Export und
Vorlage, Übernahme alter Einrichtungsstände – mit von Hand gezählten Erwartungen."""

import io
import sqlite3
from datetime import UTC, date, datetime

import openpyxl
import pandas as pd
import pytest

from angebote import katalog
from angebote import liste as angebote
from indikatoren.ablaeufe.einlesung import oeffne_ablage
from indikatoren.ablage.datenstaende import AndererStandAktiv
from indikatoren.einlesen import listendatei
from indikatoren.grundlagen.listenarten import aenderungen, mit_kennungen
from indikatoren.grundlagen.meldungen import UngueltigeDatei
from indikatoren.orte import einrichtungspflege
from indikatoren.orte.einrichtungen import LISTE, mitgeliefert


@pytest.fixture
def listen(gebiete):
    return einrichtungspflege.staende(oeffne_ablage(gebiete))


def test_kennungen_bleiben_und_werden_nie_wieder_vergeben(listen):
    erste = mitgeliefert()
    assert listen.speichern(erste, von="a", kommentar="erste") == 1
    zweite = erste[erste["id"] != "E019"].copy()  # die letzte entfernt …
    zweite.loc[len(zweite)] = ""  # … und eine neue ohne Kennung
    zweite.iloc[-1, 1:4] = ["Neue Kita", "Kita", ""]
    zweite.loc[zweite.index[-1], "status"] = "geplant"
    listen.speichern(zweite, von="a", kommentar="zweite")
    stand, gespeichert = listen.lesen()
    assert stand == 2 and gespeichert["id"].iloc[-1] == "E020"  # nicht E019: die gehörte einer anderen
    assert gespeichert.set_index("id").loc["E020", "name"] == "Neue Kita"
    assert listen.lesen(1)[1].equals(erste.reset_index(drop=True))  # der erste Stand ist unverändert
    assert [(s.id, s.aktiv) for s in listen.staende()] == [(1, False), (2, True)]


def test_vergabe_von_hand():
    tabelle = pd.DataFrame({"id": ["A007", "", "X1", ""], "titel": list("abcd")})
    assert mit_kennungen(tabelle, "A", {"A001", "A012"})["id"].tolist() == ["A007", "A013", "X1", "A014"]


def test_aenderungen_von_hand():
    alt = pd.DataFrame({"id": ["E001", "E002", "E003"], "name": ["Rathaus", "Kita", "Schule"],
                        "status": ["in Betrieb"] * 3}).reindex(columns=["id", *LISTE.spalten], fill_value="")
    neu = alt.copy()
    neu.loc[1, ["name", "status"]] = ["Kita Sonnenschein", "geschlossen"]
    neu = pd.concat([neu.drop(index=2), neu.iloc[[0]].assign(id="", name="Familienzentrum")])
    tabelle = aenderungen(alt, neu, LISTE)
    assert tabelle.values.tolist() == [
        ["geändert", "E002", "Kita Sonnenschein", "name", "Kita", "Kita Sonnenschein"],
        ["geändert", "E002", "Kita Sonnenschein", "status", "in Betrieb", "geschlossen"],
        ["neu", "", "Familienzentrum", "", "", ""],
        ["entfernt", "E003", "Schule", "", "", ""]]
    assert aenderungen(alt, alt, LISTE).empty


def test_ruecknahme_und_verlorenes_update(listen):
    erste = mitgeliefert()
    listen.speichern(erste, von="a", kommentar="erste")
    listen.speichern(erste.assign(status="geschlossen"), von="a", kommentar="alle zu", erwartet=1)
    with pytest.raises(AndererStandAktiv, match="Inzwischen ist Einrichtungsstand 2 aktiv, nicht 1"):
        listen.speichern(erste, von="b", kommentar="auf alter Grundlage", erwartet=1)
    listen.aktivieren(1, von="a")
    assert listen.aktiver() == 1 and listen.lesen()[1].equals(erste)
    protokoll = listen.ablage.protokolleintraege()
    assert protokoll["aktion"].tolist()[-1] == "einrichtungen aktivieren"
    with pytest.raises(KeyError, match="Einrichtungsstand 7 gibt es nicht"):
        listen.aktivieren(7)


@pytest.mark.parametrize("endung", ["csv", "xlsx"])
def test_export_und_wieder_einlesen_ergibt_keine_aenderung(listen, endung):
    liste = mitgeliefert()
    liste.loc[0, "traeger"] = "=HYPERLINK(\"http://example.org\")"  # eine Formel bleibt Text
    listen.speichern(liste, von="a", kommentar="mit Formel")
    export = (listendatei.als_xlsx if endung == "xlsx" else listendatei.als_csv)(listen.lesen()[1], LISTE)
    if endung == "xlsx":
        blatt = openpyxl.load_workbook(io.BytesIO(export))["Liste"]
        assert blatt["I1"].value == "traeger" and blatt["I2"].value.startswith("'=HYPERLINK")
    else:
        text = export.decode()
        assert "'=HYPERLINK" in text and ";=HYPERLINK" not in text and ';"=HYPERLINK' not in text
    wieder = einrichtungspflege.lies_datei(export, f"export.{endung}", None)
    assert aenderungen(listen.lesen()[1], wieder, LISTE).empty
    assert listen.einlesen(lambda: wieder, von="a", kommentar="unverändert") is None


def test_vorlage_erklaert_jede_spalte():
    mappe = openpyxl.load_workbook(io.BytesIO(listendatei.als_xlsx(pd.DataFrame(), katalog.LISTE)))
    assert [z.value for z in mappe["Liste"][1]] == ["id", *katalog.LISTE.spalten]
    assert mappe["Liste"].max_row == 1  # leer
    erlaeuterung = {z[0].value: z for z in mappe["Erläuterung"].iter_rows(min_row=2) if z[0].value}
    for spalte in ("id", *katalog.LISTE.spalten):
        assert erlaeuterung[spalte][2].value, spalte  # jede Spalte hat eine Bedeutung
    assert erlaeuterung["handlungsfeld"][1].value == "ja"
    assert "Frühe Hilfen" in erlaeuterung["handlungsfeld"][3].value
    assert "0-3" in erlaeuterung["lebensphasen"][2].value


def test_alte_einrichtungsstaende_werden_uebernommen(gebiete, laufzeit):
    """Eine Datenbank aus der Zeit vor den Listen (Tabellen einrichtungsstand/einrichtung, ohne Kennungen, ohne
    Versionsvermerk): beim ersten Öffnen legt Schritt 0001 an, was fehlt, und Schritt 0003 übernimmt die Stände."""
    laufzeit.mkdir(parents=True, exist_ok=True)
    datei = laufzeit / "sozialplanung.sqlite"
    spalten = list(LISTE.spalten)
    with sqlite3.connect(datei) as db:
        db.execute("CREATE TABLE einrichtungsstand (id INTEGER PRIMARY KEY, erstellt DATETIME, von TEXT, "
                   "dateiname TEXT, kommentar TEXT, aktiv BOOLEAN)")
        db.execute("CREATE TABLE einrichtung (stand_id INTEGER, nr INTEGER, "
                   f"{', '.join(s + ' TEXT' for s in spalten)})")
        zeilen = mitgeliefert()[spalten]
        for stand, tabelle, aktiv in ((1, zeilen, 0), (2, zeilen.iloc[[2, 0]], 1)):  # im zweiten: Rathaus vor FZ
            db.execute("INSERT INTO einrichtungsstand VALUES (?, ?, 'meier', '', ?, ?)",
                       (stand, f"2025-0{stand}-01 10:00:00", f"Stand {stand}", aktiv))
            for nr, z in enumerate(tabelle.itertuples(index=False), start=1):
                db.execute(f"INSERT INTO einrichtung VALUES (?, ?, {', '.join('?' * len(spalten))})", (stand, nr, *z))
    ablage = oeffne_ablage(gebiete, f"sqlite:///{datei}")
    listen = einrichtungspflege.staende(ablage)
    assert [(s.von, s.erstellt, s.aktiv) for s in listen.staende()] == [
        ("meier", datetime(2025, 1, 1, 10, tzinfo=UTC), False), ("meier", datetime(2025, 2, 1, 10, tzinfo=UTC), True)]
    assert listen.staende()[0].kommentar == "Stand 1 (übernommen aus Einrichtungsstand 1)"
    zweiter = listen.lesen()[1]
    assert zweiter["name"].tolist() == ["Rathaus Alfeld (Stadtverwaltung)", "Familienzentrum Alfeld"]
    assert zweiter["id"].tolist() == ["E003", "E001"]  # dieselbe Einrichtung, dieselbe Kennung wie im ersten Stand
    oeffne_ablage(gebiete, f"sqlite:///{datei}")
    assert len(listen.staende()) == 2  # nur einmal übernommen


def test_angebot_verweist_auf_einrichtung(gebiete):
    einrichtungen = mitgeliefert()
    tabelle = angebote.mitgeliefert(gebiete)
    tabelle.loc[0, "einrichtung"] = "Ev. Kita St. Nicolai"  # der Name wird zur Kennung
    tabelle.loc[1, "einrichtung"] = "E099"
    datei = tabelle.to_csv(sep=";", index=False).encode()
    with pytest.raises(UngueltigeDatei) as fehler:
        angebote.lies_datei(datei, "a.csv", gebiete, einrichtungen)
    assert [str(m) for m in fehler.value.meldungen] == [
        "a.csv, Zeile 3, Spalte einrichtung: „E099“ steht nicht in der Einrichtungsliste (Kennung wie E001 oder der "
        "Name, wie er dort steht)."]
    tabelle.loc[1, "einrichtung"] = ""
    geprueft = angebote.lies_datei(tabelle.to_csv(sep=";", index=False).encode(), "a.csv", gebiete, einrichtungen)
    assert geprueft["einrichtung"].tolist()[:3] == ["E015", "", "E001"]


def test_zu_ueberpruefen_von_hand(gebiete):
    tabelle = angebote.mitgeliefert(gebiete)
    tabelle["bestaetigt_am"] = ["2025-11-21", "2025-11-20", "", "2026-06-01", "2024-01-01", "", "", ""]
    tabelle.loc[5, "status"] = "beendet"  # beendet: nie zu prüfen
    tabelle.loc[[6, 7], "bestaetigt_am"] = ["2026-11-21", "2025-11-22"]
    faellig = angebote.zu_ueberpruefen(tabelle, heute=date(2026, 11, 21))
    # genau 12 Monate (21.11.2025) noch nicht; 20.11.2025 und älter, dazu nie bestätigte (A003)
    assert faellig["id"].tolist() == ["A002", "A003", "A005"]


def test_speichern_nimmt_jede_zelle_als_text_und_ergaenzt_fehlende_spalten(listen):
    tabelle = pd.DataFrame({"name": ["Kita Nord"], "kategorie": ["Kita"], "status": ["geplant"], "lat": [51.98],
                            "lon": [9.82]})  # ohne id, adresse, …; Lage als Zahl
    listen.speichern(tabelle, von="a", kommentar="knapp")
    gespeichert = listen.lesen()[1].iloc[0]
    assert (gespeichert["id"], gespeichert["lat"], gespeichert["adresse"]) == ("E001", "51.98", "")
