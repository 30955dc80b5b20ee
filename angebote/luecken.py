"""Die Lückenmatrix der Präventionskette: je Lebensphase und Handlungsfeld, wie viele aktive Angebote es gibt.

Für eine Gemeinde zählen ihre eigenen und die kreisweiten Angebote (die kreisweiten auch eigens ausgewiesen);
ohne Gemeinde alle des Kreises; für einen Sozialraum die, die dort stattfinden (Spalte `sozialraum`, aus der Lage),
und die kreisweiten. Geplante zählen nicht als Abdeckung und stehen in einer eigenen Spalte, beendete
zählen gar nicht. Eine Zelle ohne aktives Angebot ist eine Lücke; ab katalog.DOPPELT_AB aktiven Angeboten
desselben Felds und derselben Phase ein Hinweis auf mögliche Doppelungen.
"""

import pandas as pd

from angebote import katalog

SPALTEN = ["lebensphase", "handlungsfeld", "anzahl", "davon_kreisweit", "geplant", "luecke", "doppelt", "zustand"]
# Zustand einer Zelle: Lücke (nichts), nur geplant, abgedeckt, möglicherweise doppelt
ZUSTAENDE = {"luecke": "Lücke", "geplant": "nur geplant", "abgedeckt": "abgedeckt", "doppelt": "doppelt?"}


def im_gebiet(angebote: pd.DataFrame, gemeinde: str | None = None, sozialraum: str | None = None) -> pd.DataFrame:
    """Die Angebote, die für ein Gebiet zählen: alle (Kreis), die der Gemeinde und die kreisweiten, oder die im
    Sozialraum (Spalte `sozialraum`) und die kreisweiten."""
    teil = angebote if gemeinde is None else angebote[angebote["gemeinde"].isin([gemeinde, katalog.KREISWEIT])]
    if sozialraum is not None:
        teil = teil[(teil["sozialraum"] == sozialraum) | (teil["gemeinde"] == katalog.KREISWEIT)]
    return teil


def matrix(angebote: pd.DataFrame, gemeinde: str | None = None, sozialraum: str | None = None) -> pd.DataFrame:
    """Eine Zeile je Lebensphase × Handlungsfeld (in der Reihenfolge des Katalogs), auch für Lücken."""
    teil = im_gebiet(angebote, gemeinde, sozialraum)
    zellen = [(phase, z.handlungsfeld, z.status, z.gemeinde == katalog.KREISWEIT)
              for z in teil.itertuples() for phase in katalog.phasen(z.lebensphasen)]
    lang = pd.DataFrame(zellen, columns=["lebensphase", "handlungsfeld", "status", "kreisweit"]).astype(
        {"kreisweit": bool})  # auch ohne Zeilen eine Maske, kein Spaltenname
    aktiv, geplant = lang[lang["status"] == "aktiv"], lang[lang["status"] == "geplant"]
    gitter = pd.MultiIndex.from_product([katalog.LEBENSPHASEN, katalog.HANDLUNGSFELDER],
                                        names=["lebensphase", "handlungsfeld"])

    def zaehle(tabelle):
        return tabelle.groupby(["lebensphase", "handlungsfeld"]).size().reindex(gitter, fill_value=0)

    ergebnis = pd.DataFrame({"anzahl": zaehle(aktiv), "davon_kreisweit": zaehle(aktiv[aktiv["kreisweit"]]),
                             "geplant": zaehle(geplant)}).reset_index()
    ergebnis["luecke"] = ergebnis["anzahl"] == 0
    ergebnis["doppelt"] = ergebnis["anzahl"] >= katalog.DOPPELT_AB
    ergebnis["zustand"] = [("doppelt" if z.doppelt else "abgedeckt") if not z.luecke
                           else "geplant" if z.geplant else "luecke" for z in ergebnis.itertuples()]
    return ergebnis[SPALTEN]
