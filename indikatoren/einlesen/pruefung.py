"""Prüft eine Kennzahlen-Tabelle vollständig und liefert sie geprüft – oder alle Fehler auf einmal.

Regeln: README, Abschnitt „Die Kennzahlen-Tabelle“. Jede Meldung nennt Datei, Zeile (Kopfzeile = 1) und Spalte.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from indikatoren.einlesen import amtliche_tabelle
from indikatoren.einlesen.export import TEXTSPALTEN, zurueck
from indikatoren.einlesen.tabelle_lesen import STEUERZEICHEN, als_rohtabelle, lese_zellen
from indikatoren.einlesen.tabellenaufbau import Uebersetzung
from indikatoren.einlesen.zuordnung import Profil
from indikatoren.grundlagen import katalog
from indikatoren.grundlagen.gebiete import Gebiete
from indikatoren.grundlagen.kennzahlen import Kennzahlen, aus_spalten
from indikatoren.grundlagen.meldungen import Meldung, UngueltigeDatei
from indikatoren.grundlagen.spalten import ANZAHLEN, ARTEN, KOPF, NACH_NAME, QUELLE_ZUM_STICHTAG
from indikatoren.grundlagen.zahlenformat import ist_ganzzahl, zahl

HOECHSTZAHL_MELDUNGEN = 200
_NUR_BESCHREIBEND = ("ags", "name", "quelle", "quelle_sgb2", "quelle_bev", "art")  # eine Zeile nur damit ist leer
_TAUSENDER = re.compile(r"^[0-9]{1,3}(\.[0-9]{3})+$")
_ISO = re.compile(r"^(?P<j>[0-9]{4})-(?P<m>[0-9]{1,2})(-(?P<t>[0-9]{1,2}))?$")
_DEUTSCH = re.compile(r"^((?P<t>[0-9]{1,2})\.)?(?P<m>[0-9]{1,2})[./](?P<j>[0-9]{4})$")

# Beziehungen zwischen Zählgrößen, die jede Zeile erfüllen muss: (Teile, Ganzes, Begründung).
_BEZIEHUNGEN = tuple(
    ((i.zaehler,), i.nenner, f"der Zähler von „{i.titel}“ darf den Nenner nicht übersteigen")
    for i in katalog.INDIKATOREN
) + (
    (("nef_u15",), "lb", "NEF unter 15 sind ein Teil aller Leistungsberechtigten"),
    (("elb",), "lb", "ELB sind ein Teil aller Leistungsberechtigten"),
    (("nef_u15", "elb"), "lb", "NEF unter 15 und ELB zusammen sind ein Teil aller Leistungsberechtigten"),
    (("bev_u15",), "bev_u_rag", "Kinder unter 15 sind ein Teil der Bevölkerung unter der Regelaltersgrenze"),
    (("bev_u3", "bev_3_6", "bev_6_15"), "bev_u15", "die Altersgruppen sind Teile der Kinder unter 15"),
    (("nef_u3", "nef_3_6", "nef_6_15"), "nef_u15", "die Altersgruppen sind Teile der NEF unter 15"),
)


@dataclass
class Pruefergebnis:
    kennzahlen: Kennzahlen
    hinweise: list[Meldung] = field(default_factory=list)
    spalten: frozenset[str] = frozenset()  # die Spalten, die die Datei wirklich hat (Ergänzen: nur diese ersetzen)
    teilweise: bool = False  # Tabelle eines Amts ohne Zähler und Nenner eines Indikators: ergänzt nur einen Stand
    uebersetzung: Uebersetzung | None = None  # bei einer Tabelle eines Amts: erkannter Aufbau und Zuordnung


def pruefe_datei(inhalt: bytes, datei: str, gebiete: Gebiete, quelle: str = "", art: str = "amtlich",
                 profile: Sequence[Profil] = (), profil: str | None = None) -> Pruefergebnis:
    """Liest und prüft; wirft UngueltigeDatei mit allen Fehlern, wenn auch nur einer gefunden wurde. `profile` und
    `profil`: gespeicherte Spaltenprofile und das gewählte (amtliche_tabelle.uebersetzen)."""
    if art not in ARTEN:
        raise ValueError(f"art muss eine von {', '.join(ARTEN)} sein, nicht „{art}“.")
    zellen = lese_zellen(inhalt, datei)
    amtlich = amtliche_tabelle.ist_amtlich(zellen)
    if profil is not None and not amtlich:
        raise UngueltigeDatei([Meldung(datei, f"Die Datei hat die Form der Vorlage (Spalte ags in Zeile 1); ein "
                                              f"Spaltenprofil („{profil}“) gilt nur für Tabellen der Ämter.")])
    uebersetzt = amtliche_tabelle.uebersetzen(zellen, datei, gebiete, profile, profil) if amtlich else None
    if uebersetzt is None:
        return _Pruefung(als_rohtabelle(zellen, datei), gebiete, quelle, art).ausfuehren()
    pruefung = _Pruefung(uebersetzt.tabelle, gebiete, quelle, art, teilweise=uebersetzt.teilweise)
    pruefung.hinweise += [Meldung(datei, h) for h in uebersetzt.hinweise]
    ergebnis = pruefung.ausfuehren()
    ergebnis.uebersetzung = uebersetzt
    return ergebnis


class _Pruefung:
    def __init__(self, roh, gebiete, quelle, art, teilweise=False):
        self.roh, self.gebiete, self.quelle, self.art = roh, gebiete, quelle, art
        self.teilweise = teilweise  # eine Tabelle eines Amts, die nur ergänzen kann (Pruefergebnis.teilweise)
        self.fehler: list[Meldung] = []
        self.hinweise: list[Meldung] = []
        self.standard_stichtag: set[str] = set()
        self.ags_spalte = "ags"  # oder „gebiet“

    def _fehler(self, text, zeile=None, spalte=None):
        self.fehler.append(Meldung(self.roh.datei, text, zeile, spalte))

    def _hinweis(self, text, zeile=None, spalte=None):
        self.hinweise.append(Meldung(self.roh.datei, text, zeile, spalte))

    def ausfuehren(self) -> Pruefergebnis:
        spalten = self._kopf()
        if not self.roh.zeilen:
            self._fehler("Die Datei enthält nur die Kopfzeile, aber keine Datenzeile.")
        if not self.roh.zeilen or "ags" not in spalten or "jahr" not in spalten:
            raise UngueltigeDatei(self.fehler)
        if not katalog.verfuegbar(spalten) and not self.teilweise:
            self._fehler("Die Datei enthält für keinen Indikator beide Spalten (Zähler und Nenner, z. B. nef_u15 "
                         "und bev_u15); so ließe sich nichts berechnen.", 1)
        self._steuerzeichen()
        zeilen, geheim = self._zeilen(spalten)
        self._doppelte(zeilen)
        self._beziehungen(zeilen, geheim)
        if self.fehler:
            self.fehler.sort(key=lambda m: (m.zeile or 0))
            if len(self.fehler) > HOECHSTZAHL_MELDUNGEN:
                rest = len(self.fehler) - HOECHSTZAHL_MELDUNGEN
                self.fehler = self.fehler[:HOECHSTZAHL_MELDUNGEN]
                self._fehler(f"… und {zahl(rest)} weitere Fehler.")
            raise UngueltigeDatei(self.fehler)
        merkmale = [s for s in ANZAHLEN if s in spalten]
        tabelle = pd.DataFrame(zeilen, columns=list(KOPF) + merkmale)
        maske = pd.DataFrame(geheim, columns=merkmale, dtype=bool)
        return Pruefergebnis(aus_spalten(tabelle, maske), self.hinweise, frozenset(spalten), self.teilweise)

    def _steuerzeichen(self):
        """Unsichtbare Steuerzeichen (außer Tabulator, Zeilenumbruch) machen Exporte und Anzeige kaputt."""
        for nr, zellen in [(1, self.roh.kopf)] + self.roh.zeilen:
            for pos, zelle in enumerate(zellen):
                if STEUERZEICHEN.search(str(zelle)):
                    spalte = self.roh.kopf[pos] if pos < len(self.roh.kopf) and self.roh.kopf[pos] else f"Nr. {pos + 1}"
                    self._fehler("Die Zelle enthält ein unsichtbares Steuerzeichen; bitte entfernen.", nr, spalte)

    # --- Kopfzeile -------------------------------------------------------------------------------
    def _kopf(self) -> dict[str, int]:
        """Spaltenname -> Position, nur bekannte Spalten."""
        spalten: dict[str, int] = {}
        for pos, name in enumerate(self.roh.kopf):
            if name == "":
                if any(pos < len(z) and z[pos].strip() for _, z in self.roh.zeilen):
                    self._hinweis(f"Die {pos + 1}. Spalte hat keinen Namen und wird ignoriert.", 1)
            elif name in spalten or (name == "gebiet" and "ags" in spalten):
                self._fehler(f"Die Spalte „{name}“ kommt doppelt vor"
                             + (" (ags und gebiet sind dieselbe Spalte)." if name in ("ags", "gebiet") else "."), 1,
                             name)
            elif name == "gebiet":  # Sozialräume: die Kennung in „gebiet“ statt in „ags“
                spalten["ags"], self.ags_spalte = pos, "gebiet"
            elif name in NACH_NAME:
                spalten[name] = pos
            elif (aehnlich := _aehnlichster(name)) is not None:
                self._fehler(f"Unbekannte Spalte „{name}“ – meinten Sie {aehnlich}?", 1, name)
            else:
                self._hinweis(f"Unbekannte Spalte „{name}“ wird ignoriert.", 1, name)
        for pflicht in (s.name for s in NACH_NAME.values() if s.pflicht):
            if pflicht not in spalten:
                text = f"Die Pflichtspalte „{pflicht}“ fehlt."
                if len(self.roh.kopf) == 1:
                    text += (" Die Kopfzeile hat nur eine Spalte: Trennzeichen nicht erkannt; erlaubt sind "
                             "Semikolon, Komma und Tabulator.")
                self._fehler(text, 1, pflicht)
        return spalten

    # --- Zellen ----------------------------------------------------------------------------------
    def _zeilen(self, spalten):
        zeilen, geheim = [], []
        merkmale = [s for s in ANZAHLEN if s in spalten]
        breite = len(self.roh.kopf)
        leer = []
        for nr, zellen in self.roh.zeilen:
            if len(zellen) != breite and not (len(zellen) > breite and not any(w.strip() for w in zellen[breite:])):
                self._fehler(f"Die Zeile hat {len(zellen)} Felder, die Kopfzeile {breite} "
                             "(falsches Trennzeichen oder fehlende Anführungszeichen?).", nr)
                continue
            wert = {name: zellen[pos].strip() for name, pos in spalten.items()}
            for text in TEXTSPALTEN:  # von export.entschaerft: „'=…“ war „=…“
                if text in wert:
                    wert[text] = zurueck(wert[text])
            if not any(v for k, v in wert.items() if k not in _NUR_BESCHREIBEND):
                leer.append(nr)  # etwa die vorausgefüllten Gebiete der Vorlage
                continue
            ags = self._ags(wert["ags"], nr)
            jahr = self._jahr(wert["jahr"], nr)
            zeile = {
                "ags": ags,
                "name": wert.get("name") or (self.gebiete.name(ags) if ags else ""),
                "jahr": jahr,
                "stichtag_sgb2": self._stichtag(wert.get("stichtag_sgb2", ""), jahr, nr, "stichtag_sgb2"),
                "stichtag_bev": self._stichtag(wert.get("stichtag_bev", ""), jahr, nr, "stichtag_bev"),
                "quelle": wert.get("quelle") or self.quelle,
                "art": self._art(wert.get("art", ""), nr),
            }
            for stichtag, spalte in QUELLE_ZUM_STICHTAG.items():  # Quelle je Art, nur wo die Datei solche Zahlen hat
                art_da = any(NACH_NAME[m].stichtag == stichtag for m in merkmale)
                zeile[spalte] = wert.get(spalte) or (zeile["quelle"] if art_da else "")
            maske = {}
            for s in merkmale:
                zeile[s], maske[s] = self._anzahl(wert[s], nr, s)
            zeile["_nr"] = nr
            zeilen.append(zeile)
            geheim.append(maske)
        if leer:
            nummern = ", ".join(map(str, leer[:10])) + (" …" if len(leer) > 10 else "")
            self._hinweis(f"{len(leer)} Zeilen nennen nur ein Gebiet und sonst nichts (Zeile {nummern}), etwa "
                          "unausgefüllte Zeilen der Vorlage; sie werden übergangen.")
        if not self.quelle and not all(z["quelle"] for z in zeilen):
            self._hinweis("Keine Quelle angegeben (Spalte quelle oder Angabe beim Einlesen); "
                          "die Zahlen erscheinen als „Quelle nicht angegeben“.")
        for s in sorted(self.standard_stichtag if not self.teilweise else ()):  # ergänzt: der andere Stichtag bleibt
            standard = "Dezember des Jahres" if s == "stichtag_sgb2" else "31.12. des Jahres"
            self._hinweis(f"Wo {s} fehlt, gilt als Stichtag: {standard}.", spalte=s)
        return zeilen, geheim

    def _ags(self, text, nr):
        if not text:
            self._fehler("Der AGS fehlt.", nr, self.ags_spalte)
            return None
        ags = self.gebiete.normalisiere_ags(text)
        if ags is None:
            sozialraeume = ", die Sozialräume" if len(self.gebiete.sozialraeume) else ""
            self._fehler(f"Unbekannter AGS „{text}“: erlaubt sind die Gemeinden und Gemeindeverbände des Kreises "
                         f"{self.gebiete.kreis}{sozialraeume}, der Kreis selbst, das Land {self.gebiete.land} und DG "
                         f"(Schlüssel, Schlüssel mit Name oder eindeutiger Name).{self.gebiete.vorschlag(text)}",
                         nr, self.ags_spalte)
        return ags

    def _jahr(self, text, nr):
        bis = date.today().year + 1
        if not ist_ganzzahl(text) or not 1990 <= int(text) <= bis:
            self._fehler(f"Das Jahr „{text}“ ist ungültig: erwartet wird eine Jahreszahl von 1990 bis {bis}.",
                         nr, "jahr")
            return None
        return int(text)

    def _stichtag(self, text, jahr, nr, spalte):
        if jahr is None:
            return ""
        monat = spalte == "stichtag_sgb2"
        if not text:
            self.standard_stichtag.add(spalte)
            return f"{jahr}-12" if monat else f"{jahr}-12-31"
        tag = lies_datum(text, monat)
        erlaubt = (jahr,) if monat else (jahr - 1, jahr)
        if tag is None:
            form = "als Monat JJJJ-MM (z. B. 2023-12)" if monat else "als Tag JJJJ-MM-TT (z. B. 2023-12-31)"
            self._fehler(f"Der Stichtag „{text}“ ist ungültig; erwartet {form}.", nr, spalte)
        elif tag.year not in erlaubt:
            self._fehler(f"Der Stichtag „{text}“ passt nicht zum Jahr {jahr} (erlaubt: "
                         f"{' oder '.join(map(str, erlaubt))}).", nr, spalte)
        else:
            return tag.strftime("%Y-%m") if monat else tag.isoformat()
        return text

    def _art(self, text, nr):
        if not text:
            return self.art
        art = text.lower().replace("ä", "ae")
        if art not in ARTEN:
            self._fehler(f"Die Art „{text}“ ist unbekannt; erlaubt sind {', '.join(ARTEN)}.", nr, "art")
        return art

    def _anzahl(self, text, nr, spalte):
        """(Wert, geheim) einer Zählzelle: „*“ geheim, „-“ null, leer fehlt, „2.411“ Tausenderpunkt."""
        if text == "":
            return None, False
        if text == "*":
            return None, True
        if text in ("-", "–"):
            return 0, False
        ziffern = text.replace(".", "") if _TAUSENDER.match(text) else text.removesuffix(".0")
        if ist_ganzzahl(ziffern) and len(ziffern.lstrip("0")) > 10:
            grund = "ist zu groß für eine Anzahl (mehr als zehn Stellen)"
        elif ist_ganzzahl(ziffern):
            return int(ziffern), False
        elif re.fullmatch(r"-\s*[0-9.,]+", text):
            grund = "ist negativ; Anzahlen sind ganze Zahlen ab 0"
        elif re.fullmatch(r"[0-9]+[.,][0-9]+", text):
            grund = "ist keine ganze Zahl (Tausender bitte ohne Trennzeichen oder mit Punkt: 2.411)"
        else:
            grund = "ist keine Zahl; erlaubt sind ganze Zahlen ab 0, „*“ (geheim), „-“ (null) oder leer"
        self._fehler(f"„{text}“ {grund}.", nr, spalte)
        return None, False

    # --- Zeilenübergreifend ----------------------------------------------------------------------
    def _doppelte(self, zeilen):
        erste: dict[tuple, int] = {}
        for z in zeilen:
            if z["ags"] is None or z["jahr"] is None:
                continue
            schluessel = (z["ags"], z["jahr"])
            if schluessel in erste:
                self._fehler(f"{z['ags']} im Jahr {z['jahr']} steht schon in Zeile {erste[schluessel]}.",
                             z["_nr"], self.ags_spalte)
            else:
                erste[schluessel] = z["_nr"]

    def _beziehungen(self, zeilen, geheim):
        for z in zeilen:
            for teile, ganzes, grund in _BEZIEHUNGEN:
                if ganzes not in z or any(t not in z for t in teile) or z[ganzes] is None:
                    continue
                bekannt = [z[t] for t in teile if z[t] is not None]
                if bekannt and sum(bekannt) > z[ganzes]:
                    links = " + ".join(teile) if len(teile) > 1 else teile[0]
                    self._fehler(f"{links} ({zahl(sum(bekannt))}) ist größer als {ganzes} ({zahl(z[ganzes])}): "
                                 f"{grund}.", z["_nr"], teile[0])


def _aehnlichster(name: str) -> str | None:
    """Die bekannte Spalte, von der `name` höchstens zwei Buchstaben abweicht (bei kurzen Namen einen)."""
    beste = min(NACH_NAME, key=lambda s: _abstand(name, s))
    return beste if _abstand(name, beste) <= min(2, len(beste) - 1) else None


def _abstand(a: str, b: str) -> int:
    """Levenshtein-Abstand mit Vertauschung benachbarter Zeichen (nef_u51 ~ nef_u15)."""
    d = [[max(i, j) if 0 in (i, j) else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


def lies_datum(text: str, monat: bool) -> date | None:
    """JJJJ-MM-TT oder TT.MM.JJJJ; für Monate auch JJJJ-MM, MM.JJJJ und MM/JJJJ (Tag wird 1)."""
    m = _ISO.match(text) or _DEUTSCH.match(text)
    if m is None or (m["t"] is None and not monat):
        return None
    try:
        return date(int(m["j"]), int(m["m"]), int(m["t"] or 1))
    except ValueError:
        return None
