"""Tabellen der Datenpflege (nur Stabsstelle): Meldungen, Datenstände, Änderungen, Sperrliste, Verlauf, Protokoll –
mit deutschen Spaltennamen und Ortszeit."""

import pandas as pd

from indikatoren.datenstaende import Datenstand
from indikatoren.listen import Stand
from indikatoren.meldungen import UngueltigeDatei


def meldungen(fehler: UngueltigeDatei) -> pd.DataFrame:
    return pd.DataFrame({"Datei": [m.datei for m in fehler.meldungen],
                         "Zeile": [m.zeile or "" for m in fehler.meldungen],
                         "Spalte": [m.spalte or "" for m in fehler.meldungen],
                         "Meldung": [m.text for m in fehler.meldungen]})


def datenstaende(staende: list[Datenstand]) -> pd.DataFrame:
    """Neueste zuerst."""
    return pd.DataFrame({
        "Nr.": [d.id for d in staende], "aktiv": ["ja" if d.aktiv else "" for d in staende],
        "eingelesen": [d.erstellt.astimezone().strftime("%d.%m.%Y %H:%M") for d in staende],
        "von": [d.von for d in staende], "Datei": [d.dateiname for d in staende],
        "Zeilen": [d.zeilen for d in staende], "Kommentar": [d.kommentar for d in staende],
        "ergänzt": [d.grundlage or "" for d in staende], "SHA-256": [d.sha256 for d in staende],
    }).iloc[::-1]


def geaenderte_werte(tabelle: pd.DataFrame) -> pd.DataFrame:
    return tabelle.rename(columns={"ags": "AGS", "name": "Gebiet", "jahr": "Jahr", "merkmal": "Spalte",
                                   "alt": "bisher", "neu": "neu", "differenz": "Differenz"})


def sperrliste(zellen: pd.DataFrame) -> pd.DataFrame:
    return zellen.rename(columns={"ags": "AGS", "name": "Gebiet", "jahr": "Jahr", "merkmal": "Spalte",
                                  "anzahl": "Anzahl", "art": "Grund"})


def listenverlauf(staende: list[Stand]) -> pd.DataFrame:
    """Neueste zuerst."""
    return pd.DataFrame({
        "Nr.": [s.id for s in staende], "aktiv": ["ja" if s.aktiv else "" for s in staende],
        "gespeichert": [s.erstellt.astimezone().strftime("%d.%m.%Y %H:%M") for s in staende],
        "von": [s.von for s in staende], "Kommentar": [s.kommentar for s in staende],
        "Datei": [s.dateiname for s in staende]}).iloc[::-1]


def listenaenderungen(aenderungen: pd.DataFrame) -> pd.DataFrame:
    return aenderungen.rename(columns={"art": "Änderung", "id": "Kennung", "bezeichnung": "Eintrag", "feld": "Spalte",
                                       "vorher": "bisher", "nachher": "neu"})


def protokoll(eintraege: pd.DataFrame) -> pd.DataFrame:
    return eintraege.assign(zeit=pd.to_datetime(eintraege["zeit"]).dt.strftime("%d.%m.%Y %H:%M:%S"),
                            erfolg=eintraege["erfolg"].map({True: "ja", False: "nein"})).iloc[::-1]


def zu_ueberpruefen(angebote: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"Kennung": angebote["id"], "Angebot": angebote["titel"], "Träger": angebote["traeger"],
                         "Status": angebote["status"],
                         "zuletzt bestätigt": angebote["bestaetigt_am"].map(
                             lambda t: f"{t[8:10]}.{t[5:7]}.{t[:4]}" if t else "nie")})
