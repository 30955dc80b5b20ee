"""Tabellen, wie die statistischen Ämter sie veröffentlichen, in die Form der Vorlage übersetzen.

Die Ämter legen Tabellen für Menschen an: Titelzeilen, Kopfzeilen übereinander (verbundene Zellen), eine Zeile mit
Spaltennummern, Schlüssel allein oder mit dem Namen („03254002 Alfeld (Leine), Stadt“), Zeichen statt Zahlen und
Fußnoten darunter. Hier wird daraus gefunden:
- die Datenzeilen: die Zeilen mit einem Gebietsschlüssel in der Spalte, in der die meisten Schlüssel des Kreises
  stehen (AGS mit 2, 5, 8 oder 9 Stellen oder ARS mit 12, immer als Text); Zeilen anderer Kreise und aufgelöster
  Gebiete (nur „-“) werden genannt und übergangen;
- der Kopf darüber (die Zeilen mit mehr als einer Zelle; obere Kopfzeilen gelten nach rechts weiter, wie
  verbundene Zellen) und der Fuß darunter (Fußnoten, „©“, „Stand:“);
- die Bevölkerungstabellen aus GENESIS (Regionaldatenbank, GENESIS-Online, LSN-Online und die anderen Länder;
  12411-02-03-5 und ihre Geschwister), lang (eine Zeile je Altersgruppe) oder breit (eine Spalte je Altersgruppe).

Abgeleitet wird nur, was sich genau ableiten lässt: bev_u3, bev_3_6, bev_6_15 (6 bis unter 10 und 10 bis unter 15)
und bev_u15. bev_u_rag und bev_15_rag nicht: die Altersgruppen enden bei 65, die Regelaltersgrenze steigt von 65
auf 67 – geschätzt würde still falsch.

Zeichen je Quelle stehen in ZEICHEN (erweiterbar). Ein Zeichen wird nie still zu 0: „-“ heißt bei allen Ämtern
„nichts vorhanden“ (also 0), geheime Zeichen werden „*“, alle übrigen „fehlt“; die Prüfung sagt, wie oft.
"""

import re
from dataclasses import dataclass, field

from indikatoren import katalog
from indikatoren.gebiete import Gebiete
from indikatoren.meldungen import Meldung, UngueltigeDatei
from indikatoren.tabelle_lesen import RohTabelle

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
ALTERSGRUPPEN = {  # Schlüssel -> Muster der Beschriftung (klein, Leerzeichen vereinheitlicht)
    "u3": r"unter 3 jahren?", "3_6": r"3 bis unter 6 jahren?", "6_10": r"6 bis unter 10 jahren?",
    "10_15": r"10 bis unter 15 jahren?",
}
ABLEITUNG = {  # Feld der Vorlage -> Altersgruppen, deren Summe es ist
    "bev_u3": ("u3",), "bev_3_6": ("3_6",), "bev_6_15": ("6_10", "10_15"), "bev_u15": ("u3", "3_6", "6_10", "10_15"),
}
SCHLUESSEL = re.compile(r"^\s*(\d{2,12})(?:\s+\S.*)?$")
STICHTAG = re.compile(r"\b(\d{2})\.(\d{2})\.((?:19|20)\d{2})\b")
ISO_TAG = re.compile(r"(?:19|20)\d{2}-\d{2}-\d{2}")


@dataclass
class Uebersetzung:
    tabelle: RohTabelle  # in der Form der Vorlage, Zeilennummern wie in der Datei des Amts
    hinweise: list[str] = field(default_factory=list)
    teilweise: bool = True  # für keinen Indikator Zähler und Nenner: ergänzt einen Stand, ersetzt ihn nicht


def ist_amtlich(zellen: list[list[str]]) -> bool:
    """Sieht die Datei nicht wie die Vorlage aus (keine Spalte „ags“ oder „gebiet“ in Zeile 1)?"""
    kopf = {z.strip().lower() for z in zellen[0]}
    return not kopf & {"ags", "gebiet"}


def uebersetzen(zellen: list[list[str]], datei: str, gebiete: Gebiete) -> Uebersetzung | None:
    """Die Tabelle eines Amts als Tabelle der Vorlage; None, wenn in ihr kein Schlüssel des Kreises steht (dann
    prüft die Prüfung sie als Vorlage und sagt, was fehlt); wirft UngueltigeDatei mit dem, was erkannt wurde."""
    def fehler(text, zeile=None):
        return UngueltigeDatei([Meldung(datei, text, zeile)])

    spalte = _schluesselspalte(zellen, gebiete)
    if spalte is None:
        return None
    daten = [i for i, z in enumerate(zellen) if _schluessel_artig(_zelle(z, spalte))]
    erste, letzte = daten[0], daten[-1]
    kopfzeilen = _kopfzeilen(zellen, erste)
    beschriftung = _beschriftungen([zellen[i] for i in kopfzeilen], max(len(z) for z in zellen))
    vorne = " ".join(" ".join(z) for z in zellen[:erste])
    hinten = [" ".join(w for w in z if w.strip()) for z in zellen[letzte + 1:]
              if any(w.strip().strip("_-=") for w in z)]  # ohne Trennlinien „______“
    quelle_art = _quelle_art(vorne + " " + " ".join(hinten))
    kopf_text = f"Kopfzeile in Zeile {kopfzeilen[-1] + 1 if kopfzeilen else erste} erkannt"
    alter = _altersspalte(zellen, daten, spalte)
    if alter is not None:
        werte = _lang(zellen, daten, spalte, alter, beschriftung)
        form = "eine Zeile je Altersgruppe"
    else:
        werte = _breit(zellen, daten, spalte, beschriftung)
        form = "eine Spalte je Altersgruppe"
    if werte is not None:
        return _vorlage(werte, zellen, spalte, gebiete, quelle_art, vorne, hinten, datei,
                        [f"{kopf_text} ({_QUELLEN[quelle_art]}, Bevölkerung nach Altersgruppen, {form})."])
    felder = _ba_felder(beschriftung, spalte)
    if felder:
        zugeordnet = "; ".join(f"„{beschriftung[j]}“ → {f}" for f, j in felder.items())
        return _ba(zellen, daten, spalte, felder, gebiete, vorne, hinten, datei,
                   [f"{kopf_text} (Statistik der Bundesagentur für Arbeit); zugeordnet: {zugeordnet}."])
    benannt = [f"{i + 1}: {b}" for i, b in enumerate(beschriftung) if b]
    raise fehler(f"{kopf_text}; Spalten: {'; '.join(benannt) or 'keine Beschriftung'}. Nicht zugeordnet: weder "
                 "Altersgruppen der Bevölkerung („unter 3 Jahre“ …) noch Spalten der BA („NEF unter 15 Jahren“, "
                 "„ELB“, „Leistungsberechtigte“ …). Andere Tabellen bitte in die Vorlage übertragen.",
                 kopfzeilen[-1] + 1 if kopfzeilen else None)


_NEF = r"(?:nef|nicht erwerbsfähige leistungsberechtigte)\b"
BA_SPALTEN = (  # Feld der Vorlage -> Muster der Beschriftung der BA (klein), in dieser Reihenfolge geprüft
    ("nef_u3", _NEF + r".*\bunter 3\b"),
    ("nef_3_6", _NEF + r".*\b3 bis unter 6\b"),
    ("nef_6_15", _NEF + r".*\b6 bis unter 15\b"),
    ("nef_u15", _NEF + r".*\bunter 15\b"),
    ("elb", r"^(?:elb|erwerbsfähige leistungsberechtigte)(?: \(elb\))?(?:(?: / | )insgesamt)?$"),
    ("lb", r"^(?:lb|leistungsberechtigte)(?: \(lb\))?(?:(?: / | )insgesamt)?$"),
)
MONATE = ("januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
          "november", "dezember")
MONAT = re.compile(r"\b(" + "|".join(MONATE) + r")\s+((?:19|20)\d{2})\b")


def _ba_felder(beschriftung: list[str], spalte: int) -> dict[str, int]:
    """Feld -> Spalte, nach den Beschriftungen der BA; jede Spalte höchstens ein Feld, jedes Feld die erste Spalte."""
    felder: dict[str, int] = {}
    for j, b in enumerate(beschriftung):
        text = _schlicht(b) if j != spalte else ""  # übereinander: „NEF / unter 15 Jahren“
        feld = next((f for f, muster in BA_SPALTEN if re.search(muster, text)), None)
        if feld and feld not in felder:
            felder[feld] = j
    return felder


def _ba(zellen, daten, spalte, felder, gebiete, vorne, hinten, datei, hinweise) -> Uebersetzung:
    zeichen = ZEICHEN["BA"]
    monat = MONAT.search(vorne.lower())
    tag = STICHTAG.search(vorne)
    stichtag = (f"{monat.group(2)}-{MONATE.index(monat.group(1)) + 1:02d}" if monat else
                f"{tag.group(3)}-{tag.group(2)}" if tag else "")
    stand = next((h for h in hinten if h.lower().startswith("stand")), "")
    quelle = ", ".join(t for t in ("Statistik der Bundesagentur für Arbeit", stand) if t)
    fremd, zeilen, gezaehlt = [], [], {}
    for i in daten:
        ags = gebiete.normalisiere_ags(_zelle(zellen[i], spalte))
        if ags is None:
            fremd.append(_zelle(zellen[i], spalte).split()[0])
            continue
        eigener = _stichtag_der_zeile(zellen[i])[:7] or stichtag
        if not eigener:
            raise UngueltigeDatei([Meldung(datei, "Kein Berichtsmonat gefunden: weder „Dezember 2024“ in den "
                                                  "Titelzeilen noch eine Spalte mit Daten.", i + 1)])
        zeile = {"ags": ags, "name": "", "jahr": eigener[:4], "stichtag_sgb2": eigener, "quelle": quelle}
        for feld, j in felder.items():
            wert = _zelle(zellen[i], j)
            if wert in zeichen:
                gezaehlt[wert] = gezaehlt.get(wert, 0) + 1
            zeile[feld] = _summe([wert], zeichen)
        zeilen.append((i + 1, zeile))
    _uebergangen(hinweise, gezaehlt, zeichen, fremd, hinten)
    kopf = ["ags", "name", "jahr", "stichtag_sgb2", *felder, "quelle"]
    return Uebersetzung(RohTabelle(datei, kopf, [(nr, [z[k] for k in kopf]) for nr, z in zeilen]), hinweise,
                        teilweise=not katalog.verfuegbar(felder))


def _zelle(zeile: list[str], i: int) -> str:
    return zeile[i].strip() if i < len(zeile) else ""


def _schluessel_artig(text: str) -> bool:
    treffer = SCHLUESSEL.match(text)
    return bool(treffer) and len(treffer.group(1)) in (2, 5, 8, 9, 12)


def _schluesselspalte(zellen: list[list[str]], gebiete: Gebiete) -> int | None:
    """Die Spalte mit den meisten Schlüsseln des Kreises (Werte wie 18700 sehen aus wie Schlüssel, sind aber keine
    des Kreises)."""
    zaehler: dict[int, int] = {}
    for zeile in zellen:
        for i, w in enumerate(zeile):
            if _schluessel_artig(w) and gebiete.normalisiere_ags(w) is not None:
                zaehler[i] = zaehler.get(i, 0) + 1
    return max(zaehler, key=zaehler.get) if zaehler else None


def _kopfzeilen(zellen: list[list[str]], erste: int) -> list[int]:
    """Die Zeilen unmittelbar über den Daten mit mehr als einer Zelle; eine Zeile nur mit Spaltennummern (1, 2, 3 …)
    zählt nicht zum Kopf."""
    kopf, i = [], erste - 1
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
            w = _zelle(zeile, i)
            if nr < len(kopf) - 1:
                weiter = w or weiter
                w = weiter
            if w:
                teile[i].append(w)
    return [" / ".join(t) for t in teile]


def _schlicht(text: str) -> str:
    return " ".join(text.lower().split())


def _altersgruppe(text: str) -> str | None:
    text = _schlicht(text.split("/")[-1])
    return next((k for k, muster in ALTERSGRUPPEN.items() if re.fullmatch(muster, text)), None)


def _altersspalte(zellen, daten, spalte) -> int | None:
    breite = max(len(zellen[i]) for i in daten)
    for j in range(breite):
        if j != spalte and sum(_altersgruppe(_zelle(zellen[i], j)) is not None for i in daten) >= 2:
            return j
    return None


def _wertspalte(beschriftung: list[str], ab: int) -> int | None:
    """Die Spalte „Insgesamt“ (nicht männlich/weiblich) rechts von `ab`, sonst die erste rechts davon."""
    rechts = [j for j in range(ab + 1, len(beschriftung))]
    insgesamt = [j for j in rechts if "insgesamt" in _schlicht(beschriftung[j])]
    return (insgesamt or rechts or [None])[0]


def _lang(zellen, daten, spalte, alter, beschriftung):
    """Je (Zeile des Gebiets, Stichtag): Altersgruppe -> (Zelle, Zeilennummer)."""
    wert = _wertspalte(beschriftung, alter)
    if wert is None:
        return None
    werte: dict[tuple, dict] = {}
    for i in daten:
        gruppe = _altersgruppe(_zelle(zellen[i], alter))
        if gruppe is not None:
            schluessel = (_zelle(zellen[i], spalte), _stichtag_der_zeile(zellen[i]))
            werte.setdefault(schluessel, {"_nr": i + 1})[gruppe] = _zelle(zellen[i], wert)
    return werte or None


def _breit(zellen, daten, spalte, beschriftung):
    gruppen: dict[str, int] = {}
    for j, b in enumerate(beschriftung):
        gruppe = _altersgruppe(b)
        if gruppe is None or (gruppe in gruppen and not _insgesamt(b)):
            continue
        if gruppe not in gruppen or not _insgesamt(beschriftung[gruppen[gruppe]]):
            gruppen[gruppe] = j
    if len(gruppen) < len(ALTERSGRUPPEN):
        return None
    return {(_zelle(zellen[i], spalte), _stichtag_der_zeile(zellen[i])):
            {"_nr": i + 1, **{g: _zelle(zellen[i], j) for g, j in gruppen.items()}} for i in daten}


def _insgesamt(beschriftung: str) -> bool:
    text = _schlicht(beschriftung)
    return "insgesamt" in text or not ("männlich" in text or "weiblich" in text)


def _stichtag_der_zeile(zeile: list[str]) -> str:
    """Ein Datum in einer Zelle der Zeile: „31.12.2024“ aus CSV oder „2024-12-31“ aus einer Datumszelle in Excel."""
    for w in zeile:
        if treffer := STICHTAG.fullmatch(w.strip()):
            return f"{treffer.group(3)}-{treffer.group(2)}-{treffer.group(1)}"
        if ISO_TAG.fullmatch(w.strip()):
            return w.strip()
    return ""


_QUELLEN = {"GENESIS": "GENESIS", "LSN": "LSN-Online, Landesamt für Statistik Niedersachsen",
            "BA": "Statistik der Bundesagentur für Arbeit"}


def _quelle_art(text: str) -> str:
    klein = text.lower()
    if "bundesagentur für arbeit" in klein:
        return "BA"
    if "landesamt für statistik niedersachsen" in klein or "lsn-online" in klein:
        return "LSN"
    return "GENESIS"


def _vorlage(werte, zellen, spalte, gebiete, quelle_art, vorne, hinten, datei, hinweise) -> Uebersetzung:
    zeichen = ZEICHEN[quelle_art]
    gezaehlt: dict[str, int] = {}
    fremd, aufgeloest, zeilen = [], [], []
    standard = STICHTAG.search(vorne)
    tabelle = re.search(r"\b\d{5}-\d{2,4}(?:-\d{2}-\d)?\b", vorne)
    stand = next((h for h in hinten if h.lower().startswith("stand")), "")
    quelle = ", ".join(t for t in (_QUELLEN[quelle_art], f"Tabelle {tabelle.group(0)}" if tabelle else "",
                                   stand) if t)
    for (schluessel, stichtag), gruppen in werte.items():
        nr = gruppen.pop("_nr")
        ags = gebiete.normalisiere_ags(schluessel)
        if ags is None:
            fremd.append(schluessel.split()[0])
            continue
        if all(v.strip() in ("-", "") for v in gruppen.values()):
            aufgeloest.append(f"{schluessel.split()[0]} (Zeile {nr})")
            continue
        stichtag = stichtag or (f"{standard.group(3)}-{standard.group(2)}-{standard.group(1)}" if standard else "")
        if not stichtag:
            raise UngueltigeDatei([Meldung(datei, "Kein Stichtag gefunden: weder eine Spalte mit Daten wie "
                                                  "„31.12.2024“ noch ein solches Datum in den Titelzeilen.", nr)])
        zeile = {"ags": ags, "name": "", "jahr": stichtag[:4], "stichtag_bev": stichtag, "quelle": quelle}
        for wert in gruppen.values():
            if wert.strip() in zeichen:
                gezaehlt[wert.strip()] = gezaehlt.get(wert.strip(), 0) + 1
        for feld, teile in ABLEITUNG.items():
            zeile[feld] = _summe([gruppen.get(t, "") for t in teile], zeichen)
        zeilen.append((nr, zeile))
    hinweise.append("Abgeleitet: bev_u3 = „unter 3 Jahre“, bev_3_6 = „3 bis unter 6 Jahre“, bev_6_15 = „6 bis unter "
                    "10 Jahre“ + „10 bis unter 15 Jahre“, bev_u15 = die Summe aller vier. Nicht abgeleitet: "
                    "bev_u_rag und bev_15_rag (die Altersgruppen enden bei 65 Jahren, die Regelaltersgrenze liegt "
                    "darüber); sie kommen aus den Bezugsgrößen der BA.")
    if quelle_art == "LSN":
        hinweise.append("Das LSN setzt zur Geheimhaltung manche Werte auf 0; eine 0 kann also auch ein kleiner Wert "
                        "sein.")
    if aufgeloest:
        hinweise.append(f"Aufgelöste Gebiete (nur „-“) übergangen: {', '.join(aufgeloest[:5])}.")
    _uebergangen(hinweise, gezaehlt, zeichen, fremd, hinten)
    kopf = ["ags", "name", "jahr", "stichtag_bev", *ABLEITUNG, "quelle"]
    roh = RohTabelle(datei, kopf, [(nr, [z[k] for k in kopf]) for nr, z in zeilen])
    return Uebersetzung(roh, hinweise)


def _uebergangen(hinweise: list[str], gezaehlt: dict, zeichen: dict, fremd: list[str], hinten: list[str]) -> None:
    """Was die Vorschau über Zeichen, fremde Gebiete und Fußzeilen sagt (beide Arten von Tabellen)."""
    for z, anzahl in sorted(gezaehlt.items()):
        bedeutung, erklaerung = zeichen[z]
        folge = {"geheim": "gesperrt („*“)", "null": "0", "fehlt": "fehlt"}[bedeutung]
        hinweise.append(f"Zeichen „{z}“ ({erklaerung}) in {anzahl} {'Zelle' if anzahl == 1 else 'Zellen'}: {folge}.")
    if fremd:
        hinweise.append(f"{len(fremd)} {'Gebiet' if len(fremd) == 1 else 'Gebiete'} anderer Kreise übergangen "
                        f"(etwa {', '.join(fremd[:3])}).")
    if hinten:
        hinweise.append(f"Fußzeilen übergangen: {' | '.join(hinten[:4])}")


def _summe(teile: list[str], zeichen: dict) -> str:
    """Die Summe als Text der Vorlage: „*“, wenn ein Teil geheim ist, leer, wenn einer fehlt."""
    summe, art = 0, "zahl"
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
        summe += int(ziffern)
    return {"geheim": "*", "fehlt": ""}.get(art, str(summe))
