"""Erzeugt data/gemeindeverzeichnis.csv: Schlüssel und Namen der Gebiete, gegen die die Prüfung AGS abgleicht.

Quelle sind die BKG-Dateien VG250-EW (© GeoBasis-DE / BKG (2025), dl-de/by-2-0), als GeoJSON im Ordner, der beim
Aufruf genannt wird;
übernommen werden nur Schlüssel und Namen, keine Grenzen. Gemeindefreie Gebiete (ohne Einwohner) fehlen,
weil für sie keine Kennzahlen erscheinen. Samtgemeinden stehen nicht in VG250-EW; die bekannten werden
unten von Hand ergänzt (Samtgemeinde Leinebergland: Duingen, Eime, Gronau (Leine), Schlüssel 032545406, wie
die Gemeinden sie selbst angeben). Aufruf aus dem Projektordner mit dem Ordner der Geodaten:

    python data/erzeuge_gemeindeverzeichnis.py PFAD/ZU/geo
"""

import csv
import json
import sys
from pathlib import Path

LAENDER = {"03": "Niedersachsen"}
SAMTGEMEINDEN = {  # AGS der Samtgemeinde: (Name, Mitgliedsgemeinden)
    "032545406": ("Samtgemeinde Leinebergland", ("03254041", "03254013", "03254043")),
}


def main(geo: Path) -> None:
    gemeinden = json.loads((geo / "gemeinden_niedersachsen.geojson").read_text(encoding="utf-8"))
    kreise = json.loads((geo / "kreise_niedersachsen.geojson").read_text(encoding="utf-8"))
    mitglied = {g: sg for sg, (_, teile) in SAMTGEMEINDEN.items() for g in teile}
    zeilen = [("DG", "Deutschland", "bund", "")]
    zeilen += [(ags, name, "land", "") for ags, name in LAENDER.items()]
    for f in kreise["features"]:
        p = f["properties"]
        zeilen.append((p["ags"], f"{p['bez']} {p['name']}", "kreis", ""))
    zeilen += [(ags, name, "samtgemeinde", "") for ags, (name, _) in SAMTGEMEINDEN.items()]
    for f in gemeinden["features"]:
        p = f["properties"]
        if p["ewz"] > 0:
            zeilen.append((p["ags"], p["name"], "gemeinde", mitglied.get(p["ags"], "")))
    ziel = Path(__file__).with_name("gemeindeverzeichnis.csv")
    with ziel.open("w", encoding="utf-8", newline="") as datei:
        schreiber = csv.writer(datei, delimiter=";", lineterminator="\n")
        schreiber.writerow(("ags", "name", "ebene", "samtgemeinde"))
        schreiber.writerows(sorted(zeilen, key=lambda z: (len(z[0]) if z[0] != "DG" else 0, z[0])))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/geo"))
