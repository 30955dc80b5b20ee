"""Der Wegweiser in acht Sprachen: vollständige Kataloge, Sprache aus Link und Browser, Arabisch von rechts nach links,
übersetzte Angebote und der Hinweis, wo es keine Übersetzung gibt (AppTest); im Chromium axe ohne Verstoß."""

import re

import pandas as pd
import pytest
from babel.messages.pofile import read_po

from darstellung import uebersetzung
from tests.test_app import ansichtslink
from tests.test_wegweiser import _starte

PLATZHALTER = re.compile(r"\{(\w+)\}")


@pytest.fixture(autouse=True)
def umgebung(monkeypatch):
    from tests.conftest import HILDESHEIM_GEOJSON
    monkeypatch.setenv("SOZIALPLANUNG_GEODATEN", str(HILDESHEIM_GEOJSON))
    monkeypatch.setenv("SOZIALPLANUNG_BASEMAP", "keine")


@pytest.mark.parametrize("kennung", [k for k in uebersetzung.SPRACHEN if k != "de"])
def test_jeder_katalog_ist_vollstaendig_und_behaelt_die_platzhalter(kennung):
    """Jeder Text der Seite (aus dem Quelltext gelesen) hat eine Übersetzung, keine ist übrig; Platzhalter wie {n}
    bleiben (Arabisch darf sie in Ein- und Zweizahl weglassen: „خدمتان“ heißt „zwei Angebote“)."""
    texte = uebersetzung.alle_texte()
    with (uebersetzung.ORDNER / f"{kennung}.po").open("rb") as datei:
        katalog = read_po(datei)
    vorhanden = {m.id if isinstance(m.id, str) else m.id[0]: m for m in katalog if m.id}
    assert set(vorhanden) == set(texte), set(vorhanden) ^ set(texte)
    for msgid, m in vorhanden.items():
        formen = (m.string,) if isinstance(m.string, str) else m.string
        assert all(formen), (kennung, msgid)
        for form in formen:
            assert set(PLATZHALTER.findall(form)) <= set(PLATZHALTER.findall(msgid)), (kennung, msgid, form)
        if kennung != "ar" and isinstance(m.id, tuple):
            assert all(PLATZHALTER.findall(f) for f in formen), (kennung, msgid)
    assert "Angebote finden" in texte and "Kindertagespflege" in texte and "{n} Angebot" in texte


def test_sprache_aus_dem_browser():
    assert uebersetzung.aus_browser("ar-SA,ar;q=0.9,en;q=0.8") == "ar"
    assert uebersetzung.aus_browser("fr-FR,fr;q=0.9,en-US;q=0.8,de;q=0.7") == "en"  # Französisch gibt es nicht
    assert uebersetzung.aus_browser("de;q=0.5,uk;q=0.9") == "uk"  # nach Gewicht, nicht nach Reihenfolge
    assert uebersetzung.aus_browser("tr-TR") == "tr" and uebersetzung.aus_browser("pl") == "pl"
    assert uebersetzung.aus_browser("") == "de" and uebersetzung.aus_browser("xx, ;q=abc, *") == "de"
    assert uebersetzung.aus_browser("ru;q=0") == "de"  # q=0: ausdrücklich nicht


def test_pluralformen_von_hand():
    """Je Sprache ihre Regel (CLDR): Polnisch 1 oferta, 2 oferty, 5 ofert, 22 oferty; Russisch 21 предложение."""
    def n(kennung, zahl):
        return uebersetzung.sprache(kennung).n_("{n} Angebot", "{n} Angebote", zahl).format(n=zahl)
    assert [n("pl", z) for z in (1, 2, 5, 22)] == ["1 oferta", "2 oferty", "5 ofert", "22 oferty"]
    assert [n("ru", z) for z in (1, 3, 11, 21)] == ["1 предложение", "3 предложения", "11 предложений",
                                                     "21 предложение"]
    assert [n("ar", z) for z in (0, 1, 2, 5, 12, 100)] == ["لا توجد خدمات", "خدمة واحدة", "خدمتان", "5 خدمات",
                                                         "12 خدمةً", "100 خدمة"]
    assert [n("de", z) for z in (1, 2)] == ["1 Angebot", "2 Angebote"]


def test_seite_auf_arabisch_von_rechts_nach_links():
    app = _starte(lang="ar", gemeinde="03254002")
    assert not app.exception
    assert app.title[0].value == "دليل العائلات Alfeld \\(Leine\\)"
    assert app.caption[0].value.startswith("8 خدمات")
    marke = next(h.value for h in app.get("html") if h.value.startswith("<span hidden data-seitensprache"))
    assert 'data-seitensprache="ar"' in marke and 'data-richtung="rtl"' in marke
    angebot = next(m.value for m in app.markdown if "Erziehungsberatung" in m.value)
    assert "هذه الخدمة موصوفة باللغة الألمانية فقط" in angebot  # kein arabischer Titel: Deutsch mit Hinweis
    assert "الاستشارة وتثقيف الوالدين" in angebot  # Handlungsfeld übersetzt
    assert "lang=ar" in ansichtslink(app)
    assert app.selectbox(key="w_bedarf").options[1] == "مكان في روضة أو لدى مربية"


@pytest.mark.parametrize("kennung", uebersetzung.SPRACHEN)
def test_jede_sprache_zeigt_die_seite(kennung):
    app = _starte(lang=kennung)
    assert not app.exception
    erwartet = uebersetzung.sprache(kennung)._("Angebote finden")
    assert app.title[0].value.replace("\\", "") == erwartet
    assert (erwartet == "Angebote finden") == (kennung == "de")
    assert app.selectbox(key="w_lang").options == [uebersetzung.name(k) for k in uebersetzung.SPRACHEN]


def test_uebersetztes_angebot_ohne_hinweis(gebiete):
    from angebote import liste
    from darstellung.wegweiser import angebot_markdown
    a = liste.mitgeliefert(gebiete).iloc[0].to_dict() | {
        "titel_en": "Everyday questions and integration", "beschreibung_en": "Help with <forms> *and* letters",
        "beschreibung": "Hilfe bei Formularen"}
    text = angebot_markdown(a, {}, uebersetzung.sprache("en"))
    assert text.startswith("**Everyday questions and integration**") and "German only" not in text
    assert "Help with &lt;forms&gt; \\*and\\* letters" in text or "Help with \\<forms\\> \\*and\\* letters" in text
    polnisch = angebot_markdown(a, {}, uebersetzung.sprache("pl"))
    assert "Sprechzeit Alltagsfragen" in polnisch and "Ta oferta jest opisana tylko po niemiecku\\." in polnisch
    beschreibung_fehlt = angebot_markdown(a | {"beschreibung_en": ""}, {}, uebersetzung.sprache("en"))
    assert "described in German only" in beschreibung_fehlt and "Hilfe bei Formularen" in beschreibung_fehlt


def test_sprachen_als_auswahl_in_der_sprache_des_lesers(monkeypatch, gebiete):
    app = _starte(lang="en")
    auswahl = app.selectbox(key="wg_sprache")
    assert auswahl.options == ["any language"]  # die mitgelieferten Angebote nennen keine Sprache
    from angebote import sprachen
    assert [sprachen.name(k, "uk") for k in sprachen.vorhandene(pd.Series(["Türkisch", "arabisch, Englisch"]))] \
        == ["арабська", "англійська", "турецька"]  # nach deutschem Namen: Arabisch, Englisch, Türkisch
