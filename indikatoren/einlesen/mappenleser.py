"""Liest eine Excel-Arbeitsmappe (XLSX oder das alte .xls) mit calamine als Text-Zellen – als eigenes Programm, das
tabelle_lesen mit Speicher- und Zeitgrenze startet: Bytes auf stdin, JSON auf stdout.

Warum ein eigener Prozess: calamine (Rust) liest eine große Mappe zehnmal schneller als openpyxl, reserviert aber
Speicher nach Angaben der Datei. Eine Mappe von 5 KB mit Zellen in A1 und XFD1048576 verlangt 512 GB, eine erfundene
Zahl geteilter Texte ebenso; ein Rust-Programm bricht dann ab, statt einen Fehler zu melden. Hier trifft das nur
diesen Prozess. Er importiert nichts vom Projekt, läuft ohne Umgebungsvariablen (also ohne Geheimnisse) und gibt nur
Text zurück, nie ein Python-Objekt.
"""

import io
import json
import resource
import sys
import zipfile
from datetime import date, datetime


def text(wert) -> str:
    """Eine Zelle als Text, wie ein Mensch sie liest: ganze Zahlen ohne „.0“, Tage ohne Uhrzeit (ISO)."""
    if wert is None:
        return ""
    if isinstance(wert, bool):
        return str(wert)
    if isinstance(wert, float) and wert.is_integer():
        return str(int(wert))
    if isinstance(wert, datetime):
        return wert.date().isoformat() if wert.time() == datetime.min.time() else wert.isoformat()
    if isinstance(wert, date):
        return wert.isoformat()
    return str(wert)


def lesen(inhalt: bytes, nur_erstes: bool, zeilen: int, spalten: int, zellen: int) -> dict:
    """{"blaetter": [[Titel, Zeilen], …]} ab Zelle A1, nur Tabellenblätter (keine Diagrammblätter), oder
    {"zu_gross": [Titel, Zeilen, Spalten]}, oder {"fehler": Art des Fehlers von calamine}.

    calamine liest Fehlerzellen („#DIV/0!“, „#NV“) als leer; die Prüfung soll sie aber nennen, statt still eine
    fehlende Zahl anzunehmen. Eine XLSX mit Fehlerzellen liest darum openpyxl (langsamer, gleich begrenzt)."""
    if inhalt.startswith(b"PK") and _hat_fehlerzellen(inhalt):
        return _mit_openpyxl(inhalt, nur_erstes, zeilen, spalten, zellen)
    from python_calamine import CalamineWorkbook, SheetTypeEnum

    try:
        mappe = CalamineWorkbook.from_filelike(io.BytesIO(inhalt))
        titel = [b.name for b in mappe.sheets_metadata if b.typ == SheetTypeEnum.WorkSheet]
        blaetter = []
        for name in titel[:1] if nur_erstes else titel:
            blatt = mappe.get_sheet_by_name(name)
            hoehe, breite = (blatt.end[0] + 1, blatt.end[1] + 1) if blatt.end else (0, 0)
            if hoehe > zeilen or breite > spalten or hoehe * breite > zellen:
                return {"zu_gross": [name, hoehe, breite]}
            werte = blatt.to_python(skip_empty_area=False)
            for nr, zeile in enumerate(werte):
                werte[nr] = [text(w) for w in zeile]
            blaetter.append([name, werte])
    except MemoryError:
        raise  # über der Grenze: der Aufrufer meldet es wie einen Abbruch
    except Exception as e:  # calamine meldet kaputte Dateien mit eigenen Klassen; der Name genügt dem Aufrufer
        return {"fehler": type(e).__name__}
    return {"blaetter": blaetter}


def _hat_fehlerzellen(inhalt: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(inhalt)) as mappe:
        return any(b' t="e"' in mappe.read(t) for t in mappe.namelist()
                   if t.startswith("xl/worksheets/") and t.endswith(".xml"))


def _mit_openpyxl(inhalt: bytes, nur_erstes: bool, zeilen: int, spalten: int, zellen: int) -> dict:
    import openpyxl

    try:
        mappe = openpyxl.load_workbook(io.BytesIO(inhalt), read_only=True, data_only=True)
        blaetter = []
        for blatt in mappe.worksheets[:1] if nur_erstes else mappe.worksheets:
            werte = []
            for nr, zeile in enumerate(blatt.iter_rows(values_only=True), start=1):
                if nr > zeilen or len(zeile) > spalten or nr * len(zeile) > zellen:
                    return {"zu_gross": [blatt.title, nr, len(zeile)]}
                werte.append([text(w) for w in zeile])
            blaetter.append([blatt.title, werte])
    except MemoryError:
        raise
    except Exception as e:  # openpyxl und sein XML-Parser melden Fehler mit vielen eigenen Klassen
        return {"fehler": type(e).__name__}
    return {"blaetter": blaetter}


def main(argumente: list[str]) -> None:
    speicher, sekunden, nur_erstes, zeilen, spalten, zellen = (int(a) for a in argumente)
    resource.setrlimit(resource.RLIMIT_AS, (speicher, speicher))
    resource.setrlimit(resource.RLIMIT_CPU, (sekunden, sekunden))
    ergebnis = lesen(sys.stdin.buffer.read(), bool(nur_erstes), zeilen, spalten, zellen)
    sys.stdout.write(json.dumps(ergebnis))


if __name__ == "__main__":
    main(sys.argv[1:])
