"""Die Choroplethenkarte mit Einrichtungen, gebaut mit folium – ohne ein einziges Skript von einem CDN.

Leaflet kommt aus dem PyPI-Paket xstatic-leaflet und wird von der App selbst ausgeliefert (static/); jQuery,
Bootstrap und Font Awesome, die folium sonst lädt, braucht diese Karte nicht (Kreise und DivIcons statt
Awesome-Markers). Die Legende ist eigenes HTML, weil streamlit-folium für branca-Farbskalen d3 vom CDN holt.
"""

import functools
import hashlib
import os
import re
import shutil
import time
from pathlib import Path

import folium
import geopandas as gpd
import pandas as pd
from branca.element import Element, MacroElement
from jinja2 import Template

from angebote import katalog
from angebote.orte import hat_aktive, je_lebensphase
from darstellung.maskierung import html, skript_json
from darstellung.tabellen import monat_text, nte_text, tag_text, wert_text
from indikatoren.grundlagen.geodaten import namensnennung as grenzen_namensnennung
from indikatoren.grundlagen.katalog import Indikator
from indikatoren.orte.einrichtungen import OSM_NAMENSNENNUNG, Umkreis, namensnennung
from indikatoren.rechnen.berechnung import AUSGEWIESEN, Status
from indikatoren.rechnen.klassen import Klassen

STATIC = Path(__file__).resolve().parent.parent / "static"  # liefert Streamlit aus (server.enableStaticServing)
STATIC_PFAD = "/app/static"
LEAFLET_PFAD = f"{STATIC_PFAD}/leaflet"
BASEMAP_DE = ("https://sgx.geodatenzentrum.de/wmts_basemapde/tile/1.0.0/de_basemapde_web_raster_grau/default/"
              "GLOBAL_WEBMERCATOR/{z}/{y}/{x}.png")
BASEMAP_DE_NAMENSNENNUNG = "Hintergrund: © basemap.de / BKG (2025)"
FARBE_NICHT_AUSWEISBAR = "#8c8c8c"
FARBE_KEINE_DATEN = "#ffffff"
DECKKRAFT = 0.85  # Flächen und Legende gleich: die Karte ist so kräftig wie ihre Legende

# Ebenen der Einrichtungen: Kategorie -> (Ebenenname, Farbe aus der Okabe-Ito-Palette, Form). Jede Kategorie hat
# eine eigene Form, damit sie nicht nur an der Farbe zu erkennen ist (WCAG 1.4.1).
EBENEN = {
    "Kita": ("Kitas", "#0072B2", "kreis"),
    "Grundschule": ("Grundschulen", "#009E73", "quadrat"),
    "weiterführende Schule": ("Weiterführende Schulen", "#56B4E9", "dreieck"),
    "Familienzentrum": ("Familienzentrum", "#D55E00", "stern"),
    "Behörde/Beratung": ("Behörden und Beratung", "#CC79A7", "raute"),
    "Begegnung": ("Begegnungsorte", "#E69F00", "sechseck"),
}
FORMEN = {  # SVG-Umrisse in einem Feld von 20 × 20
    "kreis": '<circle cx="10" cy="10" r="7"/>',
    "quadrat": '<rect x="3.5" y="3.5" width="13" height="13"/>',
    "dreieck": '<polygon points="10,2 18,17 2,17"/>',
    "raute": '<polygon points="10,1.5 18.5,10 10,18.5 1.5,10"/>',
    "sechseck": '<polygon points="10,2 17,6 17,14 10,18 3,14 3,6"/>',
    "stern": '<polygon points="10,1 12.6,7.2 19,7.6 14,11.8 15.6,18.5 10,14.8 4.4,18.5 6,11.8 1,7.6 7.4,7.2"/>',
}


def symbol(form: str, farbe: str, ungefaehr: bool = False, groesse: int = 20) -> str:
    """Das Kartensymbol einer Kategorie als SVG, für Karte, Legende und Ebenenwahl; gestrichelt: Lage ungefähr."""
    strich = ' stroke-dasharray="3 2"' if ungefaehr else ""
    fuellung = "#ffffff" if ungefaehr else farbe
    rand = farbe if ungefaehr else "#000"
    return (f'<svg width="{groesse}" height="{groesse}" viewBox="0 0 20 20" aria-hidden="true" '
            f'style="vertical-align:middle;overflow:visible"><g fill="{fuellung}" stroke="{rand}" '
            f'stroke-width="{2.5 if ungefaehr else 1.5}"{strich}>{FORMEN[form]}</g></svg>')


def leaflet_bereitstellen(static: Path = STATIC) -> Path:
    """Kopiert Leaflet aus xstatic-leaflet nach static/leaflet (einmal je Version), damit die App es ausliefert."""
    import xstatic.pkg.leaflet as xleaflet

    ziel = static / "leaflet"
    marke = ziel / f".version-{xleaflet.VERSION}"
    if not marke.exists():
        quelle = Path(xleaflet.BASE_DIR)
        ziel.mkdir(parents=True, exist_ok=True)
        for name in ("leaflet.js", "leaflet.css"):
            shutil.copy2(quelle / name, ziel / name)
        shutil.copytree(quelle / "images", ziel / "images", dirs_exist_ok=True)
        marke.touch()
    return ziel


def basemap_einstellung(wert: str) -> tuple[str, str] | None:
    """(Kachel-URL, Namensnennung) für `basemapde`, eine eigene URL-Vorlage, oder None für `keine`."""
    if wert == "keine":
        return None
    if wert == "basemapde":
        return BASEMAP_DE, BASEMAP_DE_NAMENSNENNUNG
    return wert, "Hintergrundkarte: siehe SOZIALPLANUNG_BASEMAP"


def flaechendaten(grenzen: gpd.GeoDataFrame) -> dict:
    """GeoJSON der Gemeinden mit allem, was nicht vom Indikator abhängt: AGS, Name (roh für Beschriftung und
    Screenreader, maskiert als Kopf des Tooltips), Namenspunkt, Fläche (wer bei Überdeckung stehen bleibt) und ob
    dort jemand wohnt: gemeindefreie Gebiete (Forsten, 0 Einwohner) heißen oft wie eine Nachbargemeinde und tragen
    darum keinen Namen auf der Karte."""
    merkmale = []
    for gemeinde in grenzen.itertuples():
        punkt = gemeinde.geometry.representative_point()  # liegt sicher in der Fläche, anders als der Schwerpunkt
        merkmale.append({"type": "Feature", "geometry": gemeinde.geometry.__geo_interface__, "properties": {
            "ags": gemeinde.ags, "name": gemeinde.name, "kopf": f"<b>{html(gemeinde.name)}</b>",
            "punkt": [round(punkt.y, 5), round(punkt.x, 5)], "flaeche": round(gemeinde.geometry.area, 8),
            "bewohnt": bewohnt(gemeinde)}})
    return {"type": "FeatureCollection", "features": merkmale}


def bewohnt(gemeinde) -> bool:
    """Wohnt dort jemand? (Zeile der Grenzen; ohne Einwohnerzahl: ja.) Gemeindefreie Gebiete tragen keinen Namen."""
    ewz = getattr(gemeinde, "ewz", None)
    return bool(pd.isna(ewz) or ewz > 0)


def faerbedaten(grenzen: gpd.GeoDataFrame, werte: pd.DataFrame, klassen: Klassen | None, indikator: Indikator
                ) -> dict:
    """Was sich mit Indikator, Jahr und Klassen ändert, knapp, denn das allein geht bei einem Wechsel über die
    Leitung: der Indikator (roh und maskiert), die Stichtage einmal, je AGS [Farbe, Status, Wert, Nummer des
    Stichtags oder -1, „jedes n. Kind“]. Tooltip und Beschriftung setzt das Skript der Karte daraus zusammen."""
    spalten = ["ags", "wert", "status", "stichtag_sgb2", "stichtag_bev"]
    zeilen = {z.ags: z for z in werte.reindex(columns=spalten).itertuples()}
    stichtage: dict[str, int] = {}
    gemeinden = {}
    for ags in grenzen["ags"]:
        w = zeilen.get(ags)
        status = Status.FEHLT if w is None else w.status
        wert = None if w is None else w.wert
        farbe = (FARBE_NICHT_AUSWEISBAR if status == Status.NICHT_AUSWEISBAR else
                 (klassen.farbe(wert) if klassen and status in AUSGEWIESEN else None) or FARBE_KEINE_DATEN)
        stichtag = -1 if w is None else stichtage.setdefault(
            f"Stichtag: {monat_text(w.stichtag_sgb2)}, Bevölkerung {tag_text(w.stichtag_bev)}", len(stichtage))
        gemeinden[ags] = [farbe, status, wert_text(wert, status), stichtag,
                          "" if w is None else nte_text(wert, status, indikator)]
    return {"kurz": indikator.kurz, "kurz_html": html(indikator.kurz), "stichtage": list(stichtage),
            "gemeinden": gemeinden}


def faerbung(grenzen: gpd.GeoDataFrame, werte: pd.DataFrame, klassen: Klassen | None, indikator: Indikator
             ) -> folium.FeatureGroup:
    """Die Färbung als eigene, leere Ebene, deren Skript die Flächen der Grundlage umfärbt (für st_folium:
    feature_group_to_add)."""
    ebene = folium.FeatureGroup(name="Färbung", control=False)
    _Faerbung(faerbedaten(grenzen, werte, klassen, indikator)).add_to(ebene)
    return ebene


def grundkarte(grenzen: gpd.GeoDataFrame, basemap: str) -> folium.Map:
    """Leere Karte auf den Kreis eingepasst: Leaflet von der App, Hintergrund nach Einstellung, Maßstab in km,
    Namensnennung der Grenzen."""
    karte = _leere_karte(grenzen)
    west, sued, ost, nord = grenzen.total_bounds
    kacheln = basemap_einstellung(basemap)
    if kacheln:
        folium.TileLayer(tiles=kacheln[0], attr=kacheln[1], name="Hintergrundkarte", max_zoom=19,
                         control=False).add_to(karte)
    karte.fit_bounds([[sued, west], [nord, ost]])
    # Leaflet bricht Tooltips nie um; lange (Angebote einer Einrichtung) liefen sonst aus der Karte
    karte.get_root().header.add_child(Element(
        "<style>.leaflet-tooltip{white-space:normal;width:max-content;max-width:340px}</style>"))
    _Namensnennung(grenzen_namensnennung()).add_to(karte)
    _Massstab().add_to(karte)
    _Deutsch().add_to(karte)
    return karte


def _leere_karte(grenzen: gpd.GeoDataFrame) -> folium.Map:
    west, sued, ost, nord = grenzen.total_bounds
    karte = folium.Map(location=[(sued + nord) / 2, (west + ost) / 2], zoom_start=10, tiles=None,
                       control_scale=False, zoom_control=True, zoom_snap=0.25)
    karte.default_js = [("leaflet", f"{LEAFLET_PFAD}/leaflet.js")]
    karte.default_css = [("leaflet_css", f"{LEAFLET_PFAD}/leaflet.css")]
    return karte


def choroplethenkarte(grenzen: gpd.GeoDataFrame, werte: pd.DataFrame, klassen: Klassen | None,
                      indikator: Indikator, einrichtungen: pd.DataFrame | None = None,
                      umkreis: Umkreis | None = None, basemap: str = "keine", schrift_px: int = 13) -> folium.Map:
    """Gemeinden in Klassenfarben, Einrichtungen als schaltbare Ebenen, Umkreise um das Familienzentrum: die
    Grundlage mit ihrer Färbung in einem Dokument."""
    karte = grundlage(grenzen, einrichtungen, umkreis, basemap, schrift_px)
    faerbung(grenzen, werte, klassen, indikator).add_to(karte)
    return karte


def grundlage(grenzen: gpd.GeoDataFrame, einrichtungen: pd.DataFrame | None = None, umkreis: Umkreis | None = None,
              basemap: str = "keine", schrift_px: int = 13) -> folium.Map:
    """Alles an der Karte, was sich mit Indikator, Jahr und Klassen nicht ändert: Flächen (noch ohne Farbe), Namen,
    Einrichtungen, Umkreise, Ebenenwahl."""
    karte = grundkarte(grenzen, basemap)
    _Gemeindeflaechen(flaechendaten(grenzen), schrift_px).add_to(karte)
    if umkreis is not None:
        _umkreise(umkreis).add_to(karte)
    if einrichtungen is not None:
        for ebene in _einrichtungsebenen(einrichtungen, karte):
            ebene.add_to(karte)
    folium.LayerControl(collapsed=True).add_to(karte)
    return karte


def auslagern(karte: folium.Map, static: Path = STATIC, bereich: str = "") -> str:
    """Schreibt das Skript der Grundlage als statische Datei, benannt nach dem Hash des Inhalts, und gibt ihre
    Adresse zurück. Der Browser lädt sie einmal und behält sie; über den Websocket geht dann bei jedem Wechsel
    nur noch der Stellvertreter mit der Färbung statt der ganzen Geometrie (53 KB im Kreis, 3,8 MB im Bund).
    `bereich` trennt die Dateien verschiedener Datenbanken, die aus demselben Ordner laufen (etwa zwei Kreise)."""
    dokument = karte.get_root()
    dokument.render()
    name = karte.get_name()
    stile = "".join(text for n, e in dokument.header._children.items()
                    if n != name and (text := e.render()).lstrip().startswith("<style"))
    skripte = "\n".join(e.render() for n, e in dokument.script._children.items() if n != name)
    inhalt = (f"window.sozialkarte = function ({name}) {{\n"
              f"document.head.insertAdjacentHTML('beforeend', {skript_json(stile)});\n{skripte}\n}};\n")
    # folium benennt seine Variablen zufällig; durchgezählt hat derselbe Stand denselben Hash, in jedem Prozess
    nummern: dict[str, str] = {}
    inhalt = re.sub(r"_([0-9a-f]{32})(?![0-9a-f])", lambda m: "_" + nummern.setdefault(m[1], str(len(nummern))),
                    inhalt).encode()
    ordner = static / "karten" / bereich if bereich else static / "karten"
    ordner.mkdir(parents=True, exist_ok=True)
    datei = ordner / f"{hashlib.sha256(inhalt).hexdigest()[:24]}.js"
    if not datei.exists():  # mehrere Prozesse schreiben denselben Inhalt: erst vollständig, dann umbenannt
        teil = datei.with_suffix(f".{os.getpid()}.tmp")
        teil.write_bytes(inhalt)
        teil.replace(datei)
    return f"{STATIC_PFAD}/{datei.relative_to(static).as_posix()}"


def bereich(*teile: str) -> str:
    """Ein kurzer Ordnername je Datenbank (aus ihrer Adresse und dem Kreis), ohne die Adresse preiszugeben."""
    return hashlib.sha256("\x1f".join(teile).encode()).hexdigest()[:12]


def stellvertreter(grenzen: gpd.GeoDataFrame, adresse: str) -> folium.Map:
    """Eine leere Karte, die die ausgelagerte Grundlage (auslagern) lädt und zeichnet; st_folium bekommt nur sie."""
    karte = _leere_karte(grenzen)
    karte.default_js = [*karte.default_js, ("grundlage", adresse)]
    _Aufruf().add_to(karte)
    return karte


@functools.cache  # einmal je Prozess
def alte_grundlagen_entfernen(static: Path = STATIC, tage: float = 2) -> None:
    """Beim Start: ausgelagerte Grundlagen, die `tage` nicht benutzt wurden (jede Seite, die eine zeigt, vermerkt das:
    benutzt), fallen weg, auch die anderer Datenbanken; leere Ordner ebenso. Wird eine noch gebraucht, baut die Seite
    sie neu (pages/_zwischenspeicher._vorhanden)."""
    grenze = time.time() - tage * 86400
    karten = static / "karten"
    for datei in sorted(karten.rglob("*"), reverse=True):  # erst Dateien, dann ihre Ordner
        if datei.is_file() and datei.stat().st_mtime < grenze:
            datei.unlink(missing_ok=True)
        elif datei.is_dir() and not any(datei.iterdir()):
            datei.rmdir()


def benutzt(adresse: str, static: Path = STATIC) -> bool:
    """Vermerkt, dass eine ausgelagerte Grundlage gerade gebraucht wird; False, wenn es sie nicht (mehr) gibt."""
    datei = static / adresse.removeprefix(STATIC_PFAD + "/")
    try:
        os.utime(datei)
    except FileNotFoundError:
        return False
    return True


def wegweisergrundlage(grenzen: gpd.GeoDataFrame, basemap: str) -> folium.Map:
    """Was an der Karte des Wegweisers nicht von der Suche abhängt: die Gemeindegrenzen als Linien (für auslagern)."""
    karte = grundkarte(grenzen, basemap)
    folium.GeoJson(grenzen[["name", "geometry"]].__geo_interface__, name="Gemeinden",
                   style_function=lambda _: {"color": "#555555", "weight": 1, "fill": False}).add_to(karte)
    return karte


def wegweiserorte(orte: pd.DataFrame, eigene: pd.DataFrame) -> folium.FeatureGroup:
    """Die Punkte einer Suche als eine Ebene (für st_folium: feature_group_to_add); tragen gezeigte Daten aus
    OpenStreetMap, nennt die Ebene dessen Namensnennung, solange sie auf der Karte ist."""
    osm = namensnennung(orte) or namensnennung(eigene)
    ebene = folium.FeatureGroup(name="Orte", control=False, **({"attribution": OSM_NAMENSNENNUNG} if osm else {}))
    for e in orte.itertuples():
        farbe = EBENEN.get(e.kategorie, ("", "#333333"))[1]
        folium.CircleMarker([e.lat, e.lon], radius=10, color="#000000", weight=2, fill=True, fill_color=farbe,
                            fill_opacity=0.9, class_name="angebotsort",
                            tooltip=_Tooltip(_einrichtung_text(e))).add_to(ebene)
    for a in eigene.itertuples():
        rand = "2px dashed" if a.ungefaehr else "2px solid"
        folium.Marker([a.lat, a.lon], tooltip=_Tooltip(_angebot_text(a)), icon=folium.DivIcon(
            html=f'<div style="width:16px;height:16px;transform:rotate(45deg);background:#fff;border:{rand} #000">'
                 "</div>", icon_size=(20, 20), icon_anchor=(10, 10), class_name="angebot-eigener-ort")).add_to(ebene)
    return ebene


def _angebot_text(a) -> str:
    teile = [f"<b>{html(a.titel)}</b>" + (" <i>(geplant)</i>" if a.status == "geplant" else ""),
             html(a.adresse), f"Lebensphasen: {html(', '.join(katalog.phasen(a.lebensphasen)))}"]
    if a.ungefaehr:
        teile.append(f"<i>Lage ungefähr: {html(a.lage or a.genauigkeit)}</i>")
    return "<br>".join(teile)


def lagekarte(grenzen: gpd.GeoDataFrame, einrichtungen: pd.DataFrame, basemap: str) -> folium.Map:
    """Zum Setzen einer Lage: Gemeindegrenzen als Linien, alle Einrichtungen. Der angeklickte Punkt kommt als
    eigene Ebene dazu (neue_lage), damit die Karte beim Klick nicht neu gezeichnet wird und dort bleibt, wo man ist."""
    karte = grundkarte(grenzen, basemap)
    folium.GeoJson(grenzen[["name", "geometry"]].__geo_interface__, name="Gemeinden",
                   style_function=lambda _: {"color": "#333333", "weight": 1, "fill": False}).add_to(karte)
    for ebene in _einrichtungsebenen(einrichtungen, karte):
        ebene.add_to(karte)
    return karte


def neue_lage(punkt: tuple[float, float] | None) -> folium.FeatureGroup:
    """Der angeklickte Punkt der Lagekarte (leer, solange nichts gewählt ist)."""
    ebene = folium.FeatureGroup(name="neue Lage")
    if punkt:
        folium.CircleMarker(punkt, radius=8, color="#000000", weight=3, fill=True, fill_color="#ffffff",
                            tooltip=_Tooltip("neue Lage")).add_to(ebene)
    return ebene


def legende_html(klassen: Klassen | None, indikator: Indikator, schrift_px: int = 13,
                 einrichtungen: pd.DataFrame | None = None, umkreis: Umkreis | None = None) -> str:
    """Legende neben der Karte (HTML für st.markdown): Klassen in den Farben der Karte und die Symbole der gezeigten
    Einrichtungen. In der Karte verdeckte sie Gemeinden oder ließe den Kreis schrumpfen."""
    zeilen = [] if klassen is None else list(zip(klassen.farben, klassen.beschriftungen()))
    zeilen += [(FARBE_NICHT_AUSWEISBAR, "nicht ausweisbar"), (FARBE_KEINE_DATEN, "keine Daten")]
    ohne_wert = (FARBE_NICHT_AUSWEISBAR, FARBE_KEINE_DATEN)
    eintraege = "".join(
        f'<div><span style="display:inline-block;width:1.4em;height:0.95em;margin-right:6px;vertical-align:middle;'
        f'background:{farbe};opacity:{DECKKRAFT};border:1px {"dashed" if farbe in ohne_wert else "solid"} #333">'
        f'</span>{html(text)}</div>' for farbe, text in zeilen)
    if einrichtungen is not None:
        gezeigt = set(einrichtungen.loc[einrichtungen["hat_lage"], "kategorie"])
        symbole = [f'<div>{symbol(form, farbe, groesse=int(schrift_px * 1.3))} {html(name)}</div>'
                   for kategorie, (name, farbe, form) in EBENEN.items() if kategorie in gezeigt]
        if symbole:
            eintraege += ('<div style="margin-top:4px"><b>Einrichtungen</b></div>' + "".join(symbole)
                          + f'<div>{symbol("kreis", "#555555", True, int(schrift_px * 1.3))} Lage ungefähr</div>')
            if "angebote" in einrichtungen.columns:
                eintraege += ('<div><span style="display:inline-block;width:1.1em;height:1.1em;border:2px solid #000;'
                              'border-radius:50%;vertical-align:middle"></span> mit aktiven Angeboten</div>')
    if umkreis is not None:
        eintraege += ('<div><span style="display:inline-block;width:1.4em;border-top:2px dashed #D55E00;'
                      'vertical-align:middle"></span> 500 m und 1 km um das Familienzentrum</div>')
    return (f'<div class="legende" role="note" aria-label="Legende" style="font-size:{schrift_px}px;line-height:1.6;'
            f'color:#1a1a1a;margin-bottom:0.5rem"><b>Legende: {html(indikator.kurz)}</b>{eintraege}</div>')


def _einrichtungsebenen(einrichtungen: pd.DataFrame, karte: folium.Map) -> list[folium.FeatureGroup]:
    """Eine schaltbare Ebene je Kategorie (und eine der Einrichtungen mit aktiven Angeboten); stammen gezeigte
    Daten aus OpenStreetMap, bekommt die Karte dessen Namensnennung (ODbL)."""
    if namensnennung(einrichtungen[einrichtungen["hat_lage"]]):
        _Namensnennung(OSM_NAMENSNENNUNG).add_to(karte)
    ebenen = []
    for kategorie, (name, farbe, form) in EBENEN.items():
        teil = einrichtungen[(einrichtungen["kategorie"] == kategorie) & einrichtungen["hat_lage"]]
        ebene = folium.FeatureGroup(name=f"{symbol(form, farbe, groesse=14)} {name} ({len(teil)})", show=True)
        for e in teil.itertuples():
            groesse = 30 if kategorie == "Familienzentrum" else 18
            folium.Marker([e.lat, e.lon], tooltip=_Tooltip(_einrichtung_text(e)), title=f"{e.name} ({kategorie})",
                          icon=folium.DivIcon(html=symbol(form, farbe, e.ungefaehr, groesse),
                                              icon_size=(groesse, groesse), icon_anchor=(groesse // 2, groesse // 2),
                                              class_name="familienzentrum" if kategorie == "Familienzentrum"
                                              else "einrichtung")).add_to(ebene)
        ebenen.append(ebene)
    if "angebote" in einrichtungen.columns:
        mit = einrichtungen[einrichtungen["hat_lage"] & einrichtungen["angebote"].map(hat_aktive)]
        ebene = folium.FeatureGroup(name=f"Einrichtungen mit aktiven Angeboten ({len(mit)})", show=True)
        for e in mit.itertuples():
            folium.CircleMarker([e.lat, e.lon], radius=14, color="#000000", weight=2, fill=False,
                                class_name="mit-angeboten", tooltip=_Tooltip(_einrichtung_text(e))).add_to(ebene)
        ebenen.append(ebene)
    return ebenen


def _einrichtung_text(e) -> str:
    teile = [f"<b>{html(e.name)}</b>", html(e.kategorie), html(e.adresse)]
    status = e.status + (f" seit {_datum(e.seit)}" if e.seit else "")
    teile.append(f"Status: {html(status)}")
    if e.traeger:
        teile.append(f"Träger: {html(e.traeger)}")
    if e.ungefaehr:
        teile.append(f"<i>Lage ungefähr: {html((e.lage or e.genauigkeit).removeprefix('ungefähr: '))}</i>")
    if "OpenStreetMap" in f"{e.quelle_lage} {e.quelle_adresse}":
        teile.append("<i>Daten © OpenStreetMap-Mitwirkende (ODbL)</i>")
    if getattr(e, "angebote", None):
        zahlen = " · ".join(f"{html(p)}: {n}" for p, n in je_lebensphase(e.angebote).items())
        teile.append(f"<b>{len(e.angebote)} Angebote</b> (<i>kursiv: geplant</i>) je Lebensphase: {zahlen}")
        teile += [("<i>{}</i>" if status == "geplant" else "{}").format(
                  f"{html(_kurz(titel))} ({html(', '.join(phasen))})") for titel, status, phasen in e.angebote]
    return "<br>".join(teile)


def _kurz(titel: str, zeichen: int = 45) -> str:
    """Titel im Tooltip gekürzt: „Frühe Hilfen: Beratung rund um Kinder von 0 …“."""
    return titel if len(titel) <= zeichen else titel[: zeichen - 1].rstrip() + "…"


def _datum(text: str) -> str:
    """„2025-03-29“ -> „29.03.2025“, „2024“ bleibt."""
    return f"{text[8:10]}.{text[5:7]}.{text[:4]}" if len(text) == 10 else text


def _umkreise(umkreis: Umkreis) -> folium.FeatureGroup:
    ebene = folium.FeatureGroup(name="Umkreis 500 m und 1 km um das Familienzentrum (Luftlinie)", show=True)
    z = umkreis.zentrum
    hinweis = " um den ungefähren Standort" if z["ungefaehr"] else ""
    for radius in (500, 1000):
        folium.Circle([z["lat"], z["lon"]], radius=radius, color="#D55E00", weight=2, fill=False,
                      dash_array="6 4", tooltip=_Tooltip(f"{radius if radius < 1000 else '1 km'}"
                                                         f"{' m' if radius < 1000 else ''} Luftlinie{hinweis}")
                      ).add_to(ebene)
    return ebene


SKRIPT_FLAECHEN = Path(__file__).with_name("gemeindeflaechen.js").read_text(encoding="utf-8")


class _Gemeindeflaechen(MacroElement):
    """Die Gemeindeflächen als eigene, knappe Leaflet-Ebene. Farben, Tooltips und Beschriftungen setzt
    `gemeindenFaerben` (aus _Faerbung), sodass ein Wechsel des Indikators nur sie überträgt und umfärbt.

    folium.GeoJson schriebe die Koordinaten mit Leerzeichen und je Farbe eine Stilfunktion; so ist die Karte
    des Kreises gut ein Drittel kleiner. Ein Klick meldet streamlit-folium als last_active_drawing; die Tastatur
    (Tab, dann Eingabe oder Leertaste) löst denselben Klick aus. Die Namen stehen dauerhaft auf der Karte, wachsen
    mit dem Zoom, und wo zwei sich überdecken, bleibt der der größeren Gemeinde. Die Karte passt den Kreis so ein,
    dass Legende und Namensnennung keine Fläche verdecken, und Tooltips öffnen zur Kartenmitte hin.
    """

    _template = Template("""{% macro header(this, kwargs) %}
        <style>
          .gemeindename span { position: absolute; transform: translate(-50%, -50%); white-space: nowrap;
            font: 600 1em/1.1 sans-serif; color: #111; text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff; }
          path.gemeinde:focus { outline: none; stroke: #000; stroke-width: 4px; }
          .leaflet-container { font-size: {{ this.schrift_px }}px; }
        </style>
    {% endmacro %}
    {% macro script(this, kwargs) %}
        {{ this.skript }}
        gemeindeflaechen({{ this._parent.get_name() }}, {{ this.daten }}, {{ this.schrift_px }}, {{ this.deckkraft }});
    {% endmacro %}""")

    def __init__(self, daten: dict, schrift_px: int = 13):
        super().__init__()
        self._name = "Gemeinden"
        self.daten = skript_json(daten)
        self.schrift_px = int(schrift_px)
        self.deckkraft = DECKKRAFT
        self.skript = SKRIPT_FLAECHEN


class _Faerbung(MacroElement):
    """Färbt die Flächen der Grundlage um (Daten aus faerbedaten)."""

    _template = Template("""{% macro script(this, kwargs) %}
        window.gemeindenFaerben({{ this.daten }});
    {% endmacro %}""")

    def __init__(self, daten: dict):
        super().__init__()
        self.daten = skript_json(daten)


class _Aufruf(MacroElement):
    """Zeichnet die ausgelagerte Grundlage in die Karte des Stellvertreters."""

    _template = Template("""{% macro script(this, kwargs) %}
        window.sozialkarte({{ this._parent.get_name() }});
    {% endmacro %}""")


class _Tooltip(folium.Tooltip):
    """Wie folium.Tooltip, aber der Inhalt (fertiges, maskiertes HTML) steht als JSON-Zeichenkette im Skript:
    folium setzt ihn in ein Template-Literal `…`, in dem ein Backtick oder ${…} aus einem Namen Skript würde."""

    _template = Template("""{% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.bindTooltip({{ this.inhalt }}, {{ this.optionen }});
    {% endmacro %}""")

    def __init__(self, inhalt_html: str):
        super().__init__(inhalt_html)
        self.inhalt, self.optionen = skript_json(inhalt_html), skript_json(self.options)


class _Massstab(MacroElement):
    """Maßstabsleiste nur in Metern und Kilometern, oben links unter den Zoomknöpfen (frei von der Legende)."""

    _template = Template("""{% macro script(this, kwargs) %}
        L.control.scale({imperial: false, position: "topleft"}).addTo({{ this._parent.get_name() }});
    {% endmacro %}""")


class _Deutsch(MacroElement):
    """Deutsche Beschriftungen der Leaflet-Knöpfe (Leaflet kennt nur Englisch; die Karte ist ein eigenes Dokument,
    das Skript der Seite erreicht sie nicht)."""

    _template = Template("""{% macro script(this, kwargs) %}
        setTimeout(function () {  // nach allen Bedienelementen, auch der Ebenenwahl, die zuletzt dazukommt
            var texte = {"Zoom in": "Vergrößern", "Zoom out": "Verkleinern", "Layers": "Ebenen ein- und ausblenden"};
            document.documentElement.lang = "de";
            var knoepfe = document.querySelectorAll(".leaflet-control a[title], .leaflet-control a[aria-label]");
            knoepfe.forEach(function (a) {
                var neu = texte[a.getAttribute("title")] || texte[a.getAttribute("aria-label")];
                if (neu) { a.setAttribute("title", neu); a.setAttribute("aria-label", neu); }
            });
        }, 0);
    {% endmacro %}""")


class _Namensnennung(MacroElement):
    """Fügt der Leaflet-Namensnennung die der Grenzen hinzu (Pflicht nach dl-de/by-2-0)."""

    _template = Template("""{% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text }});
    {% endmacro %}""")

    def __init__(self, text: str):
        super().__init__()
        self.text = skript_json(text)
