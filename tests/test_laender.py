"""Was vom Land abhängt, kommt aus data/laender.csv: ein Kreis in NRW nennt IT.NRW und das BGG NRW, nicht
Niedersachsen."""

import pandas as pd

from indikatoren.grundlagen import katalog, konfiguration, laender


def test_jedes_land_genau_einmal_mit_allen_angaben():
    tabelle = pd.read_csv(konfiguration.DATEN / "laender.csv", sep=";", dtype=str, keep_default_na=False)
    assert tabelle["land"].tolist() == [f"{n:02d}" for n in range(1, 17)]
    assert (tabelle != "").all().all()
    assert laender.land("03254").name == "Niedersachsen" and laender.land("05").name == "Nordrhein-Westfalen"


def test_quelle_gesetz_und_platzhalter_folgen_dem_land_des_kreises(monkeypatch):
    ind = katalog.indikator("kinderarmut")
    assert ind.quelle.endswith("Bevölkerung: Landesamt für Statistik Niedersachsen (LSN)")  # Vorgabe: Hildesheim
    assert "nach NBGG" in laender.kontakte()["schlichtung"]
    monkeypatch.setenv("SOZIALPLANUNG_KREIS", "05358")  # Kreis Düren
    assert ind.quelle.endswith("Bevölkerung: Information und Technik Nordrhein-Westfalen (IT.NRW)")
    assert "Niedersachsen" not in ind.quelle
    assert laender.eigenes().erklaerung_nach == "dem Behindertengleichstellungsgesetz Nordrhein-Westfalen (BGG NRW)"
    assert "nach BGG NRW" in laender.kontakte()["schlichtung"]


def test_vergleichswerte_nur_des_eigenen_landes(monkeypatch):
    from indikatoren.grundlagen import vergleichswerte

    assert set(vergleichswerte.passend("kinderarmut", 2024)["ags"]) == {"03", "DG"}
    monkeypatch.setenv("SOZIALPLANUNG_KREIS", "05358")  # für NRW steht (noch) kein Landeswert in der Tabelle
    assert set(vergleichswerte.passend("kinderarmut", 2024)["gebiet"]) == {"Deutschland"}
