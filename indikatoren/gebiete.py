"""Die Gebiete des konfigurierten Kreises: Gemeinden, Samtgemeinden, Kreis, Land, Bund, und wer worin liegt."""

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from indikatoren import konfiguration
from indikatoren.zahlenformat import ist_ganzzahl

EBENEN = ("gemeinde", "samtgemeinde", "kreis", "land", "bund")
BUND = "DG"


@dataclass(frozen=True)
class Gebiete:
    """Ein Ausschnitt des Gemeindeverzeichnisses: alles, was in Tabellen dieses Kreises vorkommen darf."""

    verzeichnis: pd.DataFrame  # ags, name, ebene, samtgemeinde (nur Gebiete dieses Kreises, Land, Bund)
    kreis: str

    @classmethod
    def laden(cls, kreis: str | None = None, datei=None) -> "Gebiete":
        kreis = kreis or konfiguration.kreis()
        alle = pd.read_csv(datei or konfiguration.DATEN / "gemeindeverzeichnis.csv", sep=";", dtype=str,
                           keep_default_na=False)
        if not (alle["ags"] == kreis).any():
            raise ValueError(f"Kreis {kreis} steht nicht in data/gemeindeverzeichnis.csv; bitte dort ergänzen "
                             "(siehe data/erzeuge_gemeindeverzeichnis.py).")
        return cls(alle[alle["ags"].isin([BUND, kreis[:2]]) | alle["ags"].str.startswith(kreis)], kreis)

    @cached_property
    def namen(self) -> pd.Series:
        """AGS -> Name, zum spaltenweisen Nachschlagen (Series.map)."""
        return self.verzeichnis.set_index("ags")["name"]

    @cached_property
    def ebenen(self) -> pd.Series:
        return self.verzeichnis.set_index("ags")["ebene"]

    @cached_property
    def bekannt(self) -> frozenset[str]:
        return frozenset(self.verzeichnis["ags"])

    @cached_property
    def gemeinden(self) -> pd.DataFrame:
        return self.verzeichnis[self.verzeichnis["ebene"] == "gemeinde"].reset_index(drop=True)

    @property
    def land(self) -> str:
        return self.kreis[:2]

    def name(self, ags: str) -> str:
        return self.namen.get(ags, ags)

    @cached_property
    def teile(self) -> pd.DataFrame:
        """Welche Gemeinde in welchem größeren Gebiet liegt (oben, gemeinde), für die Summenbildung.

        Land und Bund fehlen absichtlich: ihre Gemeinden außerhalb des Kreises kennen wir nicht, ihre Werte
        kommen nur aus Quellzeilen.
        """
        g = self.gemeinden
        kreis = pd.DataFrame({"oben": self.kreis, "gemeinde": g["ags"]})
        sg = g[g["samtgemeinde"] != ""]
        samt = pd.DataFrame({"oben": sg["samtgemeinde"], "gemeinde": sg["ags"]})
        return pd.concat([samt, kreis], ignore_index=True)

    @cached_property
    def zerlegungen(self) -> pd.DataFrame:
        """(nr, oben, teil): jede lückenlose Zerlegung eines größeren Gebiets in kleinere, die Leser sehen können.

        Der Kreis aus allen Gemeinden, jede Samtgemeinde aus ihren, und der Kreis aus den Samtgemeinden und den
        übrigen Gemeinden. Die Geheimhaltung prüft jede davon als Summenbeziehung.
        """
        g = self.gemeinden
        teile = [(self.kreis, g["ags"].tolist())]
        teile += [(sg, t["ags"].tolist()) for sg, t in g[g["samtgemeinde"] != ""].groupby("samtgemeinde")]
        if len(teile) > 1:
            teile.append((self.kreis, sorted(set(g.loc[g["samtgemeinde"] != "", "samtgemeinde"]))
                          + g.loc[g["samtgemeinde"] == "", "ags"].tolist()))
        return pd.DataFrame([(nr, oben, teil) for nr, (oben, liste) in enumerate(teile) for teil in liste],
                            columns=["nr", "oben", "teil"])

    def normalisiere_ags(self, wert: str) -> str | None:
        """Der bekannte AGS zu einer Eingabe, auch wenn Excel führende Nullen entfernt hat; sonst None."""
        wert = wert.strip().upper()
        if wert.endswith(".0") and ist_ganzzahl(wert[:-2]):  # Excel-Zahl als Text
            wert = wert[:-2]
        if wert in self.bekannt:
            return wert
        if ist_ganzzahl(wert):
            for laenge in (2, 5, 8, 9):
                if len(wert) < laenge and wert.zfill(laenge) in self.bekannt:
                    return wert.zfill(laenge)
        return None
