"""Liest eine hochgeladene Tabelle (CSV oder XLSX) als Text-Zellen, ohne sie schon zu deuten.

Alle Zellen bleiben Text, damit die Prüfung führende Nullen, „*“ und „2.411“ selbst beurteilen kann.
"""

import csv
import io
import json
import re
import subprocess
import sys
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from indikatoren.einlesen import mappenleser, zipdatei
from indikatoren.grundlagen.meldungen import Meldung, UngueltigeDatei
from indikatoren.grundlagen.zahlenformat import zahl

HOECHSTGROESSE = 20 * 1024 * 1024
# XLSX: entpackt höchstens 100 MB (eine Tabelle aller Gemeinden Deutschlands mit 50 Spalten hat etwa 30 MB XML)
XLSX_GRENZEN = zipdatei.Grenzen(teile=10_000, teilgroesse=100 * 1024 * 1024, gesamt=100 * 1024 * 1024,
                                packdichte=200)
HOECHSTE_ZEILEN = 200_000
HOECHSTE_SPALTEN = 1_000
HOECHSTE_ZELLEN = 10_000_000  # je Blatt einer Arbeitsmappe, leere mitgezählt (etwa 0,4 GB beim Lesen)
TRENNZEICHEN = {";": "Semikolon", ",": "Komma", "\t": "Tabulator"}
STEUERZEICHEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # Tabulator und Zeilenumbruch sind erlaubt


@dataclass(frozen=True)
class RohTabelle:
    datei: str
    kopf: list[str]
    zeilen: list[tuple[int, list[str]]]  # (Zeilennummer wie in Excel, Zellen)


def lese_tabelle(inhalt: bytes, datei: str) -> RohTabelle:
    """Erkennt XLSX, Kodierung und Trennzeichen; wirft UngueltigeDatei mit deutscher Meldung."""
    return als_rohtabelle(lese_zellen(inhalt, datei), datei)


def als_rohtabelle(alle: list[list[str]], datei: str) -> RohTabelle:
    """Zeile 1 ist der Kopf (wie in der Vorlage)."""
    def fehler(text):
        return UngueltigeDatei([Meldung(datei, text)])

    kopf, zeilen = alle[0], _nummeriert(alle[1:])
    kopf = [k.strip().lower() for k in kopf]
    while kopf and kopf[-1] == "" and all(len(z) < len(kopf) or z[len(kopf) - 1] == "" for _, z in zeilen):
        kopf.pop()  # leere Spalten am rechten Rand, wie Excel sie gern anhängt
    if not any(kopf):
        raise fehler("Die erste Zeile muss die Spaltennamen enthalten, ist aber leer.")
    return RohTabelle(datei, kopf, zeilen)


def lese_zellen(inhalt: bytes, datei: str) -> list[list[str]]:
    """Alle Zeilen des ersten Blatts (oder der CSV-Datei) als Text-Zellen, Zeile 1 zuerst, nie leer."""
    def fehler(text):
        return UngueltigeDatei([Meldung(datei, text)])

    if len(inhalt) == 0:
        raise fehler("Die Datei ist leer.")
    if len(inhalt) > HOECHSTGROESSE:
        raise fehler(f"Die Datei ist {zahl(len(inhalt) / 1024 / 1024, 1)} MB groß; erlaubt sind höchstens 20 MB.")
    if inhalt.startswith(b"PK\x03\x04"):
        alle = next(iter(xlsx_blaetter(inhalt, fehler, nur_erstes=True).values()), [])
        if not alle:
            raise fehler("Das erste Tabellenblatt ist leer.")
        return alle
    if inhalt.startswith(b"\xd0\xcf\x11\xe0"):
        return _xls(inhalt, fehler)
    return _csv(_text(inhalt, fehler), fehler)


def _xls(inhalt: bytes, fehler) -> list[list[str]]:
    """Das alte Excel-Format (.xls, Excel 97–2003), wie manche Ämter es noch liefern: erstes Blatt, begrenzt wie
    XLSX."""
    def mit_rat(text):
        return fehler(f"{text} Bitte als .xlsx oder CSV speichern.")

    zeilen = next(iter(arbeitsmappe(inhalt, mit_rat, "Excel-Arbeitsmappe im alten Format .xls", True).values()), [])
    if not zeilen:
        raise fehler("Das erste Tabellenblatt ist leer.")
    return zeilen


def _text(inhalt: bytes, fehler) -> str:
    if inhalt.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise fehler("Die Zeichenkodierung ist UTF-16, erlaubt sind UTF-8 und Windows-1252; "
                     "bitte als „CSV UTF-8“ speichern.")
    if b"\x00" in inhalt[:4096]:
        raise fehler("Die Datei ist weder eine Textdatei (CSV) noch eine XLSX-Arbeitsmappe.")
    try:
        return inhalt.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return inhalt.decode("cp1252")
    except UnicodeDecodeError as e:
        raise fehler(f"Die Zeichenkodierung ist weder UTF-8 noch Windows-1252 (Byte {e.start + 1} ist "
                     "ungültig); bitte als „CSV UTF-8“ speichern.") from None


def _csv(text: str, fehler) -> list[list[str]]:
    """Das Trennzeichen ist das häufigste der ersten Zeilen: die Vorlage hat es schon in Zeile 1, die Ämter erst
    nach einigen Titelzeilen (in denen auch Kommas stehen können)."""
    zeilen = text.split("\n", 30)[:30]
    zeichen = max(TRENNZEICHEN, key=lambda z: sum(zeile.count(z) for zeile in zeilen))
    if not any(zeichen in zeile for zeile in zeilen):
        zeichen = ";"  # eine Spalte oder ein fremdes Trennzeichen: die Prüfung meldet fehlende Spalten
    alle: list[list[str]] = []
    try:
        for zeile in csv.reader(io.StringIO(text, newline=""), delimiter=zeichen):
            if len(alle) >= HOECHSTE_ZEILEN or len(zeile) > HOECHSTE_SPALTEN:
                raise fehler(f"Die Datei hat mehr als {zahl(HOECHSTE_ZEILEN)} Zeilen oder {zahl(HOECHSTE_SPALTEN)} "
                             "Spalten; so große Tabellen liest das Dashboard nicht.")
            alle.append(zeile)
    except csv.Error as e:
        raise fehler(f"Die CSV-Datei ist fehlerhaft ({e}).") from None
    if not alle:
        raise fehler("Die Datei enthält keine Zeilen.")
    return alle


def xlsx_blaetter(inhalt: bytes, fehler, nur_erstes: bool = False) -> dict[str, list[list[str]]]:
    """Die Blätter einer XLSX-Mappe als Text-Zellen (Titel → Zeilen), begrenzt: erst das ZIP-Verzeichnis (zipdatei),
    keine DTD, und es muss eine XLSX-Mappe sein (keine OpenDocument- oder XLSB-Datei mit falscher Endung); dann liest
    `arbeitsmappe`. Jeder Fehler wird eine deutsche Meldung."""
    try:
        teile = zipdatei.verzeichnis(inhalt, "", XLSX_GRENZEN, "XLSX-Arbeitsmappe")
        with zipfile.ZipFile(io.BytesIO(inhalt)) as archiv:  # eine Arbeitsmappe aus Excel hat keine DTD
            if any(b"<!DOCTYPE" in archiv.open(t).read(2048) for t in teile if t.filename.endswith((".xml", ".rels"))):
                raise fehler("Die XLSX-Datei enthält eine XML-Dokumenttypdefinition (DTD, etwa mit Entitäten), die "
                             "keine Tabelle aus Excel oder LibreOffice hat; sie wird nicht geöffnet.")
    except UngueltigeDatei as e:
        raise fehler(e.meldungen[0].text) from None
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as e:
        raise fehler(f"Die Datei ist keine lesbare XLSX-Arbeitsmappe ({type(e).__name__}).") from None
    if "xl/workbook.xml" not in {t.filename for t in teile}:
        raise fehler("Die Datei ist eine ZIP-Datei, aber keine XLSX-Arbeitsmappe (etwa eine OpenDocument-Tabelle "
                     "oder XLSB); bitte in Excel oder LibreOffice als .xlsx speichern.")
    return arbeitsmappe(inhalt, fehler, "XLSX-Arbeitsmappe", nur_erstes)


# Grenzen des Leseprozesses (gemessen in bench/uploads.py: 60.000 Zeilen × 40 Spalten brauchen etwa 0,3 GB)
SPEICHER = 1024**3
RECHENZEIT_S = 60


def arbeitsmappe(inhalt: bytes, fehler, was: str, nur_erstes: bool) -> dict[str, list[list[str]]]:
    """Liest die Mappe mit calamine in einem eigenen Prozess (mappenleser: warum, steht dort) mit höchstens SPEICHER
    Bytes und RECHENZEIT_S Sekunden; ein Abbruch dort ist hier eine deutsche Meldung, kein Absturz des Servers."""
    befehl = [sys.executable, "-I", str(Path(mappenleser.__file__)), str(SPEICHER), str(RECHENZEIT_S),
              str(int(nur_erstes)), str(HOECHSTE_ZEILEN), str(HOECHSTE_SPALTEN), str(HOECHSTE_ZELLEN)]
    try:
        lauf = subprocess.run(befehl, input=inhalt, capture_output=True, env={}, timeout=2 * RECHENZEIT_S)
        ergebnis = json.loads(lauf.stdout) if lauf.returncode == 0 else None
    except (subprocess.TimeoutExpired, ValueError):
        ergebnis = None
    if not isinstance(ergebnis, dict):
        raise fehler(f"Die {was} ließ sich nicht in den Grenzen des Dashboards lesen (höchstens "
                     f"{zahl(SPEICHER / 1024**3)} GB Speicher und {RECHENZEIT_S} Sekunden): vermutlich reicht ein "
                     "Blatt über sehr viele leere Zellen, oder die Datei ist beschädigt. Bitte die benutzten Zellen in "
                     "eine neue Mappe kopieren oder als CSV speichern.")
    if "zu_gross" in ergebnis:
        titel, hoehe, breite = ergebnis["zu_gross"]
        raise fehler(f"Das Blatt „{titel}“ reicht bis Zeile {zahl(hoehe)} und Spalte {zahl(breite)}; das Dashboard "
                     f"liest höchstens {zahl(HOECHSTE_ZEILEN)} Zeilen, {zahl(HOECHSTE_SPALTEN)} Spalten und "
                     f"{zahl(HOECHSTE_ZELLEN)} Zellen je Blatt.")
    if "fehler" in ergebnis:
        raise fehler(f"Die Datei ist keine lesbare {was} ({ergebnis['fehler']}).")
    return {titel: zeilen for titel, zeilen in ergebnis["blaetter"]}


def _nummeriert(zeilen: list[list[str]]) -> list[tuple[int, list[str]]]:
    """Zeilennummern wie in Excel (Kopf = 1); ganz leere Zeilen fallen weg, zählen aber mit."""
    return [(nr, z) for nr, z in enumerate(zeilen, start=2) if any(str(w).strip() for w in z)]


def datei_lesen(pfad: Path) -> bytes:
    """Inhalt einer Datei; OSError mit verständlicher Meldung."""
    try:
        return pfad.read_bytes()
    except OSError as fehler:
        raise OSError(f"{pfad}: Datei nicht lesbar ({fehler.strerror}).") from None
