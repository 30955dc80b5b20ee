"""Listen als Datei: lesen (CSV oder XLSX, wie die Kennzahlen-Tabelle), die Prüfungen, die jede Liste braucht,
und Export samt Vorlage, die jede Spalte erklärt. Was eine einzelne Liste zusätzlich verlangt (Lage im Kreis,
bekannte Gemeinde), prüft ihr eigenes Modul.

Zeilennummern sind die aus Excel (Kopfzeile = 1): die Tabellen hier tragen sie als Index.
"""

import io

import pandas as pd

from indikatoren.einlesen.export import entschaerft, tabelle_entschaerft, zurueck
from indikatoren.einlesen.tabelle_lesen import STEUERZEICHEN, lese_tabelle
from indikatoren.grundlagen.listenarten import KENNUNG, Listenart, als_text
from indikatoren.grundlagen.meldungen import Meldung, UngueltigeDatei

REGELN = (
    "Eine Zeile je Eintrag; die Kopfzeile ist Zeile 1. Die Datei ersetzt die ganze Liste: wer fehlt, ist im neuen "
    "Stand entfernt (frühere Stände bleiben erhalten).",
    "id: leer lassen für einen neuen Eintrag (er bekommt beim Speichern eine Kennung); eine vorhandene Kennung "
    "nie ändern, sonst gilt der Eintrag als entfernt und neu.",
    "CSV mit Semikolon, Komma oder Tabulator, UTF-8 oder Windows-1252; XLSX: erstes Blatt. Höchstens 20 MB.",
)


def lies(inhalt: bytes, datei: str, art: Listenart, leer_erlaubt: bool = False) -> pd.DataFrame:
    """Die Datei als Text je Spalte der Liste (fehlende freie Spalten leer), Index = Zeilennummer. Nur die
    Sicherung darf eine leere Liste enthalten (ein gespeicherter Stand ohne Zeilen)."""
    roh = lese_tabelle(inhalt, datei)
    fehlend = [f.name for f in art.felder if f.pflicht and f.name not in roh.kopf]
    if fehlend:
        raise UngueltigeDatei([Meldung(datei, f"Die Pflichtspalte „{s}“ fehlt.", 1, s) for s in fehlend])
    if not roh.zeilen and not leer_erlaubt:
        raise UngueltigeDatei([Meldung(datei, "Die Datei enthält nur die Kopfzeile, aber keine Einträge.")])
    breite = len(roh.kopf)
    zeilen = [dict(zip(roh.kopf, (z + [""] * breite)[:breite])) for _, z in roh.zeilen]
    return pd.DataFrame([{s: z.get(s, "") for s in ("id", *art.spalten)} for z in zeilen],
                        index=[nr for nr, _ in roh.zeilen])


def aus_editor(tabelle: pd.DataFrame, art: Listenart) -> pd.DataFrame:
    """Eine im Browser bearbeitete Tabelle wie eine Datei: Text, Zeilennummern ab 2."""
    return als_text(tabelle, art).set_axis(range(2, len(tabelle) + 2))


def bereinigt(tabelle: pd.DataFrame) -> pd.DataFrame:
    """Text ohne Rand-Leerzeichen, Formel-Apostroph eines Exports abgenommen; Index bleibt."""
    return tabelle.astype(object).fillna("").astype(str).map(lambda w: zurueck(w.strip()))


def grundfehler(tabelle: pd.DataFrame, art: Listenart, datei: str) -> list[Meldung]:
    """Was in jeder Liste falsch sein kann: Steuerzeichen, Überlänge, fehlende Pflicht, nicht erlaubter Wert,
    doppelte oder zu lange Kennung."""
    fehler = []
    for nr, z in tabelle.iterrows():
        for f in (KENNUNG, *art.felder):
            wert, laenge = z[f.name], f.hoechstlaenge or art.hoechstlaenge
            if STEUERZEICHEN.search(wert):
                text = "Die Zelle enthält ein unsichtbares Steuerzeichen; bitte entfernen."
            elif len(wert) > laenge:
                text = f"Der Text ist {len(wert)} Zeichen lang; erlaubt sind {laenge}."
            elif f.pflicht and not wert:
                text = "Pflichtangabe fehlt; bitte ausfüllen."
            elif f.erlaubt and wert and wert not in f.erlaubt:
                text = f"„{wert}“ ist nicht erlaubt ({', '.join(f.erlaubt)})."
            else:
                continue
            fehler.append(Meldung(datei, text, nr, f.name))
    kennungen = tabelle["id"][tabelle["id"] != ""]
    fehler += [Meldung(datei, f"Die Kennung „{k}“ kommt mehrfach vor.", nr, "id")
               for nr, k in kennungen[kennungen.duplicated(keep=False)].items()]
    return fehler


def erlaeuterung(art: Listenart) -> pd.DataFrame:
    zeilen = [("id", "nein", f"{KENNUNG.bedeutung} Beispiel: {art.praefix}001.", "")]
    zeilen += [(f.name, "ja" if f.pflicht else "nein", f.bedeutung, ", ".join(f.erlaubt)) for f in art.felder]
    return pd.DataFrame(zeilen, columns=["spalte", "pflicht", "bedeutung", "erlaubte Werte"])


def als_csv(tabelle: pd.DataFrame, art: Listenart) -> bytes:
    """Die Liste (Spalten in fester Reihenfolge) als Semikolon-CSV in UTF-8, Formeln entschärft."""
    text = als_text(tabelle, art).map(entschaerft)
    return text.to_csv(sep=";", index=False, lineterminator="\n").encode("utf-8")


def als_xlsx(tabelle: pd.DataFrame, art: Listenart) -> bytes:
    """Erstes Blatt die Liste (leer: Vorlage), zweites die Erläuterung jeder Spalte und die Regeln."""
    puffer = io.BytesIO()
    liste = tabelle_entschaerft(als_text(tabelle, art), fuer_xlsx=True)
    with pd.ExcelWriter(puffer, engine="openpyxl") as mappe:
        liste.to_excel(mappe, sheet_name="Liste", index=False)
        text = erlaeuterung(art)
        text.to_excel(mappe, sheet_name="Erläuterung", index=False)
        pd.DataFrame({"Regeln": REGELN}).to_excel(mappe, sheet_name="Erläuterung", index=False,
                                                   startrow=len(text) + 2)
        blatt = mappe.book["Liste"]
        for zeile in blatt.iter_rows():
            for zelle in zeile:
                zelle.number_format = "@"  # Kennungen, AGS und Daten bleiben Text
        blatt.freeze_panes = "B2"
        for spalte, breite in zip("ABCD", (16, 8, 100, 60)):
            mappe.book["Erläuterung"].column_dimensions[spalte].width = breite
    return puffer.getvalue()
