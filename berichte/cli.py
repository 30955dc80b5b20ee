"""Kommandozeile: python -m indikatoren bericht gemeindeprofil|gemeinden … --ausgabe DATEI.pdf.

WeasyPrint und matplotlib werden erst geladen, wenn ein Bericht entsteht; die übrigen Befehle bleiben schnell."""

import sys
import time
from pathlib import Path

from indikatoren.einlesen import oeffne_ablage
from indikatoren.gebiete import Gebiete


def _daten(args):
    from berichte.daten import Berichtsdaten
    gebiete = Gebiete.laden()
    daten = Berichtsdaten.laden(oeffne_ablage(gebiete), gebiete, args.datenstand)
    return daten, daten.jahr(args.jahr)


def _schreiben(args, inhalt: bytes, start: float) -> None:
    if args.ausgabe.suffix.lower() != ".pdf":
        raise ValueError(f"{args.ausgabe}: bitte .pdf als Endung angeben.")
    args.ausgabe.write_bytes(inhalt)
    print(f"{args.ausgabe} geschrieben ({len(inhalt) // 1024} KB, {time.monotonic() - start:.1f} s).")


def _gemeindeprofil(args):
    from berichte import gemeindeprofil
    start = time.monotonic()
    daten, jahr = _daten(args)
    ags = daten.gebiete.normalisiere_ags(args.gemeinde)
    if ags not in set(daten.gebiete.gemeinden["ags"]):
        raise ValueError(f"„{args.gemeinde}“ ist keine Gemeinde des Kreises {daten.gebiete.kreis}.")
    _schreiben(args, gemeindeprofil.pdf(daten, jahr, [ags]), start)


def _gemeinden(args):
    from berichte import gemeindeprofil
    start = time.monotonic()
    daten, jahr = _daten(args)
    gemeinden = daten.gebiete.gemeinden.sort_values("name")["ags"].tolist()
    _schreiben(args, gemeindeprofil.pdf(daten, jahr, gemeinden, fortschritt=_melden), start)


def _sozialbericht(args):
    from berichte import sozialbericht
    start = time.monotonic()
    daten, jahr = _daten(args)
    _schreiben(args, sozialbericht.pdf(daten, jahr, fortschritt=_melden), start)


def _melden(erledigt: int, gesamt: int, was: str) -> None:
    print(f"[{erledigt + 1}/{gesamt}] {was}", file=sys.stderr, flush=True)


def anmelden(befehle) -> None:
    b = befehle.add_parser("bericht", help="Berichte als PDF (getaggt, A4): Gemeindeprofil, alle Gemeinden, "
                                           "Sozialbericht")
    berichte = b.add_subparsers(required=True, metavar="BERICHT")
    for name, funktion, hilfe in (("gemeindeprofil", _gemeindeprofil, "eine Gemeinde auf einer A4-Seite"),
                                  ("gemeinden", _gemeinden, "alle Gemeinden, je eine Seite"),
                                  ("sozialbericht", _sozialbericht, "Sozialbericht des Kreises, mehrere Seiten")):
        a = berichte.add_parser(name, help=hilfe)
        if name == "gemeindeprofil":
            a.add_argument("--gemeinde", required=True, help="AGS der Gemeinde")
        a.add_argument("--jahr", type=int, help="Berichtsjahr (Vorgabe: das jüngste)")
        a.add_argument("--datenstand", type=int, help="Nummer des Datenstands (Vorgabe: der aktive)")
        a.add_argument("--ausgabe", type=Path, required=True, help="Ziel, DATEI.pdf")
        a.set_defaults(befehl=funktion)
