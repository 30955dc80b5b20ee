"""Karte: der Indikator je Gemeinde als Choroplethe, dazu Kitas, Schulen, Familienzentrum und Umkreise."""

import streamlit as st
from streamlit_folium import st_folium

from darstellung.karte import BASEMAP_DE_NAMENSNENNUNG, faerbung, legende_html, stellvertreter
from darstellung.maskierung import md
from darstellung.tabellen import gebietstabelle, sozialraum_hinweis
from indikatoren.grundlagen import ansicht as ansichten
from indikatoren.grundlagen import geodaten, konfiguration
from indikatoren.grundlagen.zahlenformat import zahl
from indikatoren.orte import einrichtungen as einrichtungsliste
from indikatoren.rechnen.klassen import lies_grenzen
from pages import _ansicht as sicht
from pages import _bedienung as bedienung
from pages import _rahmen as rahmen
from pages import _zwischenspeicher as speicher


def profil_nach_klick(klick: dict | None, feld: str) -> None:
    """Ein neuer Klick auf eine Fläche öffnet ihr Profil (Gemeinde oder Sozialraum, je nach `feld` der Ansicht)."""
    gewaehlt = ((klick or {}).get("last_active_drawing") or {}).get("properties", {}).get("ags")
    if gewaehlt and gewaehlt != st.session_state.get("karte_letzter_klick"):
        st.session_state["karte_letzter_klick"] = gewaehlt
        sicht.setze(**{feld: gewaehlt})
        st.switch_page("pages/gemeindeprofil.py")


k = rahmen.kontext()
ind, jahr = k.indikator, k.jahr
st.title(f"Karte: {ind.titel} {jahr}")
werte = k.auswahl()
werte = werte[werte["ebene"] == "gemeinde"]

if not k.praesentation:
    spalten = st.columns([2, 3])
    with spalten[0]:
        bedienung.auswahl(st.selectbox, "Klassen", list(ansichten.KLASSENMETHODEN), "klassen",
                          format_func=ansichten.KLASSENMETHODEN.get)
    if k.ansicht.klassen == "eigene":
        with spalten[1]:
            text = st.text_input("Eigene Grenzen in % (mit Semikolon getrennt)", key="w_grenzen",
                                 value="; ".join(zahl(g, 1) for g in k.ansicht.grenzen), placeholder="5; 10; 15")
            try:
                sicht.setze(grenzen=lies_grenzen(text))
            except ValueError as fehler:
                st.error(md(fehler))
a = sicht.ansicht()  # mit den eben gewählten Grenzen
klassen = speicher.klassen(k, a.klassen, tuple(a.grenzen))
gebiete = speicher.gebiete()
gemeinde = k.ansicht.gemeinde
if len(gebiete.sozialraeume_von(gemeinde)) and not k.praesentation:
    ebenen = {"gemeinde": "Gemeinden des Kreises", "sozialraum": f"Sozialräume von {gebiete.name(gemeinde)}"}
    bedienung.auswahl(st.selectbox, "Ebene der Karte", list(ebenen), "ebene", format_func=ebenen.get)
sozialraeume_zeigen = len(gebiete.sozialraeume_von(gemeinde)) > 0 and sicht.ansicht().ebene == "sozialraum"

einrichtungen, umkreis = speicher.karteneinrichtungen()
try:
    grenzen, ohne_grenzen = speicher.grenzen(), None
except geodaten.GeodatenFehlen as fehler:
    grenzen, ohne_grenzen = None, f"Die Karte kann nicht gezeichnet werden: {fehler}"

with st.container(key="karte_spalten"):  # beim Drucken stehen Karte und Liste untereinander
    karte_spalte, liste_spalte = st.columns([3, 1] if not k.praesentation else [4, 1])
with karte_spalte:
    if ohne_grenzen:
        st.warning(md(ohne_grenzen))
    elif sozialraeume_zeigen:
        sr_karte, werte, klassen = speicher.sozialraumkarte(k, gemeinde, a.klassen, tuple(a.grenzen),
                                                             schrift_px=18 if k.praesentation else 13)
        profil_nach_klick(st_folium(sr_karte, key="karte_sozialraum", height=720 if k.praesentation else 620,
                                    use_container_width=True, returned_objects=["last_active_drawing"]), "sozialraum")
        st.caption(f"Sozialräume: Abgrenzung des Kreises (Sozialraumstand {speicher.sozialraumstand()}) · Grenzen: "
                   f"{geodaten.namensnennung()} · Ein Klick auf einen Sozialraum öffnet sein Profil.")
    else:
        # Die Grundlage (Geometrie, Einrichtungen) lädt der Browser einmal als Datei; ein Wechsel von Indikator,
        # Jahr oder Klassen schickt nur die Färbung, und die Karte färbt um, statt neu zu entstehen.
        grundlage = speicher.kartengrundlage(schrift_px=18 if k.praesentation else 13)
        profil_nach_klick(st_folium(stellvertreter(grenzen, grundlage), key="karte",
                                    height=720 if k.praesentation else 620, use_container_width=True,
                                    returned_objects=["last_active_drawing"],
                                    feature_group_to_add=faerbung(grenzen, werte, klassen, ind)), "gemeinde")
        st.caption(f"Grenzen: {geodaten.namensnennung()}"
                   + ("" if konfiguration.basemap() == "keine" else f" · {BASEMAP_DE_NAMENSNENNUNG}")
                   + " · Ein Klick auf eine Gemeinde öffnet ihr Profil.")

with liste_spalte:
    st.markdown(legende_html(klassen, ind, 26 if k.praesentation else 14, einrichtungen, umkreis),
                unsafe_allow_html=True)
    if not k.praesentation:  # im Präsentationsmodus zählen Karte und Legende
        ohne_lage = einrichtungen[~einrichtungen["hat_lage"]]
        st.markdown(f"**{len(einrichtungen) - len(ohne_lage)} Einrichtungen in der Karte, "
                    f"{len(ohne_lage)} Einrichtungen ohne Lage**")
        st.caption("Gezeichnet wird, wessen Lage veröffentlicht, von der Stabsstelle gesetzt oder aus der Adresse "
                   "bestimmt ist; gestrichelte Punkte zeigen eine ungefähre Lage (Ortsmitte, Bezugspunkt oder "
                   "geocodiert und noch nicht bestätigt).")
        if umkreis is not None:
            z = umkreis.zentrum
            st.markdown(f"**Umkreis um das {md(z['name'])}** (Luftlinie)")
            if z["ungefaehr"]:
                st.caption(f"Der Mittelpunkt ist nur ungefähr bekannt ({md(z['lage'])}).")
            for radius in einrichtungsliste.RADIEN:
                drin = umkreis.innerhalb(radius)
                titel = f"{radius} m" if radius < 1000 else f"{radius // 1000} km"
                namen = ", ".join(f"{md(e.name)} ({zahl(e.entfernung_m)} m)" for e in drin.itertuples())
                st.markdown(f"Innerhalb {titel}: {namen or 'keine Einrichtung mit Lage'}")
            st.caption(f"{umkreis.ohne_lage} Einrichtungen ohne Lage lassen sich nicht prüfen; die Liste wird länger, "
                       "sobald die Stabsstelle ihre Lage einträgt.")
        with st.expander(f"{len(ohne_lage)} Einrichtungen ohne Lage"):
            st.dataframe(ohne_lage[["name", "kategorie", "adresse", "status"]].rename(columns=str.capitalize),
                         hide_index=True)

st.header("Werte der Karte")
if sozialraeume_zeigen:
    bedienung.tabelle(gebietstabelle(werte, ind, jahr, ebenen=("sozialraum",)), "kartenwerte")
    st.caption(sozialraum_hinweis())
else:
    bedienung.tabelle(speicher.gebietstabelle(k), "kartenwerte")
if klassen is not None:
    st.caption("Klassen: " + " · ".join(klassen.beschriftungen()) + " · grau: nicht ausweisbar · weiß: keine Daten")
st.caption("Einrichtungen: die Quelle jeder Adresse und Lage steht in der Einrichtungsliste (Export in der "
           "Datenpflege; mitgeliefert: data/einrichtungen.csv)." + (f" {hinweis}." if (
               hinweis := einrichtungsliste.namensnennung(einrichtungen)) else ""))
