"""Eine geprüfte Kennzahlen-Tabelle im Speicher: eine Zeile je Gebiet und Jahr."""

from dataclasses import dataclass

import pandas as pd

from indikatoren.spalten import ANZAHLEN, KOPF


@dataclass(frozen=True)
class Kennzahlen:
    """Zählgrößen mit drei Zuständen: Zahl, fehlt (leer) und geheim („*“).

    `zeilen` hält die Kopfspalten (ags, name, jahr, stichtag_sgb2, stichtag_bev, quelle, art) und je
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

    def ergaenzt_um(self, neu: "Kennzahlen") -> "Kennzahlen":
        """Neue Zeilen kommen hinzu oder ersetzen dieselbe Kombination aus ags und jahr."""
        schluessel = ["ags", "jahr"]
        bleibt = ~self.zeilen.set_index(schluessel).index.isin(neu.zeilen.set_index(schluessel).index)
        merkmale = [s for s in ANZAHLEN if s in set(self.merkmale) | set(neu.merkmale)]
        zeilen = pd.concat([self.zeilen[bleibt], neu.zeilen], ignore_index=True)
        geheim = pd.concat([self.geheim[bleibt], neu.geheim], ignore_index=True)
        return aus_spalten(zeilen, geheim.reindex(columns=merkmale).fillna(False).astype(bool))

    def als_tabelle(self) -> pd.DataFrame:
        """Die Tabelle im Upload-Format (Text; „*“ für geheim, leer für fehlend), etwa für den Export."""
        tabelle = self.zeilen[list(KOPF)].astype({"jahr": str}).copy()
        for s in self.merkmale:
            text = self.zeilen[s].astype("string").fillna("")
            tabelle[s] = text.mask(self.geheim[s], "*")
        return tabelle[[s for s in ("ags", "name", "jahr", "stichtag_sgb2", "stichtag_bev")]
                       + self.merkmale + ["quelle", "art"]]


def aus_spalten(zeilen: pd.DataFrame, geheim: pd.DataFrame) -> Kennzahlen:
    """Bringt Spalten in feste Reihenfolge und Typen; sortiert nach Jahr und AGS."""
    merkmale = [s for s in ANZAHLEN if s in zeilen.columns]
    zeilen = zeilen[list(KOPF) + merkmale].astype({"jahr": "int64", **{s: "Int64" for s in merkmale}})
    reihenfolge = zeilen.sort_values(["jahr", "ags"], kind="stable").index
    return Kennzahlen(zeilen.loc[reihenfolge].reset_index(drop=True),
                      geheim.loc[reihenfolge, merkmale].reset_index(drop=True))
