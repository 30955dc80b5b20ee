"""Übersicht: Wert des Kreises und aller Gemeinden für den gewählten Indikator und das Jahr."""

import streamlit as st

from darstellung.tabellen import gebietstabelle, monat_text, nte_text, tag_text, wert_text
from pages._rahmen import banner, gebiete, seitenleiste

auswahl = seitenleiste()
if auswahl is not None:
    ind, jahr, daten = auswahl.indikator, auswahl.jahr, auswahl.ergebnis
    gezeigt = daten[(daten["indikator"] == ind.id) & (daten["jahr"] == jahr)]
    banner(gezeigt)
    st.title(ind.titel)
    kreis = gezeigt[gezeigt["ags"] == gebiete().kreis]
    if kreis.empty:
        st.info("Für den Kreis gibt es in diesem Jahr keinen Wert.")
    else:
        k = kreis.iloc[0]
        st.metric(f"{k['name']} {jahr}", wert_text(k["wert"], k["status"]),
                  help=f"{ind.zaehler_text} / {ind.nenner_text}")
        st.caption(" · ".join(t for t in (
            nte_text(k["wert"], k["status"], ind),
            f"Stichtag SGB II: {monat_text(k['stichtag_sgb2'])}",
            f"Bevölkerung: {tag_text(k['stichtag_bev'])}",
            f"Quelle: {k['quelle'] or 'nicht angegeben'}") if t))
    st.subheader("Gemeinden")
    st.dataframe(gebietstabelle(daten, ind, jahr), hide_index=True, width="stretch")
    with st.expander("Definition und Hinweise"):
        st.markdown(ind.definition)
        st.markdown("\n".join(f"- {h}" for h in ind.hinweise))
        st.caption(f"Quelle: {ind.quelle}")
