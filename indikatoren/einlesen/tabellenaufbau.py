"""Der Aufbau einer Tabelle, wie die Ämter sie für Menschen anlegen, und ihre Zeichen.

Gefunden werden die Datenzeilen (die Zeilen mit einem Gebietsschlüssel in der Spalte, in der die meisten Schlüssel des
Kreises stehen: AGS mit 2, 5, 8 oder 9 Stellen oder ARS mit 12, immer als Text, allein oder mit dem Namen), der Kopf
darüber (Zeilen mit mehr als einer Zelle; obere Kopfzeilen gelten nach rechts weiter wie verbundene Zellen; eine Zeile
nur mit Spaltennummern zählt nicht) und der Fuß darunter (Fußnoten, „©“, „Stand:“). Was in den Zellen steht, deuten
die Leser darüber (amtliche_tabelle, zuordnung).

Zeichen je Quelle stehen in ZEICHEN (erweiterbar). Ein Zeichen wird nie still zu 0: „-“ heißt bei allen Ämtern
„nichts vorhanden“ (also 0), geheime Zeichen werden „*“, alle übrigen „fehlt“; die Vorschau sagt, wie oft.
"""

import re
from dataclasses import dataclass, field

from indikatoren.einlesen.tabelle_lesen import RohTabelle
from indikatoren.grundlagen.gebiete import Gebiete

GENESIS_ZEICHEN = {
    ".": ("geheim", "Zahlenwert unbekannt oder geheim zu halten"),
    "-": ("null", "nichts vorhanden"),
    "x": ("fehlt", "Tabellenfach gesperrt, weil Aussage nicht sinnvoll"),
    "/": ("fehlt", "keine Angabe, da Zahlenwert nicht sicher genug"),
    "…": ("fehlt", "Angabe fällt später an"),
    "...": ("fehlt", "Angabe fällt später an"),
}
ZEICHEN = {  # Quelle -> Zeichen -> (Bedeutung: geheim, null oder fehlt; Erklärung des Amts)
    "GENESIS": GENESIS_ZEICHEN,
    "LSN": {**GENESIS_ZEICHEN, "g": ("geheim", "geheim (Geheimhaltung des LSN)")},
    "BA": {"*": ("geheim", "aus Datenschutzgründen anonymisiert"), "-": ("null", "nichts vorhanden")},
}
ZEICHEN_TITEL = {"BA": "Statistik der Bundesagentur für Arbeit („*“ geheim, „-“ nichts)",
                 "GENESIS": "GENESIS, Destatis und die Landesämter („.“ geheim, „-“ nichts, „x“, „/“, „…“)",
                 "LSN": "Landesamt für Statistik Niedersachsen (wie GENESIS, dazu „g“ geheim)"}
QUELLEN = {"GENESIS": "GENESIS", "LSN": "LSN-Online, Landesamt für Statistik Niedersachsen",
           "BA": "Statistik der Bundesagentur für Arbeit"}

SCHLUESSEL = re.compile(r"^\s*(\d{2,12})(?:\s+\S.*)?$")
STICHTAG = re.compile(r"\b(\d{2})\.(\d{2})\.((?:19|20)\d{2})\b")
ISO_TAG = re.compile(r"(?:19|20)\d{2}-\d{2}-\d{2}")
MONATE = ("januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
          "november", "dezember")
MONAT = re.compile(r"\b(" + "|".join(MONATE) + r")\s+((?:19|20)\d{2})\b")


@dataclass(frozen=True)
class Aufbau:
    """Wo in den Zellen was steht (Zeilen und Spalten ab 0)."""
    schluesselspalte: int
    daten: list[int]
    kopfzeilen: list[int]
    beschriftung: list[str]  # je Spalte die Kopfzellen übereinander, „Insgesamt / unter 3 Jahre“
    vorne: str  # die Titelzeilen als ein Text
    hinten: list[str]  # die Fußzeilen ohne Trennlinien

    @property
    def kopfzeile(self) -> int:
        """Die Nummer der (untersten) Kopfzeile wie in Excel."""
        return self.kopfzeilen[-1] + 1 if self.kopfzeilen else self.daten[0]

    @property
    def spalten(self) -> list[str]:
        """Die Beschriftungen außer der Schlüsselspalte, wie eine Auswahl sie anbietet."""
        return [b for j, b in enumerate(self.beschriftung) if b and j != self.schluesselspalte]

    def stand(self) -> str:
        """Die Zeile „Stand: …“ aus dem Fuß, sonst leer."""
        return next((h for h in self.hinten if h.lower().startswith("stand")), "")


@dataclass
class Uebersetzung:
    tabelle: RohTabelle  # in der Form der Vorlage, Zeilennummern wie in der Datei des Amts
    hinweise: list[str] = field(default_factory=list)
    teilweise: bool = True  # für keinen Indikator Zähler und Nenner: ergänzt einen Stand, ersetzt ihn nicht
    aufbau: Aufbau | None = None  # was erkannt wurde (für „Spalten zuordnen“)
    profil: object = None  # die Zuordnung, nach der gelesen wurde (zuordnung.Profil), bei Bevölkerungstabellen None


def erkennen(zellen: list[list[str]], gebiete: Gebiete) -> Aufbau | None:
    """Der Aufbau, oder None, wenn in keiner Spalte ein Schlüssel des Kreises steht."""
    spalte = _schluesselspalte(zellen, gebiete)
    if spalte is None:
        return None
    daten = [i for i, z in enumerate(zellen) if _schluessel_artig(zelle(z, spalte))]
    kopfzeilen = _kopfzeilen(zellen, daten[0])
    hinten = [" ".join(w for w in z if w.strip()) for z in zellen[daten[-1] + 1:]
              if any(w.strip().strip("_-=") for w in z)]  # ohne Trennlinien „______“
    return Aufbau(spalte, daten, kopfzeilen,
                  _beschriftungen([zellen[i] for i in kopfzeilen], max(len(z) for z in zellen)),
                  " ".join(" ".join(z) for z in zellen[:daten[0]]), hinten)


def zelle(zeile: list[str], i: int) -> str:
    return zeile[i].strip() if i < len(zeile) else ""


def schlicht(text: str) -> str:
    return " ".join(text.lower().split())


def stichtag_der_zeile(zeile: list[str]) -> str:
    """Ein Datum in einer Zelle der Zeile: „31.12.2024“ aus CSV oder „2024-12-31“ aus einer Datumszelle in Excel."""
    for w in zeile:
        if treffer := STICHTAG.fullmatch(w.strip()):
            return f"{treffer.group(3)}-{treffer.group(2)}-{treffer.group(1)}"
        if ISO_TAG.fullmatch(w.strip()):
            return w.strip()
    return ""


def summe(teile: list[str], zeichen: dict) -> str:
    """Die Summe als Text der Vorlage: „*“, wenn ein Teil geheim ist, leer, wenn einer fehlt."""
    ergebnis, art = 0, "zahl"
    for t in teile:
        t = t.strip()
        if t in zeichen:
            bedeutung = zeichen[t][0]
            if bedeutung == "geheim":
                art = "geheim"
            elif bedeutung == "fehlt" and art != "geheim":
                art = "fehlt"
            continue
        ziffern = t.replace(" ", "").replace(".", "").replace("\u202f", "")
        if not ziffern.isdigit():
            return t or ""  # die Prüfung nennt Zeile und Spalte
        ergebnis += int(ziffern)
    return {"geheim": "*", "fehlt": ""}.get(art, str(ergebnis))


def uebergangen(hinweise: list[str], gezaehlt: dict, zeichen: dict, fremd: list[str], hinten: list[str]) -> None:
    """Was die Vorschau über Zeichen, fremde Gebiete und Fußzeilen sagt (jede Art von Tabelle)."""
    for z, anzahl in sorted(gezaehlt.items()):
        bedeutung, erklaerung = zeichen[z]
        folge = {"geheim": "gesperrt („*“)", "null": "0", "fehlt": "fehlt"}[bedeutung]
        hinweise.append(f"Zeichen „{z}“ ({erklaerung}) in {anzahl} {'Zelle' if anzahl == 1 else 'Zellen'}: {folge}.")
    if fremd:
        hinweise.append(f"{len(fremd)} {'Gebiet' if len(fremd) == 1 else 'Gebiete'} anderer Kreise übergangen "
                        f"(etwa {', '.join(fremd[:3])}).")
    if hinten:
        hinweise.append(f"Fußzeilen übergangen: {' | '.join(hinten[:4])}")


def _schluessel_artig(text: str) -> bool:
    treffer = SCHLUESSEL.match(text)
    return treffer is not None and len(treffer.group(1)) in (2, 5, 8, 9, 12)


def _schluesselspalte(zellen: list[list[str]], gebiete: Gebiete) -> int | None:
    """Die Spalte mit den meisten Schlüsseln des Kreises (Werte wie 18700 sehen aus wie Schlüssel, sind aber keine
    des Kreises)."""
    zaehler: dict[int, int] = {}
    for zeile in zellen:
        for i, w in enumerate(zeile):
            if _schluessel_artig(w) and gebiete.normalisiere_ags(w) is not None:
                zaehler[i] = zaehler.get(i, 0) + 1
    return max(zaehler, key=lambda i: zaehler[i]) if zaehler else None


def _kopfzeilen(zellen: list[list[str]], erste: int) -> list[int]:
    """Die Zeilen unmittelbar über den Daten mit mehr als einer Zelle; eine Zeile nur mit Spaltennummern (1, 2, 3 …)
    zählt nicht zum Kopf."""
    kopf: list[int] = []
    i = erste - 1
    while i >= 0:
        voll = [w.strip() for w in zellen[i] if w.strip()]
        if len(voll) < 2:
            break
        if not all(w.isdigit() for w in voll):
            kopf.insert(0, i)
        i -= 1
    return kopf


def _beschriftungen(kopf: list[list[str]], breite: int) -> list[str]:
    """Je Spalte die Kopfzellen übereinander („Insgesamt / unter 3 Jahre“); obere Zeilen gelten nach rechts weiter."""
    teile: list[list[str]] = [[] for _ in range(breite)]
    for nr, zeile in enumerate(kopf):
        weiter = ""
        for i in range(breite):
            w = zelle(zeile, i)
            if nr < len(kopf) - 1:
                weiter = w or weiter
                w = weiter
            if w:
                teile[i].append(w)
    return [" / ".join(t) for t in teile]
