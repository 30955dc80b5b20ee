"""Sicherung aller Datenstände, Einrichtungsstände und des Protokolls in einer ZIP-Datei – und ihre
Wiederherstellung.

Die Wiederherstellung ergänzt: jeder Stand der Sicherung, der in der Datenbank fehlt (gleiche Prüfsumme,
gleiche Zeit, gleicher Absender), wird mit seinen ursprünglichen Angaben neu angelegt; nichts Vorhandenes
wird überschrieben (das ließe die Datenbank auch nicht zu). Die Nummern können sich dabei ändern, der
Kommentar nennt die ursprüngliche. Zum Schluss ist der Stand aktiv, der es in der Sicherung war.
"""

import io
import json
import zipfile
from datetime import UTC, datetime

import pandas as pd

from indikatoren import export
from indikatoren.datenstaende import Ablage
from indikatoren.einrichtungen import SPALTEN
from indikatoren.gebiete import Gebiete
from indikatoren.meldungen import Meldung, UngueltigeDatei
from indikatoren.pruefung import pruefe_datei

FORMAT = 1


def erstellen(ablage: Ablage) -> bytes:
    puffer = io.BytesIO()
    inhalt = {"format": FORMAT, "erstellt": datetime.now(UTC).isoformat(), "datenstaende": [],
              "einrichtungsstaende": []}
    with zipfile.ZipFile(puffer, "w", zipfile.ZIP_DEFLATED) as archiv:
        for d in ablage.datenstaende():
            datei = f"datenstand_{d.id}.csv"
            archiv.writestr(datei, export.als_csv(ablage.kennzahlen(d.id)))
            inhalt["datenstaende"].append({**d.__dict__, "erstellt": d.erstellt.isoformat(), "datei": datei})
        for e in ablage.einrichtungsstaende():
            datei = f"einrichtungen_{e['id']}.csv"
            archiv.writestr(datei, ablage.einrichtungen(e["id"])[1].to_csv(sep=";", index=False))
            inhalt["einrichtungsstaende"].append({**e, "erstellt": e["erstellt"].isoformat(), "datei": datei})
        protokoll = ablage.protokolleintraege()
        archiv.writestr("protokoll.csv", protokoll.assign(
            zeit=[z.isoformat() for z in pd.to_datetime(protokoll["zeit"], utc=True)]).to_csv(sep=";", index=False))
        archiv.writestr("sicherung.json", json.dumps(inhalt, ensure_ascii=False, indent=1))
    return puffer.getvalue()


def wiederherstellen(ablage: Ablage, inhalt: bytes, gebiete: Gebiete, von: str, datei: str = "sicherung.zip") -> str:
    """Ergänzt die Datenbank aus einer Sicherung; gibt eine Zusammenfassung zurück, wirft UngueltigeDatei."""
    try:
        archiv = zipfile.ZipFile(io.BytesIO(inhalt))
        beschreibung = json.loads(archiv.read("sicherung.json"))
    except (zipfile.BadZipFile, KeyError, ValueError) as fehler:
        text = f"Keine Sicherung dieses Dashboards ({type(fehler).__name__})."
        raise UngueltigeDatei([Meldung(datei, text)]) from None
    if beschreibung.get("format") != FORMAT:
        raise UngueltigeDatei([Meldung(datei, f"Unbekanntes Sicherungsformat {beschreibung.get('format')}.")])
    vorhanden = {(d.sha256, d.erstellt.isoformat(timespec="seconds"), d.von) for d in ablage.datenstaende()}
    neu_aktiv, neue = None, 0
    for d in beschreibung["datenstaende"]:
        erstellt = datetime.fromisoformat(d["erstellt"])
        if (d["sha256"], erstellt.isoformat(timespec="seconds"), d["von"]) in vorhanden:
            continue
        kennzahlen = pruefe_datei(archiv.read(d["datei"]), d["datei"], gebiete).kennzahlen
        stand = ablage.speichern(kennzahlen, von=d["von"], dateiname=d["dateiname"], sha256=d["sha256"],
                                 kommentar=f"{d['kommentar']} (wiederhergestellt, ursprünglich Datenstand {d['id']})",
                                 erstellt=erstellt, aktivieren=False)
        neue += 1
        neu_aktiv = stand.id if d["aktiv"] else neu_aktiv
    if neu_aktiv is not None:
        ablage.aktivieren(neu_aktiv, von=von)
    bekannte = {(e["erstellt"].isoformat(timespec="seconds"), e["von"], e["kommentar"])
                for e in ablage.einrichtungsstaende()}
    neue_einrichtungen = 0
    for e in beschreibung["einrichtungsstaende"]:
        erstellt = datetime.fromisoformat(e["erstellt"])
        if (erstellt.isoformat(timespec="seconds"), e["von"], e["kommentar"]) in bekannte:
            continue
        liste = pd.read_csv(io.BytesIO(archiv.read(e["datei"])), sep=";", dtype=str, keep_default_na=False)
        ablage.einrichtungen_speichern(liste[SPALTEN], von=e["von"], kommentar=e["kommentar"],
                                       dateiname=e["dateiname"], erstellt=erstellt, aktivieren=e["aktiv"])
        neue_einrichtungen += 1
    protokoll = pd.read_csv(io.BytesIO(archiv.read("protokoll.csv")), sep=";", dtype=str, keep_default_na=False)
    eintraege = [z | {"zeit": datetime.fromisoformat(z["zeit"]), "erfolg": z["erfolg"] == "True"}
                 for z in protokoll.to_dict("records")]
    uebernommen = ablage.protokoll_uebernehmen(eintraege, "gesichert: ")
    zusammenfassung = (f"{neue} Datenstände, {neue_einrichtungen} Einrichtungsstände und {uebernommen} "
                       f"Protokolleinträge wiederhergestellt.")
    ablage.protokolliere("wiederherstellen", von, datei, "", True, zusammenfassung)
    return zusammenfassung
