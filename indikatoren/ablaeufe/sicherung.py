"""Sicherung aller Datenstände, aller Stände der Listen (Einrichtungen, Angebote, Zahlen des Familienzentrums), der
Spaltenprofile und des Protokolls in einer ZIP-Datei – und ihre Wiederherstellung.

Die Wiederherstellung ergänzt: jeder Stand der Sicherung, der in der Datenbank fehlt (gleiche Prüfsumme,
gleiche Zeit, gleicher Absender), wird mit seinen ursprünglichen Angaben neu angelegt; nichts Vorhandenes
wird überschrieben (das ließe die Datenbank auch nicht zu). Datenstände behalten ihre Nummer, wo sie frei ist
(in einer neuen Installation immer: deren Beispieldaten sind Stand 1 der Sicherung); sonst nennt der Kommentar
die ursprüngliche.

Einer Sicherung wird nichts geglaubt, was sich prüfen lässt:
- Entpackt wird begrenzt: Zahl der Teile, Größe je Teil und insgesamt, Packdichte – zuerst nach dem Verzeichnis
  der ZIP-Datei, dann beim Lesen selbst (das Verzeichnis kann lügen).
- Jede Datei trägt im Inhaltsverzeichnis ihre SHA-256-Prüfsumme; sie wird nachgerechnet. Ist ein Schlüssel
  eingerichtet (SOZIALPLANUNG_SICHERUNG_SCHLUESSEL), ist das Inhaltsverzeichnis damit signiert (HMAC-SHA256),
  und eine Sicherung ohne gültige Signatur wird abgelehnt: dann lässt sich auch keine Prüfsumme mitfälschen.
- Jeder Datenstand wird geprüft wie ein Upload, jede Liste wie eine hochgeladene Liste; Zeitpunkte
  in der Zukunft, doppelte Nummern und mehr als ein aktiver Stand sind Fehler.
- Alles geschieht in einer Transaktion: ganz oder gar nicht, auch wenn der Prozess mittendrin stirbt. Danach
  ist genau ein Datenstand aktiv.
"""

import hashlib
import hmac
import io
import json
import os
import zipfile
from datetime import UTC, datetime, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import select

from indikatoren.ablage import spaltenprofile
from indikatoren.ablage.datenstaende import ERSTBEFUELLUNG, Ablage
from indikatoren.ablage.listen import Listen
from indikatoren.ablage.schema import listenstand
from indikatoren.einlesen import export, listendatei, zipdatei
from indikatoren.einlesen.pruefung import pruefe_datei
from indikatoren.grundlagen.gebiete import Gebiete
from indikatoren.grundlagen.listenarten import angemeldet, kennungen_nach_bezeichnung
from indikatoren.grundlagen.meldungen import Meldung, UngueltigeDatei
from indikatoren.orte import einrichtungspflege  # noqa: F401  (meldet die Einrichtungsliste an)
from indikatoren.orte.einrichtungen import LISTE as EINRICHTUNGEN

FORMAT = 3  # 3: Listen mit festen Kennungen („listenstaende“); 1 und 2 („einrichtungsstaende“) werden noch gelesen
SICHERUNG_GRENZEN = zipdatei.Grenzen()  # ein Datenstand ist ein paar hundert KB, die Grenzen weit darüber
ZUKUNFT = timedelta(minutes=5)  # Uhrenabweichung, die noch als „jetzt“ gilt
SCHLUESSEL_VARIABLE = "SOZIALPLANUNG_SICHERUNG_SCHLUESSEL"
PROFILE = "spaltenprofile.json"  # seit den Spaltenprofilen; fehlt in älteren Sicherungen


def erstellen(ablage: Ablage) -> bytes:
    """Die Sicherung als ZIP; wirft RuntimeError, wenn die Datenbank eine Liste hat, deren Paket sich nicht angemeldet
    hat (die Sicherung wäre sonst still unvollständig)."""
    with ablage.lesend() as v:
        in_der_ablage = set(v.execute(select(listenstand.c.liste).distinct()).scalars())
    if fehlend := sorted(in_der_ablage - set(_listenarten())):
        raise RuntimeError(f"Die Listen {', '.join(fehlend)} sind nicht angemeldet (ihr Paket wurde nicht geladen); "
                           "die Sicherung wäre unvollständig.")
    puffer = io.BytesIO()
    inhalt: dict[str, Any] = {"format": FORMAT, "erstellt": datetime.now(UTC).isoformat(), "datenstaende": [],
              "listenstaende": [], "dateien": {}}
    with zipfile.ZipFile(puffer, "w", zipfile.ZIP_DEFLATED) as archiv:
        def ablegen(datei: str, daten: bytes) -> None:
            archiv.writestr(datei, daten)
            inhalt["dateien"][datei] = hashlib.sha256(daten).hexdigest()

        for d in ablage.datenstaende():
            datei = f"datenstand_{d.id}.csv"
            ablegen(datei, export.als_csv(ablage.kennzahlen(d.id)))
            inhalt["datenstaende"].append({**d.__dict__, "erstellt": d.erstellt.isoformat(), "datei": datei})
        for art in _listenarten().values():
            listen = Listen(ablage, art)
            for e in listen.staende():
                datei = f"{art.name}_{e.id}.csv"
                ablegen(datei, listendatei.als_csv(listen.im_stand(e.id), art))
                inhalt["listenstaende"].append({**e.__dict__, "erstellt": e.erstellt.isoformat(), "datei": datei})
        ablegen(PROFILE, spaltenprofile.als_json(ablage).encode("utf-8"))
        protokoll = ablage.protokolleintraege()
        ablegen("protokoll.csv", _csv(protokoll.assign(
            zeit=[z.isoformat() for z in pd.to_datetime(protokoll["zeit"], utc=True)])))
        if schluessel := _schluessel():
            inhalt["signatur"] = _signatur(inhalt, schluessel)
        archiv.writestr("sicherung.json", json.dumps(inhalt, ensure_ascii=False, indent=1))
    return puffer.getvalue()


def wiederherstellen(ablage: Ablage, inhalt: bytes, gebiete: Gebiete, von: str, datei: str = "sicherung.zip") -> str:
    """Ergänzt die Datenbank aus einer Sicherung; gibt eine Zusammenfassung zurück, wirft UngueltigeDatei
    (dann ist nichts geändert; der Versuch steht im Protokoll)."""
    try:
        teile = _entpackt(inhalt, datei)
        beschreibung = _inhaltsverzeichnis(teile, datei)
        datenstaende = [(d, _datenstand(d, teile, gebiete)) for d in beschreibung["datenstaende"]]
        listen = _listen(beschreibung["listenstaende"], teile, gebiete)
        protokoll = _protokoll(teile, datei)
        profile = spaltenprofile.aus_json(teile[PROFILE], datei) if PROFILE in beschreibung.get("dateien", {}) \
            else []  # ältere Sicherungen haben keine
        with ablage.schreibend() as verbindung:
            zusammenfassung = _einspielen(ablage, verbindung, datenstaende, listen, protokoll, von)
            if profile:
                zusammenfassung += f" {spaltenprofile.uebernehmen(ablage, profile, von, verbindung)}"
            ablage.protokolliere("wiederherstellen", von, datei, hashlib.sha256(inhalt).hexdigest(), True,
                                 zusammenfassung, verbindung=verbindung)
    except UngueltigeDatei as fehler:
        ablage.protokolliere("wiederherstellen", von, datei, "", False, str(fehler))
        raise
    return zusammenfassung


def _einspielen(ablage, verbindung, datenstaende, listen, protokoll, von) -> str:
    """Jeder fehlende Stand kommt unter seiner ursprünglichen Nummer zurück, wenn sie frei ist – sonst unter einer
    neuen, und der Kommentar nennt die alte. Die mitgelieferten Beispieldaten, die eine neue Installation selbst als
    Stand 1 anlegt, sind dieselben wie Stand 1 der Sicherung: sie stehen der Nummerierung nicht im Weg."""
    bisher = {d.id: d for d in ablage.datenstaende(verbindung)}
    vorhanden = {(d.sha256, d.erstellt.isoformat(timespec="seconds"), d.von): d.id for d in bisher.values()}
    fehlend, neu_aktiv, neue, nummern = [], None, 0, {}  # nummern: Nummer in der Sicherung -> hier
    for d, kennzahlen in datenstaende:
        gleich = bisher.get(d["id"])
        if (schluessel := (d["sha256"], d["erstellt"].isoformat(timespec="seconds"), d["von"])) in vorhanden:
            nummern[d["id"]] = vorhanden[schluessel]
        elif gleich and gleich.von == d["von"] == ERSTBEFUELLUNG and gleich.sha256 == d["sha256"]:
            nummern[d["id"]] = gleich.id  # dieselben Beispieldaten
            neu_aktiv = gleich.id if d["aktiv"] else neu_aktiv
        else:
            fehlend.append((d, kennzahlen))
    frei = [(d, k) for d, k in fehlend if d["id"] not in bisher]  # zuerst, damit neue Nummern dahinter liegen
    for d, kennzahlen in frei + [(d, k) for d, k in fehlend if d["id"] in bisher]:
        behalten = d["id"] not in bisher
        stand = ablage.speichern(
            kennzahlen, von=d["von"], dateiname=d["dateiname"], sha256=d["sha256"], erstellt=d["erstellt"],
            kommentar=f"{d['kommentar']} (wiederhergestellt"
                      + (")" if behalten else f", ursprünglich Datenstand {d['id']})"),
            aktivieren=False, nummer=d["id"] if behalten else None,
            grundlage=nummern.get(_ganzzahl(d.get("grundlage"))), verbindung=verbindung)
        nummern[d["id"]] = stand.id
        neue += 1
        neu_aktiv = stand.id if d["aktiv"] else neu_aktiv
    if neu_aktiv is not None:
        ablage.aktivieren(neu_aktiv, von=von, verbindung=verbindung)
    staende = ablage.datenstaende(verbindung)
    if staende and not any(d.aktiv for d in staende):  # etwa nach einem alten, halb gescheiterten Lauf
        ablage.aktivieren(staende[-1].id, von=von, verbindung=verbindung)
    if staende and sum(d.aktiv for d in ablage.datenstaende(verbindung)) != 1:
        raise UngueltigeDatei([Meldung("Datenbank", "Nach der Wiederherstellung wäre nicht genau ein Stand aktiv.")])

    neue_listen = 0
    for e, liste in listen:
        ablage_liste = Listen(ablage, _listenarten()[e["liste"]])
        bekannte = {(s.erstellt.isoformat(timespec="seconds"), s.von, s.kommentar)
                    for s in ablage_liste.staende(verbindung)}
        if (e["erstellt"].isoformat(timespec="seconds"), e["von"], e["kommentar"]) in bekannte:
            continue
        ablage_liste.speichern(liste, von=e["von"], kommentar=e["kommentar"], dateiname=e["dateiname"],
                               erstellt=e["erstellt"], aktivieren=e["aktiv"], verbindung=verbindung)
        neue_listen += 1
    uebernommen = ablage.protokoll_uebernehmen(protokoll, "gesichert: ", verbindung=verbindung)
    return (f"{neue} Datenstände, {neue_listen} Stände der Einrichtungs- und Angebotslisten und {uebernommen} "
            f"Protokolleinträge wiederhergestellt.")


def _ganzzahl(wert) -> int | None:
    """Eine Nummer aus dem Inhaltsverzeichnis, nur wenn sie eine ist (es kann verändert sein)."""
    return wert if isinstance(wert, int) and not isinstance(wert, bool) else None


# --- Prüfen, bevor irgendetwas geschrieben wird ------------------------------------------------------------
def _entpackt(inhalt: bytes, datei: str) -> dict[str, bytes]:
    return zipdatei.entpacken(inhalt, datei, SICHERUNG_GRENZEN, "Sicherung (ZIP-Datei)")


def _inhaltsverzeichnis(teile: dict[str, bytes], datei: str) -> dict:
    """sicherung.json gelesen und geprüft: Format, Signatur, Prüfsummen, Nummern, Zeitpunkte, genau ein aktiver."""
    fehler = []

    def melde(text):
        fehler.append(Meldung(datei, text))

    try:
        beschreibung = json.loads(teile["sicherung.json"])
        assert isinstance(beschreibung, dict)
    except (KeyError, ValueError, AssertionError, RecursionError):
        raise UngueltigeDatei([Meldung(datei, "Keine Sicherung dieses Dashboards (sicherung.json fehlt oder ist "
                                              "kein gültiges Inhaltsverzeichnis).")]) from None
    if beschreibung.get("format") not in (1, 2, FORMAT):
        raise UngueltigeDatei([Meldung(datei, f"Unbekanntes Sicherungsformat {beschreibung.get('format')!r}.")])
    schluessel = _schluessel()
    if schluessel and not hmac.compare_digest(str(beschreibung.get("signatur", "")),
                                              _signatur(beschreibung, schluessel)):
        raise UngueltigeDatei([Meldung(datei, "Die Signatur der Sicherung fehlt oder stimmt nicht "
                                              f"({SCHLUESSEL_VARIABLE} ist eingerichtet): sie wurde verändert oder "
                                              "mit anderem Schlüssel erstellt.")])
    pruefsummen = beschreibung.get("dateien", {}) if beschreibung["format"] >= 2 else None
    if beschreibung["format"] < 3 and isinstance(beschreibung.get("einrichtungsstaende"), list):
        beschreibung["listenstaende"] = [s | {"liste": EINRICHTUNGEN.name} if isinstance(s, dict) else s
                                         for s in beschreibung.pop("einrichtungsstaende")]
    jetzt = datetime.now(UTC)
    listen = beschreibung.get("listenstaende")
    for s in listen if isinstance(listen, list) else []:
        if not isinstance(s, dict) or s.get("liste") not in _listenarten():
            melde(f"Unbekannte Liste „{s.get('liste') if isinstance(s, dict) else s}“ im Inhaltsverzeichnis.")
    gruppen = [("Datenstand", "datenstaende", beschreibung.get("datenstaende"))] + [
        (art.stand_heisst, "listenstaende", [s for s in listen if isinstance(s, dict) and s["liste"] == name])
        for name, art in _listenarten().items() if isinstance(listen, list)]
    if not isinstance(listen, list):
        melde("Im Inhaltsverzeichnis fehlt die Liste „listenstaende“.")
    for art, liste_name, staende in gruppen:
        if not isinstance(staende, list):
            melde(f"Im Inhaltsverzeichnis fehlt die Liste „{liste_name}“.")
            continue
        nummern = [s.get("id") if isinstance(s, dict) else None for s in staende]
        if len(set(nummern)) != len(nummern):
            melde(f"{art}: Nummern kommen doppelt vor ({', '.join(map(str, nummern))}).")
        if sum(bool(s.get("aktiv")) for s in staende if isinstance(s, dict)) > 1:
            melde(f"Mehr als ein {art} ist als aktiv markiert.")
        if liste_name == "datenstaende" and staende and not any(s.get("aktiv") for s in staende
                                                               if isinstance(s, dict)):
            melde("Kein Datenstand ist als aktiv markiert.")
        for s in staende:
            _stand_pruefen(s, art, teile, pruefsummen, jetzt, melde)
    if pruefsummen is not None:
        _datei_pruefen("protokoll.csv", teile, pruefsummen, melde)
        if PROFILE in pruefsummen:
            _datei_pruefen(PROFILE, teile, pruefsummen, melde)
    if fehler:
        raise UngueltigeDatei(fehler)
    return beschreibung


def _stand_pruefen(s, art: str, teile, pruefsummen, jetzt: datetime, melde) -> None:
    pflicht = {"id": int, "erstellt": str, "von": str, "dateiname": str, "kommentar": str, "aktiv": bool, "datei": str}
    if art == "Datenstand":
        pflicht |= {"sha256": str, "zeilen": int}
    if not isinstance(s, dict) or any(not isinstance(s.get(k), t) for k, t in pflicht.items()):
        melde(f"{art}: ein Eintrag im Inhaltsverzeichnis ist unvollständig ({', '.join(pflicht)}).")
        return
    try:
        s["erstellt"] = datetime.fromisoformat(s["erstellt"])
    except ValueError:
        melde(f"{art} {s['id']}: der Zeitpunkt „{s['erstellt']}“ ist ungültig.")
        return
    if s["erstellt"].tzinfo is None:
        s["erstellt"] = s["erstellt"].replace(tzinfo=UTC)
    if s["erstellt"] > jetzt + ZUKUNFT:
        melde(f"{art} {s['id']}: der Zeitpunkt {s['erstellt']:%d.%m.%Y %H:%M} liegt in der Zukunft.")
    _datei_pruefen(s["datei"], teile, pruefsummen, melde)


def _datei_pruefen(name: str, teile, pruefsummen, melde) -> None:
    if name not in teile:
        melde(f"Die Datei {name} fehlt in der Sicherung.")
    elif pruefsummen is not None and pruefsummen.get(name) != hashlib.sha256(teile[name]).hexdigest():
        melde(f"Die Prüfsumme von {name} stimmt nicht: die Datei wurde nach dem Sichern verändert.")


def _listenarten() -> dict:
    return {art.name: art for art, _ in angemeldet()}


def _pruefungen(gebiete: Gebiete | None) -> list:
    """(Listenart, Prüfung) jeder angemeldeten Liste (listenarten.anmelden) – ohne die Prüfungen, die vom heutigen
    Stand abhängen (Lage im Kreis, Verweis auf eine Einrichtung, Datum nicht in der Zukunft)."""
    return [(art, lambda t, d, p=pruefung: p(t, d, gebiete)) for art, pruefung in angemeldet()]


def _listen(staende: list[dict], teile: dict[str, bytes], gebiete: Gebiete) -> list[tuple[dict, pd.DataFrame]]:
    """Jeder Stand geprüft wie eine hochgeladene Liste. Stände aus der Zeit vor festen Kennungen bekommen sie nach
    Namen."""
    ergebnis = []
    for art, pruefen in _pruefungen(gebiete):
        eigene = [s for s in staende if s["liste"] == art.name]
        tabellen = [pruefen(listendatei.lies(teile[s["datei"]], s["datei"], art, leer_erlaubt=True), s["datei"])
                    for s in eigene]
        ergebnis += list(zip(eigene, kennungen_nach_bezeichnung(tabellen, art)))
    return ergebnis


def _datenstand(d: dict, teile: dict[str, bytes], gebiete: Gebiete):
    """Wie ein Upload geprüft; dazu muss die Zeilenzahl zum Inhaltsverzeichnis passen."""
    kennzahlen = pruefe_datei(teile[d["datei"]], d["datei"], gebiete).kennzahlen
    if len(kennzahlen) != d["zeilen"]:
        raise UngueltigeDatei([Meldung(d["datei"], f"Die Datei hat {len(kennzahlen)} Zeilen, das Inhaltsverzeichnis "
                                                   f"nennt {d['zeilen']}.")])
    return kennzahlen


def _protokoll(teile: dict[str, bytes], datei: str) -> list[dict]:
    spalten = ["zeit", "aktion", "von", "dateiname", "sha256", "erfolg", "meldung"]
    try:
        tabelle = pd.read_csv(io.BytesIO(teile["protokoll.csv"]), sep=";", dtype=str, keep_default_na=False)
        tabelle = export.tabelle_zurueck(tabelle[spalten])
        return [z | {"zeit": _zeit(z["zeit"]), "erfolg": z["erfolg"] == "True"} for z in tabelle.to_dict("records")]
    except (KeyError, ValueError) as e:
        raise UngueltigeDatei([Meldung(f"{datei}: protokoll.csv", f"Das Protokoll ist nicht lesbar ({e}).")]) from None


def _zeit(text: str) -> datetime:
    zeit = datetime.fromisoformat(text)
    return zeit if zeit.tzinfo else zeit.replace(tzinfo=UTC)


def _csv(tabelle: pd.DataFrame) -> bytes:
    """Textzellen entschärft (kein „=…“ wird in Excel zur Formel); die Wiederherstellung nimmt es zurück."""
    return export.tabelle_entschaerft(tabelle).to_csv(sep=";", index=False).encode("utf-8")


def _schluessel() -> bytes | None:
    wert = os.environ.get(SCHLUESSEL_VARIABLE, "").strip()
    return wert.encode() if wert else None


def _signatur(beschreibung: dict, schluessel: bytes) -> str:
    """HMAC-SHA256 über das Inhaltsverzeichnis ohne die Signatur selbst (mit den Prüfsummen aller Dateien)."""
    ohne = {k: v for k, v in beschreibung.items() if k != "signatur"}
    text = json.dumps(ohne, ensure_ascii=False, sort_keys=True, default=str).encode()
    return hmac.new(schluessel, text, hashlib.sha256).hexdigest()
