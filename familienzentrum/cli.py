"""Kommandozeile: python -m indikatoren familienzentrum vorlage|exportieren|pruefen|einlesen DATEI.xlsx."""

import getpass
from pathlib import Path

from familienzentrum import daten, katalog, mappe
from indikatoren.ablaeufe.einlesung import oeffne_ablage
from indikatoren.einlesen.tabelle_lesen import datei_lesen
from indikatoren.grundlagen.gebiete import Gebiete


def _xlsx(pfad: Path) -> Path:
    if pfad.suffix.lower() != ".xlsx":
        raise ValueError(f"{pfad}: bitte eine .xlsx-Datei angeben.")
    return pfad


def _vorlage(args):
    _xlsx(args.datei).write_bytes(mappe.als_xlsx({katalog.KOSTEN.name: daten.vorgabe(katalog.KOSTEN)}))
    print(f"{args.datei} geschrieben: leere Blätter {', '.join(katalog.BLAETTER.values())}, Kosten mit dem Plan "
          "aus der Konzeption, dazu die Erläuterung jeder Spalte.")


def _exportieren(args):
    listen = daten.aktuelle(oeffne_ablage(Gebiete.laden()))
    _xlsx(args.datei).write_bytes(mappe.als_xlsx(listen))
    print(f"{args.datei} geschrieben: " + ", ".join(f"{katalog.BLAETTER[n]} {len(t)}" for n, t in listen.items()) + ".")


def _pruefen(args):
    geprueft = daten.pruefe_mappe(datei_lesen(_xlsx(args.datei)), args.datei.name)
    print(f"{args.datei.name}: gültig, " + ", ".join(f"{katalog.BLAETTER[n]} {len(t)} Zeilen"
                                                      for n, t in geprueft.items()) + ".")


def _einlesen(args):
    ablage = oeffne_ablage(Gebiete.laden())
    staende = daten.einlesen(ablage, datei_lesen(_xlsx(args.datei)), args.datei.name,
                             von=args.von or getpass.getuser(), kommentar=args.kommentar)
    if not staende:
        print("Nichts geändert; kein neuer Stand angelegt.")
    for name, stand in staende.items():
        art = next(a for a in katalog.LISTEN if a.name == name)
        print(f"{art.stand_heisst} {stand} gespeichert und aktiv.")


def anmelden(befehle) -> None:
    b = befehle.add_parser("familienzentrum", help="Zahlen des Familienzentrums für den Jahresbericht (XLSX-Mappe)")
    aktionen = b.add_subparsers(required=True, metavar="AKTION")
    for name, funktion, hilfe in (
            ("vorlage", _vorlage, "leere Mappe zum Ausfüllen (Kosten mit dem Plan der Konzeption)"),
            ("exportieren", _exportieren, "alle aktuellen Listen als Mappe"),
            ("pruefen", _pruefen, "Mappe prüfen, ohne zu speichern"),
            ("einlesen", _einlesen, "Mappe prüfen; jede geänderte Liste wird ein neuer Stand")):
        a = aktionen.add_parser(name, help=hilfe)
        a.add_argument("datei", type=Path)
        if name == "einlesen":
            a.add_argument("--kommentar", required=True, help="was ist das für ein Stand? (Pflicht)")
            a.add_argument("--von", default=None, help="wer einliest (Vorgabe: Benutzername des Systems)")
        a.set_defaults(befehl=funktion)
