"""Die Sprachen, in denen ein Angebot stattfindet (Spalte `sprachen`, wie Menschen sie schreiben: „Arabisch,
Türkisch“), als Sprachkennungen: so lassen sie sich als Auswahl anbieten und in der Sprache des Lesers nennen
(„Arabic“, „العربية“). Namen und Kennungen kommen aus den CLDR-Daten von Babel; ein Name, den CLDR nicht kennt
(etwa „Gebärdensprache“), bleibt, wie er dasteht.
"""

import re
from functools import cache

from babel import Locale

_TRENNER = re.compile(r"\s*(?:,|;|/|\bund\b|\band\b)\s*", re.IGNORECASE)


@cache
def _verzeichnis() -> dict[str, str]:
    """kleingeschriebener Name (deutsch, englisch) oder Kennung -> Kennung."""
    eintraege = {}
    for sprache in ("en", "de"):  # deutsch zuletzt: gewinnt bei gleichem Namen
        for kennung, name in Locale(sprache).languages.items():
            if "_" not in kennung and len(kennung) <= 3:
                eintraege[name.casefold()] = kennung
    return eintraege | {k: k for k in set(eintraege.values())}


def kennungen(zelle: str) -> tuple[str, ...]:
    """„Arabisch, türkisch und Englisch“ -> ("ar", "tr", "en"); Unbekanntes bleibt als Text."""
    teile = [t.strip() for t in _TRENNER.split(zelle or "") if t.strip()]
    return tuple(dict.fromkeys(_verzeichnis().get(t.casefold(), t) for t in teile))


def name(kennung: str, sprache: str = "de") -> str:
    """Der Name einer Sprache in der Sprache des Lesers (Kennung wie „ar“); Unbekanntes unverändert."""
    return Locale.parse(sprache).languages.get(kennung, kennung) if kennung in _verzeichnis() else kennung


def vorhandene(zellen) -> list[str]:
    """Alle Sprachen einer Spalte `sprachen`, jede einmal, nach ihrem deutschen Namen."""
    return sorted({k for z in zellen for k in kennungen(z)}, key=lambda k: name(k).casefold())
