"""Eine Datei einlesen: prüfen, wahlweise den aktiven Stand ergänzen, als neuen aktiven Datenstand speichern.

Der eine Weg, auf dem Zahlen in die Ablage kommen – für CLI, Datenpflege-Seite und Erstbefüllung.
"""

import getpass
import hashlib
from dataclasses import dataclass

from indikatoren import konfiguration
from indikatoren.datenstaende import Ablage, Datenstand, wiederholt
from indikatoren.gebiete import Gebiete
from indikatoren.meldungen import Meldung, UngueltigeDatei
from indikatoren.pruefung import pruefe_datei

BEISPIELDATEN = konfiguration.DATEN / "beispiel_kennzahlen.csv"


@dataclass(frozen=True)
class Einlesung:
    datenstand: Datenstand
    hinweise: list[Meldung]


def einlesen(ablage: Ablage, inhalt: bytes, dateiname: str, gebiete: Gebiete, *, ergaenzen: bool = False,
             kommentar: str = "", von: str | None = None, quelle: str = "", art: str = "amtlich") -> Einlesung:
    """Wirft UngueltigeDatei (oder einen Datenbankfehler); dann ist nichts gespeichert außer dem Protokoll."""
    von = von or getpass.getuser()
    sha256 = hashlib.sha256(inhalt).hexdigest()
    try:
        geprueft = pruefe_datei(inhalt, dateiname, gebiete, quelle=quelle, art=art)
        kennzahlen, grundlage = geprueft.kennzahlen, None
        if ergaenzen and (aktiv := ablage.aktiver()) is not None:
            kennzahlen, grundlage = ablage.kennzahlen(aktiv.id).ergaenzt_um(kennzahlen), aktiv.id
        stand = ablage.speichern(kennzahlen, von=von, dateiname=dateiname, sha256=sha256,
                                 kommentar=kommentar, grundlage=grundlage)
    except Exception as fehler:
        ablage.protokolliere("einlesen", von, dateiname, sha256, False, str(fehler))
        raise
    return Einlesung(stand, geprueft.hinweise)


def oeffne_ablage(gebiete: Gebiete, url: str | None = None) -> Ablage:
    """Die Ablage; ist sie leer, werden die mitgelieferten Beispieldaten Datenstand 1."""
    ablage = Ablage(url)
    if ablage.aktiver() is None and not ablage.datenstaende():
        inhalt = BEISPIELDATEN.read_bytes()
        try:
            kennzahlen = pruefe_datei(inhalt, BEISPIELDATEN.name, gebiete, art="beispiel").kennzahlen
        except UngueltigeDatei:
            return ablage  # Beispieldaten gehören zu einem anderen Kreis: die Ablage bleibt leer
        wiederholt(lambda: ablage.speichern(
            kennzahlen, von="System (Erstbefüllung)", dateiname=BEISPIELDATEN.name,
            sha256=hashlib.sha256(inhalt).hexdigest(), nur_wenn_leer=True,
            kommentar="Mitgelieferte Beispieldaten (synthetisch, keine amtlichen Zahlen)"))
    return ablage
