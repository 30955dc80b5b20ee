"""Diagramme: jede gezeigte Zahl steht auch in einer Tabelle, gesperrte Gemeinden fehlen nicht, die gewählte ist nicht
nur farbig markiert, und für den Beamer wächst alles; dazu Minuszeichen und Pfeile der Veränderung."""

import re

import pandas as pd
import pytest

from berichte import grafik, svg, svgdiagramme
from darstellung.diagramme import (
    FARBE,
    FARBE_HERVOR,
    beschreibung,
    fuer_beamer,
    rangliste_beschreibung,
    rangliste_werte,
    werte,
    zeitreihe_linien,
)
from darstellung.tabellen import pp_text, veraenderung_metrik
from indikatoren.grundlagen.katalog import indikator

KINDERARMUT = indikator("kinderarmut")
RANGLISTE = pd.DataFrame({  # schon absteigend sortiert, wie auswertung.rangliste sie liefert
    "ags": ["03254021", "03254002", "03254013"], "name": ["Hildesheim", "Alfeld (Leine)", "Eime"],
    "wert": [27.04, 17.46, None], "status": ["ok", "ok", "nicht_ausweisbar"]})


def _texte(bild: str) -> list[tuple[str, str]]:
    """(Attribute, Inhalt) jedes <text> eines SVG, von oben nach unten wie geschrieben."""
    return re.findall(r"<text ([^>]*)>([^<]+)</text>", bild)


def _balken(bild: str) -> list[tuple[float, float, str]]:
    """(x, Breite, Farbe) jedes Balkens (die weiße Fläche des Hintergrunds nicht)."""
    return [(float(x), float(b), f) for x, b, f in
            re.findall(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="[\d.]+" fill="(#[0-9a-f]{6})"', bild)]


def test_rangliste_zeigt_gesperrte_und_markiert_die_gewaehlte_auch_ohne_farbe():
    bild = svgdiagramme.rangliste(RANGLISTE, 15.66, "Landkreis Hildesheim", "03254002", "Titel", "seite")
    texte = _texte(bild)
    namen = [(attribute, t) for attribute, t in texte if t.removeprefix("▶ ") in set(RANGLISTE["name"])]
    assert [t for _, t in namen] == ["Hildesheim", "▶ Alfeld (Leine)", "Eime"]  # von oben nach unten
    assert ['font-weight="bold"' in a for a, _ in namen] == [False, True, False]  # fett, nicht nur farbig
    werte = [t for _, t in texte if t.endswith("\u00a0%") or t == "nicht ausweisbar"]  # Striche: „10 %“
    assert werte == ["Landkreis Hildesheim 15,7\u00a0%", "27,0\u00a0%", "17,5\u00a0%", "nicht ausweisbar"]
    balken = _balken(bild)
    assert [f for _, _, f in balken] == [FARBE, FARBE_HERVOR]  # Eime ohne Balken
    # Längen im Verhältnis der gezeigten Werte 27,0 : 17,5, beide ab derselben Achse
    assert balken[0][0] == balken[1][0] and balken[0][1] / balken[1][1] == pytest.approx(27.0 / 17.5, rel=0.01)
    kreislinie = re.search(r'<line x1="([\d.]+)" y1="[\d.]+" x2="\1" [^>]*stroke-dasharray', bild)
    assert float(kreislinie[1]) - balken[0][0] == pytest.approx(balken[0][1] * 15.7 / 27.0, rel=0.01)
    assert rangliste_werte(RANGLISTE, KINDERARMUT).values.tolist() == [
        ["Hildesheim", "27,0\u00a0%"], ["Alfeld (Leine)", "17,5\u00a0%"], ["Eime", "nicht ausweisbar"]]
    assert list(rangliste_werte(RANGLISTE, KINDERARMUT).columns) == ["Gemeinde", "Kinderarmut"]
    assert rangliste_beschreibung(KINDERARMUT).startswith(
        "Balkendiagramm „Kinderarmutsindikator (NEF-Quote unter 15): Gemeinden im Vergleich“")


def test_rangliste_in_natuerlicher_groesse_lesbar_auf_seite_und_beamer():
    """In natürlicher Größe gezeigt: auf der Seite wie ihr Text (14,7 px), auf dem Beamer ab 22 px."""
    for groesse, mindestens_px in (("seite", 14.6), ("beamer", 22)):
        bild = svgdiagramme.rangliste(RANGLISTE, None, groesse=groesse, titel="Titel")
        grund = float(re.search(r'<svg [^>]*font-size="([\d.]+)"', bild)[1])
        schriften = [grund] + [float(s) for s in re.findall(r'font-size="([\d.]+)"', bild)]
        assert min(schriften) >= mindestens_px, (groesse, schriften)
    breite = float(re.search(r'<svg [^>]*width="([\d.]+)"', bild)[1])  # das Bild hält seinen Platz frei
    assert breite == 13.0 * 96 and svg.pixelgroesse(svg.datenadresse(bild))[0] == 1248


def test_namen_und_werte_der_rangliste_passen_ins_bild():
    """Lange Namen schieben die Balken nach rechts statt über den Rand; der längste Balken behält Platz für seinen
    Wert; jeder Text liegt im Bild (gemessen mit den Maßen von DejaVu Sans)."""
    rang = pd.DataFrame({"ags": ["1", "2"], "name": ["Samtgemeinde Leinebergland mit sehr langem Namen", "Eime"],
                         "wert": [41.96, 3.0], "status": ["ok", "ok"]})
    bild = svgdiagramme.rangliste(rang, 12.0, "Landkreis Hildesheim", groesse="druck")
    breite = float(re.search(r'<svg [^>]*width="([\d.]+)"', bild)[1])
    schrift = 6.5 * 4 / 3
    for attribute, inhalt in _texte(bild):
        x = float(re.search(r'x="([\d.-]+)"', attribute)[1])
        weite = svg.breite(inhalt, schrift)
        links = {"end": x - weite, "middle": x - weite / 2}.get(
            (re.search(r'text-anchor="(\w+)"', attribute) or [None, "start"])[1], x)
        assert 0 <= links and links + weite <= breite + 0.5, (inhalt, links, weite, breite)
    (x, b, _), _ = _balken(bild)
    assert x > svg.breite("Samtgemeinde Leinebergland mit sehr langem Namen", schrift)
    titel = "Kinderarmutsindikator (NEF-Quote unter 15): Gemeinden im Vergleich 2024 – ein langer Titel"
    bild = svgdiagramme.rangliste(rang, None, titel=titel, groesse="druck")
    zeilen = [(a, t) for a, t in _texte(bild) if 'font-weight="bold"' in a]
    assert " ".join(t for _, t in zeilen) == titel and len(zeilen) >= 2  # umgebrochen, nichts verloren
    assert all(svg.breite(t, schrift * 1.15, fett=True) <= breite for _, t in zeilen)


def test_verlauf_alle_jahre_in_der_tabelle():
    reihe = pd.DataFrame({"ags": ["03254002"] * 3 + ["03254"] * 3, "name": ["Alfeld (Leine)"] * 3 + ["Kreis"] * 3,
                          "ebene": ["gemeinde"] * 3 + ["kreis"] * 3, "jahr": [2022, 2023, 2024] * 2,
                          "wert": [17.44, None, 17.46, 16.3, 15.4, 15.66],
                          "status": ["ok", "nicht_ausweisbar", "ok", "ok", "ok", "ok"]})
    fig = zeitreihe_linien(reihe, KINDERARMUT)
    tabelle = werte(fig)
    assert list(tabelle.columns) == ["Gebiet", "2022", "2023", "2024"]
    assert tabelle.values.tolist() == [["Alfeld (Leine)", "17,4\u00a0%", "nicht ausweisbar", "17,5\u00a0%"],
                                       ["Kreis", "16,3\u00a0%", "15,4\u00a0%", "15,7\u00a0%"]]
    assert "mit 2 Reihen: Alfeld (Leine), Kreis" in beschreibung(fig)


def test_fuer_den_beamer_waechst_alles_und_das_original_bleibt():
    reihe = pd.DataFrame({"ags": ["03254"] * 2, "name": ["Kreis"] * 2, "ebene": ["kreis"] * 2, "jahr": [2023, 2024],
                          "wert": [15.4, 15.7], "status": ["ok", "ok"]})
    fig = zeitreihe_linien(reihe, KINDERARMUT, hoehe=220)
    gross = fuer_beamer(fig)
    assert gross.layout.font.size >= 22 and gross.layout.xaxis.tickfont.size >= 22
    assert gross.layout.legend.font.size >= 22 and gross.layout.title.font.size > gross.layout.font.size
    assert gross.data[0].line.width == 2 * fig.data[0].line.width and gross.layout.height > 220
    assert fig.layout.font.size == 14 and fig.layout.height == 220  # das Original ist unverändert
    # Text auf Weiß mit mindestens 4,5:1 (hier 15:1) statt Plotlys Grau
    assert fig.layout.font.color == "#262626" and fig.layout.xaxis.tickfont.color == "#262626"


def test_veraenderung_mit_minuszeichen_und_ausdruecklicher_richtung():
    assert pp_text(-0.3) == "\u22120,3\u00a0Pp." and pp_text(1.25) == "+1,3\u00a0Pp."
    assert pp_text(0.04) == "±0,0\u00a0Pp."  # das Vorzeichen der gezeigten Zahl
    # Kinderarmut sinkt: gut (grün), Pfeil nach unten, obwohl der Text kein ASCII-Minus trägt
    assert veraenderung_metrik(-0.3) == {"delta": "\u22120,3\u00a0Pp.", "delta_color": "green", "delta_arrow": "down"}
    assert veraenderung_metrik(0.3) == {"delta": "+0,3\u00a0Pp.", "delta_color": "red", "delta_arrow": "up"}
    assert veraenderung_metrik(0.04)["delta_arrow"] == "off" and veraenderung_metrik(None) == {"delta": None}


def test_achsen_der_berichte_mit_den_stellen_die_sie_brauchen():
    """Striche bei 2,5 %-Schritten heißen 2,5 % und 7,5 % (nicht „3 %“, „8 %“), alle mit einer Stelle; ganze Schritte
    ohne Stelle."""
    reihe = pd.DataFrame({"ags": ["03254013"] * 3, "name": ["Eime"] * 3, "ebene": ["gemeinde"] * 3,
                          "jahr": [2022, 2023, 2024], "wert": [8.0, 11.0, 12.2], "status": ["ok"] * 3})
    striche = [t for _, t in _texte(svgdiagramme.verlauf(reihe)) if t.endswith("%")]
    assert striche == ["0,0 %", "2,5 %", "5,0 %", "7,5 %", "10,0 %", "12,5 %"]  # bis über 12,2 in 5 Abständen
    assert svgdiagramme.strichtexte([0, 5, 10, 15]) == ["0 %", "5 %", "10 %", "15 %"]
    assert svgdiagramme.strichtexte([0, 0.25, 0.5]) == ["0,00 %", "0,25 %", "0,50 %"]
    assert grafik.Prozent().format_ticks([0, 2.5, 5]) == ["0,0 %", "2,5 %", "5,0 %"]  # im Sozialbericht ebenso


def test_runde_striche_von_hand():
    """Der kleinste Abstand aus 1, 2, 2,5, 5 × 10^k mit höchstens fünf Abständen bis über den höchsten Wert."""
    assert svgdiagramme.striche(27.0, (1, 2, 5)) == [0, 10, 20, 30]  # 5er: sechs Abstände, zu viele
    assert svgdiagramme.striche(20.0) == [0, 5, 10, 15, 20]  # 20 ist selbst ein Strich
    assert svgdiagramme.striche(0.3) == [0, 0.1, 0.2, 0.3]
    assert svgdiagramme.striche(0) == [0, 0.2, 0.4, 0.6, 0.8, 1.0]  # ohne Werte eine Achse bis 1 %


def test_verlauf_mit_luecke_und_gestricheltem_kreis():
    """Ein Jahr ohne ausweisbaren Wert unterbricht die Linie (kein Strich über die Lücke); der Kreis ist gestrichelt,
    die Gemeinde durchgezogen; die Höhe entspricht dem gezeigten Wert."""
    reihe = pd.DataFrame({"ags": ["03254002"] * 3 + ["03254"] * 3, "name": ["Alfeld (Leine)"] * 3 + ["Kreis"] * 3,
                          "ebene": ["gemeinde"] * 3 + ["kreis"] * 3, "jahr": [2022, 2023, 2024] * 2,
                          "wert": [17.44, None, 17.46, 16.3, 15.4, 15.66],
                          "status": ["ok", "nicht_ausweisbar", "ok", "ok", "ok", "ok"]})
    bild = svgdiagramme.verlauf(reihe)
    linien = re.findall(r'<polyline points="([^"]+)"([^>]*)/>', bild)
    assert len(linien) == 1 and "stroke-dasharray" in linien[0][1]  # nur der Kreis hat eine Linie, gestrichelt
    assert len(re.findall(r"<line [^>]*stroke-dasharray", bild)) == 1  # und sein Zeichen in der Legende
    punkte = [[float(v) for v in p.split(",")] for p in linien[0][0].split()]
    assert len(punkte) == 3
    null = float(re.search(r'<line x1="[\d.]+" y1="([\d.]+)" x2="[\d.]+" y2="\1" stroke="#1a1a1a"', bild)[1])
    hoehen = [null - y for _, y in punkte]  # 16,3 15,4 15,7 wie gezeigt gerundet
    assert hoehen[0] / hoehen[1] == pytest.approx(16.3 / 15.4, rel=0.01)
    assert hoehen[2] / hoehen[1] == pytest.approx(15.7 / 15.4, rel=0.01)
    assert len(re.findall(r"<circle ", bild)) == 5  # 2 Punkte der Gemeinde, 3 des Kreises


def test_viele_jahre_ohne_ueberdeckte_beschriftung():
    """Zwölf Jahre passen nicht nebeneinander unter 84 mm: jedes zweite steht da, das letzte immer. Von Hand: Schrift
    10,67 px, „2024“ 2,54 em = 27,1 px plus 10,67 px Abstand, mal 12 = 454 px auf 273 px Fläche (326 px Bild ohne
    Ränder und die Achse „10 %“) – 1,7, also jedes 2."""
    reihe = pd.DataFrame({"ags": ["1"] * 12, "name": ["A"] * 12, "ebene": ["gemeinde"] * 12,
                          "jahr": list(range(2013, 2025)), "wert": [10.0] * 12, "status": ["ok"] * 12})
    jahre = [t for _, t in _texte(svgdiagramme.verlauf(reihe)) if re.fullmatch(r"20\d\d", t)]
    assert jahre == ["2014", "2016", "2018", "2020", "2022", "2024"]
    wenige = reihe[reihe["jahr"] >= 2020]
    assert [t for _, t in _texte(svgdiagramme.verlauf(wenige)) if re.fullmatch(r"20\d\d", t)] == [
        "2020", "2021", "2022", "2023", "2024"]


def test_altersgruppen_mit_werten_und_ohne_balken_fuer_gesperrte():
    werte = pd.DataFrame({"gruppe": ["unter 3 Jahren", "3 bis unter 6 (Kita)"] * 2,
                          "gebiet": ["Alfeld (Leine)"] * 2 + ["Kreis"] * 2, "wert": [20.14, None, 15.2, 14.06],
                          "status": ["ok", "nicht_ausweisbar", "ok", "ok"]})
    bild = svgdiagramme.altersgruppen(werte)
    texte = [t for _, t in _texte(bild)]
    assert [t for t in texte if re.fullmatch(r"\d+,\d|n\. a\.", t)] == [
        "20,1", "15,2", "n. a.", "14,1"]
    assert texte[:2] == ["Alfeld (Leine)", "Kreis"]  # Legende oben
    assert "(Kita)" in texte and "3 bis unter 6" in texte  # zweizeilig
    hoehen = [float(h) for h in re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)"', bild)]
    assert len(hoehen) == 3 and hoehen[0] / hoehen[1] == pytest.approx(20.1 / 15.2, rel=0.01)  # gesperrt: kein Balken


def test_viele_linien_bleiben_unterscheidbar():
    """Alle 20 Gemeinden und der Kreis: jede Linie hat eine eigene Verbindung aus Farbe, Punktform und Strichart, der
    Kreis ist schwarz, dick, gestrichelt; die Legende steht rechts statt über dem Titel. Bis sechs Linien stehen die
    Namen am Ende jeder Linie."""
    ags = [f"032540{n:02d}" for n in range(1, 21)]
    reihe = pd.DataFrame([{"ags": a, "name": f"Gemeinde {n}", "ebene": "gemeinde", "jahr": j, "wert": 10.0 + n,
                           "status": "ok"} for n, a in enumerate(ags) for j in (2023, 2024)]
                         + [{"ags": "03254", "name": "Kreis", "ebene": "kreis", "jahr": j, "wert": 15.0,
                             "status": "ok"} for j in (2023, 2024)])
    fig = zeitreihe_linien(reihe, KINDERARMUT)
    stile = [(s.line.color, s.marker.symbol, s.line.dash) for s in fig.data]
    assert len(set(stile)) == 21 and "#000000" not in [f for f, _, _ in stile[:-1]]  # Schwarz nur der Kreis
    # von Hand: n-te Linie Farbe n mod 8, Form n mod 7, Strich n div 8
    assert [stile[0], stile[8], stile[19]] == [("#0072B2", "circle", "solid"), ("#0072B2", "square", "dot"),
                                                ("#CC79A7", "star", "dashdot")]
    assert stile[-1] == ("#000000", "circle", "dash") and fig.data[-1].line.width == 3
    assert fig.layout.legend.orientation == "v" and fig.layout.legend.x > 1  # rechts neben der Fläche
    assert fig.layout.height >= 60 + 22 * 21
    wenige = zeitreihe_linien(reihe[reihe["ags"].isin(["03254001", "03254002", "03254"])], KINDERARMUT)
    assert [a.text for a in wenige.layout.annotations] == ["Gemeinde 0", "Gemeinde 1", "Kreis"]
    assert [(a.x, a.y) for a in wenige.layout.annotations] == [(2024, 10.0), (2024, 11.0), (2024, 15.0)]
    assert wenige.layout.showlegend is False


def test_rangliste_mit_wenigen_runden_strichen():
    """Die Prozentachse der Rangliste hat höchstens sechs runde Striche ohne 2,5er-Schritte; mit Nachkommastellen
    (12,5 %, 17,5 %) liefen ihre Beschriftungen im Druck ineinander."""
    bild = svgdiagramme.rangliste(RANGLISTE, 15.66, "Landkreis Hildesheim", titel="Titel")
    striche = [t for _, t in _texte(bild) if re.fullmatch(r"[\d,]+ %", t)]
    assert striche == ["0 %", "10 %", "20 %", "30 %"]  # bis über 27,0 %
    zwoelf = RANGLISTE.assign(wert=[12.0, 7.0, None])
    striche = [t for _, t in _texte(svgdiagramme.rangliste(zwoelf, None)) if re.fullmatch(r"[\d,]+ %", t)]
    assert striche == ["0 %", "5 %", "10 %", "15 %"]  # nicht 0,0 % … 12,5 % in 2,5er-Schritten


@pytest.fixture(scope="module")
def niedersachsen():
    import geopandas as gpd

    from tests.conftest import SHARED_GEO
    return gpd.read_file(SHARED_GEO / "gemeinden_niedersachsen.geojson")


@pytest.mark.parametrize("kreis", ["03254", "03255", "03352", "03454", "03241"])  # rund, lang, Küste, hoch, Region
def test_karte_im_bericht_passt_mit_ganzer_legende(niedersachsen, kreis):
    """Hildesheim, Holzminden (lang und schmal), Cuxhaven (Küste), Emsland (hoch), Region Hannover: die Karte des
    Berichts behält ihr Format (im 78-mm-Kasten nie höher als breit × 1,2) und trägt jede Klasse der Legende."""
    from indikatoren.rechnen.klassen import klassifiziere
    gemeinden = niedersachsen[niedersachsen["ags"].str.startswith(kreis)].reset_index(drop=True)
    werte = pd.DataFrame({"ags": gemeinden["ags"], "wert": [5.0 + 1.7 * (n % 9) for n in range(len(gemeinden))],
                          "status": ["ok"] * (len(gemeinden) - 1) + ["nicht_ausweisbar"]})
    klassen = klassifiziere(werte["wert"].iloc[:-1], "natuerlich")
    bild = grafik.choropleth(gemeinden, werte, klassen)
    breite, hoehe = svg.pixelgroesse(bild)
    assert hoehe <= 1.2 * breite, (breite, hoehe)
    texte = [t for _, t in _texte(svg.als_text(bild))]
    for eintrag in [*klassen.beschriftungen(), "nicht ausweisbar", "keine Daten"]:
        assert eintrag.replace(" ", "\u00a0") in [t.replace(" ", "\u00a0") for t in texte], eintrag
