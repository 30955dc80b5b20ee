"""Synthetische Kennzahlen (Art „beispiel“) für einen Kreis aus der Einwohnerzahl seiner Gemeinden: damit ein neuer
Kreis das Dashboard sieht, bevor amtliche Zahlen da sind. Die Zahlen sind ERFUNDEN und so gekennzeichnet.

Kalibriert an veröffentlichten Größenordnungen: etwa 13,5 % der Einwohner unter 15, davon je gut ein Fünftel unter 3
und 3 bis unter 6; NEF-Quoten nach Alter im Verhältnis wie Niedersachsen Juni 2023; Verlauf 2019–2024 mit leichtem
Rückgang bis 2021 und Anstieg 2022 (Geflüchtete aus der Ukraine im SGB II). Fester Startwert je Kreis: derselbe
Aufruf schreibt dieselben Zahlen.
"""

import csv
import io

import numpy as np
import pandas as pd

from indikatoren.grundlagen.gebiete import Gebiete

JAHRE = range(2019, 2025)
# Jahr: (Faktor Einwohner, Faktor Quote) gegenüber 2023
VERLAUF = {2019: (0.990, 0.97), 2020: (0.990, 0.98), 2021: (0.988, 0.93), 2022: (1.005, 1.04),
           2023: (1.0, 1.0), 2024: (1.0, 1.02)}
ALTER = {"u3": (0.205, 0.95), "3_6": (0.21, 1.05)}  # Anteil an unter 15, Quote relativ; Rest 6 bis 15
SPALTEN = ["ags", "name", "jahr", "stichtag_sgb2", "stichtag_bev", "bev_u15", "nef_u15", "bev_u_rag", "lb",
           "bev_15_rag", "elb", "bev_u3", "nef_u3", "bev_3_6", "nef_3_6", "bev_6_15", "nef_6_15", "quelle",
           "art"]
QUELLE = "Beispieldaten (synthetisch), erzeugt mit python -m indikatoren beispieldaten"


def zeilen(kreis: tuple[str, str], gemeinden: dict[str, tuple[str, int, float]], startwert: int,
           quelle: str = QUELLE) -> list[dict]:
    """Eine Zeile je Gemeinde und Jahr und die Kreiszeile als Summe; gemeinden: AGS -> (Name, Einwohner,
    Kinderarmutsindikator 2023 in %)."""
    zufall = np.random.default_rng(startwert)
    strukturen = {ags: _struktur(zufall) for ags in gemeinden}
    ergebnis = []
    for jahr in JAHRE:
        teile = [_gemeindezeile(zufall, strukturen[ags], ags, *werte, jahr, quelle) for ags, werte in gemeinden.items()]
        summe = {s: sum(g[s] for g in teile) for s in SPALTEN if s.startswith(("bev", "nef", "lb", "elb"))}
        ergebnis.append({**teile[0], **summe, "ags": kreis[0], "name": kreis[1]})
        ergebnis += teile
    return ergebnis


def fuer_kreis(gebiete: Gebiete, einwohner: pd.Series) -> list[dict]:
    """Beispielzahlen für den Kreis der Gebiete; einwohner: AGS -> Einwohnerzahl (VG250-EW, Spalte ewz). Die Quote
    jeder Gemeinde ist zufällig um 9 %, in der größten Gemeinde (meist der Stadt) höher, wie in der Wirklichkeit."""
    zufall = np.random.default_rng(int(gebiete.kreis))
    g = gebiete.gemeinden.assign(ewz=gebiete.gemeinden["ags"].map(einwohner))
    if g["ewz"].isna().any() or (g["ewz"] <= 0).any():
        fehlt = ", ".join(g.loc[g["ewz"].isna() | (g["ewz"] <= 0), "name"].head(5))
        raise ValueError(f"Für Beispieldaten braucht jede Gemeinde ihre Einwohnerzahl (Spalte ewz der "
                         f"Gemeindegrenzen); es fehlt: {fehlt}.")
    groesste = g["ewz"].idxmax()
    quoten = np.clip(zufall.lognormal(np.log(9.0), 0.35, len(g)), 3, 25)
    quoten[g.index.get_loc(groesste)] *= 1.6
    gemeinden = {z.ags: (z.name, int(z.ewz), float(round(q, 1))) for z, q in zip(g.itertuples(), quoten)}
    return zeilen((gebiete.kreis, gebiete.name(gebiete.kreis)), gemeinden, int(gebiete.kreis))


def als_csv(tabelle: list[dict]) -> bytes:
    puffer = io.StringIO()
    schreiber = csv.DictWriter(puffer, SPALTEN, delimiter=";", lineterminator="\n")
    schreiber.writeheader()
    schreiber.writerows(tabelle)
    return puffer.getvalue().encode()


def _struktur(zufall):
    """Was eine Gemeinde über die Jahre behält: Altersaufbau und Zusammensetzung der Leistungsberechtigten."""
    return {"u15": zufall.normal(0.135, 0.006), "u3": ALTER["u3"][0] * zufall.normal(1, 0.03),
            "3_6": ALTER["3_6"][0] * zufall.normal(1, 0.03), "u_rag": zufall.normal(0.79, 0.01),
            "nef_an_lb": zufall.normal(0.30, 0.015), "elb_an_rest": zufall.normal(0.95, 0.01)}


def _gemeindezeile(zufall, struktur, ags, name, einwohner, quote, jahr, quelle):
    faktor_ew, faktor_quote = VERLAUF[jahr]
    ew = einwohner * faktor_ew * zufall.normal(1, 0.002)
    bev_u15 = round(ew * struktur["u15"])
    bev = {a: round(bev_u15 * struktur[a]) for a in ("u3", "3_6")}
    bev["6_15"] = bev_u15 - bev["u3"] - bev["3_6"]
    q = quote / 100 * faktor_quote
    nef = {a: round(bev[a] * q * ALTER.get(a, (0, 1.0))[1] * zufall.normal(1, 0.03)) for a in bev}
    nef_u15 = sum(nef.values())
    bev_u_rag = round(ew * struktur["u_rag"])
    lb = round(nef_u15 / struktur["nef_an_lb"] * zufall.normal(1, 0.01))
    elb = round((lb - nef_u15) * struktur["elb_an_rest"])  # der Rest: NEF ab 15 und sonstige
    stichtag_bev = f"{jahr if jahr < max(JAHRE) else jahr - 1}-12-31"
    return {"ags": ags, "name": name, "jahr": jahr, "stichtag_sgb2": f"{jahr}-12", "stichtag_bev": stichtag_bev,
            "bev_u15": bev_u15, "nef_u15": nef_u15, "bev_u_rag": bev_u_rag, "lb": lb,
            "bev_15_rag": bev_u_rag - bev_u15, "elb": elb,
            **{f"bev_{a}": bev[a] for a in bev}, **{f"nef_{a}": nef[a] for a in nef},
            "quelle": quelle, "art": "beispiel"}
