"""Einstieg des Sozialplanungs-Dashboards: Seitenrahmen und Navigation (Start: streamlit run app.py)."""

import streamlit as st

st.set_page_config(page_title="Sozialplanung Landkreis – Kinderarmut", page_icon="📊", layout="wide")
seiten = st.navigation([st.Page("pages/uebersicht.py", title="Übersicht", url_path="uebersicht", default=True)])
seiten.run()
