"""Datenpflege, Reiter Angebote: die Meldungen der Träger (Seite „Angebot melden“) prüfen – annehmen, bearbeitet
annehmen oder mit Grund ablehnen – und persönliche Links für Träger erzeugen oder zurückziehen."""

import pandas as pd
import streamlit as st

from angebote import erinnerung, katalog, meldung
from darstellung import datenpflege as tabellen
from darstellung.maskierung import md
from indikatoren.ablage.datenstaende import Ablage
from indikatoren.grundlagen import konfiguration
from indikatoren.grundlagen.gebiete import Gebiete
from indikatoren.grundlagen.meldungen import UngueltigeDatei
from indikatoren.zugang import aktualisierungslinks
from pages import _anmeldung as anmeldung

ART = {"neu": "neues Angebot", "aenderung": "Änderung", "bestaetigung": "Bestätigung ohne Änderung"}
TITEL = {f.name: f.titel for f in katalog.SPALTEN}  # Überschriften für Menschen statt Spaltennamen


def _basis() -> str:
    """Die Adresse dieser Installation (ohne Seite), wie der Browser sie nennt."""
    return (st.context.url or "").split("?")[0].rsplit("/", 1)[0]


def _adresse(link: str) -> str:
    """Die ganze Adresse eines persönlichen Links (Seite „Angebot melden“ dieser Installation)."""
    return meldung.linkadresse(_basis(), link)


def zeigen(ablage: Ablage, gebiete: Gebiete, angebote: pd.DataFrame, einrichtungen: pd.DataFrame, grenzen,
           wer: str) -> None:
    offen = meldung.offene(ablage)
    st.subheader(f"Meldungen von Trägern ({len(offen)} offen)")
    if neu := st.session_state.pop("mel_ergebnis", None):
        st.success(neu[0])
        if len(neu) > 1:
            st.code(neu[1], language=None, wrap_lines=True)
    if not offen:
        st.caption("Keine offenen Meldungen. Träger melden neue Angebote auf der Seite „Angebot melden“; ein "
                   "bestehendes bestätigen oder ändern sie über ihren persönlichen Link.")
    for m in offen:
        titel = m.daten.get("titel", "") or "(ohne Titel)"
        with st.expander(f"Meldung {m.id} vom {m.eingegangen.astimezone():%d.%m.%Y %H:%M} – {ART[m.art]}: "
                         f"{md(titel)}"):
            _meldung(ablage, gebiete, angebote, einrichtungen, grenzen, wer, m)
    faellig = erinnerung.faellig(ablage, angebote)
    with st.expander(f"Erinnerungen an Träger ({len(faellig)} Angebote seit {katalog.PRUEFEN_NACH_MONATEN} Monaten "
                     "nicht bestätigt)"):
        _erinnerungen(ablage, faellig, wer)
    with st.expander("Persönliche Links für Träger"):
        _links(ablage, angebote, wer)


def _meldung(ablage, gebiete, angebote, einrichtungen, grenzen, wer, m) -> None:
    try:
        vorschau = meldung.vorschau(m, angebote)
        st.dataframe(tabellen.listenaenderungen(vorschau.assign(feld=vorschau["feld"].map(TITEL))), hide_index=True,
                     width="stretch")
    except UngueltigeDatei as fehler:
        st.warning(md(fehler))
    if m.meldeadresse:
        st.caption(f"Rückfragen an {md(m.meldeadresse)} (nicht öffentlich)")
    zeile = pd.DataFrame([{s: str(m.daten.get(s, "")) for s in katalog.LISTE.spalten}])
    bearbeitet = st.data_editor(zeile, hide_index=True, key=f"mel_{m.id}_daten", width="stretch",
                                column_config={f.name: st.column_config.SelectboxColumn(f.titel, options=f.erlaubt)
                                               if f.erlaubt else st.column_config.TextColumn(f.titel)
                                               for f in katalog.SPALTEN})
    geaendert = not bearbeitet.astype(str).equals(zeile.astype(str))
    grund = st.text_input("Grund, falls abgelehnt (geht an den Träger und ins Protokoll)", key=f"mel_{m.id}_grund",
                          max_chars=500)
    links, rechts = st.columns(2)
    if links.button("Bearbeitet annehmen" if geaendert else "Annehmen", key=f"mel_{m.id}_an", type="primary"):
        try:
            annahme = meldung.annehmen(ablage, gebiete, m.id, wer, einrichtungen, grenzen=grenzen,
                                       daten=bearbeitet.iloc[0].to_dict() | {"id": m.kennung} if geaendert else None)
        except UngueltigeDatei as fehler:
            st.error("Die Liste wäre so nicht gültig:\n\n" + "\n".join(f"- {md(f)}" for f in fehler.meldungen))
            return
        except LookupError as fehler:
            st.info(md(fehler))
            return
        st.session_state["mel_ergebnis"] = (
            f"Meldung {m.id} angenommen: Angebotsstand {annahme.stand}, Angebot {annahme.kennung}. Der persönliche "
            "Link für den Träger" + (f" ({m.meldeadresse})" if m.meldeadresse else "") + ", gültig "
            f"{aktualisierungslinks.GUELTIG.days} Tage, einmal zu benutzen:", _adresse(annahme.link))
        st.rerun()
    if rechts.button("Ablehnen", key=f"mel_{m.id}_ab"):
        try:
            meldung.ablehnen(ablage, m.id, wer, grund)
        except UngueltigeDatei as fehler:
            st.error(md(fehler.meldungen[0].text))
            return
        except LookupError as fehler:
            st.info(md(fehler))
            return
        st.session_state["mel_ergebnis"] = (f"Meldung {m.id} abgelehnt.",)
        st.rerun()


def _links(ablage: Ablage, angebote: pd.DataFrame, wer: str) -> None:
    st.caption(f"Ein Link lässt einen Träger genau ein Angebot bestätigen oder ändern, ohne Konto; er gilt "
               f"{aktualisierungslinks.GUELTIG.days} Tage und einmal. Ein neuer Link ersetzt den vorigen.")
    titel = dict(zip(angebote["id"], angebote["titel"]))
    kennung = st.selectbox("Angebot", list(titel), format_func=lambda k: f"{k}: {titel[k]}", key="mel_link_angebot",
                           index=None, placeholder="Bitte wählen")
    links, rechts = st.columns(2)
    if links.button("Neuen Link erzeugen", key="mel_link_neu", disabled=kennung is None):
        link = aktualisierungslinks.erzeugen(ablage, katalog.LISTE.name, kennung, wer)
        st.session_state["mel_ergebnis"] = (f"Neuer Link für {kennung}, gültig {aktualisierungslinks.GUELTIG.days} "
                                            "Tage:", _adresse(link))
        st.rerun()
    if rechts.button("Links zurückziehen", key="mel_link_weg", disabled=kennung is None):
        anzahl = aktualisierungslinks.widerrufen(ablage, katalog.LISTE.name, kennung, wer)
        st.session_state["mel_ergebnis"] = (f"{anzahl} Link(s) für {kennung} zurückgezogen.",)
        st.rerun()


def _erinnerungen(ablage: Ablage, faellig: list, wer: str) -> None:
    if not faellig:
        st.caption("Keine Erinnerung fällig.")
        return
    st.dataframe(pd.DataFrame({"Kennung": [e.kennung for e in faellig], "Angebot": [e.titel for e in faellig],
                               "Träger": [e.traeger for e in faellig],
                               "zuletzt bestätigt": [e.bestaetigt_am or "nie" for e in faellig],
                               "E-Mail": [e.adresse or "keine bekannt" for e in faellig]}),
                 hide_index=True, width="stretch")
    basis = _basis()
    server = konfiguration.smtp()
    if server is None:
        st.caption("Kein Mailserver eingestellt (die IT stellt ihn mit SOZIALPLANUNG_SMTP ein): die Tabelle für einen "
                   "Serienbrief im eigenen Mailprogramm enthält je Angebot einen neuen persönlichen Link.")
        anmeldung.herunterladen("Serienbrief (CSV) mit neuen Links", lambda: erinnerung.serienbrief(
            ablage, faellig, basis, wer), "erinnerungen.csv", "text/csv", key="mel_serienbrief")
        return
    mit_adresse = sum(bool(e.adresse) for e in faellig)
    if st.button(f"Erinnerungen senden ({mit_adresse} mit E-Mail-Adresse)", key="mel_erinnern",
                 disabled=not mit_adresse):
        ergebnis = erinnerung.senden(ablage, faellig, basis, wer, server)
        gesendet = [k for k, grund in ergebnis.items() if not grund]
        fehler = [f"{k}: {grund}" for k, grund in ergebnis.items() if grund]
        st.session_state["mel_ergebnis"] = (f"{len(gesendet)} Erinnerungen gesendet." + (
            " Nicht gesendet: " + "; ".join(fehler) if fehler else ""),)
        st.rerun()
