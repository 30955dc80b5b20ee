"""Wie weit ein Angebot von einem Ausgangspunkt entfernt ist (Luftlinie, geopy), eingeteilt in Stufen, wie Familien
sie denken: zu Fuß (bis 1 km), mit Rad oder Bus (bis 2,5 km), weiter.

Ausgangspunkt ist ein Ort aus der Liste (eine Gemeinde, eine Einrichtung) oder eine Adresse, die der eingestellte
Geokodierungsdienst findet. Eine Adresse wird nie gespeichert (auch nicht im Zwischenspeicher der Geokodierung der
Datenpflege) und steht nie im Link.
"""

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
from geopy.distance import geodesic
from geopy.exc import GeopyError

from indikatoren.orte import geokodierung
from indikatoren.orte.einrichtungspflege import kreisflaeche

STUFEN = ((1.0, "bis 1 km"), (2.5, "1 bis 2,5 km"), (float("inf"), "weiter als 2,5 km"))
OHNE_ORT = "ohne Ort"


@dataclass(frozen=True)
class Ausgangspunkt:
    name: str
    lat: float
    lon: float


def stufe(km: float | None) -> str:
    if km is None or pd.isna(km):
        return OHNE_ORT
    return next(name for grenze, name in STUFEN if km <= grenze)


def mit_entfernung(treffer: pd.DataFrame, lagen: pd.DataFrame, punkt: Ausgangspunkt) -> pd.DataFrame:
    """Dazu `entfernung_km` (Luftlinie, leer ohne Lage) und `stufe`; `lagen`: lat, lon je Angebot (angebote.orte.lage),
    gleicher Index. Nächste zuerst, Angebote ohne Ort (auch kreisweite ohne Ort) am Ende."""
    km = [None if pd.isna(z.lat) or pd.isna(z.lon) else geodesic((punkt.lat, punkt.lon), (z.lat, z.lon)).km
          for z in lagen.reindex(treffer.index).itertuples()]
    mit = treffer.assign(entfernung_km=pd.Series(km, index=treffer.index, dtype="float64"))
    mit["stufe"] = mit["entfernung_km"].map(stufe)
    return mit.sort_values("entfernung_km", kind="stable", na_position="last")


def orte_zur_wahl(gemeinden, einrichtungen: pd.DataFrame) -> dict[str, Ausgangspunkt]:
    """Kennung (AGS oder Einrichtungskennung) -> Ausgangspunkt: jede Gemeinde (ein Punkt sicher in ihrer Fläche)
    und jede Einrichtung mit Lage. `gemeinden`: GeoDataFrame mit ags, name, geometry in WGS 84, oder None, wenn die
    Grenzen fehlen (dann nur die Einrichtungen)."""
    punkte = {}
    for g in ([] if gemeinden is None else gemeinden.itertuples()):
        p = g.geometry.representative_point()
        punkte[g.ags] = Ausgangspunkt(g.name, p.y, p.x)
    for e in einrichtungen[einrichtungen["hat_lage"]].itertuples():
        punkte[e.id] = Ausgangspunkt(e.name, float(e.lat), float(e.lon))
    return punkte


class AdresseNicht(Exception):
    """Aus einer Adresse wurde kein Ausgangspunkt; `grund`: „nicht erreichbar“, „nicht gefunden“, „außerhalb“."""

    def __init__(self, grund: str):
        super().__init__(grund)
        self.grund = grund


def von_adresse(adresse: str, name: str, grenzen: gpd.GeoDataFrame | None, geocode=None) -> Ausgangspunkt:
    """Der Ausgangspunkt an einer Adresse, die eine Familie eingibt, über den eingestellten Dienst (nicht
    gespeichert); er muss im Kreis liegen (mit Rand). `geocode` ersetzt nur in Tests den Dienst."""
    try:
        gefunden = geokodierung.adresse_finden(adresse, geokodierung.Einstellungen.aus_umgebung(), geocode)
    except (GeopyError, OSError, ValueError) as fehler:
        raise AdresseNicht("nicht erreichbar") from fehler
    if gefunden is None:
        raise AdresseNicht("nicht gefunden")
    kreis = kreisflaeche(grenzen)
    if kreis is not None:
        ort = gpd.GeoSeries(gpd.points_from_xy([gefunden[1]], [gefunden[0]]), crs="EPSG:4326").to_crs(kreis.crs)
        if not ort.iloc[0].within(kreis.iloc[0]):
            raise AdresseNicht("außerhalb")
    return Ausgangspunkt(name, gefunden[0], gefunden[1])
