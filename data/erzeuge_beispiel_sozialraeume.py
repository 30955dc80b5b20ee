"""Erzeugt das Beispiel der Sozialräume: data/beispiel_sozialraeume.geojson und
data/beispiel_kennzahlen_sozialraeume.csv. Beides ist ERFUNDEN (Art „beispiel“) und zeigt nur, wie Sozialräume
im Dashboard aussehen.

- Flächen: Alfelds Gemeindegrenze (VG250-EW des BKG, © GeoBasis-DE / BKG (2025), dl-de/by-2-0, Daten verändert),
  geteilt in Voronoi-Zellen um veröffentlichte Punkte aus data/einrichtungen.csv (Kirche St. Nicolai in der
  Altstadt, Ortsmitten Föhrste und Hörsum); aus der Zelle der Kernstadt ist die Innenstadt (700 m um St. Nicolai,
  mit der Fußgängerzone des Familienzentrums) herausgeschnitten. Die Flächen decken Alfeld lückenlos ab.
- Zahlen: jede Zeile Alfelds aus data/beispiel_kennzahlen.csv aufgeteilt, so dass die Summe der Sozialräume genau
  die Gemeindezeile ergibt; in der Innenstadt leben anteilig mehr Kinder im SGB II (das Anliegen der Konzeption),
  und „Ost (um Hörsum)“ hat unter 300 Einwohner, damit die Mindestgröße sichtbar wird.

Aufruf aus dem Projektordner mit dem Ordner der Geodaten:

    python data/erzeuge_beispiel_sozialraeume.py PFAD/ZU/geo
"""

import csv
import json
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

DATEN = Path(__file__).resolve().parent
ALFELD = "03254002"
QUELLE = "Beispieldaten (synthetisch), erzeugt mit data/erzeuge_beispiel_sozialraeume.py"
# Kennung, Name, Punkt (Einrichtung), Anteil der Einwohner, relative SGB-II-Dichte
RAEUME = (
    ("ALF-01", "Innenstadt", "E001", 0.26, 2.0),
    ("ALF-02", "Kernstadt (ohne Innenstadt)", "E001", 0.60, 0.8),
    ("ALF-03", "Südost (um Föhrste)", "E010", 0.12, 0.6),
    ("ALF-04", "Ost (um Hörsum)", "E016", 0.02, 0.5),
)
INNENSTADT_M = 700
ALTER = (("bev_u3", "nef_u3"), ("bev_3_6", "nef_3_6"), ("bev_6_15", "nef_6_15"))


def flaechen(geo: Path) -> gpd.GeoDataFrame:
    alfeld = gpd.read_file(geo / "gemeinden_lk_hildesheim.geojson").set_index("ags").loc[[ALFELD]].to_crs(25832)
    grenze = alfeld.geometry.iloc[0]
    orte = pd.read_csv(DATEN / "einrichtungen.csv", sep=";", dtype=str).set_index("id")
    punkte = gpd.GeoSeries(gpd.points_from_xy(orte["lon"].astype(float), orte["lat"].astype(float)),
                           index=orte.index, crs=4326).to_crs(25832)
    mitten = [punkte[e] for e in ("E001", "E010", "E016")]
    zellen = shapely.voronoi_polygons(shapely.MultiPoint(mitten), extend_to=grenze).geoms
    zelle = {e: next(z for z in zellen if z.contains(punkte[e])).intersection(grenze) for e in ("E001", "E010", "E016")}
    innen = punkte["E001"].buffer(INNENSTADT_M).intersection(zelle["E001"])
    teile = [innen, zelle["E001"].difference(innen), zelle["E010"], zelle["E016"]]
    return gpd.GeoDataFrame({"id": [r[0] for r in RAEUME], "name": [r[1] for r in RAEUME], "ags": ALFELD},
                            geometry=teile, crs=25832).to_crs(4326)


def aufgeteilt(gesamt: int, gewichte: list[float]) -> list[int]:
    """Ganze Zahlen mit genau dieser Summe (größte Reste), im Verhältnis der Gewichte."""
    anteile = [gesamt * g / sum(gewichte) for g in gewichte]
    ganz = [int(a) for a in anteile]
    for i in sorted(range(len(anteile)), key=lambda i: ganz[i] - anteile[i])[: gesamt - sum(ganz)]:
        ganz[i] += 1
    return ganz


def zeilen() -> list[dict]:
    alfeld = pd.read_csv(DATEN / "beispiel_kennzahlen.csv", sep=";", dtype=str)
    alfeld = alfeld[alfeld["ags"] == ALFELD]
    bev = [r[3] for r in RAEUME]
    sgb2 = [r[3] * r[4] for r in RAEUME]
    ergebnis = []
    for z in alfeld.to_dict("records"):
        n = {k: int(v) for k, v in z.items() if k not in ("ags", "name", "jahr", "stichtag_sgb2", "stichtag_bev",
                                                               "quelle", "art")}
        teile = {s: aufgeteilt(n[s], bev if s.startswith("bev") else sgb2)
                 for s in ("bev_u3", "bev_3_6", "bev_6_15", "bev_15_rag", "nef_u3", "nef_3_6", "nef_6_15", "elb")}
        sonstige = aufgeteilt(n["lb"] - n["elb"] - n["nef_u15"], sgb2)
        for i, (kennung, name, *_rest) in enumerate(RAEUME):
            t = {s: w[i] for s, w in teile.items()}
            bev_u15 = t["bev_u3"] + t["bev_3_6"] + t["bev_6_15"]
            nef_u15 = t["nef_u3"] + t["nef_3_6"] + t["nef_6_15"]
            ergebnis.append({
                "gebiet": kennung, "name": name, "jahr": z["jahr"], "stichtag_sgb2": z["stichtag_sgb2"],
                "stichtag_bev": z["stichtag_bev"], "bev_u15": bev_u15, "nef_u15": nef_u15,
                "bev_u_rag": bev_u15 + t["bev_15_rag"], "lb": t["elb"] + nef_u15 + sonstige[i],
                "bev_15_rag": t["bev_15_rag"], "elb": t["elb"], "bev_u3": t["bev_u3"], "nef_u3": t["nef_u3"],
                "bev_3_6": t["bev_3_6"], "nef_3_6": t["nef_3_6"], "bev_6_15": t["bev_6_15"],
                "nef_6_15": t["nef_6_15"], "quelle": QUELLE, "art": "beispiel"})
    return ergebnis


def main(geo: Path) -> None:
    raeume = flaechen(geo)
    raeume["geometry"] = shapely.set_precision(raeume.geometry.to_numpy(), 1e-5)
    (DATEN / "beispiel_sozialraeume.geojson").write_text(
        json.dumps(json.loads(raeume.to_json(drop_id=True)), ensure_ascii=False, separators=(",", ":")) + "\n",
        encoding="utf-8")
    with (DATEN / "beispiel_kennzahlen_sozialraeume.csv").open("w", encoding="utf-8", newline="") as datei:
        daten = zeilen()
        schreiber = csv.DictWriter(datei, fieldnames=list(daten[0]), delimiter=";", lineterminator="\n")
        schreiber.writeheader()
        schreiber.writerows(daten)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/geo"))
