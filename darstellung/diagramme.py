"""Plotly-Diagramme mit deutschen Zahlen (16,8 %); Werte im Tooltip so, wie die Tabellen sie zeigen.

Namen werden HTML-maskiert: plotly deutet <a>, <b> u. a. in Beschriftungen sonst als Auszeichnung.
"""

import html

import pandas as pd
import plotly.graph_objects as go

from darstellung.tabellen import wert_text
from indikatoren.katalog import Indikator
from indikatoren.zahlenformat import runde

FARBE = "#bd0026"  # dunkelste Klasse der Kartenpalette
FARBE_HERVOR = "#2c7fb8"
FARBE_KREIS = "#444444"
LINIENFARBEN = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]  # Okabe-Ito


def _layout(fig: go.Figure, titel: str, hoehe: int) -> go.Figure:
    fig.update_layout(title=titel, separators=",.", height=hoehe, margin={"l": 10, "r": 10, "t": 50, "b": 10},
                      plot_bgcolor="white", font={"size": 14}, legend={"orientation": "h", "y": -0.15})
    fig.update_xaxes(gridcolor="#e5e5e5")
    fig.update_yaxes(gridcolor="#e5e5e5")
    return fig


def rangliste_balken(rangliste: pd.DataFrame, kreis: pd.Series | None, indikator: Indikator,
                     hervorheben: str | None = None) -> go.Figure:
    """Waagerechte Balken je Gemeinde (höchster Wert oben), der Kreiswert als senkrechte Linie."""
    mit_wert = rangliste[rangliste["status"].isin(["ok", "untergrenze"])].iloc[::-1]
    farben = [FARBE_HERVOR if a == hervorheben else FARBE for a in mit_wert["ags"]]
    fig = go.Figure(go.Bar(
        x=[runde(w, 1) for w in mit_wert["wert"]], y=mit_wert["name"].map(html.escape), orientation="h",
        marker_color=farben,
        text=[wert_text(w, s) for w, s in zip(mit_wert["wert"], mit_wert["status"])], textposition="outside",
        hovertemplate="%{y}: %{text}<extra></extra>", cliponaxis=False, name=indikator.kurz))
    if kreis is not None and kreis["status"] in ("ok", "untergrenze"):
        fig.add_vline(x=runde(kreis["wert"], 1), line_dash="dash", line_color=FARBE_KREIS,
                      annotation_text=f"{html.escape(kreis['name'])}: {wert_text(kreis['wert'], kreis['status'])}",
                      annotation_position="top")
    fig.update_xaxes(ticksuffix=" %", rangemode="tozero")
    return _layout(fig, f"{indikator.titel}: Gemeinden im Vergleich", max(320, 28 * len(mit_wert) + 120))


def zeitreihe_linien(reihe: pd.DataFrame, indikator: Indikator, hoehe: int = 420) -> go.Figure:
    """Eine Linie je Gebiet über die Jahre; Lücken, wo kein Wert ausweisbar ist."""
    fig = go.Figure()
    for n, (_, teil) in enumerate(reihe.groupby("ags", sort=False)):
        werte = [runde(w, 1) if s == "ok" else None for w, s in zip(teil["wert"], teil["status"])]
        fig.add_trace(go.Scatter(
            x=teil["jahr"], y=werte, mode="lines+markers", name=html.escape(teil["name"].iloc[0]),
            line={"color": LINIENFARBEN[n % len(LINIENFARBEN)], "width": 3 if teil["ebene"].iloc[0] == "kreis" else 2,
                  "dash": "dash" if teil["ebene"].iloc[0] == "kreis" else "solid"},
            text=[wert_text(w, s) for w, s in zip(teil["wert"], teil["status"])],
            hovertemplate="%{fullData.name}, %{x}: %{text}<extra></extra>"))
    fig.update_xaxes(dtick=1, tickformat="d")
    fig.update_yaxes(ticksuffix=" %", rangemode="tozero")
    return _layout(fig, f"{indikator.titel}: Verlauf", hoehe)


def altersgruppen_balken(werte: pd.DataFrame, hoehe: int = 360) -> go.Figure:
    """Gruppierte Balken: NEF-Quote je Altersgruppe (Spalten: gruppe, gebiet, wert, status)."""
    fig = go.Figure()
    for n, (gebiet, teil) in enumerate(werte.groupby("gebiet", sort=False)):
        fig.add_trace(go.Bar(
            x=teil["gruppe"], y=[runde(w, 1) if s in ("ok", "untergrenze") else None
                                 for w, s in zip(teil["wert"], teil["status"])],
            name=html.escape(gebiet), marker_color=[FARBE, FARBE_KREIS, FARBE_HERVOR][n % 3],
            text=[wert_text(w, s) for w, s in zip(teil["wert"], teil["status"])], textposition="outside",
            hovertemplate="%{fullData.name}, %{x}: %{text}<extra></extra>", cliponaxis=False))
    fig.update_yaxes(ticksuffix=" %", rangemode="tozero")
    return _layout(fig, "NEF-Quote nach Altersgruppe (Präventionskette)", hoehe)
