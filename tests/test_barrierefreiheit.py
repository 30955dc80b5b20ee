"""Barrierefreiheit und Sitzung im echten Chromium: axe-core auf jeder Seite (auch in der Karte), Sprache und Titel,
Tastatur und erster Klick auf der Karte, Beamer-Größen, Links mit allem, was die Ansicht ausmacht, und Hinweise bei
veralteten Links. Screenshots jeder Seite in drei Größen liegen danach in test-ergebnisse/groessen/."""

import re

import pytest

from tests.browser import ERGEBNISSE, browser_seite
from tests.browser import verstoesse as _verstoesse
from tests.test_browser import KARTE, _karte, _parameter

pytestmark = pytest.mark.browser

SEITEN = {"": "Übersicht", "karte": "Karte", "gemeindeprofil": "Gemeindeprofil", "zeitvergleich": "Zeitvergleich",
          "praeventionskette": "Präventionskette", "angebote": "Angebote finden", "berichte": "Berichte",
          "methodik": "Methodik und Quellen", "datenpflege": "Datenpflege"}
GROESSEN = {"desktop": (1400, 900), "beamer": (1920, 1080), "telefon": (390, 844)}



# Streamlits englische Wörter: Sprunglink, „Help for …“ an Hilfeknöpfen, Anker der Überschriften, Platzhalter
ENGLISCH = ("[...document.querySelectorAll('a')].some(a => a.textContent === 'Skip to main content') || "
            "[...document.querySelectorAll('[aria-label]')].some(e => /^(Help for |Link to heading)/.test("
            "e.getAttribute('aria-label'))) || !!document.querySelector('[placeholder=\"Choose an option\"]')")


def _fertig(seite) -> None:
    """Warten, bis die Seite gelaufen ist (Streamlit meldet das nicht; der Lauf-Indikator verschwindet)."""
    seite.get_by_test_id("stMainBlockContainer").wait_for(timeout=60_000)
    seite.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    seite.wait_for_timeout(1500)


@pytest.mark.parametrize("pfad", list(SEITEN))
def test_axe_sprache_und_titel_jeder_seite(server, seite, pfad):
    seite.goto(f"{server}/{pfad}", wait_until="domcontentloaded")
    _fertig(seite)
    if pfad == "karte":
        _karte(seite)
    seite.wait_for_function("() => document.documentElement.lang === 'de' && document.title.includes(' – ')",
                            timeout=20_000)  # beide setzt das Dokument-Skript nach dem ersten Lauf
    assert seite.title() == f"{SEITEN[pfad]} – Sozialplanung Landkreis Hildesheim"
    seite.wait_for_function(f"() => !({ENGLISCH})", timeout=10_000)  # Streamlits eigene Wörter auf Deutsch
    assert seite.get_by_text("Zum Hauptinhalt springen").count() == 1
    verstoesse = _verstoesse(seite)
    if pfad == "karte":  # die Karte ist ein eigenes Dokument im iframe
        verstoesse += _verstoesse(seite.locator(KARTE).element_handle().content_frame())
    assert not verstoesse, verstoesse
    # Beschriftungen (Quellen, Stichtage, Klassen) mit mindestens 4,5:1: dunkles Grau, volle Deckkraft
    for beschriftung in seite.get_by_test_id("stCaptionContainer").all()[:3]:
        farbe, deckkraft = beschriftung.evaluate("e => [getComputedStyle(e).color, getComputedStyle(e).opacity]")
        assert farbe == "rgb(89, 89, 89)" and deckkraft == "1"


@pytest.mark.parametrize("groesse", list(GROESSEN))
def test_jede_seite_in_drei_groessen(server, groesse):
    """Screenshots zum Ansehen; auf dem Telefon ist die Seitenleiste eingeklappt und nichts bricht im Wort um."""
    ordner = ERGEBNISSE / "groessen"
    ordner.mkdir(parents=True, exist_ok=True)
    with browser_seite(*GROESSEN[groesse]) as s:
        for pfad in SEITEN:
            s.goto(f"{server}/{pfad}", wait_until="domcontentloaded")
            _fertig(s)
            if pfad == "karte":
                _karte(s)
            _ganze_seite(s, ordner / f"{pfad or 'uebersicht'}_{groesse}.png")
            if groesse == "telefon":
                assert not s.get_by_test_id("stSidebar").is_visible() or \
                    s.get_by_test_id("stSidebar").get_attribute("aria-expanded") == "false"
                titel = s.locator("h1").first
                umbruch = titel.evaluate("e => [getComputedStyle(e).wordBreak, getComputedStyle(e).overflowWrap]")
                assert umbruch == ["normal", "normal"], (pfad, umbruch)  # Umbruch nur zwischen Wörtern
                assert titel.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), pfad  # und nichts ragt hinaus


def _ganze_seite(s, datei) -> None:
    """Streamlit rollt in einem inneren Bereich; für ein Bild der ganzen Seite wird das Fenster so hoch wie er."""
    breite, hoehe = s.viewport_size["width"], s.viewport_size["height"]
    inhalt = s.evaluate("() => (document.querySelector('[data-testid=\"stMain\"]') || document.body).scrollHeight")
    s.set_viewport_size({"width": breite, "height": min(max(hoehe, inhalt), 8000)})
    _fertig(s)
    s.wait_for_function("() => ![...document.querySelectorAll('[data-testid=\"stSkeleton\"]')].length",
                        timeout=30_000)
    s.wait_for_timeout(1500)
    s.screenshot(path=str(datei))
    s.set_viewport_size({"width": breite, "height": hoehe})


def test_erster_klick_unterhalb_des_sichtbaren_bereichs_oeffnet_das_profil(server):
    """Die Karte ragt unten aus dem Fenster; der erste Klick auf den sichtbaren Teil einer Gemeinde trifft."""
    with browser_seite(1400, 700) as s:
        s.goto(f"{server}/karte?indikator=kinderarmut&jahr=2023", wait_until="domcontentloaded")
        karte = _karte(s)
        rahmen = s.locator(KARTE).bounding_box()
        assert rahmen["y"] + rahmen["height"] > 700  # teils unter dem Rand
        flaeche = karte.locator('path.gemeinde[aria-label^="Sarstedt:"]')  # im Norden, also sichtbar
        box = flaeche.bounding_box()
        y = min(box["y"] + box["height"] / 2, 690)
        s.mouse.click(box["x"] + box["width"] / 2, y)
        s.get_by_role("heading", name="Gemeindeprofil Sarstedt 2023").wait_for(timeout=60_000)
        s.wait_for_url(re.compile(r".*gemeinde=03254028"), timeout=30_000)


def test_tastatur_oeffnet_das_profil_und_flaechen_sind_beschriftet(server, seite):
    seite.goto(f"{server}/karte?indikator=kinderarmut&jahr=2024", wait_until="domcontentloaded")
    karte = _karte(seite)
    flaechen = karte.locator("path.gemeinde")
    assert flaechen.count() == 20
    assert {flaechen.nth(i).get_attribute("role") for i in range(20)} == {"button"}
    alfeld = karte.locator('path.gemeinde[aria-label^="Alfeld (Leine):"]')
    assert alfeld.get_attribute("aria-label") == \
        "Alfeld (Leine): Kinderarmut 17,5\u00a0%. Eingabetaste öffnet das Profil."
    assert alfeld.get_attribute("tabindex") == "0"
    # dauerhafte Namen auf der Karte, ohne Überdeckung
    namen = karte.locator(".gemeindename span")
    sichtbar = [n for n in namen.all() if n.evaluate("e => getComputedStyle(e).visibility") == "visible"]
    assert len(sichtbar) >= 15 and "Alfeld (Leine)" in [n.inner_text() for n in sichtbar]
    kaesten = [n.bounding_box() for n in sichtbar]
    for i, a in enumerate(kaesten):
        for b in kaesten[i + 1:]:
            assert a["x"] + a["width"] <= b["x"] + 2 or b["x"] + b["width"] <= a["x"] + 2 or \
                a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"]
    alfeld.focus()
    assert "Alfeld (Leine)" in karte.locator(".leaflet-tooltip").inner_text()  # Fokus zeigt den Tooltip
    seite.keyboard.press("Enter")
    seite.get_by_role("heading", name="Gemeindeprofil Alfeld (Leine) 2024").wait_for(timeout=60_000)
    seite.wait_for_url(re.compile(r".*gemeinde=03254002"), timeout=30_000)


@pytest.mark.parametrize("seite", [(1920, 1080)], indirect=True)
def test_praesentationsmodus_vergroessert_diagramme_und_karte(server, seite):
    seite.goto(f"{server}/gemeindeprofil?indikator=kinderarmut&jahr=2024&gemeinde=03254002&praesentation=1",
               wait_until="domcontentloaded")
    seite.locator(".js-plotly-plot .xtick text").first.wait_for(timeout=60_000)
    beenden = seite.get_by_role("button", name="Präsentationsmodus beenden")
    assert beenden.bounding_box()["y"] < 120  # oben, nicht am Ende der Seite
    groessen = seite.locator(".js-plotly-plot").first.evaluate(
        "p => [...p.querySelectorAll('.xtick text, .ytick text, .legendtext, .gtitle')]"
        ".map(t => parseFloat(getComputedStyle(t).fontSize))")
    assert groessen and min(groessen) >= 18, groessen
    linie = seite.locator(".js-plotly-plot .scatterlayer path.js-line").first
    assert float(linie.evaluate("e => parseFloat(getComputedStyle(e).strokeWidth)")) >= 4
    seite.screenshot(path=str(ERGEBNISSE / "praesentation_profil.png"))
    beenden.click()
    seite.get_by_test_id("stSidebar").wait_for(timeout=60_000)
    seite.wait_for_function("() => !location.search.includes('praesentation')", timeout=30_000)
    assert _parameter(seite.url)["gemeinde"] == "03254002"  # dieselbe Ansicht, nur ohne Präsentationsmodus

    seite.goto(f"{server}/karte?indikator=kinderarmut&jahr=2024&praesentation=1", wait_until="domcontentloaded")
    karte = _karte(seite)
    rahmen = seite.locator(KARTE).bounding_box()
    assert rahmen["y"] + rahmen["height"] <= 1080  # die Karte passt ganz auf den Beamer
    oben = min(b["y"] for b in (p.bounding_box() for p in karte.locator("path.gemeinde").all()))
    unten = max(b["y"] + b["height"] for b in (p.bounding_box() for p in karte.locator("path.gemeinde").all()))
    assert unten - oben >= 0.85 * rahmen["height"]  # der Kreis füllt die Höhe, nicht nur das mittlere Drittel
    assert float(karte.locator(".gemeindename span").first.evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)")) >= 18
    seite.screenshot(path=str(ERGEBNISSE / "praesentation_karte.png"))


def test_zeitvergleich_im_link_und_im_praesentationsmodus(server, seite):
    seite.goto(f"{server}/zeitvergleich?indikator=kinderarmut&jahr=2024&gemeinden=03254002,03254013&kreis=0",
               wait_until="domcontentloaded")
    _fertig(seite)
    auswahl = seite.get_by_test_id("stMultiSelect")
    assert "Alfeld (Leine)" in auswahl.inner_text() and "Eime" in auswahl.inner_text()
    assert not seite.get_by_role("checkbox", name="Landkreis Hildesheim zeigen").is_checked()
    seite.get_by_role("checkbox", name="Landkreis Hildesheim zeigen").check(force=True)
    seite.wait_for_url(re.compile(r".*gemeinden=03254002(%2C|,)03254013(?!.*kreis=0).*"), timeout=30_000)
    feld = seite.get_by_test_id("stSidebar").locator("#ansichtslink")
    # jedes Mal neu gesucht: Streamlit ersetzt das Element beim Neuzeichnen, ein festgehaltenes bliebe alt
    seite.wait_for_function("() => { const e = document.querySelector('[data-testid=stSidebar] #ansichtslink');"
                            " return e && !e.value.includes('kreis=0'); }", timeout=30_000)
    link = feld.input_value()
    assert "gemeinden=03254002,03254013" in link
    seite.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    seite.get_by_role("button", name="Link kopieren").click()
    seite.get_by_role("button", name="Kopiert").wait_for(timeout=5_000)
    assert seite.evaluate("() => navigator.clipboard.readText()") == link
    zweite = seite.context.browser.new_page(viewport={"width": 1920, "height": 1080})
    with zweite:  # der kopierte Link, im Präsentationsmodus geöffnet
        zweite.goto(link + "&praesentation=1", wait_until="domcontentloaded")
        _fertig(zweite)
        zweite.locator(".js-plotly-plot .annotation-text").first.wait_for(timeout=60_000)
        namen = [t.text_content() for t in zweite.locator(".js-plotly-plot .annotation-text").all()]
        assert namen == ["Alfeld (Leine)", "Eime", "Landkreis Hildesheim"]  # am Ende jeder Linie
        assert zweite.get_by_text("Werte des Diagramms als Tabelle").count() == 1


def test_veralteter_link_sagt_was_ersetzt_wurde(server, seite):
    seite.goto(f"{server}/gemeindeprofil?indikator=kinderarmut&jahr=2031&gemeinde=03254999",
               wait_until="domcontentloaded")
    hinweis = seite.get_by_text("Dieser Link passt nicht mehr ganz zum aktuellen Datenstand.")
    hinweis.wait_for(timeout=60_000)
    text = seite.get_by_test_id("stAlert").filter(has_text="Dieser Link").inner_text()
    assert "Das Jahr 2031 ist im aktuellen Datenstand nicht enthalten; gezeigt wird 2024." in text
    assert "Die Gemeinde 03254999 gibt es im Gemeindeverzeichnis nicht (mehr)" in text
    seite.get_by_role("heading", name=re.compile(r"Gemeindeprofil .* 2024")).wait_for()


def test_wegweiser_in_acht_sprachen_mit_axe_und_von_rechts_nach_links(server, seite):
    """Jede Sprache über den Link: Dokumentsprache, Schreibrichtung, Titel, axe ohne schweren Verstoß."""
    from darstellung import uebersetzung
    ordner = ERGEBNISSE / "sprachen"
    ordner.mkdir(parents=True, exist_ok=True)
    for kennung in uebersetzung.SPRACHEN:
        s = uebersetzung.sprache(kennung)
        seite.goto(f"{server}/angebote?lang={kennung}", wait_until="domcontentloaded")
        _fertig(seite)
        seite.wait_for_function(f"() => document.documentElement.lang === '{s.html_lang}' && "
                                f"document.querySelector('[data-testid=stMain]').dir === '{s.richtung}'",
                                timeout=20_000)
        assert seite.locator("h1").first.inner_text() == s._("Angebote finden")
        if kennung != "en":  # englisch heißen sie wie bei Streamlit
            seite.wait_for_function(f"() => !({ENGLISCH})", timeout=10_000)
        seite.wait_for_function("t => [...document.querySelectorAll('a')].some(a => a.textContent === t)",
                                arg=s._("Zum Hauptinhalt springen"), timeout=10_000)
        assert seite.title().startswith(s._("Angebote finden") + " – ")
        verstoesse = _verstoesse(seite)
        assert not verstoesse, (kennung, verstoesse)
        seite.screenshot(path=str(ordner / f"angebote_{kennung}.png"))
    # Arabisch läuft von rechts nach links (der Inhalt; Streamlits Seitenleiste bleibt, wie sie gebaut ist)
    seite.goto(f"{server}/angebote?lang=ar", wait_until="domcontentloaded")
    _fertig(seite)
    seite.wait_for_function("() => document.querySelector('[data-testid=stMain]').dir === 'rtl'", timeout=20_000)
    titel = seite.locator("h1").first.evaluate("e => getComputedStyle(e).direction")
    assert titel == "rtl"
    # zurück zu einer anderen Seite: wieder Deutsch von links nach rechts
    seite.goto(f"{server}/methodik", wait_until="domcontentloaded")
    _fertig(seite)
    seite.wait_for_function("() => document.documentElement.lang === 'de' && "
                            "document.querySelector('[data-testid=stMain]').dir === 'ltr'", timeout=20_000)


def test_wegweiser_in_der_sprache_des_browsers_und_auf_dem_telefon(server):
    """Ein Telefon mit Arabisch als Browsersprache bekommt den Wegweiser arabisch; der erste Treffer ist ohne
    Blättern zu sehen (die übrigen Filter sind zugeklappt)."""
    with browser_seite(390, 844, sprache="ar-SA") as s:
        s.goto(f"{server}/angebote", wait_until="domcontentloaded")
        _fertig(s)
        s.wait_for_function("() => document.documentElement.lang === 'ar'", timeout=20_000)
        assert s.locator("h1").first.inner_text() == "البحث عن خدمات"
        erster = s.get_by_text("Erziehungsberatung", exact=False).first  # der erste Treffer (nach Titel)
        erster.wait_for()
        oben = erster.evaluate("e => e.getBoundingClientRect().top")
        assert 0 < oben < 844 - 40, oben
        s.screenshot(path=str(ERGEBNISSE / "sprachen" / "angebote_telefon_ar.png"))


@pytest.mark.parametrize("pfad", ["gemeindeprofil", "methodik"])
def test_seitlich_rollende_tabellen_auf_dem_telefon_mit_der_tastatur(server, pfad):
    """Bei 390 px rollen breite Tabellen seitlich: axe ohne Verstoß (scrollable-region-focusable), die Tabelle ist
    mit Tab erreichbar, benannt, und die Pfeiltaste rollt sie."""
    with browser_seite(390, 844) as s:
        s.goto(f"{server}/{pfad}", wait_until="domcontentloaded")
        _fertig(s)
        region = s.locator("[data-testid=stTable] > div[role=region][tabindex='0']").first
        region.wait_for(state="attached", timeout=10_000)
        assert region.get_attribute("aria-label") == "Tabelle, seitlich rollbar"
        assert not _verstoesse(s)
        region.focus()
        s.keyboard.press("ArrowRight")
        s.keyboard.press("ArrowRight")
        s.wait_for_function("e => e.scrollLeft > 0", arg=region.element_handle(), timeout=5_000)
