"""Die Karte der Website als schlichtes SVG, ohne Skript: Gemeinden in den Klassenfarben der App, jede Fläche ein Link
zu ihrem Profil mit Titel (Name und Wert), Namen auf der Fläche (nur bewohnte, keine überdeckt), Legende sowie Quelle
und Stichtag im Bild – so bleibt eine eingebettete oder weitergegebene Karte belegt.

Gezeichnet wird in Metern (UTM-Zone des Kreises), damit der Kreis nicht gestaucht aussieht."""

from collections.abc import Callable
from xml.sax.saxutils import escape, quoteattr

import geopandas as gpd
import pandas as pd
from shapely.geometry import MultiPolygon, Polygon

from berichte import svg
from darstellung import karte as kartendarstellung
from darstellung.diagramme import FARBE_HERVOR
from darstellung.karte import FARBE_KEINE_DATEN, FARBE_NICHT_AUSWEISBAR
from darstellung.tabellen import wert_text
from indikatoren.grundlagen import geodaten
from indikatoren.rechnen.berechnung import AUSGEWIESEN, Status

BREITE = 640  # Einheiten des viewBox; das Bild skaliert mit seinem Platz
SCHRIFT = 13
ZEILE = 19
TEXT = "#1a1a1a"


def grenzen_quelle() -> str:
    """Die Namensnennung der Grenzen, die jeder Bericht mit Karte braucht (dl-de/by-2-0)."""
    return "Grenzen: " + geodaten.namensnennung()


def karte(grenzen: gpd.GeoDataFrame, werte: pd.DataFrame, klassen, titel: str, fussnote: str,
          link: Callable[[str], str | None] = lambda _: None) -> str:
    """SVG der Gemeinden. `werte`: Zeilen des Leser-Ergebnisses (ags, name, wert, status) eines Indikators und Jahres;
    `link(ags)`: Adresse des Profils oder None. Der Titel steht als <title>, die Werte als Tabelle neben dem Bild."""
    metrisch = grenzen.to_crs(geodaten.metrisch(grenzen))
    x0, y0, x1, y1 = metrisch.total_bounds
    massstab = (BREITE - 20) / max(x1 - x0, 1)
    metrisch = _vereinfacht(metrisch, massstab)
    kartenhoehe = (y1 - y0) * massstab + 20

    def punkt(x: float, y: float) -> str:
        return f"{(x - x0) * massstab + 10:.1f},{(y1 - y) * massstab + 10:.1f}"

    nach_ags = werte.set_index("ags")
    flaechen, namen, belegt = [], [], []
    reihenfolge = metrisch.assign(_flaeche=metrisch.area).sort_values("_flaeche", ascending=False)
    for g in reihenfolge.itertuples():
        zeile = nach_ags.loc[g.ags] if g.ags in nach_ags.index else None
        status = Status.FEHLT if zeile is None else zeile["status"]
        wert = None if zeile is None else zeile["wert"]
        farbe = (klassen.farbe(wert) if status in AUSGEWIESEN and klassen is not None
                 else FARBE_NICHT_AUSWEISBAR if status == Status.NICHT_AUSWEISBAR else FARBE_KEINE_DATEN)
        pfad = f'<path d="{_pfad(g.geometry, punkt)}" fill="{farbe}"/>'
        bewohnt = kartendarstellung.bewohnt(g)
        beschriftung = f"{g.name}: {wert_text(wert, status)}" if bewohnt else f"{g.name} (ohne Einwohner)"
        ziel = link(g.ags) if bewohnt else None
        inhalt = f"<title>{escape(beschriftung)}</title>{pfad}"
        flaechen.append(f"<a href={quoteattr(ziel)}>{inhalt}</a>" if ziel else f"<g>{inhalt}</g>")
        if bewohnt:
            p = g.geometry.representative_point()
            x, y = (p.x - x0) * massstab + 10, (y1 - p.y) * massstab + 10
            breite = svg.breite(g.name, SCHRIFT, fett=True) + 4  # mit dem weißen Rand der Schrift
            kasten = (x - breite / 2, y - SCHRIFT * 0.8, x + breite / 2, y + SCHRIFT * 0.3)
            if not any(_ueberlappt(kasten, k) for k in belegt):
                belegt.append(kasten)
                namen.append(f'<text x="{x:.1f}" y="{y:.1f}">{escape(g.name)}</text>')
    eintraege = [] if klassen is None else list(zip(klassen.farben, klassen.beschriftungen()))
    eintraege += [(FARBE_NICHT_AUSWEISBAR, "nicht ausweisbar"), (FARBE_KEINE_DATEN, "keine Daten")]
    spalten = 2
    legende = []
    for n, (farbe, text) in enumerate(eintraege):
        x, y = 10 + (n % spalten) * (BREITE / spalten), kartenhoehe + 8 + (n // spalten) * ZEILE
        legende.append(f'<rect x="{x:.0f}" y="{y:.0f}" width="22" height="13" fill="{farbe}" stroke="#333"/>'
                       f'<text x="{x + 30:.0f}" y="{y + 11:.0f}">{escape(text)}</text>')
    unten = kartenhoehe + 8 + -(-len(eintraege) // spalten) * ZEILE + 6
    zeilen = svg.umbrechen(fussnote, BREITE - 20, SCHRIFT - 2)
    fuss = "".join(f'<text x="10" y="{unten + 12 + n * (ZEILE - 3):.0f}" class="q">{escape(z)}</text>'
                   for n, z in enumerate(zeilen))
    hoehe = unten + len(zeilen) * (ZEILE - 3) + 8
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {BREITE} {hoehe:.0f}" width="{BREITE}" '
            f'height="{hoehe:.0f}" role="img" '
            f'font-family="{svg.SCHRIFTART}" font-size="{SCHRIFT}">'
            f"<title>{escape(titel)}</title>"
            f"<style>path{{stroke:#333;stroke-width:0.8}}a:focus path,a:hover path{{stroke:#000;stroke-width:3}}"
            f"text{{fill:{TEXT}}}g.namen text{{text-anchor:middle;paint-order:stroke;stroke:#fff;stroke-width:3px;"
            f"font-weight:bold;pointer-events:none}}.q{{font-size:{SCHRIFT - 2}px}}</style>"
            f'<g class="flaechen">{"".join(flaechen)}</g><g class="namen">{"".join(namen)}</g>'
            f'<g class="legende">{"".join(legende)}</g>{fuss}</svg>')


def lagekarte(grenzen: gpd.GeoDataFrame, gemeinden: list[str], flaeche: gpd.GeoDataFrame | None = None,
              breite: int = 120) -> str:
    """Die kleine Lagekarte eines Profils: der Kreis grau, die Gemeinden des Profils farbig; für einen Sozialraum seine
    Gemeinde hell und er selbst farbig darin. Schlichtes SVG, ohne Text (der Alternativtext steht am Bild)."""
    metrisch_crs = geodaten.metrisch(grenzen)
    metrisch = grenzen.to_crs(metrisch_crs)
    x0, y0, x1, y1 = metrisch.total_bounds
    massstab = (breite - 4) / max(x1 - x0, y1 - y0, 1)
    metrisch = _vereinfacht(metrisch, massstab)
    hoehe = (y1 - y0) * massstab + 4

    def punkt(x: float, y: float) -> str:
        return f"{(x - x0) * massstab + 2:.1f},{(y1 - y) * massstab + 2:.1f}"
    eigene = metrisch["ags"].isin(gemeinden)
    mit_flaeche = flaeche is not None and not flaeche.empty
    teile = [f'<path d="{_pfad(g, punkt)}" fill="#e5e5e5" stroke="#fff" stroke-width="0.5"/>'
             for g in metrisch.geometry[~eigene]]
    teile += [f'<path d="{_pfad(g, punkt)}" fill="{"#b3d4ea" if mit_flaeche else FARBE_HERVOR}" stroke="#000" '
              'stroke-width="0.7"/>' for g in metrisch.geometry[eigene]]
    if mit_flaeche:
        teile += [f'<path d="{_pfad(g, punkt)}" fill="{FARBE_HERVOR}" stroke="#000" stroke-width="0.6"/>'
                  for g in flaeche.to_crs(metrisch_crs).geometry]
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {breite} {hoehe:.0f}" width="{breite}" '
            f'height="{hoehe:.0f}">{"".join(teile)}</svg>')


def _vereinfacht(metrisch: gpd.GeoDataFrame, massstab: float) -> gpd.GeoDataFrame:
    """Grenzen ohne Punkte, die im Bild weniger als ein Viertel Pixel ausmachen: dieselbe Zeichnung, ein Bruchteil
    der Punkte (die Lagekarte eines Profils in Hildesheim 18 statt 47 KB) – kleinere Seiten, schnellere PDF."""
    return metrisch.set_geometry(metrisch.geometry.simplify(0.25 / massstab))


def _pfad(geometrie, punkt: Callable[[float, float], str]) -> str:
    teile = geometrie.geoms if isinstance(geometrie, MultiPolygon) else [geometrie]
    ringe = [ring for p in teile if isinstance(p, Polygon) for ring in (p.exterior, *p.interiors)]
    return " ".join("M" + " ".join(punkt(x, y) for x, y in ring.coords[:-1]) + "Z" for ring in ringe)


def _ueberlappt(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

