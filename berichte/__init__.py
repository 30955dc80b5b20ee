"""Berichte als barrierearmes PDF (PDF/UA-1, getaggt) aus dem, was Leser sehen dürfen: ohne Streamlit, für Seite
und Kommandozeile gleich. HTML-Vorlagen (Jinja2, jeder Text maskiert) setzt WeasyPrint auf A4."""

import importlib

BERICHTE = {"gemeindeprofil": "Gemeindeprofil", "sozialbericht": "Sozialbericht",
            "jahresbericht": "Jahresbericht Familienzentrum"}  # Modul -> Name


def pdf(bericht: str, daten, **angaben) -> bytes:
    """Einen Bericht setzen; das Modul (und mit ihm WeasyPrint und matplotlib) wird erst jetzt geladen."""
    if bericht not in BERICHTE:
        raise ValueError(f"Unbekannter Bericht „{bericht}“.")
    return importlib.import_module(f"berichte.{bericht}").pdf(daten, **angaben)
