"""Berichte als barrierearmes PDF (PDF/UA-1, getaggt) aus dem, was Leser sehen dürfen: ohne Streamlit, für Seite
und Kommandozeile gleich. HTML-Vorlagen (Jinja2, jeder Text maskiert) setzt WeasyPrint auf A4."""

import importlib
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

BERICHTE = {"gemeindeprofil": "Gemeindeprofil", "sozialbericht": "Sozialbericht",
            "jahresbericht": "Jahresbericht Familienzentrum"}  # Modul -> Name


def pdf(bericht: str, daten, **angaben) -> bytes:
    """Einen Bericht setzen; das Modul (und mit ihm WeasyPrint und matplotlib) wird erst jetzt geladen."""
    return erzeugen(bericht, daten, "pdf", **angaben)


def erzeugen(bericht: str, daten, als: str = "pdf", **angaben) -> bytes:
    """Einen Bericht als „pdf“ oder, wo es das gibt (Jahresbericht), als „docx“."""
    if bericht not in BERICHTE:
        raise ValueError(f"Unbekannter Bericht „{bericht}“.")
    modul = importlib.import_module(f"berichte.{bericht}")
    if not hasattr(modul, als):
        raise ValueError(f"{BERICHTE[bericht]} gibt es nicht als {als.upper()}.")
    return getattr(modul, als)(daten, **angaben)


def website(daten, ordner, adresse: str | None = None, fortschritt=lambda *_: None):
    """Die statische Website (berichte/website.py) eines Datenstands; lädt WeasyPrint und matplotlib erst jetzt."""
    return importlib.import_module("berichte.website").bauen(daten, ordner, adresse, fortschritt=fortschritt)


def website_in_eigenem_prozess(datenstand: int, ordner: Path, adresse: str | None = None
                               ) -> Iterator[tuple[int, int, str]]:
    """Für die Datenpflege: die Website in einem eigenen Prozess bauen (python -m indikatoren veroeffentlichen
    --website), damit der Server weiter antwortet und die Arbeitsprozesse nicht aus ihm abzweigen. Liefert den
    Fortschritt (erledigt, gesamt, was); RuntimeError mit der Meldung, wenn der Lauf scheitert."""
    befehl = [sys.executable, "-m", "indikatoren", "veroeffentlichen", "--datenstand", str(datenstand),
              "--website", str(ordner), *(["--adresse", adresse] if adresse else [])]
    with subprocess.Popen(befehl, cwd=Path(__file__).resolve().parent.parent, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True) as prozess:
        assert prozess.stderr is not None
        letzte: list[str] = []
        for zeile in prozess.stderr:
            if treffer := re.match(r"\[(\d+)/(\d+)\] (.*)", zeile):
                yield int(treffer[1]), int(treffer[2]), treffer[3]
            else:
                letzte = [*letzte[-4:], zeile.strip()]
        if prozess.wait() != 0:
            raise RuntimeError(" ".join(letzte) or "Die Website ließ sich nicht bauen.")
