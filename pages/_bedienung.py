"""Bedienelemente und Darstellungen, die mehrere Seiten teilen: Auswahl mit Wert in der Ansicht, Seitenleiste,
Diagramm und Rangliste mit ihren Werten als Tabelle, Tabellen für Bildschirm und Druck."""

import pandas as pd
import streamlit as st

from berichte import svg
from darstellung import diagramme
from darstellung.maskierung import html, md, md_zelle
from darstellung.tabellen import html_tabelle
from indikatoren.ablage.datenstaende import Datenstand
from indikatoren.grundlagen import katalog
from pages import _zwischenspeicher as speicher
from pages._ansicht import ansicht, setze


def auswahl(widget, label: str, optionen: list, feld: str, **optionen_widget):
    """Ein Bedienelement, dessen Wert in der Ansicht (und damit im Link) steht."""
    wert = getattr(ansicht(), feld)
    schluessel = f"w_{feld}"
    optionen_widget.setdefault("placeholder", "Bitte wählen")
    return widget(label, optionen, index=optionen.index(wert) if wert in optionen else 0, key=schluessel,
                  on_change=lambda: setze(**{feld: st.session_state[schluessel]}), **optionen_widget)


def sozialraumwahl(k: speicher.Kontext, gemeinde: str | None) -> str | None:
    """Hat die Gemeinde Sozialräume, die Wahl „ganze Gemeinde“ oder einer davon (steht in der Ansicht und im
    Link); der gewählte Sozialraum, wenn er zu dieser Gemeinde gehört, sonst None."""
    gebiete = speicher.gebiete()
    raeume = gebiete.sozialraeume_von(gemeinde)
    if len(raeume) and not k.praesentation:
        wahl = {"": f"ganze Gemeinde {gebiete.name(gemeinde)}", **dict(zip(raeume["id"], raeume["name"]))}
        auswahl(st.selectbox, "Sozialraum", list(wahl), "sozialraum", format_func=wahl.get)
    gewaehlt = ansicht().sozialraum
    return gewaehlt if gewaehlt in set(raeume["id"]) else None


def seitenleiste(stand: Datenstand, indikatoren: list[str], jahre: list[int], daten: pd.DataFrame,
                 bedienung: tuple[str, ...]) -> None:
    with st.sidebar:
        if "indikator" in bedienung:
            auswahl(st.selectbox, "Indikator", indikatoren, "indikator",
                    format_func=lambda i: katalog.indikator(i).titel)
        if "jahr" in bedienung:
            jahre_des_indikators = sorted(daten.loc[daten["indikator"] == ansicht().indikator, "jahr"].unique(),
                                          reverse=True) if "indikator" in bedienung else reversed(jahre)
            auswahl(st.selectbox, "Jahr", [int(j) for j in jahre_des_indikators], "jahr")
        arten = ", ".join(sorted(set(daten["art"])))
        st.caption(f"Datenstand {stand.id} vom {stand.erstellt.astimezone():%d.%m.%Y} · Art: {md(arten)} · "
                   f"Datei {md(stand.dateiname)}")
        st.toggle("Präsentationsmodus", key="w_praesentation",
                  help="Große Schrift und Diagramme, ohne Seitenleiste – für den Beamer. Beenden über den Knopf "
                       "oben.",
                  on_change=lambda: setze(praesentation=True))


def diagramm(fig, schluessel: str) -> None:
    """Ein Plotly-Diagramm mit Alternativtext und allen Werten als Tabelle darunter; im Präsentationsmodus groß."""
    gezeigt = diagramme.fuer_beamer(fig) if ansicht().praesentation else fig
    st.plotly_chart(gezeigt, config=diagramme.KONFIGURATION, alt=diagramme.beschreibung(fig), key=schluessel)
    with st.expander("Werte des Diagramms als Tabelle"):
        st.dataframe(diagramme.werte(fig), hide_index=True, width="stretch", key=f"{schluessel}_werte")


def rangliste(k: speicher.Kontext) -> None:
    """Die Rangliste der Ansicht als Bild vom Server (dieselbe Grafik wie im Sozialbericht), mit Alternativtext und
    allen Werten als Tabelle darunter; im Präsentationsmodus groß. Als Bild lädt die Übersicht kein Plotly (1,4 MB)."""
    bild, werte = speicher.rangliste(k, "beamer" if k.praesentation else "seite")
    breite, hoehe = svg.pixelgroesse(bild)
    st.html(f'<img class="rangliste" src="{bild}" alt="{html(diagramme.rangliste_beschreibung(k.indikator))}" '
            f'width="{breite}" height="{hoehe}" style="max-width:100%;height:auto">')
    with st.expander("Werte des Diagramms als Tabelle"):
        st.dataframe(werte, hide_index=True, width="stretch", key="rangliste_werte")


def texttabelle(daten: pd.DataFrame) -> None:
    """st.table, dessen Zellen und Köpfe Streamlit als Markdown zeigt: Namen aus Dateien (Sozialräume, Quellen)
    bleiben Text (maskierung.md_zelle)."""
    st.table(daten.rename(index=md_zelle, columns=md_zelle).map(lambda w: md_zelle(w) if isinstance(w, str) else w),
             hide_index=isinstance(daten.index, pd.RangeIndex))  # eine laufende Nummer sagt Lesern nichts


def tabelle(daten: pd.DataFrame, schluessel: str, index: bool = False) -> None:
    """st.dataframe für den Bildschirm, dazu ein Zwilling aus schlichtem HTML, der beim Drucken an ihre Stelle tritt
    (die Tabelle von Streamlit druckte nur die Zeilen, die gerade zu sehen sind)."""
    with st.container(key=f"drucktabelle_{schluessel}"):  # alle Zeilen ohne inneres Rollen (bis etwa 25)
        st.dataframe(daten, hide_index=not index, width="stretch", height=min(3 + 35 * (len(daten) + 1), 900))
        st.markdown(f'<div class="nur-drucken">{html_tabelle(daten, index)}</div>', unsafe_allow_html=True)
