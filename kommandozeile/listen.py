"""Kommandozeile für die versionierten Listen: python -m indikatoren einrichtungen|angebote|sozialraeume AKTION.

Alle Listen können dasselbe: pruefen, einlesen (neuer Stand der ganzen Liste), exportieren (aktiver Stand als
CSV oder XLSX mit Erläuterung; --vorlage: leer), staende, aktivieren. Dazu: einrichtungen osm, angebote luecken,
sozialraeume beispiel.
"""

import getpass
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from indikatoren.ablaeufe.einlesung import einlesen, mit_sozialraeumen, oeffne_ablage
from indikatoren.ablage.listen import Listen
from indikatoren.einlesen import grenzdatei, listendatei
from indikatoren.einlesen.export import tabelle_entschaerft
from indikatoren.einlesen.tabelle_lesen import datei_lesen
from indikatoren.grundlagen import geodaten, konfiguration
from indikatoren.grundlagen.gebiete import Gebiete
from indikatoren.grundlagen.listenarten import Listenart, aenderungen
from indikatoren.orte import einrichtungspflege, sozialraeume
from indikatoren.orte.einrichtungen import LISTE as EINRICHTUNGEN
from indikatoren.orte.einrichtungen import namensnennung


@dataclass(frozen=True)
class _Liste:
    art: Listenart
    lies: Callable  # (inhalt, datei, ablage, gebiete) -> geprüfte Liste; wirft UngueltigeDatei
    aktuelle: Callable  # (ablage, gebiete) -> (Stand oder None, Liste)
    zusammenfassung: Callable[[pd.DataFrame], str]


def _einrichtungen() -> _Liste:
    return _Liste(EINRICHTUNGEN,
                  lambda inhalt, datei, ablage, gebiete: einrichtungspflege.lies_datei(inhalt, datei, _grenzen()),
                  lambda ablage, gebiete: einrichtungspflege.als_text(ablage),
                  lambda liste: f"{len(liste)} Einrichtungen, davon {(liste['lat'].astype(str) != '').sum()} mit Lage")


def _angebote() -> _Liste:
    from angebote import katalog, liste

    def lies(inhalt, datei, ablage, gebiete):
        return liste.lies_datei(inhalt, datei, gebiete, einrichtungspflege.als_text(ablage)[1], _grenzen())

    def zusammenfassung(tabelle):
        zahlen = tabelle["status"].value_counts()
        return f"{len(tabelle)} Angebote (" + ", ".join(f"{zahlen.get(s, 0)} {s}" for s in katalog.STATUS) + ")"
    return _Liste(katalog.LISTE, lies, liste.aktuelle, zusammenfassung)


def _sozialraeume() -> _Liste:
    def lies(inhalt, datei, ablage, gebiete):
        grenzen = geodaten.lade_gemeindegrenzen(kreis=gebiete.kreis)
        return sozialraeume.pruefe(grenzdatei.lies(inhalt, datei), datei, gebiete, grenzen)

    def zusammenfassung(tabelle):
        gemeinden = tabelle.groupby("gemeinde")["vollstaendig"].first()
        return (f"{len(tabelle)} Sozialräume in {len(gemeinden)} Gemeinden, davon "
                f"{(gemeinden == 'ja').sum()} ganz aufgeteilt")
    return _Liste(sozialraeume.LISTE, lies, lambda ablage, gebiete: sozialraeume.aktuelle(ablage), zusammenfassung)


def _sozialraeume_beispiel(args):
    """Die erfundenen Sozialräume Alfelds und ihre Zahlen: Grenzen als neuer Stand, Zahlen zum aktiven Datenstand."""
    gebiete = Gebiete.laden()
    if "03254002" not in set(gebiete.gemeinden["ags"]):
        raise ValueError("Das Beispiel der Sozialräume gilt für Alfeld (Leine) im Landkreis Hildesheim (03254).")
    args.datei, args.kommentar = konfiguration.DATEN / "beispiel_sozialraeume.geojson", \
        "Beispiel: erfundene Sozialräume Alfelds (data/erzeuge_beispiel_sozialraeume.py)"
    _einlesen(_sozialraeume(), args)
    gebiete, ablage = mit_sozialraeumen(gebiete)
    zahlen = konfiguration.DATEN / "beispiel_kennzahlen_sozialraeume.csv"
    stand = einlesen(ablage, zahlen.read_bytes(), zahlen.name, gebiete, ergaenzen=True, art="beispiel",
                     von=args.von or getpass.getuser(), kommentar=args.kommentar).datenstand
    print(f"Datenstand {stand.id} gespeichert und aktiv: Datenstand {stand.grundlage} ergänzt um die Beispielzahlen "
          "der Sozialräume (synthetisch, als Beispieldaten gekennzeichnet).")


def _pruefen(liste: _Liste, args):
    gebiete = Gebiete.laden()
    tabelle = liste.lies(datei_lesen(args.datei), args.datei.name, oeffne_ablage(gebiete), gebiete)
    print(f"{args.datei.name}: gültig, {liste.zusammenfassung(tabelle)}.")


def _einlesen(liste: _Liste, args):
    gebiete = Gebiete.laden()
    ablage = oeffne_ablage(gebiete)
    inhalt = datei_lesen(args.datei)
    listen = Listen(ablage, liste.art)
    alt = liste.aktuelle(ablage, gebiete)[1]
    stand = listen.einlesen(lambda: liste.lies(inhalt, args.datei.name, ablage, gebiete),
                            von=args.von or getpass.getuser(), kommentar=args.kommentar, dateiname=args.datei.name,
                            mitgeliefert=alt)
    if stand is None:
        print("Die Liste ist unverändert; kein neuer Stand angelegt.")
        return
    neu = listen.im_stand(stand)
    art = aenderungen(alt, neu, liste.art).drop_duplicates(["art", "id"])["art"].value_counts()
    print(f"{liste.art.stand_heisst} {stand} gespeichert und aktiv: {liste.zusammenfassung(neu)}; "
          + ", ".join(f"{art.get(a, 0)} {a}" for a in ("neu", "geändert", "entfernt")) + ".")


def _exportieren(liste: _Liste, args):
    gebiete = Gebiete.laden()
    tabelle = (pd.DataFrame(columns=["id", *liste.art.spalten]) if args.vorlage
               else liste.aktuelle(oeffne_ablage(gebiete), gebiete)[1])
    endung = args.datei.suffix.lower()
    if endung not in (".csv", ".xlsx"):
        raise ValueError(f"{args.datei}: bitte .csv oder .xlsx als Endung angeben.")
    args.datei.write_bytes(listendatei.als_xlsx(tabelle, liste.art) if endung == ".xlsx"
                           else listendatei.als_csv(tabelle, liste.art))
    print(f"{args.datei} geschrieben: {len(tabelle)} Zeilen" + (" (Vorlage mit Erläuterung)"
                                                                 if endung == ".xlsx" else "") + ".")


def _staende(liste: _Liste, args):
    for s in Listen(oeffne_ablage(Gebiete.laden()), liste.art).staende():
        print(f"{s.id}\t{'aktiv' if s.aktiv else ''}\t{s.erstellt:%d.%m.%Y %H:%M} UTC\t{s.von}\t{s.kommentar}")


def _aktivieren(liste: _Liste, args):
    Listen(oeffne_ablage(Gebiete.laden()), liste.art).aktivieren(args.nummer, von=args.von or getpass.getuser())
    print(f"{liste.art.stand_heisst} {args.nummer} ist aktiv.")


def _osm(args):
    from indikatoren.orte import osm_import
    gebiete = Gebiete.laden()
    ablage = oeffne_ablage(gebiete)
    grenzen = _grenzen()
    if grenzen is None:
        raise ValueError("Ohne Gemeindegrenzen lässt sich nicht bestimmen, welche Einrichtungen im Kreis liegen.")
    if not args.datei.is_file():
        raise OSError(f"{args.datei}: Datei nicht gefunden.")
    stand, aktuell = einrichtungspflege.als_text(ablage)
    auszug = osm_import.lies_auszug(args.datei)
    v = osm_import.vorschlag(aktuell, auszug, grenzen)
    liste = einrichtungspflege.pruefe(v.tabelle.set_axis(range(2, len(v.tabelle) + 2)), args.datei.name, grenzen)
    print(f"Vorschlag aus {args.datei.name}: {v.neu} neu, {v.aktualisiert} aktualisiert, {v.schon_da} schon mit "
          f"fester Lage vorhanden; {v.ausserhalb} außerhalb des Kreises und {v.ohne_namen} ohne Namen übergangen.")
    for z in aenderungen(aktuell, liste, EINRICHTUNGEN).drop_duplicates(["art", "id", "bezeichnung"]).itertuples():
        print(f"  {z.art}: {z.bezeichnung}" + (f" ({z.id})" if z.id else ""))
    print(namensnennung(liste) or "")
    if not args.speichern:
        print("Nichts gespeichert; mit --speichern --kommentar TEXT wird der Vorschlag ein neuer Einrichtungsstand.")
        return
    neuer = Listen(ablage, EINRICHTUNGEN).einlesen(lambda: liste, von=args.von or getpass.getuser(),
                                                   kommentar=args.kommentar, dateiname=args.datei.name,
                                                   mitgeliefert=aktuell)
    print(f"Einrichtungsstand {neuer} gespeichert und aktiv." if neuer else "Keine Änderung; nichts gespeichert.")


def _luecken(args):
    from angebote import luecken
    gebiete = Gebiete.laden()
    ablage = oeffne_ablage(gebiete)
    angebote = (_angebote().lies(datei_lesen(args.datei), args.datei.name, ablage, gebiete) if args.datei
                else _angebote().aktuelle(ablage, gebiete)[1])
    gemeinde = None
    if args.gemeinde:
        gemeinde = gebiete.normalisiere_ags(args.gemeinde)
        if gemeinde not in set(gebiete.gemeinden["ags"]):
            raise ValueError(f"„{args.gemeinde}“ ist keine Gemeinde des Kreises {gebiete.kreis}.")
    matrix = luecken.matrix(angebote, gemeinde)[["lebensphase", "handlungsfeld", "anzahl"]]
    tabelle_entschaerft(matrix).to_csv(sys.stdout, sep=";", index=False, lineterminator="\n")


def _grenzen():
    """Die Gemeindegrenzen für die Prüfung „Lage im Kreis“; ohne sie wird diese eine Prüfung übersprungen."""
    try:
        return geodaten.anzeigegrenzen(konfiguration.kreis())
    except geodaten.GeodatenFehlen as fehler:
        print(f"Hinweis: ohne Gemeindegrenzen wird nicht geprüft, ob eine Lage im Kreis liegt ({fehler})",
              file=sys.stderr)
        return None


def anmelden(befehle) -> None:
    """Hängt die Befehle „einrichtungen“, „angebote“ und „sozialraeume“ an den Parser der Kommandozeile."""
    for name, liste, hilfe in (("einrichtungen", _einrichtungen, "Einrichtungsliste"),
                               ("angebote", _angebote, "Angebote der Präventionskette"),
                               ("sozialraeume", _sozialraeume, "Sozialräume (Grenzdatei: GeoJSON, GeoPackage, "
                                                               "Shapefile als ZIP; Spalten id, name, ags)")):
        b = befehle.add_parser(name, help=f"{hilfe}: prüfen, einlesen, exportieren, Stände, aktivieren"
                               + (", Lückenmatrix" if name == "angebote" else ""))
        aktionen = b.add_subparsers(required=True, metavar="AKTION")

        def aktion(name_, funktion, hilfe_, liste=liste, aktionen=aktionen):
            a = aktionen.add_parser(name_, help=hilfe_)
            a.set_defaults(befehl=lambda args: funktion(liste(), args))
            return a

        aktion("pruefen", _pruefen, "Liste (CSV/XLSX) prüfen, ohne zu speichern").add_argument("datei", type=Path)
        a = aktion("einlesen", _einlesen, "Liste prüfen und als neuen aktiven Stand speichern (ersetzt die ganze "
                                          "Liste; Zeilen ohne id sind neu)")
        a.add_argument("datei", type=Path)
        a.add_argument("--kommentar", required=True, help="was ist das für ein Stand? (Pflicht)")
        a.add_argument("--von", default=None, help="wer einliest (Vorgabe: Benutzername des Systems)")
        a = aktion("exportieren", _exportieren, "aktive Liste als .csv oder .xlsx (mit Erläuterung) schreiben")
        a.add_argument("datei", type=Path)
        a.add_argument("--vorlage", action="store_true", help="leere Liste: die Vorlage zum Ausfüllen")
        aktion("staende", _staende, "alle Stände auflisten")
        a = aktion("aktivieren", _aktivieren, "einen früheren Stand wieder aktiv machen")
        a.add_argument("nummer", type=int)
        a.add_argument("--von", default=None)
        if name == "einrichtungen":
            a = aktionen.add_parser("osm", help="Kitas, Schulen, Familienzentren, soziale Einrichtungen und "
                                                "Begegnungsstätten im Kreis aus einem OSM-Auszug vorschlagen")
            a.add_argument("datei", type=Path, help="OSM-Auszug (.osm.pbf oder .osm), etwa der des Landes")
            a.add_argument("--speichern", action="store_true", help="den Vorschlag als neuen Stand speichern")
            a.add_argument("--kommentar", default="", help="Pflicht mit --speichern")
            a.add_argument("--von", default=None)
            a.set_defaults(befehl=_osm)
        if name == "sozialraeume":
            a = aktionen.add_parser("beispiel", help="die erfundenen Sozialräume Alfelds mit Beispielzahlen laden")
            a.add_argument("--von", default=None)
            a.set_defaults(befehl=_sozialraeume_beispiel)
        if name == "angebote":
            a = aktionen.add_parser("luecken", help="Lebensphase × Handlungsfeld mit Zahl der aktiven Angebote "
                                                    "als CSV")
            a.add_argument("--gemeinde", help="AGS: ihre und die kreisweiten Angebote (ohne: alle des Kreises)")
            a.add_argument("--datei", type=Path, help="aus dieser Liste statt der aktuellen")
            a.set_defaults(befehl=_luecken)

