"""Diagramme: jede gezeigte Zahl steht auch in einer Tabelle, gesperrte Gemeinden fehlen nicht, die gewählte ist nicht
nur farbig markiert, und für den Beamer wächst alles; dazu Minuszeichen und Pfeile der Veränderung."""

import pandas as pd

from darstellung.diagramme import beschreibung, fuer_beamer, rangliste_balken, werte, zeitreihe_linien
from darstellung.tabellen import pp_text, veraenderung_metrik
from indikatoren.katalog import indikator

KINDERARMUT = indikator("kinderarmut")
RANGLISTE = pd.DataFrame({  # schon absteigend sortiert, wie auswertung.rangliste sie liefert
    "ags": ["03254021", "03254002", "03254013"], "name": ["Hildesheim", "Alfeld (Leine)", "Eime"],
    "wert": [27.04, 17.46, None], "status": ["ok", "ok", "nicht_ausweisbar"]})
KREIS = pd.Series({"name": "Landkreis Hildesheim", "wert": 15.66, "status": "ok"})


def test_rangliste_zeigt_gesperrte_und_markiert_die_gewaehlte_auch_ohne_farbe():
    fig = rangliste_balken(RANGLISTE, KREIS, KINDERARMUT, hervorheben="03254002")
    balken = fig.data[0]
    assert list(balken.y) == ["Eime", "<b>▶ Alfeld (Leine)</b>", "Hildesheim"]  # von unten nach oben
    assert list(balken.text) == ["nicht ausweisbar", "17,5\u00a0%", "27,0\u00a0%"]
    assert list(balken.x) == [0, 17.5, 27.0]  # Eime ohne Balken, aber mit Zeile
    assert werte(fig).values.tolist() == [["Hildesheim", "27,0\u00a0%"], ["Alfeld (Leine)", "17,5\u00a0%"],
                                          ["Eime", "nicht ausweisbar"]]
    assert list(werte(fig).columns) == ["Gemeinde", "Kinderarmut"]
    assert beschreibung(fig).startswith("Balkendiagramm „Kinderarmutsindikator (NEF-Quote unter 15): Gemeinden")


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
