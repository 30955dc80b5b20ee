"""Angebote finden: ein Wegweiser für Familien und Fachkräfte in ihrer Sprache. Oben, was die meisten brauchen (was
sie suchen, Alter des Kindes, Gemeinde), die übrigen Filter aufgeklappt auf Wunsch, damit auf dem Telefon der erste
Treffer ohne Blättern zu sehen ist. Die Auswahl steht im Link (außer einer Adresse), die Liste druckt auf A4."""

from dataclasses import replace

import streamlit as st
from babel.numbers import format_decimal
from streamlit_folium import st_folium

from angebote import entfernung, katalog, sprachen, suche
from angebote.entfernung import STUFEN, mit_entfernung, orte_zur_wahl
from angebote.orte import lage, orte_der_treffer
from darstellung import dokument, uebersetzung
from darstellung.karte import stellvertreter, wegweiserorte
from darstellung.maskierung import md
from darstellung.wegweiser import angebot_markdown
from indikatoren.grundlagen import geodaten
from pages import _ansicht as sicht
from pages import _bedienung as bedienung
from pages import _rahmen as rahmen
from pages import _zwischenspeicher as speicher

ALTER = [-9, 0, 3, 6, 9, 12, 18, *range(24, 18 * 12, 12)]  # Monate: Schwangerschaft, Baby, dann Jahre

ADRESSE_NICHT = {  # Gründe aus entfernung.von_adresse, erst beim Zeigen übersetzt
    "nicht erreichbar": lambda: _("Der Dienst, der Adressen findet, ist gerade nicht erreichbar. Bitte einen Ort "
                                  "aus der Liste wählen."),
    "nicht gefunden": lambda: _("Diese Adresse wurde nicht gefunden. Bitte mit Ort schreiben, etwa „Marktplatz 5, "
                                "Alfeld“."),
    "außerhalb": lambda: _("Diese Adresse liegt nicht im Kreis. Bitte eine Adresse im Kreis angeben."),
}

k = rahmen.kontext()
if "wg_sprache_vom_browser" not in st.session_state:  # einmal je Sitzung, ein Link mit `lang=` geht vor
    st.session_state["wg_sprache_vom_browser"] = True
    if "lang" not in st.query_params:
        sicht.setze(lang=uebersetzung.aus_browser(st.context.headers.get("Accept-Language") or ""))
s = uebersetzung.sprache(sicht.ansicht().lang)
_ = s._
st.html(uebersetzung.seitenmarke(s))
gebiete = speicher.gebiete()
namen = dict(zip(gebiete.gemeinden["ags"], gebiete.gemeinden["name"]))
angebote = speicher.angebote()
einrichtungen = speicher.einrichtungen()
kostenlos = barrierefrei = False
zugang = sprache = punkt = None
hoechstens = float("inf")
a = sicht.ansicht()
titel = _("Familienwegweiser {gemeinde}").format(gemeinde=namen[a.gemeinde]) if a.gemeinde else _("Angebote finden")
st.set_page_config(page_title=dokument.titel(titel, gebiete.name(gebiete.kreis)))  # in der Sprache der Seite
if not k.praesentation:
    bedienung.auswahl(st.selectbox, _("Sprache") + " · Language", list(uebersetzung.SPRACHEN), "lang",
                      format_func=uebersetzung.name)
st.title(md(titel))
if not k.praesentation:
    oben = st.columns(3)
    with oben[0]:
        bedienung.auswahl(st.selectbox, _("Was suchen Sie?"), [None, *suche.BEDARFE], "bedarf",
                          format_func=lambda b: s.begriff(suche.BEDARFE[b].name) if b else _("alles"))
    with oben[1]:
        bedienung.auswahl(st.selectbox, _("Alter des Kindes"), [None, *ALTER], "alter",
                          format_func=lambda m: _("jedes Alter") if m is None else uebersetzung.altersangabe(s, m))
    with oben[2]:
        bedienung.auswahl(st.selectbox, _("Gemeinde"), [None, *sorted(namen, key=namen.get)], "gemeinde",
                          format_func=lambda g: namen.get(g, _("alle Gemeinden")))
    with st.expander(_("Mehr Filter: Entfernung, Sprache, Kosten, Stichworte")):
        st.text_input(_("Suche (Stichworte, etwa „Sprache“ oder „Eltern“)"), value=a.q, key="w_q", max_chars=100,
                      on_change=lambda: sicht.setze(q=st.session_state["w_q"].strip()))
        try:  # ohne Gemeindegrenzen: nur die Einrichtungen als Orte, Adressen ungeprüft auf den Kreis
            grenzen = speicher.grenzen()
        except geodaten.GeodatenFehlen:
            grenzen = None
        orte = orte_zur_wahl(grenzen, einrichtungen)
        links, rechts = st.columns(2)
        with links:
            bedienung.auswahl(st.selectbox, _("Entfernung von"), [None, *orte], "von", placeholder="",
                              format_func=lambda o: orte[o].name if o else _("keinem Ort"))
            adresse = st.text_input(_("… oder von Ihrer Adresse"), key="wg_adresse", max_chars=200,
                                    help=_("Die Adresse wird nur für diese Suche an den Geokodierungsdienst "
                                           "geschickt, nicht gespeichert und nicht in den Link geschrieben."))
        with rechts:
            grenze = st.selectbox(_("Höchstens"), [None, *(g for g, _n in STUFEN[:-1])], key="wg_hoechstens",
                                  format_func=lambda g: _("jede Entfernung") if g is None
                                  else _("{km} km").format(km=format_decimal(g, locale=s.babel)))
            hoechstens = grenze or hoechstens
        if adresse.strip():  # je Sitzung nur einmal je Adresse gefragt (der Dienst zählt jede Anfrage)
            if st.session_state.get("wg_adresspunkt", ("",))[0] != adresse:
                try:
                    st.session_state["wg_adresspunkt"] = (adresse, entfernung.von_adresse(
                        adresse, "", grenzen), "")
                except entfernung.AdresseNicht as fehler:
                    st.session_state["wg_adresspunkt"] = (adresse, None, fehler.grund)
            _adresse, punkt, grund = st.session_state["wg_adresspunkt"]
            if grund:
                st.warning(ADRESSE_NICHT[grund]())
            else:
                punkt = replace(punkt, name=_("Ihrer Adresse"))
        if punkt is None and a.von in orte:
            punkt = orte[a.von]
        links, mitte, rechts = st.columns(3)
        vorhandene = sprachen.vorhandene(angebote["sprachen"])
        sprache = links.selectbox(_("Angebot auch auf"), [None, *vorhandene], key="wg_sprache",
                                  format_func=lambda c: _("jeder Sprache") if c is None else sprachen.name(c, s.babel))
        zugang = mitte.selectbox(_("Zugang"), [None, *katalog.ZUGAENGE], key="wg_zugang",
                                 format_func=lambda z: s.begriff(z) if z else _("jeder Zugang"))
        kostenlos = rechts.checkbox(_("nur kostenlose"), key="wg_kostenlos")
        barrierefrei = rechts.checkbox(_("nur barrierefreie"), key="wg_barrierefrei")
        bedienung.auswahl(st.selectbox, _("Handlungsfeld (für Fachkräfte)"), [None, *katalog.HANDLUNGSFELDER],
                          "handlungsfeld", format_func=lambda h: s.begriff(h) if h else _("alle Handlungsfelder"))

a = sicht.ansicht()
treffer = suche.finde(angebote, suche.Filter(
    bedarf=a.bedarf, alter_monate=a.alter, lebensphase=a.lebensphase, handlungsfeld=a.handlungsfeld,
    gemeinde=a.gemeinde, nur_kostenlos=kostenlos, sprache=sprache, nur_barrierefrei=barrierefrei, zugang=zugang,
    text=a.q))
if punkt is not None:
    treffer = mit_entfernung(treffer, lage(treffer, einrichtungen), punkt)
    treffer = treffer[~(treffer["entfernung_km"] > hoechstens)].reset_index(drop=True)  # ohne Ort: bleibt
geplant = int((treffer["status"] == "geplant").sum())
zusatz = [_("davon {n} geplant und noch nicht bestätigt").format(n=geplant)] if geplant else []
if a.gemeinde:
    zusatz.append(_("mit den kreisweiten Angeboten"))
if punkt is not None:
    zusatz.append(_("nach Entfernung von {ort}").format(ort=punkt.name))
st.caption(md(" · ".join([s.n_("{n} Angebot", "{n} Angebote", len(treffer)).format(n=len(treffer)), *zusatz])))
if treffer.empty:
    st.info(_("Kein Angebot passt zu dieser Auswahl. Weniger Filter wählen oder die Suche kürzen."))
for angebot in treffer.to_dict("records"):
    st.markdown(angebot_markdown(angebot, namen, s))
if not treffer.empty:
    orte_, eigene, ohne_ort = orte_der_treffer(treffer, einrichtungen)
    # im Aufklapper, denn Aufklapper druckt der Familienwegweiser nicht mit
    anzahl = len(orte_) + len(eigene)
    with st.expander(s.n_("Auf der Karte: {n} Ort", "Auf der Karte: {n} Orte", anzahl).format(n=anzahl),
                     expanded=True):
        try:
            # die Grenzen lädt der Browser einmal als Datei; eine neue Suche schickt nur ihre Punkte
            st_folium(stellvertreter(speicher.grenzen(), speicher.wegweisergrundlage()), key="wegweiser_karte",
                      height=420, use_container_width=True, returned_objects=[],
                      feature_group_to_add=wegweiserorte(orte_, eigene))
        except geodaten.GeodatenFehlen as fehler:
            st.warning(md(fehler))
        if ohne_ort:
            st.caption(_("{n} der gefundenen Angebote haben noch keinen Ort auf der Karte (keine Einrichtung "
                         "angegeben oder deren Lage fehlt).").format(n=ohne_ort))
