"""Die echten Seiten in Debians Chromium: Karte mit 20 Gemeinden und Familienzentrum, nur Anfragen an
127.0.0.1, Deep Links, Klick auf eine Gemeinde, Präsentationsmodus, Download. Screenshots in test-ergebnisse/."""

import io
import os
import re
import subprocess
import sys
import zipfile
from urllib.parse import parse_qs, urlparse

import pandas as pd
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser import ERGEBNISSE, browser_seite, streamlit_server
from tests.browser import verstoesse as _verstoesse
from tests.conftest import GRENZEN_JAHR, HILDESHEIM_GEOJSON, PROJEKT

pytestmark = pytest.mark.browser
KARTE = 'iframe[title="streamlit_folium.st_folium"]'
PASSWORT = "richtig-lang-genug"


def _parameter(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(url).query).items()}


def _secrets(tmp_path, name: str, vorweg: str = ""):
    """secrets.toml mit einem lokalen Konto (Passwort PASSWORT), davor weitere Abschnitte."""
    import bcrypt
    datei = tmp_path / "secrets.toml"
    hash_ = bcrypt.hashpw(PASSWORT.encode(), bcrypt.gensalt(rounds=4)).decode()
    datei.write_text(f'{vorweg}[datenpflege.konten]\n{name} = "{hash_}"\n', encoding="utf-8")
    return datei


def _anmelden(seite, name: str, reiter: str, zuletzt: str = "Ohne Aktion endet die Anmeldung") -> None:
    """Auf der offenen Anmeldeseite anmelden und warten, bis der Reiter da ist und der Lauf zu Ende (`zuletzt`:
    ein Text, den die Seite als Letztes schreibt): ein Upload mitten im Lauf ginge sonst verloren."""
    seite.get_by_label("Name").fill(name, timeout=60_000)
    seite.get_by_label("Passwort", exact=True).fill(PASSWORT)
    seite.get_by_role("button", name="Anmelden").click()
    seite.get_by_role("tab", name=reiter).wait_for(timeout=60_000)
    seite.get_by_text(zuletzt).first.wait_for(state="attached", timeout=60_000)


def _karte(seite):
    rahmen = seite.frame_locator(KARTE)
    rahmen.locator("path.gemeinde").first.wait_for(timeout=60_000)
    return rahmen


def _tooltip(seite, karte, ziel: str) -> str:
    """Der Tooltip über `ziel` (Selektor in der Karte), wenn die Seite fertig gelaufen ist; zeigt ihn der erste
    Mausweg nicht (die Karte wurde gerade neu gesetzt), noch einmal, höchstens dreimal."""
    seite.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    seite.locator(KARTE).scroll_into_view_if_needed()
    for _ in range(3):
        karte.locator(ziel).first.hover(force=True)
        try:
            return karte.locator(".leaflet-tooltip").inner_text(timeout=10_000)
        except PlaywrightTimeout:
            seite.mouse.move(0, 0)
    raise AssertionError(f"kein Tooltip über {ziel}")


def test_karte_mit_gemeinden_familienzentrum_und_nur_lokalen_anfragen(server, seite):
    seite.goto(f"{server}/karte?indikator=kinderarmut&jahr=2024", wait_until="domcontentloaded")
    karte = _karte(seite)
    assert karte.locator("path.gemeinde").count() == 20
    assert karte.locator(".familienzentrum").count() == 1
    assert seite.locator(".legende").inner_text().count("%") == 5  # neben der Karte, verdeckt keine Gemeinde
    assert f"GeoBasis-DE / BKG ({GRENZEN_JAHR})" in karte.locator(".leaflet-control-attribution").inner_text()
    karte.locator(".familienzentrum").hover()
    assert "in Betrieb seit 29.03.2025" in karte.locator(".leaflet-tooltip").inner_text()
    assert "Lage ungefähr" in karte.locator(".leaflet-tooltip").inner_text()
    tooltip = karte.locator(".leaflet-tooltip").inner_text()  # die 8 Angebote der Konzeption, nach Lebensphase
    assert "8 Angebote (kursiv: geplant) je Lebensphase: rund um die Geburt: 3" in tooltip and "Frühe Hilfen" in tooltip
    seite.get_by_text("15 Einrichtungen ohne Lage").first.wait_for()
    ERGEBNISSE.mkdir(exist_ok=True)
    seite.screenshot(path=str(ERGEBNISSE / "karte.png"), full_page=True)
    assert any("/app/static/leaflet/leaflet.js" in a for a in seite.anfragen)


def test_wechsel_des_jahres_faerbt_die_karte_um_ohne_sie_neu_zu_bauen(server, seite):
    """Die Geometrie kommt einmal als Datei; ein Wechsel schickt nur die Färbung (≤ 5 KB, ohne Koordinaten), und
    die Karte bleibt dasselbe Dokument (Zoom und Ebenenwahl bleiben)."""
    nachrichten: list[bytes] = []
    seite.on("websocket", lambda ws: ws.on("framereceived", lambda p: nachrichten.append(
        p if isinstance(p, bytes) else p.encode())))
    seite.goto(f"{server}/karte?indikator=kinderarmut&jahr=2024", wait_until="domcontentloaded")
    karte = _karte(seite)
    alfeld = karte.locator('path.gemeinde[aria-label^="Alfeld (Leine): Kinderarmut "]')
    alfeld.wait_for()  # gefärbt: die Beschriftung nennt den Wert
    karte.locator("body").evaluate("() => { window.unveraendert = true; }")
    vorher = alfeld.get_attribute("aria-label")
    assert any("/app/static/karten/" in a and a.endswith(".js") for a in seite.anfragen)
    nachrichten.clear()
    seite.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").nth(1).click()
    seite.get_by_role("option", name="2021").click()
    seite.wait_for_function("() => new URLSearchParams(location.search).get('jahr') === '2021'")
    alfeld.and_(karte.locator(f'[aria-label]:not([aria-label="{vorher}"])')).wait_for()
    assert karte.locator("body").evaluate("() => window.unveraendert") is True  # kein neues Dokument
    seite.wait_for_timeout(300)
    kartennachrichten = [n for n in nachrichten if b"streamlit_folium" in n]
    assert len(kartennachrichten) == 1 and len(kartennachrichten[0]) <= 5 * 1024, [len(n) for n in kartennachrichten]
    assert b"coordinates" not in kartennachrichten[0] and b"gemeindenFaerben" in kartennachrichten[0]
    seite.locator(KARTE).scroll_into_view_if_needed()
    karte.locator('path.gemeinde[aria-label^="Algermissen:"]').hover()  # ohne Einrichtung darüber
    tooltip = karte.locator(".leaflet-tooltip").inner_text()
    assert "Algermissen" in tooltip and "Stichtag: Dezember 2021" in tooltip, tooltip


def test_deep_link_stellt_die_ansicht_her(server, seite):
    seite.goto(f"{server}/gemeindeprofil?indikator=sgb2_quote&jahr=2022&gemeinde=03254021",
               wait_until="domcontentloaded")
    seite.get_by_role("heading", name="Gemeindeprofil Hildesheim 2022").wait_for(timeout=60_000)
    seite.locator("#ansichtslink").wait_for()
    leiste = seite.get_by_test_id("stSidebar")
    assert leiste.get_by_test_id("stSelectbox").nth(0).locator("input").input_value() == "SGB-II-Quote"
    assert leiste.get_by_test_id("stSelectbox").nth(1).locator("input").input_value() == "2022"
    assert _parameter(seite.url) == {"indikator": "sgb2_quote", "jahr": "2022", "gemeinde": "03254021"}
    link = leiste.locator("#ansichtslink").input_value()
    assert link.startswith(f"{server}/gemeindeprofil?indikator=sgb2_quote&jahr=2022&gemeinde=03254021")
    seite.screenshot(path=str(ERGEBNISSE / "gemeindeprofil.png"), full_page=True)


def test_klick_auf_gemeinde_oeffnet_profil(server, seite):
    seite.goto(f"{server}/karte?indikator=kinderarmut&jahr=2023", wait_until="domcontentloaded")
    karte = _karte(seite)
    seite.locator(KARTE).scroll_into_view_if_needed()  # sonst rollt der Klick die Seite und trifft daneben
    seite.wait_for_timeout(500)
    flaeche = karte.locator("path.gemeinde").nth(9)  # nach AGS sortiert: 03254021 Hildesheim
    box = flaeche.bounding_box()
    seite.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    seite.get_by_role("heading", name="Gemeindeprofil Hildesheim 2023").wait_for(timeout=60_000)
    seite.wait_for_url(re.compile(r".*/gemeindeprofil\?.*gemeinde=03254021"))
    assert _parameter(seite.url) == {"indikator": "kinderarmut", "jahr": "2023", "gemeinde": "03254021"}


@pytest.mark.parametrize("seite", [(1920, 1080)], indirect=True)  # Beamer
def test_praesentationsmodus_ohne_seitenleiste(server, seite):
    seite.goto(f"{server}/karte?indikator=kinderarmut&jahr=2024&praesentation=1", wait_until="domcontentloaded")
    _karte(seite)
    assert not seite.get_by_test_id("stSidebar").is_visible()
    assert seite.get_by_test_id("stSelectbox").count() == 0
    assert seite.locator("html").evaluate("e => getComputedStyle(e).fontSize") == "24px"
    karte = seite.locator(KARTE).bounding_box()
    assert karte["height"] >= 700 and karte["width"] >= 1300  # füllt die Breite des Beamers
    seite.get_by_text("Präsentationsmodus beenden").wait_for()
    seite.screenshot(path=str(ERGEBNISSE / "praesentation.png"))


def test_downloads_enthalten_dieselben_zahlen_wie_veroeffentlichen(server, umgebung, seite):
    """CSV und XLSX der Übersicht gegen `python -m indikatoren veroeffentlichen` auf derselben Datenbank: Eimes
    ungesperrte 2 (NEF unter 3, Beispieldaten) und die sekundär gesperrten Zellen stehen in keiner Datei."""
    seite.goto(f"{server}/?indikator=kinderarmut_u3&jahr=2024", wait_until="domcontentloaded")
    dateien = {}
    verlauf = []  # kommt kein Download, sagt die Meldung, was der Browser zuletzt sah
    seite.on("response", lambda r: verlauf.append((r.status, r.url[-60:])))
    seite.on("console", lambda m: verlauf.append(("Konsole", m.text[:200])))
    for art in ("CSV", "XLSX"):
        dateien[art] = _herunterladen(seite, f"{art} herunterladen", verlauf)
    assert dateien["CSV"].suggested_filename == "kinderarmut_u3_2024_datenstand1.csv"
    csv_tabelle = pd.read_csv(dateien["CSV"].path(), sep=";", decimal=",", encoding="utf-8-sig", dtype={"AGS": str})
    xlsx_tabelle = pd.read_excel(dateien["XLSX"].path(), dtype={"AGS": str}).head(len(csv_tabelle))
    cli = subprocess.run([sys.executable, "-m", "indikatoren", "veroeffentlichen", "--jahr", "2024"], cwd=PROJEKT,
                         env=os.environ | umgebung, capture_output=True, text=True, check=True)
    leser = pd.read_csv(io.StringIO(cli.stdout), dtype={"ags": str})
    leser = leser[leser["indikator"] == "kinderarmut_u3"].set_index("ags")
    for tabelle in (csv_tabelle, xlsx_tabelle):
        assert len(tabelle) == len(leser) == 20 + 2  # Gemeinden, Samtgemeinde, Kreis
        for z in tabelle.itertuples():
            erwartet = leser.loc[z.AGS]
            assert (pd.isna(z.Zähler) and pd.isna(erwartet["zaehler"])) or z.Zähler == erwartet["zaehler"], z.AGS
            assert (pd.isna(z.Nenner) and pd.isna(erwartet["nenner"])) or z.Nenner == erwartet["nenner"], z.AGS
            assert (z.Status == "nicht ausweisbar") == (erwartet["status"] == "nicht_ausweisbar"), z.AGS
        eime = tabelle.set_index("AGS").loc["03254013"]
        assert pd.isna(eime["Zähler"]) and pd.isna(eime["Wert (%)"])
    seite.screenshot(path=str(ERGEBNISSE / "uebersicht.png"), full_page=True)


def _herunterladen(seite, knopf: str, verlauf: list, vorher=lambda: None):
    """Klickt einen Download-Knopf, wenn die Seite fertig gelaufen ist, bis der Download kommt (höchstens dreimal):
    Streamlit lädt das JavaScript des Knopfs erst beim ersten Zeigen nach, und eine Anforderung während eines
    Neulaufs kann verloren gehen – dann bleibt der Knopf im Wartezustand, und nur ein Neuladen der Seite hilft.
    Kommt keiner, sagt die Meldung, was der Browser zuletzt sah. `vorher`: was nach dem Neuladen wieder zum Knopf führt
    (etwa ein Reiter)."""
    for versuch in range(3):
        if versuch:
            seite.reload(wait_until="domcontentloaded")
        vorher()
        seite.get_by_role("button", name=knopf, exact=True).wait_for(timeout=60_000)
        seite.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
                                timeout=60_000)
        try:
            with seite.expect_download(timeout=40_000) as laden:
                seite.get_by_role("button", name=knopf, exact=True).click()
            return laden.value
        except PlaywrightTimeout:
            continue
    seite.screenshot(path=str(ERGEBNISSE / "download_fehlt.png"), full_page=True)
    raise AssertionError(f"kein Download „{knopf}“: {verlauf[-25:]}")


def test_gemeindeprofil_druckt_auf_eine_a4_seite(server, seite):
    seite.goto(f"{server}/gemeindeprofil?indikator=kinderarmut&jahr=2024&gemeinde=03254002",
               wait_until="domcontentloaded")
    seite.get_by_role("heading", name="Gemeindeprofil Alfeld (Leine) 2024").wait_for(timeout=60_000)
    seite.locator(".js-plotly-plot").nth(1).wait_for()
    seite.wait_for_timeout(1000)
    pdf = seite.pdf(format="A4", print_background=True)
    (ERGEBNISSE / "gemeindeprofil.pdf").write_bytes(pdf)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1  # Alfeld hat die meisten Einrichtungen


def test_uebersicht_druckt_alle_gemeinden_mit_stand_link_und_quelle(server, seite, gebiete):
    seite.goto(f"{server}/?indikator=kinderarmut&jahr=2024", wait_until="domcontentloaded")
    seite.locator("img.rangliste").wait_for(timeout=60_000)
    seite.wait_for_timeout(1000)
    assert not [a for a in seite.anfragen if "Plotly" in a]  # die Übersicht lädt kein Plotly (1,4 MB)
    pdf = seite.pdf(format="A4", print_background=True)
    (ERGEBNISSE / "uebersicht_druck.pdf").write_bytes(pdf)
    datei = ERGEBNISSE / "uebersicht_druck.pdf"
    text = " ".join(subprocess.run(["pdftotext", str(datei), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    for name in gebiete.gemeinden["name"]:
        assert name in text, name  # alle 20, nicht nur die sichtbaren Zeilen der Tabelle
    assert "Datenstand 1 vom" in text and "Quelle: Statistik der Bundesagentur für Arbeit" in text
    assert f"{server}/?indikator=kinderarmut&jahr=2024" in text  # der Link dieser Ansicht


def test_karte_druckt_karte_und_liste_ohne_ueberlappung(server, seite):
    seite.goto(f"{server}/karte?indikator=kinderarmut&jahr=2024", wait_until="domcontentloaded")
    _karte(seite)
    seite.emulate_media(media="print")
    seite.set_viewport_size({"width": 794, "height": 1123})  # A4 bei 96 dpi
    seite.wait_for_timeout(500)
    karte = seite.locator(KARTE).bounding_box()
    liste = seite.get_by_text("Einrichtungen in der Karte").first.bounding_box()
    assert liste["y"] >= karte["y"] + karte["height"] - 1  # die Liste steht unter der Karte, nicht darüber
    assert karte["x"] + karte["width"] <= 794


def test_gemeindeprofil_als_pdf_herunterladen(server, seite, tmp_path):
    """Der Knopf liefert das gesetzte PDF (WeasyPrint, getaggt) derselben Gemeinde und desselben Jahres."""
    seite.goto(f"{server}/gemeindeprofil?indikator=kinderarmut&jahr=2023&gemeinde=03254021",
               wait_until="domcontentloaded")
    seite.get_by_role("heading", name="Gemeindeprofil Hildesheim 2023").wait_for(timeout=60_000)
    with seite.expect_download(timeout=60_000) as laden:
        seite.get_by_role("button", name="Gemeindeprofil als PDF (A4, barrierefrei)").click()
    assert laden.value.suggested_filename == "gemeindeprofil_03254021_2023.pdf"
    ziel = tmp_path / "profil.pdf"
    laden.value.save_as(ziel)
    info = subprocess.run(["pdfinfo", str(ziel)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info and "Pages:           1" in info
    assert "Title:           Gemeindeprofil Hildesheim 2023" in info


def test_datenpflege_anmelden_einlesen_und_auf_der_karte_sehen(tmp_path):
    secrets = _secrets(tmp_path, "meier")
    datei = tmp_path / "dezember2025.csv"
    datei.write_text("ags;jahr;bev_u15;nef_u15\n03254;2025;40000;7000\n"
                     + "".join(f"032540{n:02d};2025;1000;{100 + n}\n" for n in (2, 3, 5)), encoding="utf-8")
    umgebung = {"SOZIALPLANUNG_LAUFZEIT": str(tmp_path / "laufzeit"), "SOZIALPLANUNG_BASEMAP": "keine",
                "SOZIALPLANUNG_GEODATEN": str(HILDESHEIM_GEOJSON)}
    with browser_seite() as seite, streamlit_server(PROJEKT, umgebung, secrets) as adresse:
        seite.goto(f"{adresse}/datenpflege", wait_until="domcontentloaded")
        seite.get_by_role("heading", name="Datenpflege – Anmeldung").wait_for(timeout=60_000)
        assert seite.get_by_test_id("stSidebarNav").get_by_text("Datenpflege").count() == 0  # für Leser verborgen
        _anmelden(seite, "meier", "Kennzahlen einlesen")
        from indikatoren.einlesen.tabelle_lesen import HOECHSTGROESSE
        grenze = seite.get_by_role("tabpanel", name="Kennzahlen einlesen").get_by_text(
            f"höchstens {HOECHSTGROESSE // 1024 // 1024} MB je Datei", exact=False)
        grenze.first.wait_for(timeout=20_000)  # statt Streamlits „200MB per file“
        seite.get_by_role("tabpanel", name="Kennzahlen einlesen").locator("input[type=file]").set_input_files(
            str(datei))
        try:
            seite.get_by_text("ist gültig: 4 Zeilen").wait_for(timeout=60_000)
        finally:
            seite.screenshot(path=str(ERGEBNISSE / "datenpflege_vorschau.png"), full_page=True)
        # Ersetzen nähme die Jahre 2019–2024 weg: rot, mit ausdrücklicher Bestätigung; Vorgabe bleibt Ergänzen
        seite.get_by_text("ersetzt die ganze Tabelle").click()
        verlust = seite.get_by_test_id("stAlertContentError").filter(has_text="Beim Ersetzen gingen")
        verlust.wait_for(timeout=60_000)
        assert "Ganze Jahre: 2019, 2020, 2021, 2022, 2023, 2024." in verlust.inner_text()
        farbe = verlust.evaluate("e => getComputedStyle(e.closest('[role=alert]') || e).color")
        rot, gruen, blau = map(int, re.findall(r"\d+", farbe)[:3])
        assert rot > 2 * gruen and rot > 2 * blau, farbe  # rote Schrift
        seite.get_by_text("Ja, diese 126 Zeilen sollen im neuen Stand fehlen.").wait_for()
        assert not _verstoesse(seite)  # auch die Datenpflege besteht axe
        seite.screenshot(path=str(ERGEBNISSE / "datenpflege_verlust.png"), full_page=True)
        seite.get_by_text("ergänzt den aktiven Stand").click()
        verlust.wait_for(state="detached", timeout=60_000)
        seite.get_by_label("Kommentar (Pflicht): was ist das für ein Stand?").fill("Dezember 2025 (Test)")
        seite.get_by_role("button", name="Als neuen aktiven Datenstand übernehmen").click()
        seite.get_by_text("Datenstand 2 ist gespeichert und aktiv.").wait_for(timeout=60_000)
        seite.screenshot(path=str(ERGEBNISSE / "datenpflege.png"), full_page=True)

        seite.goto(f"{adresse}/karte?indikator=kinderarmut&jahr=2025", wait_until="domcontentloaded")
        karte = _karte(seite)
        assert karte.locator("path.gemeinde").count() == 20
        algermissen = karte.locator("path.gemeinde").nth(1)  # 03254003, ohne Einrichtungen darüber
        seite.locator(KARTE).scroll_into_view_if_needed()
        algermissen.hover(force=True)
        tooltip = karte.locator(".leaflet-tooltip").inner_text()
        assert "Algermissen" in tooltip and "Kinderarmut: 10,3\u00a0%" in tooltip  # 103 / 1000
        assert seite.get_by_text("Karte: Kinderarmutsindikator (NEF-Quote unter 15) 2025").count() == 1


BOESE = ("Kita `${window.__xss=1}` </script><script>window.__xss=2</script><img src=x onerror=window.__xss=3> "
         "www.example.org http://example.org/x a@example.org :red[rot] $x^2$")


def test_kein_skript_aus_daten(tmp_path):
    """Ein Einrichtungsname und ein Gemeindename mit Backtick, ${…}, </script>, <img onerror>, Autolinks und
    Streamlit-Auszeichnung: nichts davon läuft oder wird ein Link, alles erscheint als Text."""
    from darstellung.maskierung import WORTVERBINDER
    from indikatoren.ablaeufe.einlesung import einlesen, oeffne_ablage
    from indikatoren.grundlagen.gebiete import Gebiete
    from indikatoren.orte import einrichtungspflege
    from indikatoren.orte.einrichtungen import mitgeliefert

    laufzeit = tmp_path / "laufzeit"
    umgebung = {"SOZIALPLANUNG_LAUFZEIT": str(laufzeit), "SOZIALPLANUNG_BASEMAP": "keine",
                "SOZIALPLANUNG_GEODATEN": str(HILDESHEIM_GEOJSON), "SOZIALPLANUNG_DB": ""}
    laufzeit.mkdir()
    gebiete = Gebiete.laden("03254")
    ablage = oeffne_ablage(gebiete, f"sqlite:///{laufzeit / 'sozialplanung.sqlite'}")
    liste = mitgeliefert()
    liste.loc[0, ["name", "traeger", "lat", "lon", "genauigkeit"]] = [BOESE, BOESE, "51.985", "9.815", "Gebäude"]
    einrichtungspflege.staende(ablage).speichern(liste, von="test", kommentar="böse")
    einlesen(ablage, f"ags;name;jahr;bev_u15;nef_u15\n03254;Kreis;2025;4000;700\n03254002;{BOESE};2025;2400;400\n"
             .encode(), "boese.csv", gebiete, von="test")

    with browser_seite() as seite, streamlit_server(PROJEKT, umgebung) as adresse:
        seite.goto(f"{adresse}/gemeindeprofil?gemeinde=03254002&jahr=2025", wait_until="domcontentloaded")
        try:
            seite.get_by_text("example.org").first.wait_for(timeout=60_000)
        finally:
            seite.screenshot(path=str(ERGEBNISSE / "kein_skript_profil.png"), full_page=True)
        assert seite.evaluate("() => window.__xss") is None
        assert seite.locator("a[href*='example.org']").count() == 0 and seite.locator("img[src='x']").count() == 0
        text = seite.get_by_test_id("stMarkdown").filter(has_text="window.__xss=1").first.inner_text()
        assert BOESE.replace("Kita ", "") in text.replace(WORTVERBINDER, "")  # Zeichen für Zeichen, nur ohne Link

        seite.goto(f"{adresse}/?indikator=kinderarmut&jahr=2025", wait_until="domcontentloaded")
        seite.locator("img.rangliste").wait_for(timeout=60_000)
        assert seite.evaluate("() => window.__xss") is None
        assert seite.locator("a[href*='example.org']").count() == 0 and seite.locator("img[src='x']").count() == 0

        seite.goto(f"{adresse}/karte?indikator=kinderarmut&jahr=2025", wait_until="domcontentloaded")
        _karte(seite)
        rahmen = seite.locator(KARTE).element_handle().content_frame()
        assert rahmen.evaluate("() => window.__xss") is None and seite.evaluate("() => window.__xss") is None
        inhalte = rahmen.evaluate("""() => { const texte = [];
            for (const v of Object.values(window)) { if (v instanceof L.Map) { v.eachLayer(l => {
                if (l.getTooltip && l.getTooltip()) texte.push(l.getTooltip().getContent()); }); } }
            return texte; }""")
        boese = [t for t in inhalte if "window.__xss=1" in t]
        assert boese and "&lt;/script&gt;&lt;script&gt;" in boese[0] and "<img" not in boese[0]
        seite.screenshot(path=str(ERGEBNISSE / "kein_skript_aus_daten.png"), full_page=True)


def test_leerlauf_meldet_ohne_klick_ab(tmp_path):
    """Nach der Leerlaufzeit verschwindet die Datenpflege von selbst (die Seite prüft alle paar Sekunden)."""
    from pages._anmeldung import LEERLAUF_PRUEFEN_S

    secrets = _secrets(tmp_path, "meier", vorweg="[datenpflege]\nleerlauf_minuten = 0.05\n")
    umgebung = {"SOZIALPLANUNG_LAUFZEIT": str(tmp_path / "laufzeit"), "SOZIALPLANUNG_BASEMAP": "keine",
                "SOZIALPLANUNG_GEODATEN": str(HILDESHEIM_GEOJSON)}
    with browser_seite() as seite, streamlit_server(PROJEKT, umgebung, secrets) as adresse:
        seite.goto(f"{adresse}/datenpflege", wait_until="domcontentloaded")
        _anmelden(seite, "meier", "Kennzahlen einlesen")
        seite.get_by_role("heading", name="Datenpflege – Anmeldung").wait_for(timeout=(LEERLAUF_PRUEFEN_S + 15) * 1000)
        seite.get_by_text("nach längerer Inaktivität abgelaufen").wait_for(timeout=10_000)
        # Streamlit entfernt die alten Elemente erst am Ende des Laufs
        seite.get_by_role("tab", name="Kennzahlen einlesen").wait_for(state="detached", timeout=15_000)


def test_praeventionskette_im_browser(server, seite):
    seite.goto(f"{server}/praeventionskette?gemeinde=03254002&jahr=2024", wait_until="domcontentloaded")
    seite.get_by_role("heading", name="Präventionskette: Alfeld (Leine)").wait_for(timeout=60_000)
    seite.get_by_text("Angebote nach Lebensphase und Handlungsfeld").wait_for()
    seite.get_by_text("Bedarf 2024: NEF-Quote nach Altersgruppe").wait_for()
    assert _parameter(seite.url)["gemeinde"] == "03254002"
    # die ganze Matrix bei 1.400 px: 50 Zellen, jede ganz im Fenster, Farbe und Muster nach Zustand, Wort darin
    zellen = seite.locator("[class*='st-key-pk_zelle_'] button:visible")  # Streamlit hält je Knopf einen verborgen
    zellen.nth(49).wait_for(timeout=60_000)
    assert zellen.count() == 50
    rechts = max(z.bounding_box()["x"] + z.bounding_box()["width"] for z in zellen.all())
    assert rechts <= 1400
    luecke = seite.locator(".st-key-pk_zelle_4_0 button:visible")
    geplant = seite.locator(".st-key-pk_zelle_0_1 button:visible")
    assert (luecke.inner_text(), geplant.inner_text()) == ("Lücke", "nur geplant: 2")
    stil = "e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).backgroundImage]"
    farbe, muster = luecke.evaluate(stil)
    assert farbe == "rgb(253, 226, 221)" and "repeating-linear-gradient" in muster  # schraffiert
    farbe, muster = geplant.evaluate(stil)
    assert farbe == "rgb(255, 243, 196)" and "radial-gradient" in muster  # gepunktet
    geplant.click()
    seite.get_by_role("heading", name="Angebote: Beratung und Elternbildung, 0-3").wait_for(timeout=60_000)
    seite.get_by_text("Erziehungsberatung: Gruppenangebote").first.wait_for(state="attached")  # Zelle der Tabelle
    seite.get_by_text("Übergänge 2024: Angebote und Bedarf davor und danach").wait_for()
    seite.wait_for_timeout(1000)
    seite.screenshot(path=str(ERGEBNISSE / "praeventionskette.png"), full_page=True)


def test_familienwegweiser_druckt_auf_a4(server, seite):
    seite.goto(f"{server}/angebote?gemeinde=03254002&lebensphase=0-3", wait_until="domcontentloaded")
    seite.get_by_role("heading", name="Familienwegweiser Alfeld (Leine)").wait_for(timeout=60_000)
    seite.get_by_text("Frühe Hilfen: Beratung rund um Kinder von 0 bis 3 Jahren").wait_for()
    assert _parameter(seite.url)["lebensphase"] == "0-3"
    assert seite.get_by_text("Page not found").count() == 0  # Dateiname = URL-Pfad, auch beim ersten Aufruf
    karte = seite.frame_locator(KARTE)
    karte.locator("path.angebotsort").first.wait_for(timeout=60_000)
    assert karte.locator("path.angebotsort").count() == 1  # alle Treffer im Familienzentrum
    assert "Frühe Hilfen: Beratung rund um Kinder" in _tooltip(seite, karte, "path.angebotsort")
    seite.screenshot(path=str(ERGEBNISSE / "wegweiser.png"), full_page=True)
    pdf = seite.pdf(format="A4", print_background=True)
    (ERGEBNISSE / "wegweiser.pdf").write_bytes(pdf)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1


def test_netzwerk_pflegt_angebote_und_einrichtungen_aber_keine_kennzahlen(tmp_path, gebiete):
    """Ein Konto der Rolle netzwerk im echten Browser: nur die Reiter Einrichtungen und Angebote; eine zweite
    Angebotsliste und eine geänderte Einrichtung werden gespeichert, beide mit Name und Rolle im Verlauf."""
    from angebote import liste as angebote
    from indikatoren.ablaeufe.einlesung import oeffne_ablage
    from indikatoren.orte import einrichtungspflege

    secrets = _secrets(tmp_path, "schulz", vorweg='[datenpflege.rollen]\nschulz = "netzwerk"\n')
    tabelle = angebote.mitgeliefert(gebiete)
    tabelle.loc[tabelle["id"] == "A007", ["status", "bestaetigt_am"]] = ["aktiv", "2026-11-01"]
    (tmp_path / "angebote.csv").write_bytes(tabelle.to_csv(sep=";", index=False).encode())
    einrichtungen = (PROJEKT / "data" / "einrichtungen.csv").read_text(encoding="utf-8")
    (tmp_path / "einrichtungen.csv").write_text(einrichtungen.replace("E018;Kita an der Vormasch;Kita",
                                                                      "E018;Kita an der Vormasch (Neubau);Kita"))
    laufzeit = tmp_path / "laufzeit"
    umgebung = {"SOZIALPLANUNG_LAUFZEIT": str(laufzeit), "SOZIALPLANUNG_BASEMAP": "keine",
                "SOZIALPLANUNG_GEODATEN": str(HILDESHEIM_GEOJSON), "SOZIALPLANUNG_DB": ""}
    with browser_seite() as seite, streamlit_server(PROJEKT, umgebung, secrets) as adresse:
        seite.goto(f"{adresse}/datenpflege", wait_until="domcontentloaded")
        _anmelden(seite, "schulz", "Angebote")
        assert [t.strip() for t in seite.get_by_role("tab").all_inner_texts()] == ["Einrichtungen", "Angebote",
                                                                                    "Familienzentrum"]
        assert seite.get_by_text("Kennzahlen einlesen").count() == 0 and seite.get_by_text("Sicherung").count() == 0

        for reiter, datei, erwartet in (("Angebote", "angebote.csv", "Angebotsstand 2 ist aktiv"),
                                        ("Einrichtungen", "einrichtungen.csv", "Einrichtungsstand 2 ist aktiv")):
            seite.get_by_role("tab", name=reiter).click()
            panel = seite.get_by_role("tabpanel", name=reiter)
            panel.get_by_text("Leere Vorlage").first.wait_for(timeout=60_000)  # nur der offene Reiter läuft
            seite.get_by_text("Ohne Aktion endet die Anmeldung").wait_for(state="attached")
            seite.wait_for_timeout(500)
            panel.locator("input[type=file]").set_input_files(str(tmp_path / datei))
            panel.get_by_text(datei).first.wait_for(timeout=30_000)
            panel.get_by_role("button", name="Änderungen prüfen").click()
            panel.get_by_text("Vorschau:").wait_for(timeout=60_000)
            panel.get_by_label("Kommentar (Pflicht): was ist das für ein Stand?").fill(f"{reiter} vom Netzwerk")
            panel.get_by_role("button", name="Als neuen Stand speichern").click()
            try:
                seite.get_by_text(erwartet).wait_for(timeout=60_000)
            finally:
                seite.screenshot(path=str(ERGEBNISSE / f"netzwerk_{reiter.lower()}.png"), full_page=True)

    ablage = oeffne_ablage(gebiete, f"sqlite:///{laufzeit / 'sozialplanung.sqlite'}")
    gespeichert = angebote.staende(ablage)
    assert [(s.id, s.von, s.aktiv) for s in gespeichert.staende()] == [
        (1, "System (mitgelieferte Liste)", False), (2, "schulz (netzwerk)", True)]
    assert gespeichert.lesen()[1].set_index("id").at["A007", "status"] == "aktiv"
    namen = einrichtungspflege.staende(ablage).lesen()[1].set_index("id")["name"]
    assert namen["E018"] == "Kita an der Vormasch (Neubau)"
    assert [d.id for d in ablage.datenstaende()] == [1]  # Kennzahlen unberührt


def _sitzung_uebernehmen(adresse: str, sitzung: str) -> str:
    """Ein fremder Websocket nennt die Kennung einer Sitzung (wie beim Wiederverbinden): welche Sitzung bekommt er?"""
    import asyncio

    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    async def verbinden() -> str:
        ws_adresse = adresse.replace("http://", "ws://") + "/_stcore/stream"
        async with websockets.connect(ws_adresse, subprotocols=["streamlit", "kein-xsrf", sitzung], origin=adresse,
                                      max_size=None, open_timeout=60) as ws:
            lauf = BackMsg()
            lauf.rerun_script.page_name = "datenpflege"
            await ws.send(lauf.SerializeToString())
            while True:
                antwort = ForwardMsg()
                antwort.ParseFromString(await asyncio.wait_for(ws.recv(), timeout=60))
                if antwort.WhichOneof("type") == "new_session":
                    return antwort.new_session.initialize.session_id

    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(1) as faden:  # Playwrights synchrone API hält in diesem Thread schon eine Ereignisschleife
        return faden.submit(asyncio.run, verbinden()).result(timeout=120)


def test_anmeldung_im_httponly_cookie_sicherung_nur_fuer_diesen_browser(tmp_path):
    """Angemeldet wird über ein signiertes HttpOnly-Cookie: Neu laden hält die Anmeldung, ein fremder Websocket mit
    der Kennung der Sitzung bekommt eine neue Sitzung ohne sie. Die Sicherung unter /media/… bekommt nur, wer das
    Cookie mitschickt, nach SOZIALPLANUNG_DOWNLOAD_S Sekunden (hier 3) niemand mehr; nach dem Abmelden ist auch
    eine Kopie des Cookies wertlos."""
    import urllib.error
    import urllib.request

    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    secrets = _secrets(tmp_path, "meier")
    umgebung = {"SOZIALPLANUNG_LAUFZEIT": str(tmp_path / "laufzeit"), "SOZIALPLANUNG_BASEMAP": "keine",
                "SOZIALPLANUNG_GEODATEN": str(HILDESHEIM_GEOJSON), "SOZIALPLANUNG_DB": "",
                "SOZIALPLANUNG_DOWNLOAD_S": "3"}
    kennungen = []

    def mitlesen(ws):
        def rahmen(nutzlast):
            if isinstance(nutzlast, bytes):
                nachricht = ForwardMsg()
                nachricht.ParseFromString(nutzlast)
                if nachricht.WhichOneof("type") == "new_session":
                    kennungen.append(nachricht.new_session.initialize.session_id)
        ws.on("framereceived", rahmen)

    def holen(url: str, cookie: str | None = None) -> int:
        anfrage = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
        try:
            return urllib.request.urlopen(anfrage, timeout=10).status
        except urllib.error.HTTPError as fehler:
            return fehler.code

    with browser_seite() as seite, streamlit_server(PROJEKT, umgebung, secrets) as adresse:
        seite.on("websocket", mitlesen)
        seite.goto(f"{adresse}/datenpflege", wait_until="domcontentloaded")
        _anmelden(seite, "meier", "Kennzahlen einlesen")
        [keks] = [k for k in seite.context.cookies() if k["name"] == "sozialplanung_anmeldung"]
        assert keks["httpOnly"] and keks["sameSite"] == "Strict" and keks["path"] == "/"
        assert "sozialplanung_anmeldung" not in seite.evaluate("document.cookie")  # kein Skript liest es
        mit_cookie = f"sozialplanung_anmeldung={keks['value']}"

        seite.reload(wait_until="domcontentloaded")  # F5: bleibt angemeldet
        seite.get_by_role("tab", name="Kennzahlen einlesen").wait_for(timeout=60_000)
        opfer = kennungen[-1]
        assert _sitzung_uebernehmen(adresse, opfer) != opfer

        sicherung = "Sicherung herunterladen (alle Datenstände, Einrichtungen, Angebote, Protokoll)"

        def zu_den_datenstaenden():
            seite.get_by_role("tab", name="Datenstände").click()
        geladen = _herunterladen(seite, sicherung, [], zu_den_datenstaenden)
        url = geladen.url
        assert "/media/" in url and zipfile.is_zipfile(geladen.path())
        assert holen(url) == 403  # die Adresse allein genügt nicht
        assert holen(url, "sozialplanung_anmeldung=gefaelscht") == 403
        assert holen(url, mit_cookie) == 200
        seite.wait_for_timeout(4_000)  # ohne einen Lauf der Seite, der aufräumte: nach SOZIALPLANUNG_DOWNLOAD_S weg
        assert holen(url, mit_cookie) == 404

        seite.get_by_role("tab", name="Kennzahlen einlesen").click()  # noch einmal, dann abmelden: sofort weg
        url = _herunterladen(seite, sicherung, [], zu_den_datenstaenden).url
        assert holen(url, mit_cookie) == 200
        seite.get_by_role("button", name="Abmelden").click()
        seite.get_by_role("heading", name="Datenpflege – Anmeldung").wait_for(timeout=60_000)
        assert not [k for k in seite.context.cookies() if k["name"] == "sozialplanung_anmeldung"]
        assert holen(url, mit_cookie) in (403, 404)

        seite.context.add_cookies([keks])  # eine Kopie des alten Cookies: abgemeldet bleibt abgemeldet
        seite.goto(f"{adresse}/datenpflege", wait_until="domcontentloaded")
        seite.get_by_role("heading", name="Datenpflege – Anmeldung").wait_for(timeout=60_000)
        seite.get_by_label("Name").wait_for(timeout=60_000)
        assert seite.get_by_role("tab", name="Kennzahlen einlesen").count() == 0
