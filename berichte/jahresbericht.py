"""Jahresbericht des Familienzentrums: was es im Jahr getan hat (Kontakte, Veranstaltungen, Partner, Ziele, Kosten)
neben seinen Angeboten und der sozialen Lage seiner Gemeinde, mit Einleitung und Ausblick. Kleine Zahlen sind
gesperrt wie überall (geheimhaltung.summen_schuetzen): Kontakte und Teilnehmende von 1 und 2 stehen nie da, und
aus Summe, Teilen und gezeigten Nullen lässt sich keine gesperrte Zahl einengen. Die Kosten sind Beträge des
Familienzentrums, keine Zahlen von Personen: für sie gilt keine Geheimhaltung."""

from collections.abc import Callable
from datetime import date

import pandas as pd

from berichte import drucken, svg, svgdiagramme
from berichte.daten import Berichtsdaten
from darstellung.tabellen import monat_text, tag_text, wert_text
from familienzentrum import daten as fz_daten
from familienzentrum import katalog as fz
from indikatoren.grundlagen import laender
from indikatoren.grundlagen.listenarten import Listenart, als_text
from indikatoren.grundlagen.zahlenformat import zahl
from indikatoren.rechnen import auswertung
from indikatoren.rechnen.geheimhaltung import summen_schuetzen

GESPERRT = "nicht ausweisbar"
NUR_PLAN = ("Für dieses Jahr sind noch keine eigenen Kosten eingetragen; die Tabelle zeigt den Plan aus der "
            "Konzeption.")
MONATE = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November",
          "Dezember")


def pdf(daten: Berichtsdaten, jahr: int, heute: date | None = None,
        fortschritt: Callable[[int, int, str], None] = lambda *_: None) -> bytes:
    fortschritt(0, 2, "Zahlen zusammenstellen")
    werte = inhalt(daten, jahr, heute)
    fortschritt(1, 2, "Seiten setzen")
    return drucken.pdf("jahresbericht.html", **werte)


def inhalt(daten: Berichtsdaten, jahr: int, heute: date | None = None) -> dict:
    """Alles, was der Bericht zeigt, als Text und Tabellen (für PDF und DOCX dieselben)."""
    zentren = daten.einrichtungen[daten.einrichtungen["kategorie"] == "Familienzentrum"]
    if zentren.empty:
        raise LookupError("In der Einrichtungsliste steht kein Familienzentrum.")
    zentrum = zentren.iloc[0]
    kontakte = _liste(daten, fz.KONTAKTE, jahr)
    texte = _liste(daten, fz.TEXTE, jahr)
    kosten = _liste(daten, fz.KOSTEN, jahr)
    kosten_geplant = kosten.empty  # ohne eigene Zahlen des Jahres: der Plan der Konzeption
    if kosten_geplant:
        kosten = fz_daten.kostenplan(jahr, str(zentrum.get("seit", "")), heute)
    angebote = daten.angebote[(daten.angebote["einrichtung"] == zentrum["id"])
                              & (daten.angebote["status"] != "beendet")]
    gemeinde = zentrum["ags"]
    reihe = auswertung.zeitreihe(daten.ergebnis, "kinderarmut", [gemeinde, daten.gebiete.kreis])
    return {
        "titel": f"Jahresbericht {zentrum['name']} {jahr}", "zentrum": zentrum["name"],
        "adresse": zentrum["adresse"], "jahr": jahr, "herausgeber": laender.kontakte().get("herausgeber", ""),
        "stand": f"Datenstand {daten.datenstand.id} vom {daten.datenstand.erstellt.astimezone():%d.%m.%Y}",
        "erstellt": f"{(heute or date.today()):%d.%m.%Y}",
        "beispiel": bool((daten.ergebnis["art"] == "beispiel").any()),
        "einleitung": texte["einleitung"].iloc[0] if len(texte) else "",
        "ausblick": texte["ausblick"].iloc[0] if len(texte) else "",
        **_kontakte(kontakte),
        "veranstaltungen": _veranstaltungen(_liste(daten, fz.VERANSTALTUNGEN, jahr)),
        "partner": _liste(daten, fz.PARTNER, jahr)[["name", "art", "seit"]].values.tolist(),
        "ziele": _liste(daten, fz.ZIELE, jahr)[["ziel", "schritte", "stand", "kommentar"]].values.tolist(),
        "kosten": _kosten(kosten),
        "kosten_hinweis": NUR_PLAN if kosten_geplant and not kosten.empty else "",
        "angebote": [[a.titel, a.lebensphasen.replace("|", ", "), a.status] for a in angebote.itertuples()],
        "gemeinde": daten.gebiete.name(gemeinde),
        "stichtag": f"Zählung {jahr}; Sozialdaten: SGB II {monat_text(reihe['stichtag_sgb2'].iloc[-1])}, "
                    f"Bevölkerung {tag_text(reihe['stichtag_bev'].iloc[-1])}" if len(reihe) else f"Zählung {jahr}",
        "verlauf": svg.datenadresse(svgdiagramme.verlauf(reihe)) if len(reihe) else "",
        "verlauf_alt": "; ".join(f"{z.name} {z.jahr}: {wert_text(z.wert, z.status)}" for z in reihe.itertuples()),
        "quellen": "Zählung des Familienzentrums (nur Anzahlen); Kinderarmutsindikator: Statistik der Bundesagentur "
                   f"für Arbeit, {laender.eigenes().statistikamt}",
        "geheimhaltung": f"Zahlen von 1 und 2 stehen als „{GESPERRT}“, ebenso so viele weitere, dass sich keine "
                         "von ihnen aus Summen und gezeigten Zahlen enger als auf 1 bis Wert + 3 eingrenzen lässt.",
    }


def _liste(daten: Berichtsdaten, art: Listenart, jahr: int) -> pd.DataFrame:
    """Die Liste des Jahres (Partner: alle), als Text mit allen Spalten, auch wenn nie etwas eingegeben wurde."""
    tabelle = als_text(daten.familienzentrum.get(art.name, pd.DataFrame()), art)
    if "jahr" in art.spalten:
        return tabelle[tabelle["jahr"] == str(jahr)]
    if "datum" in art.spalten:
        return tabelle[tabelle["datum"].str.startswith(str(jahr))].sort_values("datum")
    return tabelle


def _zahlen(spalte: pd.Series) -> pd.Series:
    return pd.to_numeric(spalte.replace("", "0")).astype(int)


def _kontakte(kontakte: pd.DataFrame) -> dict:
    """Alle Kontakte und je Thema, Weg und Monat (jeder Wert, auch 0): drei Zerlegungen derselben Summe, die
    gemeinsam gesperrt werden, denn ein Leser sieht sie nebeneinander."""
    anzahl = _zahlen(kontakte["anzahl"])
    spalten = [("Thema", "thema", fz.THEMEN, fz.THEMEN), ("Weg", "weg", fz.WEGE, fz.WEGE),
               ("Monat", "monat", [str(m) for m in range(1, 13)], MONATE)]
    werte, beziehungen = [int(anzahl.sum())], []
    for _, spalte, schluessel, _ in spalten:
        je = anzahl.groupby(kontakte[spalte]).sum()
        beziehungen.append((0, list(range(len(werte), len(werte) + len(schluessel)))))
        werte += [int(je.get(w, 0)) for w in schluessel]
    gesperrt = summen_schuetzen(werte, beziehungen)
    text = [GESPERRT if g else zahl(w) for w, g in zip(werte, gesperrt)]
    return {"kontakte_gesamt": text[0],
            "kontakte": [(titel, [[str(n), text[i]] for n, i in zip(namen, teile)])
                         for (titel, _, _, namen), (_, teile) in zip(spalten, beziehungen)]}


def _veranstaltungen(tabelle: pd.DataFrame) -> dict:
    """Teilnehmende je Veranstaltung neben ihrer Summe; eine Veranstaltung ohne Angabe steht in keiner Summe."""
    teilnehmende = _zahlen(tabelle["teilnehmende"]).reset_index(drop=True)
    angegeben = [i + 1 for i, roh in enumerate(tabelle["teilnehmende"]) if roh]
    gesperrt = summen_schuetzen([int(teilnehmende.sum()), *teilnehmende], [(0, angegeben)])
    zeilen = [[f"{d[8:10]}.{d[5:7]}.{d[:4]}", titel, art, "–" if not roh else GESPERRT if g else zahl(n)]
              for d, titel, art, roh, n, g in zip(tabelle["datum"], tabelle["titel"], tabelle["art"],
                                                   tabelle["teilnehmende"], teilnehmende, gesperrt[1:])]
    return {"zeilen": zeilen, "anzahl": len(tabelle),
            "summe": GESPERRT if gesperrt[0] else zahl(int(teilnehmende.sum()))}


def _kosten(tabelle: pd.DataFrame) -> dict:
    def euro(betrag: float) -> str:
        return f"{zahl(betrag, 2)}\u00a0€"

    plan, ist = (pd.to_numeric(tabelle[s].replace("", "0")) for s in ("plan", "ist"))
    return {"zeilen": [[z.position, euro(float(z.plan)) if z.plan else "noch offen",
                        euro(float(z.ist)) if z.ist else "–", z.finanzierung] for z in tabelle.itertuples()],
            "plan": euro(plan.sum()), "ist": euro(ist.sum()),
            "eigenanteil": euro(ist[tabelle["finanzierung"] == "Eigenanteil"].sum()),
            "drittmittel": euro(ist[tabelle["finanzierung"] == "Drittmittel"].sum())}


def docx(daten: Berichtsdaten, jahr: int, heute: date | None = None,
         fortschritt: Callable[[int, int, str], None] = lambda *_: None) -> bytes:
    """Derselbe Inhalt als Word-Dokument, damit das Amt eigene Worte ergänzen kann, bevor er in den Rat geht."""
    import io

    from docx import Document
    from docx.shared import Mm

    fortschritt(0, 1, "Dokument schreiben")
    w = inhalt(daten, jahr, heute)
    dok = Document()
    for abschnitt in dok.sections:  # python-docx legt US Letter an; Ämter drucken A4 mit 2,5 cm Rand
        abschnitt.page_width, abschnitt.page_height = Mm(210), Mm(297)
        abschnitt.left_margin = abschnitt.right_margin = abschnitt.top_margin = abschnitt.bottom_margin = Mm(25)
    dok.core_properties.title, dok.core_properties.language = w["titel"], "de-DE"
    dok.add_heading(w["titel"], level=0)
    dok.add_paragraph(f"{w['zentrum']}, {w['adresse']} · {w['stand']} · erstellt am {w['erstellt']}")

    def tabelle(kopf: list[str], zeilen: list[list[str]]) -> None:
        t = dok.add_table(rows=1, cols=len(kopf))
        t.style = "Table Grid"
        for zelle, text in zip(t.rows[0].cells, kopf):
            zelle.text = text
        for zeile in zeilen:
            for zelle, text in zip(t.add_row().cells, zeile):
                zelle.text = str(text)

    if w["einleitung"]:
        dok.add_heading("Einleitung", level=1)
        dok.add_paragraph(w["einleitung"])
    dok.add_heading("Das Jahr in Zahlen", level=1)
    dok.add_paragraph(f"Kontakte: {w['kontakte_gesamt']} · Veranstaltungen: {w['veranstaltungen']['anzahl']} "
                      f"(Teilnehmende zusammen: {w['veranstaltungen']['summe']}) · Kooperationspartner: "
                      f"{len(w['partner'])}")
    for titel, zeilen in w["kontakte"]:
        tabelle([titel, "Kontakte"], zeilen)
    dok.add_paragraph(w["geheimhaltung"])
    dok.add_heading("Veranstaltungen", level=1)
    tabelle(["Datum", "Titel", "Art", "Teilnehmende"], w["veranstaltungen"]["zeilen"])
    dok.add_heading("Kooperationspartner", level=1)
    tabelle(["Name", "Art", "seit"], w["partner"])
    dok.add_heading("Ziele und Schritte", level=1)
    tabelle(["Ziel", "Schritte", "Stand", "Anmerkung"], w["ziele"])
    dok.add_heading("Kosten", level=1)
    k = w["kosten"]
    if w["kosten_hinweis"]:
        dok.add_paragraph(w["kosten_hinweis"])
    tabelle(["Position", "Plan", "Ist", "Finanzierung"], [*k["zeilen"], [
        "Summe", k["plan"], k["ist"], f"Eigenanteil {k['eigenanteil']}, Drittmittel {k['drittmittel']}"]])
    dok.add_heading(f"Angebote im {w['zentrum']}", level=1)
    tabelle(["Angebot", "Lebensphasen", "Status"], w["angebote"])
    dok.add_heading(f"Soziale Lage in {w['gemeinde']}", level=1)
    dok.add_paragraph(f"Kinderarmutsindikator (NEF-Quote unter 15): {w['verlauf_alt']}.")
    if w["ausblick"]:
        dok.add_heading("Ausblick", level=1)
        dok.add_paragraph(w["ausblick"])
    dok.add_paragraph(f"Quellen: {w['quellen']}." + (" Sozialdaten: Beispieldaten (synthetisch)." if w["beispiel"]
                                                     else ""))
    puffer = io.BytesIO()
    dok.save(puffer)
    return puffer.getvalue()
