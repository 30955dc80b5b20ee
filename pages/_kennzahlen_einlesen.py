"""Datenpflege, Reiter Kennzahlen einlesen: Vorlage, Datei prüfen (Fehlertabelle und Fehlerbericht), Vorschau
gegenüber dem aktiven Stand, Übernahme erst mit Kommentar.

Vorgabe ist „ergänzen“: der jährliche Nachtrag bringt ein neues Jahr, und nichts Bisheriges darf dabei still
verschwinden. „Ersetzen“ bleibt für eine vollständig neu gelieferte Tabelle; was dann entfällt (Jahre, Gebiete,
Indikatoren, Zeilen), steht rot in der Vorschau und muss eigens bestätigt werden."""

import hashlib
from datetime import date

import streamlit as st

from darstellung import datenpflege as tabellen
from darstellung.export import XLSX_MIME, als_csv
from darstellung.maskierung import dateiname, md
from indikatoren.ablaeufe.einlesung import einlesen
from indikatoren.ablage.datenstaende import Ablage
from indikatoren.einlesen import genesis, vorlage
from indikatoren.einlesen.amtliche_tabelle import UnbekannteSpalten
from indikatoren.einlesen.pruefung import pruefe_datei
from indikatoren.einlesen.vorschau import quoten as vorschau_quoten
from indikatoren.einlesen.vorschau import vorschau
from indikatoren.grundlagen import konfiguration
from indikatoren.grundlagen.gebiete import Gebiete
from indikatoren.grundlagen.meldungen import UngueltigeDatei
from indikatoren.grundlagen.spalten import ARTEN
from pages import _anmeldung as anmeldung
from pages import _spalten_zuordnen as spaltenzuordnung
from pages._hochladen import hochladen


def zeigen(ablage: Ablage, gebiete: Gebiete, benutzer: str) -> None:
    anmeldung.herunterladen("Vorlage herunterladen (XLSX, Gebiete vorausgefüllt, jede Spalte erklärt)",
                            lambda: vorlage.als_xlsx(gebiete), f"{vorlage.NAME}.xlsx", XLSX_MIME, key="dp_vorlage")
    art_spalten = st.columns(3)
    ergaenzen = art_spalten[0].radio("Die Datei …", ["ergänzt den aktiven Stand", "ersetzt die ganze Tabelle"],
                                     key="dp_modus", help="Ergänzen (Vorgabe): neue Zeilen kommen hinzu, gleiche AGS "
                                     "und gleiches Jahr werden ersetzt, alles andere bleibt. Ersetzen: nur die Datei "
                                     "gilt; was dann entfällt, zeigt die Vorschau rot.") == "ergänzt den aktiven Stand"
    quelle = art_spalten[1].text_input("Quelle (für Zeilen ohne Spalte quelle)", key="dp_quelle")
    art = art_spalten[2].selectbox("Art (für Zeilen ohne Spalte art)", ARTEN, key="dp_art")
    _genesis_holen(ablage, gebiete, benutzer)
    spaltenzuordnung.verwalten(ablage, benutzer)
    profile, profil = spaltenzuordnung.profil_waehlen(ablage)
    feld = f"dp_datei_{st.session_state.get('dp_runde', 0)}"  # neuer Schlüssel leert das Feld nach dem Speichern
    upload = hochladen("Kennzahlen-Tabelle (CSV, XLSX oder das alte XLS, höchstens 20 MB)", feld, "dp_upload",
                       ["csv", "txt", "xlsx", "xls"])
    if upload:
        name, inhalt = upload
        aktiv = ablage.aktiver()
        try:
            geprueft = pruefe_datei(inhalt, name, gebiete, quelle=quelle, art=art, profile=profile, profil=profil)
        except UngueltigeDatei as fehler:
            st.error(f"**{md(name)}** ist ungültig: {tabellen.probleme(len(fehler.meldungen))}. Nichts wurde "
                     "gespeichert.")
            tabelle = tabellen.meldungen(fehler)
            st.dataframe(tabelle, hide_index=True, width="stretch")
            anmeldung.herunterladen("Fehlerbericht herunterladen (CSV)", lambda: als_csv(tabelle),
                                    dateiname(name, "fehlerbericht_", ".csv"), "text/csv")
            ablage.protokolliere("pruefen", benutzer, name, hashlib.sha256(inhalt).hexdigest(), False, str(fehler))
            if isinstance(fehler, UnbekannteSpalten):
                spaltenzuordnung.zuordnen(ablage, benutzer, fehler.aufbau, None, fehler.vorschlag)
        else:
            alt = ablage.kennzahlen(aktiv.id) if aktiv else None
            neu = alt.ergaenzt_um(geprueft.kennzahlen, geprueft.spalten) if ergaenzen and alt is not None else \
                geprueft.kennzahlen
            v = vorschau(alt, neu, gebiete, konfiguration.sprung_pp())
            st.success(f"**{md(name)}** ist gültig: {len(geprueft.kennzahlen)} Zeilen. Vorschau gegenüber "
                       f"Datenstand {aktiv.id if aktiv else '–'}:")
            for hinweis in geprueft.hinweise:
                st.caption(f"Hinweis: {md(hinweis)}")
            if (uebersetzt := geprueft.uebersetzung) and uebersetzt.profil:
                gespeichert = uebersetzt.profil.name in {p.name for p in profile}
                with st.expander(f"Zuordnung ändern (Profil „{md(uebersetzt.profil.name)}“)" if gespeichert
                                 else "Spalten anders zuordnen und als Profil speichern"):
                    spaltenzuordnung.zuordnen(ablage, benutzer, uebersetzt.aufbau,
                                              uebersetzt.profil if gespeichert else None, uebersetzt.profil.felder)
            if v.verluste:  # zuerst, was verloren ginge: rot, mit der Liste darunter
                st.error(tabellen.verluste_text(v), icon=":material/delete_forever:")
                with st.expander(f"Die {len(v.entfallene_zeilen)} entfallenden Zeilen"):
                    st.dataframe(tabellen.gebietszeilen(v.entfallene_zeilen), hide_index=True, key="dp_entfallen")
            zahlen = st.columns(4)
            zahlen[0].metric("Neue Jahre", ", ".join(map(str, v.neue_jahre)) or "keine")
            zahlen[1].metric("Neue Zeilen", len(v.neue_zeilen))
            zahlen[2].metric("Geänderte Werte", len(v.geaenderte_werte))
            zahlen[3].metric("Entfallende Zeilen", len(v.entfallene_zeilen))
            if v.warnungen:  # eine Meldung mit Liste statt einer je Gemeinde
                st.warning(f"**{len(v.warnungen)} Plausibilitätswarnungen** (übernehmen geht trotzdem):\n"
                           + "\n".join(f"- {md(w)}" for w in v.warnungen))
            quoten = vorschau_quoten(alt, neu, gebiete, geprueft.kennzahlen.jahre)
            if not quoten.empty:
                st.markdown("**Quoten nach dem Übernehmen** (je Gemeinde und Kreis, neben Vorjahr und bisherigem "
                            "Wert: eine falsch zugeordnete Spalte fällt hier auf)")
                st.dataframe(tabellen.quoten(quoten), hide_index=True, width="stretch", key="dp_quoten")
            if not v.geaenderte_werte.empty:
                st.markdown("**Geänderte Werte**")
                st.dataframe(tabellen.geaenderte_werte(v.geaenderte_werte), hide_index=True, width="stretch")
            with st.form("dp_bestaetigen"):
                kommentar = st.text_area("Kommentar (Pflicht): was ist das für ein Stand?", key="dp_kommentar")
                verlust_ok = v.verluste and st.checkbox(
                    f"Ja, diese {len(v.entfallene_zeilen)} Zeilen sollen im neuen Stand fehlen.", key="dp_verlust_ok")
                if st.form_submit_button("Als neuen aktiven Datenstand übernehmen", type="primary"):
                    if not kommentar.strip():
                        st.error("Bitte einen Kommentar angeben.")
                    elif v.verluste and not verlust_ok:
                        st.error("Nicht übernommen: Bitte den Verlust der rot genannten Daten bestätigen – oder "
                                 "oben „ergänzt den aktiven Stand“ wählen.")
                    else:
                        try:
                            stand = einlesen(ablage, inhalt, name, gebiete, ergaenzen=ergaenzen, von=benutzer,
                                             kommentar=kommentar.strip(), quelle=quelle, art=art,
                                             erwartet=aktiv.id if aktiv else None, profil=profil).datenstand
                        except Exception as fehler:  # anderer Stand aktiv, Datenbank besetzt o. Ä.: nichts gespeichert
                            st.error(f"Nicht gespeichert: {md(fehler)}")
                        else:
                            st.session_state["dp_upload"] = None
                            st.session_state["dp_runde"] = st.session_state.get("dp_runde", 0) + 1
                            st.session_state["dp_gespeichert"] = stand.id
                            st.rerun()
    if gespeichert := st.session_state.pop("dp_gespeichert", None):
        st.success(f"Datenstand {gespeichert} ist gespeichert und aktiv.")


def _genesis_holen(ablage: Ablage, gebiete: Gebiete, benutzer: str) -> None:
    """Die Bevölkerung aus dem GENESIS-Dienst (Einstellungen im README) kommt wie eine hochgeladene Datei in die
    Prüfung und Vorschau darunter."""
    with st.expander(f"Bevölkerung aus dem GENESIS-Dienst holen (Tabelle {genesis.TABELLE})"):
        spalten = st.columns([1, 2], vertical_alignment="bottom")
        heute = date.today().year
        jahr = spalten[0].number_input("Jahr (Stichtag 31.12.)", 1990, heute, heute - 1, key="dp_genesis_jahr")
        if spalten[1].button("Holen und prüfen", key="dp_genesis"):
            try:
                st.session_state["dp_upload"] = genesis.bevoelkerung(gebiete.kreis, int(jahr),
                                                                     *konfiguration.genesis())
                st.session_state["dp_upload_feld"] = None  # gilt, bis eine Datei hochgeladen wird
            except genesis.GenesisFehler as fehler:
                ablage.protokolliere("einlesen", benutzer, f"genesis_{genesis.TABELLE}_{jahr}", "", False,
                                     str(fehler))
                st.error(md(fehler))
