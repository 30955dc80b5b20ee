"""Der Indikatorenkatalog: Titel, Zähler, Nenner, Definition, Quelle und Hinweise jedes Indikators.

Alle Seiten, Exporte und die Methodik lesen ihre Texte von hier; nirgends sonst werden sie geschrieben.
"""

from dataclasses import dataclass

from indikatoren.grundlagen import laender

QUELLE_BA = "Statistik der Bundesagentur für Arbeit, Grundsicherung für Arbeitsuchende (SGB II)"

HINWEIS_KOL = ("Seit der Revision 2016 zählen Kinder ohne eigenen Leistungsanspruch (KOL) nicht zu den NEF; "
               "der Indikator unterschätzt daher die Zahl der Kinder, die in SGB-II-Haushalten leben.")
HINWEIS_WARTEZEIT = ("Die jüngsten Monate rechnet die Bundesagentur für Arbeit hoch; belastbare Zahlen gibt es "
                     "erst nach einer Wartezeit von 3 Monaten.")
HINWEIS_BEZUG = ("Für den jüngsten Zeitraum bezieht die Bundesagentur für Arbeit die Quote auf die "
                 "Bevölkerung am 31.12. des Vorjahres.")
NEF_DEFINITION = ("NEF (nicht erwerbsfähige Leistungsberechtigte) sind Mitglieder einer Bedarfsgemeinschaft, "
                  "die noch nicht erwerbsfähig sind (unter 15 Jahren) oder nicht 3 Stunden täglich arbeiten "
                  "können. Seit 2023 erhalten sie Bürgergeld, vorher Sozialgeld.")


@dataclass(frozen=True)
class Indikator:
    id: str
    titel: str
    kurz: str
    zaehler: str
    nenner: str
    definition: str
    zaehler_text: str
    nenner_text: str
    jedes_nte_kind: bool
    hinweise: tuple[str, ...]
    einheit: str = "%"

    @property
    def quelle(self) -> str:
        """SGB II von der Bundesagentur, die Bevölkerung vom statistischen Amt des Landes, in dem der Kreis liegt."""
        return f"{QUELLE_BA}; Bevölkerung: {laender.eigenes().statistikamt}"

    @property
    def spalten(self) -> tuple[str, str]:
        return self.zaehler, self.nenner


def _nef_quote(id, titel, kurz, alter, zaehler, nenner):
    return Indikator(
        id=id, titel=titel, kurz=kurz, zaehler=zaehler, nenner=nenner,
        definition=(f"Anteil der nicht erwerbsfähigen Leistungsberechtigten {alter} in "
                    f"SGB-II-Bedarfsgemeinschaften an allen Kindern {alter}, in Prozent. " + NEF_DEFINITION),
        zaehler_text=f"NEF {alter} in SGB-II-Bedarfsgemeinschaften",
        nenner_text=f"Bevölkerung {alter}",
        jedes_nte_kind=True,
        hinweise=(HINWEIS_KOL, HINWEIS_WARTEZEIT, HINWEIS_BEZUG),
    )


INDIKATOREN = (
    _nef_quote("kinderarmut", "Kinderarmutsindikator (NEF-Quote unter 15)", "Kinderarmut",
               "unter 15 Jahren", "nef_u15", "bev_u15"),
    Indikator(
        id="sgb2_quote", titel="SGB-II-Quote", kurz="SGB-II-Quote", zaehler="lb", nenner="bev_u_rag",
        definition=("Anteil der Leistungsberechtigten nach SGB II (erwerbsfähige und nicht erwerbsfähige "
                    "Leistungsberechtigte sowie sonstige Leistungsberechtigte) an der Bevölkerung unter der "
                    "Regelaltersgrenze (§ 7a SGB II; früher „unter 65 Jahren“), in Prozent."),
        zaehler_text="Leistungsberechtigte nach SGB II (ELB + NEF + sonstige)",
        nenner_text="Bevölkerung unter der Regelaltersgrenze",
        jedes_nte_kind=False,
        hinweise=(HINWEIS_WARTEZEIT, HINWEIS_BEZUG),
    ),
    Indikator(
        id="elb_quote", titel="ELB-Quote", kurz="ELB-Quote", zaehler="elb", nenner="bev_15_rag",
        definition=("Anteil der erwerbsfähigen Leistungsberechtigten nach SGB II an der Bevölkerung von "
                    "15 Jahren bis unter der Regelaltersgrenze, in Prozent. Erwerbsfähig ist, wer mindestens "
                    "3 Stunden täglich arbeiten kann."),
        zaehler_text="Erwerbsfähige Leistungsberechtigte (ELB)",
        nenner_text="Bevölkerung 15 Jahre bis unter Regelaltersgrenze",
        jedes_nte_kind=False,
        hinweise=(HINWEIS_WARTEZEIT, HINWEIS_BEZUG),
    ),
    _nef_quote("kinderarmut_u3", "NEF-Quote unter 3 (Krippenalter)", "unter 3",
               "unter 3 Jahren", "nef_u3", "bev_u3"),
    _nef_quote("kinderarmut_3_6", "NEF-Quote 3 bis unter 6 (Kita-Alter)", "3 bis unter 6",
               "von 3 bis unter 6 Jahren", "nef_3_6", "bev_3_6"),
    _nef_quote("kinderarmut_6_15", "NEF-Quote 6 bis unter 15 (Schulalter)", "6 bis unter 15",
               "von 6 bis unter 15 Jahren", "nef_6_15", "bev_6_15"),
)

NACH_ID = {i.id: i for i in INDIKATOREN}


def indikator(id: str) -> Indikator:
    try:
        return NACH_ID[id]
    except KeyError:
        raise KeyError(f"Unbekannter Indikator „{id}“; bekannt sind: {', '.join(NACH_ID)}.") from None


def verfuegbar(spalten) -> list[Indikator]:
    """Die Indikatoren, deren Zähler und Nenner beide in der Tabelle stehen."""
    vorhanden = set(spalten)
    return [i for i in INDIKATOREN if i.zaehler in vorhanden and i.nenner in vorhanden]


def hinweise_je_text() -> dict[str, list["Indikator"]]:
    """Jeder Hinweis einmal, mit den Indikatoren, für die er gilt – damit Methodik ihn nicht sechsmal wiederholt."""
    je_text: dict[str, list[Indikator]] = {}
    for ind in INDIKATOREN:
        for hinweis in ind.hinweise:
            je_text.setdefault(hinweis, []).append(ind)
    return je_text
