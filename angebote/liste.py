"""Die Angebotsliste mit Verlauf: zuerst die mitgelieferte Datei data/angebote.csv, sobald jemand sie ändert der
aktive Stand der Datenbank (indikatoren/ablage/listen.py, wie die Einrichtungen)."""

import io
from datetime import date

import pandas as pd

from angebote import katalog
from angebote.pruefung import lies_angebote, pruefe
from indikatoren.ablage.datenstaende import Ablage
from indikatoren.ablage.listen import Listen
from indikatoren.einlesen import listendatei
from indikatoren.grundlagen import konfiguration
from indikatoren.grundlagen.gebiete import Gebiete

MITGELIEFERT = konfiguration.DATEN / "angebote.csv"


def staende(ablage: Ablage) -> Listen:
    return Listen(ablage, katalog.LISTE)


def mitgeliefert(gebiete: Gebiete) -> pd.DataFrame:
    """Die mitgelieferten Angebote (Familienzentrum Alfeld) nur für den Kreis, in dem ihre Gemeinden liegen, sonst
    eine leere Liste: die Angebote eines Kreises erscheinen nie in einem anderen."""
    inhalt = MITGELIEFERT.read_bytes()
    gemeinden = pd.read_csv(io.BytesIO(inhalt), sep=";", dtype=str, keep_default_na=False)["gemeinde"]
    if not gemeinden.str.startswith(gebiete.kreis).all():
        return pd.DataFrame(columns=["id", *katalog.LISTE.spalten], dtype="string")
    return lies_angebote(inhalt, MITGELIEFERT.name, gebiete)


def aktuelle(ablage: Ablage, gebiete: Gebiete) -> tuple[int | None, pd.DataFrame]:
    """(Stand oder None für die mitgelieferte Liste, Liste als Text)."""
    stand = staende(ablage).aktiver()
    return stand, im_stand(ablage, gebiete, stand)


def im_stand(ablage: Ablage, gebiete: Gebiete, stand: int | None) -> pd.DataFrame:
    """Genau die Liste des Stands `stand` (None: die mitgelieferte) – nicht die gerade aktive."""
    return mitgeliefert(gebiete) if stand is None else staende(ablage).im_stand(stand)


def lies_datei(inhalt: bytes, datei: str, gebiete: Gebiete, einrichtungen: pd.DataFrame, grenzen=None
               ) -> pd.DataFrame:
    return lies_angebote(inhalt, datei, gebiete, einrichtungen=einrichtungen, grenzen=grenzen)


def pruefe_editor(tabelle: pd.DataFrame, gebiete: Gebiete, einrichtungen: pd.DataFrame, grenzen=None
                  ) -> pd.DataFrame:
    return pruefe(listendatei.aus_editor(tabelle, katalog.LISTE), "Tabelle", gebiete, einrichtungen=einrichtungen,
                  grenzen=grenzen)


def zu_ueberpruefen(angebote: pd.DataFrame, heute: date | None = None) -> pd.DataFrame:
    """Laufende Angebote (nicht beendet), die nie oder vor mehr als PRUEFEN_NACH_MONATEN Monaten bestätigt wurden."""
    heute = heute or date.today()
    grenze = _monate_zurueck(heute, katalog.PRUEFEN_NACH_MONATEN).isoformat()
    laufend = angebote[angebote["status"] != "beendet"]
    return laufend[(laufend["bestaetigt_am"] == "") | (laufend["bestaetigt_am"] < grenze)]


def _monate_zurueck(tag: date, monate: int) -> date:
    jahr, monat = divmod(tag.year * 12 + tag.month - 1 - monate, 12)
    return date(jahr, monat + 1, min(tag.day, 28 if monat + 1 == 2 else 30 if monat + 1 in (4, 6, 9, 11) else 31))
