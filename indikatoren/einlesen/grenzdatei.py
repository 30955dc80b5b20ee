"""Hochgeladene Grenzdateien (Sozialräume) lesen – nur die drei vorgesehenen Formate, jedes mit seinem Leser.

GDAL öffnet jede Datei, deren Format es am Inhalt erkennt, auch eine OGR-VRT-Datei unter falschem Namen, die
andere Dateien des Servers oder Adressen im Netz liest. Darum entscheidet hier der Inhalt, bevor GDAL etwas sieht:
- GeoJSON (beginnt mit „{“) liest Python als JSON, ohne GDAL; das Koordinatensystem steht im alten Feld „crs“ als
  EPSG-Code oder fehlt (dann Länge/Breite, RFC 7946).
- GeoPackage (SQLite mit der Kennung „GPKG“ im Kopf) und Shapefile (im ZIP, .shp mit der Dateikennung 9994) gibt
  es GDAL als eigene Datei unter festem Namen in einem leeren Ordner; andere Teile des ZIPs werden nicht entpackt.
Danach: endliche Koordinaten, die zum Koordinatensystem passen, und eine begrenzte Zahl von Flächen und Punkten.
"""

import json
import re
import tempfile
import warnings
from pathlib import Path, PurePosixPath

import geopandas as gpd
import numpy as np
import pyogrio
import shapely
from shapely.geometry import shape

from indikatoren.einlesen import zipdatei
from indikatoren.grundlagen.meldungen import Meldung, UngueltigeDatei
from indikatoren.grundlagen.zahlenformat import zahl

HOECHSTGROESSE = 20 * 1024 * 1024
HOECHSTE_FLAECHEN = 2_000
HOECHSTE_PUNKTE = 500_000
SHAPEFILE_TEILE = (".shp", ".shx", ".dbf", ".prj", ".cpg")
SHAPEFILE_GRENZEN = zipdatei.Grenzen(teile=50, teilgroesse=HOECHSTGROESSE * 4, gesamt=HOECHSTGROESSE * 5,
                                     endungen=SHAPEFILE_TEILE)
_EPSG = re.compile(r"EPSG(?::+|/\d+/)(\d{4,5})$", re.IGNORECASE)


def lies(inhalt: bytes, datei: str) -> gpd.GeoDataFrame:
    """Die Flächen einer hochgeladenen Datei; wirft UngueltigeDatei mit deutscher Meldung."""
    def fehler(text):
        return UngueltigeDatei([Meldung(datei, text)])

    if not inhalt:
        raise fehler("Die Datei ist leer.")
    if len(inhalt) > HOECHSTGROESSE:
        raise fehler(f"Die Datei ist {zahl(len(inhalt) / 1024 / 1024, 1)} MB groß; erlaubt sind höchstens 20 MB.")
    if inhalt.lstrip()[:1] == b"{":
        roh = _geojson(inhalt, fehler)
    elif inhalt.startswith(b"SQLite format 3\x00") and inhalt[68:72] in (b"GPKG", b"GP10", b"GP11"):
        roh = _mit_gdal({"flaechen.gpkg": inhalt}, "flaechen.gpkg", fehler)
    elif inhalt.startswith(b"PK\x03\x04"):
        roh = _shapefile(inhalt, datei, fehler)
    else:
        raise fehler("Die Datei ist keine Grenzdatei in einem der vorgesehenen Formate: GeoJSON, GeoPackage oder "
                     "Shapefile als ZIP (mit .shp, .shx, .dbf, .prj).")
    return _geprueft(roh, fehler)


def _geojson(inhalt: bytes, fehler) -> gpd.GeoDataFrame:
    try:
        daten = json.loads(inhalt.decode("utf-8-sig"))
    except RecursionError:
        raise fehler("Die GeoJSON-Datei ist zu tief verschachtelt.") from None
    except (UnicodeDecodeError, ValueError) as e:
        raise fehler(f"Die Datei ist kein gültiges GeoJSON ({type(e).__name__}).") from None
    if not isinstance(daten, dict) or daten.get("type") != "FeatureCollection" or not isinstance(
            daten.get("features"), list):
        raise fehler("Das GeoJSON ist keine FeatureCollection (eine Liste von Flächen mit Eigenschaften).")
    if len(daten["features"]) > HOECHSTE_FLAECHEN:
        raise fehler(f"Die Datei hat {zahl(len(daten['features']))} Flächen; erlaubt sind höchstens "
                     f"{zahl(HOECHSTE_FLAECHEN)}.")
    zeilen, geometrien = [], []
    for nr, f in enumerate(daten["features"], start=1):
        if not isinstance(f, dict):
            raise fehler(f"Fläche {nr} ist kein GeoJSON-Feature.")
        eigenschaften = f.get("properties")
        if not isinstance(eigenschaften, dict):
            eigenschaften = {}
        zeilen.append({k: v if isinstance(v, str | int | float) or v is None else str(v)
                       for k, v in eigenschaften.items() if isinstance(k, str)})
        try:
            geometrien.append(shape(f["geometry"]) if f.get("geometry") else None)
        except Exception as e:  # shapely meldet kaputte Koordinatenlisten mit vielen Klassen
            raise fehler(f"Die Geometrie von Fläche {nr} ist ungültig ({type(e).__name__}).") from None
    return gpd.GeoDataFrame(zeilen, geometry=geometrien, crs=_crs(daten.get("crs"), fehler))


def _crs(angabe, fehler) -> str:
    if angabe is None:
        return "EPSG:4326"
    name = angabe.get("properties", {}).get("name", "") if isinstance(angabe, dict) else ""
    name = name if isinstance(name, str) else ""
    if name.upper().endswith("CRS84"):
        return "EPSG:4326"
    treffer = _EPSG.search(name)
    if not treffer:
        raise fehler(f"Das Koordinatensystem „{name[:100]}“ ist nicht als EPSG-Code angegeben (etwa "
                     "„urn:ogc:def:crs:EPSG::25832“).")
    return f"EPSG:{treffer.group(1)}"


def _shapefile(inhalt: bytes, datei: str, fehler) -> gpd.GeoDataFrame:
    teile = zipdatei.entpacken(inhalt, datei, SHAPEFILE_GRENZEN, "ZIP-Datei")
    shp = [n for n in teile if n.lower().endswith(".shp")]
    if len(shp) != 1:
        raise fehler("Im ZIP steht kein Shapefile (.shp)." if not shp
                     else f"Im ZIP stehen {len(shp)} Shapefiles; bitte genau eines hochladen.")
    stamm = PurePosixPath(shp[0]).with_suffix("")
    dazu = {f"flaechen{PurePosixPath(n).suffix.lower()}": d for n, d in teile.items()
            if PurePosixPath(n).with_suffix("") == stamm}
    if not dazu["flaechen.shp"].startswith(b"\x00\x00\x27\x0a"):
        raise fehler(f"„{shp[0][:200]}“ ist keine Shapefile-Datei.")
    fehlt = [e for e in (".shx", ".dbf") if f"flaechen{e}" not in dazu]
    if fehlt:
        raise fehler(f"Zum Shapefile fehlen im ZIP: {', '.join(fehlt)}.")
    return _mit_gdal(dazu, "flaechen.shp", fehler)


def _mit_gdal(dateien: dict[str, bytes], haupt: str, fehler) -> gpd.GeoDataFrame:
    """Schreibt die erkannten Dateien unter festen Namen in einen leeren Ordner und liest sie mit pyogrio."""
    with tempfile.TemporaryDirectory() as ordner:
        for name, daten in dateien.items():
            (Path(ordner) / name).write_bytes(daten)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                return pyogrio.read_dataframe(Path(ordner) / haupt, max_features=HOECHSTE_FLAECHEN + 1)
        except Exception as e:  # pyogrio meldet jedes Format mit eigenen Klassen
            raise fehler(f"Die Datei ist keine lesbare Grenzdatei ({type(e).__name__}).") from None


def _geprueft(roh: gpd.GeoDataFrame, fehler) -> gpd.GeoDataFrame:
    """Zahl der Flächen und Punkte begrenzt, Koordinaten endlich und passend zum Koordinatensystem."""
    if len(roh) > HOECHSTE_FLAECHEN:
        raise fehler(f"Die Datei hat mehr als {zahl(HOECHSTE_FLAECHEN)} Flächen.")
    geometrien = roh.geometry.to_numpy()
    punkte = int(shapely.get_num_coordinates(geometrien).sum()) if len(roh) else 0
    if punkte > HOECHSTE_PUNKTE:
        raise fehler(f"Die Grenzen haben {zahl(punkte)} Punkte; erlaubt sind höchstens {zahl(HOECHSTE_PUNKTE)} "
                     "(bitte vereinfachen, etwa auf 1 m).")
    koordinaten = shapely.get_coordinates(geometrien[~shapely.is_missing(geometrien)]) if len(roh) else \
        np.zeros((0, 2))
    if not np.isfinite(koordinaten).all():
        raise fehler("Die Grenzen enthalten ungültige Koordinaten (unendlich oder keine Zahl).")
    if roh.crs is not None and roh.crs.is_geographic and len(koordinaten) and (
            np.abs(koordinaten[:, 0]).max() > 180 or np.abs(koordinaten[:, 1]).max() > 90):
        raise fehler(f"Die Koordinaten passen nicht zum Koordinatensystem {roh.crs.to_string()} (Länge/Breite): "
                     f"Werte bis {float(np.abs(koordinaten).max()):.6g}. Ist die Datei in Metern (etwa "
                     "EPSG:25832) und das Koordinatensystem falsch angegeben?")
    if roh.crs is not None and len(koordinaten):
        try:
            umgerechnet = shapely.get_coordinates(roh.geometry.dropna().to_crs("EPSG:4326").to_numpy())
        except Exception as e:  # pyproj meldet unbekannte Systeme mit eigenen Klassen
            raise fehler(f"Das Koordinatensystem lässt sich nicht umrechnen ({type(e).__name__}).") from None
        if not np.isfinite(umgerechnet).all() or np.abs(umgerechnet[:, 1]).max() > 90:
            raise fehler(f"Die Koordinaten passen nicht zum Koordinatensystem {roh.crs.to_string()}.")
    return roh
