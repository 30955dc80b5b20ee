"""Das Dokument um die Seiten: Sprache, Titel und deutsche Beschriftungen der Bedienelemente von Streamlit,
Plotly und Leaflet.

Streamlit schreibt `<html lang="en">` fest in seine index.html und beschriftet Upload-Feld, Passwortauge und
Werkzeugleisten englisch. Ohne Proxy erreicht man das Dokument nur mit einem Skript in der Seite (st.html mit
JavaScript, nicht in einem iframe); es ist statisch und enthält keine Daten.
"""

from functools import cache
from pathlib import Path

from darstellung.maskierung import html
from indikatoren.einlesen.tabelle_lesen import HOECHSTGROESSE


@cache
def skript() -> str:
    """<script> für st.html(…, unsafe_allow_javascript=True); die Upload-Grenze ist die der Prüfung."""
    js = (Path(__file__).with_name("dokument.js")).read_text(encoding="utf-8")
    return f"<script>{js.replace('__HOECHSTE_MB__', str(HOECHSTGROESSE // 1024 // 1024))}</script>"


def linkfeld(link: str) -> str:
    """Der Link zur Ansicht als Textfeld mit Knopf „Link kopieren“ (für st.html ohne Skript: den Knopf bedient
    dokument.js). Statt st.code, das für einen Link einen 1,5 MB schweren Syntax-Hervorheber lädt."""
    return (f'<div class="ansichtslink"><label for="ansichtslink">Link zu dieser Ansicht</label>'
            f'<input id="ansichtslink" type="text" readonly value="{html(link)}">'
            f'<button type="button" data-kopieren="ansichtslink">Link kopieren</button></div>')


def titel(seite: str, kreis: str) -> str:
    """Der Fenstertitel: je Seite ein eigener, damit Tabs, Verlauf und Screenreader sie unterscheiden."""
    return f"{seite} – Sozialplanung {kreis}"
