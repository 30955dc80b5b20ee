"""Tabellen, wie die statistischen Ämter sie veröffentlichen, in die Form der Vorlage übersetzen.

Den Aufbau (Schlüsselspalte, Kopf, Daten, Fuß) findet `tabellenaufbau`; hier wird entschieden, was die Spalten sind:
1. ein Spaltenprofil, das die Stabsstelle gewählt hat oder dessen Spalten alle im Kopf stehen (`zuordnung`);
2. die Bevölkerungstabellen aus GENESIS (Regionaldatenbank, GENESIS-Online, LSN-Online und die anderen Länder;
   12411-02-03-5 und ihre Geschwister), lang (eine Zeile je Altersgruppe) oder breit (eine Spalte je Altersgruppe);
3. die Beschriftungen der Statistik der BA („NEF unter 15 Jahren“, „ELB“ …).
Sonst UnbekannteSpalten: die Datenpflege zeigt dann den erkannten Kopf und das Formular „Spalten zuordnen“.

Abgeleitet wird nur, was sich genau ableiten lässt: bev_u3, bev_3_6, bev_6_15 (6 bis unter 10 und 10 bis unter 15)
und bev_u15. bev_u_rag und bev_15_rag nicht: die Altersgruppen enden bei 65, die Regelaltersgrenze steigt von 65
auf 67 – geschätzt würde still falsch.
"""

import re
from collections.abc import Sequence

from indikatoren.einlesen.tabelle_lesen import RohTabelle
from indikatoren.einlesen.tabellenaufbau import (
    QUELLEN,
    STICHTAG,
    ZEICHEN,
    Aufbau,
    Uebersetzung,
    erkennen,
    schlicht,
    stichtag_der_zeile,
    summe,
    uebergangen,
    zelle,
)
from indikatoren.einlesen.zuordnung import Profil, Zeitbezug, anwenden, vorschlag
from indikatoren.grundlagen.gebiete import Gebiete
from indikatoren.grundlagen.meldungen import Meldung, UngueltigeDatei

ALTERSGRUPPEN = {  # Schlüssel -> Muster der Beschriftung (klein, Leerzeichen vereinheitlicht)
    "u3": r"unter 3 jahren?", "3_6": r"3 bis unter 6 jahren?", "6_10": r"6 bis unter 10 jahren?",
    "10_15": r"10 bis unter 15 jahren?",
}
ABLEITUNG = {  # Feld der Vorlage -> Altersgruppen, deren Summe es ist
    "bev_u3": ("u3",), "bev_3_6": ("3_6",), "bev_6_15": ("6_10", "10_15"), "bev_u15": ("u3", "3_6", "6_10", "10_15"),
}


class UnbekannteSpalten(UngueltigeDatei):
    """Kopf und Daten sind gefunden, die Spalten aber keinem Feld zuzuordnen: die Datenpflege bietet das Formular
    „Spalten zuordnen“ mit dem erkannten Kopf und den Vorschlägen an."""

    def __init__(self, meldungen: list[Meldung], aufbau: Aufbau, vorschlag: dict[str, str]):
        super().__init__(meldungen)
        self.aufbau, self.vorschlag = aufbau, vorschlag


def ist_amtlich(zellen: list[list[str]]) -> bool:
    """Sieht die Datei nicht wie die Vorlage aus (keine Spalte „ags“ oder „gebiet“ in Zeile 1)?"""
    kopf = {z.strip().lower() for z in zellen[0]}
    return not kopf & {"ags", "gebiet"}


def uebersetzen(zellen: list[list[str]], datei: str, gebiete: Gebiete, profile: Sequence[Profil] = (),
                profil: str | None = None) -> Uebersetzung | None:
    """Die Tabelle eines Amts als Tabelle der Vorlage; None, wenn in ihr kein Schlüssel des Kreises steht (dann
    prüft die Prüfung sie als Vorlage und sagt, was fehlt). `profile`: die gespeicherten Spaltenprofile; `profil`:
    der Name des Profils, das gelten soll (sonst das erste, das passt). Wirft UngueltigeDatei mit dem, was erkannt
    wurde."""
    aufbau = erkennen(zellen, gebiete)
    if aufbau is None:
        return None
    kopf_text = f"Kopfzeile in Zeile {aufbau.kopfzeile} erkannt"
    if profil is not None:
        gewaehlt = next((p for p in profile if p.name == profil), None)
        if gewaehlt is None:
            raise UngueltigeDatei([Meldung(datei, f"Es gibt kein Spaltenprofil „{profil}“; gespeichert sind: "
                                                  f"{', '.join(p.name for p in profile) or 'keine'}.")])
        return anwenden(aufbau, zellen, datei, gebiete, gewaehlt,
                        [f"{kopf_text}; Spalten nach dem Profil „{gewaehlt.name}“: {gewaehlt.beschreibung()}."])
    if passend := next((p for p in profile if p.passt(aufbau)), None):
        return anwenden(aufbau, zellen, datei, gebiete, passend,
                        [f"{kopf_text}; Spalten nach dem Profil „{passend.name}“ (von selbst gewählt: die Kopfzeile "
                         f"hat alle seine Spalten): {passend.beschreibung()}."])
    quelle_art = _quelle_art(aufbau.vorne + " " + " ".join(aufbau.hinten))
    alter = _altersspalte(zellen, aufbau)
    werte = _lang(zellen, aufbau, alter) if alter is not None else _breit(zellen, aufbau)
    if werte is not None:
        form = "eine Zeile je Altersgruppe" if alter is not None else "eine Spalte je Altersgruppe"
        return _bevoelkerung(werte, aufbau, gebiete, quelle_art, datei,
                             [f"{kopf_text} ({QUELLEN[quelle_art]}, Bevölkerung nach Altersgruppen, {form})."])
    felder = vorschlag(aufbau)
    if felder:
        zugeordnet = "; ".join(f"„{b}“ → {f}" for f, b in felder.items())
        return anwenden(aufbau, zellen, datei, gebiete, Profil("Beschriftungen der BA", felder, Zeitbezug("titel")),
                        [f"{kopf_text} (Statistik der Bundesagentur für Arbeit); zugeordnet: {zugeordnet}."])
    benannt = [f"{i + 1}: {b}" for i, b in enumerate(aufbau.beschriftung) if b]
    raise UnbekannteSpalten([Meldung(
        datei, f"{kopf_text}; Spalten: {'; '.join(benannt) or 'keine Beschriftung'}. Nicht zugeordnet: weder "
               "Altersgruppen der Bevölkerung („unter 3 Jahre“ …) noch Spalten der BA („NEF unter 15 Jahren“, "
               "„ELB“, „Leistungsberechtigte“ …) noch ein gespeichertes Spaltenprofil. Bitte die Spalten zuordnen "
               "(Datenpflege) oder ein Profil wählen (Kommandozeile: --profil NAME).", aufbau.kopfzeile)],
        aufbau, felder)


def _altersgruppe(text: str) -> str | None:
    text = schlicht(text.split("/")[-1])
    return next((k for k, muster in ALTERSGRUPPEN.items() if re.fullmatch(muster, text)), None)


def _altersspalte(zellen, aufbau: Aufbau) -> int | None:
    breite = max(len(zellen[i]) for i in aufbau.daten)
    for j in range(breite):
        if j != aufbau.schluesselspalte and sum(_altersgruppe(zelle(zellen[i], j)) is not None
                                                for i in aufbau.daten) >= 2:
            return j
    return None


def _wertspalte(beschriftung: list[str], ab: int) -> int | None:
    """Die Spalte „Insgesamt“ (nicht männlich/weiblich) rechts von `ab`, sonst die erste rechts davon."""
    rechts = [j for j in range(ab + 1, len(beschriftung))]
    insgesamt = [j for j in rechts if "insgesamt" in schlicht(beschriftung[j])]
    return insgesamt[0] if insgesamt else rechts[0] if rechts else None


def _lang(zellen, aufbau: Aufbau, alter: int):
    """Je (Zeile des Gebiets, Stichtag): Altersgruppe -> (Zelle, Zeilennummer)."""
    wert = _wertspalte(aufbau.beschriftung, alter)
    if wert is None:
        return None
    werte: dict[tuple, dict] = {}
    for i in aufbau.daten:
        gruppe = _altersgruppe(zelle(zellen[i], alter))
        if gruppe is not None:
            schluessel = (zelle(zellen[i], aufbau.schluesselspalte), stichtag_der_zeile(zellen[i]))
            werte.setdefault(schluessel, {"_nr": i + 1})[gruppe] = zelle(zellen[i], wert)
    return werte or None


def _breit(zellen, aufbau: Aufbau):
    gruppen: dict[str, int] = {}
    for j, b in enumerate(aufbau.beschriftung):
        gruppe = _altersgruppe(b)
        if gruppe is None or (gruppe in gruppen and not _insgesamt(b)):
            continue
        if gruppe not in gruppen or not _insgesamt(aufbau.beschriftung[gruppen[gruppe]]):
            gruppen[gruppe] = j
    if len(gruppen) < len(ALTERSGRUPPEN):
        return None
    return {(zelle(zellen[i], aufbau.schluesselspalte), stichtag_der_zeile(zellen[i])):
            {"_nr": i + 1, **{g: zelle(zellen[i], j) for g, j in gruppen.items()}} for i in aufbau.daten}


def _insgesamt(beschriftung: str) -> bool:
    text = schlicht(beschriftung)
    return "insgesamt" in text or not ("männlich" in text or "weiblich" in text)


def _quelle_art(text: str) -> str:
    klein = text.lower()
    if "bundesagentur für arbeit" in klein:
        return "BA"
    if "landesamt für statistik niedersachsen" in klein or "lsn-online" in klein:
        return "LSN"
    return "GENESIS"


def _bevoelkerung(werte, aufbau: Aufbau, gebiete, quelle_art, datei, hinweise) -> Uebersetzung:
    zeichen = ZEICHEN[quelle_art]
    gezaehlt: dict[str, int] = {}
    fremd, aufgeloest, zeilen = [], [], []
    standard = STICHTAG.search(aufbau.vorne)
    tabelle = re.search(r"\b\d{5}-\d{2,4}(?:-\d{2}-\d)?\b", aufbau.vorne)
    quelle = ", ".join(t for t in (QUELLEN[quelle_art], f"Tabelle {tabelle.group(0)}" if tabelle else "",
                                   aufbau.stand()) if t)
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
            zeile[feld] = summe([gruppen.get(t, "") for t in teile], zeichen)
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
    uebergangen(hinweise, gezaehlt, zeichen, fremd, aufbau.hinten)
    kopf = ["ags", "name", "jahr", "stichtag_bev", *ABLEITUNG, "quelle"]
    roh = RohTabelle(datei, kopf, [(nr, [z[k] for k in kopf]) for nr, z in zeilen])
    return Uebersetzung(roh, hinweise, aufbau=aufbau)
