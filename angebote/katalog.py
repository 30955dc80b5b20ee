"""Die Begriffe der Präventionskette an einer Stelle: Lebensphasen, Handlungsfelder und die erlaubten Werte jeder
Spalte einer Angebotsliste. Wer die Einteilung ändern will (etwa andere Altersgrenzen), ändert sie nur hier.

Die Lebensphasen folgen den Altersgruppen der Sozialraumkonferenz Alfeld (0-3, 3-6, 6-10, 11-18), mit „10-18“,
damit die Phasen lückenlos aneinanderschließen, und „rund um die Geburt“ davor.
"""

from dataclasses import dataclass

LEBENSPHASEN = ("rund um die Geburt", "0-3", "3-6", "6-10", "10-18")
ALLE_PHASEN = "alle"  # gilt für jede Lebensphase
TRENNER = "|"  # mehrere Lebensphasen in einer Zelle: „0-3|3-6“
KREISWEIT = "kreisweit"  # statt eines AGS: gilt für jede Gemeinde des Kreises

HANDLUNGSFELDER = ("Beratung und Elternbildung", "Frühe Hilfen", "Betreuung", "Bildung und Lernförderung",
                   "Gesundheit", "Integration und Sprache", "Freizeit und Kultur", "Materielle Hilfen",
                   "Eingliederungshilfe", "Engagement und Begegnung")
ZUSTAENDIGKEITEN = ("Stadt", "Gemeinde", "Landkreis", "freier Träger", "Land", "andere")
ZUGAENGE = ("offen", "Anmeldung", "Vermittlung")
KOSTEN = ("kostenlos", "ermäßigt", "Beitrag")
BARRIEREFREI = ("ja", "teilweise", "nein", "unbekannt")
EBENEN = ("strukturell", "institutionell", "individuell")  # die drei Ebenen einer Präventionskette
STATUS = ("geplant", "aktiv", "beendet")  # geplante zählen nicht als Abdeckung, beendete sehen Leser nicht
DOPPELT_AB = 3  # so viele aktive Angebote eines Felds in einer Phase: möglicherweise doppelt
PRUEFEN_NACH_MONATEN = 12  # ein Angebot, das so lange nicht bestätigt wurde, soll überprüft werden


@dataclass(frozen=True)
class Spalte:
    name: str
    bedeutung: str
    pflicht: bool = False
    erlaubt: tuple[str, ...] = ()


SPALTEN = (
    Spalte("id", "Feste Kennung des Angebots (leer: ein neues Angebot, es bekommt beim Speichern eine)."),
    Spalte("titel", "Name des Angebots.", pflicht=True),
    Spalte("beschreibung", "Was es bietet, für wen, wie man hinkommt."),
    Spalte("traeger", "Wer es anbietet (Stadt, Landkreis, Verein …).", pflicht=True),
    Spalte("zustaendigkeit", "Ebene des Trägers.", pflicht=True, erlaubt=ZUSTAENDIGKEITEN),
    Spalte("fachamt", "Zuständiges Amt oder Fachbereich."),
    Spalte("einrichtung", "Einrichtung, in der es stattfindet (Name wie in der Einrichtungsliste)."),
    Spalte("gemeinde", f"AGS der Gemeinde, in der es stattfindet, oder „{KREISWEIT}“.", pflicht=True),
    Spalte("lebensphasen", f"Eine oder mehrere von {', '.join(LEBENSPHASEN)}, getrennt mit „{TRENNER}“, oder "
           f"„{ALLE_PHASEN}“.", pflicht=True),
    Spalte("handlungsfeld", "Das Handlungsfeld.", pflicht=True, erlaubt=HANDLUNGSFELDER),
    Spalte("zielgruppe", "Für wen (Eltern, Kinder, Zugewanderte …)."),
    Spalte("zugang", "Wie man hinkommt.", pflicht=True, erlaubt=ZUGAENGE),
    Spalte("kosten", "Was es kostet.", pflicht=True, erlaubt=KOSTEN),
    Spalte("sprachen", "Sprachen außer Deutsch, mit Komma getrennt."),
    Spalte("barrierefrei", "Zugänglich ohne Barrieren (leer: unbekannt).", erlaubt=BARRIEREFREI),
    Spalte("zeiten", "Wann (Wochentage, Uhrzeiten)."),
    Spalte("kontakt", "Kontakt einer Stelle (Telefon, E-Mail des Amts), nie einer Privatperson."),
    Spalte("ebene", "Ebene der Präventionskette.", pflicht=True, erlaubt=EBENEN),
    Spalte("status", "geplant zählt nicht als Abdeckung; beendet sehen Leser nicht.", pflicht=True, erlaubt=STATUS),
    Spalte("quelle", "Woher die Angaben stammen.", pflicht=True),
    Spalte("bestaetigt_am", f"Wann zuletzt bestätigt (JJJJ-MM-TT); älter als {PRUEFEN_NACH_MONATEN} Monate: "
           "zur Überprüfung markiert."),
    Spalte("zuordnung", "Welche Angaben abgeleitet sind und wie (Herkunft der Einordnung)."),
)
NACH_NAME = {s.name: s for s in SPALTEN}
NAMEN = tuple(s.name for s in SPALTEN)


def phasen(zelle: str) -> tuple[str, ...]:
    """„0-3|3-6“ -> ("0-3", "3-6"); „alle“ -> alle Lebensphasen."""
    if zelle.strip() == ALLE_PHASEN:
        return LEBENSPHASEN
    return tuple(p.strip() for p in zelle.split(TRENNER) if p.strip())
