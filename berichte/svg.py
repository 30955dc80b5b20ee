"""Bausteine der schlichten SVG-Bilder (Karte, Diagramme): wie breit ein Text in DejaVu Sans ist, der Schrift der
Berichte, wie eine Fußnote in eine Breite umbricht, Textelemente, Bilder als data:-Adresse und ihre Größe. Gemessen
statt geschätzt, damit Namen, Werte und Achsen ihren Platz bekommen und nichts überdeckt; Browser ohne DejaVu nehmen
Verdana mit fast denselben Maßen."""

import base64
import importlib.util
import re
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

SCHRIFTART = "DejaVu Sans, Verdana, sans-serif"


@lru_cache(maxsize=2)
def _schrift(fett: bool):
    from PIL import ImageFont  # Pillow kommt mit matplotlib und WeasyPrint

    # matplotlib liefert DejaVu Sans mit; so hängt das Maß nicht an den Schriften des Rechners
    ordner = Path(importlib.util.find_spec("matplotlib").origin).parent / "mpl-data" / "fonts" / "ttf"
    return ImageFont.truetype(str(ordner / ("DejaVuSans-Bold.ttf" if fett else "DejaVuSans.ttf")), 1000)


@lru_cache(maxsize=8192)
def breite(text: str, groesse: float, fett: bool = False) -> float:
    """Breite von `text` in Schriftgröße `groesse` (beides in denselben Einheiten, etwa px)."""
    return _schrift(fett).getlength(text) * groesse / 1000


def umbrechen(text: str, platz: float, groesse: float, fett: bool = False) -> list[str]:
    """Zeilen, von denen keine breiter als `platz` ist (ein einzelnes zu langes Wort steht allein)."""
    zeilen, aktuell = [], ""
    for wort in text.split():
        laenger = f"{aktuell} {wort}".strip()
        if aktuell and breite(laenger, groesse, fett) > platz:
            zeilen.append(aktuell)
            aktuell = wort
        else:
            aktuell = laenger
    return zeilen + ([aktuell] if aktuell else [])


def text(x: float, y: float, inhalt: str, **attribute) -> str:
    """Ein <text>-Element; der Inhalt bleibt Text (maskiert), Attribute mit _ heißen mit - (text_anchor)."""
    weitere = "".join(f" {k.replace('_', '-')}={quoteattr(str(v))}" for k, v in attribute.items() if v is not None)
    return f'<text x="{x:.1f}" y="{y:.1f}"{weitere}>{escape(inhalt)}</text>'


def datenadresse(bild: str) -> str:
    """Ein SVG als data:-Adresse für <img> (dessen alt-Text WeasyPrint als Alternativtext der Abbildung taggt)."""
    return "data:image/svg+xml;base64," + base64.b64encode(bild.encode()).decode()


def als_text(adresse: str) -> str:
    """Das SVG einer data:-Adresse als Text, für eine eigene Datei."""
    return base64.b64decode(adresse.split(",", 1)[1]).decode()


def pixelgroesse(bild: str) -> tuple[int, int]:
    """Breite und Höhe eines SVG (Text oder data:-Adresse) in CSS-Pixeln (1 pt = 4/3 px): für width/height am <img>,
    damit die Seite den Platz schon vor dem Bild freihält und nichts springt."""
    kopf = als_text(bild)[:2000] if bild.startswith("data:") else bild[:2000]
    breite, hoehe = (round(float(m[1]) * (4 / 3 if m[2] == "pt" else 1))
                     for m in (re.search(rf'{seite}="([\d.]+)(pt|px)?"', kopf) for seite in ("width", "height")))
    return breite, hoehe
