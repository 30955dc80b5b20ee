"""Eine geprüfte Kennzahlen-Tabelle im Speicher: eine Zeile je Gebiet und Jahr."""

from dataclasses import dataclass

import pandas as pd

from indikatoren.grundlagen.spalten import ANZAHLEN, KOPF, NACH_NAME, QUELLE_ZUM_STICHTAG


@dataclass(frozen=True)
class Kennzahlen:
    """Zählgrößen mit drei Zuständen: Zahl, fehlt (leer) und geheim („*“).

    `zeilen` hält die Kopfspalten (spalten.KOPF: Gebiet, Jahr, Stichtage, Quellen, Art) und je
    vorhandener Zählgröße eine Int64-Spalte, in der fehlende und geheime Werte <NA> sind; `geheim`
    sagt je Zählgröße, welche davon geheim sind. Geheimes wird so nie versehentlich zu 0.
    """

    zeilen: pd.DataFrame
    geheim: pd.DataFrame

    @property
    def merkmale(self) -> list[str]:
        return [s for s in ANZAHLEN if s in self.zeilen.columns]

    @property
    def jahre(self) -> list[int]:
        return sorted(self.zeilen["jahr"].unique().tolist())

    def __len__(self) -> int:
        return len(self.zeilen)

    def ergaenzt_um(self, neu: "Kennzahlen", spalten=None) -> "Kennzahlen":
        """Neue Zeilen kommen hinzu; in einer Zeile mit derselben Kombination aus ags und jahr ersetzt die neue
        Tabelle nur ihre eigenen Spalten (`spalten`, sonst alle ihre), die übrigen bleiben: so ergänzt eine Datei
        der Bevölkerung die Zähler der BA, statt sie zu löschen. Die Quelle nennt dann beide; die Quelle je Art
        (quelle_sgb2, quelle_bev) kommt von der Datei, die Zahlen dieser Art hat."""
        spalten = set(spalten) if spalten is not None else set(KOPF) | set(neu.merkmale)
        spalten |= {QUELLE_ZUM_STICHTAG[NACH_NAME[m].stichtag] for m in spalten & set(ANZAHLEN)}  # Quelle je Art
        merkmale = [s for s in ANZAHLEN if s in set(self.merkmale) | set(neu.merkmale)]
        alt_t, neu_t = _mit_geheim(self, merkmale), _mit_geheim(neu, merkmale)
        gemeinsam = alt_t.index.intersection(neu_t.index)
        ersetzen = [c for c in neu_t.columns if c.removeprefix("_geheim_") in spalten and c != "quelle"]
        alt_t.loc[gemeinsam, ersetzen] = neu_t.loc[gemeinsam, ersetzen].to_numpy()
        if "quelle" in spalten:
            bisher, dazu = alt_t.loc[gemeinsam, "quelle"].fillna(""), neu_t.loc[gemeinsam, "quelle"].fillna("")
            alle_ersetzt = set(self.merkmale) <= spalten
            alt_t.loc[gemeinsam, "quelle"] = [d if alle_ersetzt or not b or b == d or d in b else f"{b}; {d}"
                                              for b, d in zip(bisher, dazu)]
        zusammen = pd.concat([alt_t, neu_t[~neu_t.index.isin(alt_t.index)]]).reset_index()
        geheim = zusammen[[f"_geheim_{s}" for s in merkmale]].fillna(False).astype(bool)
        geheim.columns = merkmale
        return aus_spalten(zusammen.drop(columns=geheim.columns.map(lambda s: f"_geheim_{s}")), geheim)

    def als_tabelle(self) -> pd.DataFrame:
        """Die Tabelle im Upload-Format (Text; „*“ für geheim, leer für fehlend), etwa für den Export."""
        tabelle = self.zeilen[list(KOPF)].astype({"jahr": str}).copy()
        for s in self.merkmale:
            text = self.zeilen[s].astype("string").fillna("")
            tabelle[s] = text.mask(self.geheim[s], "*")
        return tabelle[["ags", "name", "jahr", "stichtag_sgb2", "stichtag_bev", *self.merkmale, "quelle",
                        "quelle_sgb2", "quelle_bev", "art"]]


def mit_quelle_je_art(zeilen: pd.DataFrame) -> pd.DataFrame:
    """Die Zeilen mit der Quelle, die für jede Art der Zahlen gilt: Zeilen, die vor den Quellen je Art gespeichert
    wurden (beide leer), nennen für beide ihre Quelle `quelle`. Eine Stelle für Berechnung und Geheimhaltung."""
    alt = (zeilen["quelle_sgb2"] == "") & (zeilen["quelle_bev"] == "")
    return zeilen.assign(**{s: zeilen[s].mask(alt, zeilen["quelle"]) for s in QUELLE_ZUM_STICHTAG.values()})


def _mit_geheim(k: Kennzahlen, merkmale: list[str]) -> pd.DataFrame:
    """Zahlen und Geheim-Marken in einer Tabelle, nach ags und jahr (Spalten „_geheim_…“), mit allen `merkmale`."""
    t = k.zeilen.astype({s: object for s in k.merkmale}).reindex(columns=[*KOPF, *merkmale])
    for s in merkmale:
        t[f"_geheim_{s}"] = k.geheim[s].to_numpy() if s in k.geheim.columns else False
    return t.set_index(["ags", "jahr"])


def aus_spalten(zeilen: pd.DataFrame, geheim: pd.DataFrame) -> Kennzahlen:
    """Bringt Spalten in feste Reihenfolge und Typen; sortiert nach Jahr und AGS. Fehlen die Quellen je Art (Tabellen
    von vorher), sind sie leer: dann gilt `quelle`."""
    merkmale = [s for s in ANZAHLEN if s in zeilen.columns]
    zeilen = zeilen.assign(**{s: "" for s in QUELLE_ZUM_STICHTAG.values() if s not in zeilen.columns})
    zeilen = zeilen[list(KOPF) + merkmale].astype({"jahr": "int64", **{s: "Int64" for s in merkmale}})
    reihenfolge = zeilen.sort_values(["jahr", "ags"], kind="stable").index
    return Kennzahlen(zeilen.loc[reihenfolge].reset_index(drop=True),
                      geheim.loc[reihenfolge, merkmale].reset_index(drop=True))
