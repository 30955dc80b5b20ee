"""Gemeindeprofil: eine Gemeinde auf einer Seite – alle Indikatoren, Vergleich, Verlauf, Altersgruppen,
Einrichtungen. Druckt sauber auf A4 (siehe darstellung/stil.py)."""

import pandas as pd
import streamlit as st

from darstellung.diagramme import altersgruppen_balken, zeitreihe_linien
from darstellung.maskierung import md
from darstellung.tabellen import einrichtungen_text, monat_text, pp_text, tag_text, wert_text
from indikatoren import auswertung, katalog, vergleichswerte
from indikatoren.einrichtungen import namensnennung
from pages import _rahmen as rahmen

ALTERSGRUPPEN = (("kinderarmut_u3", "unter 3 (Krippe)"), ("kinderarmut_3_6", "3 bis unter 6 (Kita)"),
                 ("kinderarmut_6_15", "6 bis unter 15 (Schule)"))
HOEHE = 240  # zwei Diagramme, die beim Drucken untereinander stehen, passen so mit auf eine A4-Seite

k = rahmen.kontext()
gemeinden = rahmen.gebiete().gemeinden.sort_values("name")
namen = dict(zip(gemeinden["ags"], gemeinden["name"]))
if not k.praesentation:
    rahmen.auswahl(st.selectbox, "Gemeinde", list(namen), "gemeinde", format_func=namen.get)
ags = rahmen.ansicht().gemeinde or next(iter(namen))
rahmen.setze(gemeinde=ags)  # damit der Link die gezeigte Gemeinde nennt
kreis_ags, jahr = rahmen.gebiete().kreis, k.jahr
st.title(f"Gemeindeprofil {md(namen[ags])} {jahr}")
st.caption(f"Datenstand {k.datenstand.id} · Gemeinde {ags} · Kreiswerte: {md(rahmen.gebiete().name(kreis_ags))}")

zeilen = []
for ind in katalog.INDIKATOREN:
    eigene = auswertung.zeile(k.ergebnis, ind.id, jahr, ags)
    if eigene is None:
        continue
    kreis = auswertung.zeile(k.ergebnis, ind.id, jahr, kreis_ags)
    platz, von = auswertung.platz(k.ergebnis, ind.id, jahr, ags)
    vergleich = {v.ags: f"{wert_text(v.wert, 'ok')} ({monat_text(v.stichtag)})"
                 for v in vergleichswerte.passend(ind.id, jahr).itertuples()}
    zeilen.append({
        "Indikator": ind.titel, namen[ags]: wert_text(eigene["wert"], eigene["status"]),
        "Platz": f"Platz {platz} von {von}" if platz else "–",
        "zum Vorjahr": pp_text(auswertung.veraenderung(k.ergebnis, ind.id, jahr, ags)),
        "Kreis": "–" if kreis is None else wert_text(kreis["wert"], kreis["status"]),
        "Niedersachsen": vergleich.get(rahmen.gebiete().land, "–"), "Deutschland": vergleich.get("DG", "–"),
        "Stichtag": f"{monat_text(eigene['stichtag_sgb2'])} / Bev. {tag_text(eigene['stichtag_bev'])}",
    })
st.subheader("Alle Indikatoren")
st.table(pd.DataFrame(zeilen).set_index("Indikator"))
st.caption("Platz 1 = höchster Wert unter den Gemeinden des Kreises. Land und Bund: veröffentlichte Quoten "
           "(Regelleistungsberechtigte) mit eigenem Stichtag, daher nur eingeschränkt vergleichbar.")

links, rechts = st.columns(2)
with links:
    reihe = auswertung.zeitreihe(k.ergebnis, k.indikator.id, [ags, kreis_ags])
    st.plotly_chart(zeitreihe_linien(reihe, k.indikator, hoehe=HOEHE), config={"displaylogo": False})
with rechts:
    gruppen = [{"gruppe": text, "gebiet": z["name"], "wert": z["wert"], "status": z["status"]}
               for gebiet in (ags, kreis_ags) for id, text in ALTERSGRUPPEN
               if (z := auswertung.zeile(k.ergebnis, id, jahr, gebiet)) is not None]
    if gruppen:
        st.plotly_chart(altersgruppen_balken(pd.DataFrame(gruppen), hoehe=HOEHE), config={"displaylogo": False})
    else:
        st.info("Für die Altersgruppen gibt es in diesem Datenstand keine Zahlen.")

einrichtungen = rahmen.einrichtungen()
eigene = einrichtungen[einrichtungen["ags"] == ags]
st.subheader(f"Einrichtungen ({len(eigene)})")
st.markdown(einrichtungen_text(eigene) or "Für diese Gemeinde sind noch keine Einrichtungen erfasst.")
if hinweis := namensnennung(eigene):
    st.caption(hinweis)
st.caption(f"Quelle: {k.indikator.quelle}. " + " ".join(k.indikator.hinweise))
