"""Was alle Seiten teilen: zwischengespeicherter Datenzugriff, Seitenleiste, Beispieldaten-Banner.

Das Caching liegt hier, am Rand zu Streamlit; der Kern (indikatoren/) weiß nichts davon.
"""

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from indikatoren import katalog, konfiguration
from indikatoren.berechnung import berechne
from indikatoren.datenschutz import fuer_anzeige
from indikatoren.datenstaende import Ablage, Datenstand
from indikatoren.einlesen import oeffne_ablage
from indikatoren.gebiete import Gebiete


def gebiete() -> Gebiete:
    return _gebiete(konfiguration.kreis())


def ablage() -> Ablage:
    return _ablage(konfiguration.kreis(), konfiguration.datenbank_url())


@st.cache_resource(max_entries=4)
def _gebiete(kreis: str) -> Gebiete:
    return Gebiete.laden(kreis)


@st.cache_resource(max_entries=4)
def _ablage(kreis: str, url: str) -> Ablage:
    return oeffne_ablage(_gebiete(kreis), url)


def ergebnis(datenstand_id: int) -> pd.DataFrame:
    """Alle Indikatoren eines Datenstands, geschützt für die Anzeige (keine 1 und 2)."""
    return _ergebnis(konfiguration.kreis(), konfiguration.datenbank_url(), datenstand_id)


@st.cache_data(max_entries=8, show_spinner=False)
def _ergebnis(kreis: str, url: str, datenstand_id: int) -> pd.DataFrame:
    return berechne(fuer_anzeige(_ablage(kreis, url).kennzahlen(datenstand_id)), _gebiete(kreis))


@dataclass(frozen=True)
class Auswahl:
    datenstand: Datenstand
    indikator: katalog.Indikator
    jahr: int
    ergebnis: pd.DataFrame


def seitenleiste() -> Auswahl | None:
    """Indikator und Jahr wählen, den aktiven Datenstand nennen; None, wenn es keinen gibt."""
    stand = ablage().aktiver()
    if stand is None:
        st.error("Es gibt noch keinen Datenstand. Die Stabsstelle kann Zahlen mit "
                 "„python -m indikatoren einlesen DATEI“ laden.")
        return None
    daten = ergebnis(stand.id)
    verfuegbar = [i.id for i in katalog.INDIKATOREN if i.id in set(daten["indikator"])]
    with st.sidebar:
        indikator = katalog.indikator(st.selectbox("Indikator", verfuegbar, key="indikator",
                                                   format_func=lambda i: katalog.indikator(i).titel))
        jahre = sorted(daten.loc[daten["indikator"] == indikator.id, "jahr"].unique(), reverse=True)
        jahr = st.selectbox("Jahr", jahre, key="jahr")
        arten = ", ".join(sorted(set(daten["art"])))
        st.caption(f"Datenstand {stand.id} vom {stand.erstellt.astimezone():%d.%m.%Y} ({arten}), "
                   f"Datei {stand.dateiname}")
    return Auswahl(stand, indikator, int(jahr), daten)


def banner(gezeigt: pd.DataFrame) -> None:
    """Sichtbarer Hinweis, solange auch nur ein gezeigter Wert ein Beispielwert ist."""
    if (gezeigt["art"] == "beispiel").any():
        st.warning("**Beispieldaten** – die gezeigten Zahlen sind synthetisch und keine amtlichen Werte. "
                   "Sie dienen nur zur Vorführung, bis die Stabsstelle amtliche Zahlen einliest.", icon="⚠️")
