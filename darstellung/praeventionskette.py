"""Tabellen der Präventionskette für Leser: Lückenmatrix als Text, Bedarf daneben, Kreisansicht.

Zahlen nur aus dem Lesergebnis (geheimhaltung.fuer_leser); Farbe ist nie der einzige Träger: Lücken heißen
„Lücke“, mögliche Doppelungen „(doppelt?)“, geplante Angebote stehen in Klammern dabei.
"""

import pandas as pd

from angebote import katalog, luecken, suche, uebergaenge
from darstellung.tabellen import nte_text, wert_text
from indikatoren.grundlagen.katalog import indikator
from indikatoren.rechnen import auswertung
from indikatoren.rechnen.berechnung import Status

# Altersgruppen der Daten, die zu den Lebensphasen passen (sie decken sich nicht: 6-15 in den Daten,
# 6-10 und 10-18 bei den Angeboten)
BEDARF = (("kinderarmut_u3", "0-3"), ("kinderarmut_3_6", "3-6"), ("kinderarmut_6_15", "6-10, 10-18"),
          ("kinderarmut", "unter 15 zusammen"))


def matrix_text(angebote: pd.DataFrame, gemeinde: str | None, sozialraum: str | None = None) -> pd.DataFrame:
    """Lebensphasen als Zeilen, Handlungsfelder als Spalten; je Zelle „2“, „Lücke“, „Lücke (1 geplant)“ …"""
    m = luecken.matrix(angebote, gemeinde, sozialraum)

    def zelle(z) -> str:
        text = "Lücke" if z.luecke else str(z.anzahl) + (" (doppelt?)" if z.doppelt else "")
        if z.davon_kreisweit:
            text += f", davon {z.davon_kreisweit} kreisweit"
        return text + (f" ({z.geplant} geplant)" if z.geplant else "")

    tabelle = m.assign(text=[zelle(z) for z in m.itertuples()]).pivot(
        index="lebensphase", columns="handlungsfeld", values="text")
    return tabelle.reindex(index=list(katalog.LEBENSPHASEN), columns=list(katalog.HANDLUNGSFELDER)).rename_axis(
        index="Lebensphase", columns=None)


# Legende der Matrix: dieselben Klassen wie die Zellen (stil.py), Farbe und Muster mit dem Wort daneben
LEGENDE = '<div class="pk-legende" role="list" aria-label="Legende der Matrix">' + "".join(
    f'<span role="listitem"><span class="pk-muster pk-{zustand}" aria-hidden="true"></span>{name}</span>'
    for zustand, name in luecken.ZUSTAENDE.items()) + "</div>"


def zellen(angebote: pd.DataFrame, gemeinde: str | None, sozialraum: str | None = None) -> pd.DataFrame:
    """Die Matrix als Zellen zum Anklicken: je Lebensphase × Handlungsfeld der Zustand (luecken.ZUSTAENDE), eine
    kurze Beschriftung, die ihn in Worten nennt, und eine lange für den Tooltip."""
    m = luecken.matrix(angebote, gemeinde, sozialraum)

    def kurz(z) -> str:
        if z.zustand == "luecke":
            return "Lücke"
        if z.zustand == "geplant":
            return f"nur geplant: {z.geplant}"
        return f"{z.anzahl} aktiv" + (" · doppelt?" if z.doppelt else "") + (f" + {z.geplant} geplant"
                                                                            if z.geplant else "")

    def lang(z) -> str:
        teile = [f"{z.anzahl} aktive" + (f", davon {z.davon_kreisweit} kreisweit" if z.davon_kreisweit else ""),
                 f"{z.geplant} geplante"]
        return (f"{z.handlungsfeld}, {z.lebensphase}: {luecken.ZUSTAENDE[z.zustand]} ({'; '.join(teile)} "
                "Angebote). Klicken zeigt die Angebote.")

    return m.assign(beschriftung=[kurz(z) for z in m.itertuples()], hilfe=[lang(z) for z in m.itertuples()])


def uebergaenge_text(angebote: pd.DataFrame, ergebnis: pd.DataFrame, gebiet: str, jahr: int) -> pd.DataFrame:
    """Je Übergang die Angebote, die ihn überbrücken (aktive, geplante), neben dem Bedarf der Altersgruppe davor und
    danach im Gebiet (Kreis, Gemeinde oder Sozialraum)."""
    def bedarf(ind_id: str) -> str:
        z = auswertung.zeile(ergebnis, ind_id, jahr, gebiet)
        return f"{indikator(ind_id).kurz}: " + ("–" if z is None else wert_text(z["wert"], z["status"]))

    zeilen = []
    for u in uebergaenge.UEBERGAENGE:
        b = uebergaenge.bruecken(angebote, u)
        zeilen.append({"Übergang": u.name, "Bedarf davor": bedarf(u.bedarf_vorher),
                       "Bedarf danach": bedarf(u.bedarf_nachher),
                       "aktive Angebote": int((b["status"] == "aktiv").sum()),
                       "geplante": int((b["status"] == "geplant").sum())})
    return pd.DataFrame(zeilen)


def bruecken_text(angebote: pd.DataFrame, kennung: str) -> pd.DataFrame:
    """Die Angebote eines Übergangs für die Liste darunter: Titel, Träger, für welches Alter, Status."""
    u = next(u for u in uebergaenge.UEBERGAENGE if u.kennung == kennung)
    b = uebergaenge.bruecken(angebote, u)
    alter = [(f"{z['alter_von'] or '…'} bis {z['alter_bis'] or '…'}" if z["alter_von"] or z["alter_bis"]
              else ", ".join(katalog.phasen(z["lebensphasen"]))) for z in b.to_dict("records")]
    return pd.DataFrame({"Titel": b["titel"].tolist(), "Träger": b["traeger"].tolist(), "Alter": alter,
                         "Status": b["status"].tolist()})


def bedarf_text(ergebnis: pd.DataFrame, gemeinde: str | None, kreis: str, jahr: int,
                geschwister: list[str] | None = None) -> pd.DataFrame:
    """NEF-Quote der passenden Altersgruppen für Gemeinde (oder Sozialraum, dann Platz unter `geschwister`) und
    Kreis, mit „jedes n-te Kind“ und Rangplatz."""
    zeilen = []
    for ind_id, phasen in BEDARF:
        ind = indikator(ind_id)
        k = auswertung.zeile(ergebnis, ind_id, jahr, kreis)
        zeile = {"Altersgruppe der Daten": ind.kurz, "Lebensphasen der Angebote": phasen,
                 "Kreis": "–" if k is None else wert_text(k["wert"], k["status"])}
        if gemeinde:
            g = auswertung.zeile(ergebnis, ind_id, jahr, gemeinde)
            platz, von = auswertung.platz(ergebnis, ind_id, jahr, gemeinde, geschwister)
            ebene = "Gemeinde" if geschwister is None else "Sozialraum"
            zeile |= {ebene: "–" if g is None else wert_text(g["wert"], g["status"]),
                      "jedes n-te Kind": "" if g is None else nte_text(g["wert"], g["status"], ind),
                      "Platz": f"{platz} von {von}" if platz else "–"}
        zeilen.append(zeile)
    return pd.DataFrame(zeilen)


def kreisansicht(angebote: pd.DataFrame, ergebnis: pd.DataFrame, gemeinden: pd.DataFrame, jahr: int) -> pd.DataFrame:
    """Gemeinden × Lebensphasen (aktive Angebote, eigene und kreisweite), absteigend nach Kinderarmutsindikator,
    damit „hoher Bedarf, wenige Angebote“ oben auffällt."""
    rang = auswertung.rangliste(ergebnis, "kinderarmut", jahr).set_index("ags")
    zeilen = []
    for ags, name in zip(gemeinden["ags"], gemeinden["name"]):
        matrix = luecken.matrix(angebote, ags)
        m = matrix.groupby("lebensphase", sort=False)["anzahl"].sum()
        r = rang.loc[ags] if ags in rang.index else None
        zeilen.append({"AGS": ags, "Gemeinde": name,
                       "Kinderarmut": "–" if r is None else wert_text(r["wert"], r["status"]),
                       "_wert": None if r is None or r["status"] != Status.OK else r["wert"],
                       **{phase: int(m.get(phase, 0)) for phase in katalog.LEBENSPHASEN},
                       "Lücken (Felder × Phasen)": int(matrix["luecke"].sum())})
    tabelle = pd.DataFrame(zeilen).sort_values(["_wert", "Gemeinde"], ascending=[False, True], na_position="last")
    return tabelle.drop(columns="_wert").reset_index(drop=True)


def angebote_der_zelle(angebote: pd.DataFrame, gemeinde: str | None, phase: str, feld: str) -> pd.DataFrame:
    """Die Angebote einer Zelle der Matrix (aktive, dann geplante), für die Liste unter der Matrix."""
    treffer = suche.finde(angebote, suche.Filter(lebensphase=phase, handlungsfeld=feld, gemeinde=gemeinde))
    return treffer[["titel", "traeger", "ort", "zugang", "kosten", "status", "quelle"]].rename(
        columns=str.capitalize).reset_index(drop=True)
