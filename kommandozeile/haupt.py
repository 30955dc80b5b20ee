"""Kommandozeile der Stabsstelle: python -m indikatoren BEFEHL (Hilfe: python -m indikatoren --help).

Ausgabe für Skripte auf stdout, Meldungen auf stderr; Exit-Code 0 bei Erfolg, 1 bei jedem Fehler
(dann ist nichts gespeichert), 2 bei falschem Aufruf.
"""

import argparse
import csv
import getpass
import os
import sys
from pathlib import Path

import angebote  # noqa: F401  (meldet seine Liste an: die Sicherung führt sie mit)
from berichte import cli as berichte_cli
from darstellung import offene_daten
from familienzentrum import cli as familienzentrum_cli
from indikatoren.ablaeufe import sicherung
from indikatoren.ablaeufe.einlesung import einlesen, mit_sozialraeumen, oeffne_ablage
from indikatoren.ablage import spaltenprofile
from indikatoren.ablage.datenstaende import Ablage
from indikatoren.einlesen import beispieldaten, genesis
from indikatoren.einlesen.export import tabelle_entschaerft
from indikatoren.einlesen.pruefung import pruefe_datei
from indikatoren.einlesen.tabelle_lesen import datei_lesen
from indikatoren.einlesen.vorlage import schreibe_vorlage
from indikatoren.grundlagen import geodaten, konfiguration, laender
from indikatoren.grundlagen.gebiete import Gebiete
from indikatoren.grundlagen.meldungen import UngueltigeDatei
from indikatoren.grundlagen.spalten import ARTEN
from indikatoren.rechnen import geheimhaltung
from indikatoren.rechnen.berechnung import AUSGEWIESEN, SPALTEN, berechne, gerundet
from indikatoren.zugang.anmeldung import entsperren, passwort_hash
from kommandozeile import listen as listen_cli


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.befehl(args) or 0
    except UngueltigeDatei as fehler:
        print(f"Die Datei ist ungültig ({len(fehler.meldungen)} Fehler); nichts wurde gespeichert:",
              file=sys.stderr)
        print(*fehler.meldungen, sep="\n", file=sys.stderr)
    except BrokenPipeError:  # Ausgabe an „head“ o. Ä. weitergereicht, das früher aufhört
        sys.stdout = open(os.devnull, "w")
        return 0
    except (OSError, ValueError, LookupError, geodaten.GeodatenFehlen) as fehler:
        print(f"Fehler: {fehler.args[0] if isinstance(fehler, KeyError) else fehler}", file=sys.stderr)
    return 1


def _pruefen(args):
    gebiete, ablage = mit_sozialraeumen()
    ergebnis = pruefe_datei(datei_lesen(args.datei), args.datei.name, gebiete, profile=spaltenprofile.alle(ablage),
                            profil=args.profil)
    kz = ergebnis.kennzahlen
    _hinweise(ergebnis.hinweise)
    print(f"{args.datei.name}: gültig, {len(kz)} Zeilen, Jahre {', '.join(map(str, kz.jahre))}, "
          f"Zählgrößen {', '.join(kz.merkmale) or 'keine'}.")


def _einlesen(args):
    _speichern(datei_lesen(args.datei), args.datei.name, args, args.ergaenzen, args.quelle, args.art, args.profil)


def _spaltenprofile(args):
    tabelle = spaltenprofile.uebersicht(mit_sozialraeumen()[1])
    if tabelle.empty:
        print("Keine Spaltenprofile gespeichert; sie entstehen in der Datenpflege („Spalten zuordnen“).")
    for z in tabelle.itertuples(index=False):
        print(f"{z[0]}: {z[1]} (geändert von {z[2]}, {z[3]})")


def _genesis(args):
    """Die Bevölkerung aus dem GENESIS-Dienst holen und den aktiven Stand damit ergänzen (wie einlesen --ergaenzen)."""
    kreis = konfiguration.kreis()
    try:
        name, inhalt = genesis.bevoelkerung(kreis, args.jahr, *konfiguration.genesis())
    except genesis.GenesisFehler as fehler:
        mit_sozialraeumen()[1].protokolliere("einlesen", args.von or "", f"genesis_{genesis.TABELLE}_{args.jahr}",
                                            "", False, str(fehler))
        raise ValueError(str(fehler)) from None
    _speichern(inhalt, name, args, ergaenzen=True)


def _speichern(inhalt: bytes, name: str, args, ergaenzen: bool, quelle: str = "", art: str = "amtlich",
               profil: str | None = None):
    gebiete, ablage = mit_sozialraeumen()
    ergebnis = einlesen(ablage, inhalt, name, gebiete, ergaenzen=ergaenzen, kommentar=args.kommentar, von=args.von,
                        quelle=quelle, art=art, profil=profil)
    _hinweise(ergebnis.hinweise)
    stand = ergebnis.datenstand
    print(f"Datenstand {stand.id} gespeichert und aktiv: {stand.zeilen} Zeilen aus {stand.dateiname}"
          + (f" (ergänzt Datenstand {stand.grundlage})" if stand.grundlage else "") + ".")


def _beispieldaten(args):
    gebiete = Gebiete.laden(args.kreis)  # ohne --kreis: SOZIALPLANUNG_KREIS
    einwohner = geodaten.lade_gemeindegrenzen(kreis=gebiete.kreis).set_index("ags")["ewz"]
    inhalt = beispieldaten.als_csv(beispieldaten.fuer_kreis(gebiete, einwohner))
    stand = einlesen(oeffne_ablage(gebiete), inhalt, f"beispieldaten_{gebiete.kreis}.csv", gebiete, art="beispiel",
                     von=args.von, kommentar="Beispieldaten (synthetisch, keine amtlichen Zahlen) aus den "
                                             "Einwohnerzahlen der Gemeinden").datenstand
    print(f"Datenstand {stand.id} gespeichert und aktiv: Beispieldaten für {gebiete.name(gebiete.kreis)} "
          f"({len(gebiete.gemeinden)} Gemeinden, {min(beispieldaten.JAHRE)}–{max(beispieldaten.JAHRE)}). Die Zahlen "
          "sind erfunden und überall als Beispieldaten gekennzeichnet; amtliche Zahlen liest "
          "„python -m indikatoren einlesen DATEI“ ein.")


def _berechnen(args):
    gebiete, ablage = mit_sozialraeumen()
    if args.eingabe:
        ergebnis = pruefe_datei(datei_lesen(args.eingabe), args.eingabe.name, gebiete)
        _hinweise(ergebnis.hinweise)
        kennzahlen = ergebnis.kennzahlen
    else:
        kennzahlen = ablage.kennzahlen(args.datenstand)
    _ergebnis_ausgeben(berechne(kennzahlen, gebiete), args.jahr)


def _veroeffentlichen(args):
    gebiete, ablage = mit_sozialraeumen()
    kennzahlen, frueher = ablage.kennzahlen(args.datenstand), ablage.vorgaenger(args.datenstand)
    sperrung = geheimhaltung.sperren(kennzahlen, gebiete, frueher=frueher)
    for jahr in sperrung.unerfuellt:  # auf stderr: stdout bleibt die Tabelle
        print(f"Hinweis: Für {jahr} ließ sich der Schutz kleiner Zahlen nicht herstellen; von diesem Jahr erscheint "
              "nichts. Die Sperrliste (--sperrliste) nennt die Zellen.", file=sys.stderr)
    if args.website:
        _website(args.website, args.datenstand, args.adresse)
        return
    if args.offene_daten:
        _offene_daten(args.offene_daten, geheimhaltung.fuer_leser(kennzahlen, gebiete, frueher), gebiete,
                      args.datenstand or ablage.aktiver().id, args.adresse)
        return
    if args.sperrliste:
        zellen = sperrung.zellen
        if args.jahr is not None:
            zellen = zellen[zellen["jahr"] == args.jahr]
        tabelle_entschaerft(zellen).to_csv(sys.stdout, index=False, lineterminator="\n")
        return
    _ergebnis_ausgeben(geheimhaltung.fuer_leser(kennzahlen, gebiete, frueher), args.jahr)


def _offene_daten(ordner: Path, ergebnis, gebiete: Gebiete, datenstand: int, adresse: str | None) -> None:
    """Die Dateien der offenen Daten in einen Ordner; vorhandene gleichen Namens werden ersetzt. Mit der Adresse, unter
    der sie öffentlich liegen, dazu der DCAT-AP.de-Katalog katalog.ttl."""
    try:
        grenzen = geodaten.anzeigegrenzen(gebiete.kreis)
    except geodaten.GeodatenFehlen as fehler:
        print(f"Hinweis: ohne GeoJSON – {fehler}", file=sys.stderr)
        grenzen = None
    ordner.mkdir(parents=True, exist_ok=True)
    kontakte = laender.kontakte()
    for name, inhalt in offene_daten.dateien(ergebnis, datenstand, gebiete.name(gebiete.kreis), grenzen,
                                             kontakte.get("herausgeber", ""), adresse, gebiete.kreis,
                                             kontakte.get("kontakt", "")).items():
        (ordner / name).write_bytes(inhalt)
        print(f"{ordner / name} geschrieben ({len(inhalt) // 1024} KB)" + (" (DCAT-AP.de)" if name == "katalog.ttl"
                                                                           else ""))
    if not adresse:
        print("Hinweis: ohne DCAT-Katalog – dafür mit --adresse URL angeben, wo die Dateien öffentlich liegen.",
              file=sys.stderr)


def _website(ordner: Path, datenstand: int | None, adresse: str | None) -> None:
    """Die statische Website des Datenstands nach ORDNER/datenstand-N/; Fortschritt auf stderr („[n/m] was“)."""
    import berichte
    from berichte.daten import Berichtsdaten
    gebiete, ablage = mit_sozialraeumen()
    daten = Berichtsdaten.laden(ablage, gebiete, datenstand)

    def melden(erledigt: int, gesamt: int, was: str) -> None:
        print(f"[{erledigt}/{gesamt}] {was}", file=sys.stderr, flush=True)
    ziel = berichte.website(daten, ordner, adresse, fortschritt=melden)
    print(f"{ziel / 'index.html'} geschrieben; Startseite aller Veröffentlichungen: {ordner / 'index.html'}")


def _frontend(args):
    """Für Caddy: Streamlits Frontend vorkomprimiert nach ZIEL, dazu Leaflet in static/ der App vorkomprimiert."""
    from berichte import vorkomprimieren
    from darstellung.karte import leaflet_bereitstellen
    vorkomprimieren.ordner(leaflet_bereitstellen())
    print(vorkomprimieren.streamlit_frontend(args.ziel))


def _ergebnis_ausgeben(tabelle, jahr: int | None) -> None:
    """CSV mit den Spalten von berechnung.SPALTEN, Wert kaufmännisch auf 2 Stellen, leer ohne Wert."""
    if jahr is not None:
        tabelle = tabelle[tabelle["jahr"] == jahr]
    tabelle = tabelle.assign(wert=gerundet(tabelle["zaehler"], tabelle["nenner"], 2).where(
        tabelle["status"].isin(AUSGEWIESEN), ""))
    tabelle_entschaerft(tabelle[SPALTEN]).to_csv(sys.stdout, index=False, lineterminator="\n",
                                                 quoting=csv.QUOTE_MINIMAL)


def _datenstaende(args):
    ablage = oeffne_ablage(Gebiete.laden())
    for d in ablage.datenstaende():
        zeit = d.erstellt.astimezone().strftime("%d.%m.%Y %H:%M")
        print(f"{'*' if d.aktiv else ' '} {d.id:>4}  {zeit}  {d.von:<20}  {d.zeilen:>6} Zeilen  {d.dateiname}"
              f"  sha256 {d.sha256[:12]}" + (f"  „{d.kommentar}“" if d.kommentar else ""))
    print("(* = aktiv)")


def _aktivieren(args):
    stand = oeffne_ablage(Gebiete.laden()).aktivieren(args.nummer, von=args.von)
    print(f"Datenstand {stand.id} ist jetzt aktiv.")


def _geodaten(args):
    grenzen = geodaten.lade_gemeindegrenzen(datei=args.datei, neu=True)
    info = geodaten.herkunft()
    print(f"{len(grenzen)} Gemeindegrenzen des Kreises {konfiguration.kreis()} geladen aus {info['quelle']} "
          f"und zwischengespeichert in {konfiguration.laufzeit() / 'geodaten'}.\n{geodaten.namensnennung()}")


def _vorlage(args):
    for pfad in schreibe_vorlage(args.ordner, Gebiete.laden()):
        print(pfad)


def _sicherung(args):
    args.datei.write_bytes(sicherung.erstellen(oeffne_ablage(Gebiete.laden())))
    print(f"Sicherung geschrieben: {args.datei}")


def _wiederherstellen(args):
    gebiete = Gebiete.laden()
    ablage = Ablage()  # ohne Erstbefüllung: eine neue Datenbank soll nur die Sicherung enthalten
    print(sicherung.wiederherstellen(ablage, datei_lesen(args.datei), gebiete, von=args.von or getpass.getuser(),
                                     datei=args.datei.name))


def _passwort(args):
    passwort = getpass.getpass("Neues Passwort: ")
    if getpass.getpass("Wiederholen: ") != passwort:
        raise ValueError("Die Passwörter stimmen nicht überein.")
    print(f'{args.name} = "{passwort_hash(passwort)}"')
    print("Diese Zeile gehört in .streamlit/secrets.toml unter [datenpflege.konten].", file=sys.stderr)


def _entsperren(args):
    n = entsperren(oeffne_ablage(Gebiete.laden()), args.name)
    print(f"Wartezeiten für „{args.name}“ aufgehoben ({n} Herkünfte).")


def _hinweise(hinweise):
    for h in hinweise:
        print(f"Hinweis: {h}", file=sys.stderr)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m indikatoren", description=__doc__.split("\n")[0])
    befehle = p.add_subparsers(required=True, metavar="BEFEHL")

    b = befehle.add_parser("pruefen", help="Datei prüfen, ohne zu speichern")
    b.add_argument("datei", type=Path)
    b.add_argument("--profil", default=None, metavar="NAME",
                   help="Spaltenprofil für eine Tabelle eines Amts (Vorgabe: das gespeicherte, das passt)")
    b.set_defaults(befehl=_pruefen)

    b = befehle.add_parser("beispieldaten", help="synthetische Beispielzahlen für den Kreis erzeugen und als "
                                                   "aktiven Datenstand speichern (aus den Einwohnerzahlen der Grenzen)")
    b.add_argument("--kreis", default=None, help="Kreisschlüssel (Vorgabe: SOZIALPLANUNG_KREIS)")
    b.add_argument("--von", default=None, help="wer einliest (Vorgabe: Benutzername des Systems)")
    b.set_defaults(befehl=_beispieldaten)

    b = befehle.add_parser("einlesen", help="Datei prüfen und als neuen aktiven Datenstand speichern")
    b.add_argument("datei", type=Path)
    b.add_argument("--ergaenzen", action="store_true",
                   help="Zeilen zum aktiven Datenstand hinzufügen bzw. gleiche ags+jahr ersetzen")
    b.add_argument("--kommentar", default="")
    b.add_argument("--von", default=None, help="wer einliest (Vorgabe: Benutzername des Systems)")
    b.add_argument("--quelle", default="", help="Quelle für Zeilen ohne Spalte quelle")
    b.add_argument("--art", default="amtlich", choices=ARTEN, help="Art für Zeilen ohne Spalte art")
    b.add_argument("--profil", default=None, metavar="NAME",
                   help="Spaltenprofil für eine Tabelle eines Amts (Vorgabe: das gespeicherte, das passt)")
    b.set_defaults(befehl=_einlesen)

    b = befehle.add_parser("spaltenprofile", help="die gespeicherten Spaltenprofile zeigen (angelegt und geändert "
                                                  "werden sie in der Datenpflege)")
    b.set_defaults(befehl=_spaltenprofile)

    b = befehle.add_parser("genesis", help="Bevölkerung (Tabelle 12411-02-03-5) für die Gemeinden des Kreises aus dem "
                                           "GENESIS-Dienst holen, prüfen und den aktiven Stand damit ergänzen")
    b.add_argument("--jahr", type=int, required=True, help="Jahr des Stichtags 31.12.")
    b.add_argument("--kommentar", default="")
    b.add_argument("--von", default=None, help="wer einliest (Vorgabe: Benutzername des Systems)")
    b.set_defaults(befehl=_genesis)

    b = befehle.add_parser("berechnen", help="Indikatoren als CSV auf stdout")
    b.add_argument("--eingabe", type=Path, help="aus dieser Datei rechnen, ohne zu speichern")
    b.add_argument("--datenstand", type=int, help="Nummer des Datenstands (Vorgabe: der aktive)")
    b.add_argument("--jahr", type=int)
    b.set_defaults(befehl=_berechnen)

    b = befehle.add_parser("veroeffentlichen", help="Indikatoren, wie Leser sie sehen (gesperrt), als CSV auf stdout")
    b.add_argument("--datenstand", type=int, help="Nummer des Datenstands (Vorgabe: der aktive)")
    b.add_argument("--jahr", type=int)
    b.add_argument("--sperrliste", action="store_true",
                   help="statt der Werte: jede gesperrte Zelle mit Grund (nur für die Stabsstelle)")
    b.add_argument("--offene-daten", type=Path, metavar="ORDNER",
                   help="alle Indikatoren, Jahre und Gebiete als CSV (mit CSVW-Beschreibung), XLSX und GeoJSON")
    b.add_argument("--website", type=Path, metavar="ORDNER",
                   help="die statische Website (Übersicht, Karten, Profile mit PDF, Methodik, Wegweiser, offene Daten, "
                        "Einbettungen) nach ORDNER/datenstand-N/")
    b.add_argument("--adresse", default=os.environ.get("SOZIALPLANUNG_OFFENE_DATEN_URL"), metavar="URL",
                   help="wo die offenen Daten (mit --website: der ORDNER) öffentlich liegen; dann auch ein "
                        "DCAT-AP.de-Katalog (katalog.ttl)")
    b.set_defaults(befehl=_veroeffentlichen)

    b = befehle.add_parser("frontend", help="Streamlits Frontend vorkomprimiert nach ZIEL/<version>/ kopieren und "
                                            "Leaflet in static/ vorkomprimieren (für Caddy, deploy/start); gibt den "
                                            "Ordner aus")
    b.add_argument("ziel", type=Path)
    b.set_defaults(befehl=_frontend)

    b = befehle.add_parser("datenstaende", help="alle Datenstände auflisten")
    b.set_defaults(befehl=_datenstaende)

    b = befehle.add_parser("aktivieren", help="einen früheren Datenstand wieder aktiv machen")
    b.add_argument("nummer", type=int)
    b.add_argument("--von", default="")
    b.set_defaults(befehl=_aktivieren)

    b = befehle.add_parser("geodaten", help="Gemeindegrenzen laden und zwischenspeichern (Datei oder BKG-WFS)")
    b.add_argument("--datei", type=Path, help="GeoJSON, GeoPackage oder Shapefile (sonst der WFS)")
    b.set_defaults(befehl=_geodaten)

    b = befehle.add_parser("sicherung", help="alle Datenstände, Einrichtungen und das Protokoll in eine ZIP-Datei")
    b.add_argument("datei", type=Path)
    b.set_defaults(befehl=_sicherung)

    b = befehle.add_parser("wiederherstellen", help="fehlende Stände aus einer Sicherung ergänzen")
    b.add_argument("datei", type=Path)
    b.add_argument("--von", default=None)
    b.set_defaults(befehl=_wiederherstellen)

    b = befehle.add_parser("passwort", help="bcrypt-Hash eines Passworts für secrets.toml erzeugen")
    b.add_argument("name", help="Anmeldename des Kontos")
    b.set_defaults(befehl=_passwort)

    listen_cli.anmelden(befehle)
    berichte_cli.anmelden(befehle)
    familienzentrum_cli.anmelden(befehle)

    b = befehle.add_parser("entsperren", help="Wartezeit nach Fehlversuchen für ein Datenpflege-Konto aufheben")
    b.add_argument("name", help="Anmeldename des Kontos")
    b.set_defaults(befehl=_entsperren)

    b = befehle.add_parser("vorlage", help="Vorlage der Kennzahlen-Tabelle (CSV, XLSX) schreiben")
    b.add_argument("--ordner", type=Path, default=konfiguration.DATEN)
    b.set_defaults(befehl=_vorlage)
    return p
