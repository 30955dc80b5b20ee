"""Benchmark der Upload-Leser mit großen, aber gültigen Dateien, wie ein Angreifer oder ein Landesamt sie schickt:
eine XLSX knapp unter 20 MB (gepackt) und eine CSV, mit Zeit und Spitzenspeicher je Datei (CPU und Speicher des
Leseprozesses von calamine zählen mit). Zum Vergleich im selben Lauf: dieselbe große XLSX mit openpyxl (read_only),
dem früheren Leser. Gibt Zahlen aus, prüft keine Grenzen (die Grenzen stehen in
indikatoren/einlesen/tabelle_lesen.py). Aufruf aus dem Projektordner:
    python bench/uploads.py
"""

import io
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJEKT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJEKT))


def xlsx(zeilen: int, spalten: int, text: bool = False) -> bytes:
    """Eine Mappe mit zufälligen Zahlen (oder lauter verschiedenen Texten: die landen in sharedStrings.xml, die
    openpyxl ganz in den Speicher liest), geschrieben wie Excel (openpyxl, write_only)."""
    import numpy as np
    import openpyxl

    mappe = openpyxl.Workbook(write_only=True)
    blatt = mappe.create_sheet("Tabelle1")
    blatt.append(["ags", "jahr", *[f"spalte_{i}" for i in range(spalten - 2)]])
    zufall = np.random.default_rng(1)
    for i in range(zeilen):
        werte = zufall.integers(0, 10**9, spalten - 2).tolist()
        blatt.append([f"{i:08d}", 2024, *([f"Text {w} in Zeile {i}" for w in werte] if text else werte)])
    puffer = io.BytesIO()
    mappe.save(puffer)
    return puffer.getvalue()


FRUEHER = ("import io, openpyxl\n"  # der frühere Leser, zum Vergleich
           "m=openpyxl.load_workbook(io.BytesIO(d), read_only=True, data_only=True)\n"
           "n=sum(1 for _ in m.worksheets[0].iter_rows(values_only=True))\n"
           "e=f'{n} Zeilen gelesen (openpyxl, früherer Leser)'")


def messen(name: str, inhalt: bytes, lesen: str = "") -> None:
    """Liest die Datei in einem eigenen Prozess (Spitzenspeicher je Datei) und gibt CPU (mit dem Leseprozess),
    Wanduhr, Speicher und Ergebnis aus. `lesen`: anderer Lesecode (Variable d → Text e) statt lese_tabelle."""
    datei = Path(tempfile.gettempdir()) / f"bench_upload_{name}"
    datei.write_bytes(inhalt)
    code = (f"import sys,time,resource; sys.path.insert(0, {str(PROJEKT)!r})\n"
            "from indikatoren.einlesen.tabelle_lesen import lese_tabelle\n"
            "from indikatoren.grundlagen.meldungen import UngueltigeDatei\n"
            f"d=open({str(datei)!r},'rb').read(); t=time.process_time(); w=time.perf_counter()\n"
            "try:\n    e=f'{len(lese_tabelle(d, \"x\").zeilen)} Zeilen gelesen'\n"
            "except UngueltigeDatei as f:\n    e='abgelehnt: '+str(f)[:90]\n" if not lesen else
            f"import sys,time,resource\nd=open({str(datei)!r},'rb').read(); t=time.process_time(); "
            f"w=time.perf_counter()\n{lesen}\n")
    code += ("k=resource.getrusage(resource.RUSAGE_CHILDREN)\n"
             "m=max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, k.ru_maxrss)//1024\n"
             "print(f'{time.process_time()-t+k.ru_utime+k.ru_stime:.1f} s CPU, {time.perf_counter()-w:.1f} s, "
             "{m} MB, '+e)")
    aus = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
    print(f"{name:<34} {len(inhalt) / 1024 / 1024:>6.1f} MB  {aus.stdout.strip() or aus.stderr.strip()[-200:]}")
    datei.unlink()


def main() -> None:
    start = time.perf_counter()
    for zeilen, spalten, text in ((20_000, 40, False), (60_000, 40, False), (250_000, 8, False), (40_000, 20, True)):
        messen(f"xlsx_{zeilen}x{spalten}{'_text' if text else ''}.xlsx", xlsx(zeilen, spalten, text))
    messen("xlsx_60000x40.xlsx (früher)", xlsx(60_000, 40), FRUEHER)
    messen("csv_19mb.csv", b"ags;jahr;bev_u15;nef_u15\n" + b"03254002;2024;2411;402\n" * 800_000)
    messen("csv_150000.csv", b"ags;jahr;bev_u15;nef_u15\n" + b"03254002;2024;2411;402\n" * 150_000)
    print(f"(gesamt {time.perf_counter() - start:.0f} s; Spitzenspeicher dieses Prozesses "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB)")


if __name__ == "__main__":
    main()
