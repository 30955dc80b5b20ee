"""Dieselbe Ablage auf PostgreSQL (gemeinsamer Server): nur die URL ändert sich.

Braucht SOZIALPLANUNG_TEST_PG (SQLAlchemy-URL einer leeren Test-Datenbank); .ci/run startet dafür einen
lokalen PostgreSQL. Ohne die Variable wird außerhalb von CI mit Begründung übersprungen.
"""

import pytest

from indikatoren.ablaeufe.einlesung import einlesen, oeffne_ablage
from indikatoren.ablage import datenstaende, migration, spaltenprofile
from indikatoren.einlesen.zuordnung import Profil
from indikatoren.grundlagen.meldungen import UngueltigeDatei
from tests.conftest import csv_bytes


def test_ablage_auf_postgresql(pg_url, gebiete, monkeypatch):
    ablage = oeffne_ablage(gebiete)
    assert ablage.url == pg_url and ablage.engine.dialect.name == "postgresql"
    assert [d.id for d in ablage.datenstaende()] == [1] and len(ablage.kennzahlen()) == 126

    neu = csv_bytes("ags;jahr;bev_u15;nef_u15\n03254002;2024;2500;*")
    stand = einlesen(ablage, neu, "neu.csv", gebiete, ergaenzen=True, von="test").datenstand
    assert (stand.id, stand.aktiv, stand.grundlage, stand.zeilen) == (2, True, 1, 126)
    kz = ablage.kennzahlen()
    alfeld = kz.zeilen[(kz.zeilen["ags"] == "03254002") & (kz.zeilen["jahr"] == 2024)].index[0]
    assert kz.geheim.at[alfeld, "nef_u15"] and kz.zeilen.at[alfeld, "bev_u15"] == 2500

    with pytest.raises(UngueltigeDatei):
        einlesen(ablage, b"ags;jahr\n03254999;2024", "falsch.csv", gebiete, von="test")
    lang = datenstaende._lang
    monkeypatch.setattr(datenstaende, "_lang", lambda *a: (_ for _ in ()).throw(RuntimeError("Abbruch")))
    with pytest.raises(RuntimeError):
        einlesen(ablage, neu, "neu.csv", gebiete, von="test")
    assert [(d.id, d.aktiv) for d in ablage.datenstaende()] == [(1, False), (2, True)]

    ablage.aktivieren(1)
    assert [d.aktiv for d in ablage.datenstaende()] == [True, False]
    with pytest.raises(Exception), ablage.engine.begin() as verbindung:  # noqa: B017
        verbindung.execute(datenstaende.datenstand.update().values(aktiv=True))
    assert sum(d.aktiv for d in ablage.datenstaende()) == 1
    assert ablage.protokolleintraege()["erfolg"].tolist() == [True, True, False, False, True]

    # Wiederherstellen mit der ursprünglichen Nummer: die nächste neue liegt dahinter (Sequenz nachgezogen)
    monkeypatch.setattr(datenstaende, "_lang", lang)
    assert ablage.speichern(ablage.kennzahlen(1), von="test", dateiname="alt.csv", sha256="0" * 64, nummer=7,
                            aktivieren=False).id == 7
    assert einlesen(ablage, neu, "neu.csv", gebiete, ergaenzen=True, von="test").datenstand.id == 8
    spaltenprofile.speichern(ablage, Profil("BA", {"nef_u15": "NEF / unter 15"}), "test")
    assert [p.felder for p in spaltenprofile.alle(ablage)] == [{"nef_u15": "NEF / unter 15"}]

    # eine Datenbank von vor den Schema-Schritten (nachgestellt: was die Schritte 0002 und 0004 bringen, entfernt)
    with ablage.engine.begin() as v:
        for befehl in ("DROP TABLE alembic_version", "DROP TABLE spaltenprofil",
                       "ALTER TABLE kennzahl_zeile DROP COLUMN quelle_sgb2, DROP COLUMN quelle_bev",
                       "DROP TABLE einreichung", "DROP TABLE aktualisierungslink", "DROP TABLE geheimnis"):
            v.exec_driver_sql(befehl)
    ablage.engine.dispose()
    gehoben = datenstaende.Ablage(pg_url)
    assert migration.stand(gehoben.engine) == migration.neuester()
    assert len(gehoben.kennzahlen(1)) == 126 and gehoben.kennzahlen(1).zeilen["quelle_sgb2"].eq("").all()
    assert spaltenprofile.alle(gehoben) == []
