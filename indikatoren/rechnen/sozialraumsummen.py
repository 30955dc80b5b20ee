"""Gemeinden aus ihren Sozialräumen: je Zählgröße die Summe, wo die Sozialräume die Gemeinde ganz abdecken.

Gerechnet wird auf den Kennzahlen, vor der Geheimhaltung: so verliert eine Gemeinde ihren Wert nicht, weil ein
kleiner Sozialraum gesperrt ist, und die Geheimhaltung sieht die Gemeinde neben ihren Sozialräumen als
Summenbeziehung (Gebiete.zerlegungen). Hat die Gemeinde eine eigene Zeile, gilt diese (die Quelle geht vor, wie
beim Kreis); fehlt einem Jahr ein Sozialraum, gibt es für dieses Jahr keine Summe: nie halb Gemeinde, halb
Sozialräume.
"""

import pandas as pd

from indikatoren.grundlagen.gebiete import Gebiete
from indikatoren.grundlagen.kennzahlen import Kennzahlen, aus_spalten
from indikatoren.grundlagen.spalten import ARTEN

QUELLE = "Summe der Sozialräume"


def mit_gemeindesummen(kennzahlen: Kennzahlen, gebiete: Gebiete) -> Kennzahlen:
    teile = gebiete.sozialraumteile
    if teile.empty or not len(kennzahlen):
        return kennzahlen
    z, merkmale = kennzahlen.zeilen, kennzahlen.merkmale
    sr = z.join(kennzahlen.geheim.add_prefix("_g_")).merge(teile.rename(columns={"gemeinde": "ags"}), on="ags")
    vorhanden = pd.MultiIndex.from_frame(z[["ags", "jahr"]])
    sr = sr[~pd.MultiIndex.from_frame(sr[["oben", "jahr"]]).isin(vorhanden)]
    if sr.empty:
        return kennzahlen
    gruppen = sr.groupby(["oben", "jahr"], sort=False)
    anzahl = gruppen.size()
    vollzaehlig = anzahl[anzahl == anzahl.index.get_level_values("oben").map(teile.groupby("oben").size())].index
    summen = gruppen.agg(**{m: (m, lambda s: s.sum() if s.notna().all() else pd.NA) for m in merkmale},
                         **{f"_g_{m}": (f"_g_{m}", "any") for m in merkmale},
                         stichtag_sgb2=("stichtag_sgb2", "max"), stichtag_bev=("stichtag_bev", "max"),
                         quelle=("quelle", lambda q: "; ".join([QUELLE, *sorted(set(q) - {""})])),
                         quelle_sgb2=("quelle_sgb2", lambda q: "; ".join(sorted(set(q) - {""}))),
                         quelle_bev=("quelle_bev", lambda q: "; ".join(sorted(set(q) - {""}))),
                         art=("art", lambda a: ARTEN[max(ARTEN.index(x) for x in a)]))
    summen = summen.loc[summen.index.isin(vollzaehlig)].reset_index().rename(columns={"oben": "ags"})
    if summen.empty:
        return kennzahlen
    summen["name"] = summen["ags"].map(gebiete.namen)
    geheim = summen[[f"_g_{m}" for m in merkmale]].set_axis(merkmale, axis=1).astype(bool)
    for m in merkmale:  # ein geheimer Teil macht die Summe geheim, nie kleiner
        summen[m] = summen[m].astype("Int64").mask(geheim[m])
    return aus_spalten(pd.concat([z, summen[z.columns]], ignore_index=True),
                       pd.concat([kennzahlen.geheim, geheim], ignore_index=True))
