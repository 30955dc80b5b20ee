"""Prüft eine Angebotsliste (CSV oder XLSX, wie die Kennzahlen-Tabelle gelesen) vollständig: jede Meldung nennt
Datei, Zeile (Kopfzeile = 1) und Spalte, auf Deutsch; gespeichert wird nur eine ganz gültige Liste."""

from datetime import date

import pandas as pd

from angebote import katalog
from indikatoren.export import zurueck
from indikatoren.gebiete import Gebiete
from indikatoren.meldungen import Meldung, UngueltigeDatei
from indikatoren.pruefung import lies_datum
from indikatoren.tabelle_lesen import STEUERZEICHEN, lese_tabelle

HOECHSTE_TEXTLAENGE = 2000  # je Zelle; eine Beschreibung ist kürzer


def lies_angebote(inhalt: bytes, datei: str, gebiete: Gebiete, heute: date | None = None) -> pd.DataFrame:
    """Die Liste als Text (Spalten katalog.NAMEN, AGS normalisiert); wirft UngueltigeDatei mit allen Fehlern."""
    roh = lese_tabelle(inhalt, datei)
    fehlend = [s.name for s in katalog.SPALTEN if s.pflicht and s.name not in roh.kopf]
    if fehlend:
        raise UngueltigeDatei([Meldung(datei, f"Die Pflichtspalte „{s}“ fehlt.", 1, s) for s in fehlend])
    if not roh.zeilen:
        raise UngueltigeDatei([Meldung(datei, "Die Datei enthält nur die Kopfzeile, aber keine Angebote.")])
    breite = len(roh.kopf)
    zeilen = [dict(zip(roh.kopf, (z + [""] * breite)[:breite])) for _, z in roh.zeilen]
    tabelle = pd.DataFrame([{n: zurueck(str(z.get(n, "")).strip()) for n in katalog.NAMEN} for z in zeilen])
    fehler = []
    for i, (nr, _) in enumerate(roh.zeilen):
        zeile = tabelle.loc[i].to_dict()
        fehler += [Meldung(datei, text, nr, spalte) for spalte, text in _zeilenfehler(zeile, gebiete,
                                                                                      heute or date.today())]
        tabelle.loc[i, ["gemeinde", "bestaetigt_am"]] = [zeile["gemeinde"], zeile["bestaetigt_am"]]
    ids = tabelle["id"][tabelle["id"] != ""]
    for nr, kennung in zip([nr for nr, _ in roh.zeilen], tabelle["id"]):
        if kennung and (ids == kennung).sum() > 1:
            fehler.append(Meldung(datei, f"Die Kennung „{kennung}“ kommt mehrfach vor.", nr, "id"))
    if fehler:
        raise UngueltigeDatei(sorted(fehler, key=lambda m: m.zeile or 0))
    return tabelle


def _zeilenfehler(z: dict, gebiete: Gebiete, heute: date) -> list[tuple[str, str]]:
    """(Spalte, Meldung) je Problem; normalisiert nebenbei AGS und Datum in `z`."""
    fehler = []
    for spalte in katalog.SPALTEN:
        wert = z[spalte.name]
        if STEUERZEICHEN.search(wert):
            fehler.append((spalte.name, "Die Zelle enthält ein unsichtbares Steuerzeichen; bitte entfernen."))
        elif len(wert) > HOECHSTE_TEXTLAENGE:
            fehler.append((spalte.name, f"Der Text ist {len(wert)} Zeichen lang; erlaubt sind {HOECHSTE_TEXTLAENGE}."))
        elif spalte.pflicht and not wert:
            fehler.append((spalte.name, f"„{spalte.name}“ fehlt (Pflicht)."))
        elif spalte.erlaubt and wert and wert not in spalte.erlaubt:
            fehler.append((spalte.name, f"„{wert}“ ist nicht erlaubt ({', '.join(spalte.erlaubt)})."))
    if z["lebensphasen"]:
        unbekannt = [p for p in katalog.phasen(z["lebensphasen"]) if p not in katalog.LEBENSPHASEN]
        if unbekannt or not katalog.phasen(z["lebensphasen"]):
            fehler.append(("lebensphasen", f"Unbekannte Lebensphase „{', '.join(unbekannt)}“; erlaubt sind "
                                           f"{', '.join(katalog.LEBENSPHASEN)} (mit „{katalog.TRENNER}“ getrennt) "
                                           f"oder „{katalog.ALLE_PHASEN}“."))
    if z["gemeinde"] and z["gemeinde"] != katalog.KREISWEIT:
        ags = gebiete.normalisiere_ags(z["gemeinde"])
        if ags is None or ags not in set(gebiete.gemeinden["ags"]):
            fehler.append(("gemeinde", f"„{z['gemeinde']}“ ist keine Gemeinde des Kreises {gebiete.kreis} "
                                       f"(AGS mit 8 Stellen oder „{katalog.KREISWEIT}“)."))
        else:
            z["gemeinde"] = ags
    if z["bestaetigt_am"]:
        tag = lies_datum(z["bestaetigt_am"], False)
        if tag is None:
            fehler.append(("bestaetigt_am", f"„{z['bestaetigt_am']}“ ist kein Datum (JJJJ-MM-TT)."))
        elif tag > heute:
            fehler.append(("bestaetigt_am", f"Das Datum {tag:%d.%m.%Y} liegt in der Zukunft."))
        else:
            z["bestaetigt_am"] = tag.isoformat()
    return fehler
