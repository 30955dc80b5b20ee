"""Erzeugt data/kreise.csv: Schlüssel und Namen aller Kreise Deutschlands, damit ein Kreis außerhalb Niedersachsens
seinen Namen hat, auch wenn seine Grenzdatei ihn nicht nennt (SOZIALPLANUNG_KREISNAME bleibt eine Überschreibung).

Quelle ist die amtliche Liste des Statistischen Bundesamts „Kreisfreie Städte und Landkreise nach Fläche,
Bevölkerung und Bevölkerungsdichte“ (Gemeindeverzeichnis-Informationssystem GV-ISys, Gebietsstand 31.12.2018,
© Statistisches Bundesamt (Destatis), 2019; „Vervielfältigung und Verbreitung, auch auszugsweise, mit
Quellenangabe gestattet“), unverändert in data/quellen/destatis_kreise_2018.xlsx; übernommen werden nur Schlüssel,
Bezeichnung und Name. Seitdem geändert: Eisenach (16056) gehört seit dem 1.7.2021 zum Wartburgkreis und fehlt darum.

Der Name ist die Bezeichnung mit dem Namen ohne Zusatz („Kreisfreie Stadt Flensburg“, „Landkreis Görlitz“), außer
der Name sagt seine Art schon selbst („Region Hannover“, „Städteregion Aachen“, „Ilm-Kreis“). Aufruf aus dem
Projektordner:

    python data/erzeuge_kreise.py
"""

import csv
import re
from pathlib import Path

import openpyxl

DATEN = Path(__file__).resolve().parent
QUELLE = DATEN / "quellen" / "destatis_kreise_2018.xlsx"
AUFGELOEST = {"16056"}  # Eisenach: seit 1.7.2021 im Wartburgkreis (16063)
SELBST_BENANNT = re.compile(r"^(Region|Städteregion|Regionalverband) |kreis", re.IGNORECASE)


def name(bezeichnung: str, kreisname: str) -> str:
    kern = kreisname.split(",")[0].strip()
    return kern if SELBST_BENANNT.search(kern) else f"{bezeichnung.strip()} {kern}"


def zeilen() -> list[tuple[str, str]]:
    mappe = openpyxl.load_workbook(QUELLE, read_only=True, data_only=True)
    blatt = mappe["Kreisfreie Städte u. Landkreise"]
    ergebnis = [(str(z[0]).strip(), name(str(z[1]), str(z[2]))) for z in blatt.iter_rows(values_only=True)
                if z[0] is not None and re.fullmatch(r"\d{5}", str(z[0]).strip())]
    return [(ags, n) for ags, n in ergebnis if ags not in AUFGELOEST]


def main() -> None:
    with (DATEN / "kreise.csv").open("w", encoding="utf-8", newline="") as datei:
        schreiber = csv.writer(datei, delimiter=";", lineterminator="\n")
        schreiber.writerow(["ags", "name"])
        schreiber.writerows(zeilen())


if __name__ == "__main__":
    main()
