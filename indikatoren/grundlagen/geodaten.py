"""Gemeindegrenzen des Kreises: aus einer Datei oder dem BKG-WFS (VG250-EW), zwischengespeichert im Laufzeitordner.

Grenzen werden nicht mitgeliefert (Lizenz und Aktualität: das BKG ist die Quelle). Aus derselben Quelle kommt die
Liste der Gemeinden (siehe verzeichnis): mit dem Regionalschlüssel (`ars`) auch ihre Gemeindeverbände, und aus den
VG250-Ebenen `vg250_vwg` und `vg250_krs` deren Namen und der des Kreises. Zur Anzeige gibt es eine
vereinfachte Fassung: in Metern (UTM-Zone des Kreises, siehe metrisch) mit Coverage-Vereinfachung, damit
Nachbargemeinden lückenlos aneinanderstoßen, und auf 5 Nachkommastellen (etwa 1 m) gerundet.
"""

import json
import time
import urllib.parse
import urllib.request
from datetime import UTC, date, datetime
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely

from indikatoren.grundlagen import konfiguration

NAMENSNENNUNG = "© GeoBasis-DE / BKG ({jahr}), dl-de/by-2-0 (Daten verändert)"
WFS_TYP = "vg250-ew:vg250_gem"
WFS_EBENEN = {"verbaende": "vg250-ew:vg250_vwg", "kreis": "vg250-ew:vg250_krs"}
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
    grenzen = _aktualisieren(datei or konfiguration.geodaten_datei(), kreis, neu)
    return gpd.read_file(_speicher(kreis)) if grenzen is None else grenzen[["ags", "name", "ewz", "geometry"]]


def verzeichnis(kreis: str, wfs: bool = False) -> dict | None:
    """Gemeinden (ags, name, ewz, verband), Namen der Verbände und des Kreises und das Jahr der Grenzquelle.

    Ohne `wfs` nur aus einer eingestellten Datei oder dem Zwischenspeicher (None, wenn es keins von beiden gibt),
    damit das Gemeindeverzeichnis nie auf das Netz wartet; mit `wfs` notfalls vom WFS.
    """
    datei = konfiguration.geodaten_datei()
    if not wfs and datei is None and not _speicher(kreis).exists():
        return None
    schluessel = (str(datei), datei.stat().st_mtime if datei and datei.exists() else 0, kreis)
    if schluessel in _OHNE_KREIS:  # eine große Datei ohne diesen Kreis nicht bei jedem Aufruf neu lesen
        raise GeodatenFehlen(_OHNE_KREIS[schluessel])
    try:
        _aktualisieren(datei, kreis, neu=False)
    except GeodatenFehlen as fehler:
        if datei is not None:
            _OHNE_KREIS[schluessel] = str(fehler)
        raise
    info = _info(kreis)
    if "liste" not in info:  # Zwischenspeicher einer älteren Fassung: ohne Verbände und Namen
        grenzen = gpd.read_file(_speicher(kreis))
        info["liste"] = json.loads(grenzen.assign(verband="")[["ags", "name", "ewz", "verband"]].to_json(
            orient="values"))
    return info


_OHNE_KREIS: dict[tuple, str] = {}


def namensnennung(kreis: str | None = None) -> str:
    """Die Namensnennung mit dem Jahr der geladenen Grenzen (Stand der Quelle, sonst Jahr des Bezugs)."""
    return NAMENSNENNUNG.format(jahr=herkunft(kreis).get("jahr") or date.today().year)


def _aktualisieren(datei: Path | str | None, kreis: str, neu: bool) -> gpd.GeoDataFrame | None:
    """Lädt aus Datei oder WFS, wenn der Zwischenspeicher fehlt, älter als die Datei ist oder `neu` verlangt wird,
    und gibt dann die Grenzen zurück; sonst None (der Zwischenspeicher gilt)."""
    speicher = _speicher(kreis)
    if datei is not None:
        datei = Path(datei)
        if not neu and _info(kreis).get("quelle") == str(datei.resolve()) and speicher.exists() \
                and datei.exists() and speicher.stat().st_mtime >= datei.stat().st_mtime:
            return None
        (grenzen, namen), quelle = _aus_datei(datei, kreis), str(datei.resolve())
    elif speicher.exists() and not neu:
        return None
    else:
        if neu:
            _FEHLSCHLAEGE.pop(konfiguration.wfs_url(), None)  # ausdrücklich neu laden: sofort wieder fragen
        (grenzen, namen), quelle = _aus_wfs(kreis), konfiguration.wfs_url()
    _speichern(grenzen, kreis, quelle, namen)
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
def _aus_datei(datei: Path, kreis: str) -> tuple[gpd.GeoDataFrame, dict]:
    """Eine Datei mit den Gemeinden; ein VG250-GeoPackage (Ebenen vg250_gem, vg250_vwg, vg250_krs) oder der
    VG250-Shapefile-Ordner (VG250_GEM.shp neben VG250_VWG.shp und VG250_KRS.shp) bringt die Namen mit."""
    if not datei.exists():
        raise GeodatenFehlen(f"Die Geodaten-Datei {datei} gibt es nicht. " + ANLEITUNG)
    try:
        ebenen = {name.lower(): name for name, _ in pyogrio.list_layers(datei)}
        gem = ebenen.get("vg250_gem")
        roh = gpd.read_file(datei, layer=gem) if gem else gpd.read_file(datei)
        attribute = {art: _attribute(datei, ebenen, art) for art in ("vwg", "krs")}
    except Exception as fehler:  # pyogrio meldet viele Formate mit eigenen Klassen
        raise GeodatenFehlen(f"Die Geodaten-Datei {datei} ist nicht lesbar ({fehler}). " + ANLEITUNG) from None
    grenzen = _vereinheitlicht(roh, kreis, str(datei))
    namen = _namen(attribute["vwg"], attribute["krs"], kreis)
    namen["jahr"] = _jahr(roh.rename(columns=str.lower)) or datetime.fromtimestamp(datei.stat().st_mtime, UTC).year
    return grenzen, namen


def _attribute(datei: Path, ebenen: dict[str, str], art: str) -> pd.DataFrame | None:
    """Die Sachdaten der VG250-Ebene `art` (vwg, krs) aus demselben GeoPackage oder dem Nachbar-Shapefile."""
    if f"vg250_{art}" in ebenen:
        return pyogrio.read_dataframe(datei, layer=ebenen[f"vg250_{art}"], read_geometry=False)
    if "gem" in datei.stem.lower():
        for nachbar in datei.parent.glob(f"*{datei.suffix}"):
            if nachbar.stem.lower() == datei.stem.lower().replace("gem", art):
                return pyogrio.read_dataframe(nachbar, read_geometry=False)
    return None


def _namen(verbaende: pd.DataFrame | None, kreise: pd.DataFrame | None, kreis: str) -> dict:
    """Namen („Samtgemeinde Leinebergland“, „Kreis Düren“) aus Bezeichnung und Name der VG250-Ebenen."""
    def je_schluessel(tabelle, laenge):
        if tabelle is None or tabelle.empty:
            return {}
        t = tabelle.rename(columns=str.lower)
        if not {"ars", "gen"} <= set(t.columns):
            return {}
        t = t.assign(ars=t["ars"].astype(str).str.zfill(laenge))
        t = t[t["ars"].str.startswith(kreis) & (t["ars"].str.len() == laenge)]
        bez = t["bez"].fillna("").astype(str) + " " if "bez" in t.columns else ""
        return dict(zip(t["ars"], (bez + t["gen"].astype(str)).str.strip(), strict=True))
    return {"verbaende": je_schluessel(verbaende, 9), "kreis": je_schluessel(kreise, 5).get(kreis)}


def _jahr(roh: pd.DataFrame) -> int | None:
    """Der Stand der Quelle: das späteste Wirksamkeitsdatum (VG250 `wsk`, sonst `beginn`), falls angegeben."""
    for spalte in ("wsk", "beginn"):
        if spalte in roh.columns:
            jahre = pd.to_datetime(roh[spalte], errors="coerce").dt.year
            if jahre.notna().any():
                return int(jahre.max())
    return None


_FEHLSCHLAEGE: dict[str, tuple[float, str]] = {}  # WFS-Adresse -> (Zeitpunkt, Meldung) des letzten Fehlschlags
PAUSE_NACH_FEHLER_S = 300


def _aus_wfs(kreis: str) -> tuple[gpd.GeoDataFrame, dict]:
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


def _wfs_abfragen(kreis: str, url: str) -> tuple[gpd.GeoDataFrame, dict]:
    merkmale = _wfs_merkmale(url, WFS_TYP, "ags", kreis)
    if not merkmale:
        raise GeodatenFehlen(f"Der WFS {url} lieferte keine Gemeinden. " + ANLEITUNG)
    roh = gpd.GeoDataFrame.from_features(merkmale, crs="EPSG:4326")
    grenzen = _vereinheitlicht(roh, kreis, url)
    try:  # Namen der Verbände und des Kreises: fehlen sie, bleiben Schlüssel und Vorgaben
        weitere = {art: pd.DataFrame([m["properties"] for m in _wfs_merkmale(url, typ, "ars", kreis)])
                   for art, typ in WFS_EBENEN.items()}
    except GeodatenFehlen:
        weitere = {"verbaende": None, "kreis": None}
    namen = _namen(weitere["verbaende"], weitere["kreis"], kreis)
    namen["jahr"] = _jahr(roh.rename(columns=str.lower)) or date.today().year
    return grenzen, namen


def _wfs_merkmale(url: str, typ: str, feld: str, kreis: str) -> list[dict]:
    merkmale: list[dict] = []
    for seite in range(HOECHSTE_SEITEN):
        abfrage = {"service": "WFS", "version": "2.0.0", "request": "GetFeature", "typeNames": typ,
                   "outputFormat": "application/json", "srsName": "EPSG:4326", "count": SEITE,
                   "startIndex": seite * SEITE, "FILTER": _filter(kreis, feld)}
        try:
            with urllib.request.urlopen(f"{url}?{urllib.parse.urlencode(abfrage)}", timeout=20) as antwort:
                teil = json.load(antwort).get("features", [])
        except (OSError, ValueError) as fehler:
            raise GeodatenFehlen(f"Die Gemeindegrenzen konnten nicht vom WFS {url} geladen werden ({fehler}). "
                                 + ANLEITUNG) from None
        merkmale += teil
        if len(teil) < SEITE:
            break
    return merkmale


def _filter(kreis: str, feld: str = "ags") -> str:
    """OGC-Filter auf den Kreis; ein WFS, der ihn nicht beachtet, kostet nur Zeit (es wird nachgefiltert)."""
    return ('<fes:Filter xmlns:fes="http://www.opengis.net/fes/2.0"><fes:PropertyIsLike wildCard="*" '
            'singleChar="." escapeChar="!"><fes:ValueReference>{feld}</fes:ValueReference>'
            f'<fes:Literal>{kreis}*</fes:Literal></fes:PropertyIsLike></fes:Filter>')


def _vereinheitlicht(roh: gpd.GeoDataFrame, kreis: str, quelle: str) -> gpd.GeoDataFrame:
    """Spalten ags, name, ewz, verband; nur Landflächen (GF 4) des Kreises; eine Zeile je Gemeinde; EPSG:4326.

    `verband` ist der Gemeindeverband aus dem Regionalschlüssel (9 Stellen), wo es einen gibt: eine verbandsfreie
    Gemeinde hat dort eine 0 an sechster Stelle (ARS 05358 0008 008), eine Samtgemeinde etwa 5406.
    """
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
    verband = pd.Series("", index=roh.index)
    if "ars" in roh.columns:
        ars = roh["ars"].astype(str).str.zfill(12)
        verband = ars.str[:9].where(ars.str[5] != "0", "")
    tabelle = gpd.GeoDataFrame({"ags": roh["ags"], "name": roh[name], "ewz": ewz, "verband": verband},
                               geometry=roh.geometry.values, crs="EPSG:4326")
    tabelle = tabelle.dissolve(by="ags", aggfunc={"name": "first", "ewz": "sum", "verband": "first"}).reset_index()
    if "ewz" not in roh.columns:  # die Summe leerer Werte wäre 0
        tabelle["ewz"] = pd.NA
    return tabelle[["ags", "name", "ewz", "verband", "geometry"]].sort_values("ags").reset_index(drop=True)


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


def _speichern(grenzen: gpd.GeoDataFrame, kreis: str, quelle: str, namen: dict) -> None:
    """Schreibt erst in temporäre Dateien und benennt dann um, damit nie ein halber Speicher gelesen wird."""
    liste = json.loads(grenzen[["ags", "name", "ewz", "verband"]].to_json(orient="values"))
    grenzen = grenzen[["ags", "name", "ewz", "geometry"]]
    dateien = {_speicher(kreis): grenzen, _speicher(kreis, "anzeige"): vereinfacht(grenzen)}
    for ziel, tabelle in dateien.items():
        tmp = ziel.with_suffix(".tmp")
        tmp.write_text(tabelle.to_json(drop_id=True), encoding="utf-8")
        tmp.replace(ziel)
    info = {"quelle": quelle, "geladen": datetime.now(UTC).isoformat(timespec="seconds"),
            "gemeinden": len(grenzen), "jahr": namen["jahr"], "kreisname": namen["kreis"],
            "verbaende": namen["verbaende"], "liste": liste}
    (_ordner() / f"gemeinden_{kreis}.json").write_text(json.dumps(info, ensure_ascii=False, indent=1),
                                                        encoding="utf-8")
