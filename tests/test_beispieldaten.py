"""Die mitgelieferten Daten: reproduzierbar erzeugt, gültig, und an veröffentlichten Größenordnungen kalibriert."""

import json
import os
import runpy
import shutil

import pandas as pd
import pytest

from indikatoren.ablaeufe.einlesung import BEISPIELDATEN
from indikatoren.einlesen.pruefung import pruefe_datei
from indikatoren.einlesen.vorlage import erlaeuterung, schreibe_vorlage
from indikatoren.grundlagen import vergleichswerte
from indikatoren.grundlagen.spalten import ANZAHLEN
from indikatoren.rechnen.berechnung import berechne, jedes_nte_kind
from tests.conftest import PROJEKT, SHARED_GEO


@pytest.fixture(scope="module")
def beispiel(gebiete):
    kz = pruefe_datei(BEISPIELDATEN.read_bytes(), "b.csv", gebiete).kennzahlen
    return kz, berechne(kz, gebiete)


def test_erzeuger_schreibt_dieselbe_datei(tmp_path):
    kopie = tmp_path / "erzeuge_beispieldaten.py"
    shutil.copy(PROJEKT / "data" / "erzeuge_beispieldaten.py", kopie)
    runpy.run_path(str(kopie), run_name="__main__")
    assert (tmp_path / "beispiel_kennzahlen.csv").read_bytes() == BEISPIELDATEN.read_bytes()


def test_alle_gemeinden_und_der_kreis_2019_bis_2024(beispiel, gebiete):
    kz, _ = beispiel
    assert kz.jahre == list(range(2019, 2025))
    assert set(kz.zeilen["ags"]) == set(gebiete.gemeinden["ags"]) | {"03254"}
    assert len(gebiete.gemeinden) == 20
    assert set(kz.zeilen["art"]) == {"beispiel"} and set(kz.zeilen["stichtag_sgb2"].str[5:]) == {"12"}
    assert kz.merkmale == list(ANZAHLEN)


def test_kreiszeile_ist_summe_der_gemeinden_und_kleine_zahlen_stehen_roh_darin(beispiel):
    """Die Rohtabelle (nur für die Stabsstelle) ist exakt: Kreis = Summe der Gemeinden, auch Eimes 2 steht
    ungesperrt darin. Dass Leser sie trotzdem nicht ausrechnen können, prüft test_geheimhaltung.py."""
    kz, _ = beispiel
    z = kz.zeilen
    assert not kz.geheim.any().any()
    for jahr in kz.jahre:
        kreis = z[(z["jahr"] == jahr) & (z["ags"] == "03254")].iloc[0]
        gemeinden = z[(z["jahr"] == jahr) & (z["ags"] != "03254")]
        for s in kz.merkmale:
            assert gemeinden[s].sum() == kreis[s], (jahr, s)
    klein = z.loc[z["nef_u3"].isin([1, 2]), ["name", "jahr"]]
    assert set(klein["name"]) == {"Eime"} and len(klein) == 5


def test_einwohner_2023_aus_vg250(beispiel):
    kz, _ = beispiel
    ewz = {f["properties"]["ags"]: f["properties"]["ewz"] for f in json.loads(
        (SHARED_GEO / "gemeinden_lk_hildesheim.geojson").read_text(encoding="utf-8"))["features"]}
    z = kz.zeilen[(kz.zeilen["jahr"] == 2023) & (kz.zeilen["ags"] != "03254")].set_index("ags")
    anteil_u15 = z["bev_u15"] / pd.Series(ewz)
    assert anteil_u15.between(0.11, 0.16).all()  # Altersaufbau plausibel, Einwohner aus VG250
    assert z.loc["03254021", "bev_u15"] > 10 * z.loc["03254013", "bev_u15"]


def test_kalibrierung(beispiel):
    _, ergebnis = beispiel
    ka = ergebnis[(ergebnis["indikator"] == "kinderarmut") & (ergebnis["ebene"] == "gemeinde")]
    for jahr, teil in ka.groupby("jahr"):
        rangfolge = teil.sort_values("wert", ascending=False)["name"].tolist()
        assert rangfolge[:2] == ["Hildesheim", "Alfeld (Leine)"], jahr
        hildesheim = teil.set_index("name").at["Hildesheim", "wert"]
        assert 25 <= hildesheim <= 30
        assert jedes_nte_kind(teil.set_index("name").at["Alfeld (Leine)", "wert"]) == 6, jahr
    kreis = ergebnis[(ergebnis["indikator"] == "kinderarmut") & (ergebnis["ebene"] == "kreis")].set_index("jahr")
    assert kreis.at[2022, "wert"] > kreis.at[2021, "wert"] + 1  # Ukraine: ab Juni 2022 im SGB II
    assert (ergebnis["status"] != "fehlt").all()


def test_jüngstes_jahr_bezieht_sich_auf_bevoelkerung_des_vorjahres(beispiel):
    kz, _ = beispiel
    stichtage = kz.zeilen.groupby("jahr")["stichtag_bev"].first()
    assert stichtage[2024] == "2023-12-31" and stichtage[2023] == "2023-12-31" and stichtage[2019] == "2019-12-31"


def test_vergleichswerte():
    werte = vergleichswerte.vergleichswerte()
    tabelle = {(w.indikator, w.ags, w.stichtag): w.wert for w in werte.itertuples()}
    assert tabelle == {
        ("kinderarmut", "03", "2018-06"): 14.9, ("kinderarmut", "DG", "2018-06"): 14.4,
        ("kinderarmut", "03", "2019-06"): 14.1, ("kinderarmut", "DG", "2019-06"): 13.6,
        ("kinderarmut", "03", "2023-06"): 13.2, ("kinderarmut", "DG", "2023-06"): 12.7,
        ("kinderarmut_u3", "03", "2023-06"): 12.5, ("kinderarmut_3_6", "03", "2023-06"): 13.9,
        ("kinderarmut_6_15", "03", "2023-06"): 13.2}
    assert set(werte["art"]) == {"amtlich"} and werte["quelle"].str.contains("HSBN").all()
    assert vergleichswerte.fuer("kinderarmut").iloc[0]["stichtag"] == "2023-06"


def test_vorlage_ist_aktuell(tmp_path, gebiete):
    schreibe_vorlage(tmp_path, gebiete)
    for name in ("vorlage_kennzahlen.csv", "vorlage_kennzahlen_erlaeuterung.csv"):
        assert (tmp_path / name).read_bytes() == (PROJEKT / "data" / name).read_bytes(), name
    for blatt in ("Kennzahlen", "Erläuterung"):
        neu = pd.read_excel(tmp_path / "vorlage_kennzahlen.xlsx", sheet_name=blatt, dtype=str)
        alt = pd.read_excel(PROJEKT / "data" / "vorlage_kennzahlen.xlsx", sheet_name=blatt, dtype=str)
        assert neu.equals(alt), blatt


def test_vorlage_erklaert_jede_spalte_und_laesst_sich_ausgefuellt_einlesen(gebiete):
    vorlage = (PROJEKT / "data" / "vorlage_kennzahlen.xlsx").read_bytes()
    kennzahlen = pd.read_excel(PROJEKT / "data" / "vorlage_kennzahlen.xlsx", dtype=str)
    assert list(erlaeuterung()["spalte"]) == list(kennzahlen.columns)
    assert kennzahlen["ags"].tolist()[:2] == ["03254", "03254002"]  # Text, führende Null bleibt
    assert len(vorlage) > 0
    ausgefuellt = kennzahlen.head(2).fillna("").assign(jahr="2025", bev_u15=["40.000", "2.411"],
                                                        nef_u15=["6.000", "*"])
    inhalt = ausgefuellt.to_csv(sep=";", index=False).encode()
    kz = pruefe_datei(inhalt, "vorlage.csv", gebiete).kennzahlen
    assert kz.zeilen["bev_u15"].tolist() == [40000, 2411] and kz.geheim["nef_u15"].tolist() == [False, True]


def test_beispieldaten_fuer_jeden_kreis_aus_den_einwohnern():
    """Für einen anderen Kreis: je Gemeinde und Jahr eine Zeile, der Kreis als Summe, gekennzeichnet, reproduzierbar."""
    from indikatoren.einlesen import beispieldaten
    from indikatoren.grundlagen.gebiete import Gebiete

    holzminden = Gebiete.laden("03255")
    einwohner = pd.Series(10_000, index=holzminden.gemeinden["ags"])
    einwohner.iloc[0] = 30_000
    zeilen = pd.DataFrame(beispieldaten.fuer_kreis(holzminden, einwohner))
    assert zeilen.equals(pd.DataFrame(beispieldaten.fuer_kreis(holzminden, einwohner)))  # fester Startwert
    assert not zeilen.equals(pd.DataFrame(beispieldaten.fuer_kreis(Gebiete.laden("03254"), pd.Series(
        10_000, index=Gebiete.laden("03254").gemeinden["ags"]))).reindex(columns=zeilen.columns))
    assert set(zeilen["ags"]) == {*holzminden.gemeinden["ags"], "03255"} and set(zeilen["art"]) == {"beispiel"}
    for jahr, teil in zeilen.groupby("jahr"):
        kreis = teil.set_index("ags").loc["03255"]
        gemeinden = teil[teil["ags"] != "03255"]
        for spalte in ("bev_u15", "nef_u15", "lb", "elb", "bev_u3", "nef_u3"):
            assert kreis[spalte] == gemeinden[spalte].sum(), (jahr, spalte)
    quote = zeilen["nef_u15"] / zeilen["bev_u15"] * 100
    assert quote.between(1, 45).all()
    with pytest.raises(ValueError, match="Einwohnerzahl.*es fehlt: Arholzen"):
        beispieldaten.fuer_kreis(holzminden, einwohner.drop("03255001"))


def test_ein_neuer_kreis_sieht_in_zwei_befehlen_ein_dashboard(monkeypatch, capsys):
    from streamlit.testing.v1 import AppTest

    from kommandozeile.haupt import main

    monkeypatch.setenv("SOZIALPLANUNG_GEODATEN", str(SHARED_GEO / "gemeinden_niedersachsen.geojson"))
    assert main(["beispieldaten", "--kreis", "03255"]) == 0
    assert "SOZIALPLANUNG_KREIS" not in os.environ  # --kreis gilt nur für den Aufruf, nichts bleibt zurück
    assert "Beispieldaten für Landkreis Holzminden (32 Gemeinden, 2019–2024)" in capsys.readouterr().out
    monkeypatch.setenv("SOZIALPLANUNG_KREIS", "03255")
    app = AppTest.from_file(str(PROJEKT / "app.py"), default_timeout=60).run()
    assert not app.exception and "Beispieldaten" in app.warning[0].value
    assert app.metric[0].label == "Landkreis Holzminden"
    for seite in ("karte", "gemeindeprofil", "zeitvergleich", "praeventionskette", "angebote"):
        app = AppTest.from_file(str(PROJEKT / "app.py"), default_timeout=60)
        app.switch_page(f"pages/{seite}.py")
        app.run()
        assert not app.exception, (seite, app.exception)
        text = " ".join(str(e.value) for art in ("title", "header", "markdown", "caption", "info", "error")
                        for e in app.get(art)) + " ".join(d.value.to_csv() for d in app.dataframe)
        assert "Alfeld" not in text and "Hildesheim" not in text, seite  # nur, was zum eigenen Kreis gehört
