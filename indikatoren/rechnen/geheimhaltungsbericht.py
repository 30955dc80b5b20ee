"""Der Bericht der Geheimhaltung je Jahr für die Stabsstelle: was gesperrt ist und warum, wie eng ein Leser eine
gesperrte Zelle höchstens eingrenzen kann, was an Information verloren geht – und dasselbe für das frühere
Verfahren (Heuristik und Rangprüfung), damit der Unterschied sichtbar ist."""

import pandas as pd

from indikatoren.grundlagen.gebiete import Gebiete
from indikatoren.grundlagen.kennzahlen import Kennzahlen
from indikatoren.grundlagen.spalten import NACH_NAME
from indikatoren.rechnen.geheimhaltung import ARTEN, Sperrung, sperren

SPALTEN = ["jahr", "primaer", "sekundaer", "zu_klein", "quelle", "nicht_erfuellt", "engstes", "verlust_zellen",
           "verlust_summe", "heuristik_zellen", "heuristik_summe", "heuristik_verletzt"]


def bericht(kennzahlen: Kennzahlen, gebiete: Gebiete, frueher: tuple[Kennzahlen, ...] = ()) -> pd.DataFrame:
    """Eine Zeile je Jahr (Spalten SPALTEN); `engstes` ist die geschützte Zelle mit dem kleinsten Abstand zwischen
    ihrem Wert und dem Maximum, das ein Leser errechnen kann, als Text („Eime, NEF unter 3 Jahren = 2: 1 bis 9“)."""
    jetzt, alt = sperren(kennzahlen, gebiete, frueher=frueher), sperren(kennzahlen, gebiete, verfahren="heuristik")
    jahre = sorted(set(kennzahlen.zeilen["jahr"]))
    zeilen = []
    for jahr in jahre:
        z, p = jetzt.zellen[jetzt.zellen["jahr"] == jahr], jetzt.pruefung[jetzt.pruefung["jahr"] == jahr]
        sekundaer = z[z["art"] == ARTEN[3]]
        vorher = _verlust(alt, jahr)
        zeilen.append({
            "jahr": int(jahr), "primaer": int((z["art"] == ARTEN[2]).sum()), "sekundaer": len(sekundaer),
            "zu_klein": int((z["art"] == ARTEN[4]).sum()), "quelle": int((z["art"] == ARTEN[1]).sum()),
            "nicht_erfuellt": int((~p["erfuellt"]).sum()) + int((z["art"] == ARTEN[5]).sum()),
            "engstes": _engstes(p), "verlust_zellen": len(sekundaer) + int((z["art"] == ARTEN[5]).sum()),
            "verlust_summe": int(sekundaer["anzahl"].fillna(0).sum()), "heuristik_zellen": vorher[0],
            "heuristik_summe": vorher[1], "heuristik_verletzt": vorher[2]})
    return pd.DataFrame(zeilen, columns=SPALTEN)


def _verlust(sperrung: Sperrung, jahr: int) -> tuple[int, int, int]:
    z, p = sperrung.zellen[sperrung.zellen["jahr"] == jahr], sperrung.pruefung[sperrung.pruefung["jahr"] == jahr]
    sekundaer = z[z["art"] == ARTEN[3]]
    return len(sekundaer), int(sekundaer["anzahl"].fillna(0).sum()), int((~p["erfuellt"]).sum())


def _engstes(pruefung: pd.DataFrame) -> str:
    bekannt = pruefung[pruefung["anzahl"].notna()]
    if bekannt.empty:
        return ""
    z = bekannt.loc[(bekannt["oben"] - bekannt["anzahl"].astype(float)).idxmin()]
    oben = "offen" if z["oben"] >= 1e8 else f"{int(z['oben'])}"
    was = NACH_NAME[z["merkmal"]].bedeutung.rstrip(".") if z["merkmal"] in NACH_NAME else z["merkmal"]
    return f"{z['name'] or z['ags']}, {was} = {int(z['anzahl'])}: {int(z['unten'])} bis {oben}"
