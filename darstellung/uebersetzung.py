"""Der Wegweiser in den Sprachen der Familien: Deutsch, Leichte Sprache, Englisch, Arabisch (von rechts nach links),
Türkisch, Ukrainisch, Russisch und Polnisch.

Die Texte stehen als gettext-Kataloge in darstellung/sprachen/<kennung>.po (Deutsch ist die Quelle und hat keinen);
Babel liest sie samt Pluralregeln und kennt Schreibrichtung und Sprachnamen (CLDR). Neue Texte: siehe README,
Abschnitt „Übersetzungen“. Leichte Sprache hat keinen Sprachcode; sie heißt hier „ls“ und ist im Dokument Deutsch.
"""

import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from angebote import alter, katalog
from darstellung.maskierung import html

ORDNER = Path(__file__).with_name("sprachen")
SPRACHEN = ("de", "ls", "en", "ar", "tr", "uk", "ru", "pl")
LEICHT = "ls"

# Begriffe aus dem Katalog, die Leser sehen; sie werden wie jeder Text übersetzt (gleiche Schreibweise als msgid)
BEGRIFFE = (*katalog.HANDLUNGSFELDER, *katalog.LEBENSPHASEN, *katalog.ZUGAENGE, *katalog.KOSTEN,
            *katalog.BARRIEREFREI, *katalog.ARTEN, *(b.name for b in katalog.BEDARFE))


QUELLEN = ("pages/angebote.py", "darstellung/wegweiser.py", "darstellung/uebersetzung.py")  # mit _() und n_()


def alle_texte() -> dict[str, str | None]:
    """Jeder Text des Wegweisers, der übersetzt wird: msgid -> Plural-msgid (oder None). Aus den Quellen gelesen
    (Babel, Schlüsselwörter _ und n_) und die Begriffe des Katalogs dazu."""
    from babel.messages.extract import extract_from_file
    wurzel = Path(__file__).resolve().parent.parent
    texte: dict[str, str | None] = {}
    for quelle in QUELLEN:
        for _zeile, text, _k, _c in extract_from_file("python", wurzel / quelle, keywords={"_": None, "n_": (1, 2)}):
            einzahl, mehrzahl = (text, None) if isinstance(text, str) else text
            texte[einzahl] = mehrzahl
    from darstellung.wegweiser import FELDER
    return texte | {b: None for b in (*BEGRIFFE, *(name for _f, name in FELDER)) if b not in texte}


@dataclass(frozen=True)
class Sprache:
    kennung: str
    _: Callable[[str], str]  # gettext
    n_: Callable[[str, str, int], str]  # ngettext

    def begriff(self, wert: str) -> str:
        """Ein Begriff aus dem Katalog (BEGRIFFE) oder eine Überschrift; übersetzt wie Text."""
        return self._(wert)

    @property
    def html_lang(self) -> str:
        return "de" if self.kennung == LEICHT else self.kennung

    @property
    def richtung(self) -> str:
        return Locale.parse(self.html_lang).text_direction

    @property
    def babel(self) -> str:
        """Für Sprachnamen und Zahlen (Leichte Sprache: Deutsch)."""
        return self.html_lang


def seitenmarke(s: Sprache) -> str:
    """Für st.html: Sprache, Schreibrichtung und Streamlits eigene Wörter (Sprunglink, Hilfe, Auswahl) in der Sprache
    der Seite; dokument.js setzt sie ins Dokument. Nur Text aus den Katalogen, als Attribut maskiert."""
    texte = {"springen": s._("Zum Hauptinhalt springen"), "hilfe": s._("Hilfe zu"),
             "ueberschrift": s._("Link zu dieser Überschrift"), "waehlen": s._("Bitte wählen")}
    return (f'<span hidden data-seitensprache="{html(s.html_lang)}" data-richtung="{html(s.richtung)}" '
            f'data-texte="{html(json.dumps(texte, ensure_ascii=False))}"></span>')


def name(kennung: str) -> str:
    """Der Name einer Sprache in ihr selbst, für die Auswahl: „العربية“, „Türkçe“, „Leichte Sprache“."""
    if kennung == LEICHT:
        return "Leichte Sprache"
    eigen = Locale.parse(kennung).get_display_name(kennung) or kennung
    return eigen[:1].upper() + eigen[1:]


@cache
def sprache(kennung: str) -> Sprache:
    """Die Übersetzung einer der SPRACHEN (Unbekanntes: Deutsch)."""
    uebersetzung: NullTranslations = NullTranslations()
    if kennung in SPRACHEN and kennung != "de":
        with (ORDNER / f"{kennung}.po").open("rb") as datei:
            katalog_ = read_po(datei, locale=None if kennung == LEICHT else kennung)
        mo = io.BytesIO()
        write_mo(mo, katalog_)
        mo.seek(0)
        uebersetzung = Translations(mo)
    else:
        kennung = "de"
    return Sprache(kennung, uebersetzung.gettext, uebersetzung.ngettext)


def aus_browser(accept_language: str) -> str:
    """Die erste der SPRACHEN, die der Browser wünscht (Kopfzeile Accept-Language, nach Gewicht), sonst Deutsch."""
    gewuenscht = []
    for teil in accept_language[:500].split(","):
        code, _, gewicht = teil.strip().partition(";q=")
        try:
            q = float(gewicht) if gewicht else 1.0
        except ValueError:
            continue
        if code and q > 0:
            gewuenscht.append((q, code.strip()))
    vorhanden = [s for s in SPRACHEN if s != LEICHT]
    for _, code in sorted(gewuenscht, key=lambda g: -g[0]):
        try:
            treffer = Locale.negotiate([code], vorhanden, sep="-") or Locale.negotiate(
                [code.split("-")[0]], vorhanden, sep="-")
        except (UnknownLocaleError, ValueError):
            continue
        if treffer:
            return str(treffer)
    return "de"


def altersangabe(s: Sprache, monate: int) -> str:
    """„2 Jahre“, „18 Monate“ oder „Schwangerschaft“ in der Sprache des Lesers."""
    if monate < 0:
        return s._("Schwangerschaft")
    if monate % 12 == 0 and monate >= 24:
        return s.n_("{n} Jahr", "{n} Jahre", monate // 12).format(n=monate // 12)
    return s.n_("{n} Monat", "{n} Monate", monate).format(n=monate)


def altersbereich(s: Sprache, angebot: dict) -> str:
    """„2 Jahre bis 6 Jahre“, „ab 6 Monate“ oder „bis 3 Jahre“; leer ohne Alter."""
    von, bis = alter.lies(angebot.get("alter_von", "")), alter.lies(angebot.get("alter_bis", ""))
    if von is not None and bis is not None:
        return s._("{von} bis {bis}").format(von=altersangabe(s, von), bis=altersangabe(s, bis))
    if von is not None:
        return s._("ab {von}").format(von=altersangabe(s, von))
    if bis is not None:
        return s._("bis {bis}").format(bis=altersangabe(s, bis))
    return ""
