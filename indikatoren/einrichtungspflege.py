"""Pflege der Einrichtungsliste: prüfen (im Browser geändert oder als Datei), Lage setzen, aktueller Stand.

Die Liste kommt zuerst aus data/einrichtungen.csv; sobald die Stabsstelle sie ändert, hält die Datenbank sie
mit allen früheren Ständen (datenstaende.Ablage.einrichtungen_speichern).
"""

from datetime import date

import geopandas as gpd
import pandas as pd

from indikatoren.datenstaende import Ablage
from indikatoren.einrichtungen import (
    GENAUIGKEITEN,
    KATEGORIEN,
    METRISCH,
    SPALTEN,
    STATUS,
    aufbereitet,
    lade_einrichtungen,
)
from indikatoren.export import tabelle_zurueck
from indikatoren.meldungen import Meldung, UngueltigeDatei
from indikatoren.pruefung import lies_datum
from indikatoren.tabelle_lesen import STEUERZEICHEN, lese_tabelle
from indikatoren.zahlenformat import ist_ganzzahl, lies_dezimal

HOECHSTE_TEXTLAENGE = 500  # je Zelle; Namen, Adressen und Quellen sind weit kürzer
TOLERANZ_M = 100  # so weit darf ein Punkt außerhalb der Kreisgrenze liegen (Randlage, Rundung)


def aktuelle(ablage: Ablage) -> tuple[int | None, pd.DataFrame]:
    """(Stand oder None für die mitgelieferte Liste, aufbereitete Liste)."""
    gespeichert = ablage.einrichtungen()
    if gespeichert is None:
        return None, lade_einrichtungen()
    stand, tabelle = gespeichert
    return stand, aufbereitet(tabelle)


def lies_datei(inhalt: bytes, datei: str, grenzen: gpd.GeoDataFrame | None) -> pd.DataFrame:
    """Eine hochgeladene Liste (CSV/XLSX wie die Kennzahlen-Tabelle), geprüft."""
    roh = lese_tabelle(inhalt, datei)
    breite = len(roh.kopf)
    zeilen = [(z + [""] * breite)[:breite] for _, z in roh.zeilen]
    tabelle = pd.DataFrame(zeilen, columns=roh.kopf, index=[nr - 2 for nr, _ in roh.zeilen])
    return pruefe(tabelle, datei, grenzen)


def einlesen(ablage: Ablage, inhalt: bytes, datei: str, grenzen: gpd.GeoDataFrame | None, *, von: str,
             kommentar: str) -> int:
    """Eine Liste als Datei prüfen und als neuen aktiven Einrichtungsstand speichern (Kommandozeile und Seite).

    Wirft UngueltigeDatei; dann ist nichts gespeichert, der Versuch steht im Protokoll."""
    if not kommentar.strip():
        raise UngueltigeDatei([Meldung(datei, "Bitte einen Kommentar angeben: was ist das für ein Stand?")])
    try:
        liste = lies_datei(inhalt, datei, grenzen)
    except UngueltigeDatei as fehler:
        ablage.protokolliere("einrichtungen", von, datei, "", False, str(fehler))
        raise
    return ablage.einrichtungen_speichern(liste, von=von, kommentar=kommentar.strip(), dateiname=datei)


def pruefe(tabelle: pd.DataFrame, datei: str, grenzen: gpd.GeoDataFrame | None) -> pd.DataFrame:
    """Alle Probleme auf einmal (Zeile wie in Excel: Kopf = 1); gibt die Liste als bereinigten Text zurück."""
    fehlend = [s for s in SPALTEN if s not in tabelle.columns]
    if fehlend:
        raise UngueltigeDatei([Meldung(datei, f"Die Pflichtspalte „{s}“ fehlt.", 1, s) for s in fehlend])
    text = tabelle[SPALTEN].fillna("").astype(str).apply(lambda s: s.str.strip())
    text = tabelle_zurueck(text).reset_index(drop=True)  # „'=…“ aus einem entschärften Export war „=…“
    text[["lat", "lon"]] = text[["lat", "lon"]].apply(lambda s: s.str.replace(",", "."))
    kreis = None if grenzen is None else grenzen.to_crs(METRISCH).union_all().buffer(TOLERANZ_M)
    fehler = [Meldung(datei, meldung, nr, spalte)
              for nr, z in zip(range(2, len(text) + 2), text.itertuples(index=False))
              for spalte, meldung in _zeilenfehler(z, kreis)]
    if fehler:
        raise UngueltigeDatei(fehler)
    return text


def _zeilenfehler(z, kreis) -> list[tuple[str, str]]:
    """(Spalte, Meldung) je Problem einer Zeile."""
    fehler = [(s, "Die Zelle enthält ein unsichtbares Steuerzeichen; bitte entfernen.")
              for s, w in zip(SPALTEN, z) if STEUERZEICHEN.search(w)]
    fehler += [(s, f"Der Text ist {len(w)} Zeichen lang; erlaubt sind {HOECHSTE_TEXTLAENGE}.")
               for s, w in zip(SPALTEN, z) if len(w) > HOECHSTE_TEXTLAENGE]
    if not z.name:
        fehler.append(("name", "Der Name fehlt."))
    for spalte, erlaubt in (("kategorie", KATEGORIEN), ("status", STATUS)):
        if getattr(z, spalte) not in erlaubt:
            fehler.append((spalte, f"„{getattr(z, spalte)}“ ist nicht erlaubt ({', '.join(erlaubt)})."))
    if z.genauigkeit and z.genauigkeit not in GENAUIGKEITEN:
        fehler.append(("genauigkeit", f"„{z.genauigkeit}“ ist nicht erlaubt ({', '.join(GENAUIGKEITEN)})."))
    if z.seit and not (len(z.seit) == 4 and ist_ganzzahl(z.seit) or len(z.seit) == 10 and lies_datum(z.seit, False)):
        fehler.append(("seit", f"„{z.seit}“ ist kein Datum (JJJJ-MM-TT oder JJJJ)."))
    if bool(z.lat) != bool(z.lon):
        fehler.append(("lat" if not z.lat else "lon", "Lage braucht lat und lon zusammen."))
    elif z.lat:
        fehler += _lagefehler(z, kreis)
    return fehler


def _lagefehler(z, kreis) -> list[tuple[str, str]]:
    lat, lon = lies_dezimal(z.lat), lies_dezimal(z.lon)
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return [("lat", f"„{z.lat}“/„{z.lon}“ ist keine Koordinate (Dezimalgrad, z. B. 51.986).")]
    if not z.genauigkeit:
        return [("genauigkeit", "Zu einer Lage gehört die genauigkeit (Gebäude, Straße, Ortsmitte, ungefähr).")]
    if kreis is not None:
        punkt = gpd.GeoSeries(gpd.points_from_xy([lon], [lat]), crs="EPSG:4326").to_crs(METRISCH).iloc[0]
        if not punkt.within(kreis):
            return [("lat", f"Die Lage {lat}, {lon} liegt nicht im Kreis (lat/lon vertauscht?).")]
    return []


def lage_setzen(tabelle: pd.DataFrame, zeile: int, lat: float, lon: float, von: str,
                am: date | None = None) -> pd.DataFrame:
    """Setzt die Lage einer Einrichtung (per Klick in die Karte): Gebäude-genau, mit Name und Datum."""
    neu = tabelle[SPALTEN].copy()
    neu.loc[zeile, ["lat", "lon", "genauigkeit", "lage"]] = [
        f"{lat:.6f}", f"{lon:.6f}", "Gebäude", f"gesetzt von {von} am {(am or date.today()):%d.%m.%Y}"]
    return neu
