"""Plotly-Diagramme mit deutschen Zahlen (16,8 %); Werte im Tooltip so, wie die Tabellen sie zeigen.

Namen werden HTML-maskiert: plotly deutet <a>, <b> u. a. in Beschriftungen sonst als Auszeichnung. Zu jedem
Diagramm gibt es eine Beschreibung (Alternativtext) und eine Tabelle aller gezeigten Werte; für den Beamer wächst
alles mit (Schrift, Linien, Markierungen), nicht nur der Text der Seite.
"""

import html

import pandas as pd
import plotly.graph_objects as go

from darstellung.tabellen import wert_text
from indikatoren.grundlagen.katalog import Indikator
from indikatoren.grundlagen.zahlenformat import runde
from indikatoren.rechnen.berechnung import AUSGEWIESEN, Status

FARBE = "#bd0026"  # dunkelste Klasse der Kartenpalette
FARBE_HERVOR = "#2c7fb8"
FARBE_KREIS = "#444444"
LINIENFARBEN = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]  # Okabe-Ito
# Gemeindelinien ohne Schwarz (das trägt der Kreis), dafür Weinrot aus Paul Tols Palette
GEMEINDEFARBEN = [farbe if farbe != "#000000" else "#882255" for farbe in LINIENFARBEN]
PUNKTFORMEN = ["circle", "square", "diamond", "triangle-up", "x", "star", "triangle-down"]
STRICHARTEN = ["solid", "dot", "dashdot", "longdash"]
DIREKT_BIS = 6  # so viele Linien tragen ihren Namen am Ende; mehr: Legende


TEXTFARBE = "#262626"  # 15:1 auf Weiß; Streamlits Vorgabe für Achsen hat 3,7:1
KONFIGURATION = {"displaylogo": False, "modeBarButtonsToRemove": [
    "zoom2d", "pan2d", "select2d", "lasso2d", "zoomIn2d", "zoomOut2d", "autoScale2d", "resetScale2d"]}


def _layout(fig: go.Figure, titel: str, hoehe: int) -> go.Figure:
    """Titel über der Legende, die Legende über der Fläche: unten lägen sonst Legende und Jahreszahlen übereinander."""
    fig.update_layout(title={"text": titel, "font": {"size": 17, "color": TEXTFARBE}}, separators=",.", height=hoehe,
                      margin={"l": 10, "r": 10, "t": 78, "b": 10}, plot_bgcolor="white",
                      font={"size": 14, "color": TEXTFARBE},
                      legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom",
                              "font": {"color": TEXTFARBE}})
    for achsen in (fig.update_xaxes, fig.update_yaxes):
        achsen(gridcolor="#e5e5e5", tickfont={"color": TEXTFARBE}, linecolor="#767676")
    return fig


def fuer_beamer(fig: go.Figure, faktor: float = 1.6) -> go.Figure:
    """Eine Kopie für den Präsentationsmodus (1920 × 1080, aus 6 m lesbar): Schrift ab 22 px, dickere Linien,
    größere Punkte, mehr Höhe."""
    gross = go.Figure(fig)
    gross.update_layout(font={"size": 22}, title={"font": {"size": 28}}, legend={"font": {"size": 22}},
                        height=int((fig.layout.height or 400) * faktor), margin={"t": 110})
    gross.update_xaxes(tickfont={"size": 22})
    gross.update_yaxes(tickfont={"size": 22})
    gross.update_annotations(font_size=22)  # Namen am Linienende
    if not gross.layout.showlegend and gross.layout.annotations:
        gross.update_layout(margin={"r": int((gross.layout.margin.r or 10) * 1.7)})
    for spur in gross.data:
        if isinstance(spur, go.Scatter):
            spur.line.width = (spur.line.width or 2) * 2
            spur.marker.size = 12
        if isinstance(spur, go.Bar):
            spur.textfont.size = 22
    for notiz in gross.layout.annotations:
        notiz.font.size = 22
    for form in gross.layout.shapes:
        form.line.width = 3
    return gross


def werte(fig: go.Figure) -> pd.DataFrame:
    """Alle gezeigten Werte als Tabelle (so, wie die Tooltips sie nennen): bei einer Reihe eine Zeile je Balken,
    sonst eine Zeile je Reihe und eine Spalte je Jahr oder Gruppe. Geht von den Spuren aus, nicht von den Daten,
    damit die Tabelle nie etwas anderes zeigt als das Diagramm."""
    zeilen = []
    for spur in fig.data:
        namen = spur.y if spur.orientation == "h" else spur.x
        for kategorie, text in zip(namen, spur.text):
            zeilen.append({"Reihe": html.unescape(spur.name or ""), "Kategorie": _ohne_auszeichnung(kategorie),
                           "Wert": text})
    tabelle = pd.DataFrame(zeilen, columns=["Reihe", "Kategorie", "Wert"])
    if len(fig.data) == 1:
        spur = fig.data[0]
        art = "Gemeinde" if spur.orientation == "h" else "Jahr" if all(
            str(k).isdigit() for k in tabelle["Kategorie"]) else "Gruppe"
        wert = tabelle["Reihe"].iloc[0] or "Wert"
        reihenfolge = tabelle.iloc[::-1] if spur.orientation == "h" else tabelle  # wie von oben nach unten gezeigt
        return reihenfolge.rename(columns={"Kategorie": art, "Wert": wert})[[art, wert]].reset_index(drop=True)
    breit = tabelle.pivot(index="Reihe", columns="Kategorie", values="Wert")
    breit = breit.reindex(index=list(dict.fromkeys(tabelle["Reihe"])),
                          columns=list(dict.fromkeys(tabelle["Kategorie"])))
    breit.columns = [str(s) for s in breit.columns]
    return breit.fillna("–").rename_axis("Gebiet").reset_index()


def beschreibung(fig: go.Figure) -> str:
    """Alternativtext: was das Diagramm zeigt und wo die Werte stehen."""
    titel = fig.layout.title.text or "Diagramm"
    reihen = [html.unescape(s.name) for s in fig.data if s.name]
    art = "Balkendiagramm" if all(isinstance(s, go.Bar) for s in fig.data) else "Liniendiagramm"
    teil = f" mit {len(reihen)} Reihen: {', '.join(reihen)}" if len(reihen) > 1 else ""
    return f"{art} „{_ohne_auszeichnung(titel)}“{teil}. Alle Werte stehen in der Tabelle unter dem Diagramm."


def _ohne_auszeichnung(text) -> str:
    return html.unescape(str(text).replace("<b>", "").replace("</b>", "").removeprefix("▶ "))


def rangliste_titel(indikator: Indikator) -> str:
    return f"{indikator.titel}: Gemeinden im Vergleich"


def rangliste_werte(rangliste: pd.DataFrame, indikator: Indikator) -> pd.DataFrame:
    """Die Werte der Rangliste (berichte.svgdiagramme.rangliste) als Tabelle, von oben nach unten wie gezeigt."""
    return pd.DataFrame({"Gemeinde": rangliste["name"].to_list(), indikator.kurz: [
        wert_text(w, s) for w, s in zip(rangliste["wert"], rangliste["status"])]})


def rangliste_beschreibung(indikator: Indikator) -> str:
    return f"Balkendiagramm „{rangliste_titel(indikator)}“. Alle Werte stehen in der Tabelle unter dem Diagramm."


def linienstil(n: int) -> dict:
    """Der Stil der n-ten Gemeindelinie: Farbe (8, Okabe-Ito ohne Schwarz), Punktform (7) und Strichart (alle 8
    Linien eine andere), so dass auch 20 und mehr Linien verschieden bleiben – und nicht nur in der Farbe."""
    return {"farbe": GEMEINDEFARBEN[n % len(GEMEINDEFARBEN)], "form": PUNKTFORMEN[n % len(PUNKTFORMEN)],
            "strich": STRICHARTEN[n // len(GEMEINDEFARBEN) % len(STRICHARTEN)]}


def zeitreihe_linien(reihe: pd.DataFrame, indikator: Indikator, hoehe: int = 420) -> go.Figure:
    """Eine Linie je Gebiet über die Jahre; Lücken, wo kein Wert ausweisbar ist. Der Kreis schwarz, dick und
    gestrichelt; bis DIREKT_BIS Linien steht der Name am Ende jeder Linie, mehr stehen in einer Legende rechts
    (oben überdeckte sie den Titel)."""
    fig = go.Figure()
    gruppen = list(reihe.groupby("ags", sort=False))
    gemeinden = 0
    for _, teil in gruppen:
        werte = [runde(w, 1) if s == Status.OK else None for w, s in zip(teil["wert"], teil["status"])]
        kreis = teil["ebene"].iloc[0] == "kreis"
        stil = {"farbe": "#000000", "form": "circle", "strich": "dash"} if kreis else linienstil(gemeinden)
        gemeinden += not kreis
        name = html.escape(teil["name"].iloc[0])
        fig.add_trace(go.Scatter(
            x=teil["jahr"], y=werte, mode="lines+markers", name=name,
            line={"color": stil["farbe"], "width": 3 if kreis else 2, "dash": stil["strich"]},
            marker={"symbol": stil["form"], "size": 7},
            text=[wert_text(w, s) for w, s in zip(teil["wert"], teil["status"])],
            hovertemplate="%{fullData.name}, %{x}: %{text}<extra></extra>"))
        letzter = next(((j, w) for j, w in zip(reversed(list(teil["jahr"])), reversed(werte)) if w is not None), None)
        if len(gruppen) <= DIREKT_BIS and letzter:
            fig.add_annotation(x=letzter[0], y=letzter[1], text=name, showarrow=False, xanchor="left", xshift=8,
                               font={"color": stil["farbe"], "size": 13})
    fig.update_xaxes(dtick=1, tickformat="d", range=[reihe["jahr"].min() - 0.3, reihe["jahr"].max() + 0.3])
    fig.update_yaxes(ticksuffix=" %", rangemode="tozero")
    fig = _layout(fig, f"{indikator.titel}: Verlauf", hoehe)
    if len(gruppen) > DIREKT_BIS:
        fig.update_layout(legend={"orientation": "v", "x": 1.02, "xanchor": "left", "y": 1.0, "yanchor": "top"},
                          height=max(hoehe, 60 + 22 * len(gruppen)))
    else:  # Platz rechts für die Namen am Linienende; oben keine Legende, also weniger Rand
        fig.update_layout(showlegend=False, margin={"r": 10 + 8 * max(len(t["name"].iloc[0]) for _, t in gruppen),
                                                    "t": 50})
    return fig


def altersgruppen_balken(werte: pd.DataFrame, hoehe: int = 360) -> go.Figure:
    """Gruppierte Balken: NEF-Quote je Altersgruppe (Spalten: gruppe, gebiet, wert, status)."""
    fig = go.Figure()
    for n, (gebiet, teil) in enumerate(werte.groupby("gebiet", sort=False)):
        fig.add_trace(go.Bar(
            x=teil["gruppe"], y=[runde(w, 1) if s in AUSGEWIESEN else None
                                 for w, s in zip(teil["wert"], teil["status"])],
            name=html.escape(gebiet), marker_color=[FARBE, FARBE_KREIS, FARBE_HERVOR][n % 3],
            text=[wert_text(w, s) for w, s in zip(teil["wert"], teil["status"])], textposition="outside",
            hovertemplate="%{fullData.name}, %{x}: %{text}<extra></extra>", cliponaxis=False))
    fig.update_yaxes(ticksuffix=" %", rangemode="tozero")
    return _layout(fig, "NEF-Quote nach Altersgruppe (Präventionskette)", hoehe)
