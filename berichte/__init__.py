"""Berichte als barrierearmes PDF (PDF/UA-1, getaggt) aus dem, was Leser sehen dürfen: ohne Streamlit, für Seite
und Kommandozeile gleich. HTML-Vorlagen (Jinja2, jeder Text maskiert) setzt WeasyPrint auf A4."""
