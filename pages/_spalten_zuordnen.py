"""Datenpflege, Kennzahlen einlesen: „Spalten zuordnen“ für Tabellen, deren Spalten nicht von selbst erkannt werden,
die Wahl eines gespeicherten Spaltenprofils und die Liste der Profile (ändern, löschen; alles im Protokoll)."""

import hashlib

import streamlit as st

from darstellung.maskierung import md
from indikatoren.ablage import spaltenprofile
from indikatoren.ablage.datenstaende import Ablage
from indikatoren.einlesen.tabellenaufbau import ZEICHEN, ZEICHEN_TITEL, Aufbau
from indikatoren.einlesen.zuordnung import ZEITARTEN, Profil, Zeitbezug
from indikatoren.grundlagen.spalten import ANZAHLEN, NACH_NAME

AUTOMATISCH = "automatisch (ein gespeichertes Profil, dessen Spalten alle im Kopf stehen, oder eine bekannte Tabelle)"
KEINE = "— nicht in der Datei —"


def profil_waehlen(ablage: Ablage) -> tuple[list[Profil], str | None]:
    """Die gespeicherten Profile und das gewählte (None: automatisch)."""
    if neu := st.session_state.pop("dp_profil_neu", None):  # nach dem Speichern: das neue Profil gilt
        st.session_state["dp_profil"] = neu
    if text := st.session_state.pop("dp_profil_text", None):
        st.success(md(text))
    profile = spaltenprofile.alle(ablage)
    namen = [p.name for p in profile]
    if st.session_state.get("dp_profil") not in [AUTOMATISCH, *namen]:
        st.session_state["dp_profil"] = AUTOMATISCH
    gewaehlt = st.selectbox("Spaltenprofil (für Tabellen der Ämter)", [AUTOMATISCH, *namen], key="dp_profil",
                            help="Ein Profil sagt, welche Spalte einer Tabelle welches Feld ist. Es entsteht unten "
                                 "mit „Spalten zuordnen“, sobald eine Tabelle nicht von selbst erkannt wird.")
    return profile, None if gewaehlt == AUTOMATISCH else gewaehlt


def zuordnen(ablage: Ablage, benutzer: str, aufbau: Aufbau, profil: Profil | None, vorschlag: dict[str, str]) -> None:
    """Das Formular: je Feld eine Spalte der Datei, Jahr und Stichtag, Zeichen, Quelle, Name. Gespeichert wird das
    Profil (neu oder geändert), danach prüft die Seite die Datei damit."""
    spalten = list(dict.fromkeys(aufbau.spalten))
    felder = profil.felder if profil else vorschlag
    zeit = profil.zeit if profil else Zeitbezug("titel")
    kennung = hashlib.sha256(repr((spalten, profil)).encode()).hexdigest()[:10]  # neue Datei: neue Vorgaben

    def auswahl(titel, vorgabe, key):
        optionen = [KEINE, *spalten]
        return st.selectbox(titel, optionen, index=optionen.index(vorgabe) if vorgabe in optionen else 0,
                            key=f"dp_zu_{key}_{kennung}")

    with st.form(f"dp_zuordnung_{kennung}"):
        st.markdown(f"**Spalten zuordnen** – Kopfzeile in Zeile {aufbau.kopfzeile}, Gebietsschlüssel in "
                    f"„{md(aufbau.beschriftung[aufbau.schluesselspalte] or f'Spalte {aufbau.schluesselspalte + 1}')}“."
                    + (" Vorgeschlagen sind die bekannten Beschriftungen der BA." if vorschlag and not profil else ""))
        gewaehlt = {}
        for spalte, (titel, stichtag) in zip(st.columns(2), (("SGB-II-Zahlen (Zähler)", "stichtag_sgb2"),
                                                             ("Bevölkerung (Nenner)", "stichtag_bev"))):
            with spalte:
                st.markdown(f"**{titel}**")
                for f in (f for f in ANZAHLEN if NACH_NAME[f].stichtag == stichtag):
                    gewaehlt[f] = auswahl(f"{f}: {NACH_NAME[f].bedeutung}", felder.get(f), f)
        zeilen = st.columns(3)
        with zeilen[0]:
            art = st.radio("Jahr und Stichtag", list(ZEITARTEN), format_func=ZEITARTEN.get,
                           index=list(ZEITARTEN).index(zeit.art), key=f"dp_zu_zeitart_{kennung}")
        with zeilen[1]:
            zeitspalte = auswahl("Spalte mit Jahr oder Stichtag (bei „aus einer Spalte“)",
                                 zeit.wert if zeit.art == "spalte" else None, "zeitspalte")
        with zeilen[2]:
            fest = st.text_input("Fester Wert (bei „fester Wert“): 2024, 2024-12 oder 31.12.2024",
                                 zeit.wert if zeit.art == "fest" else "", key=f"dp_zu_fest_{kennung}")
        zeichen = st.selectbox("Zeichen der Tabelle", list(ZEICHEN), format_func=ZEICHEN_TITEL.get,
                               index=list(ZEICHEN).index(profil.zeichen if profil else "BA"),
                               key=f"dp_zu_zeichen_{kennung}")
        quelle = st.text_input("Quelle (leer: das Amt und die Zeile „Stand:“ der Datei)",
                               profil.quelle if profil else "", key=f"dp_zu_quelle_{kennung}")
        name = st.text_input("Name des Profils (Pflicht), etwa „BA Kinder in Bedarfsgemeinschaften, Gemeinden“",
                             profil.name if profil else "", key=f"dp_zu_name_{kennung}")
        knopf = "Profil ändern und Datei damit prüfen" if profil else "Profil speichern und Datei damit prüfen"
        if st.form_submit_button(knopf, type="primary"):
            neu = Profil(name, {f: b for f, b in gewaehlt.items() if b != KEINE},
                         Zeitbezug(art, {"spalte": zeitspalte if zeitspalte != KEINE else "", "fest": fest.strip()}
                                   .get(art, "")), zeichen, quelle)
            try:
                text = spaltenprofile.speichern(ablage, neu, benutzer, bisher=profil.name if profil else None)
            except spaltenprofile.UngueltigesProfil as fehler:
                st.error(f"Nicht gespeichert: {md(fehler)}")
            else:
                st.session_state["dp_profil_neu"] = neu.name.strip()
                st.session_state["dp_profil_text"] = text
                st.rerun()


def verwalten(ablage: Ablage, benutzer: str) -> None:
    """Die gespeicherten Profile; Löschen nur mit Bestätigung. Ändern geht über „Spalten zuordnen“ mit einer Datei."""
    tabelle = spaltenprofile.uebersicht(ablage)
    with st.expander(f"Gespeicherte Spaltenprofile ({len(tabelle)})"):
        if tabelle.empty:
            st.caption("Noch keine. Ein Profil entsteht, sobald eine Tabelle nicht von selbst erkannt wird und ihre "
                       "Spalten zugeordnet werden.")
            return
        st.dataframe(tabelle, hide_index=True, width="stretch", key="dp_profile")
        st.caption("Ändern: die Datei hochladen, das Profil oben wählen und „Zuordnung ändern“ öffnen.")
        spalten = st.columns([2, 1], vertical_alignment="bottom")
        name = spalten[0].selectbox("Profil löschen", tabelle["Profil"].tolist(), key="dp_profil_loeschen")
        if spalten[1].button("Löschen", key="dp_profil_loeschen_knopf"):
            st.session_state["dp_profil_text"] = spaltenprofile.loeschen(ablage, name, benutzer)
            st.rerun()
