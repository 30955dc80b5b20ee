"""Geheimhaltung als Angreifer geprüft: aus dem, was Leser sehen, lässt sich keine gesperrte Zelle ausrechnen.

Der Angreifer hier ist unabhängig von indikatoren/geheimhaltung.py geschrieben: er liest nur die Lesertabelle
(wie `python -m indikatoren veroeffentlichen` sie ausgibt), stellt die Summenbeziehungen aus dem
Gemeindeverzeichnis selbst auf und löst das Gleichungssystem exakt (Gauß-Jordan mit Brüchen).
"""

from fractions import Fraction

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indikatoren import katalog
from indikatoren.berechnung import berechne
from indikatoren.einlesen import BEISPIELDATEN
from indikatoren.geheimhaltung import fuer_leser, sperren
from indikatoren.kennzahlen import Kennzahlen, aus_spalten
from indikatoren.pruefung import pruefe_datei
from tests.conftest import csv_bytes

ALTER = ("u3", "3_6", "6_15")


# --- der Angreifer ---------------------------------------------------------------------------------------
def bekannte_zellen(leser: pd.DataFrame) -> dict[tuple, int]:
    """(ags, jahr, merkmal) -> Anzahl, die die Lesertabelle exakt zeigt (eine Untergrenze ist nicht exakt)."""
    bekannt = {}
    for z in leser.itertuples():
        ind = katalog.indikator(z.indikator)
        if pd.notna(z.nenner):
            bekannt[(z.ags, int(z.jahr), ind.nenner)] = int(z.nenner)
        if pd.notna(z.zaehler) and z.status != "untergrenze":
            bekannt[(z.ags, int(z.jahr), ind.zaehler)] = int(z.zaehler)
        if pd.notna(z.wert) and z.status == "ok" and pd.notna(z.nenner):  # Quote mal Nenner
            bekannt[(z.ags, int(z.jahr), ind.zaehler)] = round(z.wert * z.nenner / 100)
    return bekannt


def gleichungen(leser: pd.DataFrame, gebiete) -> list[dict[tuple, int]]:
    """Jede Summenbeziehung als {Zelle: Koeffizient} = 0, aus dem Gemeindeverzeichnis aufgeschrieben."""
    v = gebiete.verzeichnis.set_index("ags")
    gemeinden = v.index[v["ebene"] == "gemeinde"].tolist()
    teile = [(gebiete.kreis, gemeinden)]
    for sg in v.index[v["ebene"] == "samtgemeinde"]:
        teile.append((sg, [g for g in gemeinden if v.at[g, "samtgemeinde"] == sg]))
        teile.append((gebiete.kreis, [sg] + [g for g in gemeinden if v.at[g, "samtgemeinde"] != sg]))
    sr = gebiete.sozialraeume
    teile += [(g, t["id"].tolist()) for g, t in sr[sr["vollstaendig"] == "ja"].groupby("gemeinde")]
    merkmale = {i.zaehler for i in katalog.INDIKATOREN} | {i.nenner for i in katalog.INDIKATOREN}
    gleich = []
    for (ags, jahr), _ in leser.groupby(["ags", "jahr"]):
        for art in ("bev", "nef"):
            gleich.append({(ags, jahr, f"{art}_u15"): 1, **{(ags, jahr, f"{art}_{a}"): -1 for a in ALTER}})
        gleich.append({(ags, jahr, "bev_u_rag"): 1, (ags, jahr, "bev_u15"): -1, (ags, jahr, "bev_15_rag"): -1})
        for oben, liste in teile:
            if oben == ags:
                gleich += [{(ags, jahr, m): 1, **{(t, jahr, m): -1 for t in liste}} for m in merkmale]
    return gleich


def ausrechenbar(leser: pd.DataFrame, gebiete) -> dict[tuple, Fraction]:
    """Alle unbekannten Zellen, die das Gleichungssystem eindeutig festlegt, mit ihrem Wert."""
    bekannt = bekannte_zellen(leser)
    ergebnis = {}
    for jahr in leser["jahr"].unique():
        zeilen = []
        for g in gleichungen(leser[leser["jahr"] == jahr], gebiete):
            rest = -sum(k * bekannt[z] for z, k in g.items() if z in bekannt)
            unbekannt = {z: Fraction(k) for z, k in g.items() if z not in bekannt}
            if unbekannt:
                zeilen.append((unbekannt, Fraction(rest)))
        ergebnis |= _gauss_jordan(zeilen)
    return ergebnis


def _gauss_jordan(zeilen: list[tuple[dict, Fraction]]) -> dict[tuple, Fraction]:
    variablen = sorted({z for g, _ in zeilen for z in g})
    matrix = [[g.get(v, Fraction(0)) for v in variablen] + [r] for g, r in zeilen]
    pivots, zeile = [], 0
    for spalte in range(len(variablen)):
        treffer = next((i for i in range(zeile, len(matrix)) if matrix[i][spalte] != 0), None)
        if treffer is None:
            continue
        matrix[zeile], matrix[treffer] = matrix[treffer], matrix[zeile]
        p = matrix[zeile][spalte]
        matrix[zeile] = [x / p for x in matrix[zeile]]
        for i in range(len(matrix)):
            if i != zeile and matrix[i][spalte] != 0:
                f = matrix[i][spalte]
                matrix[i] = [a - f * b for a, b in zip(matrix[i], matrix[zeile])]
        pivots.append((zeile, spalte))
        zeile += 1
    return {variablen[s]: matrix[z][-1] for z, s in pivots
            if all(matrix[z][j] == 0 for j in range(len(variablen)) if j != s)}


def gesperrte_zellen(kennzahlen, leser) -> set[tuple]:
    """Zellen, die im Datenstand einen Wert oder „*“ haben, aber Lesern nicht gezeigt werden."""
    bekannt = bekannte_zellen(leser)
    zellen = set()
    for i, z in kennzahlen.zeilen.iterrows():
        for m in kennzahlen.merkmale:
            hat_wert = pd.notna(z[m]) or kennzahlen.geheim.at[i, m]
            if hat_wert and (z["ags"], int(z["jahr"]), m) not in bekannt:
                zellen.add((z["ags"], int(z["jahr"]), m))
    return zellen


def angriff(kennzahlen, gebiete) -> tuple[set, dict]:
    """(gesperrte Zellen, davon ausrechenbare mit Wert) – der zweite Teil muss leer sein."""
    leser = fuer_leser(kennzahlen, gebiete)
    gesperrt = gesperrte_zellen(kennzahlen, leser)
    geloest = ausrechenbar(leser, gebiete)
    return gesperrt, {z: w for z, w in geloest.items() if z in gesperrt}


# --- von Hand gerechnet ---------------------------------------------------------------------------------
def _kreis_mit(gebiete, werte: dict[str, int]) -> Kennzahlen:
    """Alle 20 Gemeinden mit nef_u15 aus `werte` (sonst 0), bev_u15 1000, dazu die Kreiszeile als Summe."""
    zeilen = [f"{ags};2024;1000;{werte.get(ags, 0)}" for ags in gebiete.gemeinden["ags"]]
    kopf = ["ags;jahr;bev_u15;nef_u15", f"{gebiete.kreis};2024;20000;{sum(werte.values())}"]
    return pruefe_datei(csv_bytes("\n".join(kopf + zeilen)), "k.csv", gebiete).kennzahlen


def test_von_hand_primaer_und_sekundaer(gebiete):
    """Eime 2 ist primär gesperrt. Kreis minus übrige verriete sie; also wird die kleinste andere, von Null
    verschiedene Zelle mitgesperrt: Duingen 5 (nicht Algermissen 0, nicht Alfeld 100)."""
    kz = _kreis_mit(gebiete, {"03254013": 2, "03254041": 5, "03254003": 0, "03254002": 100, "03254021": 900})
    s = sperren(kz, gebiete)
    assert s.zellen[["ags", "merkmal", "anzahl", "art"]].values.tolist() == [
        ["03254013", "nef_u15", 2, "geheim (primär)"], ["03254041", "nef_u15", 5, "geheim (sekundär)"]]
    leser = fuer_leser(kz, gebiete).set_index("ags")
    assert leser.at["03254013", "status"] == leser.at["03254041", "status"] == "nicht_ausweisbar"
    assert pd.isna(leser.at["03254041", "zaehler"]) and leser.at["03254041", "nenner"] == 1000
    assert leser.at["03254", "zaehler"] == 1007  # die Quellzeile des Kreises bleibt sichtbar
    # Samtgemeinde Leinebergland ohne Quellzeile: Eime und Duingen gesperrt, also Summe der übrigen als Untergrenze
    assert (leser.at["032545406", "status"], leser.at["032545406", "zaehler"]) == ("untergrenze", 0)


def test_kleine_summe_gesperrter_teile_wird_erweitert(gebiete):
    """Eime 1 und Holle 1 sind primär gesperrt; Kreis minus übrige ergäbe 2 für beide zusammen, also wären
    beide erkennbar klein. Darum wird Sibbesse 5 mitgesperrt (die Nullen der übrigen nicht)."""
    kz = _kreis_mit(gebiete, {"03254013": 1, "03254022": 1, "03254045": 5})
    assert sperren(kz, gebiete).zellen[["ags", "anzahl", "art"]].values.tolist() == [
        ["03254013", 1, "geheim (primär)"], ["03254022", 1, "geheim (primär)"], ["03254045", 5, "geheim (sekundär)"]]


def test_rohdaten_bleiben_fuer_die_stabsstelle_unveraendert(gebiete):
    kz = pruefe_datei(BEISPIELDATEN.read_bytes(), "b.csv", gebiete).kennzahlen
    vorher = kz.zeilen.copy()
    sperren(kz, gebiete)
    assert kz.zeilen.equals(vorher) and not kz.geheim.any().any()


def test_der_angreifer_findet_was_nur_primaer_gesperrt_offen_laege(gebiete):
    """Gegenprobe: nur primär gesperrt (wie bisher), rechnet der Angreifer Eimes 2 als Kreis minus übrige aus."""
    kz = _kreis_mit(gebiete, {"03254013": 2, "03254041": 5, "03254002": 100})
    nur_primaer = Kennzahlen(kz.zeilen.assign(nef_u15=kz.zeilen["nef_u15"].mask(kz.zeilen["nef_u15"] == 2)),
                             kz.geheim.assign(nef_u15=kz.zeilen["nef_u15"] == 2))
    assert ausrechenbar(berechne(nur_primaer, gebiete), gebiete)[("03254013", 2024, "nef_u15")] == 2


# --- Beispieldaten: der Befund aus dem Issue ---------------------------------------------------------------
def test_beispieldaten_kreis_minus_gemeinden_verraet_nichts(gebiete):
    kz = pruefe_datei(BEISPIELDATEN.read_bytes(), "b.csv", gebiete).kennzahlen
    leser = fuer_leser(kz, gebiete)
    u3 = leser[(leser["indikator"] == "kinderarmut_u3") & (leser["jahr"] == 2024)].set_index("ags")
    assert u3.at["03254", "zaehler"] == 1177  # der Kreis aus der Quellzeile
    gezeigt = u3[(u3.index.str.len() == 8) & u3["zaehler"].notna()]
    assert len(gezeigt) <= 18  # mindestens zwei Gemeinden gesperrt: die Differenz gehört keiner allein
    gesperrt, geloest = angriff(kz, gebiete)
    assert ("03254013", 2024, "nef_u3") in gesperrt and ("03254013", 2024, "nef_3_6") in gesperrt
    assert geloest == {}
    werte = leser[["zaehler", "nenner"]].stack().dropna().astype(int)
    assert not werte.isin([1, 2]).any()


# --- Eigenschaft: beliebige Tabellen mit vielen 1 und 2 --------------------------------------------------
@st.composite
def tabellen(draw, gebiete):
    """Gemeinden mit vielen 0, 1, 2; wahlweise Kreis- und Samtgemeindezeile (exakte Summen), fehlende
    Gemeindezeilen und „*“ der Quelle auf kleinen Zellen."""
    zufall = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    anteil_klein = draw(st.sampled_from([0.1, 0.4, 0.8]))
    gemeinden = gebiete.gemeinden["ags"].tolist()
    v = gebiete.verzeichnis
    sg = v.loc[v["ebene"] == "samtgemeinde", "ags"].iloc[0]
    jahre = draw(st.lists(st.sampled_from([2022, 2023]), min_size=1, max_size=2, unique=True))

    def anzahl():
        return int(zufall.integers(0, 5) if zufall.random() < anteil_klein else zufall.integers(5, 300))

    zeilen = []
    for jahr in jahre:
        roh = {}
        for ags in gemeinden:
            z = {f"{art}_{a}": anzahl() for art in ("nef", "bev") for a in ALTER}
            for art in ("nef", "bev"):
                z[f"{art}_u15"] = sum(z[f"{art}_{a}"] for a in ALTER)
            z["bev_15_rag"] = anzahl()
            z["bev_u_rag"] = z["bev_u15"] + z["bev_15_rag"]
            roh[ags] = z
        if draw(st.booleans()):
            zeilen.append({"ags": gebiete.kreis, "jahr": jahr, **{m: sum(z[m] for z in roh.values()) for m in z}})
        if draw(st.booleans()):
            teile = v.loc[v["samtgemeinde"] == sg, "ags"]
            zeilen.append({"ags": sg, "jahr": jahr, **{m: sum(roh[t][m] for t in teile) for m in z}})
        weg = draw(st.sets(st.sampled_from(gemeinden), max_size=2))
        zeilen += [{"ags": a, "jahr": jahr, **z} for a, z in roh.items() if a not in weg]
    tabelle = pd.DataFrame(zeilen)
    merkmale = [m for m in tabelle.columns if m not in ("ags", "jahr")]
    anteil_stern = draw(st.sampled_from([0.0, 0.3]))
    geheim = pd.DataFrame((zufall.random((len(tabelle), len(merkmale))) < anteil_stern)
                          & (tabelle[merkmale].to_numpy() <= 2), columns=merkmale)
    tabelle[merkmale] = tabelle[merkmale].astype("Int64").mask(geheim)
    kopf = {"name": "", "stichtag_sgb2": "", "stichtag_bev": "", "quelle": "", "art": "beispiel"}
    return aus_spalten(tabelle.assign(**kopf), geheim)


def test_eigenschaft_keine_gesperrte_zelle_ist_ausrechenbar(gebiete):
    @settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
    @given(tabellen(gebiete))
    def eigenschaft(kennzahlen):
        gesperrt, geloest = angriff(kennzahlen, gebiete)
        assert geloest == {}, f"ausrechenbar: {geloest}"
        leser = fuer_leser(kennzahlen, gebiete)
        assert not leser[["zaehler", "nenner"]].stack().dropna().astype(int).isin([1, 2]).any()
        klein = {(z["ags"], int(z["jahr"]), m) for _, z in kennzahlen.zeilen.iterrows()
                 for m in kennzahlen.merkmale if pd.notna(z[m]) and z[m] in (1, 2)}
        assert klein <= gesperrt

    eigenschaft()
