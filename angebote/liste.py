"""Die aktuelle Angebotsliste. Noch ist es die mitgelieferte Datei data/angebote.csv; sobald die Datenbank
Angebote wie die Einrichtungen mit Verlauf hält, liefert diese Funktion den aktiven Stand."""

from angebote.pruefung import lies_angebote
from indikatoren import konfiguration
from indikatoren.gebiete import Gebiete

MITGELIEFERT = konfiguration.DATEN / "angebote.csv"


def aktuelle(gebiete: Gebiete):
    return lies_angebote(MITGELIEFERT.read_bytes(), MITGELIEFERT.name, gebiete)
