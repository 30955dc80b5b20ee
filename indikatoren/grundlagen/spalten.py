"""Die Spalten der Kennzahlen-Tabelle: Name, Bedeutung, Art. Eine Quelle für Prüfung, Vorlage und Doku."""

from dataclasses import dataclass

ARTEN = ("amtlich", "geschaetzt", "beispiel")


@dataclass(frozen=True)
class Spalte:
    name: str
    bedeutung: str
    beispiel: str
    pflicht: bool = False
    anzahl: bool = False  # eine Zählgröße (ganze Zahl >= 0, „*“, „-“ oder leer)
    stichtag: str = ""  # bei Zählgrößen: welche Stichtag-Spalte für sie gilt


def _sgb2(name, bedeutung, beispiel):
    return Spalte(name, bedeutung, beispiel, anzahl=True, stichtag="stichtag_sgb2")


def _bev(name, bedeutung, beispiel):
    return Spalte(name, bedeutung, beispiel, anzahl=True, stichtag="stichtag_bev")


SPALTEN = (
    Spalte("ags", "Amtlicher Gemeindeschlüssel: 8 Stellen für eine Gemeinde (03254002), 9 für eine "
           "Samtgemeinde, 5 für den Kreis, 2 für das Land, DG für Deutschland. Als Text, mit führender Null.",
           "03254002", pflicht=True),
    Spalte("name", "Name des Gebiets (frei; leer = Name aus dem Gemeindeverzeichnis).", "Alfeld (Leine)"),
    Spalte("jahr", "Berichtsjahr, 1990 bis nächstes Jahr.", "2023", pflicht=True),
    Spalte("stichtag_sgb2", "Stichtag der SGB-II-Zahlen als Monat JJJJ-MM (leer = Dezember des Jahres).",
           "2023-12"),
    Spalte("stichtag_bev", "Stichtag der Bevölkerungszahlen als Tag JJJJ-MM-TT (leer = 31.12. des Jahres).",
           "2023-12-31"),
    _bev("bev_u15", "Bevölkerung unter 15 Jahren.", "2411"),
    _sgb2("nef_u15", "Nicht erwerbsfähige Leistungsberechtigte (NEF) unter 15 Jahren in "
          "SGB-II-Bedarfsgemeinschaften.", "402"),
    _bev("bev_u_rag", "Bevölkerung unter der Regelaltersgrenze (§ 7a SGB II; früher „unter 65“).", "14730"),
    _sgb2("lb", "Leistungsberechtigte nach SGB II insgesamt (ELB + NEF + sonstige).", "1903"),
    _bev("bev_15_rag", "Bevölkerung von 15 Jahren bis unter der Regelaltersgrenze.", "12319"),
    _sgb2("elb", "Erwerbsfähige Leistungsberechtigte nach SGB II.", "1288"),
    _bev("bev_u3", "Bevölkerung unter 3 Jahren.", "455"),
    _sgb2("nef_u3", "NEF unter 3 Jahren.", "71"),
    _bev("bev_3_6", "Bevölkerung von 3 bis unter 6 Jahren.", "480"),
    _sgb2("nef_3_6", "NEF von 3 bis unter 6 Jahren.", "83"),
    _bev("bev_6_15", "Bevölkerung von 6 bis unter 15 Jahren.", "1476"),
    _sgb2("nef_6_15", "NEF von 6 bis unter 15 Jahren.", "248"),
    Spalte("quelle", "Quelle der Zeile (leer = Quelle, die beim Einlesen angegeben wird).",
           "Statistik der Bundesagentur für Arbeit"),
    Spalte("quelle_sgb2", "Quelle der SGB-II-Zahlen, wenn sie von der Quelle der Bevölkerung abweicht (leer = quelle).",
           "Statistik der Bundesagentur für Arbeit, Dezember 2023"),
    Spalte("quelle_bev", "Quelle der Bevölkerungszahlen, wenn sie abweicht (leer = quelle).",
           "LSN-Online, Tabelle 12411-02-03-5"),
    Spalte("art", "Art der Zahlen: amtlich, geschaetzt oder beispiel (leer = Angabe beim Einlesen, "
           "sonst amtlich).", "amtlich"),
)

# Zählgrößen, die exakt die Summe anderer sind (Ganzes, Teile): Altersgruppen und Bevölkerung bis zur
# Regelaltersgrenze. Leser sehen beide Seiten; die Geheimhaltung prüft jede als Summenbeziehung.
ZERLEGUNGEN = (
    ("bev_u15", ("bev_u3", "bev_3_6", "bev_6_15")),
    ("nef_u15", ("nef_u3", "nef_3_6", "nef_6_15")),
    ("bev_u_rag", ("bev_u15", "bev_15_rag")),
)

NACH_NAME = {s.name: s for s in SPALTEN}
# Herkunft je Art der Zahlen: jede Zählgröße gehört zu den SGB-II-Zahlen oder zur Bevölkerung, mit eigenem Stichtag
# und eigener Quelle (Stichtag-Spalte -> Quelle-Spalte)
QUELLE_ZUM_STICHTAG = {"stichtag_sgb2": "quelle_sgb2", "stichtag_bev": "quelle_bev"}
ANZAHLEN = tuple(s.name for s in SPALTEN if s.anzahl)
KOPF = tuple(s.name for s in SPALTEN if not s.anzahl)  # beschreibende Spalten einer Zeile

