"""Pflege der Einrichtungsliste: prüfen (im Browser geändert oder als Datei), Lage setzen, aktueller Stand.

Die Liste kommt zuerst aus data/einrichtungen.csv; sobald die Stabsstelle sie ändert, hält die Datenbank sie
mit allen früheren Ständen (indikatoren/ablage/listen.py).
"""

from datetime import date

import geopandas as gpd
import pandas as pd

from indikatoren.ablage.datenstaende import Ablage
from indikatoren.ablage.listen import Listen
from indikatoren.einlesen import listendatei
from indikatoren.einlesen.pruefung import lies_datum
from indikatoren.grundlagen import geodaten
from indikatoren.grundlagen.listenarten import anmelden
from indikatoren.grundlagen.meldungen import Meldung, UngueltigeDatei
from indikatoren.grundlagen.zahlenformat import ist_ganzzahl, lies_dezimal
from indikatoren.orte.einrichtungen import LISTE, SPALTEN, aufbereitet, mitgeliefert_im_kreis

TOLERANZ_M = 100  # so weit darf ein Punkt außerhalb der Kreisgrenze liegen (Randlage, Rundung)


def staende(ablage: Ablage) -> Listen:
    return Listen(ablage, LISTE)


def als_text(ablage: Ablage) -> tuple[int | None, pd.DataFrame]:
    """(Stand oder None für die mitgelieferte Liste, Liste als Text), wie sie gepflegt wird."""
    stand = staende(ablage).aktiver()
    return stand, text_im_stand(ablage, stand)


def text_im_stand(ablage: Ablage, stand: int | None) -> pd.DataFrame:
    """Genau die Liste des Stands `stand` als Text (None: die mitgelieferte des Kreises) – nicht die gerade aktive."""
    return mitgeliefert_im_kreis() if stand is None else staende(ablage).im_stand(stand)


def aktuelle(ablage: Ablage) -> tuple[int | None, pd.DataFrame]:
    """(Stand oder None für die mitgelieferte Liste, aufbereitete Liste: Lage als Zahl)."""
    stand, tabelle = als_text(ablage)
    return stand, aufbereitet(tabelle)


def im_stand(ablage: Ablage, stand: int | None) -> pd.DataFrame:
    """Genau die Liste des Stands `stand` (None: die mitgelieferte), aufbereitet – nicht die gerade aktive."""
    return aufbereitet(text_im_stand(ablage, stand))


def lies_datei(inhalt: bytes, datei: str, grenzen: gpd.GeoDataFrame | None) -> pd.DataFrame:
    """Eine hochgeladene Liste (CSV/XLSX wie die Kennzahlen-Tabelle), geprüft."""
    return pruefe(listendatei.lies(inhalt, datei, LISTE), datei, grenzen)


def pruefe_editor(tabelle: pd.DataFrame, grenzen: gpd.GeoDataFrame | None) -> pd.DataFrame:
    """Eine im Browser bearbeitete Liste, geprüft wie eine Datei („Tabelle“, Zeile 2 = erste Einrichtung)."""
    return pruefe(listendatei.aus_editor(tabelle, LISTE), "Tabelle", grenzen)


def pruefe(tabelle: pd.DataFrame, datei: str, grenzen: gpd.GeoDataFrame | None) -> pd.DataFrame:
    """Alle Probleme auf einmal (Index = Zeilennummer wie in Excel); gibt die Liste als bereinigten Text zurück."""
    text = listendatei.bereinigt(tabelle.reindex(columns=SPALTEN))
    text[["lat", "lon"]] = text[["lat", "lon"]].apply(lambda s: s.str.replace(",", "."))
    kreis = kreisflaeche(grenzen)
    fehler = listendatei.grundfehler(text, LISTE, datei)
    fehler += [Meldung(datei, meldung, nr, spalte) for nr, z in zip(text.index, text.itertuples(index=False))
               for spalte, meldung in _zeilenfehler(z, kreis)]
    if fehler:
        raise UngueltigeDatei(sorted(fehler, key=lambda m: m.zeile or 0))
    return text.reset_index(drop=True)


def _zeilenfehler(z, kreis) -> list[tuple[str, str]]:
    """(Spalte, Meldung) je Problem einer Zeile, das nur Einrichtungen haben (Datum, Lage)."""
    fehler = []
    if z.seit and not (len(z.seit) == 4 and ist_ganzzahl(z.seit) or len(z.seit) == 10 and lies_datum(z.seit, False)):
        fehler.append(("seit", f"„{z.seit}“ ist kein Datum (JJJJ-MM-TT oder JJJJ)."))
    return fehler + lagefehler(z.lat, z.lon, z.genauigkeit, kreis)


def kreisflaeche(grenzen: gpd.GeoDataFrame | None) -> gpd.GeoSeries | None:
    """Die Fläche des Kreises in Metern (seine UTM-Zone), mit etwas Rand; None ohne Grenzen (dann wird „im Kreis“
    nicht geprüft)."""
    if grenzen is None:
        return None
    crs = geodaten.metrisch(grenzen)
    return gpd.GeoSeries([grenzen.to_crs(crs).union_all().buffer(TOLERANZ_M)], crs=crs)


def lagefehler(lat_text: str, lon_text: str, genauigkeit: str, kreis) -> list[tuple[str, str]]:
    """(Spalte, Meldung) zu einer Lage aus Text (Einrichtungen und Angebote ohne Einrichtung); leer = keine Lage."""
    if bool(lat_text) != bool(lon_text):
        return [("lat" if not lat_text else "lon", "Lage braucht lat und lon zusammen.")]
    if not lat_text:
        return []
    lat, lon = lies_dezimal(lat_text.replace(",", ".")), lies_dezimal(lon_text.replace(",", "."))
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return [("lat", f"„{lat_text}“/„{lon_text}“ ist keine Koordinate (Dezimalgrad, z. B. 51.986).")]
    if not genauigkeit:
        return [("genauigkeit", "Zu einer Lage gehört die genauigkeit (Gebäude, Straße, Ortsmitte, ungefähr, "
                                "geocodiert).")]
    if kreis is not None:
        punkt = gpd.GeoSeries(gpd.points_from_xy([lon], [lat]), crs="EPSG:4326").to_crs(kreis.crs).iloc[0]
        if not punkt.within(kreis.iloc[0]):
            return [("lat", f"Die Lage {lat}, {lon} liegt nicht im Kreis (lat/lon vertauscht?).")]
    return []


def lage_bestaetigen(tabelle: pd.DataFrame, zeile: int, von: str, am: date | None = None) -> pd.DataFrame:
    """Eine geokodierte Lage, wie sie ist, als geprüft übernehmen: Gebäude-genau, wer und wann, woher."""
    neu = tabelle[SPALTEN].copy()
    neu.loc[zeile, ["genauigkeit", "lage"]] = [
        "Gebäude", f"bestätigt von {von} am {(am or date.today()):%d.%m.%Y}; {neu.loc[zeile, 'lage']}"[:500]]
    return neu


def lage_setzen(tabelle: pd.DataFrame, zeile: int, lat: float, lon: float, von: str,
                am: date | None = None) -> pd.DataFrame:
    """Setzt die Lage einer Einrichtung (per Klick in die Karte): Gebäude-genau, mit Name und Datum."""
    neu = tabelle[SPALTEN].copy()
    neu.loc[zeile, ["lat", "lon", "genauigkeit", "lage"]] = [
        f"{lat:.6f}", f"{lon:.6f}", "Gebäude", f"gesetzt von {von} am {(am or date.today()):%d.%m.%Y}"]
    return neu


anmelden(LISTE, lambda tabelle, datei, gebiete: pruefe(tabelle, datei, None))  # die Lage prüft die Sicherung nicht
