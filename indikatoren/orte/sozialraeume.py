"""Sozialräume: kleine Gebiete innerhalb der Gemeinden, die der Kreis selbst abgrenzt.

Die Stabsstelle lädt eine Grenzdatei (GeoJSON, GeoPackage oder gezipptes Shapefile) mit `id` und `name` je Fläche,
wahlweise `ags` der Gemeinde; ohne sie zählt die Gemeinde, in der die Fläche überwiegend liegt. Geprüft wird, dass
jede Fläche in ihrer Gemeinde und im Kreis liegt und keine eine andere überlappt (je mit kleiner Toleranz für
Digitalisierungsränder). Gespeichert wird als versionierte Liste wie Einrichtungen und Angebote, die Grenze als
GeoJSON je Zeile; dazu, ob die Sozialräume ihre Gemeinde ganz abdecken: nur dann ergeben sie deren Summe.
"""

import geopandas as gpd
import pandas as pd
import shapely

from indikatoren.ablage.listen import Listen
from indikatoren.einlesen import grenzdatei
from indikatoren.einlesen.tabelle_lesen import STEUERZEICHEN
from indikatoren.grundlagen import geodaten
from indikatoren.grundlagen.gebiete import Gebiete
from indikatoren.grundlagen.listenarten import KENNUNG_LAENGE, Listenart, Listenspalte
from indikatoren.grundlagen.meldungen import Meldung, UngueltigeDatei

LISTE = Listenart("sozialraeume", "Sozialraumstand", "S", (
    Listenspalte("name", "Name des Sozialraums.", pflicht=True, hoechstlaenge=200),
    Listenspalte("gemeinde", "AGS der Gemeinde, in der er liegt.", pflicht=True),
    Listenspalte("vollstaendig", "ja, wenn die Sozialräume dieser Gemeinde sie ganz abdecken (beim Einlesen "
                                 "berechnet).", erlaubt=("ja", "nein")),
    Listenspalte("geometrie", "Grenze als GeoJSON in Länge/Breite (EPSG:4326)."),
), bezeichnung="name", hoechstlaenge=5_000_000)

UEBERLAPPUNG = 0.005  # Anteil der kleineren Fläche, den zwei Sozialräume sich teilen dürfen (Digitalisierungsrand)
AUSSERHALB = 0.01  # Anteil einer Fläche, der außerhalb ihrer Gemeinde liegen darf
ABDECKUNG = 0.99  # Anteil der Gemeindefläche, ab dem ihre Sozialräume sie ganz abdecken
RAND_M2 = 2_000  # so viel Fläche gilt immer als Rand (etwa 45 m × 45 m)


def pruefe(roh: gpd.GeoDataFrame, datei: str, gebiete: Gebiete, grenzen: gpd.GeoDataFrame) -> pd.DataFrame:
    """Die Liste (id, name, gemeinde, vollstaendig, geometrie) aus den Flächen; alle Fehler auf einmal, je mit
    Zeile (Nummer der Fläche in der Datei) und Spalte."""
    roh = roh.rename(columns={c: c.lower() for c in roh.columns if c != roh.geometry.name})
    fehler = [Meldung(datei, f"Die Spalte „{s}“ fehlt.", 1, s) for s in ("id", "name") if s not in roh.columns]
    if roh.empty:
        fehler.append(Meldung(datei, "Die Datei enthält keine Fläche."))
    if roh.crs is None:
        fehler.append(Meldung(datei, "Die Datei nennt kein Koordinatensystem (etwa EPSG:25832 oder EPSG:4326)."))
    if fehler:
        raise UngueltigeDatei(fehler)
    crs = geodaten.metrisch(grenzen)
    gemeinden = grenzen[grenzen["ags"].isin(gebiete.gemeinden["ags"])].to_crs(crs).set_index("ags").geometry
    flaechen = roh.to_crs(crs).geometry
    zeilen = []
    for nr, (i, z) in enumerate(roh.iterrows(), start=1):
        zeile, geo = {"id": _text(z["id"]), "name": _text(z["name"]), "ags": _text(z.get("ags", ""))}, flaechen[i]
        probleme = _zeilenfehler(zeile, geo, gebiete)
        if not any(spalte == "geometry" for spalte, _ in probleme):  # nur eine Fläche hat eine Lage
            geo = shapely.make_valid(geo)
            gemeinde, lage = _gemeinde(geo, zeile["ags"] and gebiete.normalisiere_ags(zeile["ags"]), gemeinden,
                                       gebiete)
            probleme += lage
            zeilen.append({**zeile, "gemeinde": gemeinde, "flaeche": geo, "nr": nr})
        fehler += [Meldung(datei, text, nr, spalte) for spalte, text in probleme]
    if fehler:
        raise UngueltigeDatei(sorted(fehler, key=lambda m: m.zeile or 0))
    tabelle = gpd.GeoDataFrame(zeilen, geometry="flaeche", crs=crs)
    fehler = _doppelte(tabelle, datei) + _ueberlappungen(tabelle, datei)
    if fehler:
        raise UngueltigeDatei(fehler)
    abgedeckt = tabelle.dissolve("gemeinde").geometry.area / gemeinden.reindex(tabelle["gemeinde"].unique()).area
    return pd.DataFrame({
        "id": tabelle["id"], "name": tabelle["name"], "gemeinde": tabelle["gemeinde"],
        "vollstaendig": tabelle["gemeinde"].map(abgedeckt >= ABDECKUNG).map({True: "ja", False: "nein"}),
        "geometrie": shapely.to_geojson(shapely.set_precision(tabelle.to_crs("EPSG:4326").geometry.to_numpy(),
                                                               1e-6))})


def _gemeinde(geo, angegeben: str | None, gemeinden: gpd.GeoSeries, gebiete: Gebiete
              ) -> tuple[str, list[tuple[str, str]]]:
    """Die Gemeinde einer Fläche (angegeben, sonst die mit dem größten Anteil) und was an ihrer Lage nicht stimmt."""
    anteile = gemeinden.intersection(geo).area / geo.area
    angegeben = angegeben if angegeben in gemeinden.index else None  # ein falscher AGS ist schon gemeldet
    gemeinde = angegeben or (anteile.idxmax() if anteile.max() > 0 else "")
    if not gemeinde:
        return "", [("geometry", "Die Fläche liegt in keiner Gemeinde des Kreises.")]
    draussen = geo.area - geo.intersection(gemeinden[gemeinde]).area
    if draussen <= max(RAND_M2, AUSSERHALB * geo.area):
        return gemeinde, []
    ort = ("teils außerhalb des Kreises" if anteile.sum() < 1 - AUSSERHALB
           else f"überwiegend in {gebiete.name(anteile.idxmax())}")
    return gemeinde, [("geometry", f"{_prozent(draussen / geo.area)} der Fläche liegen außerhalb von "
                                   f"{gebiete.name(gemeinde)} ({ort}).")]


def _text(wert) -> str:
    return "" if wert is None or pd.isna(wert) else str(wert).strip()


def _prozent(anteil: float) -> str:
    return f"{anteil * 100:.1f}".replace(".", ",") + " %"


def _zeilenfehler(zeile: dict, geo, gebiete: Gebiete) -> list[tuple[str, str]]:
    fehler = []
    if not zeile["id"]:
        fehler.append(("id", "Die Kennung fehlt."))
    elif len(zeile["id"]) > KENNUNG_LAENGE or not zeile["id"].isprintable():
        fehler.append(("id", f"Die Kennung hat höchstens {KENNUNG_LAENGE} druckbare Zeichen."))
    elif zeile["id"].isdigit() or zeile["id"].upper() in {a.upper() for a in gebiete.verzeichnis["ags"]
                                                          if gebiete.ebenen.get(a) != "sozialraum"}:
        # nur Ziffern sähen in einer Kennzahlen-Tabelle aus wie ein AGS (3254002 wird zu Alfeld 03254002)
        fehler.append(("id", f"Die Kennung „{zeile['id']}“ ist ein Gebietsschlüssel oder besteht nur aus Ziffern; "
                             "bitte eine eigene mit Buchstaben wählen, etwa „ALF-01“."))
    laenge = next(s.hoechstlaenge for s in LISTE.felder if s.name == "name") or LISTE.hoechstlaenge
    if not zeile["name"]:
        fehler.append(("name", "Der Name fehlt."))
    elif len(zeile["name"]) > laenge or STEUERZEICHEN.search(zeile["name"]):
        fehler.append(("name", f"Der Name hat höchstens {laenge} Zeichen und keine unsichtbaren Steuerzeichen."))
    if zeile["ags"] and gebiete.ebenen.get(gebiete.normalisiere_ags(zeile["ags"]) or "") != "gemeinde":
        fehler.append(("ags", f"„{zeile['ags']}“ ist keine Gemeinde des Kreises {gebiete.kreis}."))
    if geo is None or geo.is_empty:
        fehler.append(("geometry", "Die Fläche hat keine Geometrie."))
    elif geo.geom_type not in ("Polygon", "MultiPolygon"):
        fehler.append(("geometry", f"Ein Sozialraum ist eine Fläche, kein {geo.geom_type}."))
    return fehler


def _doppelte(tabelle: gpd.GeoDataFrame, datei: str) -> list[Meldung]:
    doppelt = tabelle[tabelle["id"].str.upper().duplicated(keep=False)]
    return [Meldung(datei, f"Die Kennung „{z.id}“ steht mehrfach in der Datei.", z.nr, "id")
            for z in doppelt.itertuples()]


def _ueberlappungen(tabelle: gpd.GeoDataFrame, datei: str) -> list[Meldung]:
    paare = gpd.sjoin(tabelle, tabelle, predicate="intersects")
    paare = paare[paare.index < paare["index_right"]]
    fehler = []
    for i, j in zip(paare.index, paare["index_right"], strict=True):
        a, b = tabelle.loc[i], tabelle.loc[j]
        geteilt = a["flaeche"].intersection(b["flaeche"]).area
        if geteilt > max(RAND_M2, UEBERLAPPUNG * min(a["flaeche"].area, b["flaeche"].area)):
            fehler.append(Meldung(datei, f"„{a['name']}“ ({a['id']}) und „{b['name']}“ ({b['id']}) überlappen sich "
                                         f"auf {geteilt / 10_000:.1f} ha.".replace(".", ",", 1), b["nr"], "geometry"))
    return fehler


def einlesen(ablage, inhalt: bytes, datei: str, gebiete: Gebiete, grenzen: gpd.GeoDataFrame, *, von: str,
             kommentar: str) -> int | None:
    """Prüft und speichert als neuen aktiven Sozialraumstand (None: nichts geändert); wirft UngueltigeDatei."""
    return Listen(ablage, LISTE).einlesen(lambda: pruefe(grenzdatei.lies(inhalt, datei), datei, gebiete, grenzen),
                                          von=von, kommentar=kommentar, dateiname=datei)


def aktuelle(ablage, verbindung=None) -> tuple[int | None, pd.DataFrame]:
    """(Stand oder None, Liste als Text); ohne gespeicherten Stand eine leere Liste."""
    stand = Listen(ablage, LISTE).aktiver(verbindung)
    return stand, im_stand(ablage, stand, verbindung)


def im_stand(ablage, stand: int | None, verbindung=None) -> pd.DataFrame:
    """Genau die Liste des Stands `stand` (None: keiner, also leer) – nicht die, die gerade aktiv ist: wer einen Stand
    im Schlüssel seines Zwischenspeichers hat, liest so nie einen anderen."""
    if stand is None:
        return pd.DataFrame(columns=["id", *LISTE.spalten])
    return Listen(ablage, LISTE).im_stand(stand, verbindung)


def flaechen(liste: pd.DataFrame) -> gpd.GeoDataFrame:
    """Die Liste mit ihren Grenzen als GeoDataFrame (EPSG:4326), zum Zeichnen und Zuordnen."""
    geometrie = shapely.from_geojson(liste["geometrie"].tolist()) if len(liste) else []
    return gpd.GeoDataFrame(liste.drop(columns="geometrie"), geometry=list(geometrie), crs="EPSG:4326")


def zuordnen(orte: pd.DataFrame, flaechen_: gpd.GeoDataFrame) -> pd.Series:
    """Je Zeile mit Lage (Spalten lat, lon als Zahl oder Text) die Kennung des Sozialraums, in dem sie liegt, sonst
    leer: so gehören Einrichtungen und Angebote zu ihrem Sozialraum."""
    lat, lon = (pd.to_numeric(orte[s].astype(str).str.replace(",", "."), errors="coerce") for s in ("lat", "lon"))
    ergebnis = pd.Series("", index=orte.index, dtype=object)
    mit_lage = lat.notna() & lon.notna()
    if flaechen_.empty or not mit_lage.any():
        return ergebnis
    punkte = gpd.GeoDataFrame(geometry=gpd.points_from_xy(lon[mit_lage], lat[mit_lage]), index=orte.index[mit_lage],
                              crs="EPSG:4326")
    treffer = gpd.sjoin(punkte, flaechen_[["id", "geometry"]], predicate="within")
    ergebnis.loc[treffer.index] = treffer["id"].groupby(level=0).first()
    return ergebnis


def als_geojson(liste: pd.DataFrame) -> bytes:
    """Die Liste als Grenzdatei zum Weitergeben und Wiedereinlesen (Spalten id, name, ags)."""
    tabelle = flaechen(liste).rename(columns={"gemeinde": "ags"})[["id", "name", "ags", "vollstaendig", "geometry"]]
    return tabelle.to_json(drop_id=True, ensure_ascii=False).encode()
