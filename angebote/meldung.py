"""Träger melden ihre Angebote selbst: ein neues über das öffentliche Formular, ein bestehendes über ihren
persönlichen Link (bestätigen oder ändern). Öffentlich wird erst, was das Netzwerk in der Datenpflege angenommen hat;
jede Annahme ist ein neuer Angebotsstand wie jede andere Änderung.

Das Formular fragt in einfachen Worten (FORMULAR); was ein Träger nicht beurteilen kann (Lage, Ebene der
Präventionskette, Herkunft der Einordnung), setzt das Netzwerk. Geprüft wird mit denselben Regeln wie eine Liste.
"""

import re
from dataclasses import dataclass
from datetime import date

import pandas as pd

from angebote import katalog, liste
from angebote.pruefung import pruefe
from indikatoren.ablage import einreichungen
from indikatoren.ablage.datenstaende import Ablage
from indikatoren.ablage.einreichungen import Einreichung, Grenzen
from indikatoren.grundlagen.gebiete import Gebiete
from indikatoren.grundlagen.listenarten import aenderungen
from indikatoren.grundlagen.meldungen import Meldung, UngueltigeDatei
from indikatoren.zugang import aktualisierungslinks

LISTE = katalog.LISTE.name
DATEI = "Formular"  # so heißt die Quelle in Meldungen der Prüfung
SEITE = "angebot-melden"  # die öffentliche Seite, auf der ein persönlicher Link gilt


def linkadresse(basis: str, link: str) -> str:
    """Die ganze Adresse eines persönlichen Links: Seite „Angebot melden“ der Installation unter `basis`."""
    return f"{basis.rstrip('/')}/{SEITE}?link={link}"


@dataclass(frozen=True)
class Feld:
    name: str  # Spalte der Angebotsliste
    frage: str  # die Beschriftung im Formular
    hilfe: str = ""
    freiwillig_aufgeklappt: bool = False  # steht im Aufklapper „In anderen Sprachen“


# Reihenfolge und Worte des Formulars; jede Spalte, die ein Träger kennt
FORMULAR = (
    Feld("titel", "Wie heißt Ihr Angebot?", "So, wie Familien es kennen, etwa „Elterncafé am Markt“."),
    Feld("beschreibung", "Was bieten Sie an, und für wen?", "Zwei, drei Sätze in einfacher Sprache."),
    Feld("traeger", "Wer bietet es an?", "Verein, Kirchengemeinde, Stadt, Landkreis …"),
    Feld("zustaendigkeit", "Zu welcher Ebene gehört der Anbieter?"),
    Feld("fachamt", "Zuständiges Amt oder Fachbereich (falls es eines gibt)"),
    Feld("gemeinde", "In welcher Gemeinde findet es statt?", "„im ganzen Kreis“, wenn es überall gilt."),
    Feld("einrichtung", "In welcher Einrichtung findet es statt?", "Steht sie nicht in der Liste, bitte unten die "
         "Adresse angeben."),
    Feld("adresse", "Adresse, wenn es nicht in einer der Einrichtungen stattfindet", "Straße Nr., PLZ Ort"),
    Feld("art", "Was für ein Angebot ist es?", "Kita und Kindertagespflege (Tagesmutter, Tagesvater) sind eigene "
         "Arten; Eltern suchen sie als Betreuungsplatz."),
    Feld("alter_von", "Ab welchem Alter?", "Etwa „2 Jahre“, „6 Monate“ oder „Schwangerschaft“."),
    Feld("alter_bis", "Bis zu welchem Alter?", "Etwa „6 Jahre“; leer, wenn es keine Grenze gibt."),
    Feld("lebensphasen", "Oder: für welche Lebensphasen?", "Nur, wenn Sie oben kein Alter angeben."),
    Feld("handlungsfeld", "Worum geht es vor allem?"),
    Feld("zielgruppe", "Für wen genau?", "Etwa Eltern mit Babys, Kinder ab 6, zugewanderte Familien."),
    Feld("zugang", "Wie kommt man hin?", "offen: einfach kommen; Anmeldung: vorher melden; Vermittlung: über eine "
         "Fachstelle."),
    Feld("kosten", "Was kostet es?"),
    Feld("sprachen", "In welchen Sprachen außer Deutsch?", "Mit Komma getrennt, etwa „Arabisch, Türkisch“."),
    Feld("barrierefrei", "Ist es ohne Barrieren zugänglich?"),
    Feld("zeiten", "Wann?", "Wochentage und Uhrzeiten, etwa „dienstags 9–11 Uhr“."),
    Feld("kontakt", "Wie erreicht man Sie?", "Telefon oder E-Mail einer Stelle – keine private Nummer; das wird "
         "veröffentlicht."),
    Feld("status", "Läuft es schon?"),
    *(Feld(f"{feld}_{code}", f"{was} ({name})", freiwillig_aufgeklappt=True)
      for code, name in katalog.UEBERSETZT for feld, was in (("titel", "Name"), ("beschreibung", "Beschreibung"))),
)
FRAGEN = {f.name: f.frage for f in FORMULAR} | {"ebene": "Ebene der Präventionskette", "lat": "Lage",
                                               "lon": "Lage", "genauigkeit": "Lage", "quelle": "Quelle",
                                               "bestaetigt_am": "bestätigt am", "id": "Kennung"}
STATUS_TRAEGER = {"aktiv": "Ja, es läuft", "geplant": "Nein, es ist geplant"}
VORGABE_EBENE = "individuell"  # die meisten gemeldeten Angebote erreichen Familien direkt; das Netzwerk kann ändern
ZUORDNUNG = "vom Träger gemeldet; Ebene vom Netzwerk"


def zeile_aus_formular(werte: dict[str, str], bisher: dict[str, str] | None = None) -> dict[str, str]:
    """Eine ganze Zeile der Angebotsliste aus den Antworten (fehlende leer); bei einer Änderung bleiben die Angaben,
    die das Formular nicht kennt (Lage, Ebene …), wie sie waren."""
    zeile = {s: "" for s in katalog.NAMEN} | (bisher or {"ebene": VORGABE_EBENE, "zuordnung": ZUORDNUNG})
    zeile |= {f.name: str(werte.get(f.name, "") or "").strip() for f in FORMULAR}
    return zeile


def pruefen(zeile: dict[str, str], gebiete: Gebiete, einrichtungen: pd.DataFrame, heute: date | None = None
            ) -> dict[str, str]:
    """Die Zeile wie eine Liste geprüft (Meldungen mit der Frage statt des Spaltennamens); gibt sie normalisiert
    (AGS, Kennung der Einrichtung) zurück oder wirft UngueltigeDatei. Eine Quelle setzt erst die Annahme, daher hier
    eine vorläufige."""
    tabelle = pd.DataFrame([zeile | {"quelle": zeile.get("quelle") or "Meldung des Trägers"}], index=[2])
    try:
        geprueft = pruefe(tabelle, DATEI, gebiete, heute, einrichtungen).iloc[0].to_dict()
    except UngueltigeDatei as fehler:
        raise UngueltigeDatei([Meldung(DATEI, m.text, None, FRAGEN.get(m.spalte or "", m.spalte))
                               for m in fehler.meldungen]) from None
    return geprueft | {"quelle": zeile.get("quelle", "")}


def melden(ablage: Ablage, zeile: dict[str, str], herkunft: str, *, meldeadresse: str = "", link: str = "",
           art: str = "neu", grenzen: Grenzen | None = None) -> int:
    """Stellt eine geprüfte Zeile in die Schlange des Netzwerks; mit `link` als Änderung oder Bestätigung des
    Angebots, das der Link öffnet (der Link gilt danach nicht mehr). Wirft Abgewiesen oder LinkUngueltig."""
    kennung = ""
    if link:
        kennung = aktualisierungslinks.pruefen(ablage, link).kennung
        if art == "neu":
            art = "aenderung"

    def link_einloesen(verbindung) -> None:
        if link:
            aktualisierungslinks.einloesen(ablage, link, verbindung)

    return einreichungen.einreichen(ablage, LISTE, art, zeile | {"id": kennung}, herkunft, kennung=kennung,
                                    meldeadresse=meldeadresse, grenzen=grenzen or Grenzen(), zugleich=link_einloesen)


def ist_adresse(text: str) -> bool:
    """Sieht aus wie eine E-Mail-Adresse (ein @, ein Punkt dahinter, keine Leerzeichen)."""
    return re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", text) is not None and len(text) <= 200


def einsenden(ablage: Ablage, gebiete: Gebiete, einrichtungen: pd.DataFrame, werte: dict[str, str], adresse: str,
              *, bisher: dict[str, str] | None = None, link: str = "", bestaetigen: bool = False,
              meldeadresse: str = "", honigtopf: str = "") -> int | None:
    """Was das Formular beim Senden tut: prüfen und in die Schlange stellen; gibt die Nummer der Meldung. Ist der
    Honigtopf ausgefüllt (ein Programm, kein Mensch), wird nichts gespeichert, nur protokolliert: None. Wirft
    UngueltigeDatei (Meldungen je Frage), Abgewiesen oder LinkUngueltig."""
    herkunft = einreichungen.herkunft_von(ablage, adresse)
    if honigtopf:
        ablage.protokolliere(f"{LISTE}_meldung", f"öffentlich ({herkunft[:8]})", "", "", False,
                             "Honigtopf ausgefüllt; nicht gespeichert")
        return None
    meldeadresse = meldeadresse.strip()
    if meldeadresse and not ist_adresse(meldeadresse):
        raise UngueltigeDatei([Meldung(DATEI, "Das ist keine E-Mail-Adresse.", None, "Ihre E-Mail-Adresse")])
    zeile = dict(bisher) if bestaetigen and bisher else zeile_aus_formular(werte, bisher)
    return melden(ablage, pruefen(zeile, gebiete, einrichtungen), herkunft, meldeadresse=meldeadresse, link=link,
                  art="bestaetigung" if bestaetigen else "neu")


def offene(ablage: Ablage) -> list[Einreichung]:
    return einreichungen.offene(ablage, LISTE)


def vorschau(meldung: Einreichung, angebote: pd.DataFrame) -> pd.DataFrame:
    """Was die Annahme an der Liste ändert (art, id, bezeichnung, feld, vorher, nachher); ein neues Angebot als eine
    Zeile je ausgefülltem Feld."""
    neu = _mit_meldung(meldung, meldung.daten, angebote)
    if meldung.art == "neu":
        z = neu.iloc[-1]
        return pd.DataFrame([("neu", "", z["titel"], s, "", z[s]) for s in katalog.LISTE.spalten if z[s]],
                            columns=["art", "id", "bezeichnung", "feld", "vorher", "nachher"])
    return aenderungen(angebote, neu, katalog.LISTE)


def _mit_meldung(meldung: Einreichung, daten: dict[str, str], angebote: pd.DataFrame) -> pd.DataFrame:
    """Die Liste, wie sie nach der Annahme wäre: eine neue Zeile hinten, eine Änderung an ihrer Stelle; bestätigt am
    Tag der Meldung."""
    zeile = {s: str(daten.get(s, "") or "") for s in katalog.NAMEN}
    zeile["bestaetigt_am"] = meldung.eingegangen.date().isoformat()
    if meldung.art == "neu":
        zeile["id"] = ""
        zeile["quelle"] = f"Meldung des Trägers vom {meldung.eingegangen:%d.%m.%Y}"
        return pd.concat([angebote, pd.DataFrame([zeile])], ignore_index=True)
    if meldung.kennung not in set(angebote["id"]):
        raise UngueltigeDatei([Meldung(DATEI, f"Das Angebot {meldung.kennung} steht nicht mehr in der Liste; die "
                                              "Meldung lässt sich nur ablehnen.")])
    zeile["id"] = meldung.kennung
    neu = angebote.copy()
    neu.loc[neu["id"] == meldung.kennung, list(katalog.NAMEN)] = [zeile[s] for s in katalog.NAMEN]
    return neu


@dataclass(frozen=True)
class Annahme:
    stand: int  # der neue Angebotsstand
    kennung: str  # das angenommene Angebot
    link: str  # sein neuer persönlicher Link (der Teil nach „?link=“)


def annehmen(ablage: Ablage, gebiete: Gebiete, nummer: int, von: str, einrichtungen: pd.DataFrame, *,
             daten: dict[str, str] | None = None, grenzen=None) -> Annahme:
    """Nimmt eine offene Meldung an (mit `daten`, wenn das Netzwerk sie bearbeitet hat): neuer Angebotsstand, die
    Meldung erledigt, ein neuer Link für den Träger – alles zusammen oder nichts. Wirft UngueltigeDatei, wenn die
    Liste danach nicht gültig wäre, LookupError, wenn jemand die Meldung schon bearbeitet hat."""
    meldung = einreichungen.einreichung_nr(ablage, nummer)
    if meldung.status != "offen":
        raise LookupError(f"Meldung {nummer} ist nicht mehr offen; jemand hat sie schon bearbeitet.")
    listen = liste.staende(ablage)
    with ablage.schreibend() as v:
        stand = listen.aktiver(v)
        bisher = liste.im_stand(ablage, gebiete, stand) if stand is None else listen.im_stand(stand, v)
        neu = _mit_meldung(meldung, daten or meldung.daten, bisher)
        geprueft = pruefe(neu.set_axis(range(2, len(neu) + 2)), DATEI, gebiete, einrichtungen=einrichtungen,
                          grenzen=grenzen)
        kommentar = f"Meldung {nummer} ({meldung.art}) angenommen" + (", bearbeitet" if daten else "")
        nummer_stand = listen.speichern(geprueft, von=von, kommentar=kommentar, erwartet=stand,
                                        mitgeliefert=bisher if stand is None else None, verbindung=v)
        kennung = meldung.kennung or listen.im_stand(nummer_stand, v)["id"].iloc[-1]
        einreichungen.erledigen(ablage, nummer, "angenommen", von, stand=nummer_stand, kennung=kennung, verbindung=v)
        link = aktualisierungslinks.erzeugen(ablage, LISTE, kennung, von, verbindung=v)
    return Annahme(nummer_stand, kennung, link)


def ablehnen(ablage: Ablage, nummer: int, von: str, grund: str) -> None:
    """Lehnt eine offene Meldung mit Grund ab; der Grund ist Pflicht (er steht im Protokoll und geht an den Träger)."""
    if not grund.strip():
        raise UngueltigeDatei([Meldung(DATEI, "Bitte einen Grund angeben, warum die Meldung abgelehnt wird.")])
    einreichungen.erledigen(ablage, nummer, "abgelehnt", von, grund=grund.strip())
