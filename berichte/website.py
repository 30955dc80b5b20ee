"""Die statische Veröffentlichung: eine vollständige Website aus dem, was Leser sehen dürfen (fuer_leser), für jeden
Webserver oder jedes CDN und für beliebig viele Leser – ohne Skript, ohne Anfrage an Dritte, barrierefrei.

Inhalt: eine Übersicht, je Indikator und Jahr Rangliste, Karte (SVG vom Server, mit Namen und Links) und Tabelle,
ein Profil je Gemeinde, Gemeindeverband und Sozialraum (mit PDF), Methodik und Quellen, der Wegweiser als Liste, die
offenen Daten und kleine Seiten zum Einbetten jeder Karte und jedes Diagramms. Jede Veröffentlichung liegt in einem
eigenen Ordner ihres Datenstands (`datenstand-N/`); die Startseite des Ordners nennt alle. Zahlen und Sätze kommen
aus denselben Funktionen wie Seiten und Berichte; Text aus Daten wird maskiert (Jinja2, Markdown ohne HTML)."""

import json
import multiprocessing
import os
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import jinja2
import pandas as pd
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from angebote import katalog as angebotskatalog
from berichte import gemeindeprofil, sozialbericht, svg, svgdiagramme, svgkarte, vorkomprimieren
from berichte.daten import Berichtsdaten
from darstellung import methodik, offene_daten
from darstellung.maskierung import dateiname
from darstellung.tabellen import gebietstabelle, herkunft_text, nte_text, wert_text
from darstellung.wegweiser import angebot_markdown
from indikatoren.grundlagen import katalog, konfiguration, laender
from indikatoren.rechnen import auswertung
from indikatoren.rechnen.klassen import der_gemeinden

VORLAGEN = Path(__file__).parent / "vorlagen" / "website"
_UMGEBUNG = jinja2.Environment(loader=jinja2.FileSystemLoader(VORLAGEN), autoescape=True,
                               undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
_MARKDOWN = MarkdownIt("commonmark", {"html": False})  # HTML in Texten bleibt Text
_UMGEBUNG.filters["markdown"] = lambda text: Markup(_MARKDOWN.render(text))
ORDNERNAME = "datenstand-{}"


@dataclass
class _Bau:
    """Was beim Schreiben einer Veröffentlichung mitläuft: Daten, Zielordner, gemeinsame Angaben aller Seiten und die
    geschriebenen Dateien."""
    daten: Berichtsdaten
    ziel: Path
    gemeinsam: dict
    dateien: list[str] = field(default_factory=list)

    def schreiben(self, pfad: str, inhalt: str | bytes) -> None:
        datei = self.ziel / pfad
        datei.parent.mkdir(parents=True, exist_ok=True)
        datei.write_bytes(inhalt.encode("utf-8") if isinstance(inhalt, str) else inhalt)
        self.dateien.append(pfad)

    def seite(self, pfad: str, vorlage: str, **inhalt) -> None:
        wurzel = "../" * pfad.count("/")
        self.schreiben(pfad, _UMGEBUNG.get_template(vorlage).render(**self.gemeinsam, w=wurzel, pfad=pfad, **inhalt))


_BAU: _Bau | None = None  # in den Arbeitsprozessen geerbt (fork), nicht übertragen


def _erledigen(aufgabe: tuple) -> list[str]:
    """Eine Aufgabe (Seite mit Bildern und PDF) schreiben; gibt die geschriebenen Pfade zurück."""
    assert _BAU is not None
    bau = _Bau(_BAU.daten, _BAU.ziel, _BAU.gemeinsam)
    art, *angaben = aufgabe
    schreiber: dict[str, Callable[..., None]] = {
        "uebersicht": _uebersicht, "indikator": _indikatorseite, "profil": _profilseite, "methodik": _methodik,
        "wegweiser": _wegweiser, "daten": _offene_daten}
    schreiber[art](bau, *angaben)
    for pfad in bau.dateien:  # Caddy liefert .br und .gz, ohne je Besucher zu komprimieren
        vorkomprimieren.datei(bau.ziel / pfad)
    return bau.dateien


def bauen(daten: Berichtsdaten, ordner: Path, adresse: str | None = None, heute: date | None = None,
          fortschritt: Callable[[int, int, str], None] = lambda *_: None, arbeiter: int | None = None) -> Path:
    """Schreibt die Veröffentlichung des Datenstands nach ORDNER/datenstand-N/ (eine frühere desselben Stands wird
    erst ersetzt, wenn die neue ganz geschrieben ist) und erneuert ORDNER/index.html. `adresse`: wo ORDNER öffentlich
    liegt (für den DCAT-Katalog und absolute Links zum Einbetten). Die Seiten entstehen in `arbeiter` Prozessen
    (Vorgabe: einer je Kern; bench/website.py misst es). Gibt den Ordner der Veröffentlichung zurück."""
    global _BAU
    try:
        return _bauen(daten, ordner, adresse, heute or date.today(), fortschritt, arbeiter)
    finally:
        _BAU = None  # auch nach einem Fehler: der nächste Bau beginnt leer


def _bauen(daten: Berichtsdaten, ordner: Path, adresse: str | None, heute: date,
           fortschritt: Callable[[int, int, str], None], arbeiter: int | None) -> Path:
    global _BAU
    stand = daten.datenstand
    ordner.mkdir(parents=True, exist_ok=True)
    ziel = ordner / ORDNERNAME.format(stand.id)
    arbeit = ordner / f".{ziel.name}.neu"
    shutil.rmtree(arbeit, ignore_errors=True)
    gebiete, ergebnis = daten.gebiete, daten.ergebnis
    kontakte = laender.kontakte()
    jahre_je = {i: sorted(int(j) for j in t["jahr"].unique()) for i, t in ergebnis.groupby("indikator")}
    indikatoren = [i for i in katalog.INDIKATOREN if i.id in jahre_je]
    profile = [*gebiete.gemeinden.sort_values("name")["ags"], *gebiete.verbaende.sort_values("name")["ags"],
               *(daten.sozialraeume["id"] if daten.sozialraeume is not None else [])]
    veroeffentlicht = f"{adresse.rstrip('/')}/{ziel.name}/" if adresse else None
    _BAU = _Bau(daten, arbeit, {
        "kreis": gebiete.name(gebiete.kreis), "land": gebiete.name(gebiete.land),
        "herausgeber": kontakte.get("herausgeber", ""), "kontakt": kontakte.get("kontakt", ""), "stand": stand.id,
        "stand_text": f"Datenstand {stand.id} vom {stand.erstellt.astimezone():%d.%m.%Y}", "jahr": daten.jahr(None),
        "alle_jahre": sorted(ergebnis["jahr"].unique().tolist()), "indikatoren": indikatoren,
        "beispiel": bool((ergebnis["art"] == "beispiel").any()), "erstellt": f"{heute:%d.%m.%Y}",
        "heute": heute, "quellen": "; ".join([*dict.fromkeys(i.quelle for i in indikatoren),
                                              svgkarte.grenzen_quelle()]),
        "adresse": veroeffentlicht, "jahre_je": jahre_je,
    })
    # die längsten zuerst (Downloads, Profile mit PDF): so wartet am Ende kein Prozess auf einen anderen
    aufgaben = [("daten",), *(("profil", ags) for ags in profile), ("uebersicht",),
                *(("indikator", i.id, j) for i in indikatoren for j in jahre_je[i.id]), ("methodik",), ("wegweiser",)]
    start = time.monotonic()
    dateien: list[str] = []
    arbeiter = arbeiter or konfiguration.arbeiter() or os.cpu_count() or 1
    if arbeiter > 1 and "fork" in multiprocessing.get_all_start_methods():
        with ProcessPoolExecutor(arbeiter, mp_context=multiprocessing.get_context("fork")) as pool:
            laufend = {pool.submit(_erledigen, a): a for a in aufgaben}
            for n, fertig in enumerate(as_completed(laufend)):
                dateien += fertig.result()
                fortschritt(n + 1, len(aufgaben) + 1, _beschreibung(laufend[fertig], gebiete))
    else:
        for n, aufgabe in enumerate(aufgaben):
            dateien += _erledigen(aufgabe)
            fortschritt(n + 1, len(aufgaben) + 1, _beschreibung(aufgabe, gebiete))
    _BAU.dateien = dateien
    vorhanden = set(dateien)
    _BAU.seite("einbetten.html", "einbetten.html", titel="Karten und Diagramme einbetten",
               karten=[(katalog.indikator(a[1]).titel, a[2], f"{a[1]}-{a[2]}") for a in aufgaben
                       if a[0] == "indikator" and f"einbetten/{a[1]}-{a[2]}-karte.html" in vorhanden],
               verlaeufe=[(gebiete.name(a[1]), dateiname(a[1])) for a in aufgaben if a[0] == "profil"],
               beispiel_karte=f"kinderarmut-{daten.jahr(None)}")
    shutil.copyfile(VORLAGEN / "stil.css", arbeit / "stil.css")
    (arbeit / "stand.json").write_text(json.dumps({
        "datenstand": stand.id, "erstellt": f"{stand.erstellt.astimezone():%d.%m.%Y}",
        "jahre": _BAU.gemeinsam["alle_jahre"], "veroeffentlicht": f"{heute:%d.%m.%Y}", "kreis": _BAU.gemeinsam["kreis"],
        "beispiel": _BAU.gemeinsam["beispiel"]}, ensure_ascii=False), encoding="utf-8")
    for datei in ("einbetten.html", "stil.css"):
        vorkomprimieren.datei(arbeit / datei)
    alt = ordner / f".{ziel.name}.alt"
    shutil.rmtree(alt, ignore_errors=True)
    if ziel.exists():
        ziel.rename(alt)
    arbeit.rename(ziel)
    shutil.rmtree(alt, ignore_errors=True)
    startseite(ordner)
    fortschritt(len(aufgaben) + 1, len(aufgaben) + 1,
                f"fertig: {len(dateien) + 3} Dateien in {time.monotonic() - start:.1f} s")
    return ziel


def _beschreibung(aufgabe: tuple, gebiete) -> str:
    art, *angaben = aufgabe
    if art == "indikator":
        return f"{katalog.indikator(angaben[0]).titel} {angaben[1]}: Karte und Rangliste"
    if art == "profil":
        return f"Profil {gebiete.name(angaben[0])}"
    return {"uebersicht": "Übersicht", "methodik": "Methodik und Quellen", "wegweiser": "Wegweiser",
            "daten": "Offene Daten"}[art]


def _methodik(bau: _Bau) -> None:
    bau.seite("methodik.html", "methodik.html", titel="Methodik und Quellen",
              abschnitte=methodik.abschnitte(bau.daten.ergebnis, bau.daten.datenstand, "", statisch=True))


def _offene_daten(bau: _Bau) -> None:
    g, daten = bau.gemeinsam, bau.daten
    adresse = g["adresse"] and g["adresse"] + "daten/"
    for name, inhalt in offene_daten.dateien(daten.ergebnis, daten.datenstand.id, g["kreis"], daten.grenzen,
                                             g["herausgeber"], adresse, daten.gebiete.kreis, g["kontakt"],
                                             g["heute"]).items():
        bau.schreiben(f"daten/{name}", inhalt)


def startseite(ordner: Path) -> None:
    """ORDNER/index.html: alle Veröffentlichungen, die jüngste zuerst (aus den stand.json der Unterordner)."""
    staende = []
    for datei in ordner.glob("datenstand-*/stand.json"):
        angaben = json.loads(datei.read_text(encoding="utf-8"))
        staende.append({**angaben, "ordner": datei.parent.name})
    staende.sort(key=lambda s: s["datenstand"], reverse=True)
    kreis = staende[0]["kreis"] if staende else ""
    text = _UMGEBUNG.get_template("start.html").render(staende=staende, kreis=kreis, w="")
    (ordner / "index.html").write_text(text, encoding="utf-8")
    if staende:
        shutil.copyfile(VORLAGEN / "stil.css", ordner / "stil.css")


def _uebersicht(bau: _Bau) -> None:
    daten, jahr, indikatoren, jahre_je = bau.daten, bau.gemeinsam["jahr"], bau.gemeinsam["indikatoren"], \
        bau.gemeinsam["jahre_je"]
    gebiete, ergebnis = daten.gebiete, daten.ergebnis
    kinderarmut = katalog.indikator("kinderarmut")
    kreis = bau.gemeinsam["kreis"]
    gemeinden = gebiete.gemeinden.sort_values("name")
    zeilen = [{"name": name, "link": _profilpfad(ags), "werte": [sozialbericht.wert(ergebnis, i.id, jahr, ags)
                                                                 for i in indikatoren]}
              for ags, name in zip(gemeinden["ags"], gemeinden["name"])]
    verbaende = [{"name": name, "link": _profilpfad(ags), "werte": [sozialbericht.wert(ergebnis, i.id, jahr, ags)
                                                                    for i in indikatoren]}
                 for ags, name in zip(gebiete.verbaende["ags"], gebiete.verbaende["name"])]
    raeume = [] if daten.sozialraeume is None else [
        {"name": f"{name} ({gebiete.name(gemeinde)})", "link": _profilpfad(id)}
        for id, name, gemeinde in zip(daten.sozialraeume["id"], daten.sozialraeume["name"],
                                      daten.sozialraeume["gemeinde"])]
    bau.seite("index.html", "uebersicht.html", titel=f"Übersicht {jahr}",
              kernsatz=sozialbericht.kernsatz(auswertung.zeile(ergebnis, kinderarmut.id, jahr, gebiete.kreis), kreis,
                                              jahr, kinderarmut),
              ueberblick=[{**sozialbericht.ueberblick(ergebnis, gebiete, i, jahr), "link": _indikatorpfad(i.id, jahr)}
                          for i in indikatoren if (ergebnis[ergebnis["jahr"] == jahr]["indikator"] == i.id).any()],
              spalten=[i.kurz for i in indikatoren], gemeinden=zeilen, verbaende=verbaende,
              kreiszeile=[sozialbericht.wert(ergebnis, i.id, jahr, gebiete.kreis) for i in indikatoren],
              sozialraeume=raeume,
              jahre=[{"titel": i.titel, "links": [(j, _indikatorpfad(i.id, j)) for j in jahre_je[i.id]]}
                     for i in indikatoren],
              herkunft=herkunft_text(ergebnis[(ergebnis["jahr"] == jahr) & (ergebnis["indikator"] == kinderarmut.id)]))


def _indikatorseite(bau: _Bau, indikator: str, jahr: int) -> None:
    daten, ind = bau.daten, katalog.indikator(indikator)
    gebiete, ergebnis = daten.gebiete, daten.ergebnis
    teil = ergebnis[(ergebnis["indikator"] == ind.id) & (ergebnis["jahr"] == jahr)]
    if teil.empty:
        return
    kreis = bau.gemeinsam["kreis"]
    fussnote = (f"{ind.titel} {jahr}. {herkunft_text(teil)}. {svgkarte.grenzen_quelle()}. "
                f"{bau.gemeinsam['stand_text']}.")
    klassen = der_gemeinden(ergebnis, ind.id, jahr)
    titel = f"{ind.titel} {jahr} je Gemeinde im {kreis}"
    karte = svgkarte.karte(daten.grenzen, teil[teil["ebene"] == "gemeinde"], klassen, titel, fussnote,
                           link=lambda ags: "../" + _profilpfad(ags))
    rang = auswertung.rangliste(ergebnis, ind.id, jahr)
    kreiszeile = auswertung.zeile(ergebnis, ind.id, jahr, gebiete.kreis)
    kreis_wert = None if kreiszeile is None or kreiszeile["status"] != "ok" else kreiszeile["wert"]
    rangliste = svgdiagramme.rangliste(rang, kreis_wert, kreis, groesse="seite", fussnote=fussnote)
    name = f"{ind.id}-{jahr}"
    bau.schreiben(f"einbetten/{name}-karte.svg", karte)
    bau.schreiben(f"einbetten/{name}-rangliste.svg", rangliste)
    rangliste_alt = f"Rangliste {ind.titel} {jahr}: " + "; ".join(
        f"{z.name} {wert_text(z.wert, z.status)}" for z in rang.itertuples())
    breite, hoehe = svg.pixelgroesse(rangliste)
    karte_alt = f"Karte: {titel}. Die Werte stehen in der Tabelle."
    for art, alt, groesse in (("karte", karte_alt, None), ("rangliste", rangliste_alt, (breite, hoehe))):
        bau.seite(f"einbetten/{name}-{art}.html", "einbettung.html", titel=f"{ind.titel} {jahr}",
                  bild=f"{name}-{art}.svg", alt=alt, groesse=groesse, seite="../" + _indikatorpfad(ind.id, jahr))
    tabelle = pd.concat([gebietstabelle(teil, ind, jahr, ebenen=(e,))
                         for e in ("gemeinde", "samtgemeinde", "kreis")], ignore_index=True)
    links = {n: "../" + _profilpfad(a) for a, n in zip(teil["ags"], teil["name"]) if a != gebiete.kreis}
    summen = teil.loc[teil["ebene"] != "gemeinde", "name"].tolist()
    bau.seite(_indikatorpfad(ind.id, jahr), "indikator.html", ind=ind, titel=f"{ind.titel} {jahr}", j=jahr,
              karte=Markup(karte.replace('role="img"', f'role="group" aria-label="{escape(titel)}"', 1)),  # mit Links
              klassen=" · ".join(klassen.beschriftungen()) if klassen else "keine Werte",
              rangliste=f"../einbetten/{name}-rangliste.svg", rangliste_alt=rangliste_alt, breite=breite,
              hoehe=hoehe, kopf=list(tabelle.columns), zeilen=tabelle.values.tolist(), links=links, summen=summen,
              kreiswert="–" if kreiszeile is None else wert_text(kreiszeile["wert"], kreiszeile["status"]),
              nte="" if kreiszeile is None else nte_text(kreiszeile["wert"], kreiszeile["status"], ind),
              herkunft=herkunft_text(teil), einbetten=f"../einbetten/{name}",
              jahre=[(j, "../" + _indikatorpfad(ind.id, j)) for j in bau.gemeinsam["jahre_je"][ind.id]])


def _profilseite(bau: _Bau, ags: str) -> None:
    daten, jahr = bau.daten, bau.gemeinsam["jahr"]
    gebiete = daten.gebiete
    p = gemeindeprofil.inhalt(daten, jahr, ags)
    pfad = _profilpfad(ags)
    stamm = pfad.removesuffix(".html")
    bilder = {}
    for teil in ("verlauf", "altersgruppen"):
        if p[teil]:
            bau.schreiben(f"{stamm}-{teil}.svg", svg.als_text(p[teil]))
            bilder[teil] = {"src": f"{Path(stamm).name}-{teil}.svg", "groesse": svg.pixelgroesse(p[teil])}
    bau.schreiben(f"{stamm}.pdf", gemeindeprofil.seiten(daten, jahr, [p]))
    reihe = auswertung.zeitreihe(daten.ergebnis, gemeindeprofil.INDIKATOR, [ags, gebiete.kreis])
    fussnote = (f"{katalog.indikator(gemeindeprofil.INDIKATOR).titel}: {p['name']} und {bau.gemeinsam['kreis']}. "
                f"{p['herkunft']}. {bau.gemeinsam['stand_text']}.")
    name = Path(stamm).name
    bau.schreiben(f"einbetten/{name}-verlauf.svg", svgdiagramme.verlauf(reihe, fussnote))
    bau.seite(f"einbetten/{name}-verlauf.html", "einbettung.html", titel=f"Verlauf {p['name']}",
              bild=f"{name}-verlauf.svg", alt=p["verlauf_alt"], groesse=None, seite="../" + pfad)
    verwandte = []
    if p["art"] == "Gemeinde":
        verband = next((v for v in gebiete.verbaende["ags"] if ags in set(gebiete.mitglieder(v)["ags"])), None)
        verwandte += [(f"gehört zu {gebiete.name(verband)}", _profilpfad(verband))] if verband else []
        verwandte += [(f"Sozialraum {n}", _profilpfad(i)) for i, n in
                      zip(gebiete.sozialraeume_von(ags)["id"], gebiete.sozialraeume_von(ags)["name"])]
    elif p["art"] == "Gemeindeverband":
        mitglieder = gebiete.mitglieder(ags).sort_values("name")
        verwandte += [(f"Gemeinde {n}", _profilpfad(a)) for a, n in zip(mitglieder["ags"], mitglieder["name"])]
    else:
        gemeinde = gebiete.gemeinde_von(ags) or ags
        verwandte.append((f"Gemeinde {gebiete.name(gemeinde)}", _profilpfad(gemeinde)))
    bau.seite(pfad, "profil.html", p=p, bilder=bilder, pdf=f"{Path(stamm).name}.pdf",
              verwandte=[(t, "../" + z) for t, z in verwandte], felder=len(angebotskatalog.HANDLUNGSFELDER),
              einbetten=f"../einbetten/{name}-verlauf.html", titel=p["titel"])


def _wegweiser(bau: _Bau) -> None:
    """Alle Angebote, die Leser sehen (nicht beendet), nach Ort: erst die kreisweiten, dann je Gemeinde."""
    gebiete = bau.daten.gebiete
    angebote = bau.daten.angebote
    angebote = angebote[angebote["status"] != "beendet"]
    namen = dict(zip(gebiete.gemeinden["ags"], gebiete.gemeinden["name"]))
    gruppen = []
    for ort in [angebotskatalog.KREISWEIT, *sorted(set(angebote["gemeinde"]) - {angebotskatalog.KREISWEIT},
                                                 key=lambda a: namen.get(a, a))]:
        teil = angebote[angebote["gemeinde"] == ort].sort_values("titel")
        if len(teil):
            gruppen.append({"titel": "Im ganzen Kreis" if ort == angebotskatalog.KREISWEIT else namen.get(ort, ort),
                            "anker": f"ort-{ort}",
                            "angebote": [angebot_markdown(a, namen) for a in teil.to_dict("records")]})
    bau.seite("wegweiser.html", "wegweiser.html", titel="Angebote finden", gruppen=gruppen, anzahl=len(angebote))


def _profilpfad(ags: str) -> str:
    """Kennungen von Sozialräumen kommen aus einer Datei: im Dateinamen nur Buchstaben, Ziffern, _ und -."""
    return f"gebiet/{dateiname(ags)}.html"


def _indikatorpfad(indikator: str, jahr: int) -> str:
    return f"indikator/{indikator}-{jahr}.html"

