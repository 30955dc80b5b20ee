"""Zahlen in deutscher Schreibweise (2.411; 16,8 %) und kaufmännisch gerundet, für Meldungen und Anzeige."""

from decimal import ROUND_HALF_UP, Decimal


def runde(wert: float, stellen: int) -> float:
    """Kaufmännisch (5 aufwärts), nicht wie Pythons round(), das zur geraden Ziffer rundet."""
    return float(Decimal(repr(float(wert))).quantize(Decimal(1).scaleb(-stellen), rounding=ROUND_HALF_UP))


def zahl(wert, stellen: int = 0) -> str:
    """2411 -> „2.411“, 16.75 (stellen=1) -> „16,8“."""
    text = f"{runde(wert, stellen):,.{stellen}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def prozent(wert, stellen: int = 1) -> str:
    return f"{zahl(wert, stellen)} %"
