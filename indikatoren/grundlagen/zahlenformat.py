"""Zahlen in deutscher Schreibweise (2.411; 16,8 %) und kaufmännisch gerundet, für Meldungen und Anzeige;
dazu das Lesen von Zahlen aus Dateien und Links, bei dem nur ASCII-Ziffern zählen (nicht „²“, „٣“, „３“,
die Pythons isdigit() und float() als Ziffern nähmen)."""

import math
import re
from decimal import ROUND_HALF_UP, Decimal

_DEZIMAL = re.compile(r"[+-]?[0-9]+([.,][0-9]+)?")


def ist_ganzzahl(text: str) -> bool:
    """Nur ASCII-Ziffern, mindestens eine."""
    return text.isascii() and text.isdigit()


def lies_dezimal(text: str) -> float | None:
    """„5“, „15,5“, „-3.25“ -> Zahl; alles andere (auch „inf“, „nan“, „1e9“, „٣“) -> None."""
    text = text.strip()
    if not _DEZIMAL.fullmatch(text):
        return None
    wert = float(text.replace(",", "."))
    return wert if math.isfinite(wert) else None


def runde(wert: float, stellen: int) -> float:
    """Kaufmännisch (5 aufwärts), nicht wie Pythons round(), das zur geraden Ziffer rundet."""
    return float(Decimal(repr(float(wert))).quantize(Decimal(1).scaleb(-stellen), rounding=ROUND_HALF_UP))


def zahl(wert, stellen: int = 0) -> str:
    """2411 -> „2.411“, 16.75 (stellen=1) -> „16,8“."""
    text = f"{runde(wert, stellen):,.{stellen}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def prozent(wert, stellen: int = 1) -> str:
    return f"{zahl(wert, stellen)}\u00a0%"  # geschütztes Leerzeichen: „%“ bricht nie allein um
