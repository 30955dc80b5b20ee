"""Die Choroplethenkarte mit Einrichtungen, gebaut mit folium – ohne ein einziges Skript von einem CDN.

Leaflet kommt aus dem PyPI-Paket xstatic-leaflet und wird von der App selbst ausgeliefert (static/); jQuery,
Bootstrap und Font Awesome, die folium sonst lädt, braucht diese Karte nicht (Kreise und DivIcons statt
Awesome-Markers). Die Legende ist eigenes HTML, weil streamlit-folium für branca-Farbskalen d3 vom CDN holt.
"""

import shutil
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
from indikatoren.einrichtungen import OSM_NAMENSNENNUNG, Umkreis, namensnennung
from indikatoren.geodaten import NAMENSNENNUNG
from indikatoren.katalog import Indikator
from indikatoren.klassen import Klassen

LEAFLET_PFAD = "/app/static/leaflet"  # wie Streamlit static/ ausliefert (server.enableStaticServing)
BASEMAP_DE = ("https://sgx.geodatenzentrum.de/wmts_basemapde/tile/1.0.0/de_basemapde_web_raster_grau/default/"
              "GLOBAL_WEBMERCATOR/{z}/{y}/{x}.png")
BASEMAP_DE_NAMENSNENNUNG = "Hintergrund: © basemap.de / BKG (2025)"
FARBE_NICHT_AUSWEISBAR = "#8c8c8c"
FARBE_KEINE_DATEN = "#ffffff"

# Ebenen der Einrichtungen: Kategorie -> (Ebenenname, Farbe aus der Okabe-Ito-Palette)
EBENEN = {
    "Kita": ("Kitas", "#0072B2"),
    "Grundschule": ("Grundschulen", "#009E73"),
    "weiterführende Schule": ("Weiterführende Schulen", "#56B4E9"),
    "Familienzentrum": ("Familienzentrum", "#D55E00"),
    "Behörde/Beratung": ("Behörden und Beratung", "#CC79A7"),
    "Begegnung": ("Begegnungsorte", "#E69F00"),
}


def leaflet_bereitstellen(static: Path) -> Path:
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


def kartendaten(grenzen: gpd.GeoDataFrame, werte: pd.DataFrame, klassen: Klassen | None, indikator: Indikator
                ) -> dict:
    """GeoJSON der Gemeinden mit Farbe und fertigem Tooltip-Text (deutsch formatiert) je Gemeinde."""
    werte = werte.set_index("ags")
    merkmale = []
    for gemeinde in grenzen.itertuples():
        w = werte.loc[gemeinde.ags] if gemeinde.ags in werte.index else None
        status = "fehlt" if w is None else w["status"]
        wert = None if w is None else w["wert"]
        farbe = (FARBE_NICHT_AUSWEISBAR if status == "nicht_ausweisbar" else
                 (klassen.farbe(wert) if klassen and status in ("ok", "untergrenze") else None) or FARBE_KEINE_DATEN)
        zeilen = [f"<b>{html(gemeinde.name)}</b>", f"{html(indikator.kurz)}: {wert_text(wert, status)}"]
        if w is not None:
            zeilen.append(f"Stichtag: {monat_text(w['stichtag_sgb2'])}, Bevölkerung {tag_text(w['stichtag_bev'])}")
            zeilen.append(nte_text(wert, status, indikator))
        merkmale.append({"type": "Feature", "geometry": gemeinde.geometry.__geo_interface__, "properties": {
            "ags": gemeinde.ags, "name": gemeinde.name, "farbe": farbe, "status": status,
            "tip": "<br>".join(z for z in zeilen if z)}})
    return {"type": "FeatureCollection", "features": merkmale}


def grundkarte(grenzen: gpd.GeoDataFrame, basemap: str) -> folium.Map:
    """Leere Karte auf den Kreis eingepasst: Leaflet von der App, Hintergrund nach Einstellung, Maßstab in km,
    Namensnennung der Grenzen."""
    west, sued, ost, nord = grenzen.total_bounds
    karte = folium.Map(location=[(sued + nord) / 2, (west + ost) / 2], zoom_start=10, tiles=None,
                       control_scale=False, zoom_control=True, zoom_snap=0.25)
    karte.default_js = [("leaflet", f"{LEAFLET_PFAD}/leaflet.js")]
    karte.default_css = [("leaflet_css", f"{LEAFLET_PFAD}/leaflet.css")]
    kacheln = basemap_einstellung(basemap)
    if kacheln:
        folium.TileLayer(tiles=kacheln[0], attr=kacheln[1], name="Hintergrundkarte", max_zoom=19,
                         control=False).add_to(karte)
    karte.fit_bounds([[sued, west], [nord, ost]])
    # Leaflet bricht Tooltips nie um; lange (Angebote einer Einrichtung) liefen sonst aus der Karte
    karte.get_root().header.add_child(Element(
        "<style>.leaflet-tooltip{white-space:normal;width:max-content;max-width:340px}</style>"))
    _Namensnennung(NAMENSNENNUNG).add_to(karte)
    _Massstab().add_to(karte)
    return karte


def choroplethenkarte(grenzen: gpd.GeoDataFrame, werte: pd.DataFrame, klassen: Klassen | None,
                      indikator: Indikator, einrichtungen: pd.DataFrame | None = None,
                      umkreis: Umkreis | None = None, basemap: str = "keine", schrift_px: int = 13) -> folium.Map:
    """Gemeinden in Klassenfarben, Einrichtungen als schaltbare Ebenen, Umkreise um das Familienzentrum."""
    karte = grundkarte(grenzen, basemap)
    _Gemeindeflaechen(kartendaten(grenzen, werte, klassen, indikator)).add_to(karte)
    if umkreis is not None:
        _umkreise(umkreis).add_to(karte)
    if einrichtungen is not None:
        for ebene in _einrichtungsebenen(einrichtungen, karte):
            ebene.add_to(karte)
    karte.get_root().html.add_child(Element(legende_html(klassen, indikator, schrift_px)))
    folium.LayerControl(collapsed=True).add_to(karte)
    return karte


def wegweiserkarte(grenzen: gpd.GeoDataFrame, orte: pd.DataFrame, eigene: pd.DataFrame, basemap: str) -> folium.Map:
    """Die Orte gefundener Angebote: Gemeindegrenzen als Linien, je Einrichtung ein Punkt, dessen Tooltip ihre
    gefundenen Angebote nennt (geplante kursiv), dazu Angebote mit eigener Lage als Raute."""
    karte = grundkarte(grenzen, basemap)
    folium.GeoJson(grenzen[["name", "geometry"]].__geo_interface__, name="Gemeinden",
                   style_function=lambda _: {"color": "#555555", "weight": 1, "fill": False}).add_to(karte)
    if namensnennung(orte) or namensnennung(eigene):
        _Namensnennung(OSM_NAMENSNENNUNG).add_to(karte)
    for e in orte.itertuples():
        farbe = EBENEN.get(e.kategorie, ("", "#333333"))[1]
        folium.CircleMarker([e.lat, e.lon], radius=10, color="#000000", weight=2, fill=True, fill_color=farbe,
                            fill_opacity=0.9, class_name="angebotsort",
                            tooltip=_Tooltip(_einrichtung_text(e))).add_to(karte)
    for a in eigene.itertuples():
        rand = "2px dashed" if a.ungefaehr else "2px solid"
        folium.Marker([a.lat, a.lon], tooltip=_Tooltip(_angebot_text(a)), icon=folium.DivIcon(
            html=f'<div style="width:16px;height:16px;transform:rotate(45deg);background:#fff;border:{rand} #000">'
                 "</div>", icon_size=(20, 20), icon_anchor=(10, 10), class_name="angebot-eigener-ort")).add_to(karte)
    return karte


def _angebot_text(a) -> str:
    teile = [f"<b>{html(a.titel)}</b>" + (" <i>(geplant)</i>" if a.status == "geplant" else ""),
             html(a.adresse), f"Lebensphasen: {html(', '.join(katalog.phasen(a.lebensphasen)))}"]
    if a.ungefaehr:
        teile.append(f"<i>Lage ungefähr: {html(a.lage or a.genauigkeit)}</i>")
    return "<br>".join(teile)


def lagekarte(grenzen: gpd.GeoDataFrame, einrichtungen: pd.DataFrame, basemap: str,
              markiert: tuple[float, float] | None = None) -> folium.Map:
    """Zum Setzen einer Lage: Gemeindegrenzen als Linien, alle Einrichtungen, der angeklickte Punkt."""
    karte = grundkarte(grenzen, basemap)
    folium.GeoJson(grenzen[["name", "geometry"]].__geo_interface__, name="Gemeinden",
                   style_function=lambda _: {"color": "#333333", "weight": 1, "fill": False}).add_to(karte)
    for ebene in _einrichtungsebenen(einrichtungen, karte):
        ebene.add_to(karte)
    if markiert:
        folium.CircleMarker(markiert, radius=8, color="#000000", weight=3, fill=True, fill_color="#ffffff",
                            tooltip=_Tooltip("neue Lage")).add_to(karte)
    return karte


def legende_html(klassen: Klassen | None, indikator: Indikator, schrift_px: int = 13) -> str:
    """Legende als eigenes HTML-Element, links unten in der Karte."""
    zeilen = [] if klassen is None else list(zip(klassen.farben, klassen.beschriftungen()))
    zeilen += [(FARBE_NICHT_AUSWEISBAR, "nicht ausweisbar"), (FARBE_KEINE_DATEN, "keine Daten")]
    eintraege = "".join(
        f'<div><span style="display:inline-block;width:18px;height:12px;margin-right:6px;background:{farbe};'
        f'border:1px {"dashed" if farbe in (FARBE_NICHT_AUSWEISBAR, FARBE_KEINE_DATEN) else "solid"} #333">'
        f'</span>{html(text)}</div>' for farbe, text in zeilen)
    return (f'<div class="legende" role="note" aria-label="Legende" style="position:absolute;left:10px;bottom:28px;'
            f'z-index:1000;background:rgba(255,255,255,.92);padding:6px 10px;border-radius:4px;'
            f'font:{schrift_px}px/1.5 sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.3)">'
            f'<b>{html(indikator.kurz)}</b>{eintraege}</div>')


def _einrichtungsebenen(einrichtungen: pd.DataFrame, karte: folium.Map) -> list[folium.FeatureGroup]:
    """Eine schaltbare Ebene je Kategorie (und eine der Einrichtungen mit aktiven Angeboten); stammen gezeigte
    Daten aus OpenStreetMap, bekommt die Karte dessen Namensnennung (ODbL)."""
    if namensnennung(einrichtungen[einrichtungen["hat_lage"]]):
        _Namensnennung(OSM_NAMENSNENNUNG).add_to(karte)
    ebenen = []
    for kategorie, (name, farbe) in EBENEN.items():
        teil = einrichtungen[(einrichtungen["kategorie"] == kategorie) & einrichtungen["hat_lage"]]
        ebene = folium.FeatureGroup(name=f"{name} ({len(teil)})", show=True)
        for e in teil.itertuples():
            tooltip = _Tooltip(_einrichtung_text(e))
            if kategorie == "Familienzentrum":
                folium.Marker([e.lat, e.lon], tooltip=tooltip, icon=folium.DivIcon(
                    html=_familienzentrum_symbol(farbe, e.ungefaehr), icon_size=(34, 34), icon_anchor=(17, 17),
                    class_name="familienzentrum")).add_to(ebene)
            else:
                folium.CircleMarker([e.lat, e.lon], radius=9 if e.ungefaehr else 7, color=farbe, weight=2,
                                    fill=True, fill_color=farbe, fill_opacity=0.25 if e.ungefaehr else 0.9,
                                    dash_array="3 3" if e.ungefaehr else None, tooltip=tooltip).add_to(ebene)
        ebenen.append(ebene)
    if "angebote" in einrichtungen.columns:
        mit = einrichtungen[einrichtungen["hat_lage"] & einrichtungen["angebote"].map(hat_aktive)]
        ebene = folium.FeatureGroup(name=f"Einrichtungen mit aktiven Angeboten ({len(mit)})", show=True)
        for e in mit.itertuples():
            folium.CircleMarker([e.lat, e.lon], radius=14, color="#000000", weight=2, fill=False,
                                class_name="mit-angeboten", tooltip=_Tooltip(_einrichtung_text(e))).add_to(ebene)
        ebenen.append(ebene)
    return ebenen


def _familienzentrum_symbol(farbe: str, ungefaehr: bool) -> str:
    rand = "3px dashed" if ungefaehr else "3px solid"
    return (f'<div title="Familienzentrum" style="width:30px;height:30px;border-radius:50%;background:#fff;'
            f'border:{rand} {farbe};color:{farbe};font:bold 20px/30px sans-serif;text-align:center">★</div>')


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


class _Gemeindeflaechen(MacroElement):
    """Die Gemeindeflächen als eigene, knappe Leaflet-Ebene: Farbe und Tooltip stehen in den Eigenschaften.

    folium.GeoJson schriebe die Koordinaten mit Leerzeichen und je Farbe eine Stilfunktion; so ist die Karte
    des Kreises gut ein Drittel kleiner. Ein Klick meldet streamlit-folium als last_active_drawing.
    """

    _template = Template("""{% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJson({{ this.daten }}, {
            style: function (f) { var leer = f.properties.status !== "ok" && f.properties.status !== "untergrenze";
                return {className: "gemeinde", fillColor: f.properties.farbe, color: "#333333", weight: 1,
                        fillOpacity: 0.75, dashArray: leer ? "4 3" : null}; },
            onEachFeature: function (f, ebene) {
                ebene.bindTooltip(f.properties.tip, {sticky: true});
                ebene.on("mouseover", function () { ebene.setStyle({weight: 3, color: "#000000"}); });
                ebene.on("mouseout", function () { {{ this.get_name() }}.resetStyle(ebene); });
            }
        }).addTo({{ this._parent.get_name() }});
    {% endmacro %}""")

    def __init__(self, daten: dict):
        super().__init__()
        self._name = "Gemeinden"
        self.daten = skript_json(daten)


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


class _Namensnennung(MacroElement):
    """Fügt der Leaflet-Namensnennung die der Grenzen hinzu (Pflicht nach dl-de/by-2-0)."""

    _template = Template("""{% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text }});
    {% endmacro %}""")

    def __init__(self, text: str):
        super().__init__()
        self.text = skript_json(text)
