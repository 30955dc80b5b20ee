"""Eine Datei einlesen: prüfen, wahlweise den aktiven Stand ergänzen, als neuen aktiven Datenstand speichern.

Der eine Weg, auf dem Zahlen in die Ablage kommen – für CLI, Datenpflege-Seite und Erstbefüllung.
"""

import getpass
import hashlib
from dataclasses import dataclass

from indikatoren.ablage import spaltenprofile
from indikatoren.ablage.datenstaende import BELIEBIG, ERSTBEFUELLUNG, Ablage, AndererStandAktiv, Datenstand, wiederholt
from indikatoren.einlesen.pruefung import pruefe_datei
from indikatoren.grundlagen import konfiguration
from indikatoren.grundlagen.gebiete import Gebiete
from indikatoren.grundlagen.meldungen import Meldung, UngueltigeDatei
from indikatoren.orte import sozialraeume

BEISPIELDATEN = konfiguration.DATEN / "beispiel_kennzahlen.csv"


@dataclass(frozen=True)
class Einlesung:
    datenstand: Datenstand
    hinweise: list[Meldung]


def einlesen(ablage: Ablage, inhalt: bytes, dateiname: str, gebiete: Gebiete, *, ergaenzen: bool = False,
             kommentar: str = "", von: str | None = None, quelle: str = "", art: str = "amtlich",
             erwartet=BELIEBIG, profil: str | None = None) -> Einlesung:
    """Wirft UngueltigeDatei (oder einen Datenbankfehler); dann ist nichts gespeichert außer dem Protokoll.

    Lesen des aktiven Stands (Grundlage von `ergaenzen`) und Speichern sind eine Schreibtransaktion: zwei
    gleichzeitige Einlesungen laufen nacheinander, die zweite ergänzt den Stand der ersten (nichts geht verloren).
    `erwartet`: die Nummer des aktiven Stands, den die Vorschau zeigte (None: keiner); ist inzwischen ein anderer
    aktiv, wirft es AndererStandAktiv, statt still auf einer anderen Grundlage zu speichern.
    """
    von = von or getpass.getuser()
    sha256 = hashlib.sha256(inhalt).hexdigest()
    try:
        geprueft = pruefe_datei(inhalt, dateiname, gebiete, quelle=quelle, art=art,
                                profile=spaltenprofile.alle(ablage), profil=profil)
        with ablage.schreibend() as verbindung:
            aktiv = ablage.aktiver(verbindung)
            if erwartet is not BELIEBIG and (aktiv.id if aktiv else None) != erwartet:
                raise AndererStandAktiv(f"Inzwischen ist Datenstand {aktiv.id if aktiv else '–'} aktiv, nicht "
                                        f"{erwartet or '–'}. Bitte die Vorschau neu prüfen.")
            kennzahlen, grundlage = geprueft.kennzahlen, None
            if geprueft.teilweise and not (ergaenzen and aktiv is not None):
                raise UngueltigeDatei([Meldung(dateiname, "Die Tabelle des Amts enthält für keinen Indikator Zähler "
                                                          "und Nenner (etwa nur die Bevölkerung); sie ergänzt den "
                                                          "aktiven Stand, statt ihn zu ersetzen. Bitte „ergänzt den "
                                                          "aktiven Stand“ wählen (Kommandozeile: --ergaenzen).")])
            if ergaenzen and aktiv is not None:
                kennzahlen = ablage.kennzahlen(aktiv.id, verbindung).ergaenzt_um(kennzahlen, geprueft.spalten)
                grundlage = aktiv.id
            stand = ablage.speichern(kennzahlen, von=von, dateiname=dateiname, sha256=sha256, kommentar=kommentar,
                                     grundlage=grundlage, verbindung=verbindung)
    except Exception as fehler:
        ablage.protokolliere("einlesen", von, dateiname, sha256, False, str(fehler))
        raise
    assert stand is not None  # None gibt speichern nur mit nur_wenn_leer
    return Einlesung(stand, geprueft.hinweise)


def _kreis_der_zahlen(ablage: Ablage) -> tuple[str, str] | None:
    """Der Kreis, dessen Zahlen eine ältere Datenbank schon enthält (Zeile mit fünfstelligem AGS, sonst die ersten
    fünf Stellen der Gemeinden), sonst None."""
    staende = ablage.datenstaende()
    if not staende:
        return None
    zeilen = ablage.kennzahlen(staende[-1].id).zeilen
    kreise = zeilen[zeilen["ags"].str.len() == 5]
    if not kreise.empty:
        return kreise["ags"].iloc[0], kreise["name"].iloc[0]
    gemeinden = zeilen.loc[zeilen["ags"].str.len() == 8, "ags"].str[:5]
    return (gemeinden.mode().iloc[0],) * 2 if not gemeinden.empty else None


def mit_sozialraeumen(gebiete: Gebiete | None = None, url: str | None = None) -> tuple[Gebiete, Ablage]:
    """Die Gebiete des Kreises samt den Sozialräumen des aktiven Sozialraumstands, und die Ablage: was Prüfung,
    Berechnung und Geheimhaltung von Kennzahlen brauchen, sobald Sozialräume darin vorkommen können."""
    gebiete = gebiete or Gebiete.laden()
    ablage = oeffne_ablage(gebiete, url)
    return gebiete.mit_sozialraeumen(sozialraeume.aktuelle(ablage)[1]), ablage


def oeffne_ablage(gebiete: Gebiete, url: str | None = None) -> Ablage:
    """Die Ablage; ist sie leer, werden die mitgelieferten Beispieldaten Datenstand 1."""
    ablage = Ablage(url)
    wiederholt(lambda: ablage.kreis_festhalten(gebiete.kreis, gebiete.name(gebiete.kreis), _kreis_der_zahlen))
    if ablage.aktiver() is None and not ablage.datenstaende():
        inhalt = BEISPIELDATEN.read_bytes()
        try:
            kennzahlen = pruefe_datei(inhalt, BEISPIELDATEN.name, gebiete, art="beispiel").kennzahlen
        except UngueltigeDatei:
            return ablage  # Beispieldaten gehören zu einem anderen Kreis: die Ablage bleibt leer
        wiederholt(lambda: ablage.speichern(
            kennzahlen, von=ERSTBEFUELLUNG, dateiname=BEISPIELDATEN.name,
            sha256=hashlib.sha256(inhalt).hexdigest(), nur_wenn_leer=True,
            kommentar="Mitgelieferte Beispieldaten (synthetisch, keine amtlichen Zahlen)"))
    return ablage
