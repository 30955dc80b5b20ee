"""Spalten zuordnen: welche Spalte einer Tabelle welches Feld der Kennzahlen-Tabelle ist, und woher Jahr und
Stichtag kommen – als Profil, das die Stabsstelle einmal anlegt und jedes Jahr wieder verwendet.

Ein Profil nennt Spalten bei ihren Beschriftungen (nicht bei der Position): so passt es auf die Tabelle des nächsten
Jahres, auch wenn eine Spalte dazukommt. Die bekannten Beschriftungen der BA schlägt `vorschlag` selbst vor.
"""

import json
import re
from dataclasses import dataclass, field
from datetime import date

from indikatoren.einlesen.tabelle_lesen import RohTabelle
from indikatoren.einlesen.tabellenaufbau import (
    MONAT,
    MONATE,
    QUELLEN,
    STICHTAG,
    ZEICHEN,
    Aufbau,
    Uebersetzung,
    schlicht,
    stichtag_der_zeile,
    summe,
    uebergangen,
    zelle,
)
from indikatoren.grundlagen import katalog
from indikatoren.grundlagen.gebiete import Gebiete
from indikatoren.grundlagen.meldungen import Meldung, UngueltigeDatei
from indikatoren.grundlagen.spalten import ANZAHLEN, NACH_NAME

ZEITARTEN = {"titel": "aus den Titelzeilen („Dezember 2024“, „31.12.2024“; ein Datum in der Zeile geht vor)",
             "spalte": "aus einer Spalte", "fest": "fester Wert"}

_NEF = r"(?:nef|nicht erwerbsfähige leistungsberechtigte)\b"
BA_SPALTEN = (  # Feld der Vorlage -> Muster der Beschriftung der BA (klein), in dieser Reihenfolge geprüft
    ("nef_u3", _NEF + r".*\bunter 3\b"),
    ("nef_3_6", _NEF + r".*\b3 bis unter 6\b"),
    ("nef_6_15", _NEF + r".*\b6 bis unter 15\b"),
    ("nef_u15", _NEF + r".*\bunter 15\b"),
    ("elb", r"^(?:elb|erwerbsfähige leistungsberechtigte)(?: \(elb\))?(?:(?: / | )insgesamt)?$"),
    ("lb", r"^(?:lb|leistungsberechtigte)(?: \(lb\))?(?:(?: / | )insgesamt)?$"),
)


@dataclass(frozen=True)
class Zeitbezug:
    art: str = "titel"  # ZEITARTEN
    wert: str = ""  # bei „spalte“ die Beschriftung, bei „fest“ der Wert („2024“, „2024-12“, „31.12.2024“)


@dataclass(frozen=True)
class Profil:
    name: str
    felder: dict[str, str]  # Feld der Kennzahlen-Tabelle -> Beschriftung der Spalte
    zeit: Zeitbezug = field(default_factory=Zeitbezug)
    zeichen: str = "BA"  # welche Zeichen gelten (tabellenaufbau.ZEICHEN)
    quelle: str = ""  # leer: das Amt der Zeichen und die Zeile „Stand:“ der Datei

    def passt(self, aufbau: Aufbau) -> bool:
        """Hat die Kopfzeile alle Spalten, die das Profil nennt?"""
        benoetigt = [*self.felder.values(), *([self.zeit.wert] if self.zeit.art == "spalte" else [])]
        return bool(self.felder) and all(_spalte(aufbau, b) is not None for b in benoetigt)

    def als_json(self) -> str:
        return json.dumps({"felder": self.felder, "zeit": {"art": self.zeit.art, "wert": self.zeit.wert},
                           "zeichen": self.zeichen, "quelle": self.quelle}, ensure_ascii=False, sort_keys=True)

    @classmethod
    def aus_json(cls, name: str, text: str) -> "Profil":
        d = json.loads(text)
        felder = {f: d["felder"][f] for f in ANZAHLEN if f in d["felder"]}  # in der Reihenfolge der Vorlage
        texte = [*felder.values(), d["zeit"]["art"], d["zeit"]["wert"], d["zeichen"], d["quelle"]]
        if not isinstance(d["felder"], dict) or set(d["felder"]) - set(felder) or \
                not all(isinstance(t, str) for t in texte):
            raise ValueError(f"Kein gültiges Spaltenprofil: {text[:200]}")
        return cls(name, felder, Zeitbezug(d["zeit"]["art"], d["zeit"]["wert"]), d["zeichen"], d["quelle"])

    def beschreibung(self) -> str:
        """Die Zuordnung in einer Zeile, für Protokoll und Liste der Profile."""
        zeit = {"titel": "aus den Titelzeilen", "spalte": f"aus „{self.zeit.wert}“",
                "fest": f"fest {self.zeit.wert}"}[self.zeit.art]
        return (", ".join(f"{f} ← „{b}“" for f, b in self.felder.items())
                + f"; Jahr/Stichtag {zeit}; Zeichen {self.zeichen}" + (f"; Quelle „{self.quelle}“" if self.quelle
                                                                      else ""))


def pruefe_profil(profil: Profil) -> list[str]:
    """Was an einem Profil (etwa aus dem Formular) nicht stimmt, als Sätze; leer, wenn alles passt."""
    fehler = []
    if not profil.name.strip() or len(profil.name) > 200:
        fehler.append("Bitte einen Namen für das Profil angeben (höchstens 200 Zeichen).")
    if not profil.felder:
        fehler.append("Bitte mindestens einer Spalte ein Feld zuordnen.")
    if unbekannt := [f for f in profil.felder if f not in ANZAHLEN]:
        fehler.append(f"Unbekannte Felder: {', '.join(unbekannt)}.")
    doppelt = {b for b in profil.felder.values() if list(profil.felder.values()).count(b) > 1}
    if doppelt:
        fehler.append(f"Eine Spalte ist mehreren Feldern zugeordnet: {', '.join(sorted(doppelt))}.")
    if profil.zeit.art not in ZEITARTEN:
        fehler.append(f"Unbekannte Art für Jahr und Stichtag: {profil.zeit.art}.")
    elif profil.zeit.art == "spalte" and not profil.zeit.wert:
        fehler.append("Bitte die Spalte mit Jahr oder Stichtag wählen.")
    elif profil.zeit.art == "fest" and lies_zeit(profil.zeit.wert) is None:
        fehler.append(f"„{profil.zeit.wert}“ ist weder ein Jahr (2024) noch ein Monat (2024-12, Dezember 2024) noch "
                      "ein Tag (31.12.2024).")
    if profil.zeichen not in ZEICHEN:
        fehler.append(f"Unbekannte Zeichen „{profil.zeichen}“; bekannt sind {', '.join(ZEICHEN)}.")
    return fehler


def vorschlag(aufbau: Aufbau) -> dict[str, str]:
    """Feld -> Beschriftung nach den bekannten Beschriftungen der BA; jede Spalte höchstens ein Feld, jedes Feld die
    erste passende Spalte."""
    felder: dict[str, str] = {}
    for j, b in enumerate(aufbau.beschriftung):
        text = schlicht(b) if j != aufbau.schluesselspalte else ""  # übereinander: „NEF / unter 15 Jahren“
        feld = next((f for f, muster in BA_SPALTEN if re.search(muster, text)), None)
        if feld and feld not in felder:
            felder[feld] = b
    return felder


@dataclass(frozen=True)
class Zeit:
    jahr: int
    monat: int | None = None
    tag: int | None = None


def lies_zeit(text: str) -> Zeit | None:
    """„2024“, „2024-12“, „12/2024“, „12.2024“, „Dezember 2024“, „31.12.2024“ oder „2024-12-31“."""
    text = re.sub(r"[ T]00:00(?::00)?$", "", text.strip())  # Datumszelle aus Excel
    klein = text.lower()
    muster = [(r"((?:19|20)\d{2})", "j"), (r"((?:19|20)\d{2})-(\d{1,2})", "jm"),
              (r"(\d{1,2})[./]((?:19|20)\d{2})", "mj"), (r"(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})", "tmj"),
              (r"((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})", "jmt")]
    for ausdruck, folge in muster:
        if treffer := re.fullmatch(ausdruck, text):
            teile = dict(zip(folge, map(int, treffer.groups())))
            return _zeit(teile.get("j"), teile.get("m"), teile.get("t"))
    if treffer := re.fullmatch(MONAT.pattern, klein):
        return _zeit(int(treffer.group(2)), MONATE.index(treffer.group(1)) + 1)
    return None


def _zeit(jahr, monat=None, tag=None) -> Zeit | None:
    try:
        date(jahr, monat or 1, tag or 1)
    except ValueError:
        return None
    return Zeit(jahr, monat, tag)


def zeit_aus_titel(text: str) -> Zeit | None:
    """Der Berichtsmonat („Dezember 2024“), sonst ein Tag („31.12.2024“), sonst ein Jahr aus den Titelzeilen."""
    if monat := MONAT.search(text.lower()):
        return Zeit(int(monat.group(2)), MONATE.index(monat.group(1)) + 1)
    if tag := STICHTAG.search(text):
        return _zeit(int(tag.group(3)), int(tag.group(2)), int(tag.group(1)))
    if jahr := re.search(r"\b((?:19|20)\d{2})\b", text):
        return Zeit(int(jahr.group(1)))
    return None


def _spalte(aufbau: Aufbau, beschriftung: str) -> int | None:
    gesucht = schlicht(beschriftung)
    return next((j for j, b in enumerate(aufbau.beschriftung)
                 if schlicht(b) == gesucht and j != aufbau.schluesselspalte), None)


def anwenden(aufbau: Aufbau, zellen: list[list[str]], datei: str, gebiete: Gebiete, profil: Profil,
             hinweise: list[str]) -> Uebersetzung:
    """Die Tabelle in der Form der Vorlage nach dem Profil; wirft UngueltigeDatei, wenn eine genannte Spalte fehlt oder
    Jahr und Stichtag nicht zu finden sind."""
    def fehler(text, zeile=None, spalte=None):
        return UngueltigeDatei([Meldung(datei, text, zeile, spalte)])

    fehlend = [b for b in [*profil.felder.values(), *([profil.zeit.wert] if profil.zeit.art == "spalte" else [])]
               if _spalte(aufbau, b) is None]
    if fehlend:
        genannt = ", ".join(f"„{b}“" for b in fehlend)
        raise fehler(f"Die Kopfzeile (Zeile {aufbau.kopfzeile}) hat "
                     f"{'die Spalte' if len(fehlend) == 1 else 'die Spalten'} {genannt} des Profils „{profil.name}“ "
                     "nicht. Spalten der Datei: "
                     f"{'; '.join(aufbau.spalten) or 'keine Beschriftung'}. Bitte ein anderes Profil wählen oder die "
                     "Zuordnung ändern.", aufbau.kopfzeile)
    spalten = {f: j for f, b in profil.felder.items() if (j := _spalte(aufbau, b)) is not None}  # alle, s. o.
    zeitspalte = _spalte(aufbau, profil.zeit.wert) if profil.zeit.art == "spalte" else None
    titelzeit = zeit_aus_titel(aufbau.vorne) if profil.zeit.art == "titel" else None
    festzeit = lies_zeit(profil.zeit.wert) if profil.zeit.art == "fest" else None
    if profil.zeit.art == "fest" and festzeit is None:
        raise fehler(f"Das Profil „{profil.name}“ nennt als Jahr „{profil.zeit.wert}“; das ist weder Jahr, Monat noch "
                     "Tag.")
    zeichen = ZEICHEN[profil.zeichen]
    quelle = profil.quelle or ", ".join(t for t in (QUELLEN[profil.zeichen], aufbau.stand()) if t)
    sgb2 = any(NACH_NAME[f].stichtag == "stichtag_sgb2" for f in spalten)
    bev = any(NACH_NAME[f].stichtag == "stichtag_bev" for f in spalten)
    fremd: list[str] = []
    zeilen: list[tuple[int, dict[str, str]]] = []
    gezaehlt: dict[str, int] = {}
    for i in aufbau.daten:
        schluessel = zelle(zellen[i], aufbau.schluesselspalte)
        ags = gebiete.normalisiere_ags(schluessel)
        if ags is None:
            fremd.append(schluessel.split()[0])
            continue
        if zeitspalte is not None:
            zeit = lies_zeit(zelle(zellen[i], zeitspalte))
            if zeit is None:
                raise fehler(f"„{zelle(zellen[i], zeitspalte)}“ ist weder ein Jahr (2024) noch ein Monat (2024-12) "
                             "noch ein Tag (31.12.2024).", i + 1, aufbau.beschriftung[zeitspalte])
        elif profil.zeit.art == "titel":
            zeit = lies_zeit(stichtag_der_zeile(zellen[i])) or titelzeit
            if zeit is None:
                raise fehler("Kein Jahr gefunden: weder ein Berichtsmonat wie „Dezember 2024“ oder ein Jahr in den "
                             "Titelzeilen noch ein Datum in der Zeile. Bitte die Zuordnung ändern (Jahr aus einer "
                             "Spalte oder als fester Wert).", i + 1)
        else:
            assert festzeit is not None  # oben geprüft
            zeit = festzeit
        zeile = {"ags": ags, "name": "", "jahr": str(zeit.jahr), "quelle": quelle,
                 "stichtag_sgb2": f"{zeit.jahr}-{zeit.monat:02d}" if sgb2 and zeit.monat else "",
                 "stichtag_bev": f"{zeit.jahr}-{zeit.monat:02d}-{zeit.tag:02d}" if bev and zeit.tag else ""}
        for feld, j in spalten.items():
            wert = zelle(zellen[i], j)
            if wert in zeichen:
                gezaehlt[wert] = gezaehlt.get(wert, 0) + 1
            zeile[feld] = summe([wert], zeichen)
        zeilen.append((i + 1, zeile))
    uebergangen(hinweise, gezaehlt, zeichen, fremd, aufbau.hinten)
    kopf = ["ags", "name", "jahr", *(["stichtag_sgb2"] if sgb2 else []), *(["stichtag_bev"] if bev else []),
            *[f for f in ANZAHLEN if f in spalten], "quelle"]
    return Uebersetzung(RohTabelle(datei, kopf, [(nr, [z[k] for k in kopf]) for nr, z in zeilen]), hinweise,
                        teilweise=not katalog.verfuegbar(spalten), aufbau=aufbau, profil=profil)
