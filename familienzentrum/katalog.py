"""Begriffe und Spalten der Jahresberichts-Listen an einer Stelle; wer Themen oder Wege ändern will, ändert sie hier.

Die Kostenvorgabe stammt aus der Konzeption des Familienzentrums Alfeld (Miete dort noch nicht beziffert).
"""

from indikatoren.grundlagen.listenarten import Listenart, Listenspalte

THEMEN = ("Alltagsfragen und Formulare", "Kita und Krippe", "Schule und Bildung", "Erziehung und Familie",
          "Gesundheit", "Geld und Leistungen", "Sprache und Integration", "Ehrenamt", "Sonstiges")
WEGE = ("persönlich", "telefonisch", "E-Mail/online")
STAENDE = ("erreicht", "teilweise", "offen")
FINANZIERUNG = ("Eigenanteil", "Drittmittel")
KOSTEN_VORGABE = (  # Position, Plan in Euro (leer: noch nicht bekannt), Finanzierung
    ("Büromaterial", "600", "Eigenanteil"), ("Kreativ- und Arbeitsmaterial", "600", "Eigenanteil"),
    ("Veranstaltungen", "1200", "Drittmittel"), ("Öffentlichkeitsarbeit", "600", "Eigenanteil"),
    ("Miete", "", "Eigenanteil"))

_JAHR = Listenspalte("jahr", "Berichtsjahr (JJJJ).", pflicht=True)
KONTAKTE = Listenart("fz_kontakte", "Stand der Kontakte", "K", (
    _JAHR, Listenspalte("monat", "Monat 1 bis 12.", pflicht=True),
    Listenspalte("thema", "Worum es ging.", pflicht=True, erlaubt=THEMEN),
    Listenspalte("weg", "Wie der Kontakt zustande kam.", pflicht=True, erlaubt=WEGE),
    Listenspalte("anzahl", "Wie viele Kontakte (ganze Zahl ab 0) – nur die Zahl, keine Namen.", pflicht=True),
), bezeichnung="thema")
VERANSTALTUNGEN = Listenart("fz_veranstaltungen", "Stand der Veranstaltungen", "V", (
    Listenspalte("datum", "Tag der Veranstaltung (JJJJ-MM-TT).", pflicht=True),
    Listenspalte("titel", "Titel.", pflicht=True), Listenspalte("art", "Art (Elterncafé, Vortrag, Kurs …)."),
    Listenspalte("teilnehmende", "Zahl der Teilnehmenden (ganze Zahl ab 0)."),
), bezeichnung="titel")
PARTNER = Listenart("fz_partner", "Stand der Kooperationspartner", "P", (
    Listenspalte("name", "Name der Einrichtung oder des Vereins (keine Privatperson).", pflicht=True),
    Listenspalte("art", "Art (Verein, Schule, Amt, Träger …)."), Listenspalte("seit", "Seit wann (JJJJ oder JJJJ-MM)."),
), bezeichnung="name")
ZIELE = Listenart("fz_ziele", "Stand der Ziele", "Z", (
    _JAHR, Listenspalte("ziel", "Das Ziel.", pflicht=True), Listenspalte("schritte", "Was dafür getan wurde."),
    Listenspalte("stand", "Stand am Jahresende.", pflicht=True, erlaubt=STAENDE),
    Listenspalte("kommentar", "Anmerkung."),
), bezeichnung="ziel", hoechstlaenge=2000)
KOSTEN = Listenart("fz_kosten", "Stand der Kosten", "C", (
    _JAHR, Listenspalte("position", "Kostenposition.", pflicht=True),
    Listenspalte("plan", "Geplant in Euro (leer: noch nicht bekannt)."), Listenspalte("ist", "Ausgegeben in Euro."),
    Listenspalte("finanzierung", "Eigenanteil oder Drittmittel.", pflicht=True, erlaubt=FINANZIERUNG),
), bezeichnung="position")
TEXTE = Listenart("fz_texte", "Stand der Texte", "T", (
    _JAHR, Listenspalte("einleitung", "Einleitung des Jahresberichts."),
    Listenspalte("ausblick", "Ausblick auf das nächste Jahr."),
), bezeichnung="jahr", hoechstlaenge=6000)
LISTEN = (KONTAKTE, VERANSTALTUNGEN, PARTNER, ZIELE, KOSTEN, TEXTE)
BLAETTER = {KONTAKTE.name: "Kontakte", VERANSTALTUNGEN.name: "Veranstaltungen", PARTNER.name: "Partner",
            ZIELE.name: "Ziele", KOSTEN.name: "Kosten", TEXTE.name: "Texte"}
