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
  Seiten, dass jede Ausgabe für Leser sie primär und sekundär sperrt (indikatoren/rechnen/geheimhaltung.py).
- SGB-II-Zahlen je Dezember; Bevölkerung zum 31.12. des Jahres, für das jüngste Jahr (2024) zum
  31.12. des Vorjahres, wie die Bundesagentur für den jüngsten Zeitraum rechnet.

Fester Startwert: jeder Lauf schreibt dieselbe Datei (ein Test prüft das). Aufruf aus dem Projektordner:

    python data/erzeuge_beispieldaten.py
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from indikatoren.einlesen.beispieldaten import als_csv, zeilen  # noqa: E402

STARTWERT = 20250329  # Eröffnung des Familienzentrums Alfeld
KREIS = ("03254", "Landkreis Hildesheim")

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
QUELLE = "Beispieldaten (synthetisch), erzeugt mit data/erzeuge_beispieldaten.py"


def erzeuge() -> list[dict]:
    return zeilen(KREIS, GEMEINDEN, STARTWERT, QUELLE)


def main() -> None:
    Path(__file__).with_name("beispiel_kennzahlen.csv").write_bytes(als_csv(erzeuge()))


if __name__ == "__main__":
    main()
