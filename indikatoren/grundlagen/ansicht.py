"""Die Ansicht, die ein Link festhält: Indikator, Jahr, Gemeinde, Klassenmethode, Präsentationsmodus, die
Gemeinden des Zeitvergleichs und die Filter der Angebotssuche.

Query-Parameter wie im README, Abschnitt „Seiten“ (`indikator`, `jahr`, `gemeinde`, `gemeinden`, `kreis`, `klassen`,
`praesentation`, dazu `grenzen` für eigene Klassengrenzen). Ein Wert, den es nicht (mehr) gibt, wird durch den
nächsten sinnvollen ersetzt (ein Jahr durch das nächstgelegene), und ersetzungen() sagt, was ersetzt wurde: ein
alter Link öffnet so eine sinnvolle Seite, ohne still etwas anderes zu zeigen.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from indikatoren.grundlagen.zahlenformat import ist_ganzzahl, lies_dezimal

HOECHSTE_GRENZEN = 6  # sieben Klassen sind das Höchste, das die Palette kennt
HOECHSTE_SUCHTEXTLAENGE = 100

KLASSENMETHODEN = {
    "natuerlich": "Natürliche Unterbrechungen (Jenks)",
    "quantile": "Quantile (gleich viele Gemeinden je Klasse)",
    "gleich": "Gleiche Abstände",
    "eigene": "Eigene Grenzen",
}


@dataclass(frozen=True)
class Ansicht:
    indikator: str
    jahr: int
    gemeinde: str | None = None
    verband: str | None = None  # Profil eines Gemeindeverbands (Samtgemeinde); geht im Profil der Gemeinde vor
    sozialraum: str | None = None  # Profil eines Sozialraums der gewählten Gemeinde
    ebene: str = "gemeinde"  # Karte: „sozialraum“ zeigt die Sozialräume der gewählten Gemeinde
    gemeinden: tuple[str, ...] = ()  # Zeitvergleich; leer: die Vorgabe der Seite
    kreis: bool = True  # Zeitvergleich: Kreislinie zeigen
    klassen: str = "natuerlich"
    grenzen: tuple[float, ...] = ()
    praesentation: bool = False
    lebensphase: str | None = None  # Filter der Seite „Angebote finden“
    handlungsfeld: str | None = None
    q: str = ""  # freier Suchtext
    bedarf: str | None = None  # „Was suchen Sie?“ (Kennung)
    alter: int | None = None  # Alter des Kindes in Monaten, negativ: Schwangerschaft
    von: str | None = None  # Ausgangspunkt der Entfernung: AGS oder Kennung einer Einrichtung (nie eine Adresse)
    lang: str = "de"  # Sprache des Wegweisers

    def mit(self, **aenderungen) -> "Ansicht":
        return replace(self, **aenderungen)


def aus_parametern(parameter: Mapping[str, str], indikatoren: Sequence[str], jahre: Sequence[int],
                   gemeinden: Sequence[str], lebensphasen: Sequence[str] = (),
                   handlungsfelder: Sequence[str] = (), sozialraeume: Mapping[str, str] | None = None,
                   bedarfe: Sequence[str] = (), sprachen: Sequence[str] = ("de",), verbaende: Sequence[str] = ()
                   ) -> Ansicht:
    """Liest die Ansicht aus Query-Parametern; Vorgabe: erster Indikator, jüngstes Jahr, keine Gemeinde, kein
    Filter. Der Suchtext bleibt Text (höchstens HOECHSTE_SUCHTEXTLAENGE Zeichen, ohne Steuerzeichen).
    `sozialraeume`: Kennung -> Gemeinde; ein Sozialraum gilt nur mit seiner Gemeinde."""
    indikator = parameter.get("indikator", "")
    jahr = parameter.get("jahr", "")
    gemeinde = parameter.get("gemeinde")
    gemeinde = gemeinde if gemeinde in gemeinden else None
    sozialraeume = sozialraeume or {}
    sozialraum = parameter.get("sozialraum", "")
    klassen = parameter.get("klassen")
    return Ansicht(
        indikator=indikator if indikator in indikatoren else indikatoren[0],
        jahr=_naechstes_jahr(jahr, jahre),
        gemeinde=gemeinde,
        verband=parameter.get("verband") if parameter.get("verband") in verbaende else None,
        sozialraum=sozialraum if gemeinde and sozialraeume.get(sozialraum) == gemeinde else None,
        ebene="sozialraum" if parameter.get("ebene") == "sozialraum" and gemeinde in sozialraeume.values()
        else "gemeinde",
        gemeinden=tuple(dict.fromkeys(a for a in _liste(parameter.get("gemeinden", "")) if a in gemeinden)),
        kreis=parameter.get("kreis") != "0",
        klassen=klassen if klassen in KLASSENMETHODEN else "natuerlich",
        grenzen=_grenzen(parameter.get("grenzen", "")),
        praesentation=parameter.get("praesentation") == "1",
        lebensphase=parameter.get("lebensphase") if parameter.get("lebensphase") in lebensphasen else None,
        handlungsfeld=parameter.get("handlungsfeld") if parameter.get("handlungsfeld") in handlungsfelder else None,
        q="".join(z for z in parameter.get("q", "")[:1000] if z.isprintable())[:HOECHSTE_SUCHTEXTLAENGE].strip(),
        bedarf=parameter.get("bedarf") if parameter.get("bedarf") in bedarfe else None,
        alter=_alter(parameter.get("alter", "")),
        von=von if re.fullmatch(r"[0-9A-Za-z_-]{1,20}", von := parameter.get("von", "")) else None,
        lang=lang if (lang := parameter.get("lang", "")) in sprachen else sprachen[0],
    )


def als_parameter(ansicht: Ansicht) -> dict[str, str]:
    """Nur, was von der Vorgabe abweicht oder eine Seite braucht; immer in derselben Reihenfolge."""
    parameter = {"indikator": ansicht.indikator, "jahr": str(ansicht.jahr)}
    if ansicht.gemeinde:
        parameter["gemeinde"] = ansicht.gemeinde
    if ansicht.verband:
        parameter["verband"] = ansicht.verband
    if ansicht.sozialraum:
        parameter["sozialraum"] = ansicht.sozialraum
    if ansicht.ebene != "gemeinde":
        parameter["ebene"] = ansicht.ebene
    if ansicht.gemeinden:
        parameter["gemeinden"] = ",".join(ansicht.gemeinden)
    if not ansicht.kreis:
        parameter["kreis"] = "0"
    if ansicht.klassen != "natuerlich":
        parameter["klassen"] = ansicht.klassen
    if ansicht.klassen == "eigene" and ansicht.grenzen:
        parameter["grenzen"] = ",".join(f"{g:g}" for g in ansicht.grenzen)
    if ansicht.praesentation:
        parameter["praesentation"] = "1"
    for feld in ("lebensphase", "handlungsfeld", "q", "bedarf", "von"):
        if getattr(ansicht, feld):
            parameter[feld] = getattr(ansicht, feld)
    if ansicht.alter is not None:
        parameter["alter"] = alter_im_link(ansicht.alter)
    if ansicht.lang != "de":
        parameter["lang"] = ansicht.lang
    return parameter


def alter_im_link(monate: int) -> str:
    """„2“ (Jahre), „18m“ (Monate) oder „schwanger“."""
    return "schwanger" if monate < 0 else str(monate // 12) if monate % 12 == 0 else f"{monate}m"


def _alter(text: str) -> int | None:
    if text == "schwanger":
        return -9
    treffer = re.fullmatch(r"(\d{1,3})(m?)", text[:5])
    if not treffer:
        return None
    monate = int(treffer.group(1)) * (1 if treffer.group(2) else 12)
    return monate if monate <= 27 * 12 else None


def ersetzungen(parameter: Mapping[str, str], ansicht: Ansicht, namen: Mapping[str, str],
                titel: Mapping[str, str]) -> list[str]:
    """Was ein Link verlangte und es nicht (mehr) gibt, mit dem, was stattdessen gezeigt wird – als deutsche Sätze
    für einen Hinweis über der Seite. `namen`: AGS -> Name, `titel`: Indikator -> Titel."""
    saetze = []
    if (i := parameter.get("indikator")) and i != ansicht.indikator:
        saetze.append(f"Den Indikator „{i[:40]}“ gibt es nicht; gezeigt wird {titel.get(ansicht.indikator)}.")
    if (j := parameter.get("jahr")) and j != str(ansicht.jahr):
        saetze.append(f"Das Jahr {j[:10]} ist im aktuellen Datenstand nicht enthalten; gezeigt wird {ansicht.jahr}.")
    if (g := parameter.get("gemeinde")) and g != ansicht.gemeinde:
        saetze.append(f"Die Gemeinde {g[:20]} gibt es im Gemeindeverzeichnis nicht (mehr); sie wurde nicht gezeigt.")
    if (s := parameter.get("sozialraum")) and s != ansicht.sozialraum:
        saetze.append(f"Den Sozialraum {s[:20]} gibt es in dieser Gemeinde nicht (mehr); gezeigt wird die Gemeinde.")
    unbekannt = [a[:20] for a in _liste(parameter.get("gemeinden", "")) if a not in namen]
    if unbekannt:
        saetze.append(f"Unbekannte Gemeinden im Link weggelassen: {', '.join(unbekannt[:5])}.")
    if (k := parameter.get("klassen")) and k != ansicht.klassen:
        saetze.append(f"Die Klasseneinteilung „{k[:20]}“ gibt es nicht; gezeigt wird "
                      f"„{KLASSENMETHODEN[ansicht.klassen]}“.")
    return saetze


def _naechstes_jahr(text: str, jahre: Sequence[int]) -> int:
    """Das verlangte Jahr, sonst das nächstgelegene vorhandene (bei Gleichstand das jüngere); ohne Angabe das
    jüngste."""
    if not ist_ganzzahl(text):
        return max(jahre)
    return min(jahre, key=lambda j: (abs(j - int(text)), -j))


def _liste(text: str) -> list[str]:
    return [t.strip() for t in text[:2000].split(",") if t.strip()][:50]


def _grenzen(text: str) -> tuple[float, ...]:
    """„5,10,15“ oder „5;10;15“ -> (5.0, 10.0, 15.0); Unlesbares („inf“, „²“) wird übergangen, mehr als
    HOECHSTE_GRENZEN auch."""
    werte = {w for teil in text[:200].replace(";", ",").split(",") if (w := lies_dezimal(teil)) is not None}
    return tuple(sorted(werte))[:HOECHSTE_GRENZEN]
