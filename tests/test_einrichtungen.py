"""Einrichtungen: nur veröffentlichte Lagen, Gemeinde-Zuordnung, Luftlinien in Metern."""

import math

import geopandas as gpd
import pandas as pd
import pytest

from indikatoren.orte.einrichtungen import aufbereitet, gemeinde_zuordnen, mitgeliefert, umkreis
from tests.conftest import HILDESHEIM_GEOJSON, PROJEKT


def _luftlinie(lat1, lon1, lat2, lon2):
    """Haversine auf der Kugel (R = 6371 km) als unabhängige Gegenrechnung."""
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(a))


def test_liste_aus_shared_mit_lagen():
    e = aufbereitet(mitgeliefert())
    datei = pd.read_csv(PROJEKT / "data" / "einrichtungen.csv", sep=";", dtype=str, keep_default_na=False)
    quelle = pd.read_csv(PROJEKT.parent / "shared" / "data" / "einrichtungen_alfeld.csv", sep=";", dtype=str,
                         keep_default_na=False)
    assert datei.drop(columns="id").equals(quelle)  # dieselbe Liste, dazu die festen Kennungen
    assert datei["id"].tolist() == [f"E{n:03d}" for n in range(1, 20)]
    assert len(e) == 19 and int(e["hat_lage"].sum()) == 4
    fz = e[e["kategorie"] == "Familienzentrum"].iloc[0]
    assert (fz["adresse"], fz["seit"], fz["status"]) == ("Marktplatz 5, 31061 Alfeld (Leine)", "2025-03-29",
                                                         "in Betrieb")
    assert fz["ungefaehr"]  # Bezugspunkt St. Nicolai, nicht das Haus


def test_umkreis_in_metern():
    e = aufbereitet(mitgeliefert())
    u = umkreis(e)
    assert u.zentrum["name"] == "Familienzentrum Alfeld" and u.ohne_lage == 15
    foehrste = u.entfernungen.set_index("name").loc["Grundschule Föhrste"]
    erwartet = _luftlinie(51.986333, 9.825806, 51.963333, 9.835278)
    assert abs(foehrste["entfernung_m"] - erwartet) < 0.005 * erwartet  # UTM-Verzerrung unter 0,5 %
    assert u.innerhalb(1000).empty and len(u.innerhalb(3500)) == 3


def test_gemeinde_aus_lage_oder_adresse(gebiete):
    e = aufbereitet(mitgeliefert())
    grenzen = gpd.read_file(HILDESHEIM_GEOJSON)
    assert set(gemeinde_zuordnen(e, gebiete, grenzen)) == {"03254002"}
    verschoben = e.assign(lat=e["lat"] + 0.2)  # Punkte wandern nach Norden, Adresse bleibt Alfeld
    zuordnung = gemeinde_zuordnen(verschoben, gebiete, grenzen)
    assert zuordnung[e["hat_lage"]].ne("03254002").all() and zuordnung[~e["hat_lage"]].eq("03254002").all()


def test_tippfehler_in_der_liste_wird_mit_ort_gemeldet(tmp_path):
    datei = tmp_path / "e.csv"
    text = (PROJEKT / "data" / "einrichtungen.csv").read_text(encoding="utf-8")
    text = text.replace(";Grundschule;", ";Grunschule;", 1)
    datei.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=r"e\.csv, Zeile 9, Spalte kategorie: „Grunschule“ ist nicht erlaubt"):
        mitgeliefert(datei)


def test_kommandozeile_pruefen_und_einlesen(tmp_path, capsys, monkeypatch, gebiete):
    """Dieselben Prüfungen und derselbe Verlauf wie in der Datenpflege: jede gültige Datei ein neuer Stand."""
    from indikatoren.ablaeufe.einlesung import oeffne_ablage
    from indikatoren.orte import einrichtungspflege
    from indikatoren.orte.einrichtungen import mitgeliefert
    from kommandozeile.haupt import main
    from tests.conftest import HILDESHEIM_GEOJSON, PROJEKT
    monkeypatch.setenv("SOZIALPLANUNG_GEODATEN", str(HILDESHEIM_GEOJSON))
    gut = PROJEKT / "data" / "einrichtungen.csv"
    assert main(["einrichtungen", "pruefen", str(gut)]) == 0
    assert "einrichtungen.csv: gültig, 19 Einrichtungen, davon 4 mit Lage." in capsys.readouterr().out

    schlecht = tmp_path / "liste.csv"
    liste = pd.read_csv(gut, sep=";", dtype=str, keep_default_na=False)
    liste.loc[1, "kategorie"] = "Bar"  # Zeile 3 in Excel
    liste.loc[2, "name"] = "Kita\x07"  # ein Steuerzeichen in Zeile 4
    liste.to_csv(schlecht, sep=";", index=False)
    ablage = oeffne_ablage(gebiete)
    assert main(["einrichtungen", "einlesen", str(schlecht), "--kommentar", "Test"]) == 1
    fehler = capsys.readouterr().err
    assert "liste.csv, Zeile 3, Spalte kategorie: „Bar“ ist nicht erlaubt" in fehler, fehler
    assert "liste.csv, Zeile 4, Spalte name: Die Zelle enthält ein unsichtbares Steuerzeichen" in fehler
    listen = einrichtungspflege.staende(ablage)
    assert listen.staende() == []
    assert ablage.protokolleintraege().iloc[-1][["aktion", "erfolg"]].tolist() == ["einrichtungen", False]

    assert main(["einrichtungen", "einlesen", str(gut), "--kommentar", "Liste März", "--von", "meier"]) == 0
    assert main(["einrichtungen", "einlesen", str(gut), "--kommentar", "unverändert"]) == 0
    assert "Die Liste ist unverändert; kein neuer Stand angelegt." in capsys.readouterr().out
    liste.loc[1, "kategorie"], liste.loc[2, "name"] = "Begegnung", "Bürgerhaus"
    liste.loc[len(liste)] = [""] * len(liste.columns)  # eine neue Einrichtung ohne Kennung
    liste.loc[len(liste) - 1, ["name", "kategorie", "status"]] = ["Neue Kita", "Kita", "geplant"]
    liste.drop(index=5).to_csv(schlecht, sep=";", index=False)
    assert main(["einrichtungen", "einlesen", str(schlecht), "--kommentar", "Liste März", "--von", "meier"]) == 0
    assert "Einrichtungsstand 2 gespeichert und aktiv: 19 Einrichtungen, davon 4 mit Lage; 1 neu, 1 geändert, " \
        "1 entfernt." in capsys.readouterr().out
    stand, neu = listen.lesen()
    assert stand == 2 and listen.staende()[-1].von == "meier"
    assert listen.lesen(1)[1].equals(mitgeliefert())  # die mitgelieferte Liste wurde Stand 1
    assert neu["id"].tolist() == [f"E{n:03d}" for n in range(1, 21) if n != 6]  # E006 fehlt, die neue ist E020
    assert neu.set_index("id").loc["E003", "name"] == "Bürgerhaus"
