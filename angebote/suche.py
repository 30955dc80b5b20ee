"""Angebote finden (Wegweiser für Fachkräfte und Familien): nach dem, was eine Familie sucht („Was suchen Sie?“),
dem Alter des Kindes, der Gemeinde, Kosten, Sprache, Barrierefreiheit, Zugang und freiem Text.

Leser sehen aktive und geplante Angebote (geplante als solche gekennzeichnet, sie stehen hinter den aktiven),
beendete nie. Für eine Gemeinde zählen auch die kreisweiten Angebote. Ein alter Link mit `lebensphase=` filtert
weiter nach der Phase.
"""

from dataclasses import dataclass

import pandas as pd

from angebote import alter, katalog, sprachen
from indikatoren.grundlagen.ansicht import HOECHSTE_SUCHTEXTLAENGE  # eine Grenze für Link und Suche

_DURCHSUCHT = ("titel", "beschreibung", "traeger", "fachamt", "ort", "zielgruppe", "zeiten", "sprachen")
BEDARFE = {b.kennung: b for b in katalog.BEDARFE}


@dataclass(frozen=True)
class Filter:
    bedarf: str | None = None  # Kennung aus katalog.BEDARFE
    alter_monate: int | None = None  # Alter des Kindes; negativ: Schwangerschaft
    lebensphase: str | None = None
    handlungsfeld: str | None = None
    gemeinde: str | None = None
    nur_kostenlos: bool = False
    sprache: str | None = None  # Sprachkennung wie „ar“ (angebote.sprachen)
    nur_barrierefrei: bool = False
    zugang: str | None = None
    text: str = ""


def finde(angebote: pd.DataFrame, f: Filter) -> pd.DataFrame:
    """Die passenden Angebote, aktive zuerst, dann nach Titel."""
    treffer = angebote[angebote["status"] != "beendet"]
    if f.bedarf in BEDARFE:
        b = BEDARFE[f.bedarf]
        treffer = treffer[treffer["handlungsfeld"].isin(b.handlungsfelder) | treffer["art"].isin(b.arten)]
    if f.alter_monate is not None:
        treffer = treffer[pd.Series([alter.passt(z, f.alter_monate) for z in treffer.to_dict("records")],
                                    index=treffer.index, dtype=bool)]  # Maske, auch ohne Zeilen
    if f.lebensphase:
        treffer = treffer[treffer["lebensphasen"].map(lambda z: f.lebensphase in katalog.phasen(z)).astype(bool)]
    if f.handlungsfeld:
        treffer = treffer[treffer["handlungsfeld"] == f.handlungsfeld]
    if f.gemeinde:
        treffer = treffer[treffer["gemeinde"].isin([f.gemeinde, katalog.KREISWEIT])]
    if f.nur_kostenlos:
        treffer = treffer[treffer["kosten"] == "kostenlos"]
    if f.sprache:
        treffer = treffer[treffer["sprachen"].map(lambda z: f.sprache in sprachen.kennungen(z)).astype(bool)]
    if f.nur_barrierefrei:
        treffer = treffer[treffer["barrierefrei"] == "ja"]
    if f.zugang:
        treffer = treffer[treffer["zugang"] == f.zugang]
    worte = f.text[:HOECHSTE_SUCHTEXTLAENGE].casefold().split()
    if worte and not treffer.empty:
        volltext = treffer[[s for s in _DURCHSUCHT if s in treffer]].agg(" ".join, axis=1).str.casefold()
        treffer = treffer[volltext.map(lambda t: all(w in t for w in worte)).astype(bool)]  # jedes Wort, irgendwo
    return treffer.assign(_geplant=treffer["status"] == "geplant").sort_values(
        ["_geplant", "titel"], kind="stable").drop(columns="_geplant").reset_index(drop=True)
