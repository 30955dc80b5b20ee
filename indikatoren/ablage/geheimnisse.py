"""Schlüssel, die die Anwendung selbst erzeugt und in der Datenbank hält: alle Prozesse teilen sie, ein Neustart
behält sie, und niemand muss sie einrichten. Sie gehören nicht in die Sicherung (eine wiederhergestellte Datenbank
bekommt neue; ausgegebene Links gelten dann nicht mehr)."""

import secrets

from sqlalchemy import insert, select

from indikatoren.ablage.datenstaende import Ablage
from indikatoren.ablage.schema import geheimnis


def geheimnis_von(ablage: Ablage, name: str, verbindung=None) -> str:
    """Der Schlüssel `name`; beim ersten Aufruf zufällig erzeugt (256 Bit)."""
    with ablage.lesend(verbindung) as v:
        wert = v.execute(select(geheimnis.c.wert).where(geheimnis.c.name == name)).scalar()
    if wert is not None:
        return wert
    with ablage.schreibend_in(verbindung) as v:  # schreibend: zwei Prozesse erzeugen nicht zwei verschiedene
        wert = v.execute(select(geheimnis.c.wert).where(geheimnis.c.name == name)).scalar()
        if wert is None:
            wert = secrets.token_urlsafe(32)
            v.execute(insert(geheimnis).values(name=name, wert=wert))
    return wert
