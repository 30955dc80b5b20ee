"""Baut aus Ergebnissen des Kerns, was Seiten zeigen (Tabellen, Texte); ohne Streamlit, damit testbar."""
