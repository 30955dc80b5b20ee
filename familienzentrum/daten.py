"""Die aktuellen Listen des Jahresberichts aus der Ablage und das Einlesen einer ganzen Mappe."""

import functools
from datetime import date

import pandas as pd

from familienzentrum import katalog, mappe
from familienzentrum.pruefung import pruefe
from indikatoren.ablage.datenstaende import Ablage
from indikatoren.ablage.listen import Listen
from indikatoren.grundlagen import konfiguration
from indikatoren.grundlagen.listenarten import aenderungen
from indikatoren.grundlagen.meldungen import Meldung, UngueltigeDatei
from indikatoren.orte import einrichtungen


def vorgabe(art, heute: date | None = None) -> pd.DataFrame:
    """Was gilt, solange nie etwas gespeichert wurde: leer, bei den Kosten der Plan aus der Konzeption des
    mitgelieferten Familienzentrums, aber nur in dessen Kreis (ein anderer Kreis plant seine eigenen Kosten)."""
    if art != katalog.KOSTEN or not _konzeption_gilt(konfiguration.kreis()):
        return pd.DataFrame(columns=["id", *art.spalten])
    jahr = str((heute or date.today()).year)
    return pd.DataFrame([{"id": "", "jahr": jahr, "position": p, "plan": plan, "ist": "", "finanzierung": f}
                         for p, plan, f in katalog.KOSTEN_VORGABE], columns=["id", *art.spalten])


def kostenplan(jahr: int, eroeffnet: str, heute: date | None = None) -> pd.DataFrame:
    """Der Kostenplan der Konzeption für ein Jahr ab der Eröffnung (`eroeffnet`: JJJJ-MM-TT oder JJJJ) bis zum
    nächsten – er gilt, bis das Familienzentrum eigene Kosten für dieses Jahr einträgt; leer außerhalb davon oder in
    einem anderen Kreis."""
    erstes = int(eroeffnet[:4]) if eroeffnet[:4].isdigit() else None
    if erstes is None or not erstes <= jahr <= (heute or date.today()).year + 1:
        return pd.DataFrame(columns=["id", *katalog.KOSTEN.spalten])
    return vorgabe(katalog.KOSTEN, date(jahr, 1, 1))


@functools.lru_cache(maxsize=8)
def _konzeption_gilt(kreis: str) -> bool:
    """Liegt das mitgelieferte Familienzentrum in diesem Kreis? Einmal je Kreis geprüft: jeder Bericht fragt es."""
    return not einrichtungen.mitgeliefert_im_kreis(kreis).empty


def aktuelle(ablage: Ablage, heute: date | None = None, verbindung=None) -> dict[str, pd.DataFrame]:
    listen = {}
    for art in katalog.LISTEN:
        gespeichert = Listen(ablage, art).lesen(verbindung=verbindung)
        listen[art.name] = gespeichert[1] if gespeichert else vorgabe(art, heute)
    return listen


def pruefe_mappe(inhalt: bytes, datei: str, heute: date | None = None) -> dict[str, pd.DataFrame]:
    """Jedes Blatt geprüft; alle Fehler aller Blätter auf einmal, die Datei als „Datei, Blatt X“."""
    gelesen, geprueft, fehler = mappe.lies_xlsx(inhalt, datei), {}, []
    for art in katalog.LISTEN:
        if art.name not in gelesen:
            continue
        blatt = f"{datei}, Blatt {katalog.BLAETTER[art.name]}"
        fehlend = [f.name for f in art.felder if f.pflicht and f.name not in gelesen[art.name].columns]
        if fehlend:
            fehler += [Meldung(blatt, f"Die Pflichtspalte „{s}“ fehlt.", 1, s) for s in fehlend]
            continue
        try:
            geprueft[art.name] = pruefe(art, gelesen[art.name], blatt, heute)
        except UngueltigeDatei as f:
            fehler += f.meldungen
    if fehler:
        raise UngueltigeDatei(fehler)
    return geprueft


def einlesen(ablage: Ablage, inhalt: bytes, datei: str, *, von: str, kommentar: str,
             heute: date | None = None) -> dict[str, int]:
    """Jede geänderte Liste der Mappe wird ein neuer Stand, alle in einer Transaktion; gibt Liste -> Stand zurück
    (nur geänderte). Ein leeres Blatt lässt seine Liste, wie sie ist (die Vorlage hat lauter leere Blätter).
    Wirft UngueltigeDatei; dann ist nichts gespeichert, der Versuch steht im Protokoll."""
    if not kommentar.strip():
        raise UngueltigeDatei([Meldung(datei, "Bitte einen Kommentar angeben: was ist das für ein Stand?")])
    try:
        neu = pruefe_mappe(inhalt, datei, heute)
    except UngueltigeDatei as fehler:
        ablage.protokolliere("familienzentrum", von, datei, "", False, str(fehler))
        raise
    gespeichert = {}
    with ablage.schreibend() as v:
        bisher = aktuelle(ablage, heute, v)
        for art in katalog.LISTEN:
            if art.name in neu and len(neu[art.name]) and not aenderungen(bisher[art.name], neu[art.name], art).empty:
                gespeichert[art.name] = Listen(ablage, art).speichern(
                    neu[art.name], von=von, kommentar=kommentar.strip(), dateiname=datei, verbindung=v)
    return gespeichert
