"""Diagramme: jede gezeigte Zahl steht auch in einer Tabelle, gesperrte Gemeinden fehlen nicht, die gewählte ist nicht
nur farbig markiert, und für den Beamer wächst alles; dazu Minuszeichen und Pfeile der Veränderung."""

import base64
import re

import pandas as pd
import pytest

from berichte import grafik
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


def _svg(bild: str) -> str:
    return base64.b64decode(bild.removeprefix("data:image/svg+xml;base64,")).decode()


def test_rangliste_zeigt_gesperrte_und_markiert_die_gewaehlte_auch_ohne_farbe():
    svg = _svg(grafik.rangliste(RANGLISTE, 15.66, "Landkreis Hildesheim", "03254002", "Titel", "seite"))
    texte = re.findall(r"<text ([^>]*)>([^<]+)</text>", svg)
    namen = [(stil, t) for stil, t in texte if t.removeprefix("▶ ") in set(RANGLISTE["name"])]
    assert [t for _, t in namen] == ["Hildesheim", "▶ Alfeld (Leine)", "Eime"]  # von oben nach unten
    assert ["font-weight: 700" in stil for stil, _ in namen] == [False, True, False]  # fett, nicht nur farbig
    assert [t for _, t in texte if t.startswith(" ")] == [" 27,0\u00a0%", " 17,5\u00a0%", " nicht ausweisbar"]
    assert "Landkreis Hildesheim 15,7\u00a0%" in svg  # Kreislinie beschriftet
    balken = re.findall(r"fill: (#[0-9a-f]{6})", svg.replace("fill: #ffffff", ""))  # Eime ohne Balken
    assert sorted(balken) == sorted([FARBE_HERVOR, FARBE, FARBE])
    assert rangliste_werte(RANGLISTE, KINDERARMUT).values.tolist() == [
        ["Hildesheim", "27,0\u00a0%"], ["Alfeld (Leine)", "17,5\u00a0%"], ["Eime", "nicht ausweisbar"]]
    assert list(rangliste_werte(RANGLISTE, KINDERARMUT).columns) == ["Gemeinde", "Kinderarmut"]
    assert rangliste_beschreibung(KINDERARMUT).startswith(
        "Balkendiagramm „Kinderarmutsindikator (NEF-Quote unter 15): Gemeinden im Vergleich“")


def test_rangliste_in_natuerlicher_groesse_lesbar_auf_seite_und_beamer():
    """In natürlicher Größe gezeigt (1 pt = 4/3 px): auf der Seite wie ihr Text, auf dem Beamer ab 22 px."""
    for groesse, mindestens_px in (("seite", 14), ("beamer", 22)):
        svg = _svg(grafik.rangliste(RANGLISTE, None, groesse=groesse, titel="Titel"))
        schriften = [float(s) * 4 / 3 for s in re.findall(r"font-size: ([\d.]+)px", svg)]
        assert schriften and min(schriften) >= mindestens_px, (groesse, schriften)
    breite_pt = float(re.search(r'width="([\d.]+)pt"', svg)[1])  # das Bild hält seinen Platz frei (kein Springen)
    assert grafik.pixelgroesse(grafik.rangliste(RANGLISTE, None, groesse="beamer", titel="Titel"))[0] == round(
        breite_pt * 4 / 3)


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
    svg = _svg(grafik.verlauf(reihe))
    striche = [t for t in re.findall(r"<text [^>]*>([^<]+)</text>", svg) if t.endswith("%")]
    assert striche == ["0,0 %", "2,5 %", "5,0 %", "7,5 %", "10,0 %"]  # 12,2 liegt über dem obersten Strich
    assert grafik.Prozent().format_ticks([0, 5, 10, 15]) == ["0 %", "5 %", "10 %", "15 %"]
    assert grafik.Prozent().format_ticks([0, 0.25, 0.5]) == ["0,00 %", "0,25 %", "0,50 %"]


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
    """Die Prozentachse der Rangliste hat höchstens sechs runde Striche; mit Nachkommastellen (12,5 %, 17,5 %)
    liefen ihre Beschriftungen ineinander."""
    svg = _svg(grafik.rangliste(RANGLISTE, 15.66, "Landkreis Hildesheim", titel="Titel"))
    striche = [t for t in re.findall(r"<text [^>]*>([^<]+)</text>", svg) if re.fullmatch(r"[\d,]+ %", t)]
    assert striche == ["0 %", "10 %", "20 %", "30 %"]  # 27,0 % mal 1,3: bis 35,1 %


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
    breite, hoehe = grafik.pixelgroesse(bild)
    assert hoehe <= 1.2 * breite, (breite, hoehe)
    texte = re.findall(r"<text [^>]*>([^<]+)</text>", _svg(bild))
    for eintrag in [*klassen.beschriftungen(), "nicht ausweisbar", "keine Daten"]:
        assert eintrag.replace(" ", "\u00a0") in [t.replace(" ", "\u00a0") for t in texte], eintrag
