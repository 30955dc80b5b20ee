"""Die Ansicht, die ein Link festhält: Indikator, Jahr, Gemeinde, Klassenmethode, Präsentationsmodus.

Query-Parameter wie im README, Abschnitt „Seiten“ (`indikator`, `jahr`, `gemeinde`, `klassen`, `praesentation`, dazu
`grenzen` für eigene Klassengrenzen). Ungültige Werte fallen still auf die Vorgabe zurück: ein alter oder
abgeschnittener Link öffnet so immer noch eine sinnvolle Seite.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from indikatoren.zahlenformat import ist_ganzzahl, lies_dezimal

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
    klassen: str = "natuerlich"
    grenzen: tuple[float, ...] = ()
    praesentation: bool = False
    lebensphase: str | None = None  # Filter der Seite „Angebote finden“
    handlungsfeld: str | None = None
    q: str = ""  # freier Suchtext

    def mit(self, **aenderungen) -> "Ansicht":
        return replace(self, **aenderungen)


def aus_parametern(parameter: Mapping[str, str], indikatoren: Sequence[str], jahre: Sequence[int],
                   gemeinden: Sequence[str], lebensphasen: Sequence[str] = (),
                   handlungsfelder: Sequence[str] = ()) -> Ansicht:
    """Liest die Ansicht aus Query-Parametern; Vorgabe: erster Indikator, jüngstes Jahr, keine Gemeinde, kein
    Filter. Der Suchtext bleibt Text (höchstens HOECHSTE_SUCHTEXTLAENGE Zeichen, ohne Steuerzeichen)."""
    indikator = parameter.get("indikator")
    jahr = parameter.get("jahr", "")
    gemeinde = parameter.get("gemeinde")
    klassen = parameter.get("klassen")
    return Ansicht(
        indikator=indikator if indikator in indikatoren else indikatoren[0],
        jahr=int(jahr) if ist_ganzzahl(jahr) and int(jahr) in jahre else max(jahre),
        gemeinde=gemeinde if gemeinde in gemeinden else None,
        klassen=klassen if klassen in KLASSENMETHODEN else "natuerlich",
        grenzen=_grenzen(parameter.get("grenzen", "")),
        praesentation=parameter.get("praesentation") == "1",
        lebensphase=parameter.get("lebensphase") if parameter.get("lebensphase") in lebensphasen else None,
        handlungsfeld=parameter.get("handlungsfeld") if parameter.get("handlungsfeld") in handlungsfelder else None,
        q="".join(z for z in parameter.get("q", "")[:1000] if z.isprintable())[:HOECHSTE_SUCHTEXTLAENGE].strip(),
    )


def als_parameter(ansicht: Ansicht) -> dict[str, str]:
    """Nur, was von der Vorgabe abweicht oder eine Seite braucht; immer in derselben Reihenfolge."""
    parameter = {"indikator": ansicht.indikator, "jahr": str(ansicht.jahr)}
    if ansicht.gemeinde:
        parameter["gemeinde"] = ansicht.gemeinde
    if ansicht.klassen != "natuerlich":
        parameter["klassen"] = ansicht.klassen
    if ansicht.klassen == "eigene" and ansicht.grenzen:
        parameter["grenzen"] = ",".join(f"{g:g}" for g in ansicht.grenzen)
    if ansicht.praesentation:
        parameter["praesentation"] = "1"
    for feld in ("lebensphase", "handlungsfeld", "q"):
        if getattr(ansicht, feld):
            parameter[feld] = getattr(ansicht, feld)
    return parameter


def _grenzen(text: str) -> tuple[float, ...]:
    """„5,10,15“ oder „5;10;15“ -> (5.0, 10.0, 15.0); Unlesbares („inf“, „²“) wird übergangen, mehr als
    HOECHSTE_GRENZEN auch."""
    werte = {w for teil in text[:200].replace(";", ",").split(",") if (w := lies_dezimal(teil)) is not None}
    return tuple(sorted(werte))[:HOECHSTE_GRENZEN]
