"""Berechnet jeden Indikator je Gebiet und Jahr: Σ Zähler / Σ Nenner, mit Status und Herkunft.

Regeln (README, „Rechenregeln“): Quellzeilen größerer Gebiete gehen vor der Summe; eine Summe mit
geheimem Zähler-Teil ist eine Untergrenze; fehlt ein Nenner-Teil oder ist er geheim, gibt es keinen Wert.
Alles ist spaltenweise (vektorisiert) gerechnet, damit auch 11.000 Gemeinden × 20 Jahre schnell gehen.
"""

from enum import StrEnum

import numpy as np
import pandas as pd

from indikatoren.grundlagen import katalog
from indikatoren.grundlagen.gebiete import EBENEN, Gebiete
from indikatoren.grundlagen.kennzahlen import Kennzahlen, mit_quelle_je_art
from indikatoren.grundlagen.spalten import ARTEN
from indikatoren.rechnen.sozialraumsummen import mit_gemeindesummen

SPALTEN = ["ags", "name", "ebene", "jahr", "indikator", "zaehler", "nenner", "wert", "status"]
HERKUNFT = ["stichtag_sgb2", "stichtag_bev", "quelle", "quelle_sgb2", "quelle_bev", "art"]


class Status(StrEnum):
    """Was eine Zeile des Ergebnisses zeigt; gespeichert als Text (ein StrEnum ist zugleich str)."""
    OK = "ok"  # ein Wert
    UNTERGRENZE = "untergrenze"  # mindestens dieser Wert: ein Teil des Zählers ist gesperrt
    NICHT_AUSWEISBAR = "nicht_ausweisbar"  # gesperrt (Geheimhaltung)
    FEHLT = "fehlt"  # keine Daten


AUSGEWIESEN = (Status.OK, Status.UNTERGRENZE)  # Status mit einem Wert, den Leser sehen


def berechne(kennzahlen: Kennzahlen, gebiete: Gebiete) -> pd.DataFrame:
    """Eine Zeile je Gebiet, Jahr und Indikator, dessen Zähler und Nenner die Tabelle hat.

    Spalten: SPALTEN + HERKUNFT (Stichtag und Quelle je Art der Zahlen: SGB II für den Zähler, Bevölkerung für
    den Nenner). `wert` ist ungerundet (Prozent), leer, wenn nicht berechnet; `zaehler`
    und `nenner` sind die gespeicherten Anzahlen; was Leser sehen, kommt aus geheimhaltung.fuer_leser.
    """
    kennzahlen = mit_gemeindesummen(kennzahlen, gebiete)
    zeilen = mit_quelle_je_art(kennzahlen.zeilen).assign(ebene=kennzahlen.zeilen["ags"].map(gebiete.ebenen))
    teile = []
    for ind in katalog.verfuegbar(kennzahlen.merkmale):
        quelle = _quellzeilen(zeilen, kennzahlen.geheim, ind)
        summen = _summen(quelle, gebiete)
        teile.append(pd.concat([quelle, summen], ignore_index=True).assign(indikator=ind.id))
    if not teile:
        return pd.DataFrame(columns=SPALTEN + HERKUNFT)
    ergebnis = pd.concat(teile, ignore_index=True)
    ergebnis["wert"] = (100 * ergebnis["zaehler"] / ergebnis["nenner"]).where(
        ergebnis["status"].isin(AUSGEWIESEN)).astype("Float64")
    reihenfolge = [ergebnis["jahr"], pd.Categorical(ergebnis["indikator"], list(katalog.NACH_ID)).codes,
                   pd.Categorical(ergebnis["ebene"], EBENEN).codes, ergebnis["ags"]]
    ergebnis = ergebnis.iloc[np.lexsort(reihenfolge[::-1])].reset_index(drop=True)
    return ergebnis[SPALTEN + HERKUNFT]


def _quellzeilen(zeilen: pd.DataFrame, geheim: pd.DataFrame, ind) -> pd.DataFrame:
    z, n = zeilen[ind.zaehler], zeilen[ind.nenner]
    zg, ng = geheim[ind.zaehler], geheim[ind.nenner]
    fehlt = (z.isna() & ~zg) | (n.isna() & ~ng)
    status = np.select([fehlt, zg | ng, (n == 0).fillna(False)],
                       [Status.FEHLT, Status.NICHT_AUSWEISBAR, Status.FEHLT], Status.OK)
    return zeilen[["ags", "name", "ebene", "jahr"] + HERKUNFT].assign(
        zaehler=z, nenner=n, status=status, _zg=zg, _ng=ng)


def _summen(quelle: pd.DataFrame, gebiete: Gebiete) -> pd.DataFrame:
    """Summen für Samtgemeinden und Kreis, wo keine Quellzeile sie schon liefert."""
    gem = quelle[quelle["ebene"] == "gemeinde"].merge(gebiete.teile, left_on="ags", right_on="gemeinde")
    if gem.empty:
        return quelle.iloc[:0]
    gem = gem.assign(_zf=gem["zaehler"].isna() & ~gem["_zg"], _nf=gem["nenner"].isna() & ~gem["_ng"],
                     _art=gem["art"].map({a: n for n, a in enumerate(ARTEN)}))
    gruppen = gem.groupby(["oben", "jahr"], sort=False)
    s = gruppen.agg(zaehler=("zaehler", "sum"), nenner=("nenner", "sum"), zg=("_zg", "any"),
                    ng=("_ng", "any"), zf=("_zf", "any"), nf=("_nf", "any"), teile=("ags", "size"),
                    art=("_art", "max")).reset_index()
    for spalte in ("stichtag_sgb2", "stichtag_bev", "quelle", "quelle_sgb2", "quelle_bev"):
        s[spalte] = _verbunden(gem, ["oben", "jahr"], spalte).to_numpy()
    s["art"] = s["art"].map(dict(enumerate(ARTEN)))
    unvollstaendig = s["teile"] < s["oben"].map(gebiete.teile.groupby("oben").size())
    nenner_fehlt = s["nf"] | unvollstaendig
    s["status"] = np.select([nenner_fehlt, s["ng"], s["nenner"] == 0, s["zf"], s["zg"]],
                            [Status.FEHLT, Status.NICHT_AUSWEISBAR, Status.FEHLT, Status.FEHLT,
                             Status.UNTERGRENZE], Status.OK)
    # Mit gesperrtem Zähler-Teil ist die Summe nur als Untergrenze eine Angabe; ohne Nenner auch das nicht.
    s["zaehler"] = s["zaehler"].astype("Int64").mask(s["zf"] | unvollstaendig | (s["zg"] & s["ng"]))
    s["nenner"] = s["nenner"].astype("Int64").mask(nenner_fehlt | s["ng"])
    vorhanden = pd.MultiIndex.from_frame(quelle[["ags", "jahr"]])
    s = s[~pd.MultiIndex.from_frame(s[["oben", "jahr"]]).isin(vorhanden)]
    return s.assign(ags=s["oben"], name=s["oben"].map(gebiete.namen), ebene=s["oben"].map(gebiete.ebenen))[
        ["ags", "name", "ebene", "jahr", "zaehler", "nenner", "status"] + HERKUNFT]


def _verbunden(tabelle: pd.DataFrame, gruppe: list[str], spalte: str) -> pd.Series:
    """Die verschiedenen Stichtage oder Quellen der Teile je Gruppe, damit Abweichungen sichtbar bleiben.

    Meist sind sie gleich; nur wo nicht, wird (langsamer) verbunden.
    """
    gruppen = tabelle.groupby(gruppe, sort=False)[spalte]
    ergebnis, verschieden = gruppen.first(), gruppen.nunique() > 1
    if verschieden.any():
        ergebnis[verschieden] = gruppen.agg(lambda w: ", ".join(sorted(x for x in w.unique() if x)))[verschieden]
    return ergebnis


def gerundet(zaehler: pd.Series, nenner: pd.Series, stellen: int) -> pd.Series:
    """100 · zaehler / nenner, kaufmännisch gerundet, exakt in ganzen Zahlen (ohne Gleitkomma-Fehler).

    Ergebnis als Text mit Punkt (für CSV); leer, wo kein Wert.
    """
    z, n = zaehler.astype("Int64"), nenner.astype("Int64")
    skala = 10**stellen
    gueltig = z.notna() & n.notna() & (n > 0)
    zi, ni = z.where(gueltig, 0).astype("int64"), n.where(gueltig, 1).astype("int64")
    q = (2 * zi * 100 * skala + ni) // (2 * ni)
    ganz, rest = q // skala, q % skala
    text = ganz.astype(str) + ("." + rest.astype(str).str.zfill(stellen) if stellen else "")
    return text.where(gueltig, "")


def jedes_nte_kind(wert: float | None) -> int | None:
    """„Jedes n-te Kind“: n = 100 / wert, kaufmännisch gerundet; ohne Wert oder bei 0 % keines."""
    if wert is None or pd.isna(wert) or wert <= 0:
        return None
    return int(np.floor(100 / wert + 0.5))
