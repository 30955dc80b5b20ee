"""Der Inhalt eines Gemeindeprofils als Text-Tabellen: für die Seite und für den PDF-Bericht dieselben."""

import pandas as pd

from darstellung.tabellen import anzahl_text, monat_text, nte_text, pp_text, tag_text, wert_text
from indikatoren.grundlagen import katalog, vergleichswerte
from indikatoren.grundlagen.gebiete import Gebiete
from indikatoren.rechnen import auswertung

ALTERSGRUPPEN = (("kinderarmut_u3", "unter 3 (Krippe)"), ("kinderarmut_3_6", "3 bis unter 6 (Kita)"),
                 ("kinderarmut_6_15", "6 bis unter 15 (Schule)"))
PLATZ_HINWEIS = ("Platz 1 = höchster Wert unter den Gemeinden des Kreises. Land und Bund: veröffentlichte Quoten "
                 "(Regelleistungsberechtigte) mit eigenem Stichtag, daher nur eingeschränkt vergleichbar.")
PLATZ_HINWEIS_SOZIALRAUM = PLATZ_HINWEIS.replace("unter den Gemeinden des Kreises",
                                                 "unter den Sozialräumen der Gemeinde")
PLATZ_HINWEIS_VERBAND = PLATZ_HINWEIS.replace("unter den Gemeinden des Kreises",
                                              "unter den Gemeindeverbänden des Kreises (bei nur einem: –)")


def indikatoren(ergebnis: pd.DataFrame, gebiete: Gebiete, ags: str, jahr: int) -> pd.DataFrame:
    """Je Indikator mit Wert: Gemeinde, Platz, zum Vorjahr, Kreis, Land, Bund, Stichtag (Spalten nach Gebiet). Für
    einen Sozialraum: Platz unter den Sozialräumen seiner Gemeinde, und die Gemeinde als Spalte neben dem Kreis."""
    gemeinde = gebiete.gemeinde_von(ags)
    geschwister = None if gemeinde is None else gebiete.sozialraeume_von(gemeinde)["id"].tolist()
    if ags in set(gebiete.verbaende["ags"]):  # ein Gemeindeverband steht unter seinesgleichen
        geschwister = gebiete.verbaende["ags"].tolist()
    zeilen = []
    for ind in katalog.INDIKATOREN:
        eigene = auswertung.zeile(ergebnis, ind.id, jahr, ags)
        if eigene is None:
            continue
        kreis = auswertung.zeile(ergebnis, ind.id, jahr, gebiete.kreis)
        platz, von = auswertung.platz(ergebnis, ind.id, jahr, ags, geschwister)
        oben = {}
        if gemeinde is not None:
            z = auswertung.zeile(ergebnis, ind.id, jahr, gemeinde)
            oben[gebiete.name(gemeinde)] = "–" if z is None else wert_text(z["wert"], z["status"])
        vergleich = {v.ags: f"{wert_text(v.wert, 'ok')} ({monat_text(v.stichtag)})"
                     for v in vergleichswerte.passend(ind.id, jahr).itertuples()}
        zeilen.append({
            "Indikator": ind.titel, gebiete.name(ags): wert_text(eigene["wert"], eigene["status"]),
            "Anteil": anteil_text(eigene, ind),
            "Platz": f"Platz {platz} von {von}" if platz and von > 1 else "–",
            "zum Vorjahr": pp_text(auswertung.veraenderung(ergebnis, ind.id, jahr, ags)), **oben,
            "Kreis": "–" if kreis is None else wert_text(kreis["wert"], kreis["status"]),
            gebiete.name(gebiete.land): vergleich.get(gebiete.land, "–"), "Deutschland": vergleich.get("DG", "–"),
            "Stichtag": f"{monat_text(eigene['stichtag_sgb2'])} / Bev. {tag_text(eigene['stichtag_bev'])}",
        })
    return pd.DataFrame(zeilen)


def anteil_text(zeile, ind: katalog.Indikator) -> str:
    """„479 von 2.737 · jedes 6. Kind“: die Anzahlen hinter der Quote (nur wenn beide gezeigt werden dürfen),
    „jedes n. Kind“, wo der Katalog es für den Indikator vorsieht und der Wert ausgewiesen ist; sonst „–“."""
    if pd.isna(zeile["zaehler"]) or pd.isna(zeile["nenner"]):
        anzahlen = ""
    else:
        anzahlen = f"{anzahl_text(zeile['zaehler'])} von {anzahl_text(zeile['nenner'])}"
    return " · ".join(t for t in (anzahlen, nte_text(zeile["wert"], zeile["status"], ind)) if t) or "–"


def altersgruppen(ergebnis: pd.DataFrame, gebiete: Gebiete, ags: str, jahr: int) -> pd.DataFrame:
    """NEF-Quote je Altersgruppe für Gemeinde und Kreis (Spalten gruppe, gebiet, wert, status)."""
    gemeinde = gebiete.gemeinde_von(ags)
    vergleich = (ags, gebiete.kreis) if gemeinde is None else (ags, gemeinde, gebiete.kreis)
    return pd.DataFrame([{"gruppe": text, "gebiet": z["name"], "wert": z["wert"], "status": z["status"]}
                         for gebiet in vergleich for id, text in ALTERSGRUPPEN
                         if (z := auswertung.zeile(ergebnis, id, jahr, gebiet)) is not None],
                        columns=["gruppe", "gebiet", "wert", "status"])
