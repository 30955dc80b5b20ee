"""Tabellen für Leserinnen und Leser: deutsche Zahlen, Status in Worten, nie kleine Zahlen.

Erwartet Ergebnisse aus geheimhaltung.fuer_leser(...).
"""

import pandas as pd

from darstellung.maskierung import md
from indikatoren.grundlagen import konfiguration
from indikatoren.grundlagen.gebiete import EBENEN
from indikatoren.grundlagen.katalog import Indikator
from indikatoren.grundlagen.zahlenformat import prozent, runde, zahl
from indikatoren.rechnen.berechnung import AUSGEWIESEN, Status, jedes_nte_kind

STATUS_TEXT = {Status.NICHT_AUSWEISBAR: "nicht ausweisbar", Status.FEHLT: "keine Daten"}


def wert_text(wert, status: str) -> str:
    """„16,8 %“, „mind. 8,6 %“ (Untergrenze), „nicht ausweisbar“ oder „keine Daten“."""
    if status in STATUS_TEXT or pd.isna(wert):
        return STATUS_TEXT.get(status, "keine Daten")
    return ("mind. " if status == Status.UNTERGRENZE else "") + prozent(wert)


def anzahl_text(anzahl) -> str:
    return "–" if pd.isna(anzahl) else zahl(anzahl)


def nte_text(wert, status: str, indikator: Indikator) -> str:
    n = jedes_nte_kind(wert) if indikator.jedes_nte_kind and status == Status.OK else None
    return f"jedes {n}. Kind" if n else ""


def sozialraum_hinweis() -> str:
    """Warum ein Sozialraum keinen Wert zeigt: für Karte und Profil derselbe Satz."""
    return (f"Werte eines Sozialraums unter {konfiguration.mindestbevoelkerung()} Einwohnern (unter der "
            "Regelaltersgrenze) erscheinen nicht, ebenso jeder, aus dem sie sich mit dem Gemeindewert ausrechnen "
            "ließen.")


def gebietstabelle(ergebnis: pd.DataFrame, indikator: Indikator, jahr: int, ebenen=("gemeinde",)) -> pd.DataFrame:
    """Eine Zeile je Gebiet: Name, Wert, Zähler, Nenner, Stichtage, Art – als Text zum Anzeigen."""
    teil = ergebnis[(ergebnis["indikator"] == indikator.id) & (ergebnis["jahr"] == jahr)
                    & ergebnis["ebene"].isin(ebenen)]
    teil = teil.sort_values("wert", ascending=False, na_position="last")
    spalten = {
        "Gebiet": teil["name"],
        indikator.kurz: [wert_text(w, s) for w, s in zip(teil["wert"], teil["status"])],
        indikator.zaehler_text: teil["zaehler"].map(anzahl_text),
        indikator.nenner_text: teil["nenner"].map(anzahl_text),
        "Stichtag SGB II": teil["stichtag_sgb2"].map(monat_text),
        "Stichtag Bevölkerung": teil["stichtag_bev"].map(tag_text),
        "Art": teil["art"],
    }
    if indikator.jedes_nte_kind:
        spalten["Jedes n-te Kind"] = [nte_text(w, s, indikator) for w, s in zip(teil["wert"], teil["status"])]
    return pd.DataFrame(spalten).reset_index(drop=True)


MONATE = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember")


def html_tabelle(tabelle: pd.DataFrame, index: bool = False) -> str:
    """Eine Tabelle als schlichtes HTML, jede Zelle maskiert: der Druck-Zwilling einer st.dataframe, die beim
    Drucken nur ihre sichtbaren Zeilen zeigte."""
    from darstellung.maskierung import html
    kopf = ([html(str(tabelle.index.name or ""))] if index else []) + [html(str(s)) for s in tabelle.columns]
    zeilen = [([html(str(i))] if index else []) + [html("" if pd.isna(w) else str(w)) for w in z]
              for i, z in zip(tabelle.index, tabelle.itertuples(index=False))]
    return ("<table><thead><tr>" + "".join(f'<th scope="col">{k}</th>' for k in kopf) + "</tr></thead><tbody>"
            + "".join("<tr>" + "".join(f"<td>{w}</td>" for w in z) + "</tr>" for z in zeilen) + "</tbody></table>")


def monat_text(stichtag: str) -> str:
    """„2023-12“ -> „Dezember 2023“; mehrere (bei Summen) bleiben einzeln lesbar."""
    return ", ".join(f"{MONATE[int(t[5:7]) - 1]} {t[:4]}" if len(t) == 7 else t for t in stichtag.split(", "))


def tag_text(stichtag: str) -> str:
    """„2023-12-31“ -> „31.12.2023“."""
    return ", ".join(f"{t[8:10]}.{t[5:7]}.{t[:4]}" if len(t) == 10 else t for t in stichtag.split(", "))


def herkunft_text(zeilen: pd.DataFrame | pd.Series) -> str:
    """Woher die Zahlen kommen, je Art mit eigenem Stichtag: „SGB II: Statistik der BA (Dezember 2024) · Bevölkerung:
    LSN-Online (31.12.2024)“. Für eine Zeile des Ergebnisses oder viele (dann jede Quelle und jeder Stichtag einmal)."""
    zeilen = zeilen.to_frame().T if isinstance(zeilen, pd.Series) else zeilen
    teile = []
    for art, quelle, stichtag, text in (("SGB II", "quelle_sgb2", "stichtag_sgb2", monat_text),
                                        ("Bevölkerung", "quelle_bev", "stichtag_bev", tag_text)):
        quellen = " / ".join(dict.fromkeys(q for q in zeilen[quelle].astype(str) if q)) or "Quelle nicht angegeben"
        tage = ", ".join(dict.fromkeys(text(t) for t in zeilen[stichtag].astype(str) if t))
        teile.append(f"{art}: {quellen}" + (f" ({tage})" if tage else ""))
    return " · ".join(teile)


def pp_text(differenz) -> str:
    """Änderung in Prozentpunkten: „+0,3 Pp.“, „−1,2 Pp.“ (Minuszeichen), „±0,0 Pp.“, nicht umbrechbar."""
    if differenz is None or pd.isna(differenz):
        return ""
    gezeigt = runde(differenz, 1)  # das Vorzeichen der gezeigten Zahl: 0,04 ist „±0,0“
    vorzeichen = "+" if gezeigt > 0 else "\u2212" if gezeigt < 0 else "±"
    return f"{vorzeichen}{zahl(abs(differenz), 1)}\u00a0Pp."


def veraenderung_metrik(differenz, steigen_ist_schlecht: bool = True) -> dict:
    """Argumente für st.metric: Text mit Minuszeichen, Pfeil und Farbe ausdrücklich (st.metric erkennt die
    Richtung sonst nur an einem ASCII-Bindestrich)."""
    if differenz is None or pd.isna(differenz):
        return {"delta": None}
    gerundet = runde(differenz, 1)
    if gerundet == 0:
        return {"delta": pp_text(differenz), "delta_color": "gray", "delta_arrow": "off"}
    schlecht = (gerundet > 0) == steigen_ist_schlecht
    return {"delta": pp_text(differenz), "delta_color": "red" if schlecht else "green",
            "delta_arrow": "up" if gerundet > 0 else "down"}


def exporttabelle(ergebnis: pd.DataFrame, indikator: Indikator, jahr: int, datenstand: int) -> pd.DataFrame:
    """Die Werte zum Herunterladen: Zahlen als Zahlen (Wert auf eine Stelle), Status und Herkunft als Text.

    Nur aus dem geschützten Ergebnis: kleine Zahlen sind darin schon geschwärzt.
    """
    teil = ergebnis[(ergebnis["indikator"] == indikator.id) & (ergebnis["jahr"] == jahr)]
    teil = teil.assign(_ebene=pd.Categorical(teil["ebene"], EBENEN)).sort_values(
        ["_ebene", "wert"], ascending=[True, False], na_position="last")
    return pd.DataFrame({
        "AGS": teil["ags"], "Gebiet": teil["name"], "Ebene": teil["ebene"],
        "Indikator": indikator.titel, "Jahr": teil["jahr"],
        "Wert (%)": [runde(w, 1) if s in AUSGEWIESEN else None
                     for w, s in zip(teil["wert"], teil["status"])],
        "Status": [wert_text(w, s) if s != Status.OK else "ausgewiesen" for w, s in zip(teil["wert"], teil["status"])],
        "Zähler": teil["zaehler"], "Zähler bedeutet": indikator.zaehler_text,
        "Nenner": teil["nenner"], "Nenner bedeutet": indikator.nenner_text,
        "Stichtag SGB II": teil["stichtag_sgb2"].map(monat_text),
        "Stichtag Bevölkerung": teil["stichtag_bev"].map(tag_text),
        "Quelle SGB II": teil["quelle_sgb2"].replace("", "nicht angegeben"),
        "Quelle Bevölkerung": teil["quelle_bev"].replace("", "nicht angegeben"), "Art": teil["art"],
        "Datenstand": datenstand,
    }).reset_index(drop=True)


def einrichtungen_text(einrichtungen: pd.DataFrame) -> str:
    """Je Kategorie eine Zeile mit den Namen – kompakt genug für eine Druckseite; Lage in Klammern."""
    zeilen = []
    for kategorie, teil in einrichtungen.groupby("kategorie", sort=False):
        namen = [md(n) + (" (Lage ungefähr)" if u else "" if h else " (ohne Lage)")
                 for n, u, h in zip(teil["name"], teil["ungefaehr"], teil["hat_lage"])]
        zeilen.append(f"- **{md(kategorie)}** ({len(teil)}): {', '.join(namen)}")
    return "\n".join(zeilen)
