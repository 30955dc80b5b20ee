"""Datenstände: Erstbefüllung, neue Stände, Ergänzen, Wiederaktivieren, und nichts geht bei Fehlern verloren."""

import getpass
import time

import pytest
from sqlalchemy import func, select

from indikatoren.ablaeufe.einlesung import BEISPIELDATEN, einlesen, oeffne_ablage
from indikatoren.ablage import datenstaende
from indikatoren.ablage.datenstaende import FremderKreis
from indikatoren.ablage.schema import ablage_kreis
from indikatoren.einlesen.pruefung import pruefe_datei
from indikatoren.grundlagen.gebiete import Gebiete
from indikatoren.grundlagen.meldungen import UngueltigeDatei
from kommandozeile.haupt import main
from tests.conftest import csv_bytes

NEU = csv_bytes("""
    ags;jahr;bev_u15;nef_u15
    03254002;2024;2500;500
    03254002;2025;2510;480
""")


def test_erste_nutzung_speichert_beispieldaten_als_datenstand_1(capsys, laufzeit, gebiete):
    assert main(["datenstaende"]) == 0
    ausgabe = capsys.readouterr().out
    assert "*    1" in ausgabe and "beispiel_kennzahlen.csv" in ausgabe and "126 Zeilen" in ausgabe
    assert (laufzeit / "sozialplanung.sqlite").exists()
    ablage = oeffne_ablage(gebiete)
    assert len(ablage.datenstaende()) == 1  # ein zweites Öffnen befüllt nicht noch einmal
    assert set(ablage.kennzahlen().zeilen["art"]) == {"beispiel"}


def test_einlesen_legt_neuen_aktiven_stand_an_und_alter_bleibt(tmp_path, capsys, gebiete):
    datei = tmp_path / "neu.csv"
    datei.write_bytes(NEU)
    assert main(["einlesen", str(datei), "--kommentar", "Dezember 2024", "--von", "Frau Meier",
                 "--quelle", "BA", "--art", "geschaetzt"]) == 0
    assert "Datenstand 2 gespeichert und aktiv: 2 Zeilen aus neu.csv." in capsys.readouterr().out
    ablage = oeffne_ablage(gebiete)
    eins, zwei = ablage.datenstaende()
    assert (eins.aktiv, zwei.aktiv) == (False, True)
    assert (zwei.von, zwei.kommentar, zwei.dateiname, zwei.zeilen) == ("Frau Meier", "Dezember 2024", "neu.csv", 2)
    assert len(zwei.sha256) == 64
    aktiv = ablage.kennzahlen()
    assert aktiv.zeilen[["quelle", "art"]].drop_duplicates().values.tolist() == [["BA", "geschaetzt"]]
    assert len(ablage.kennzahlen(1)) == 126  # der alte Stand ist vollständig erhalten


def test_von_ist_der_benutzername(tmp_path, gebiete):
    datei = tmp_path / "neu.csv"
    datei.write_bytes(NEU)
    main(["einlesen", str(datei)])
    assert oeffne_ablage(gebiete).aktiver().von == getpass.getuser()


def test_aktivieren_macht_frueheren_stand_wieder_aktiv(tmp_path, capsys, gebiete):
    datei = tmp_path / "neu.csv"
    datei.write_bytes(NEU)
    main(["einlesen", str(datei)])
    assert main(["aktivieren", "1"]) == 0
    ablage = oeffne_ablage(gebiete)
    assert [d.aktiv for d in ablage.datenstaende()] == [True, False]
    assert len(ablage.kennzahlen()) == 126
    assert main(["aktivieren", "9"]) == 1
    assert "Datenstand 9 gibt es nicht." in capsys.readouterr().err
    assert [d.aktiv for d in ablage.datenstaende()] == [True, False]


def test_ergaenzen_ersetzt_gleiche_zeilen_und_fuegt_neue_hinzu(tmp_path, capsys, gebiete):
    datei = tmp_path / "neu.csv"
    datei.write_bytes(NEU)
    assert main(["einlesen", str(datei), "--ergaenzen"]) == 0
    assert "(ergänzt Datenstand 1)" in capsys.readouterr().out
    ablage = oeffne_ablage(gebiete)
    alt, neu = ablage.kennzahlen(1).zeilen, ablage.kennzahlen().zeilen
    assert len(neu) == 127  # 2024 ersetzt, 2025 neu
    alfeld = neu[neu["ags"] == "03254002"].set_index("jahr")
    assert (alfeld.at[2024, "nef_u15"], alfeld.at[2025, "nef_u15"]) == (500, 480)
    vorher = alt[(alt["ags"] == "03254002") & (alt["jahr"] == 2024)].iloc[0]
    assert alfeld.at[2024, "lb"] == vorher["lb"] == 1557  # Spalten, die die Datei nicht hat, bleiben
    unberuehrt = neu[(neu["ags"] != "03254002") | (neu["jahr"] < 2024)].reset_index(drop=True)
    erwartet = alt[(alt["ags"] != "03254002") | (alt["jahr"] < 2024)].reset_index(drop=True)
    assert unberuehrt.equals(erwartet)
    assert ablage.aktiver().grundlage == 1


def test_abbruch_mitten_im_schreiben_laesst_alles_wie_es_war(monkeypatch, gebiete):
    ablage = oeffne_ablage(gebiete)
    vorher = (ablage.datenstaende(), ablage.kennzahlen().als_tabelle())

    def kaputt(*args, **kwargs):
        raise RuntimeError("Platte voll")
    monkeypatch.setattr(datenstaende, "_lang", kaputt)  # nach Anlage von Datenstand und Zeilen
    with pytest.raises(RuntimeError):
        einlesen(ablage, NEU, "neu.csv", gebiete, von="test")

    assert ablage.datenstaende() == vorher[0]
    assert ablage.kennzahlen().als_tabelle().equals(vorher[1])
    with ablage.engine.connect() as verbindung:
        assert verbindung.execute(select(func.count()).select_from(datenstaende.kennzahl_zeile)).scalar() == 126
    protokoll = ablage.protokolleintraege()
    letzter = protokoll.iloc[-1]
    assert (letzter["aktion"], bool(letzter["erfolg"]), letzter["meldung"]) == ("einlesen", False, "Platte voll")


def test_ungueltige_datei_wird_protokolliert(gebiete):
    ablage = oeffne_ablage(gebiete)
    with pytest.raises(UngueltigeDatei):
        einlesen(ablage, b"", "leer.csv", gebiete, von="test")
    letzter = ablage.protokolleintraege().iloc[-1]
    assert not letzter["erfolg"] and "leer.csv: Die Datei ist leer." in letzter["meldung"]


def test_nur_ein_aktiver_stand_erzwingt_die_datenbank(gebiete):
    ablage = oeffne_ablage(gebiete)
    with pytest.raises(Exception), ablage.engine.begin() as verbindung:  # noqa: B017
        verbindung.execute(datenstaende.datenstand.insert().values(
            erstellt=ablage.aktiver().erstellt, von="x", dateiname="x", sha256="x", zeilen=0, aktiv=True))
    assert sum(d.aktiv for d in ablage.datenstaende()) == 1


def test_rundlauf_gleicht_der_geprueften_datei(gebiete):
    geprueft = pruefe_datei(BEISPIELDATEN.read_bytes(), "b.csv", gebiete, art="beispiel").kennzahlen
    gespeichert = oeffne_ablage(gebiete).kennzahlen()
    assert gespeichert.zeilen.equals(geprueft.zeilen)
    assert gespeichert.geheim.equals(geprueft.geheim)


def test_datenbank_aus_umgebungsvariable(tmp_path, monkeypatch, gebiete):
    url = f"sqlite:///{tmp_path / 'anders.sqlite'}"
    monkeypatch.setenv("SOZIALPLANUNG_DB", url)
    assert oeffne_ablage(gebiete).url == url
    assert (tmp_path / "anders.sqlite").exists()


def _oeffnen(laufzeit, sperre):
    import os
    os.environ["SOZIALPLANUNG_LAUFZEIT"] = laufzeit
    from indikatoren.grundlagen.gebiete import Gebiete
    sperre.wait()
    oeffne_ablage(Gebiete.laden())


def test_gleichzeitiger_erster_start_befuellt_nur_einmal(laufzeit):
    import multiprocessing
    kontext = multiprocessing.get_context("spawn")
    sperre = kontext.Barrier(3)
    prozesse = [kontext.Process(target=_oeffnen, args=(str(laufzeit), sperre)) for _ in range(3)]
    for p in prozesse:
        p.start()
    for p in prozesse:
        p.join(60)
    assert [p.exitcode for p in prozesse] == [0, 0, 0]
    from indikatoren.ablage.datenstaende import Ablage
    assert len(Ablage().datenstaende()) == 1


@pytest.mark.parametrize(("tabelle", "aenderung"), [
    ("protokoll", lambda t: t.delete()), ("protokoll", lambda t: t.update().values(meldung="geschönt")),
    ("kennzahl_wert", lambda t: t.update().values(anzahl=0)), ("kennzahl_zeile", lambda t: t.delete()),
    ("datenstand", lambda t: t.delete()),
])
def test_gespeichertes_und_protokoll_sind_unveraenderlich(gebiete, tabelle, aenderung):
    ablage = oeffne_ablage(gebiete)
    vorher = (ablage.datenstaende(), ablage.protokolleintraege(), ablage.kennzahlen().als_tabelle())
    with pytest.raises(Exception, match="nicht erlaubt"), ablage.engine.begin() as verbindung:
        verbindung.execute(aenderung(datenstaende.metadaten.tables[tabelle]))
    assert ablage.datenstaende() == vorher[0] and ablage.protokolleintraege().equals(vorher[1])
    assert ablage.kennzahlen().als_tabelle().equals(vorher[2])


def test_ergaenzen_liest_den_aktiven_stand_in_der_schreibtransaktion(gebiete):
    """Ein anderer Schreiber hält die Sperre und legt gleich einen Stand an; `--ergaenzen` wartet und ergänzt
    dessen Stand – nicht den, der vorher aktiv war (sonst gingen dessen Zeilen verloren)."""
    import threading

    from indikatoren.ablaeufe.einlesung import einlesen, oeffne_ablage
    from indikatoren.einlesen.pruefung import pruefe_datei
    ablage = oeffne_ablage(gebiete)
    gesperrt, andere = threading.Event(), {}

    def anderer_schreiber():
        neu = pruefe_datei(csv_bytes("ags;jahr;bev_u15;nef_u15\n03254002;2025;2500;500"), "a.csv", gebiete)
        with ablage.schreibend() as verbindung:
            gesperrt.set()
            time.sleep(0.5)
            basis = ablage.kennzahlen(1, verbindung).ergaenzt_um(neu.kennzahlen)
            andere["stand"] = ablage.speichern(basis, von="a", dateiname="a.csv", sha256="a", grundlage=1,
                                               verbindung=verbindung)

    faden = threading.Thread(target=anderer_schreiber)
    faden.start()
    gesperrt.wait()
    stand = einlesen(ablage, csv_bytes("ags;jahr;bev_u15;nef_u15\n03254002;2026;2600;520"), "b.csv", gebiete,
                     ergaenzen=True, von="b").datenstand
    faden.join()
    assert (andere["stand"].id, stand.id, stand.grundlage) == (2, 3, 2)
    jahre = ablage.kennzahlen(3).zeilen.query("ags == '03254002'")["jahr"].tolist()
    assert jahre == [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]


def test_veraltete_vorschau_speichert_nichts(gebiete):
    from indikatoren.ablaeufe.einlesung import AndererStandAktiv, einlesen, oeffne_ablage
    ablage = oeffne_ablage(gebiete)
    datei = csv_bytes("ags;jahr;bev_u15;nef_u15\n03254002;2025;2500;500")
    einlesen(ablage, datei, "zuerst.csv", gebiete, ergaenzen=True, von="cli")  # Stand 2, während die Vorschau offen ist
    with pytest.raises(AndererStandAktiv, match="Inzwischen ist Datenstand 2 aktiv, nicht 1"):
        einlesen(ablage, datei, "web.csv", gebiete, ergaenzen=True, von="web", erwartet=1)
    assert [d.id for d in ablage.datenstaende()] == [1, 2]


@pytest.mark.parametrize(("tabelle", "aenderung"), [
    ("listeneintrag", lambda t: t.update().values(daten="{}")), ("listeneintrag", lambda t: t.delete()),
    ("listenstand", lambda t: t.delete()),
])
def test_listenstaende_sind_unveraenderlich(gebiete, tabelle, aenderung):
    from indikatoren.orte import einrichtungspflege
    from indikatoren.orte.einrichtungen import mitgeliefert
    ablage = oeffne_ablage(gebiete)
    listen = einrichtungspflege.staende(ablage)
    listen.speichern(mitgeliefert(), von="t", kommentar="k")
    vorher = listen.lesen()[1]
    with pytest.raises(Exception, match="nicht erlaubt"), ablage.engine.begin() as verbindung:
        verbindung.execute(aenderung(datenstaende.metadaten.tables[tabelle]))
    assert listen.lesen()[1].equals(vorher) and len(listen.staende()) == 1


def test_datenbank_gehoert_zu_einem_kreis_und_oeffnet_fuer_keinen_anderen(tmp_path):
    """Wer SOZIALPLANUNG_KREIS umstellt, bekommt eine klare Meldung statt Hildesheims Zahlen mit leeren Ebenen."""
    url = f"sqlite:///{tmp_path / 'kreis.db'}"
    hildesheim = Gebiete.laden("03254")
    assert oeffne_ablage(hildesheim, url).aktiver().id == 1  # neu: Beispieldaten, Kreis vermerkt
    with pytest.raises(FremderKreis, match=r"gehört zum Kreis 03254 \(Landkreis Hildesheim\), eingestellt ist aber "
                                           r"SOZIALPLANUNG_KREIS=03255 \(Landkreis Holzminden\)"):
        oeffne_ablage(Gebiete.laden("03255"), url)
    ablage = oeffne_ablage(hildesheim, url)  # für den eigenen Kreis öffnet sie wie zuvor
    assert [s.id for s in ablage.datenstaende()] == [1]


def test_aeltere_datenbank_bekommt_den_kreis_ihrer_zahlen(tmp_path):
    """Eine Datenbank aus der Zeit vor dem Vermerk gehört zu dem Kreis, dessen Zahlen sie enthält – auch wenn sie
    zuerst mit einem anderen Kreis geöffnet wird."""
    url = f"sqlite:///{tmp_path / 'alt.db'}"
    ablage = oeffne_ablage(Gebiete.laden("03254"), url)
    with ablage.engine.begin() as verbindung:
        verbindung.execute(ablage_kreis.delete())
    with pytest.raises(FremderKreis, match="gehört zum Kreis 03254"):
        oeffne_ablage(Gebiete.laden("03255"), url)


def test_datenbank_von_vor_alembic_wird_beim_oeffnen_gehoben(tmp_path, gebiete):
    """tests/daten/ablage_vor_alembic.sql ist eine Datenbank, die der Code vor den Schema-Schritten angelegt hat (ein
    Stand, zwei Zeilen, Quelle „BA Dezember 2023 und LSN“). Beim Öffnen wird sie gehoben: der Stand bleibt, wie er
    war, die Quellen je Art sind leer und es gilt die Quelle der Zeile, der Schutz bleibt, Spaltenprofile gehen;
    ein zweites Öffnen ändert nichts."""
    import sqlite3

    from indikatoren.ablage import migration, spaltenprofile
    from indikatoren.einlesen.zuordnung import Profil
    from indikatoren.rechnen.berechnung import berechne
    from tests.conftest import PROJEKT

    datei = tmp_path / "alt.sqlite"
    with sqlite3.connect(datei) as roh:
        roh.executescript((PROJEKT / "tests" / "daten" / "ablage_vor_alembic.sql").read_text(encoding="utf-8"))
        assert "quelle_sgb2" not in {z[1] for z in roh.execute("PRAGMA table_info(kennzahl_zeile)")}
    ablage = datenstaende.Ablage(f"sqlite:///{datei}")
    assert migration.stand(ablage.engine) == migration.neuester() == "0004"
    kz = ablage.kennzahlen(1)
    assert kz.zeilen[["ags", "bev_u15", "quelle_sgb2", "quelle_bev"]].values.tolist() == [
        ["03254002", 2411, "", ""], ["03254013", 300, "", ""]]
    assert kz.zeilen.loc[0, "nef_u15"] == 402 and kz.zeilen["nef_u15"].isna().tolist() == [False, True]
    assert kz.geheim["nef_u15"].tolist() == [False, True]
    alfeld = berechne(kz, gebiete).query("ags == '03254002' and indikator == 'kinderarmut'").iloc[0]
    assert (alfeld["quelle_sgb2"], alfeld["quelle_bev"]) == ("BA Dezember 2023 und LSN",) * 2
    with pytest.raises(Exception, match="DELETE ist nicht erlaubt"), ablage.engine.begin() as v:
        v.execute(datenstaende.datenstand.delete())
    spaltenprofile.speichern(ablage, Profil("BA", {"nef_u15": "NEF"}), "meier")
    wieder = datenstaende.Ablage(f"sqlite:///{datei}")
    assert [p.name for p in spaltenprofile.alle(wieder)] == ["BA"] and len(wieder.kennzahlen(1)) == 2
