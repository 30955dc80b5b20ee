"""Die Grafiken des Sozialberichts, die matplotlib zeichnet: Karte des Kreises, der Kreis neben Land und Bund. Die
übrigen Bilder sind schlichtes SVG (svgdiagramme, svgkarte). Zahlen im deutschen Format; Farben wie auf den
Seiten."""

import io

import matplotlib

matplotlib.use("svg")  # ohne Bildschirm; muss vor pyplot stehen
import geopandas as gpd  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.ticker import Formatter  # noqa: E402

from berichte import svg  # noqa: E402
from berichte.svgdiagramme import stellen  # noqa: E402
from darstellung.diagramme import FARBE_HERVOR, LINIENFARBEN  # noqa: E402
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


def _als_bild(fig) -> str:
    """data:-Adresse des SVG einer Abbildung, auf ihren Inhalt beschnitten."""
    puffer = io.StringIO()
    fig.savefig(puffer, format="svg", bbox_inches="tight", transparent=True)
    plt.close(fig)
    return svg.datenadresse(puffer.getvalue())



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
