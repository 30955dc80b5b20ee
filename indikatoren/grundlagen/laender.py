"""Was vom Land des Kreises abhängt: Name, statistisches Landesamt (Quelle der Bevölkerung) und das Landesgesetz, dem
die Erklärung zur Barrierefreiheit folgt. Eine Zeile je Land in data/laender.csv; die Stabsstelle kann sie dort
berichtigen, ohne Code zu ändern."""

from dataclasses import dataclass
from functools import cache

import pandas as pd

from indikatoren.grundlagen import konfiguration


@dataclass(frozen=True)
class Land:
    schluessel: str  # zwei Stellen, wie der Anfang des AGS
    name: str
    statistikamt: str
    gesetz: str  # Abkürzung des Behindertengleichstellungsgesetzes
    erklaerung_nach: str  # „§ 9b des Niedersächsischen …“ – so, wie es hinter „folgt“ steht


@cache
def _tabelle() -> pd.DataFrame:
    return pd.read_csv(konfiguration.DATEN / "laender.csv", sep=";", dtype=str, keep_default_na=False)


def land(schluessel: str) -> Land:
    """Das Land zu einem Schlüssel (oder einem AGS, der damit beginnt)."""
    zeile = _tabelle().set_index("land").loc[schluessel[:2]]
    return Land(schluessel[:2], zeile["name"], zeile["statistikamt"], zeile["gesetz"], zeile["erklaerung_nach"])


def eigenes() -> Land:
    """Das Land des eingestellten Kreises (SOZIALPLANUNG_KREIS)."""
    return land(konfiguration.kreis())


def kontakte() -> dict[str, str]:
    """Jede Angabe aus ihrer Umgebungsvariable, sonst „[… – bitte in VARIABLE eintragen]“ (mit dem Gesetz des
    Landes, in dem der Kreis liegt)."""
    gesetz = eigenes().gesetz
    return {schluessel: konfiguration.wert(variable)
            or f"[{text.format(gesetz=gesetz)} – bitte in {variable} eintragen]"
            for schluessel, (variable, text) in konfiguration.KONTAKTE.items()}
