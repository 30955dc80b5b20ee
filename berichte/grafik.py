"""Grafiken für den Druck (matplotlib, als SVG eingebettet): Lagekarte, Verlauf, Altersgruppen. Zahlen im deutschen
Format; Farben wie auf den Seiten."""

import base64
import io

import matplotlib

matplotlib.use("svg")  # ohne Bildschirm; muss vor pyplot stehen
import geopandas as gpd  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from darstellung.diagramme import FARBE, FARBE_HERVOR, FARBE_KREIS, LINIENFARBEN  # noqa: E402
from indikatoren.zahlenformat import runde, zahl  # noqa: E402

plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 8, "svg.fonttype": "none",
                     "axes.spines.top": False, "axes.spines.right": False})
_PROZENT = FuncFormatter(lambda w, _: f"{zahl(w, 0)} %")


def _als_bild(fig) -> str:
    """data:-URI eines SVG (für <img>, dessen alt-Text WeasyPrint als Alternativtext der Abbildung taggt)."""
    puffer = io.StringIO()
    fig.savefig(puffer, format="svg", bbox_inches="tight", transparent=True)
    plt.close(fig)
    return "data:image/svg+xml;base64," + base64.b64encode(puffer.getvalue().encode()).decode()


def lagekarte(grenzen: gpd.GeoDataFrame, ags: str) -> str:
    fig, ax = plt.subplots(figsize=(1.8, 1.8))
    grenzen.plot(ax=ax, color="#e5e5e5", edgecolor="#ffffff", linewidth=0.4)
    grenzen[grenzen["ags"] == ags].plot(ax=ax, color=FARBE_HERVOR, edgecolor="#000000", linewidth=0.6)
    ax.set_axis_off()
    return _als_bild(fig)


def verlauf(reihe: pd.DataFrame) -> str:
    """Eine Linie je Gebiet über die Jahre (Gemeinde durchgezogen, Kreis gestrichelt), Werte wie gezeigt."""
    fig, ax = plt.subplots(figsize=(3.4, 1.65))
    for n, (_, teil) in enumerate(reihe.groupby("ags", sort=False)):
        werte = [runde(w, 1) if s == "ok" else None for w, s in zip(teil["wert"], teil["status"])]
        kreis = teil["ebene"].iloc[0] == "kreis"
        ax.plot(teil["jahr"], pd.to_numeric(pd.Series(werte), errors="coerce"), marker="o", markersize=3,
                color=LINIENFARBEN[n % len(LINIENFARBEN)], linestyle="--" if kreis else "-", label=teil["name"].iloc[0])
    ax.yaxis.set_major_formatter(_PROZENT)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(bottom=0)
    ax.legend(frameon=False, fontsize=7, loc="lower left")
    return _als_bild(fig)


def altersgruppen(werte: pd.DataFrame) -> str:
    """Balken je Altersgruppe, Gemeinde und Kreis nebeneinander, Wert über dem Balken."""
    fig, ax = plt.subplots(figsize=(3.4, 1.65))
    gruppen = list(dict.fromkeys(werte["gruppe"]))
    gebiete = list(dict.fromkeys(werte["gebiet"]))
    breite = 0.8 / max(len(gebiete), 1)
    for n, gebiet in enumerate(gebiete):
        teil = werte[werte["gebiet"] == gebiet].set_index("gruppe").reindex(gruppen)
        x = [i + n * breite for i in range(len(gruppen))]
        hoehen = [runde(w, 1) if s == "ok" else 0 for w, s in zip(teil["wert"], teil["status"])]
        ax.bar(x, hoehen, width=breite, color=[FARBE, FARBE_KREIS][n % 2], label=gebiet)
        for xi, h, s in zip(x, hoehen, teil["status"]):
            ax.text(xi, h, zahl(h, 1) if s == "ok" else "n. a.", ha="center", va="bottom", fontsize=6.5)
    ax.set_xticks([i + breite * (len(gebiete) - 1) / 2 for i in range(len(gruppen))],
                  [g.replace(" (", "\n(") for g in gruppen], fontsize=7)
    ax.yaxis.set_major_formatter(_PROZENT)
    ax.set_ylim(top=max([runde(w, 1) for w in werte["wert"].dropna()] + [1]) * 1.25)  # Platz für die Werte
    ax.legend(frameon=False, fontsize=7, ncol=2, loc="upper center", bbox_to_anchor=(0.5, 1.18))
    return _als_bild(fig)
