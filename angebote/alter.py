"""Das Alter, für das ein Angebot gedacht ist, in Monaten: aus „2“, „2 Jahre“, „1,5 Jahre“, „18 Monate“ oder
„Schwangerschaft“ (vor der Geburt: negative Monate). Aus dem Alter folgen die Lebensphasen, und eine Familie sucht
mit dem Alter ihres Kindes statt mit einer Phase.

Die Lebensphasen in Monaten (katalog.LEBENSPHASEN): „rund um die Geburt“ von der Schwangerschaft bis zum ersten
Geburtstag, „0-3“ bis zum dritten Geburtstag, „3-6“, „6-10“ entsprechend, „10-18“ bis zum 18. Geburtstag.
"""

import re

from angebote import katalog

VOR_DER_GEBURT = -9  # Beginn der Schwangerschaft, in Monaten vor der Geburt
HOECHSTES = 27 * 12  # junge Erwachsene bis 27 (SGB VIII); mehr ist ein Tippfehler
PHASEN_MONATE = {"rund um die Geburt": (VOR_DER_GEBURT, 11), "0-3": (0, 35), "3-6": (36, 71), "6-10": (72, 119),
                 "10-18": (120, 215)}
_SCHWANGER = ("schwangerschaft", "vor der geburt", "schwanger")
_ZAHL = re.compile(r"^(\d{1,3}(?:[.,]\d{1,2})?)\s*(jahre?n?|j\.?|monate?n?|mon\.?|m\.?)?$")


def lies(text: str) -> int | None:
    """Monate aus einer Angabe; None für leer; ValueError mit deutschem Satz, wenn es kein Alter ist."""
    t = " ".join(text.strip().casefold().split())
    if not t:
        return None
    if t in _SCHWANGER:
        return VOR_DER_GEBURT
    treffer = _ZAHL.match(t)
    if not treffer:
        raise ValueError(f"„{text[:40]}“ ist kein Alter; erwartet wie „2“ oder „2 Jahre“, „18 Monate“ oder "
                         "„Schwangerschaft“.")
    zahl = float(treffer.group(1).replace(",", "."))
    monate = round(zahl) if (treffer.group(2) or "j").startswith("m") else round(zahl * 12)
    if monate > HOECHSTES:
        raise ValueError(f"„{text[:40]}“ ist älter als {HOECHSTES // 12} Jahre; Monate bitte mit „Monate“ angeben.")
    return monate


def als_text(monate: int) -> str:
    """Die gespeicherte Form: „Schwangerschaft“, „18 Monate“ (unter 2 Jahren oder krumm) oder „3 Jahre“."""
    if monate < 0:
        return "Schwangerschaft"
    if monate % 12 == 0 and monate >= 24:
        return f"{monate // 12} Jahre"
    return f"{monate} Monate" if monate != 1 else "1 Monat"


def phasen(von: int | None, bis: int | None) -> tuple[str, ...]:
    """Die Lebensphasen, die der Bereich von…bis berührt (ohne bis: bis 18, ohne von: ab der Schwangerschaft)."""
    unten, oben = VOR_DER_GEBURT if von is None else von, HOECHSTES if bis is None else bis
    return tuple(p for p in katalog.LEBENSPHASEN if PHASEN_MONATE[p][0] <= oben and unten <= PHASEN_MONATE[p][1])


def passt(angebot: dict, monate: int) -> bool:
    """Ist ein Angebot für ein Kind dieses Alters? Mit eigenem Alter gilt es (Grenzen eingeschlossen), sonst seine
    Lebensphasen."""
    von, bis = lies(angebot.get("alter_von", "")), lies(angebot.get("alter_bis", ""))
    if von is not None or bis is not None:
        return (von is None or von <= monate) and (bis is None or monate <= bis)
    return any(PHASEN_MONATE[p][0] <= monate <= PHASEN_MONATE[p][1] for p in katalog.phasen(angebot["lebensphasen"])
               if p in PHASEN_MONATE)
