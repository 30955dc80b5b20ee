"""Die statische Website, wie die Stabsstelle sie baut (python -m indikatoren veroeffentlichen --website ORDNER, in
einem eigenen Prozess wie von einem frischen Klon): vollständig, jede Zahl gleich der von `veroeffentlichen`,
nichts Gesperrtes in einer ihrer Dateien (der unabhängige Angreifer der Geheimhaltungstests über ihre eigene
Tabelle), ohne Skript und ohne Anfrage an Dritte, barrierefrei (axe in Chromium, vom Dateisystem geöffnet), und
eine Einbettung erscheint in einer fremden Seite."""

import io
import json
import os
import re
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import lxml.etree
import lxml.html
import pandas as pd
import pytest

from indikatoren.ablaeufe.einlesung import mit_sozialraeumen
from indikatoren.grundlagen import katalog
from tests.browser import browser_seite, verstoesse
from tests.conftest import HILDESHEIM_GEOJSON, PROJEKT
from tests.test_geheimhaltung import zu_eng

ALFELD, EIME = "03254002", "03254013"


def _cli(umgebung: dict, *argumente: str) -> subprocess.CompletedProcess:
    ergebnis = subprocess.run([sys.executable, "-m", "indikatoren", *argumente], cwd=PROJEKT, env=umgebung,
                              capture_output=True, text=True, timeout=600)
    assert ergebnis.returncode == 0, ergebnis.stderr
    return ergebnis


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Die Website des Beispiels mit Sozialräumen, einmal je Modul gebaut; dazu die Lesertabelle der CLI."""
    ordner = tmp_path_factory.mktemp("website")
    umgebung = {**os.environ, "SOZIALPLANUNG_LAUFZEIT": str(tmp_path_factory.mktemp("laufzeit")),
                "SOZIALPLANUNG_GEODATEN": str(HILDESHEIM_GEOJSON), "SOZIALPLANUNG_DB": "",
                "SOZIALPLANUNG_WFS_URL": "http://127.0.0.1:9/wfs"}
    _cli(umgebung, "sozialraeume", "beispiel")
    bau = _cli(umgebung, "veroeffentlichen", "--website", str(ordner), "--adresse", "https://kreis.example/web")
    leser = pd.read_csv(io.StringIO(_cli(umgebung, "veroeffentlichen").stdout), dtype={"ags": str})
    return {"ordner": ordner, "stand": ordner / "datenstand-2", "bau": bau, "leser": leser, "umgebung": umgebung}


def _tabellen(datei: Path) -> list[pd.DataFrame]:
    """Die Tabellen einer Seite als Text, wie ein Leser ihn liest (geschützte Leerzeichen als Leerzeichen)."""
    tabellen = []
    for t in lxml.html.fromstring(datei.read_bytes()).iter("table"):
        zeilen = [[" ".join(z.text_content().replace("\u00a0", " ").split()) for z in r.iter("th", "td")]
                  for r in t.iter("tr")]
        tabellen.append(pd.DataFrame(zeilen[1:], columns=zeilen[0]))
    return tabellen


def _prozent(zaehler, nenner) -> str:
    """Unabhängig gerechnet: 100 · Zähler / Nenner, kaufmännisch auf eine Stelle, deutsch geschrieben."""
    wert = (Decimal(int(zaehler)) * 100 / Decimal(int(nenner))).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return f"{wert} %".replace(".", ",")


def _anzahl(wert) -> str:
    return "–" if pd.isna(wert) else f"{int(wert):,}".replace(",", ".")


def _erwartet(zeile) -> str:
    if zeile["status"] == "ok":
        return _prozent(zeile["zaehler"], zeile["nenner"])
    if zeile["status"] == "untergrenze":
        return "mind. " + f"{Decimal(str(zeile['wert'])).quantize(Decimal('0.1'), ROUND_HALF_UP)} %".replace(".", ",")
    return {"nicht_ausweisbar": "nicht ausweisbar"}.get(zeile["status"], "keine Daten")


def test_befehl_schreibt_alles_mit_fortschritt(site):
    stand, fehler = site["stand"], site["bau"].stderr
    assert re.search(r"^\[1/\d+\] ", fehler, re.M) and re.search(r"fertig: \d+ Dateien in [\d.]+ s", fehler)
    leser = site["leser"]
    gebiete = sorted(set(leser["ags"]) - {"03254"})
    assert len(gebiete) == 20 + 1 + 4  # Gemeinden, Samtgemeinde Leinebergland, Sozialräume Alfelds
    for ags in gebiete:
        assert (stand / "gebiet" / f"{ags}.html").exists(), ags
        pdf = stand / "gebiet" / f"{ags}.pdf"
        seiten = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"^Pages:\s+1$", seiten, re.M), ags  # jedes Profil auf einer A4-Seite
    for ags, satz in (("032545406", "Gemeindeverband 032545406 im Landkreis Hildesheim mit 3 Gemeinden: Duingen, Eime, "
                                    "Gronau (Leine). Kinderarmutsindikator 2024: 9,0 %"),
                      ("ALF-01", "Sozialraum ALF-01 in Alfeld (Leine). Kinderarmutsindikator 2024:")):
        text = subprocess.run(["pdftotext", str(stand / "gebiet" / f"{ags}.pdf"), "-"], capture_output=True,
                              text=True, check=True).stdout
        assert satz in " ".join(text.split()), ags
    for (indikator, jahr), _ in leser.groupby(["indikator", "jahr"]):
        for datei in (f"indikator/{indikator}-{jahr}.html", f"einbetten/{indikator}-{jahr}-karte.html",
                      f"einbetten/{indikator}-{jahr}-karte.svg", f"einbetten/{indikator}-{jahr}-rangliste.svg"):
            assert (stand / datei).exists(), datei
    for datei in ("index.html", "methodik.html", "wegweiser.html", "einbetten.html", "stil.css",
                  "daten/sozialplanung_datenstand2.csv", "daten/katalog.ttl"):
        assert (stand / datei).exists(), datei
    # die Startseite des Ordners führt zur jüngsten Veröffentlichung; ein Datenstand kennt sich selbst
    start = (site["ordner"] / "index.html").read_text()
    assert 'href="datenstand-2/index.html"' in start and "Aktuell: Datenstand 2" in start
    assert json.loads((stand / "stand.json").read_text())["datenstand"] == 2
    assert "https://kreis.example/web/datenstand-2/daten/sozialplanung_datenstand2.csv" in \
        (stand / "daten" / "katalog.ttl").read_text()


def test_jede_zahl_gleich_veroeffentlichen(site):
    """Jede Tabelle der Indikatorseiten (Wert, Zähler, Nenner), die Übersicht aller Gemeinden und die Werte jedes
    Profils gegen die Ausgabe von `veroeffentlichen`, neu gerechnet aus deren Zähler und Nenner."""
    stand, leser = site["stand"], site["leser"]
    nach_name = leser.set_index(["name", "indikator", "jahr"])
    geprueft = 0
    for (indikator, jahr), teil in leser.groupby(["indikator", "jahr"]):
        tabelle = _tabellen(stand / "indikator" / f"{indikator}-{jahr}.html")[0]
        gezeigt = teil[teil["ebene"] != "sozialraum"]  # Sozialräume stehen in ihren Profilen
        assert sorted(tabelle["Gebiet"]) == sorted(gezeigt["name"])
        for z in tabelle.itertuples(index=False):
            erwartet = nach_name.loc[(z[0], indikator, jahr)]
            assert z[1] == _erwartet(erwartet), (z[0], indikator, jahr)
            assert (z[2], z[3]) == (_anzahl(erwartet["zaehler"]), _anzahl(erwartet["nenner"])), z[0]
            geprueft += 1
    assert geprueft > 700
    # Übersicht: alle Gemeinden, der Verband und der Kreis im jüngsten Jahr, je Indikator (Kurzname)
    uebersicht = _tabellen(stand / "index.html")[1].set_index("Gebiet")
    jahr = leser["jahr"].max()
    kurz = {"Kinderarmut": "kinderarmut", "SGB-II-Quote": "sgb2_quote", "ELB-Quote": "elb_quote",
            "unter 3": "kinderarmut_u3", "3 bis unter 6": "kinderarmut_3_6", "6 bis unter 15": "kinderarmut_6_15"}
    for gebiet, zeile in uebersicht.iterrows():
        for spalte, indikator in kurz.items():
            assert zeile[spalte] == _erwartet(nach_name.loc[(gebiet, indikator, jahr)]), (gebiet, spalte)
    # Profile: die Spalte des Gebiets, auch für Verband und Sozialraum (Zeilen in der Reihenfolge des Katalogs)
    titel = {i.titel: i.id for i in katalog.INDIKATOREN}
    for ags in sorted(set(leser["ags"]) - {"03254"}):
        name = leser.loc[leser["ags"] == ags, "name"].iloc[0]
        profil = _tabellen(stand / "gebiet" / f"{ags}.html")[0]
        assert len(profil) == 6
        for zeile, wert in zip(profil["Indikator"], profil[name]):
            indikator = next(i for t, i in titel.items() if zeile.startswith(t))
            erwartet = nach_name.loc[(name, indikator, jahr)]
            assert wert == _erwartet(erwartet), (ags, indikator)
            if erwartet["status"] == "ok":  # die Anzahlen hinter der Quote
                assert f"{_anzahl(erwartet['zaehler'])} von {_anzahl(erwartet['nenner'])}" in zeile, (ags, zeile)


def test_nichts_gesperrtes_in_den_dateien(site):
    """Der Angreifer der Geheimhaltungstests (ganzzahliges Programm mit Summen, Altersgruppen, Verband, Kreis,
    Sozialräumen und „gezeigte Nullen heißen gesperrt ≥ 1“) über die Tabelle, die die Website selbst anbietet,
    findet keine kleine Zahl enger als erlaubt. Und wo die Lesertabelle sperrt, zeigt keine Seite eine Zahl: Eimes
    NEF unter 3 (2024 eine 2) steht überall als „nicht ausweisbar“, auf der Seite, in Karte, Rangliste und Profil."""
    stand = site["stand"]
    offen = pd.read_csv(stand / "daten" / "sozialplanung_datenstand2.csv", dtype={"ags": str})
    gebiete, ablage = _mit_sozialraeumen(site)
    kennzahlen = ablage.kennzahlen(2)
    assert zu_eng(kennzahlen, gebiete, leser=offen) == {}
    eime = offen[(offen["ags"] == EIME) & (offen["indikator"] == "kinderarmut_u3") & (offen["jahr"] == 2024)]
    assert eime["status"].tolist() == ["nicht_ausweisbar"] and eime["zaehler"].isna().all()
    seite = _tabellen(stand / "indikator" / "kinderarmut_u3-2024.html")[0].set_index("Gebiet")
    assert seite.loc["Eime"].iloc[:2].tolist() == ["nicht ausweisbar", "–"]  # der Nenner (65 Kinder) bleibt
    karte = (stand / "einbetten" / "kinderarmut_u3-2024-karte.svg").read_text()
    assert "<title>Eime: nicht ausweisbar</title>" in karte
    rangliste = (stand / "einbetten" / "kinderarmut_u3-2024-rangliste.svg").read_text()
    assert "nicht ausweisbar" in rangliste
    profil = (stand / "gebiet" / f"{EIME}.html").read_text()
    zeile = re.search(r"NEF-Quote unter 3.*?</tr>", profil, re.S)[0]
    assert "nicht ausweisbar" in zeile and " von " not in zeile


def _mit_sozialraeumen(site):
    alt = {k: os.environ.get(k) for k in ("SOZIALPLANUNG_LAUFZEIT", "SOZIALPLANUNG_GEODATEN")}
    os.environ.update({k: site["umgebung"][k] for k in alt})
    try:
        return mit_sozialraeumen()
    finally:
        for k, v in alt.items():
            os.environ.pop(k) if v is None else os.environ.__setitem__(k, v)


def test_kein_skript_und_keine_fremden_quellen(site):
    """Kein Skript in keiner Datei; jede Adresse, die ein Browser lädt oder ansteuert (src, href, url()), ist
    relativ – die Website läuft von jedem Server, CDN oder dem Dateisystem."""
    geprueft = 0
    for datei in site["stand"].rglob("*"):
        if datei.suffix in (".html", ".svg"):
            dokument = lxml.html.fromstring(datei.read_bytes()) if datei.suffix == ".html" else \
                lxml.etree.fromstring(datei.read_bytes())
            assert not [e for e in dokument.iter() if str(e.tag).endswith("script")], datei
            for element in dokument.iter():
                for name, wert in element.attrib.items():
                    assert not name.lower().startswith("on"), (datei, name)  # keine Ereignisse
                    if name.split("}")[-1] in ("src", "href"):
                        assert not re.match(r"(?i)\s*(https?:|//|javascript:|data:text)", wert), (datei, wert)
                        geprueft += 1
        if datei.suffix == ".css":
            assert "url(" not in datei.read_text() and "@import" not in datei.read_text()
    assert geprueft > 1000


def test_text_aus_daten_bleibt_text_auf_der_website():
    """Ein Angebot, dessen Titel und Beschreibung Auszeichnung, Link und Skript enthalten, erscheint als Text."""
    from berichte.website import _UMGEBUNG
    from darstellung.wegweiser import angebot_markdown
    angebot = {"titel": '<img src=x onerror="alert(1)">', "beschreibung": "[klick](javascript:alert(2)) **fett**",
               "status": "aktiv", "gemeinde": "kreisweit", "lebensphasen": "0-3", "handlungsfeld": "Frühe Hilfen",
               "quelle": "<script>alert(3)</script>", "alter_von": "", "alter_bis": ""}
    # auch Markdown, das niemand maskiert hat (etwa Angaben aus der Umgebung im Impressum), bleibt ohne HTML
    html = _UMGEBUNG.from_string("{{ a|markdown }}<p>{{ t }}</p>{{ roh|markdown }}").render(
        a=angebot_markdown(angebot, {}), t="<b>Träger</b>", roh="<b>Impressum</b> <script>alert(4)</script>")
    dokument = lxml.html.fragment_fromstring(html, create_parent="div")
    assert not [e for e in dokument.iter() if e.tag in ("img", "script", "a")]
    assert '<img src=x onerror="alert(1)">' in dokument.text_content()
    assert "[klick](javascript:alert(2))" in dokument.text_content()
    assert not [e for e in dokument.iter() if e.tag == "b"] and "<b>Träger</b>" in dokument.text_content()
    assert "<b>Impressum</b> <script>alert(4)</script>" in dokument.text_content()


@pytest.mark.parametrize("breite", [1400, 390])
def test_barrierefrei_vom_dateisystem_ohne_anfrage_nach_aussen(site, breite):
    """axe-core auf jeder Art von Seite, vom Dateisystem geöffnet; keine Anfrage geht anderswohin als an Dateien."""
    stand = site["stand"]
    seiten = ["index.html", "indikator/kinderarmut-2024.html", f"gebiet/{ALFELD}.html", "gebiet/032545406.html",
              "gebiet/ALF-01.html", "methodik.html", "wegweiser.html", "einbetten.html",
              "einbetten/kinderarmut-2024-karte.html", "../index.html"]
    with browser_seite(breite, 900) as s:
        anfragen: list[str] = []
        s.on("request", lambda r: anfragen.append(r.url))
        for pfad in seiten:
            s.goto((stand / pfad).resolve().as_uri())
            assert verstoesse(s) == [], pfad
        # die Karte ist mit der Tastatur bedienbar: jede Gemeinde ein Link zu ihrem Profil
        s.goto((stand / "indikator" / "kinderarmut-2024.html").as_uri())
        ziele = s.eval_on_selector_all("figure.karte svg a", "as => as.map(a => a.getAttribute('href'))")
        assert f"../gebiet/{ALFELD}.html" in ziele and len(ziele) == 20
    assert anfragen and all(a.startswith("file://") for a in anfragen), [a for a in anfragen
                                                                         if not a.startswith("file://")]


def test_profiltabelle_rollt_auf_dem_laptop_nicht(site):
    """Bei 1280 px passt die Tabelle „Alle Indikatoren“ des Profils in die Seite: der Stichtag bricht um, die Zahlen
    nicht (vorher stand alles auf einer Zeile, und die Tabelle rollte seitwärts)."""
    with browser_seite(1280, 900) as s:
        s.goto((site["stand"] / "gebiet" / f"{ALFELD}.html").resolve().as_uri())
        breite, sichtbar = s.eval_on_selector(".rollbar", "e => [e.scrollWidth, e.clientWidth]")
        assert breite <= sichtbar, (breite, sichtbar)
        zellen = s.eval_on_selector_all("tbody td", "tds => tds.map(t => getComputedStyle(t).whiteSpace)")
        assert "normal" in zellen and "nowrap" in zellen


def test_einbettung_erscheint_in_einer_fremden_seite(site, tmp_path):
    """Eine Seite „der Kreis-Website“ bettet Karte und Rangliste per iframe ein: beide Bilder laden, und Quelle und
    Stichtag stehen im Bild."""
    stand = site["stand"]
    fremd = tmp_path / "kreisseite.html"
    fremd.write_text('<!doctype html><html lang="de"><title>Kreis</title><body><h1>Unser Kreis</h1>'
                     f'<iframe id="karte" title="Karte" width="640" height="760" src="'
                     f'{(stand / "einbetten" / "kinderarmut-2024-karte.html").as_uri()}"></iframe>'
                     f'<iframe id="rang" title="Rangliste" width="800" height="600" src="'
                     f'{(stand / "einbetten" / "kinderarmut-2024-rangliste.html").as_uri()}"></iframe></body></html>')
    with browser_seite(1500, 1000) as s:
        s.goto(fremd.as_uri())
        for rahmen in ("karte", "rang"):
            bild = s.frame_locator(f"#{rahmen}").locator("img")
            bild.wait_for()
            assert bild.evaluate("b => b.decode().then(() => b.naturalWidth)") >= 600, rahmen
        s.screenshot(path=str(PROJEKT / "test-ergebnisse" / "einbettung.png"))
    for art in ("karte", "rangliste"):
        bild = (stand / "einbetten" / f"kinderarmut-2024-{art}.svg").read_text()
        gelesen = " ".join(re.findall(r"<text [^>]*>([^<]*)</text>", bild))  # die Fußnote bricht in Zeilen um
        assert "Datenstand 2" in gelesen and "Dezember 2024" in gelesen and "GeoBasis-DE" in gelesen, art


def test_karte_nennt_bewohnte_gemeinden_ohne_ueberdeckung_und_verlinkt_sie():
    """Von Hand: drei Quadrate nebeneinander – A und B bewohnt, C ohne Einwohner (ein gemeindefreier Forst, der wie
    A heißt). A und B tragen Namen und Links, C keins von beiden; ein viertes, winziges Gebiet D mitten in A trägt
    seinen Namen nicht, denn er überdeckte A's Namen; sein Wert steht im Titel der Fläche."""
    import geopandas as gpd
    from shapely.geometry import box

    from berichte import svgkarte
    grenzen = gpd.GeoDataFrame({"ags": ["1", "2", "3", "4"], "name": ["A-Dorf", "B-Stadt", "A-Dorf", "D"],
                                "ewz": [500, 800, 0, 10]},
                               geometry=[box(9.0, 52.0, 9.1, 52.1), box(9.1, 52.0, 9.2, 52.1),
                                         box(9.2, 52.0, 9.3, 52.1), box(9.049, 52.049, 9.051, 52.051)],
                               crs="EPSG:4326")
    werte = pd.DataFrame({"ags": ["1", "2", "4"], "name": ["A-Dorf", "B-Stadt", "D"], "wert": [12.34, 5.0, 7.0],
                          "status": ["ok", "nicht_ausweisbar", "ok"]})
    svg = svgkarte.karte(grenzen, werte, None, "Titel <x>", "Quelle & Stichtag", link=lambda a: f"g/{a}.html")
    dokument = lxml.etree.fromstring(svg.encode())
    namen = [t.text for t in dokument.iter("{*}text") if t.getparent().get("class") == "namen"]
    assert sorted(namen) == ["A-Dorf", "B-Stadt"]
    assert sorted(a.get("href") for a in dokument.iter("{*}a")) == ["g/1.html", "g/2.html", "g/4.html"]
    titel = [t.text for t in dokument.iter("{*}title")]
    assert titel[0] == "Titel <x>" and sorted(titel[1:]) == ["A-Dorf (ohne Einwohner)", "A-Dorf: 12,3\u00a0%",
                                                             "B-Stadt: nicht ausweisbar", "D: 7,0\u00a0%"]
    assert "Quelle & Stichtag" in [t.text for t in dokument.iter("{*}text")]


def test_startseite_nennt_die_juengste_zuerst_und_behaelt_fruehere(tmp_path):
    from berichte.website import startseite
    for stand, erstellt in ((1, "01.03.2025"), (3, "02.03.2026"), (2, "05.06.2025")):
        (tmp_path / f"datenstand-{stand}").mkdir()
        (tmp_path / f"datenstand-{stand}" / "stand.json").write_text(json.dumps({
            "datenstand": stand, "erstellt": erstellt, "jahre": [2019, 2023 + stand % 2], "veroeffentlicht": erstellt,
            "kreis": "Landkreis <Test>", "beispiel": False}))
    startseite(tmp_path)
    text = (tmp_path / "index.html").read_text()
    assert 'href="datenstand-3/index.html">Aktuell: Datenstand 3 vom 02.03.2026' in text
    assert text.index("datenstand-2/index.html") < text.index("datenstand-1/index.html")
    assert "Landkreis &lt;Test&gt;" in text and "<Test>" not in text


def test_ein_abgebrochener_bau_hinterlaesst_nichts(gebiete, tmp_path, monkeypatch):
    """Bricht der Bau ab (hier: die Fortschrittsanzeige nach der ersten Seite), bleibt weder der Zustand des Baus im
    Prozess (der nächste begänne sonst mit alten Daten) noch eine halbe Veröffentlichung."""
    import importlib

    from berichte.daten import Berichtsdaten
    from indikatoren.ablaeufe.einlesung import oeffne_ablage
    website = importlib.import_module("berichte.website")  # berichte.website ist auch eine Funktion des Pakets
    monkeypatch.setenv("SOZIALPLANUNG_GEODATEN", str(HILDESHEIM_GEOJSON))

    def abbrechen(*_):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        website.bauen(Berichtsdaten.laden(oeffne_ablage(gebiete), gebiete), tmp_path, fortschritt=abbrechen,
                      arbeiter=1)
    assert website._BAU is None and not (tmp_path / "datenstand-1").exists()
