"""Datenpflege, ein Reiter je Liste (Einrichtungen, Angebote, Sozialräume): im Browser bearbeiten oder als Datei
ersetzen, die Änderungen sehen, bevor sie gespeichert werden, Export und Vorlage, Verlauf und früheren Stand wieder
aktivieren. Sozialräume (Flächen) werden nur als Grenzdatei ersetzt, nicht in der Tabelle bearbeitet."""

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from darstellung import datenpflege as tabellen
from darstellung.export import XLSX_MIME
from darstellung.maskierung import md
from indikatoren.ablage.datenstaende import AndererStandAktiv
from indikatoren.ablage.listen import Listen
from indikatoren.einlesen import listendatei
from indikatoren.grundlagen.listenarten import aenderungen
from indikatoren.grundlagen.meldungen import Meldung, UngueltigeDatei
from pages import _anmeldung as anmeldung
from pages._hochladen import hochladen


@dataclass(frozen=True)
class Pflege:
    listen: Listen
    stand: int | None  # der aktive; None: die mitgelieferte Liste, noch nie geändert
    liste: pd.DataFrame  # als Text, Spalten id und die der Listenart
    pruefe_tabelle: Callable[[pd.DataFrame], pd.DataFrame]  # im Browser bearbeitet -> geprüft (wirft UngueltigeDatei)
    lies_datei: Callable[[bytes, str], pd.DataFrame]  # (Inhalt, Dateiname) -> geprüft
    schluessel: str  # für die Widgets: „einr“, „ang“
    spalten: dict = field(default_factory=dict)  # column_config des Editors
    datei: tuple[str, tuple[str, ...]] = (  # Beschriftung und Endungen des Uploads
        "… oder die ganze Liste als Datei ersetzen (CSV oder XLSX wie der Export; Zeilen ohne id sind neu)",
        ("csv", "txt", "xlsx"))
    bearbeiten: bool = True  # im Browser bearbeiten und als Tabelle exportieren; sonst nur zeigen (ohne `verborgen`)
    verborgen: tuple[str, ...] = ()  # Spalten, die nur gespeichert, nicht gezeigt werden (die Geometrie)
    zuerst: tuple[str, ...] = ()  # die Spalten, die man zuerst bearbeitet; die übrigen auf Wunsch (leer: alle)


def zeigen(p: Pflege, benutzer: str) -> None:
    art, k = p.listen.art, p.schluessel
    st.caption(f"Aktiv: {art.stand_heisst} {p.stand}" if p.stand else
               "Mitgelieferte Liste (oder Vorgabe), noch nie geändert. Jede Änderung wird ein neuer Stand; frühere "
               "bleiben erhalten.")
    runde = st.session_state.get(f"dp_{k}_runde", 0)
    if not p.bearbeiten:
        st.dataframe(p.liste.drop(columns=list(p.verborgen)), hide_index=True, width="stretch")
    alle = not p.zuerst or not p.bearbeiten or st.toggle(
        f"Alle {len(art.felder)} Spalten zeigen", key=f"dp_{k}_alle_spalten",
        help=f"Sonst nur die, die man meist ändert: {', '.join(f.titel for f in art.felder if f.name in p.zuerst)}.")
    bearbeitet = None if not p.bearbeiten else st.data_editor(
        p.liste, num_rows="dynamic", hide_index=True, key=f"dp_{k}_tabelle_{runde}", width="stretch",
        column_order=None if alle else ("id", *p.zuerst),
        column_config={"id": st.column_config.TextColumn(
            "Kennung", disabled=True, help="Feste Kennung; neue Zeilen bekommen sie beim Speichern (Spalte „id“)."),
            **{f.name: {**p.spalten.get(f.name, {}), "label": f.titel,
                        "help": f"{f.bedeutung} (Spalte „{f.name}“ in der Datei)"} for f in art.felder}})
    hochladen(p.datei[0], f"dp_{k}_datei_{runde}", f"dp_{k}_upload", list(p.datei[1]))
    if st.button("Änderungen prüfen", key=f"dp_{k}_pruefen", type="primary"):
        datei = st.session_state.get(f"dp_{k}_upload")
        try:
            if not datei and not p.bearbeiten:
                raise UngueltigeDatei([Meldung("Eingabe", "Bitte zuerst eine Datei wählen.")])
            neu = p.lies_datei(datei[1], datei[0]) if datei else p.pruefe_tabelle(bearbeitet)
        except UngueltigeDatei as fehler:
            st.session_state[f"dp_{k}_geprueft"] = None
            st.error(f"Nicht übernommen: "
                     f"{tabellen.probleme(len(fehler.meldungen))}.")
            ueberschriften = None if datei else {"id": "Kennung", **{f.name: f.titel for f in art.felder}}
            st.dataframe(tabellen.meldungen(fehler, ueberschriften), hide_index=True, width="stretch")
        else:
            st.session_state[f"dp_{k}_geprueft"] = (neu, datei[0] if datei else "", p.stand)
    if geprueft := st.session_state.get(f"dp_{k}_geprueft"):
        _vorschau(p, *geprueft, benutzer=benutzer)
    if gespeichert := st.session_state.pop(f"dp_{k}_gespeichert", None):
        st.success(f"{art.stand_heisst} {gespeichert} ist aktiv; alle Seiten zeigen ihn.")
    if p.bearbeiten:
        _export(p)
    _verlauf(p, benutzer)


def _vorschau(p: Pflege, neu: pd.DataFrame, datei: str, grundlage: int | None, benutzer: str) -> None:
    art, k = p.listen.art, p.schluessel
    liste = aenderungen(p.liste, neu, art)
    if liste.empty:
        st.info("Keine Änderung gegenüber dem aktiven Stand; es gibt nichts zu speichern.")
        return
    zahlen = liste.drop_duplicates(["art", "id"])["art"].value_counts()
    st.markdown("**Vorschau:** " + ", ".join(f"{zahlen.get(a, 0)} {a}" for a in ("neu", "geändert", "entfernt"))
                + (f" (aus {md(datei)})" if datei else ""))
    st.dataframe(tabellen.listenaenderungen(_kurz(p, liste)), hide_index=True, width="stretch")
    with st.form(f"dp_{k}_speichern"):
        kommentar = st.text_input("Kommentar (Pflicht): was ist das für ein Stand?", key=f"dp_{k}_kommentar")
        if st.form_submit_button("Als neuen Stand speichern", type="primary"):
            if not kommentar.strip():
                st.error("Bitte einen Kommentar angeben.")
                return
            try:
                neuer = p.listen.speichern(neu, von=benutzer, kommentar=kommentar.strip(), dateiname=datei,
                                           erwartet=grundlage, mitgeliefert=None if p.stand else p.liste)
            except AndererStandAktiv as fehler:
                st.session_state[f"dp_{k}_geprueft"] = None
                st.error(md(fehler))
                return
            st.session_state.update({f"dp_{k}_geprueft": None, f"dp_{k}_upload": None, f"dp_{k}_gespeichert": neuer,
                                     f"dp_{k}_runde": st.session_state.get(f"dp_{k}_runde", 0) + 1})
            st.rerun()


def _kurz(p: Pflege, liste: pd.DataFrame) -> pd.DataFrame:
    """Verborgene Spalten (eine Grenze als GeoJSON) nur als „verändert“, nicht als seitenlanger Text."""
    verborgen = liste["feld"].isin(p.verborgen)
    return liste.assign(vorher=liste["vorher"].mask(verborgen, "…"), nachher=liste["nachher"].mask(verborgen,
                                                                                                  "(verändert)"))


def _export(p: Pflege) -> None:
    art, k = p.listen.art, p.schluessel
    name = f"{art.name}_{p.stand or 'mitgeliefert'}"
    leer = pd.DataFrame(columns=["id", *art.spalten])
    knoepfe = st.columns(3)
    anmeldung.herunterladen("Liste als XLSX (mit Erläuterung)", lambda: listendatei.als_xlsx(p.liste, art),
                            f"{name}.xlsx", XLSX_MIME, knoepfe[0], key=f"dp_{k}_xlsx")
    anmeldung.herunterladen("Liste als CSV", lambda: listendatei.als_csv(p.liste, art), f"{name}.csv", "text/csv",
                            knoepfe[1], key=f"dp_{k}_csv")
    anmeldung.herunterladen("Leere Vorlage (XLSX, jede Spalte erklärt)", lambda: listendatei.als_xlsx(leer, art),
                            f"vorlage_{art.name}.xlsx", XLSX_MIME, knoepfe[2], key=f"dp_{k}_vorlage")


def _verlauf(p: Pflege, benutzer: str) -> None:
    art, k = p.listen.art, p.schluessel
    staende = p.listen.staende()
    if not staende:
        return
    st.markdown("**Verlauf**")
    st.dataframe(tabellen.listenverlauf(staende), hide_index=True, width="stretch")
    frueher = [s.id for s in reversed(staende) if not s.aktiv]
    if not frueher:
        return
    zurueck = st.selectbox("Früheren Stand wieder aktiv machen", frueher, key=f"dp_{k}_zurueck",
                           format_func=lambda n: f"{art.stand_heisst} {n}")
    with st.expander("Was sich damit gegenüber dem aktiven Stand ändert"):
        st.dataframe(tabellen.listenaenderungen(_kurz(p, aenderungen(p.liste, p.listen.im_stand(zurueck), art))),
                     hide_index=True, width="stretch")
    with st.form(f"dp_{k}_zurueck_form"):
        ja = st.checkbox(f"Ja, {art.stand_heisst} {zurueck} wieder aktiv machen", key=f"dp_{k}_zurueck_ok")
        if st.form_submit_button("Aktivieren"):
            if not ja:
                st.error("Bitte zuerst bestätigen.")
                return
            p.listen.aktivieren(zurueck, von=benutzer)
            st.session_state.update({f"dp_{k}_gespeichert": zurueck, f"dp_{k}_geprueft": None})
            st.rerun()
