"""Sicherung und Wiederherstellung: alles kommt in eine neue Datenbank zurück, ohne etwas zu verdoppeln."""

import pytest

from indikatoren import sicherung
from indikatoren.datenstaende import Ablage
from indikatoren.einlesen import einlesen, oeffne_ablage
from indikatoren.einrichtungen import lade_einrichtungen
from indikatoren.meldungen import UngueltigeDatei
from tests.conftest import csv_bytes


def test_sicherung_in_neue_datenbank_und_zweimal_ohne_doppelte(tmp_path, gebiete):
    alt = oeffne_ablage(gebiete)
    einlesen(alt, csv_bytes("ags;jahr;bev_u15;nef_u15\n03254002;2025;2500;*"), "neu.csv", gebiete,
             ergaenzen=True, von="meier", kommentar="Dezember 2025")
    alt.aktivieren(1, von="meier")
    liste = lade_einrichtungen().astype(str).replace({"nan": ""})
    alt.einrichtungen_speichern(liste.assign(status="geschlossen"), von="meier", kommentar="alle zu")
    datei = sicherung.erstellen(alt)

    neu = Ablage(f"sqlite:///{tmp_path / 'neu.sqlite'}")
    text = sicherung.wiederherstellen(neu, datei, gebiete, von="admin")
    assert text.startswith("2 Datenstände, 1 Einrichtungsstände und ")
    a, n = alt.datenstaende(), neu.datenstaende()
    assert [(d.sha256, d.von, d.zeilen, d.erstellt, d.aktiv) for d in n] == \
        [(d.sha256, d.von, d.zeilen, d.erstellt, d.aktiv) for d in a]
    assert n[1].kommentar == "Dezember 2025 (wiederhergestellt, ursprünglich Datenstand 2)"
    for d_alt, d_neu in zip(a, n):
        assert neu.kennzahlen(d_neu.id).zeilen.equals(alt.kennzahlen(d_alt.id).zeilen)
        assert neu.kennzahlen(d_neu.id).geheim.equals(alt.kennzahlen(d_alt.id).geheim)
    assert neu.einrichtungen()[1].equals(alt.einrichtungen()[1])
    protokoll = neu.protokolleintraege()
    assert protokoll["aktion"].str.startswith("gesichert: ").sum() == len(alt.protokolleintraege())

    zweites = sicherung.wiederherstellen(neu, datei, gebiete, von="admin")
    assert zweites.startswith("0 Datenstände, 0 Einrichtungsstände und 0 Protokolleinträge")
    assert len(neu.datenstaende()) == 2


def test_keine_sicherung(gebiete):
    with pytest.raises(UngueltigeDatei, match="Keine Sicherung dieses Dashboards"):
        sicherung.wiederherstellen(oeffne_ablage(gebiete), b"PK\x03\x04kaputt", gebiete, von="x")
