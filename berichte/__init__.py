"""Berichte als barrierearmes PDF (PDF/UA-1, getaggt) aus dem, was Leser sehen dürfen: ohne Streamlit, für Seite
und Kommandozeile gleich. HTML-Vorlagen (Jinja2, jeder Text maskiert) setzt WeasyPrint auf A4."""

import importlib

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
