"""Die Bevölkerung direkt aus einem GENESIS-Webservice holen: Regionaldatenbank Deutschland (Vorgabe), GENESIS-Online
oder die GENESIS-Datenbank eines Landes – Tabelle 12411-02-03-5 für die Gemeinden des Kreises und ein Jahr, als CSV.
Danach geht sie durch dieselbe Prüfung und Vorschau wie eine hochgeladene Datei (amtliche_tabelle.py).

Adresse und Zugang aus den Einstellungen (konfiguration.genesis): die Dienste verlangen ein kostenloses Konto; der
Zugang geht als Kopfzeilen „username“/„password“ (REST-API 2020), nie in der Adresse, damit er in keinem Protokoll
eines Proxys steht. Fehler des Dienstes (er antwortet dann mit JSON statt CSV) werden eine deutsche Meldung.
"""

import json
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

from indikatoren.einlesen.tabelle_lesen import HOECHSTGROESSE

TABELLE = "12411-02-03-5"


class GenesisFehler(Exception):
    """Der Dienst ist nicht erreichbar, lehnt ab oder liefert nichts Brauchbares (Meldung auf Deutsch)."""


def bevoelkerung(kreis: str, jahr: int, url: str, nutzer: str, passwort: str,
                 zeitlimit: float = 120) -> tuple[str, bytes]:
    """(Dateiname, Inhalt) der Tabelle für die Gemeinden des Kreises am 31.12. des Jahres."""
    if not nutzer:
        raise GenesisFehler("Für den GENESIS-Dienst fehlt der Zugang: SOZIALPLANUNG_GENESIS_NUTZER (und "
                            "SOZIALPLANUNG_GENESIS_PASSWORT) setzen; das Konto ist beim Dienst kostenlos.")
    daten = urlencode({"name": TABELLE, "area": "all", "compress": "false", "format": "csv", "language": "de",
                       "startyear": jahr, "endyear": jahr, "regionalvariable": "GEMEIN",
                       "regionalkey": f"{kreis}*"}).encode()
    anfrage = Request(f"{url.rstrip('/')}/data/tablefile", data=daten, method="POST",
                      headers={"username": nutzer, "password": passwort,
                               "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urlopen(anfrage, timeout=zeitlimit) as antwort:
            inhalt = antwort.read(HOECHSTGROESSE + 1)
    except HTTPError as fehler:
        raise GenesisFehler(f"Der GENESIS-Dienst unter {url} lehnte ab ({fehler.code})"
                            + (": Zugang prüfen." if fehler.code in (401, 403) else ".")) from None
    except (URLError, TimeoutError, OSError) as fehler:
        grund = getattr(fehler, "reason", fehler)
        raise GenesisFehler(f"Der GENESIS-Dienst unter {url} ist nicht erreichbar ({grund}).") from None
    if len(inhalt) > HOECHSTGROESSE:
        raise GenesisFehler("Die Antwort des GENESIS-Dienstes ist größer als 20 MB; das ist keine Tabelle eines "
                            "Kreises.")
    if inhalt.lstrip().startswith(b"{"):
        try:
            status = json.loads(inhalt).get("Status", {})
        except (ValueError, AttributeError):
            status = {}
        raise GenesisFehler(f"GENESIS meldet: {status.get('Content') or 'unbekannter Fehler'}"
                            + (f" (Code {status['Code']})." if "Code" in status else "."))
    if not inhalt.strip():
        raise GenesisFehler("Der GENESIS-Dienst lieferte eine leere Antwort.")
    return f"genesis_{TABELLE}_{jahr}.csv", inhalt
