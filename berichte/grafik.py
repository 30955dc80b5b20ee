"""Grafiken für den Druck (matplotlib, als SVG eingebettet): Lagekarte, Verlauf, Altersgruppen. Zahlen im deutschen
Format; Farben wie auf den Seiten."""

import base64
import io
import re
import textwrap

import matplotlib

matplotlib.use("svg")  # ohne Bildschirm; muss vor pyplot stehen
import geopandas as gpd  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.ticker import Formatter, MaxNLocator  # noqa: E402

from darstellung.diagramme import FARBE, FARBE_HERVOR, FARBE_KREIS, LINIENFARBEN  # noqa: E402
from darstellung.tabellen import wert_text  # noqa: E402
from indikatoren.grundlagen import geodaten  # noqa: E402
from indikatoren.grundlagen.zahlenformat import runde, zahl  # noqa: E402
from indikatoren.rechnen.berechnung import AUSGEWIESEN, Status

plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 8, "svg.fonttype": "none",
                     "axes.spines.top": False, "axes.spines.right": False})


class Prozent(Formatter):
    """Achsenbeschriftung in Prozent mit so vielen Nachkommastellen, wie der Abstand der Striche braucht: 2,5 % und
    7,5 % statt „3 %“ und „8 %“, dann alle Striche mit derselben Stellenzahl (0,0 %, 2,5 %, 5,0 %)."""

    def format_ticks(self, werte):
        return [f"{zahl(w, stellen(werte))} %" for w in werte]

    def __call__(self, wert, pos=None):
        return f"{zahl(wert, stellen([wert]))} %"


def stellen(werte) -> int:
    """Die wenigsten Nachkommastellen (höchstens 3), mit denen jeder Wert genau dasteht."""
    return next((n for n in range(3) if all(abs(round(w, n) - w) < 1e-9 for w in werte)), 3)


def grenzen_quelle() -> str:
    """Die Namensnennung der Grenzen, die jeder Bericht mit Karte braucht (dl-de/by-2-0)."""
    return "Grenzen: " + geodaten.namensnennung()


def _als_bild(fig, fussnote: str = "") -> str:
    """data:-URI eines SVG (für <img>, dessen alt-Text WeasyPrint als Alternativtext der Abbildung taggt). Eine
    Fußnote (Quelle, Stichtag) steht im Bild selbst: so bleibt ein eingebettetes oder weitergegebenes Bild belegt."""
    if fussnote:
        breite = fig.get_size_inches()[0]
        schrift = max(6.5, breite * 1.1)  # auf der Seite (8,5 Zoll breit) wie die übrige Schrift lesbar
        fig.text(0, 0, textwrap.fill(fussnote, int(breite * 72 / (schrift * 0.55))), fontsize=schrift, va="top",
                 color="#333333", transform=fig.transFigure)
    puffer = io.StringIO()
    fig.savefig(puffer, format="svg", bbox_inches="tight", transparent=not fussnote, facecolor="white")
    plt.close(fig)
    return "data:image/svg+xml;base64," + base64.b64encode(puffer.getvalue().encode()).decode()


def svg_text(bild: str) -> str:
    """Das SVG eines Bildes aus _als_bild als Text, für eine eigene Datei."""
    return base64.b64decode(bild.split(",", 1)[1]).decode()


def pixelgroesse(bild: str) -> tuple[int, int]:
    """Breite und Höhe eines Bildes aus _als_bild in CSS-Pixeln (1 pt = 4/3 px): für width/height am <img>, damit
    die Seite den Platz schon vor dem Bild freihält und nichts springt."""
    svg = base64.b64decode(bild.split(",", 1)[1])[:2000].decode(errors="ignore")
    breite, hoehe = (float(re.search(rf'{seite}="([\d.]+)pt"', svg)[1]) for seite in ("width", "height"))
    return round(breite * 4 / 3), round(hoehe * 4 / 3)


def lagekarte(grenzen: gpd.GeoDataFrame, gemeinden: list[str], flaeche: gpd.GeoDataFrame | None = None) -> str:
    """Die Lagekarte eines Profils als Bild (data:-URI); gezeichnet als schlichtes SVG (svgkarte), ohne matplotlib."""
    from berichte import svgkarte
    return "data:image/svg+xml;base64," + base64.b64encode(svgkarte.lagekarte(grenzen, gemeinden, flaeche)
                                                          .encode()).decode()


def verlauf(reihe: pd.DataFrame, fussnote: str = "") -> str:
    """Eine Linie je Gebiet über die Jahre (Gemeinde durchgezogen, Kreis gestrichelt), Werte wie gezeigt."""
    fig, ax = plt.subplots(figsize=(3.4, 1.65))
    for n, (_, teil) in enumerate(reihe.groupby("ags", sort=False)):
        werte = [runde(w, 1) if s == Status.OK else None for w, s in zip(teil["wert"], teil["status"])]
        kreis = teil["ebene"].iloc[0] == "kreis"
        ax.plot(teil["jahr"], pd.to_numeric(pd.Series(werte), errors="coerce"), marker="o", markersize=3,
                color=LINIENFARBEN[n % len(LINIENFARBEN)], linestyle="--" if kreis else "-", label=teil["name"].iloc[0])
    ax.yaxis.set_major_formatter(Prozent())
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(bottom=0)
    ax.legend(frameon=False, fontsize=7, loc="lower left")
    return _als_bild(fig, fussnote)


def altersgruppen(werte: pd.DataFrame) -> str:
    """Balken je Altersgruppe, Gemeinde und Kreis nebeneinander, Wert über dem Balken."""
    fig, ax = plt.subplots(figsize=(3.4, 1.65))
    gruppen = list(dict.fromkeys(werte["gruppe"]))
    gebiete = list(dict.fromkeys(werte["gebiet"]))
    breite = 0.8 / max(len(gebiete), 1)
    for n, gebiet in enumerate(gebiete):
        teil = werte[werte["gebiet"] == gebiet].set_index("gruppe").reindex(gruppen)
        x = [i + n * breite for i in range(len(gruppen))]
        hoehen = [runde(w, 1) if s == Status.OK else 0 for w, s in zip(teil["wert"], teil["status"])]
        ax.bar(x, hoehen, width=breite, color=[FARBE, FARBE_KREIS][n % 2], label=gebiet)
        for xi, h, s in zip(x, hoehen, teil["status"]):
            ax.text(xi, h, zahl(h, 1) if s == Status.OK else "n. a.", ha="center", va="bottom", fontsize=6.5)
    ax.set_xticks([i + breite * (len(gebiete) - 1) / 2 for i in range(len(gruppen))],
                  [g.replace(" (", "\n(") for g in gruppen], fontsize=7)
    ax.yaxis.set_major_formatter(Prozent())
    ax.set_ylim(top=max([runde(w, 1) for w in werte["wert"].dropna()] + [1]) * 1.25)  # Platz für die Werte
    ax.legend(frameon=False, fontsize=7, ncol=2, loc="upper center", bbox_to_anchor=(0.5, 1.18))
    return _als_bild(fig)


def choropleth(grenzen: gpd.GeoDataFrame, werte: pd.DataFrame, klassen) -> str:
    """Gemeinden in Klassenfarben wie auf der Karte; grau: nicht ausweisbar, weiß: keine Daten; Legende darunter."""
    from matplotlib.patches import Patch

    from darstellung.karte import FARBE_KEINE_DATEN, FARBE_NICHT_AUSWEISBAR
    status = dict(zip(werte["ags"], werte["status"]))
    wert = dict(zip(werte["ags"], werte["wert"]))

    def farbe(ags):
        if status.get(ags) in AUSGEWIESEN and klassen is not None:
            return klassen.farbe(wert[ags])
        return FARBE_NICHT_AUSWEISBAR if status.get(ags) == Status.NICHT_AUSWEISBAR else FARBE_KEINE_DATEN
    fig, ax = plt.subplots(figsize=(3.0, 2.7))
    grenzen.plot(ax=ax, color=[farbe(a) for a in grenzen["ags"]], edgecolor="#333333", linewidth=0.4)
    ax.set_axis_off()
    eintraege = [] if klassen is None else list(zip(klassen.farben, klassen.beschriftungen()))
    eintraege += [(FARBE_NICHT_AUSWEISBAR, "nicht ausweisbar"), (FARBE_KEINE_DATEN, "keine Daten")]
    ax.legend(handles=[Patch(facecolor=f, edgecolor="#333333", label=t) for f, t in eintraege], frameon=False,
              fontsize=6.5, loc="upper left", bbox_to_anchor=(0, 0), ncol=2)
    return _als_bild(fig)


# Rangliste: Breite in Zoll und Schrift in pt je Verwendung. Auf der Seite in natürlicher Größe gezeigt
# (1 pt = 4/3 px): 11 pt sind die 14,7 px der Seite, 17 pt die 22 px des Präsentationsmodus.
GROESSEN = {"druck": (3.6, 6.5), "seite": (8.5, 11.0), "beamer": (13.0, 17.0)}


def rangliste(rang: pd.DataFrame, kreis_wert: float | None, kreis_name: str = "Kreis", hervorheben: str | None = None,
              titel: str = "", groesse: str = "druck", fussnote: str = "") -> str:
    """Waagrechte Balken je Gemeinde (höchster Wert oben), Wert daneben; ohne ausweisbaren Wert „nicht ausweisbar“
    ohne Balken; der Kreiswert als gestrichelte Linie; die gewählte Gemeinde fett mit ▶, nicht nur farbig. Dieselbe
    Grafik im Bericht und auf der Übersicht, die so kein Plotly laden muss."""
    breite, schrift = GROESSEN[groesse]
    fig, ax = plt.subplots(figsize=(breite, (0.13 * len(rang) + 0.45) * schrift / 6.5 + (0.3 if titel else 0)))
    y = list(range(len(rang)))[::-1]
    mit_wert = rang["status"].isin(AUSGEWIESEN)
    werte = [runde(w, 1) if m else 0 for w, m in zip(rang["wert"], mit_wert)]
    gewaehlt = [a == hervorheben for a in rang["ags"]]
    ax.barh(y, werte, color=[FARBE_HERVOR if g else FARBE for g in gewaehlt], height=0.7)
    for yi, x, w, s in zip(y, werte, rang["wert"], rang["status"]):
        ax.text(x, yi, f" {wert_text(w, s)}", va="center", fontsize=schrift)
    ax.set_yticks(y, [f"▶ {n}" if g else n for n, g in zip(rang["name"], gewaehlt)], fontsize=schrift)
    for beschriftung, g in zip(ax.get_yticklabels(), gewaehlt):
        beschriftung.set_fontweight("bold" if g else "normal")
    ax.xaxis.set_major_formatter(Prozent())
    ax.xaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 5, 10]))  # wenige, runde Striche: keiner überdeckt
    ax.tick_params(axis="x", labelsize=schrift)
    if kreis_wert is not None:
        ax.axvline(runde(kreis_wert, 1), color=FARBE_KREIS, linestyle="--", linewidth=schrift / 6.5)
        ax.text(runde(kreis_wert, 1), len(rang) - 0.3, f"{kreis_name} {wert_text(kreis_wert, 'ok')}",
                fontsize=schrift, ha="center", bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    if titel:
        ax.set_title(titel, loc="left", fontsize=schrift * 1.15, pad=schrift * 1.6)
    ax.set_xlim(0, max(werte + [1]) * 1.3)
    return _als_bild(fig, fussnote)


def kreisverlauf(reihe: pd.DataFrame, vergleich: pd.DataFrame) -> str:
    """Der Kreis über die Jahre (Linie) und die veröffentlichten Werte von Land und Bund (Punkte an ihrem
    Stichtag) – bewusst nicht verbunden, denn sie haben eigene Stichtage und Abgrenzung."""
    fig, ax = plt.subplots(figsize=(6.8, 2.1))
    werte = pd.to_numeric(pd.Series([runde(w, 1) if s == Status.OK else None
                                     for w, s in zip(reihe["wert"], reihe["status"])]), errors="coerce")
    ax.plot(reihe["jahr"] + 11 / 12, werte, marker="o", markersize=3, color=FARBE_HERVOR,
            label=f"{reihe['name'].iloc[0]} (Dezember)" if len(reihe) else "Kreis")
    for n, (gebiet, teil) in enumerate(vergleich.groupby("gebiet", sort=False)):
        x = [int(s[:4]) + (int(s[5:7]) - 1) / 12 for s in teil["stichtag"]]
        ax.plot(x, [runde(w, 1) for w in teil["wert"]], linestyle="none", marker="s", markersize=4,
                color=LINIENFARBEN[(n + 1) % len(LINIENFARBEN)], label=f"{gebiet} (veröffentlicht)")
    ax.yaxis.set_major_formatter(Prozent())
    ax.set_xticks(reihe["jahr"] + 11 / 12, [f"Dez. {j}" for j in reihe["jahr"]], fontsize=7)
    ax.set_ylim(bottom=0)
    ax.legend(frameon=False, fontsize=7, loc="lower right")
    return _als_bild(fig)
