"""Einrichtungen aus OpenStreetMap: ein OSM-Auszug (etwa der des Landes, .osm.pbf oder .osm) wird mit pyosmium
gelesen; Kitas, Schulen, Familienzentren, soziale Einrichtungen und Begegnungsstätten im Kreis werden ein Vorschlag
für die Einrichtungsliste, den die Stabsstelle vor dem Speichern sieht.

Der Vorschlag ergänzt, er ersetzt nicht: vorhandene Einrichtungen bleiben (mit ihrer Kennung); eine früher aus OSM
übernommene wird aktualisiert, eine gleichnamige ohne feste Lage bekommt die Lage aus OSM, neue kommen dazu. Eine
von Hand gesetzte oder veröffentlichte Lage wird nie überschrieben. OSM-Daten stehen unter der ODbL: jede Zeile
nennt „© OpenStreetMap-Mitwirkende“ in ihrer Quelle, und die Seiten zeigen die Namensnennung, wo solche
Einrichtungen erscheinen.
"""

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import osmium
import pandas as pd

from indikatoren.orte.einrichtungen import OSM_NAMENSNENNUNG, SPALTEN
from indikatoren.orte.geokodierung import fest


@dataclass(frozen=True)
class Vorschlag:
    tabelle: pd.DataFrame  # die ganze neue Liste (Text), noch nicht gespeichert
    neu: int
    aktualisiert: int
    schon_da: int  # gleichnamig mit fester Lage: bleibt, wie es ist
    ausserhalb: int  # im Auszug, aber nicht im Kreis
    ohne_namen: int


def kategorie(tags: dict[str, str]) -> str | None:
    """Die Kategorie der Einrichtungsliste zu den OSM-Merkmalen, None für alles andere."""
    art, name = tags.get("amenity", ""), tags.get("name", "")
    fuer = " ".join(tags.get(k, "") for k in ("social_facility:for", "community_centre:for", "community_centre"))
    if art in ("kindergarten", "childcare"):
        return "Kita"
    if art == "school":
        grundschule = "Grundschule" in (tags.get("school:de", "") + name) or tags.get("isced:level", "") == "1"
        return "Grundschule" if grundschule else "weiterführende Schule"
    if art in ("social_facility", "community_centre") and ("famil" in fuer or "Familienzentrum" in name):
        return "Familienzentrum"
    return {"social_facility": "Behörde/Beratung", "community_centre": "Begegnung"}.get(art)


def lies_auszug(datei: Path) -> pd.DataFrame:
    """Alle passenden Knoten und geschlossenen Wege (Mittelpunkt) mit Namen, Adresse, Lage und OSM-Verweis;
    wirft ValueError mit deutscher Meldung, wenn pyosmium die Datei nicht lesen kann (auch „lat=nan“)."""
    try:
        return _lies(datei)
    except (RuntimeError, ValueError, osmium.InvalidLocationError) as fehler:
        raise ValueError(f"{datei.name}: kein lesbarer OSM-Auszug (.osm.pbf oder .osm): {fehler}") from None


def _lies(datei: Path) -> pd.DataFrame:
    zeilen = []
    verarbeitung = osmium.FileProcessor(str(datei)).with_locations().with_filter(osmium.filter.KeyFilter("amenity"))
    for objekt in verarbeitung:
        tags = dict(objekt.tags)
        art = kategorie(tags)
        if art is None:
            continue
        if isinstance(objekt, osmium.osm.Node):
            if not objekt.location.valid():
                continue
            lat, lon, verweis = objekt.location.lat, objekt.location.lon, f"node/{objekt.id}"
        elif isinstance(objekt, osmium.osm.Way):
            punkte = [(n.location.lat, n.location.lon) for n in objekt.nodes if n.location.valid()]
            if not punkte or not objekt.is_closed():
                continue
            punkte = punkte[:-1] or punkte
            lat, lon = sum(p[0] for p in punkte) / len(punkte), sum(p[1] for p in punkte) / len(punkte)
            verweis = f"way/{objekt.id}"
        else:  # Relationen (Flächen aus mehreren Wegen) bleiben außen vor
            continue
        strasse = " ".join(t for t in (tags.get("addr:street", ""), tags.get("addr:housenumber", "")) if t)
        ort = " ".join(t for t in (tags.get("addr:postcode", ""), tags.get("addr:city", "")) if t)
        zeilen.append({"name": tags.get("name", "").strip(), "kategorie": art,
                       "adresse": ", ".join(t for t in (strasse, ort) if t), "lat": lat, "lon": lon,
                       "traeger": tags.get("operator", ""), "verweis": verweis})
    return pd.DataFrame(zeilen, columns=["name", "kategorie", "adresse", "lat", "lon", "traeger", "verweis"])


def vorschlag(aktuell: pd.DataFrame, auszug: pd.DataFrame, grenzen: gpd.GeoDataFrame) -> Vorschlag:
    """Die aktuelle Liste (Text), ergänzt um die Einrichtungen des Auszugs, die im Kreis liegen."""
    kreis = grenzen.to_crs("EPSG:4326").union_all()
    punkte = gpd.GeoSeries(gpd.points_from_xy(auszug["lon"], auszug["lat"]), crs="EPSG:4326")
    im_kreis = auszug[punkte.within(kreis).to_numpy()]
    benannt = im_kreis[im_kreis["name"] != ""]
    liste = aktuell[SPALTEN].copy().reset_index(drop=True)
    neu, aktualisiert, schon_da = [], 0, 0
    for o in benannt.itertuples():
        quelle = f"OpenStreetMap {o.verweis}, {OSM_NAMENSNENNUNG}"
        lage = {"lat": f"{o.lat:.6f}", "lon": f"{o.lon:.6f}", "genauigkeit": "Gebäude",
                "lage": f"aus OpenStreetMap ({o.verweis})", "quelle_lage": quelle}
        frueher = liste.index[liste["quelle_lage"].str.startswith(f"OpenStreetMap {o.verweis},")]
        gleich = liste.index[liste["name"].str.casefold() == o.name.casefold()]
        if len(frueher):
            liste.loc[frueher[0], list(lage)] = list(lage.values())
            liste.loc[frueher[0], ["name", "adresse"]] = [o.name, o.adresse or liste.loc[frueher[0], "adresse"]]
            aktualisiert += 1
        elif len(gleich) and not fest(liste.loc[gleich[0]]):
            liste.loc[gleich[0], list(lage)] = list(lage.values())
            aktualisiert += 1
        elif len(gleich):
            schon_da += 1
        else:
            neu.append({s: "" for s in SPALTEN} | lage | {
                "name": o.name, "kategorie": o.kategorie, "adresse": o.adresse, "traeger": o.traeger,
                "status": "in Betrieb", "quelle_adresse": quelle})
    tabelle = pd.concat([liste, pd.DataFrame(neu, columns=SPALTEN)], ignore_index=True)
    return Vorschlag(tabelle, len(neu), aktualisiert, schon_da, len(auszug) - len(im_kreis),
                     int((im_kreis["name"] == "").sum()))

