"""Kommandozeile: python -m indikatoren bericht gemeindeprofil|gemeinden|sozialbericht … --ausgabe DATEI.pdf.

WeasyPrint und matplotlib werden erst geladen, wenn ein Bericht entsteht; die übrigen Befehle bleiben schnell."""

import sys
import time
from pathlib import Path

import berichte
from familienzentrum.pruefung import berichtsjahre
from indikatoren.ablaeufe.einlesung import oeffne_ablage
from indikatoren.grundlagen.gebiete import Gebiete


def _ausfuehren(args):
    from berichte.daten import Berichtsdaten
    start = time.monotonic()
    als_docx = args.ausgabe.suffix.lower() == ".docx" and args.bericht == "jahresbericht"
    if args.ausgabe.suffix.lower() != ".pdf" and not als_docx:
        raise ValueError(f"{args.ausgabe}: bitte .pdf als Endung angeben"
                         + (" (oder .docx)." if args.bericht == "jahresbericht" else "."))
    gebiete = Gebiete.laden()
    daten = Berichtsdaten.laden(oeffne_ablage(gebiete), gebiete, args.datenstand)
    # der Jahresbericht gilt dem Jahr des Familienzentrums, nicht einem Jahr der Kennzahlen
    angaben = {"jahr": (args.jahr or berichtsjahre()[0]) if args.bericht == "jahresbericht" else daten.jahr(args.jahr)}
    if args.bericht == "gemeindeprofil":
        ags = gebiete.normalisiere_ags(args.gemeinde)
        if ags not in set(gebiete.gemeinden["ags"]):
            raise ValueError(f"„{args.gemeinde}“ ist keine Gemeinde des Kreises {gebiete.kreis}.")
        angaben["gemeinden"] = [ags]
    elif args.bericht == "gemeinden":
        angaben["gemeinden"] = gebiete.gemeinden.sort_values("name")["ags"].tolist()
    inhalt = berichte.erzeugen("gemeindeprofil" if args.bericht == "gemeinden" else args.bericht, daten,
                               "docx" if als_docx else "pdf", fortschritt=_melden, **angaben)
    args.ausgabe.write_bytes(inhalt)
    print(f"{args.ausgabe} geschrieben ({len(inhalt) // 1024} KB, {time.monotonic() - start:.1f} s).")


def _melden(erledigt: int, gesamt: int, was: str) -> None:
    if gesamt > 2:  # ein einzelnes Profil braucht keine Fortschrittsanzeige
        print(f"[{erledigt + 1}/{gesamt}] {was}", file=sys.stderr, flush=True)


def anmelden(befehle) -> None:
    b = befehle.add_parser("bericht", help="Berichte als PDF (getaggt, A4): Gemeindeprofil, alle Gemeinden, "
                                           "Sozialbericht, Jahresbericht des Familienzentrums")
    arten = b.add_subparsers(required=True, metavar="BERICHT", dest="bericht")
    for name, hilfe in (("gemeindeprofil", "eine Gemeinde auf einer A4-Seite"),
                        ("gemeinden", "alle Gemeinden, je eine Seite"),
                        ("sozialbericht", "Sozialbericht des Kreises, mehrere Seiten"),
                        ("jahresbericht", "Jahresbericht des Familienzentrums")):
        a = arten.add_parser(name, help=hilfe)
        if name == "gemeindeprofil":
            a.add_argument("--gemeinde", required=True, help="AGS der Gemeinde")
        a.add_argument("--jahr", type=int, help="Berichtsjahr (Vorgabe: das jüngste)")
        a.add_argument("--datenstand", type=int, help="Nummer des Datenstands (Vorgabe: der aktive)")
        a.add_argument("--ausgabe", type=Path, required=True,
                       help="Ziel, DATEI.pdf" + (" oder DATEI.docx (zum Weiterschreiben)" if name == "jahresbericht"
                                                  else ""))
        a.set_defaults(befehl=_ausfuehren)
