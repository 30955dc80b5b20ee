"""Schreibt die Vorlage der Kennzahlen-Tabelle (CSV und XLSX) samt Erläuterung jeder Spalte.

Die Texte kommen aus spalten.py; die Gebiete des Kreises sind vorausgefüllt, alles andere ist leer.
"""

import csv
import io
from pathlib import Path

import pandas as pd

from indikatoren.grundlagen.gebiete import Gebiete
from indikatoren.grundlagen.spalten import SPALTEN

NAME = "vorlage_kennzahlen"
REGELN = (
    "Eine Zeile je Gebiet und Jahr; die Kopfzeile ist Zeile 1.",
    "Anzahlen sind ganze Zahlen ab 0; Tausenderpunkt ist erlaubt (2.411).",
    "„*“ = von der Statistik gesperrter kleiner Wert (geheim), „-“ = null, leere Zelle = fehlt.",
    "CSV mit Semikolon, Komma oder Tabulator, UTF-8 (mit oder ohne BOM) oder Windows-1252; XLSX: erstes Blatt.",
    "Höchstens 20 MB. Unbekannte Spalten werden ignoriert, außer sie sehen aus wie ein Tippfehler.",
)


def erlaeuterung() -> pd.DataFrame:
    return pd.DataFrame({
        "spalte": [s.name for s in SPALTEN],
        "pflicht": ["ja" if s.pflicht else "nein" for s in SPALTEN],
        "bedeutung": [s.bedeutung for s in SPALTEN],
        "beispiel": [s.beispiel for s in SPALTEN],
    })


def vorlage(gebiete: Gebiete) -> pd.DataFrame:
    gebiet = gebiete.verzeichnis[gebiete.verzeichnis["ebene"].isin(["kreis", "gemeinde"])]
    tabelle = pd.DataFrame("", index=range(len(gebiet)), columns=[s.name for s in SPALTEN])
    tabelle["ags"], tabelle["name"] = gebiet["ags"].to_numpy(), gebiet["name"].to_numpy()
    return tabelle


def schreibe_vorlage(ordner: Path, gebiete: Gebiete) -> list[Path]:
    ordner.mkdir(parents=True, exist_ok=True)
    tabelle, text = vorlage(gebiete), erlaeuterung()
    csv_datei, erl_datei, xlsx_datei = (ordner / f"{NAME}.csv", ordner / f"{NAME}_erlaeuterung.csv",
                                        ordner / f"{NAME}.xlsx")
    tabelle.to_csv(csv_datei, sep=";", index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    pd.concat([text, pd.DataFrame({"spalte": ["Regel"] * len(REGELN), "bedeutung": REGELN})]).fillna("").to_csv(
        erl_datei, sep=";", index=False, lineterminator="\n")
    xlsx_datei.write_bytes(als_xlsx(gebiete))
    return [csv_datei, erl_datei, xlsx_datei]


def als_xlsx(gebiete: Gebiete) -> bytes:
    """Die Vorlage als XLSX: Blatt Kennzahlen (AGS als Text) und Blatt Erläuterung mit den Regeln."""
    tabelle, text, puffer = vorlage(gebiete), erlaeuterung(), io.BytesIO()
    with pd.ExcelWriter(puffer, engine="openpyxl") as mappe:
        tabelle.to_excel(mappe, sheet_name="Kennzahlen", index=False)
        text.to_excel(mappe, sheet_name="Erläuterung", index=False)
        pd.DataFrame({"Regeln": REGELN}).to_excel(mappe, sheet_name="Erläuterung", index=False,
                                                   startrow=len(text) + 2)
        blatt = mappe.book["Kennzahlen"]
        for zelle in blatt["A"]:
            zelle.number_format = "@"  # AGS als Text, damit Excel die führende Null behält
        blatt.freeze_panes = "A2"
        for spalte, breite in zip("ABCD", (12, 8, 100, 40)):
            mappe.book["Erläuterung"].column_dimensions[spalte].width = breite
    return puffer.getvalue()
