"""Vorschau einer Einlesung: was sich gegenüber dem aktiven Datenstand ändert, und was unplausibel aussieht.

Die Stabsstelle sieht das, bevor sie bestätigt: neue Jahre, geänderte Werte (alt, neu, Differenz), entfallene
Zeilen, und Warnungen – ein Indikator springt von einem Jahr zum nächsten um mehr als `sprung_pp`
Prozentpunkte, oder eine Gemeinde fehlt in einem Jahr, für das andere Gemeinden Zahlen haben.
"""

from dataclasses import dataclass

import pandas as pd

from indikatoren.grundlagen import katalog
from indikatoren.grundlagen.gebiete import Gebiete
from indikatoren.grundlagen.kennzahlen import Kennzahlen
from indikatoren.grundlagen.zahlenformat import zahl
from indikatoren.rechnen.berechnung import Status, berechne

SCHLUESSEL = ["ags", "jahr"]


@dataclass(frozen=True)
class Vorschau:
    neue_jahre: list[int]
    neue_zeilen: pd.DataFrame  # ags, name, jahr
    entfallene_zeilen: pd.DataFrame  # ags, name, jahr
    geaenderte_werte: pd.DataFrame  # ags, name, jahr, merkmal, alt, neu, differenz
    warnungen: list[str]
    entfallene_jahre: tuple[int, ...] = ()  # ganz weg: kein Gebiet hat dieses Jahr mehr
    entfallene_gebiete: tuple[str, ...] = ()  # Namen der Gebiete, die in keinem Jahr mehr vorkommen
    entfallene_indikatoren: tuple[str, ...] = ()  # Titel der Indikatoren, für die eine Spalte fehlt

    @property
    def verluste(self) -> bool:
        """Geht etwas verloren, das bisher gezeigt wurde? Dann muss die Stabsstelle das ausdrücklich bestätigen."""
        return bool(len(self.entfallene_zeilen) or self.entfallene_jahre or self.entfallene_gebiete
                    or self.entfallene_indikatoren)

    @property
    def leer(self) -> bool:
        return self.neue_zeilen.empty and self.entfallene_zeilen.empty and self.geaenderte_werte.empty


def vorschau(alt: Kennzahlen | None, neu: Kennzahlen, gebiete: Gebiete, sprung_pp: float = 5.0) -> Vorschau:
    """Vergleicht die künftige Tabelle `neu` mit der aktiven `alt` (None: es gibt noch keine)."""
    alt_zeilen = alt.zeilen if alt is not None else neu.zeilen.iloc[:0]
    a, n = alt_zeilen.set_index(SCHLUESSEL), neu.zeilen.set_index(SCHLUESSEL)
    neue = n.index.difference(a.index)
    entfallen = a.index.difference(n.index)
    return Vorschau(
        neue_jahre=sorted(set(neu.jahre) - set(alt.jahre if alt is not None else [])),
        neue_zeilen=n.loc[neue, ["name"]].reset_index(),
        entfallene_zeilen=a.loc[entfallen, ["name"]].reset_index(),
        geaenderte_werte=_geaendert(alt, neu) if alt is not None else _geaendert_leer(),
        warnungen=_spruenge(neu, gebiete, sprung_pp) + _luecken(neu, gebiete),
        entfallene_jahre=tuple(sorted(set(alt_zeilen["jahr"]) - set(neu.zeilen["jahr"]))),
        entfallene_gebiete=tuple(gebiete.name(a) for a in sorted(set(alt_zeilen["ags"]) - set(neu.zeilen["ags"]))),
        entfallene_indikatoren=tuple(i.titel for i in katalog.verfuegbar(alt.merkmale if alt is not None else [])
                                     if i.id not in {j.id for j in katalog.verfuegbar(neu.merkmale)}),
    )


def _als_text(kennzahlen: Kennzahlen) -> pd.DataFrame:
    """Zählgrößen lang, als Text wie in der Datei („*“ geheim, leer fehlt), damit jede Änderung sichtbar ist."""
    tabelle = kennzahlen.als_tabelle()
    return tabelle.melt(id_vars=["ags", "name", "jahr"], value_vars=kennzahlen.merkmale, var_name="merkmal",
                        value_name="wert").astype({"jahr": int})


def _geaendert_leer() -> pd.DataFrame:
    return pd.DataFrame(columns=["ags", "name", "jahr", "merkmal", "alt", "neu", "differenz"])


def _geaendert(alt: Kennzahlen, neu: Kennzahlen) -> pd.DataFrame:
    beide = _als_text(alt).merge(_als_text(neu), on=["ags", "jahr", "merkmal"], suffixes=("_alt", "_neu"))
    anders = beide[beide["wert_alt"] != beide["wert_neu"]]
    zahl_alt = pd.to_numeric(anders["wert_alt"], errors="coerce")
    zahl_neu = pd.to_numeric(anders["wert_neu"], errors="coerce")
    return pd.DataFrame({"ags": anders["ags"], "name": anders["name_neu"], "jahr": anders["jahr"],
                         "merkmal": anders["merkmal"], "alt": anders["wert_alt"], "neu": anders["wert_neu"],
                         "differenz": (zahl_neu - zahl_alt).astype("Int64")}).reset_index(drop=True)


def _spruenge(neu: Kennzahlen, gebiete: Gebiete, sprung_pp: float) -> list[str]:
    ergebnis = berechne(neu, gebiete)
    ergebnis = ergebnis[ergebnis["status"] == Status.OK].sort_values(["ags", "indikator", "jahr"])
    vorher = ergebnis.groupby(["ags", "indikator"])[["jahr", "wert"]].shift()
    sprung = ergebnis.assign(vorjahr=vorher["jahr"], vorwert=vorher["wert"])
    gross = (sprung["wert"] - sprung["vorwert"]).abs() > sprung_pp
    sprung = sprung[(sprung["vorjahr"] == sprung["jahr"] - 1) & gross]
    return [f"{z.name}, {katalog.indikator(z.indikator).kurz}: {zahl(z.vorwert, 1)} % ({int(z.vorjahr)}) → "
            f"{zahl(z.wert, 1)} % ({z.jahr}), Sprung über {zahl(sprung_pp, 1)} Prozentpunkte"
            for z in sprung.itertuples()]


def _luecken(neu: Kennzahlen, gebiete: Gebiete) -> list[str]:
    gemeinden = set(gebiete.gemeinden["ags"])
    warnungen = []
    for jahr, teil in neu.zeilen.groupby("jahr"):
        vorhanden = set(teil["ags"]) & gemeinden
        if vorhanden:
            for ags in sorted(gemeinden - vorhanden):
                warnungen.append(f"{gebiete.name(ags)} fehlt im Jahr {jahr}, andere Gemeinden haben Zahlen.")
    return warnungen


def quoten(alt: Kennzahlen | None, neu: Kennzahlen, gebiete: Gebiete, jahre) -> pd.DataFrame:
    """Die Quoten der eingelesenen Jahre je Gemeinde und für den Kreis, wie sie nach dem Übernehmen wären, neben dem
    Vorjahr (im neuen Stand) und dem bisherigen Wert (im aktiven Stand): eine falsch zugeordnete Spalte oder ein
    vertauschter Nenner fällt so auf, bevor er veröffentlicht wird. Spalten: ags, name, jahr, indikator (Titel),
    vorjahr, bisher, neu, status, differenz (neu minus Vorjahr, Prozentpunkte)."""
    spalten = ["ags", "name", "jahr", "indikator", "vorjahr", "bisher", "neu", "status", "differenz"]
    jahre = sorted(set(jahre))
    if not jahre or not katalog.verfuegbar(neu.merkmale):
        return pd.DataFrame(columns=spalten)
    schluessel = ["ags", "jahr", "indikator"]
    n = berechne(neu, gebiete)
    n = n[n["ebene"].isin(("gemeinde", "kreis")) & n["indikator"].isin(HAUPTINDIKATOREN)]
    jetzt = n[n["jahr"].isin(jahre)].rename(columns={"wert": "neu"})
    vorjahr = n.assign(jahr=n["jahr"] + 1)[[*schluessel, "wert"]].rename(columns={"wert": "vorjahr"})
    tabelle = jetzt.merge(vorjahr, on=schluessel, how="left")
    if alt is not None and katalog.verfuegbar(alt.merkmale):
        a = berechne(alt, gebiete)
        tabelle = tabelle.merge(a[[*schluessel, "wert"]].rename(columns={"wert": "bisher"}), on=schluessel,
                                how="left")
    else:
        tabelle["bisher"] = float("nan")
    tabelle["differenz"] = tabelle["neu"] - tabelle["vorjahr"]
    tabelle = tabelle.assign(_i=tabelle["indikator"].map(HAUPTINDIKATOREN.index), _e=tabelle["ebene"] != "kreis")
    tabelle = tabelle.sort_values(["jahr", "_i", "_e", "name"], kind="stable")  # je Indikator der Kreis zuerst
    tabelle["indikator"] = tabelle["indikator"].map(lambda i: katalog.indikator(i).titel)
    return tabelle[spalten].reset_index(drop=True)


HAUPTINDIKATOREN = ("kinderarmut", "sgb2_quote", "elb_quote")
