"""Zeitvergleich: mehrere Gemeinden (und der Kreis) über die Jahre, mit Tabelle der Veränderungen."""

import pandas as pd
import streamlit as st

from darstellung.tabellen import pp_text, wert_text
from indikatoren.rechnen import auswertung
from indikatoren.rechnen.berechnung import Status
from pages import _ansicht as sicht
from pages import _bedienung as bedienung
from pages import _rahmen as rahmen
from pages import _zwischenspeicher as speicher

k = rahmen.kontext()
ind, kreis_ags = k.indikator, speicher.gebiete().kreis
gemeinden = speicher.gebiete().gemeinden.sort_values("name")
namen = dict(zip(gemeinden["ags"], gemeinden["name"]))
st.title(f"Zeitvergleich: {ind.titel}")

jahre = sorted(k.ergebnis.loc[k.ergebnis["indikator"] == ind.id, "jahr"].unique())
vorgabe = list(k.ansicht.gemeinden) or ([k.ansicht.gemeinde] if k.ansicht.gemeinde else
                                        auswertung.rangliste(k.ergebnis, ind.id, max(jahre))["ags"].head(3).tolist())
if k.praesentation:
    gewaehlt, mit_kreis = vorgabe, k.ansicht.kreis
else:
    alle = st.checkbox("alle Gemeinden", value=set(vorgabe) == set(namen), key="zeitvergleich_alle")
    gewaehlt = list(namen) if alle else st.multiselect(
        "Gemeinden", list(namen), default=vorgabe, format_func=namen.get, key="zeitvergleich_gemeinden",
        placeholder="Gemeinden wählen")
    mit_kreis = st.checkbox(f"{speicher.gebiete().name(kreis_ags)} zeigen", value=k.ansicht.kreis,
                            key="zeitvergleich_kreis")
sicht.setze(gemeinden=tuple(gewaehlt), kreis=mit_kreis)  # die Auswahl steht im Link
gebiete = gewaehlt + ([kreis_ags] if mit_kreis else [])

if not gebiete:
    st.info("Bitte mindestens eine Gemeinde wählen.")
else:
    verlauf, tabelle = speicher.zeitvergleich(k, gebiete)
    bedienung.diagramm(verlauf, "zeitvergleich")
    st.header("Veränderungen")
    st.dataframe(pd.DataFrame({
        "Gebiet": tabelle["name"],
        "Zeitraum": [f"{v:.0f}–{b:.0f}" if pd.notna(v) else "–" for v, b in zip(tabelle["von"], tabelle["bis"])],
        "Wert am Anfang": [wert_text(w, Status.OK) if pd.notna(w) else "–" for w in tabelle["wert_von"]],
        "Wert am Ende": [wert_text(w, Status.OK) if pd.notna(w) else "–" for w in tabelle["wert_bis"]],
        "Veränderung": tabelle["aenderung"].map(pp_text),
        "zum Vorjahr": tabelle["vorjahr"].map(pp_text),
    }), hide_index=True, width="stretch")
    st.caption("Veränderungen in Prozentpunkten (Pp.), aus den gezeigten, auf eine Stelle gerundeten Werten. "
               "Jahre ohne ausweisbaren Wert fehlen in der Linie. Alle Werte je Jahr stehen in der Tabelle unter dem "
               "Diagramm.")
