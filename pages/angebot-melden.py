"""Angebot melden: Träger melden ein neues Angebot, oder sie bestätigen und ändern ihres über ihren persönlichen
Link (?link=…). Ohne Konto; öffentlich wird es erst, wenn das Netzwerk die Meldung in der Datenpflege geprüft hat."""

import streamlit as st

from angebote import katalog, meldung
from darstellung.maskierung import md
from indikatoren.ablage.einreichungen import Abgewiesen
from indikatoren.grundlagen.meldungen import UngueltigeDatei
from indikatoren.zugang.aktualisierungslinks import LinkUngueltig, pruefen
from pages import _rahmen as rahmen
from pages import _zwischenspeicher as speicher
from pages._anmeldung import herkunft

rahmen.ueber_app()
ablage, gebiete = speicher.ablage(), speicher.gebiete()
link = st.query_params.get("link", "")
if gesendet := st.session_state.get("am_gesendet"):  # vor dem Link: der ist nach dem Senden eingelöst
    st.title("Danke!")
    st.success("Ihre Meldung" + (f" (Nummer {gesendet})" if gesendet != "–" else "") + " ist angekommen. Das "
               "Netzwerk prüft sie; erst danach erscheint sie im Wegweiser. Haben Sie eine E-Mail-Adresse angegeben, "
               "bekommen Sie danach Ihren persönlichen Link, mit dem Sie Ihr Angebot später selbst bestätigen oder "
               "ändern.")
    if not link:
        st.button("Noch ein Angebot melden", on_click=lambda: st.session_state.pop("am_gesendet", None))
    st.stop()
bisher: dict[str, str] | None = None
if link:
    try:
        kennung = pruefen(ablage, link).kennung
    except LinkUngueltig as fehler:
        st.title("Angebot bestätigen oder ändern")
        st.error(md(fehler))
        st.stop()
    angebote = speicher.angebote()
    treffer = angebote[angebote["id"] == kennung]
    if treffer.empty:
        st.title("Angebot bestätigen oder ändern")
        st.error("Dieses Angebot steht nicht mehr in der Liste. Bitte beim Netzwerk nachfragen.")
        st.stop()
    bisher = {s: str(treffer.iloc[0][s]) for s in katalog.NAMEN}

st.title("Ihr Angebot bestätigen oder ändern" if bisher else "Angebot melden")
st.markdown("Sie bieten etwas für Familien, Kinder oder Jugendliche im Kreis an? Tragen Sie es hier ein. Das Netzwerk "
            "der Präventionskette prüft jede Meldung, bevor sie im Wegweiser erscheint. Pflichtangaben sind mit * "
            "markiert." if not bisher else
            "Stimmt noch alles? Dann genügt „Alles stimmt noch“. Sonst ändern Sie, was nicht mehr stimmt, und senden "
            "die Änderung; das Netzwerk prüft sie, bevor sie im Wegweiser erscheint. Der Link gilt einmal.")

einrichtungen = speicher.einrichtungen()
namen = dict(zip(gebiete.gemeinden["ags"], gebiete.gemeinden["name"]))
AUSWAHL = {
    "zustaendigkeit": katalog.ZUSTAENDIGKEITEN, "handlungsfeld": katalog.HANDLUNGSFELDER,
    "zugang": katalog.ZUGAENGE, "kosten": katalog.KOSTEN, "barrierefrei": katalog.BARRIEREFREI, "art": katalog.ARTEN,
    "status": tuple(meldung.STATUS_TRAEGER),
    "gemeinde": (katalog.KREISWEIT, *sorted(namen, key=namen.get)),
    "einrichtung": tuple(einrichtungen.sort_values("name")["id"]),
}
ANZEIGE = {"status": meldung.STATUS_TRAEGER.get,
           "einrichtung": dict(zip(einrichtungen["id"], einrichtungen["name"])).get,
           "gemeinde": lambda a: "im ganzen Kreis" if a == katalog.KREISWEIT else namen.get(a, a)}
PFLICHT = {f.name for f in katalog.SPALTEN if f.pflicht}
LANG = {"beschreibung": 2000, "zeiten": 500, "zielgruppe": 500} | {
    f"beschreibung_{code}": 2000 for code, _name in katalog.UEBERSETZT}

werte: dict[str, str] = {}
with st.form("angebot_melden"):
    sprachen = None  # der Aufklapper steht hinter den übrigen Fragen
    for feld in meldung.FORMULAR:
        if feld.freiwillig_aufgeklappt:
            sprachen = sprachen or st.expander("Name und Beschreibung in anderen Sprachen (freiwillig; hilft "
                                               "Familien, die wenig Deutsch lesen)")
            with sprachen:
                werte[feld.name] = (st.text_area if feld.name in LANG else st.text_input)(
                    feld.frage, (bisher or {}).get(feld.name, ""), max_chars=LANG.get(feld.name, 200),
                    key=f"am_{feld.name}")
            continue
        frage = feld.frage + (" *" if feld.name in PFLICHT else "")
        vorher = (bisher or {}).get(feld.name, "")
        if feld.name == "lebensphasen":
            gewaehlt = st.multiselect(frage, katalog.LEBENSPHASEN, default=list(katalog.phasen(vorher)) if vorher
                                      else [], help=feld.hilfe, placeholder="Bitte wählen",
                                      key=f"am_{feld.name}")
            werte[feld.name] = katalog.TRENNER.join(gewaehlt)
        elif feld.name in AUSWAHL:
            optionen = ["", *AUSWAHL[feld.name]]
            anzeige = ANZEIGE.get(feld.name, str)
            werte[feld.name] = st.selectbox(frage, optionen, index=optionen.index(vorher) if vorher in optionen
                                            else 0, help=feld.hilfe or None, key=f"am_{feld.name}",
                                            format_func=lambda o, a=anzeige: "–" if o == "" else (a(o) or o))
        elif feld.name in LANG:
            werte[feld.name] = st.text_area(frage, vorher, max_chars=LANG[feld.name], help=feld.hilfe or None,
                                            key=f"am_{feld.name}")
        else:
            werte[feld.name] = st.text_input(frage, vorher, max_chars=200, help=feld.hilfe or None,
                                             key=f"am_{feld.name}")
    meldeadresse = st.text_input("Ihre E-Mail-Adresse (für Rückfragen und Ihren persönlichen Link; wird nicht "
                                 "veröffentlicht)", max_chars=200, key="am_meldeadresse")
    with st.container(key="honigtopf"):
        webseite = st.text_input("Dieses Feld bitte leer lassen", key="am_webseite")
    st.caption("Ihre Angaben zum Angebot werden nach der Prüfung veröffentlicht; Ihre E-Mail-Adresse sieht nur das "
               "Netzwerk. Mehr unter „Methodik und Quellen“.")
    senden = st.form_submit_button("Änderung senden" if bisher else "Angebot melden", type="primary")
    bestaetigen = st.form_submit_button("Alles stimmt noch") if bisher else False

if senden or bestaetigen:
    try:
        nummer = meldung.einsenden(ablage, gebiete, einrichtungen, werte, herkunft(), bisher=bisher, link=link,
                                   bestaetigen=bool(bestaetigen), meldeadresse=meldeadresse, honigtopf=webseite)
    except UngueltigeDatei as fehler:
        st.error("Bitte prüfen Sie:\n\n" + "\n".join(f"- **{md(m.spalte or 'Angaben')}**: {md(m.text)}"
                                                     for m in fehler.meldungen))
    except (Abgewiesen, LinkUngueltig) as fehler:
        st.error(md(fehler))
    else:
        st.session_state["am_gesendet"] = nummer or "–"  # beim Honigtopf sieht das Programm denselben Erfolg
        st.rerun()
