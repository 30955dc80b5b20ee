"""Erzeugt data/beispiel_kennzahlen.csv: synthetische, aber realitätsnahe Kennzahlen für LK Hildesheim.

Die Zahlen sind ERFUNDEN (Art „beispiel“) und dienen nur dazu, dass das Dashboard nach dem Klonen läuft.
Kalibriert an veröffentlichten Größenordnungen:
- Einwohner je Gemeinde am 31.12.2023: VG250-EW des BKG (Eigenschaft `ewz` in
  ../shared/data/geo/gemeinden_lk_hildesheim.geojson), unten als EINWOHNER_2023 übernommen.
- Kinderarmutsindikator 2023: Stadt Hildesheim am höchsten (ihr eigenes Monitoring nennt etwa 25–30 %),
  Alfeld (Leine) am zweithöchsten (etwa jedes 6. Kind), die übrigen Gemeinden niedriger.
- Altersaufbau: etwa 13,5 % der Einwohner unter 15, davon je gut ein Fünftel unter 3 und 3 bis unter 6;
  NEF-Quoten nach Alter im Verhältnis wie Niedersachsen Juni 2023 (12,5 / 13,9 / 13,2 %).
- Verlauf 2019–2024: leichter Rückgang bis 2021, Anstieg 2022 (Geflüchtete aus der Ukraine kamen ab
  Juni 2022 ins SGB II), danach etwa gleichbleibend.
- Zählgrößen 1 und 2 stehen bewusst ungesperrt in der Tabelle (Eime, NEF unter 3), wie in einer Tabelle,
  die ungesperrt hereinkommt; die Kreiszeile enthält die vollständigen Summen. So prüfen die Tests an echten
  Seiten, dass jede Ausgabe für Leser sie primär und sekundär sperrt (indikatoren/geheimhaltung.py).
- SGB-II-Zahlen je Dezember; Bevölkerung zum 31.12. des Jahres, für das jüngste Jahr (2024) zum
  31.12. des Vorjahres, wie die Bundesagentur für den jüngsten Zeitraum rechnet.

Fester Startwert: jeder Lauf schreibt dieselbe Datei (ein Test prüft das). Aufruf aus dem Projektordner:

    python data/erzeuge_beispieldaten.py
"""

import csv
from pathlib import Path

import numpy as np

STARTWERT = 20250329  # Eröffnung des Familienzentrums Alfeld
KREIS = ("03254", "Landkreis Hildesheim")
JAHRE = range(2019, 2025)

# AGS: (Name, Einwohner 31.12.2023 laut VG250-EW, Kinderarmutsindikator 2023 in %)
GEMEINDEN = {
    "03254002": ("Alfeld (Leine)", 18679, 17.0),
    "03254003": ("Algermissen", 8154, 5.5),
    "03254005": ("Bad Salzdetfurth", 13523, 9.0),
    "03254008": ("Bockenem", 9785, 11.0),
    "03254011": ("Diekholzen", 6243, 6.0),
    "03254013": ("Eime", 2570, 4.0),
    "03254014": ("Elze", 9252, 12.0),
    "03254017": ("Giesen", 9747, 5.0),
    "03254020": ("Harsum", 11368, 4.5),
    "03254021": ("Hildesheim", 102325, 27.0),
    "03254022": ("Holle", 7076, 6.5),
    "03254026": ("Nordstemmen", 12150, 8.0),
    "03254028": ("Sarstedt", 19896, 11.5),
    "03254029": ("Schellerten", 7901, 4.0),
    "03254032": ("Söhlde", 7943, 4.5),
    "03254041": ("Duingen", 4918, 8.0),
    "03254042": ("Freden (Leine)", 4669, 9.5),
    "03254043": ("Gronau (Leine)", 10882, 10.0),
    "03254044": ("Lamspringe", 5743, 8.5),
    "03254045": ("Sibbesse", 5747, 6.0),
}
# Jahr: (Faktor Einwohner, Faktor Quote) gegenüber 2023
VERLAUF = {2019: (0.990, 0.97), 2020: (0.990, 0.98), 2021: (0.988, 0.93), 2022: (1.005, 1.04),
           2023: (1.0, 1.0), 2024: (1.0, 1.02)}
ALTER = {"u3": (0.205, 0.95), "3_6": (0.21, 1.05)}  # Anteil an unter 15, Quote relativ; Rest 6 bis 15
SPALTEN = ["ags", "name", "jahr", "stichtag_sgb2", "stichtag_bev", "bev_u15", "nef_u15", "bev_u_rag", "lb",
           "bev_15_rag", "elb", "bev_u3", "nef_u3", "bev_3_6", "nef_3_6", "bev_6_15", "nef_6_15", "quelle",
           "art"]
QUELLE = "Beispieldaten (synthetisch), erzeugt mit data/erzeuge_beispieldaten.py"


def _struktur(zufall):
    """Was eine Gemeinde über die Jahre behält: Altersaufbau und Zusammensetzung der Leistungsberechtigten."""
    return {"u15": zufall.normal(0.135, 0.006), "u3": ALTER["u3"][0] * zufall.normal(1, 0.03),
            "3_6": ALTER["3_6"][0] * zufall.normal(1, 0.03), "u_rag": zufall.normal(0.79, 0.01),
            "nef_an_lb": zufall.normal(0.30, 0.015), "elb_an_rest": zufall.normal(0.95, 0.01)}


def _gemeindezeile(zufall, struktur, ags, name, einwohner, quote, jahr):
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
            "quelle": QUELLE, "art": "beispiel"}


def erzeuge() -> list[dict]:
    zufall = np.random.default_rng(STARTWERT)
    strukturen = {ags: _struktur(zufall) for ags in GEMEINDEN}
    zeilen = []
    for jahr in JAHRE:
        gemeinden = [_gemeindezeile(zufall, strukturen[ags], ags, *werte, jahr) for ags, werte in GEMEINDEN.items()]
        kreis = {s: sum(g[s] for g in gemeinden) for s in SPALTEN if s.startswith(("bev", "nef", "lb", "elb"))}
        zeilen.append({**gemeinden[0], **kreis, "ags": KREIS[0], "name": KREIS[1]})
        zeilen += gemeinden
    return zeilen


def main() -> None:
    ziel = Path(__file__).with_name("beispiel_kennzahlen.csv")
    with ziel.open("w", encoding="utf-8", newline="") as datei:
        schreiber = csv.DictWriter(datei, SPALTEN, delimiter=";", lineterminator="\n")
        schreiber.writeheader()
        schreiber.writerows(erzeuge())


if __name__ == "__main__":
    main()
