"""Was ein Bericht braucht, einmal zusammengestellt: das Leser-Ergebnis eines Datenstands, Grenzen, Einrichtungen
(mit Gemeinde) und Angebote. Die Kommandozeile lädt es hier; die Seiten geben ihre zwischengespeicherten Teile."""

from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from angebote import liste as angebotsliste
from familienzentrum import daten as familienzentrum_daten
from indikatoren.ablage.datenstaende import Ablage, Datenstand
from indikatoren.grundlagen import geodaten, konfiguration
from indikatoren.grundlagen.gebiete import Gebiete
from indikatoren.orte import einrichtungspflege, sozialraeume
from indikatoren.orte.einrichtungen import gemeinde_zuordnen
from indikatoren.rechnen.geheimhaltung import fuer_leser


@dataclass(frozen=True)
class Berichtsdaten:
    gebiete: Gebiete
    datenstand: Datenstand
    ergebnis: pd.DataFrame  # nur, was Leser sehen dürfen
    grenzen: gpd.GeoDataFrame
    einrichtungen: pd.DataFrame  # mit Spalte ags
    angebote: pd.DataFrame
    familienzentrum: dict[str, pd.DataFrame] = field(default_factory=dict)  # Listen des Jahresberichts
    sozialraeume: gpd.GeoDataFrame | None = None  # Flächen der Sozialräume (id, name, gemeinde, geometry)

    @classmethod
    def laden(cls, ablage: Ablage, gebiete: Gebiete, datenstand: int | None = None) -> "Berichtsdaten":
        stand = ablage.datenstand(datenstand) if datenstand else ablage.aktiver()
        if stand is None:
            raise LookupError("Es gibt noch keinen aktiven Datenstand.")
        grenzen = geodaten.anzeigegrenzen(konfiguration.kreis())
        einrichtungen = einrichtungspflege.aktuelle(ablage)[1]
        return cls(gebiete, stand, fuer_leser(ablage.kennzahlen(stand.id), gebiete,
                                                       ablage.vorgaenger(stand.id)), grenzen,
                   einrichtungen.assign(ags=gemeinde_zuordnen(einrichtungen, gebiete, grenzen)),
                   angebotsliste.aktuelle(ablage, gebiete)[1], familienzentrum_daten.aktuelle(ablage),
                   sozialraeume.flaechen(sozialraeume.aktuelle(ablage)[1]))

    def art(self, ags: str) -> str:
        """„Gemeinde“, „Gemeindeverband“ oder „Sozialraum“: was für ein Gebiet ein Profil zeigt."""
        if ags in set(self.gebiete.verbaende["ags"]):
            return "Gemeindeverband"
        return "Sozialraum" if self.gebiete.gemeinde_von(ags) is not None else "Gemeinde"

    def jahr(self, gewuenscht: int | None) -> int:
        """Das gewünschte Jahr, sonst das jüngste; ValueError mit den vorhandenen, wenn es fehlt."""
        jahre = sorted(self.ergebnis["jahr"].unique().tolist())
        if gewuenscht is None:
            return jahre[-1]
        if gewuenscht not in jahre:
            raise ValueError(f"Datenstand {self.datenstand.id} hat kein Jahr {gewuenscht}; vorhanden: "
                             f"{', '.join(map(str, jahre))}.")
        return gewuenscht
