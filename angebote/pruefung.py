"""Prüft eine Angebotsliste (CSV oder XLSX, wie die Kennzahlen-Tabelle gelesen) vollständig: jede Meldung nennt
Datei, Zeile (Kopfzeile = 1) und Spalte, auf Deutsch; gespeichert wird nur eine ganz gültige Liste."""

from datetime import date

import pandas as pd

from angebote import alter, katalog
from indikatoren.einlesen import listendatei
from indikatoren.einlesen.pruefung import lies_datum
from indikatoren.grundlagen.gebiete import Gebiete
from indikatoren.grundlagen.meldungen import Meldung, UngueltigeDatei
from indikatoren.orte.einrichtungspflege import kreisflaeche, lagefehler


def lies_angebote(inhalt: bytes, datei: str, gebiete: Gebiete, heute: date | None = None,
                  einrichtungen: pd.DataFrame | None = None, grenzen=None) -> pd.DataFrame:
    """Die Liste als Text (Spalten katalog.NAMEN, AGS normalisiert); wirft UngueltigeDatei mit allen Fehlern."""
    return pruefe(listendatei.lies(inhalt, datei, katalog.LISTE), datei, gebiete, heute, einrichtungen, grenzen)


def pruefe(tabelle: pd.DataFrame, datei: str, gebiete: Gebiete, heute: date | None = None,
           einrichtungen: pd.DataFrame | None = None, grenzen=None) -> pd.DataFrame:
    """Alle Probleme auf einmal (Index = Zeilennummer wie in Excel). Mit `einrichtungen` (Spalten id, name) muss
    jede genannte Einrichtung darin stehen; ein eindeutiger Name wird zu ihrer Kennung. Mit `grenzen` muss eine
    eigene Lage im Kreis liegen."""
    text = listendatei.bereinigt(tabelle.reindex(columns=list(katalog.NAMEN)))
    text[["lat", "lon"]] = text[["lat", "lon"]].apply(lambda s: s.str.replace(",", "."))
    fehler = listendatei.grundfehler(text, katalog.LISTE, datei)
    orte, kreis = None if einrichtungen is None else _orte(einrichtungen), kreisflaeche(grenzen)
    for nr in text.index:
        zeile = text.loc[nr].to_dict()
        fehler += [Meldung(datei, meldung, nr, spalte)
                   for spalte, meldung in _zeilenfehler(zeile, gebiete, heute or date.today(), orte)
                   + _lage(zeile, kreis)]
        text.loc[nr] = zeile
    if fehler:
        raise UngueltigeDatei(sorted(fehler, key=lambda m: m.zeile or 0))
    return text.reset_index(drop=True)


def _orte(einrichtungen: pd.DataFrame) -> dict[str, str]:
    """Kennung -> Kennung und eindeutiger Name -> Kennung."""
    namen = einrichtungen["name"].value_counts()
    eindeutig = einrichtungen[einrichtungen["name"].map(namen) == 1]
    return dict(zip(eindeutig["name"], eindeutig["id"])) | dict(zip(einrichtungen["id"], einrichtungen["id"]))


def _lage(z: dict, kreis) -> list[tuple[str, str]]:
    """Eine eigene Lage nur ohne Einrichtung (sonst gilt deren Lage); geprüft wie bei Einrichtungen."""
    if z["einrichtung"] and (z["lat"] or z["lon"]):
        return [("lat", "Ein Angebot in einer Einrichtung hat deren Lage; lat und lon bitte leer lassen.")]
    return lagefehler(z["lat"], z["lon"], z["genauigkeit"], kreis)


def _alter(z: dict) -> list[tuple[str, str]]:
    """Alter lesen und einheitlich schreiben; ohne Lebensphasen folgen sie aus dem Alter, ohne beides fehlt etwas."""
    monate: dict[str, int | None] = {}
    for spalte in ("alter_von", "alter_bis"):
        try:
            monate[spalte] = wert = alter.lies(z[spalte])
        except ValueError as grund:
            return [(spalte, str(grund))]
        if wert is not None:
            z[spalte] = alter.als_text(wert)
    von, bis = monate["alter_von"], monate["alter_bis"]
    if von is not None and bis is not None and von > bis:
        return [("alter_bis", f"„bis {z['alter_bis']}“ liegt vor „ab {z['alter_von']}“.")]
    if not z["lebensphasen"]:
        if von is None and bis is None:
            return [("lebensphasen", "Bitte das Alter (ab, bis) oder die Lebensphasen angeben.")]
        z["lebensphasen"] = katalog.TRENNER.join(alter.phasen(von, bis))
    return []


def _zeilenfehler(z: dict, gebiete: Gebiete, heute: date, orte: dict | None) -> list[tuple[str, str]]:
    """(Spalte, Meldung) je Problem, das nur Angebote haben; normalisiert nebenbei AGS, Datum und Ort in `z`."""
    fehler = []
    if z["einrichtung"] and orte is not None:
        if z["einrichtung"] in orte:
            z["einrichtung"] = orte[z["einrichtung"]]
        else:
            fehler.append(("einrichtung", f"„{z['einrichtung']}“ steht nicht in der Einrichtungsliste (Kennung wie "
                                          "E001 oder der Name, wie er dort steht)."))
    fehler += _alter(z)
    if z["lebensphasen"]:
        unbekannt = [p for p in katalog.phasen(z["lebensphasen"]) if p not in katalog.LEBENSPHASEN]
        if unbekannt or not katalog.phasen(z["lebensphasen"]):
            fehler.append(("lebensphasen", f"Unbekannte Lebensphase „{', '.join(unbekannt)}“; erlaubt sind "
                                           f"{', '.join(katalog.LEBENSPHASEN)} (mit „{katalog.TRENNER}“ getrennt) "
                                           f"oder „{katalog.ALLE_PHASEN}“."))
    if z["gemeinde"] and z["gemeinde"] != katalog.KREISWEIT:
        ags = gebiete.normalisiere_ags(z["gemeinde"])
        if ags is None or ags not in set(gebiete.gemeinden["ags"]):
            fehler.append(("gemeinde", f"„{z['gemeinde']}“ ist keine Gemeinde des Kreises {gebiete.kreis}: "
                                       f"erwartet wird ihr Name, ihr AGS (8 Stellen) oder „{katalog.KREISWEIT}“."
                                       + gebiete.vorschlag(z["gemeinde"])))
        else:
            z["gemeinde"] = ags
    if z["bestaetigt_am"]:
        tag = lies_datum(z["bestaetigt_am"], False)
        if tag is None:
            fehler.append(("bestaetigt_am", f"„{z['bestaetigt_am']}“ ist kein Datum (JJJJ-MM-TT)."))
        elif tag > heute:
            fehler.append(("bestaetigt_am", f"Das Datum {tag:%d.%m.%Y} liegt in der Zukunft."))
        else:
            z["bestaetigt_am"] = tag.isoformat()
    return fehler
