"""Tabellen der Datenpflege (nur Stabsstelle): Meldungen, Datenstände, Änderungen, Sperrliste, Verlauf, Protokoll –
mit deutschen Spaltennamen und Ortszeit."""

import pandas as pd

from darstellung.maskierung import md
from darstellung.tabellen import pp_text, wert_text
from indikatoren.ablage.datenstaende import Datenstand
from indikatoren.ablage.listen import Stand
from indikatoren.einlesen.vorschau import Vorschau
from indikatoren.grundlagen.meldungen import UngueltigeDatei
from indikatoren.grundlagen.spalten import SPALTEN
from indikatoren.grundlagen.zahlenformat import prozent, zahl


def probleme(anzahl: int) -> str:
    """„1 Problem“, „3 Probleme“."""
    return f"{anzahl} {'Problem' if anzahl == 1 else 'Probleme'}"


def gebietszeilen(tabelle: pd.DataFrame) -> pd.DataFrame:
    """Neue oder entfallende Zeilen einer Vorschau (ags, name, jahr) mit deutschen Spalten."""
    return tabelle.rename(columns={"ags": "AGS", "name": "Gebiet", "jahr": "Jahr"})


def verluste_text(v: Vorschau) -> str:
    """Was ein ersetzender Upload wegnähme, als Markdown für eine rote Meldung (Namen maskiert)."""
    teile = [f"**Beim Ersetzen gingen {len(v.entfallene_zeilen)} Zeilen des aktiven Stands verloren.**"]
    if v.entfallene_jahre:
        teile.append(f"Ganze Jahre: {', '.join(map(str, v.entfallene_jahre))}.")
    if v.entfallene_indikatoren:
        teile.append(f"Indikatoren ohne Zahlen: {md(', '.join(v.entfallene_indikatoren))}.")
    if v.entfallene_gebiete:
        teile.append(f"Gebiete ganz ohne Zahlen ({len(v.entfallene_gebiete)}): {md(', '.join(v.entfallene_gebiete))}.")
    teile.append("Die Seiten zeigen diese Daten dann nicht mehr (frühere Datenstände bleiben erhalten).")
    return " ".join(teile)


def meldungen(fehler: UngueltigeDatei, ueberschriften: dict[str, str] | None = None) -> pd.DataFrame:
    """Eine Zeile je Meldung; `ueberschriften` (Spaltenname -> Überschrift): bei einer im Browser bearbeiteten Tabelle
    die Überschrift, die dort steht, statt des Spaltennamens der Datei."""
    namen = ueberschriften or {}
    return pd.DataFrame({"Datei": [m.datei for m in fehler.meldungen],
                         "Zeile": [m.zeile or "" for m in fehler.meldungen],
                         "Spalte": [namen.get(m.spalte or "", m.spalte or "") for m in fehler.meldungen],
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
    """Differenz mit Vorzeichen, „–“ wo ein Wert gesperrt ist oder fehlt (keine Differenz zu rechnen)."""
    tabelle = tabelle.assign(differenz=["–" if pd.isna(d) else f"{int(d):+d}".replace("-", "−")
                                        for d in tabelle["differenz"]])
    return _mit_bedeutung(tabelle.rename(columns={"ags": "AGS", "name": "Gebiet", "jahr": "Jahr", "merkmal": "Spalte",
                                                  "alt": "bisher", "neu": "neu", "differenz": "Differenz"}))


def quoten(tabelle: pd.DataFrame) -> pd.DataFrame:
    """Die Quoten der Vorschau (indikatoren/einlesen/vorschau.quoten) in deutschem Format."""
    return pd.DataFrame({
        "Gebiet": tabelle["name"], "Jahr": tabelle["jahr"].astype(str), "Indikator": tabelle["indikator"],
        "Vorjahr": [prozent(w) if pd.notna(w) else "–" for w in tabelle["vorjahr"]],
        "bisher": [prozent(w) if pd.notna(w) else "–" for w in tabelle["bisher"]],
        "neu": [wert_text(w, s) for w, s in zip(tabelle["neu"], tabelle["status"])],
        "zum Vorjahr": [pp_text(d) for d in tabelle["differenz"]],
    })


def sperrliste(zellen: pd.DataFrame) -> pd.DataFrame:
    return _mit_bedeutung(zellen.rename(columns={"ags": "AGS", "name": "Gebiet", "jahr": "Jahr", "merkmal": "Spalte",
                                                 "anzahl": "Anzahl", "art": "Grund"}))


def geheimhaltungsbericht(bericht: pd.DataFrame) -> pd.DataFrame:
    """Je Jahr in Worten der Stabsstelle (indikatoren/rechnen/geheimhaltungsbericht.py)."""
    return pd.DataFrame({
        "Jahr": bericht["jahr"].astype(str), "primär": bericht["primaer"], "sekundär": bericht["sekundaer"],
        "Sozialraum zu klein": bericht["zu_klein"], "von der Quelle": bericht["quelle"],
        "Schutz nicht erfüllt": bericht["nicht_erfuellt"], "engstes Intervall eines Lesers": bericht["engstes"],
        "Informationsverlust": [f"{n} Zellen, zusammen {zahl(s)}" for n, s in zip(bericht["verlust_zellen"],
                                                                                  bericht["verlust_summe"])],
        "früheres Verfahren": [f"{n} Zellen, zusammen {zahl(s)}; {v} zu eng" for n, s, v in zip(
            bericht["heuristik_zellen"], bericht["heuristik_summe"], bericht["heuristik_verletzt"])],
    })


def _mit_bedeutung(tabelle: pd.DataFrame) -> pd.DataFrame:
    """Neben dem Spaltenkopf der Datei („nef_u3“) steht, was er bedeutet („NEF unter 3 Jahren.“)."""
    bedeutung = {s.name: s.bedeutung for s in SPALTEN}
    return tabelle.assign(Bedeutung=tabelle["Spalte"].map(bedeutung).fillna(""))


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
    """Neueste zuerst, Zeit in der Ortszeit des Servers (gespeichert wird UTC)."""
    zeit = pd.to_datetime(eintraege["zeit"], utc=True).map(lambda t: t.to_pydatetime().astimezone())
    return pd.DataFrame({"Zeit": zeit.map(lambda t: t.strftime("%d.%m.%Y %H:%M:%S")), "Aktion": eintraege["aktion"],
                         "von": eintraege["von"], "Datei": eintraege["dateiname"].fillna(""),
                         "erfolgreich": eintraege["erfolg"].map({True: "ja", False: "nein"}),
                         "Meldung": eintraege["meldung"].fillna(""),
                         "SHA-256": eintraege["sha256"].fillna("")}).iloc[::-1]


def zu_ueberpruefen(angebote: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"Kennung": angebote["id"], "Angebot": angebote["titel"], "Träger": angebote["traeger"],
                         "Status": angebote["status"],
                         "zuletzt bestätigt": angebote["bestaetigt_am"].map(
                             lambda t: f"{t[8:10]}.{t[5:7]}.{t[:4]}" if t else "nie")})
