"""Statistische Geheimhaltung: die eine Stelle, an der aus einem Datenstand wird, was Leserinnen und Leser sehen.

Jede Ausgabe für Leser – Seiten, Tooltips, Diagramme, Downloads, `python -m indikatoren veroeffentlichen` –
kommt aus `fuer_leser`. Nur die Stabsstelle sieht in der Datenpflege die Rohtabelle und, welche Zelle aus
welchem Grund gesperrt ist (`sperren(...).zellen`).

- Primär: eine Anzahl 1 oder 2 wird nie gezeigt, auch keine Quote mit ihr (sie ließe sich aus Quote und
  Nenner zurückrechnen). Was die Quelle schon gesperrt hat („*“), bleibt gesperrt.
- Sozialräume: einer unter der Mindestgröße (konfiguration.mindestbevoelkerung) zeigt keine Zelle.
- Sekundär: Leser sehen Summenbeziehungen – eine Samtgemeinde oder den Kreis (aus einer Quellzeile) neben
  seinen Gemeinden, und in jeder Zeile eine Summe neben ihren Teilen (`spalten.ZERLEGUNGEN`: Altersgruppen,
  Bevölkerung bis zur Regelaltersgrenze). Aus ihnen darf sich keine gesperrte Zelle ausrechnen lassen. Das
  Verfahren ist die übliche Heuristik: Hat eine Beziehung genau eine unbekannte Zelle, und ist diese gesperrt,
  wird die kleinste gezeigte Zelle derselben Beziehung mitgesperrt – lieber eine von Null verschiedene (eine
  gesperrte 0 neben einer 1 verriete beide) und lieber eine, die zugleich eine zweite unsichere Beziehung
  sichert (so entstehen Rechtecke statt Ketten). Ebenso, wenn die gesperrten Teile zusammen weniger als 3 ergeben,
  denn dann wäre jeder von ihnen klein. Das wiederholt sich, bis es stabil ist. Weil sich Beziehungen auch
  kombinieren lassen (Kreis minus Samtgemeinde, Zeile minus Spalte), prüft danach eine Rangrechnung über alle
  Beziehungen eines Jahres, ob eine gesperrte Zelle trotzdem eindeutig bestimmt ist, und sperrt dann weiter.

Land und Bund stehen in keiner Beziehung: ihre übrigen Kreise kennt die Tabelle nicht. Berechnete Summen
(Samtgemeinde oder Kreis ohne Quellzeile) verraten nichts, was die gezeigten Teile nicht schon sagen: sie
werden mit gesperrtem Teil zur Untergrenze oder entfallen (berechnung.py).
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from indikatoren import konfiguration
from indikatoren.berechnung import berechne
from indikatoren.gebiete import Gebiete
from indikatoren.kennzahlen import Kennzahlen
from indikatoren.sozialraumsummen import mit_gemeindesummen
from indikatoren.spalten import ZERLEGUNGEN

KLEINE_ZAHLEN = (1, 2)
KLEINSTE_GRUPPE = 3  # gesperrte Teile, die zusammen weniger ergeben, wären einzeln erkennbar klein
ARTEN = {1: "geheim (Quelle)", 2: "geheim (primär)", 3: "geheim (sekundär)", 4: "geheim (Sozialraum zu klein)"}
_QUELLE, _PRIMAER, _SEKUNDAER, _KLEIN = 1, 2, 3, 4


@dataclass(frozen=True)
class Sperrung:
    kennzahlen: Kennzahlen  # alle gesperrten Zellen geheim (Wert <NA>): die Grundlage jeder Ausgabe für Leser
    zellen: pd.DataFrame  # ags, name, jahr, merkmal, anzahl (roh), art: jede gesperrte Zelle, für die Stabsstelle


def fuer_leser(kennzahlen: Kennzahlen, gebiete: Gebiete) -> pd.DataFrame:
    """Alle Indikatoren so, wie Leser sie sehen dürfen (Spalten wie berechnung.berechne)."""
    return berechne(sperren(kennzahlen, gebiete).kennzahlen, gebiete)


def sperren(kennzahlen: Kennzahlen, gebiete: Gebiete) -> Sperrung:
    """Primäre und sekundäre Sperrung eines Datenstands; der Datenstand selbst bleibt unverändert."""
    kennzahlen = mit_gemeindesummen(kennzahlen, gebiete)
    merkmale = kennzahlen.merkmale
    if not merkmale or not len(kennzahlen):
        return Sperrung(kennzahlen, pd.DataFrame(columns=["ags", "name", "jahr", "merkmal", "anzahl", "art"]))
    zellen = _Zellen(kennzahlen, gebiete)
    zellen.sperren()
    zeilen, geheim = kennzahlen.zeilen.copy(), kennzahlen.geheim.copy()
    art = zellen.art[: zellen.echte].reshape(len(kennzahlen), len(merkmale))
    for m, s in enumerate(merkmale):
        gesperrt = art[:, m] > 0
        geheim[s] = gesperrt
        zeilen[s] = zeilen[s].mask(gesperrt)
    r, m = np.nonzero(art)
    liste = pd.DataFrame({
        "ags": kennzahlen.zeilen["ags"].to_numpy()[r], "name": kennzahlen.zeilen["name"].to_numpy()[r],
        "jahr": kennzahlen.zeilen["jahr"].to_numpy()[r], "merkmal": np.array(merkmale, dtype=object)[m],
        "anzahl": pd.array([kennzahlen.zeilen[merkmale[j]].iloc[i] for i, j in zip(r, m)], dtype="Int64"),
        "art": [ARTEN[a] for a in art[r, m]]})
    return Sperrung(Kennzahlen(zeilen, geheim), liste)


class _Zellen:
    """Jede Zählzelle (Zeile × Merkmal) als Nummer; dazu Zellen für Gemeinden, deren Zeile fehlt (unbekannt).

    Beziehungen sind als Inzidenzliste gespeichert: je Eintrag Beziehung, Zelle und ob sie das Ganze ist.
    """

    def __init__(self, kennzahlen: Kennzahlen, gebiete: Gebiete):
        merkmale = kennzahlen.merkmale
        self.m = len(merkmale)
        zeilen = kennzahlen.zeilen[["ags", "jahr"]].reset_index(drop=True)
        geo, fehlende = _gebietsbeziehungen(zeilen, gebiete)
        self.echte = len(zeilen) * self.m
        werte = kennzahlen.zeilen[merkmale].to_numpy(dtype=float, na_value=np.nan).ravel()
        quelle_geheim = kennzahlen.geheim[merkmale].to_numpy(dtype=bool).ravel()
        leer = np.full(len(fehlende) * self.m, np.nan)
        self.wert = np.concatenate([werte, leer])
        self.fehlt = np.concatenate([np.isnan(werte) & ~quelle_geheim, np.ones(len(leer), bool)])
        self.art = np.zeros(len(self.wert), np.int8)
        self.art[: self.echte][quelle_geheim] = _QUELLE
        self.art[np.isin(self.wert, KLEINE_ZAHLEN)] = _PRIMAER
        self.art[: self.echte][np.repeat(_zu_klein(kennzahlen, gebiete), self.m)] = _KLEIN
        # Sekundär lieber in einem Sozialraum sperren als in der Gemeinde: deren Wert ist der wichtigere
        sozialraum = kennzahlen.zeilen["ags"].map(gebiete.ebenen).eq("sozialraum").to_numpy()
        self.oben = np.concatenate([np.repeat(~sozialraum, self.m), np.ones(len(leer), bool)])
        jahre = np.concatenate([zeilen["jahr"].to_numpy(), fehlende["jahr"].to_numpy(dtype=np.int64)])
        self._beziehungen(merkmale, len(zeilen) + len(fehlende), geo, jahre)

    def _beziehungen(self, merkmale: list[str], zeilenzahl: int, geo: pd.DataFrame, jahre: np.ndarray):
        nummer = {s: i for i, s in enumerate(merkmale)}
        gruppen = []  # je Beziehungsart: Matrix (Beziehungen × Zellen, erste Spalte das Ganze)
        for ganzes, teile in ZERLEGUNGEN:
            if ganzes in nummer and all(t in nummer for t in teile):
                spalten = [nummer[ganzes]] + [nummer[t] for t in teile]
                gruppen.append(np.arange(zeilenzahl)[:, None] * self.m + np.array(spalten)[None, :])
        for _, teil in geo.groupby("nr", sort=False):  # je Zerlegung eine Breite
            zeilen = np.vstack(teil["zeilen"].to_numpy())
            for s in range(self.m):
                gruppen.append(zeilen * self.m + s)
        rel, zelle, ganz, start = [], [], [], 0
        for g in gruppen:
            n, breite = g.shape
            rel.append(np.repeat(np.arange(start, start + n), breite))
            zelle.append(g.ravel())
            ganz.append(np.tile(np.arange(breite) == 0, n))
            start += n
        self.rel = np.concatenate(rel) if rel else np.zeros(0, np.int64)
        self.zelle = np.concatenate(zelle) if zelle else np.zeros(0, np.int64)
        self.ganz = np.concatenate(ganz) if ganz else np.zeros(0, bool)
        self.anzahl_rel = start
        self.rel_jahr = np.zeros(start, np.int64)
        self.rel_jahr[self.rel] = jahre[self.zelle // self.m]

    @property
    def verdeckt(self) -> np.ndarray:
        return self.art > 0

    def sperren(self) -> None:
        while True:
            self._heuristik()
            bestimmt = self._bestimmbare()
            if not bestimmt.any() or not self._sekundaer_fuer(bestimmt):
                return

    def _heuristik(self) -> None:
        """Bis es stabil ist: in jeder unsicheren Beziehung die kleinste gezeigte Zelle mitsperren."""
        while True:
            unsicher = self._unsichere_beziehungen()
            if not unsicher.any() or not self._kleinste_sperren(unsicher[self.rel]):
                return

    def _unsichere_beziehungen(self) -> np.ndarray:
        verdeckt = self.verdeckt
        unbekannt = verdeckt | self.fehlt
        u, v = unbekannt[self.zelle], verdeckt[self.zelle]
        n_u = np.bincount(self.rel, u, self.anzahl_rel)
        n_v = np.bincount(self.rel, v, self.anzahl_rel)
        einzeln = (n_u == 1) & (n_v == 1)
        # Gesperrte Teile neben gezeigtem Ganzem: ihre Summe ist Ganzes minus gezeigte Teile.
        ganz_gezeigt = np.bincount(self.rel, self.ganz & ~u, self.anzahl_rel) > 0
        gezeigt = np.where(u, 0.0, self.wert[self.zelle])
        rest = np.bincount(self.rel, np.where(self.ganz, gezeigt, -gezeigt), self.anzahl_rel)
        klein = (n_u == n_v) & (n_v >= 2) & ganz_gezeigt & (rest < KLEINSTE_GRUPPE)
        return einzeln | klein

    def _kleinste_sperren(self, auswahl: np.ndarray) -> bool:
        """Je Beziehung (Einträge in `auswahl`) die kleinste gezeigte Zelle sperren; False, wenn keine da ist."""
        kandidat = auswahl & ~(self.verdeckt | self.fehlt)[self.zelle]
        if not kandidat.any():
            return False
        rel, zelle = self.rel[kandidat], self.zelle[kandidat]
        # Je Beziehung kommen nur Zellen der untersten Ebene in Frage: Sozialräume vor ihrer Gemeinde.
        unterste = np.ones(self.anzahl_rel, bool)
        np.minimum.at(unterste, rel, self.oben[zelle])
        rel, zelle = rel[self.oben[zelle] == unterste[rel]], zelle[self.oben[zelle] == unterste[rel]]
        wert = self.wert[zelle]
        # Eine Zelle, die zugleich in einer anderen unsicheren Beziehung steht, sichert beide auf einmal.
        treffer = np.bincount(zelle, minlength=len(self.wert))[zelle]
        reihenfolge = np.lexsort((zelle, wert, -treffer, wert <= 0, rel))
        erste = np.unique(rel[reihenfolge], return_index=True)[1]
        self.art[zelle[reihenfolge][erste]] = _SEKUNDAER
        return True

    def _bestimmbare(self) -> np.ndarray:
        """Gesperrte Zellen, die das Gleichungssystem aller Beziehungen eines Jahres eindeutig festlegt."""
        bestimmt = np.zeros(len(self.wert), bool)
        unbekannt = self.verdeckt | self.fehlt
        mit_unbekannten = np.bincount(self.rel, unbekannt[self.zelle], self.anzahl_rel) > 0
        eintrag = mit_unbekannten[self.rel] & unbekannt[self.zelle]
        for jahr in np.unique(self.rel_jahr[mit_unbekannten]):
            e = eintrag & (self.rel_jahr[self.rel] == jahr)
            spalten, spalte = np.unique(self.zelle[e], return_inverse=True)
            zeilen, zeile = np.unique(self.rel[e], return_inverse=True)
            a = np.zeros((len(zeilen), len(spalten)))
            np.add.at(a, (zeile, spalte), np.where(self.ganz[e], 1.0, -1.0))
            _, sv, vt = np.linalg.svd(a)
            rang = int((sv > 1e-9 * max(a.shape)).sum())
            frei = vt[rang:]  # Basis des Kerns: in diesen Richtungen ist das System nicht festgelegt
            fest = np.abs(frei).max(axis=0) < 1e-9 if len(frei) else np.ones(len(spalten), bool)
            bestimmt[spalten[fest]] = True
        return bestimmt & self.verdeckt

    def _sekundaer_fuer(self, bestimmt: np.ndarray) -> bool:
        """Für jede bestimmte Zelle: in ihren Beziehungen die kleinste gezeigte Zelle sperren."""
        beziehungen = np.zeros(self.anzahl_rel, bool)
        beziehungen[self.rel[bestimmt[self.zelle]]] = True
        if self._kleinste_sperren(beziehungen[self.rel]):
            return True
        jahre = np.isin(self.rel_jahr, self.rel_jahr[beziehungen])  # Notfall: irgendwo im selben Jahr
        return self._kleinste_sperren(jahre[self.rel])


def _zu_klein(kennzahlen: Kennzahlen, gebiete: Gebiete) -> np.ndarray:
    """Je Zeile: ein Sozialraum unter der Mindestgröße (SOZIALPLANUNG_MINDESTBEVOELKERUNG Einwohner unter der
    Regelaltersgrenze, Vorgabe 300); ohne diese Zahl ist seine Größe unbekannt, und er bleibt ebenso verborgen."""
    z = kennzahlen.zeilen
    sozialraum = z["ags"].map(gebiete.ebenen).eq("sozialraum").to_numpy()
    if not sozialraum.any():
        return sozialraum
    groesse = z["bev_u_rag"] if "bev_u_rag" in z.columns else pd.Series(pd.NA, index=z.index, dtype="Int64")
    return sozialraum & ~(groesse >= konfiguration.mindestbevoelkerung()).fillna(False).to_numpy(dtype=bool)


def _gebietsbeziehungen(zeilen: pd.DataFrame, gebiete: Gebiete) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Je Zerlegung und Jahr, in dem das größere Gebiet eine Quellzeile hat: die Zeilennummern (Ganzes zuerst).

    Fehlt die Zeile eines Teils, bekommt sie eine eigene Nummer hinter den echten Zeilen (unbekannt für alle).
    """
    leer = pd.DataFrame(columns=["nr", "zeilen"]), pd.DataFrame(columns=["ags", "jahr"])
    z = gebiete.zerlegungen
    if zeilen.empty or z.empty:
        return leer
    nummer = zeilen.reset_index(names="zeile")
    oben = nummer.merge(z[["nr", "oben"]].drop_duplicates(), left_on="ags", right_on="oben")
    if oben.empty:
        return leer
    teile = oben[["nr", "jahr", "zeile"]].merge(z[["nr", "teil"]], on="nr").merge(
        nummer.rename(columns={"ags": "teil", "zeile": "zeile_teil"}), on=["teil", "jahr"], how="left")
    fehlende = teile.loc[teile["zeile_teil"].isna(), ["teil", "jahr"]].drop_duplicates().reset_index(drop=True)
    fehlende["zeile_teil"] = len(zeilen) + np.arange(len(fehlende))
    teile = teile.merge(fehlende, on=["teil", "jahr"], how="left", suffixes=("", "_neu"))
    teile["zeile_teil"] = teile["zeile_teil"].fillna(teile["zeile_teil_neu"]).astype(np.int64)
    geo = teile.groupby(["nr", "jahr", "zeile"], sort=False)["zeile_teil"].agg(list).reset_index()
    geo["zeilen"] = [np.array([g, *t], dtype=np.int64) for g, t in zip(geo["zeile"], geo["zeile_teil"])]
    return geo[["nr", "zeilen"]], fehlende.rename(columns={"teil": "ags"})[["ags", "jahr"]]


def summentabelle(werte: pd.Series) -> tuple[pd.Series, bool]:
    """Für Teile, deren Summe mit gezeigt wird (Kontakte je Thema neben allen Kontakten): welche Teile gesperrt
    sind, und ob die Summe selbst gesperrt ist. Primär 1 und 2; sekundär die kleinsten gezeigten, von 0
    verschiedenen Teile, bis keine gesperrte Zelle als Differenz zur Summe übrig bleibt und die gesperrten
    zusammen mindestens KLEINSTE_GRUPPE ergeben. Eine Summe von 1 oder 2 sperrt alles."""
    werte = werte.astype(int)
    if werte.sum() in KLEINE_ZAHLEN:
        return werte > 0, True
    gesperrt = werte.isin(KLEINE_ZAHLEN)
    while gesperrt.any() and (gesperrt.sum() == 1 or werte[gesperrt].sum() < KLEINSTE_GRUPPE):
        frei = werte[~gesperrt & (werte > 0)]
        if frei.empty:
            break
        gesperrt[frei.idxmin()] = True
    return gesperrt, False
