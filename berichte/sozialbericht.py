"""Sozialbericht für den Kreis (Runder Tisch Kinderarmut), mehrere Seiten: Überblick in Zahlen, je Indikator Karte
und Rangliste, der Kreis neben Land und Bund, alle Gemeinden in einer Tabelle, die Präventionskette, Definitionen,
Stichtage und Quellen. Alles aus dem, was Leser sehen dürfen."""

from collections.abc import Callable
from datetime import date

from berichte import drucken, grafik, svg, svgdiagramme, svgkarte
from berichte.daten import Berichtsdaten
from berichte.drucken import untrennbar
from darstellung import praeventionskette
from darstellung.tabellen import herkunft_text, monat_text, nte_text, pp_text, wert_text
from indikatoren.grundlagen import katalog, laender, vergleichswerte
from indikatoren.rechnen import auswertung
from indikatoren.rechnen.berechnung import Status
from indikatoren.rechnen.klassen import der_gemeinden

GEHEIMHALTUNG = ("Kleine Zahlen (1 und 2) werden nicht gezeigt, ebenso jede Zahl, aus der sie sich durch Differenz "
                 "errechnen ließen („nicht ausweisbar“).")


def pdf(daten: Berichtsdaten, jahr: int, heute: date | None = None,
        fortschritt: Callable[[int, int, str], None] = lambda *_: None) -> bytes:
    gebiete, ergebnis = daten.gebiete, daten.ergebnis
    indikatoren = [i for i in katalog.INDIKATOREN
                   if not ergebnis[(ergebnis["indikator"] == i.id) & (ergebnis["jahr"] == jahr)].empty]
    kapitel = []
    for n, ind in enumerate(indikatoren):
        fortschritt(n, len(indikatoren) + 1, f"{ind.titel}: Karte und Rangliste")
        kapitel.append(_kapitel(daten, ind, jahr))
    fortschritt(len(indikatoren), len(indikatoren) + 1, "Seiten setzen")
    kreis = gebiete.name(gebiete.kreis)
    ind = katalog.indikator("kinderarmut")
    kinderarmut = auswertung.zeile(ergebnis, ind.id, jahr, gebiete.kreis)
    gemeinden = gebiete.gemeinden.sort_values("name")
    return drucken.pdf(
        "sozialbericht.html", titel=f"Sozialbericht {kreis} {jahr}", kreis=kreis, jahr=jahr,
        herausgeber=laender.kontakte().get("herausgeber", ""),
        stand=f"Datenstand {daten.datenstand.id} vom {daten.datenstand.erstellt.astimezone():%d.%m.%Y}",
        herkunft=herkunft_text(ergebnis[(ergebnis["jahr"] == jahr) & (ergebnis["indikator"] == ind.id)]),
        beispiel=bool((ergebnis[ergebnis["jahr"] == jahr]["art"] == "beispiel").any()),
        erstellt=f"{(heute or date.today()):%d.%m.%Y}",
        quellen="; ".join([*dict.fromkeys(i.quelle for i in indikatoren), svgkarte.grenzen_quelle()]),
        kernsatz=kernsatz(kinderarmut, kreis, jahr, ind),
        ueberblick=[ueberblick(ergebnis, gebiete, i, jahr) for i in indikatoren],
        kapitel=kapitel,
        verlauf=grafik.kreisverlauf(auswertung.zeitreihe(ergebnis, ind.id, [gebiete.kreis]),
                                    vergleichswerte.fuer(ind.id).sort_values("stichtag")),
        verlauf_alt=_verlauf_text(ergebnis, gebiete, ind),
        alle_spalten=["Gemeinde", *[i.kurz for i in indikatoren]],
        alle=[[name, *[wert(ergebnis, i.id, jahr, ags) for i in indikatoren]]
              for ags, name in zip(gemeinden["ags"], gemeinden["name"])]
        + [[kreis, *[wert(ergebnis, i.id, jahr, gebiete.kreis) for i in indikatoren]]],
        kette=praeventionskette.kreisansicht(daten.angebote, ergebnis, gemeinden, jahr).drop(columns="AGS"),
        definitionen=[{"titel": i.titel, "definition": i.definition, "zaehler": i.zaehler_text,
                       "nenner": i.nenner_text, "quelle": i.quelle, "hinweise": " ".join(i.hinweise)}
                      for i in indikatoren],
        geheimhaltung=GEHEIMHALTUNG)


def wert(ergebnis, indikator: str, jahr: int, ags: str) -> str:
    z = auswertung.zeile(ergebnis, indikator, jahr, ags)
    return "–" if z is None else untrennbar(wert_text(z["wert"], z["status"]))


def kernsatz(zeile, kreis: str, jahr: int, ind) -> str:
    if zeile is None or zeile["status"] != Status.OK:
        return f"Für {jahr} ist der {ind.titel} im {kreis} nicht ausweisbar."
    nte = nte_text(zeile["wert"], zeile["status"], ind)
    return (f"Im {kreis} lebten im Dezember {jahr} {wert_text(zeile['wert'], 'ok')} der Kinder unter 15 Jahren in "
            f"einer SGB-II-Bedarfsgemeinschaft – {nte}.")


def ueberblick(ergebnis, gebiete, ind, jahr: int) -> dict:
    mit = auswertung.rangliste(ergebnis, ind.id, jahr).query("status == 'ok'")
    vergleich = {v.ags: f"{untrennbar(wert_text(v.wert, 'ok'))} ({monat_text(v.stichtag)})"
                 for v in vergleichswerte.passend(ind.id, jahr).itertuples()}

    def gemeinde(z) -> str:
        return f"{z['name']} ({untrennbar(wert_text(z['wert'], 'ok'))})"
    return {"titel": ind.titel, "kreis": wert(ergebnis, ind.id, jahr, gebiete.kreis),
            "vorjahr": untrennbar(pp_text(auswertung.veraenderung(ergebnis, ind.id, jahr, gebiete.kreis))),
            "land": vergleich.get(gebiete.land, "–"), "bund": vergleich.get("DG", "–"),
            "hoechster": "–" if mit.empty else gemeinde(mit.iloc[0]),
            "niedrigster": "–" if mit.empty else gemeinde(mit.iloc[-1])}


def _kapitel(daten: Berichtsdaten, ind, jahr: int) -> dict:
    ergebnis, gebiete = daten.ergebnis, daten.gebiete
    teil = ergebnis[(ergebnis["indikator"] == ind.id) & (ergebnis["jahr"] == jahr) & (ergebnis["ebene"] == "gemeinde")]
    klassen = der_gemeinden(ergebnis, ind.id, jahr)
    rang = auswertung.rangliste(ergebnis, ind.id, jahr)
    kreis = auswertung.zeile(ergebnis, ind.id, jahr, gebiete.kreis)
    kreis_wert = None if kreis is None or kreis["status"] != Status.OK else kreis["wert"]
    return {"titel": ind.titel, "definition": ind.definition,
            "karte": grafik.choropleth(daten.grenzen, teil[["ags", "wert", "status"]], klassen),
            "karte_alt": f"Karte: {ind.titel} {jahr} je Gemeinde in Klassen "
                         + (", ".join(klassen.beschriftungen()) if klassen else "") + ".",
            "rangliste": svg.datenadresse(svgdiagramme.rangliste(rang, kreis_wert, gebiete.name(gebiete.kreis))),
            "rangliste_alt": "Rangliste: " + "; ".join(
                f"{z.name} {wert_text(z.wert, z.status)}" for z in rang.itertuples()),
            "klassen": "Klassen nach natürlichen Brüchen (Jenks): "
                       + (" · ".join(klassen.beschriftungen()) if klassen else "keine Werte")
                       + " · grau: nicht ausweisbar · weiß: keine Daten."}


def _verlauf_text(ergebnis, gebiete, ind) -> str:
    reihe = auswertung.zeitreihe(ergebnis, ind.id, [gebiete.kreis])
    teile = [f"{z.jahr}: {wert_text(z.wert, z.status)}" for z in reihe.itertuples()]
    vergleich = [f"{v.gebiet} {monat_text(v.stichtag)}: {wert_text(v.wert, 'ok')}"
                 for v in vergleichswerte.fuer(ind.id).sort_values("stichtag").itertuples()]
    return f"{ind.titel} im {gebiete.name(gebiete.kreis)}, " + ", ".join(teile) + ". Veröffentlicht: " + \
        "; ".join(vergleich) + "."

