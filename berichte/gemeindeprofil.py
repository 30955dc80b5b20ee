"""Gemeindeprofil als PDF: eine A4-Seite je Gemeinde (oder Gemeindeverband, oder Sozialraum), aus dem, was Leser
sehen (fuer_leser), mit Lagekarte, allen Indikatoren samt Kreis, Land, Bund und Platz, Verlauf, Altersgruppen,
Einrichtungen und den Angeboten der Präventionskette nach Lebensphase. Der Inhalt einer Seite (`inhalt`) dient auch
der statischen Website."""

from collections.abc import Callable
from datetime import date

import pandas as pd

from angebote import katalog as angebotskatalog
from angebote import luecken, orte
from berichte import drucken, svg, svgdiagramme, svgkarte
from berichte.daten import Berichtsdaten
from berichte.drucken import untrennbar
from darstellung import profil
from darstellung.tabellen import herkunft_text, wert_text
from indikatoren.grundlagen import katalog, laender
from indikatoren.orte import sozialraeume
from indikatoren.orte.einrichtungen import namensnennung
from indikatoren.rechnen import auswertung
from indikatoren.rechnen.berechnung import Status

INDIKATOR = "kinderarmut"  # der Verlauf im Profil


def pdf(daten: Berichtsdaten, jahr: int, gemeinden: list[str], heute: date | None = None,
        fortschritt: Callable[[int, int, str], None] = lambda *_: None) -> bytes:
    """Ein PDF mit je einer Seite für die genannten Gebiete (AGS einer Gemeinde, eines Gemeindeverbands oder Kennung
    eines Sozialraums), in dieser Reihenfolge. Für alle Gemeinden dauert das einige Sekunden (bench/berichte.py);
    `fortschritt(erledigt, gesamt, was)` meldet jeden Schritt."""
    profile = []
    for n, ags in enumerate(gemeinden):
        fortschritt(n, len(gemeinden) + 1, f"Gemeinde {n + 1} von {len(gemeinden)}: {daten.gebiete.name(ags)}")
        profile.append(inhalt(daten, jahr, ags))
    fortschritt(len(gemeinden), len(gemeinden) + 1, "Seiten setzen")
    return seiten(daten, jahr, profile, heute)


def seiten(daten: Berichtsdaten, jahr: int, profile: list[dict], heute: date | None = None) -> bytes:
    """Das PDF aus schon zusammengestellten Profilen (`inhalt`)."""
    gemeinden = [p["ags"] for p in profile]
    ind, gebiete, datenstand = katalog.indikator(INDIKATOR), daten.gebiete, daten.datenstand
    teil = daten.ergebnis[daten.ergebnis["jahr"] == jahr]
    return drucken.pdf(
        "gemeindeprofil.html",
        titel=(f"Gemeindeprofil {gebiete.name(gemeinden[0])} {jahr}" if len(gemeinden) == 1
               else f"Gemeindeprofile {gebiete.name(gebiete.kreis)} {jahr}"),
        herausgeber=laender.kontakte().get("herausgeber", ""), jahr=jahr, kreis=gebiete.name(gebiete.kreis),
        stand=f"Datenstand {datenstand.id} vom {datenstand.erstellt.astimezone():%d.%m.%Y}",
        beispiel=bool((teil["art"] == "beispiel").any()), erstellt=f"{(heute or date.today()):%d.%m.%Y}",
        quellen="; ".join([*dict.fromkeys(i.quelle for i in katalog.INDIKATOREN), svgkarte.grenzen_quelle()]),
        hinweise=" ".join(dict.fromkeys(h for i in katalog.INDIKATOREN for h in i.hinweise)),
        indikator=ind.titel, felder=len(angebotskatalog.HANDLUNGSFELDER),
        profile=profile)


def inhalt(daten: Berichtsdaten, jahr: int, ags: str) -> dict:
    """Alles, was das Profil eines Gebiets zeigt, als Text und Bilder (data:-URI, SVG)."""
    ergebnis, gebiete, grenzen = daten.ergebnis, daten.gebiete, daten.grenzen
    einrichtungen, angebote = daten.einrichtungen, daten.angebote
    name, art = gebiete.name(ags), daten.art(ags)
    gemeinden: list[str] = (gebiete.mitglieder(ags)["ags"].tolist() if art == "Gemeindeverband"
                            else [gebiete.gemeinde_von(ags) or ags] if art == "Sozialraum" else [ags])
    tabelle = profil.indikatoren(ergebnis, gebiete, ags, jahr)
    anteile = tabelle.pop("Anteil").tolist() if "Anteil" in tabelle else []  # im PDF unter dem Namen, nicht als Spalte
    eigene = auswertung.zeile(ergebnis, INDIKATOR, jahr, ags)
    reihe = auswertung.zeitreihe(ergebnis, INDIKATOR, [ags, gebiete.kreis])
    gruppen = profil.altersgruppen(ergebnis, gebiete, ags, jahr)
    dort = einrichtungen[einrichtungen["ags"].isin(gemeinden)]
    flaeche = None
    if art == "Sozialraum" and daten.sozialraeume is not None:
        flaeche = daten.sozialraeume[daten.sozialraeume["id"] == ags]
        dort = dort[sozialraeume.zuordnen(dort, flaeche) == ags]
    titel = {"Gemeinde": f"Gemeindeprofil {name} {jahr}", "Gemeindeverband": f"Profil {name} {jahr}",
             "Sozialraum": f"Sozialraum {name} ({gebiete.name(gemeinden[0])}) {jahr}"}[art]
    return {
        "titel": titel, "ags": ags, "art": art, "name": name,
        "einleitung": {"Gemeinde": f"Gemeinde {ags} im {gebiete.name(gebiete.kreis)}.",
                       "Gemeindeverband": f"Gemeindeverband {ags} im {gebiete.name(gebiete.kreis)} mit "
                                          f"{len(gemeinden)} Gemeinden: "
                                          f"{', '.join(sorted(gebiete.name(g) for g in gemeinden))}.",
                       "Sozialraum": f"Sozialraum {ags} in {gebiete.name(gemeinden[0])}."}[art],
        "platz_hinweis": {"Gemeinde": profil.PLATZ_HINWEIS, "Gemeindeverband": profil.PLATZ_HINWEIS_VERBAND,
                          "Sozialraum": profil.PLATZ_HINWEIS_SOZIALRAUM}[art],
        "kernsatz": _kernsatz(eigene, name, jahr),
        "herkunft": herkunft_text(eigene) if eigene is not None else "keine Zahlen",
        "spalten": list(tabelle.columns), "zeilen": [[untrennbar(w) for w in z] for z in tabelle.values.tolist()],
        "anteile": anteile,
        "karte": svg.datenadresse(svgkarte.lagekarte(grenzen, gemeinden, flaeche)),
        "karte_alt": f"Lage von {name} im {gebiete.name(gebiete.kreis)}",
        "verlauf": svg.datenadresse(svgdiagramme.verlauf(reihe)), "verlauf_alt": _beschreibung(reihe, "jahr"),
        "altersgruppen": svg.datenadresse(svgdiagramme.altersgruppen(gruppen)) if not gruppen.empty else "",
        "altersgruppen_alt": _beschreibung(gruppen.rename(columns={"gebiet": "name"}), "gruppe"),
        "einrichtungen_zahl": len(dort),
        "einrichtungen": [(k, ", ".join(t["name"])) for k, t in dort.groupby("kategorie", sort=False)],
        "osm": namensnennung(dort) or "",
        "angebote": _angebote_je_phase(angebote, einrichtungen, gemeinden, flaeche),
    }


def _kernsatz(zeile, name: str, jahr: int) -> str:
    if zeile is None or zeile["status"] != Status.OK:
        return f"Für {jahr} ist der Kinderarmutsindikator in {name} nicht ausweisbar."
    return (f"Kinderarmutsindikator {jahr}: {wert_text(zeile['wert'], 'ok')} der Kinder unter 15 Jahren in {name} "
            f"leben in einer SGB-II-Bedarfsgemeinschaft ({profil.anteil_text(zeile, katalog.indikator(INDIKATOR))}).")


def _beschreibung(tabelle: pd.DataFrame, achse: str) -> str:
    """Der Alternativtext einer Grafik: ihre Werte als Satz, je Gebiet."""
    saetze = [f"{name}: " + ", ".join(f"{x} {wert_text(w, s)}" for x, w, s in zip(t[achse], t["wert"], t["status"]))
              for name, t in tabelle.groupby("name", sort=False)]
    return ". ".join(saetze) or "keine Werte"


def _angebote_je_phase(angebote: pd.DataFrame, einrichtungen: pd.DataFrame, gemeinden: list[str],
                       flaeche=None) -> list[dict]:
    """Die Angebote der Gemeinden (und die kreisweiten) je Lebensphase; in einem Sozialraum die, die dort stattfinden
    (eigene Lage oder die ihrer Einrichtung), und die kreisweiten."""
    teil = angebote[angebote["gemeinde"].isin([*gemeinden, angebotskatalog.KREISWEIT])]
    if flaeche is not None:
        dort = sozialraeume.zuordnen(orte.lage(teil, einrichtungen), flaeche) != ""
        teil = teil[dort | (teil["gemeinde"] == angebotskatalog.KREISWEIT)]
    m = luecken.matrix(teil)
    return [{"phase": phase, "aktiv": int(t["anzahl"].sum()), "geplant": int(t["geplant"].sum()),
             "luecken": int(t["luecke"].sum())} for phase, t in m.groupby("lebensphase", sort=False)]
