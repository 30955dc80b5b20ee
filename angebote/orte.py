"""Wo Angebote stattfinden: je Einrichtung die Angebote nach Lebensphase, für Tooltips und die Kartenebene.

Zugeordnet wird über die feste Kennung der Einrichtung (Spalte `einrichtung` der Angebotsliste). Beendete Angebote
zählen nicht.
"""

import pandas as pd

from angebote import katalog
from indikatoren.orte.einrichtungen import UNGEFAEHR


def mit_ort(angebote: pd.DataFrame, einrichtungen: pd.DataFrame) -> pd.DataFrame:
    """Dazu die Spalte `ort`: Name und Adresse der Einrichtung, für Leser statt ihrer Kennung."""
    orte = {z.id: ", ".join(t for t in (z.name, z.adresse) if t) for z in einrichtungen.itertuples()}
    return angebote.assign(ort=angebote["einrichtung"].map(orte).fillna(""))


def je_einrichtung(angebote: pd.DataFrame, einrichtungen: pd.DataFrame) -> pd.Series:
    """Je Zeile der Einrichtungsliste die Angebote dort als [(Titel, Status, Lebensphasen), …], aktive zuerst."""
    laufend = angebote[angebote["status"] != "beendet"].sort_values("status", key=lambda s: s != "aktiv", kind="stable")
    nach_ort: dict[str, list] = {}
    for z in laufend.itertuples():
        nach_ort.setdefault(z.einrichtung, []).append((z.titel, z.status, katalog.phasen(z.lebensphasen)))
    return pd.Series([nach_ort.get(kennung, []) for kennung in einrichtungen["id"]], index=einrichtungen.index,
                     dtype=object)


def je_lebensphase(angebote_dort: list) -> dict[str, int]:
    """Wie viele der Angebote einer Einrichtung jede Lebensphase abdecken (nur Phasen mit Angeboten)."""
    return {p: n for p in katalog.LEBENSPHASEN if (n := sum(p in phasen for _, _, phasen in angebote_dort))}


def hat_aktive(angebote_dort: list) -> bool:
    return any(status == "aktiv" for _, status, _ in angebote_dort)


def lage(angebote: pd.DataFrame, einrichtungen: pd.DataFrame) -> pd.DataFrame:
    """Je Angebot lat und lon als Zahl: die eigene Lage, sonst die seiner Einrichtung (leer ohne beides); so lässt
    es sich einem Sozialraum zuordnen."""
    orte = einrichtungen.set_index("id")
    ergebnis = pd.DataFrame(index=angebote.index)
    for spalte in ("lat", "lon"):
        eigene = pd.to_numeric(angebote[spalte].astype(str).str.replace(",", "."), errors="coerce")
        dort = pd.to_numeric(angebote["einrichtung"].map(orte[spalte]), errors="coerce")
        ergebnis[spalte] = eigene.fillna(dort)
    return ergebnis


def orte_der_treffer(treffer: pd.DataFrame, einrichtungen: pd.DataFrame
                     ) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """Für die Karte der Suche: die Einrichtungen mit Lage, an denen gefundene Angebote stattfinden (Spalte
    `angebote`, wie je_einrichtung); die gefundenen Angebote ohne Einrichtung mit eigener Lage (lat/lon als Zahl,
    `ungefaehr`); wie viele gefundene Angebote keinen Ort auf der Karte haben."""
    mit = einrichtungen.assign(angebote=je_einrichtung(treffer, einrichtungen))
    orte = mit[mit["angebote"].map(len).gt(0) & mit["hat_lage"]]
    eigene = treffer[(treffer["einrichtung"] == "") & (treffer["lat"] != "")].copy()
    eigene[["lat", "lon"]] = eigene[["lat", "lon"]].astype(float)
    eigene["ungefaehr"] = eigene["genauigkeit"].isin(UNGEFAEHR)
    ohne = ~treffer["einrichtung"].isin(set(orte["id"])) & ~treffer.index.isin(eigene.index)
    return orte, eigene, int(ohne.sum())
