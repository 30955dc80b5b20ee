"""Gemeindegrenzen des Kreises: aus einer Datei oder dem BKG-WFS (VG250-EW), zwischengespeichert im Laufzeitordner.

Grenzen werden nicht mitgeliefert (Lizenz und Aktualität: das BKG ist die Quelle). Zur Anzeige gibt es eine
vereinfachte Fassung: in Metern (UTM-Zone des Kreises, siehe metrisch) mit Coverage-Vereinfachung, damit
Nachbargemeinden lückenlos aneinanderstoßen, und auf 5 Nachkommastellen (etwa 1 m) gerundet.
"""

import json
import time
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from indikatoren import konfiguration

NAMENSNENNUNG = "© GeoBasis-DE / BKG (2025), dl-de/by-2-0 (Daten verändert)"
WFS_TYP = "vg250-ew:vg250_gem"
SEITE = 1000  # Objekte je WFS-Abfrage
HOECHSTE_SEITEN = 50


class GeodatenFehlen(RuntimeError):
    """Grenzen sind weder als Datei noch über den WFS zu bekommen; die Meldung sagt, was zu tun ist."""


ANLEITUNG = ("Abhilfe: die Gemeindegrenzen (VG250-EW des BKG, GeoJSON, GeoPackage oder Shapefile) herunterladen "
             "und den Pfad in SOZIALPLANUNG_GEODATEN eintragen oder einmal "
             "„python -m indikatoren geodaten --datei PFAD“ ausführen.")


def lade_gemeindegrenzen(datei: Path | str | None = None, kreis: str | None = None,
                         neu: bool = False) -> gpd.GeoDataFrame:
    """Grenzen (ags, name, ewz, geometry; EPSG:4326) in voller Auflösung.

    Reihenfolge: die genannte Datei, sonst SOZIALPLANUNG_GEODATEN, sonst der Zwischenspeicher, sonst der WFS.
    Was aus Datei oder WFS kommt, wird zwischengespeichert (mit vereinfachter Anzeigefassung).
    """
    kreis = kreis or konfiguration.kreis()
    datei = datei or konfiguration.geodaten_datei()
    speicher = _speicher(kreis)
    if datei is not None:
        datei = Path(datei)
        info = _info(kreis)
        if not neu and info.get("quelle") == str(datei.resolve()) and speicher.exists() \
                and datei.exists() and speicher.stat().st_mtime >= datei.stat().st_mtime:
            return gpd.read_file(speicher)
        grenzen, quelle = _aus_datei(datei, kreis), str(datei.resolve())
    elif speicher.exists() and not neu:
        return gpd.read_file(speicher)
    else:
        if neu:
            _FEHLSCHLAEGE.pop(konfiguration.wfs_url(), None)  # ausdrücklich neu laden: sofort wieder fragen
        grenzen, quelle = _aus_wfs(kreis), konfiguration.wfs_url()
    _speichern(grenzen, kreis, quelle)
    return grenzen


def anzeigegrenzen(kreis: str | None = None) -> gpd.GeoDataFrame:
    """Die vereinfachte Fassung zum Zeichnen; lädt die Grenzen, falls noch nicht geschehen."""
    kreis = kreis or konfiguration.kreis()
    lade_gemeindegrenzen(kreis=kreis)
    return gpd.read_file(_speicher(kreis, "anzeige"))


def herkunft(kreis: str | None = None) -> dict:
    """Woher die zwischengespeicherten Grenzen stammen und wann sie geladen wurden (leer, wenn noch keine)."""
    return _info(kreis or konfiguration.kreis())


def metrisch(gebiet: gpd.GeoDataFrame | gpd.GeoSeries) -> str:
    """Das Koordinatensystem in Metern für ein Gebiet: ETRS89 in der UTM-Zone seiner Mitte (EPSG:258zz). Der Westen
    Deutschlands liegt in Zone 32, der Osten (etwa Sachsen, Brandenburg) in 33; dort verzerrte Zone 32 Entfernungen
    und Flächen merklich."""
    west, _, ost, _ = gebiet.to_crs("EPSG:4326").total_bounds
    return f"EPSG:{25800 + int(((west + ost) / 2 + 180) // 6) + 1}"


def vereinfacht(grenzen: gpd.GeoDataFrame, toleranz_m: float | None = None, stellen: int = 4) -> gpd.GeoDataFrame:
    """Anzeigefassung: Coverage-Vereinfachung in Metern, dann auf `stellen` Nachkommastellen gerundet (4 ≈ 10 m).

    Ohne Toleranz wächst sie mit dem Gebiet (Diagonale / 250, mindestens 100 m): ein Kreis wird näher
    betrachtet als ein Land, und so bleibt die Karte in beiden Fällen klein und scharf genug.
    """
    crs = metrisch(grenzen)
    in_metern = grenzen.to_crs(crs)
    if toleranz_m is None:
        west, sued, ost, nord = in_metern.total_bounds
        toleranz_m = max(100.0, ((ost - west) ** 2 + (nord - sued) ** 2) ** 0.5 / 250)
    einfach = shapely.coverage_simplify(in_metern.geometry.to_numpy(), toleranz_m)
    zurueck = gpd.GeoSeries(einfach, crs=crs).to_crs("EPSG:4326")
    gerundet = shapely.set_precision(zurueck.to_numpy(), 10**-stellen)
    return grenzen.set_geometry(gpd.GeoSeries(shapely.make_valid(gerundet), crs="EPSG:4326").to_numpy())


# --- Quellen ---------------------------------------------------------------------------------------
def _aus_datei(datei: Path, kreis: str) -> gpd.GeoDataFrame:
    if not datei.exists():
        raise GeodatenFehlen(f"Die Geodaten-Datei {datei} gibt es nicht. " + ANLEITUNG)
    try:
        roh = gpd.read_file(datei)
    except Exception as fehler:  # pyogrio meldet viele Formate mit eigenen Klassen
        raise GeodatenFehlen(f"Die Geodaten-Datei {datei} ist nicht lesbar ({fehler}). " + ANLEITUNG) from None
    return _vereinheitlicht(roh, kreis, str(datei))


_FEHLSCHLAEGE: dict[str, tuple[float, str]] = {}  # WFS-Adresse -> (Zeitpunkt, Meldung) des letzten Fehlschlags
PAUSE_NACH_FEHLER_S = 300


def _aus_wfs(kreis: str) -> gpd.GeoDataFrame:
    """Lädt vom WFS; nach einem Fehlschlag wird 5 Minuten nicht erneut gefragt, damit eine Seite ohne Netz
    nicht bei jedem Aufruf auf die Zeitüberschreitung wartet."""
    url = konfiguration.wfs_url()
    if (fehlschlag := _FEHLSCHLAEGE.get(url)) and time.monotonic() - fehlschlag[0] < PAUSE_NACH_FEHLER_S:
        raise GeodatenFehlen(fehlschlag[1])
    try:
        return _wfs_abfragen(kreis, url)
    except GeodatenFehlen as fehler:
        _FEHLSCHLAEGE[url] = (time.monotonic(), str(fehler))
        raise


def _wfs_abfragen(kreis: str, url: str) -> gpd.GeoDataFrame:
    merkmale: list[dict] = []
    for seite in range(HOECHSTE_SEITEN):
        abfrage = {"service": "WFS", "version": "2.0.0", "request": "GetFeature", "typeNames": WFS_TYP,
                   "outputFormat": "application/json", "srsName": "EPSG:4326", "count": SEITE,
                   "startIndex": seite * SEITE, "FILTER": _filter(kreis)}
        try:
            with urllib.request.urlopen(f"{url}?{urllib.parse.urlencode(abfrage)}", timeout=20) as antwort:
                teil = json.load(antwort).get("features", [])
        except (OSError, ValueError) as fehler:
            raise GeodatenFehlen(f"Die Gemeindegrenzen konnten nicht vom WFS {url} geladen werden ({fehler}). "
                                 + ANLEITUNG) from None
        merkmale += teil
        if len(teil) < SEITE:
            break
    if not merkmale:
        raise GeodatenFehlen(f"Der WFS {url} lieferte keine Gemeinden. " + ANLEITUNG)
    return _vereinheitlicht(gpd.GeoDataFrame.from_features(merkmale, crs="EPSG:4326"), kreis, url)


def _filter(kreis: str) -> str:
    """OGC-Filter auf den Kreis; ein WFS, der ihn nicht beachtet, kostet nur Zeit (es wird nachgefiltert)."""
    return ('<fes:Filter xmlns:fes="http://www.opengis.net/fes/2.0"><fes:PropertyIsLike wildCard="*" '
            'singleChar="." escapeChar="!"><fes:ValueReference>ags</fes:ValueReference>'
            f'<fes:Literal>{kreis}*</fes:Literal></fes:PropertyIsLike></fes:Filter>')


def _vereinheitlicht(roh: gpd.GeoDataFrame, kreis: str, quelle: str) -> gpd.GeoDataFrame:
    """Spalten ags, name, ewz; nur Landflächen (GF 4) des Kreises; eine Zeile je Gemeinde; EPSG:4326."""
    roh = roh.rename(columns={c: c.lower() for c in roh.columns if c != roh.geometry.name})
    if "ags" not in roh.columns:
        raise GeodatenFehlen(f"{quelle}: es fehlt die Spalte ags (Amtlicher Gemeindeschlüssel). " + ANLEITUNG)
    if "gf" in roh.columns:
        roh = roh[pd.to_numeric(roh["gf"], errors="coerce") == 4]
    roh = roh.assign(ags=roh["ags"].astype(str).str.zfill(8))
    roh = roh[roh["ags"].str.startswith(kreis)]
    if roh.empty:
        raise GeodatenFehlen(f"{quelle}: enthält keine Gemeinde des Kreises {kreis}. " + ANLEITUNG)
    if roh.crs is None:
        roh = roh.set_crs("EPSG:4326")
    roh = roh.to_crs("EPSG:4326")
    name = "name" if "name" in roh.columns else "gen"
    ewz = pd.to_numeric(roh["ewz"], errors="coerce") if "ewz" in roh.columns else pd.Series(pd.NA, index=roh.index)
    tabelle = gpd.GeoDataFrame({"ags": roh["ags"], "name": roh[name], "ewz": ewz}, geometry=roh.geometry.values,
                               crs="EPSG:4326")
    tabelle = tabelle.dissolve(by="ags", aggfunc={"name": "first", "ewz": "sum"}).reset_index()
    return tabelle[["ags", "name", "ewz", "geometry"]].sort_values("ags").reset_index(drop=True)


# --- Zwischenspeicher ------------------------------------------------------------------------------
def _ordner() -> Path:
    ordner = konfiguration.laufzeit() / "geodaten"
    ordner.mkdir(parents=True, exist_ok=True)
    return ordner


def _speicher(kreis: str, fassung: str = "voll") -> Path:
    return _ordner() / f"gemeinden_{kreis}_{fassung}.geojson"


def _info(kreis: str) -> dict:
    pfad = _ordner() / f"gemeinden_{kreis}.json"
    return json.loads(pfad.read_text(encoding="utf-8")) if pfad.exists() else {}


def _speichern(grenzen: gpd.GeoDataFrame, kreis: str, quelle: str) -> None:
    """Schreibt erst in temporäre Dateien und benennt dann um, damit nie ein halber Speicher gelesen wird."""
    dateien = {_speicher(kreis): grenzen, _speicher(kreis, "anzeige"): vereinfacht(grenzen)}
    for ziel, tabelle in dateien.items():
        tmp = ziel.with_suffix(".tmp")
        tmp.write_text(tabelle.to_json(drop_id=True), encoding="utf-8")
        tmp.replace(ziel)
    info = {"quelle": quelle, "geladen": datetime.now(UTC).isoformat(timespec="seconds"),
            "gemeinden": len(grenzen), "namensnennung": NAMENSNENNUNG}
    (_ordner() / f"gemeinden_{kreis}.json").write_text(json.dumps(info, ensure_ascii=False, indent=1),
                                                        encoding="utf-8")
