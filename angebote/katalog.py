"""Die Begriffe der Präventionskette an einer Stelle: Lebensphasen, Handlungsfelder und die erlaubten Werte jeder
Spalte einer Angebotsliste. Wer die Einteilung ändern will (etwa andere Altersgrenzen), ändert sie nur hier.

Die Lebensphasen folgen den Altersgruppen der Sozialraumkonferenz Alfeld (0-3, 3-6, 6-10, 11-18), mit „10-18“,
damit die Phasen lückenlos aneinanderschließen, und „rund um die Geburt“ davor.
"""

from dataclasses import dataclass

from indikatoren.grundlagen.listenarten import Listenart, Listenspalte
from indikatoren.orte.einrichtungen import GENAUIGKEITEN

LEBENSPHASEN = ("rund um die Geburt", "0-3", "3-6", "6-10", "10-18")
ALLE_PHASEN = "alle"  # gilt für jede Lebensphase
TRENNER = "|"  # mehrere Lebensphasen in einer Zelle: „0-3|3-6“
KREISWEIT = "kreisweit"  # statt eines AGS: gilt für jede Gemeinde des Kreises

HANDLUNGSFELDER = ("Beratung und Elternbildung", "Frühe Hilfen", "Betreuung", "Bildung und Lernförderung",
                   "Gesundheit", "Integration und Sprache", "Freizeit und Kultur", "Materielle Hilfen",
                   "Eingliederungshilfe", "Engagement und Begegnung")
# Welche Art Angebot: Kita und Kindertagespflege getrennt, weil Eltern einen Betreuungsplatz in beiden finden
ARTEN = ("Kita", "Kindertagespflege", "Beratung", "Kurs oder Gruppe", "Treffpunkt", "Leistung", "Veranstaltung",
         "anderes")


@dataclass(frozen=True)
class Bedarf:
    """Was eine Familie sucht („Was suchen Sie?“), übersetzt in Felder: ein Angebot passt, wenn sein Handlungsfeld
    oder seine Art dazugehört."""
    kennung: str  # im Link (`bedarf=`)
    name: str
    handlungsfelder: tuple[str, ...] = ()
    arten: tuple[str, ...] = ()


BEDARFE = (
    Bedarf("kita", "Kita-Platz oder Tagespflege", ("Betreuung",), ("Kita", "Kindertagespflege")),
    Bedarf("beratung", "Beratung und Hilfe für Eltern", ("Beratung und Elternbildung", "Frühe Hilfen"),
           ("Beratung",)),
    Bedarf("geld", "Geld und Leistungen", ("Materielle Hilfen",), ("Leistung",)),
    Bedarf("deutsch", "Deutsch lernen und Ankommen", ("Integration und Sprache",)),
    Bedarf("schule", "Lernen und Schule", ("Bildung und Lernförderung",)),
    Bedarf("gesundheit", "Gesundheit", ("Gesundheit",)),
    Bedarf("freizeit", "Freizeit und andere treffen", ("Freizeit und Kultur", "Engagement und Begegnung"),
           ("Treffpunkt",)),
    Bedarf("behinderung", "Hilfe bei Behinderung", ("Eingliederungshilfe",)),
)
ZUSTAENDIGKEITEN = ("Stadt", "Gemeinde", "Landkreis", "freier Träger", "Land", "andere")
ZUGAENGE = ("offen", "Anmeldung", "Vermittlung")
KOSTEN = ("kostenlos", "ermäßigt", "Beitrag")
BARRIEREFREI = ("ja", "teilweise", "nein", "unbekannt")
EBENEN = ("strukturell", "institutionell", "individuell")  # die drei Ebenen einer Präventionskette
STATUS = ("geplant", "aktiv", "beendet")  # geplante zählen nicht als Abdeckung, beendete sehen Leser nicht
DOPPELT_AB = 3  # so viele aktive Angebote eines Felds in einer Phase: möglicherweise doppelt
# Die Sprachen des Wegweisers außer Deutsch (Kennung wie im Link, „ls“: Leichte Sprache); ein Angebot kann Titel und
# Beschreibung in jeder haben (Spalten titel_en, beschreibung_en …)
UEBERSETZT = (("ls", "Leichte Sprache"), ("en", "Englisch"), ("ar", "Arabisch"), ("tr", "Türkisch"),
              ("uk", "Ukrainisch"), ("ru", "Russisch"), ("pl", "Polnisch"))
PRUEFEN_NACH_MONATEN = 12  # ein Angebot, das so lange nicht bestätigt wurde, soll überprüft werden

SPALTEN = (
    Listenspalte("titel", "Name des Angebots.", pflicht=True),
    Listenspalte("beschreibung", "Was es bietet, für wen, wie man hinkommt."),
    Listenspalte("traeger", "Wer es anbietet (Stadt, Landkreis, Verein …).", pflicht=True),
    Listenspalte("zustaendigkeit", "Ebene des Trägers.", pflicht=True, erlaubt=ZUSTAENDIGKEITEN),
    Listenspalte("fachamt", "Zuständiges Amt oder Fachbereich."),
    Listenspalte("einrichtung", "Einrichtung, in der es stattfindet: ihre Kennung aus der Einrichtungsliste "
                 "(E001) oder ihr Name, wie er dort steht."),
    Listenspalte("adresse", "Nur ohne Einrichtung: wo es stattfindet (Straße Nr., PLZ Ort); daraus lässt sich in der "
                 "Datenpflege die Lage bestimmen."),
    Listenspalte("lat", "Nur ohne Einrichtung: Breite in Dezimalgrad (51.986); mit Einrichtung gilt deren Lage."),
    Listenspalte("lon", "Nur ohne Einrichtung: Länge in Dezimalgrad (9.826)."),
    Listenspalte("genauigkeit", "Wie genau die Lage ist (Pflicht mit lat/lon).", erlaubt=GENAUIGKEITEN),
    Listenspalte("lage", "Woher die Lage stammt (gesetzt von …, geocodiert …)."),
    Listenspalte("gemeinde", f"Gemeinde, in der es stattfindet: ihr Name oder AGS (8 Stellen), oder „{KREISWEIT}“.",
                 pflicht=True),
    Listenspalte("lebensphasen", f"Eine oder mehrere von {', '.join(LEBENSPHASEN)}, getrennt mit „{TRENNER}“, "
                 f"oder „{ALLE_PHASEN}“; leer, wenn ein Alter angegeben ist (dann folgen sie daraus)."),
    Listenspalte("alter_von", "Ab welchem Alter: „2“ oder „2 Jahre“, „6 Monate“, „Schwangerschaft“."),
    Listenspalte("alter_bis", "Bis zu welchem Alter (eingeschlossen), wie alter_von; leer: ohne Grenze."),
    Listenspalte("art", "Art des Angebots (Kita und Kindertagespflege sind eigene Arten).", erlaubt=ARTEN),
    Listenspalte("handlungsfeld", "Das Handlungsfeld.", pflicht=True, erlaubt=HANDLUNGSFELDER),
    Listenspalte("zielgruppe", "Für wen (Eltern, Kinder, Zugewanderte …)."),
    Listenspalte("zugang", "Wie man hinkommt.", pflicht=True, erlaubt=ZUGAENGE),
    Listenspalte("kosten", "Was es kostet.", pflicht=True, erlaubt=KOSTEN),
    Listenspalte("sprachen", "Sprachen außer Deutsch, mit Komma getrennt."),
    Listenspalte("barrierefrei", "Zugänglich ohne Barrieren (leer: unbekannt).", erlaubt=BARRIEREFREI),
    Listenspalte("zeiten", "Wann (Wochentage, Uhrzeiten)."),
    Listenspalte("kontakt", "Kontakt einer Stelle (Telefon, E-Mail des Amts), nie einer Privatperson."),
    Listenspalte("ebene", "Ebene der Präventionskette.", pflicht=True, erlaubt=EBENEN),
    Listenspalte("status", "geplant zählt nicht als Abdeckung; beendet sehen Leser nicht.", pflicht=True,
                 erlaubt=STATUS),
    Listenspalte("quelle", "Woher die Angaben stammen.", pflicht=True),
    Listenspalte("bestaetigt_am", f"Wann zuletzt bestätigt (JJJJ-MM-TT); älter als {PRUEFEN_NACH_MONATEN} Monate: "
                 "zur Überprüfung markiert."),
    Listenspalte("zuordnung", "Welche Angaben abgeleitet sind und wie (Herkunft der Einordnung)."),
    *(Listenspalte(f"{feld}_{code}", f"{was} in der Sprache {name}; leer: Leser sehen den deutschen Text mit einem "
                   "Hinweis.", ueberschrift=f"{was} ({name})")
      for code, name in UEBERSETZT for feld, was in (("titel", "Name"), ("beschreibung", "Beschreibung"))),
)
LISTE = Listenart("angebote", "Angebotsstand", "A", SPALTEN, bezeichnung="titel", hoechstlaenge=2000)
NAMEN = ("id", *LISTE.spalten)


def phasen(zelle: str) -> tuple[str, ...]:
    """„0-3|3-6“ -> ("0-3", "3-6"); „alle“ -> alle Lebensphasen."""
    if zelle.strip() == ALLE_PHASEN:
        return LEBENSPHASEN
    return tuple(p.strip() for p in zelle.split(TRENNER) if p.strip())
