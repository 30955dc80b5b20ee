"""Prüft die Listen des Jahresberichts wie jede Liste (Pflicht, erlaubte Werte, Länge, Steuerzeichen, Kennungen)
und dazu Zahlen und Daten; jede Meldung nennt Datei (mit Blatt), Zeile und Spalte."""

from datetime import date

import pandas as pd

from familienzentrum import katalog
from indikatoren.einlesen import listendatei
from indikatoren.einlesen.pruefung import lies_datum
from indikatoren.grundlagen.listenarten import Listenart
from indikatoren.grundlagen.meldungen import Meldung, UngueltigeDatei
from indikatoren.grundlagen.zahlenformat import ist_ganzzahl, lies_dezimal

ERSTES_JAHR = 2025  # das Familienzentrum Alfeld öffnete am 29.03.2025


def berichtsjahre(heute: date | None = None) -> list[int]:
    """Jahre, für die es einen Jahresbericht geben kann, das letzte abgeschlossene zuerst, das laufende zuletzt."""
    jahr = (heute or date.today()).year
    return [*range(jahr - 1, ERSTES_JAHR - 1, -1), jahr]


def pruefe(art: Listenart, tabelle: pd.DataFrame, datei: str, heute: date | None = None) -> pd.DataFrame:
    """Index = Zeilennummer; gibt die Liste als bereinigten Text zurück (Beträge mit Punkt, Daten ISO)."""
    text = listendatei.bereinigt(tabelle.reindex(columns=["id", *art.spalten]))
    heute = heute or date.today()
    fehler = listendatei.grundfehler(text, art, datei)
    for nr in text.index:
        zeile = text.loc[nr].to_dict()
        fehler += [Meldung(datei, meldung, nr, spalte) for spalte, meldung in _zeilenfehler(art, zeile, heute)]
        text.loc[nr] = zeile
    if fehler:
        raise UngueltigeDatei(sorted(fehler, key=lambda m: m.zeile or 0))
    return text.reset_index(drop=True)


def _zeilenfehler(art: Listenart, z: dict, heute: date) -> list[tuple[str, str]]:
    fehler = []
    if "jahr" in z and z["jahr"] and not (ist_ganzzahl(z["jahr"]) and ERSTES_JAHR <= int(z["jahr"]) <= heute.year):
        fehler.append(("jahr", f"„{z['jahr']}“ ist kein Berichtsjahr ({ERSTES_JAHR} bis {heute.year})."))
    if art == katalog.KONTAKTE and z["monat"] and not (ist_ganzzahl(z["monat"]) and 1 <= int(z["monat"]) <= 12):
        fehler.append(("monat", f"„{z['monat']}“ ist kein Monat (1 bis 12)."))
    for spalte in ("anzahl", "teilnehmende"):
        if spalte in z and z[spalte] and not ist_ganzzahl(z[spalte].replace(".", "")):
            fehler.append((spalte, f"„{z[spalte]}“ ist keine ganze Zahl ab 0."))
        elif spalte in z and z[spalte]:
            z[spalte] = str(int(z[spalte].replace(".", "")))
    if art == katalog.VERANSTALTUNGEN and z["datum"]:
        tag = lies_datum(z["datum"], False)
        if tag is None or not date(ERSTES_JAHR, 1, 1) <= tag <= heute:
            fehler.append(("datum", f"„{z['datum']}“ ist kein Tag zwischen {ERSTES_JAHR} und heute (JJJJ-MM-TT)."))
        else:
            z["datum"] = tag.isoformat()
    if art == katalog.KOSTEN:
        fehler += _betraege(z)
    return fehler


def _betraege(z: dict) -> list[tuple[str, str]]:
    """Plan und Ist in Euro (15,50 oder 15.50; ohne Tausenderpunkt), nie negativ; als Text mit Punkt gespeichert."""
    fehler = []
    for spalte in ("plan", "ist"):
        if not z[spalte]:
            continue
        betrag = lies_dezimal(z[spalte].replace("€", ""))
        if betrag is None or betrag < 0:
            fehler.append((spalte, f"„{z[spalte]}“ ist kein Betrag in Euro (etwa 600 oder 149,90)."))
        else:
            z[spalte] = f"{betrag:.2f}"
    return fehler
