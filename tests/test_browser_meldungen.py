"""Im echten Chromium: ein Träger meldet ein Angebot, das Netzwerk nimmt es an, es steht im Wegweiser, auf seiner
Karte und in der Lückenmatrix (ein Klick auf die Zelle zeigt es); über seinen Link ändert der Träger es, wieder erst
nach der Prüfung; ein benutzter oder gefälschter Link wird abgewiesen."""

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser import ERGEBNISSE, browser_seite, streamlit_server
from tests.conftest import HILDESHEIM_GEOJSON, PROJEKT
from tests.test_browser import _anmelden, _secrets

pytestmark = pytest.mark.browser


def _feld(seite, frage: str):
    """Das Textfeld zu einer Frage (ihr Hilfeknopf trägt dieselbe Beschriftung)."""
    return seite.get_by_role("textbox", name=re.compile("^" + re.escape(frage)))


def _waehlen(seite, frage: str, *werte: str) -> None:
    """Wie mit der Tastatur: ins Auswahlfeld tippen, bis nur der Wert passt, und mit der Eingabetaste wählen."""
    feld = seite.get_by_role("combobox", name=re.compile("^" + re.escape(frage)))
    for wert in werte:
        feld.click()
        feld.fill(wert)
        seite.get_by_role("option", name=wert, exact=True).first.wait_for(timeout=10_000)
        seite.keyboard.press("Enter")
    seite.keyboard.press("Escape")


def _annehmen(seite, adresse: str) -> str:
    """In der Datenpflege (schon angemeldet) die einzige offene Meldung annehmen; gibt den neuen Link."""
    seite.goto(f"{adresse}/datenpflege?reiter=Angebote", wait_until="domcontentloaded")
    seite.get_by_text("Meldungen von Trägern (1 offen)").wait_for(timeout=60_000)
    seite.get_by_text("Ohne Aktion endet die Anmeldung").wait_for(state="attached", timeout=60_000)  # Lauf zu Ende:
    seite.wait_for_timeout(500)  # ein Klick mitten im Lauf ginge verloren
    seite.get_by_text(re.compile(r"^Meldung \d+ vom")).first.click()
    angenommen = seite.get_by_text(re.compile(r"Meldung \d+ angenommen"))
    for _versuch in range(3):  # fällt der Klick in einen Lauf, den der Browser noch nachschiebt, geht er verloren
        knopf = seite.get_by_role("button", name="Annehmen", exact=True)
        if knopf.count():
            knopf.click()
        try:
            angenommen.wait_for(timeout=20_000)
            break
        except PlaywrightTimeout:
            continue
    angenommen.wait_for(timeout=30_000)
    return seite.locator("[data-testid=stCode] code").first.inner_text()


def test_traeger_meldet_netzwerk_prueft_link_aendert(tmp_path):
    secrets = _secrets(tmp_path, "schulz", vorweg='[datenpflege.rollen]\nschulz = "netzwerk"\n')
    umgebung = {"SOZIALPLANUNG_LAUFZEIT": str(tmp_path / "laufzeit"), "SOZIALPLANUNG_BASEMAP": "keine",
                "SOZIALPLANUNG_GEODATEN": str(HILDESHEIM_GEOJSON), "SOZIALPLANUNG_DB": ""}
    with browser_seite() as seite, streamlit_server(PROJEKT, umgebung, secrets) as adresse:
        try:
            seite.goto(f"{adresse}/angebot-melden", wait_until="domcontentloaded")
            _feld(seite, "Wie heißt Ihr Angebot?").fill("Elterncafé am Markt", timeout=60_000)
            _feld(seite, "Was bieten Sie an, und für wen?").fill("Treffen für Eltern mit Babys.")
            _feld(seite, "Wer bietet es an?").fill("Verein Miteinander")
            _waehlen(seite, "Zu welcher Ebene gehört der Anbieter?", "freier Träger")
            _waehlen(seite, "In welcher Gemeinde findet es statt?", "Alfeld (Leine)")
            _waehlen(seite, "In welcher Einrichtung findet es statt?", "Familienzentrum Alfeld")
            _waehlen(seite, "Oder: für welche Lebensphasen?", "0-3")
            _waehlen(seite, "Worum geht es vor allem?", "Beratung und Elternbildung")
            _waehlen(seite, "Wie kommt man hin?", "offen")
            _waehlen(seite, "Was kostet es?", "kostenlos")
            _waehlen(seite, "Läuft es schon?", "Ja, es läuft")
            _feld(seite, "In welchen Sprachen außer Deutsch?").fill("Arabisch")
            _feld(seite, "Wann?").fill("dienstags 9–11 Uhr")
            _feld(seite, "Ihre E-Mail-Adresse").fill("leitung@miteinander.example")
            seite.get_by_role("button", name="Angebot melden").click()
            seite.get_by_text("ist angekommen").wait_for(timeout=60_000)

            seite.goto(f"{adresse}/angebote?q=Elterncaf%C3%A9", wait_until="domcontentloaded")
            seite.get_by_text("Kein Angebot passt").wait_for(timeout=60_000)  # vor der Prüfung nicht öffentlich

            seite.goto(f"{adresse}/datenpflege", wait_until="domcontentloaded")
            _anmelden(seite, "schulz", "Angebote")
            link = _annehmen(seite, adresse)
            assert link.startswith(f"{adresse}/angebot-melden?link=")

            seite.goto(f"{adresse}/angebote?q=Elterncaf%C3%A9", wait_until="domcontentloaded")
            seite.get_by_text("Elterncafé am Markt").first.wait_for(timeout=60_000)
            seite.get_by_text("Zeiten: dienstags 9–11 Uhr").first.wait_for(timeout=60_000)
            seite.get_by_text("Auf der Karte: 1 Ort").wait_for(timeout=60_000)  # im Familienzentrum
            # in der Lückenmatrix: Beratung und Elternbildung × 0-3 ist jetzt abgedeckt, ein Klick zeigt es
            seite.goto(f"{adresse}/praeventionskette?gemeinde=03254002", wait_until="domcontentloaded")
            zelle = seite.locator(".st-key-pk_zelle_0_1 button:visible")
            zelle.wait_for(timeout=60_000)
            assert zelle.inner_text() == "1 aktiv + 2 geplant"
            zelle.click()
            seite.get_by_role("heading", name="Angebote: Beratung und Elternbildung, 0-3").wait_for(timeout=60_000)
            seite.get_by_text("Elterncafé am Markt").first.wait_for(state="attached", timeout=60_000)

            seite.goto(link, wait_until="domcontentloaded")
            zeiten = _feld(seite, "Wann?")
            zeiten.wait_for(timeout=60_000)
            assert zeiten.input_value() == "dienstags 9–11 Uhr"  # vorausgefüllt
            zeiten.fill("dienstags und donnerstags 9–11 Uhr")
            seite.get_by_role("button", name="Änderung senden").click()
            seite.get_by_text("ist angekommen").wait_for(timeout=60_000)
            seite.goto(link, wait_until="domcontentloaded")
            seite.get_by_text("schon benutzt").wait_for(timeout=60_000)
            seite.goto(link[:-3] + "abc", wait_until="domcontentloaded")
            seite.get_by_text("Dieser Link ist ungültig").wait_for(timeout=60_000)

            _annehmen(seite, adresse)
            seite.goto(f"{adresse}/angebote?q=Elterncaf%C3%A9", wait_until="domcontentloaded")
            seite.get_by_text("Zeiten: dienstags und donnerstags 9–11 Uhr").wait_for(timeout=60_000)
        finally:
            seite.screenshot(path=str(ERGEBNISSE / "meldung_traeger.png"), full_page=True)
