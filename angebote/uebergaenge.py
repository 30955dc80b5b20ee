"""Übergänge der Präventionskette (wie im Landesprogramm Präventionsketten Niedersachsen): Kita → Grundschule,
Grundschule → weiterführende Schule, Schule → Ausbildung. Ein Angebot überbrückt einen Übergang, wenn es Kinder ein
Jahr davor und ein Jahr danach erreicht – nach seinem Alter (alter_von, alter_bis) oder, ohne Alter, nach seinen
Lebensphasen (in Monaten wie angebote.alter.PHASEN_MONATE).
"""

from dataclasses import dataclass

import pandas as pd

from angebote import alter, katalog


@dataclass(frozen=True)
class Uebergang:
    kennung: str
    name: str
    monat: int  # typisches Alter beim Übergang
    bedarf_vorher: str  # Indikator der Altersgruppe davor
    bedarf_nachher: str  # und danach (die Statistik kennt nur unter 3, 3 bis 6, 6 bis 15 und 15 bis 65)


UEBERGAENGE = (
    Uebergang("kita_grundschule", "Kita → Grundschule", 6 * 12, "kinderarmut_3_6", "kinderarmut_6_15"),
    Uebergang("grundschule_weiterfuehrend", "Grundschule → weiterführende Schule", 10 * 12, "kinderarmut_6_15",
              "kinderarmut_6_15"),
    Uebergang("schule_ausbildung", "Schule → Ausbildung", 16 * 12, "kinderarmut_6_15", "elb_quote"),
)
ABSTAND = 12  # Monate davor und danach, die ein Angebot erreichen muss


def spanne(angebot: dict) -> tuple[int, int]:
    """(von, bis) in Monaten: mit eigenem Alter dieses (eine fehlende Grenze: offen, wie in alter.passt), sonst die
    Lebensphasen."""
    von, bis = alter.lies(angebot.get("alter_von", "")), alter.lies(angebot.get("alter_bis", ""))
    if von is not None or bis is not None:
        return (alter.VOR_DER_GEBURT if von is None else von), (alter.HOECHSTES if bis is None else bis)
    phasen = [alter.PHASEN_MONATE[p] for p in katalog.phasen(angebot["lebensphasen"]) if p in alter.PHASEN_MONATE]
    return min((p[0] for p in phasen), default=0), max((p[1] for p in phasen), default=-1)


def bruecken(angebote: pd.DataFrame, u: Uebergang) -> pd.DataFrame:
    """Die laufenden Angebote (nicht beendet), die den Übergang überbrücken; aktive zuerst, dann die mit der
    kleinsten Spanne (eigens für den Übergang gemacht), dann nach Titel."""
    laufend = angebote[angebote["status"] != "beendet"]
    spannen = [spanne(z) for z in laufend.to_dict("records")]
    passt = pd.Series([von <= u.monat - ABSTAND and bis >= u.monat + ABSTAND for von, bis in spannen],
                      index=laufend.index, dtype=bool)  # eine Maske, auch ohne Zeilen (eine leere Liste wählte Spalten)
    treffer = laufend.assign(_breite=[b - v for v, b in spannen])[passt]
    return treffer.sort_values(["status", "_breite", "titel"], key=lambda s: s.map({"aktiv": 0, "geplant": 1})
                               if s.name == "status" else s, kind="stable").drop(columns="_breite")
