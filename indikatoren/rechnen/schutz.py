"""Schutzintervalle: was ein Leser aus dem Gezeigten über jede gesperrte Zelle schließen kann, und welche Zellen
dazu noch zu sperren sind – der Maßstab der statistischen Ämter (τ-ARGUS, sdcTable, Handbook on Statistical
Disclosure Control), nicht nur „nicht genau ausrechenbar“.

Eine Tabelle ist hier eine Menge von Zählzellen und Summenbeziehungen zwischen ihnen (Ganzes = Summe der Teile),
wie Leser sie sehen. Der Leser als Angreifer löst ein ganzzahliges lineares Programm: Unbekannt sind die
gesperrten und die fehlenden Zellen, alle Beziehungen gelten, jede Zelle ist eine ganze Zahl ≥ 0, und eine
gesperrte Zelle ist ≥ 1, wo gezeigte Nullen verraten, dass Gesperrtes nie 0 ist (`untergrenze`). Minimum und
Maximum einer gesperrten Zelle in diesem Programm sind ihr Intervall (HiGHS, `loeser.py`).

Anforderung an jede geschützte Zelle (`Anforderung.fuer`):
- eine kleine Zahl v (primär: 1 .. schwelle-1): das Intervall reicht nach oben bis mindestens v + abstand
  (Vorgabe 3: eine 1 könnte ebenso gut 4 sein, eine 2 ebenso gut 5 – Werte, die nicht mehr klein sind). Damit
  ist es auch mindestens `abstand` breit, denn v liegt darin;
- ein unbekannter Wert (von der Quelle gesperrt): das Intervall ist mindestens `abstand` breit;
- ein Wert, der aus anderem Grund verborgen ist (ein zu kleiner Sozialraum): das Intervall reicht `abstand` nach
  oben und nach unten (bis 0) – dort ist der genaue Wert das Geheimnis.
Das folgt dem Handbuch (Kapitel 4 und 5): jede primäre Zelle bekommt ein Schutzintervall, und nach der Sperrung
prüft ein lineares Programm, dass es von dem, was veröffentlicht wird, nicht eingeengt wird. Die Gefahr bei
kleinen Häufigkeiten ist, dass eine Zahl als klein erkannt wird; darum ist die Anforderung dort einseitig nach
oben. Nach unten weiß ein Leser ohnehin, dass eine gesperrte Zelle ≥ 1 ist, und eine gesperrte Summe aus k
gesperrten Teilen ≥ k – das verrät nicht, dass sie klein ist, und ließe sich nur verhindern, indem man Nullen
sperrt.

Zusätzlich gesperrt wird, was die Anforderung erfüllt und am wenigsten kostet: je verletzter Zelle ein
ganzzahliges Programm nach Fischetti und Salazar (je verletzter Richtung eine Tabelle, die zu allem Gezeigten
passt und die Zelle bis an die Grenze ihres Intervalls schiebt; nur gesperrte Zellen dürfen dabei vom wahren Wert
abweichen), mit den Kosten je Zelle, die der Aufrufer festlegt. Nullen werden nie gesperrt – so
stimmt das Wissen „gesperrt heißt mindestens 1“, mit dem die Prüfung rechnet. Weil jede weitere Sperrung
Intervalle nur verbreitert, endet das Verfahren; was sich nicht erfüllen lässt, meldet `Schutz.unerfuellt`.

Große Tabellen (ein Kreis mit 235 Gemeinden, 941 Statistische Gebiete) rechnet es in Teilen: erst Teiltabellen von
oben nach unten (`_modular`, wie τ-ARGUS „Modular“), und jede Ergänzung zuerst nur in der Umgebung der verletzten
Zelle (`_Zusammenhang.umgebung`). Beides wählt nur vor; entschieden wird immer mit der Prüfung über alles.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from indikatoren.rechnen.loeser import Modell

GROSS = 1e9  # obere Schranke jeder Zelle statt unendlich: hält jedes Programm beschränkt


@dataclass(frozen=True)
class Anforderung:
    """Je Zelle, was ein Leser nicht ausschließen können darf (NaN: keine Anforderung an diese Zelle)."""

    oben: np.ndarray  # sein Maximum ist mindestens so groß
    unten: np.ndarray  # sein Minimum ist höchstens so groß
    breite: np.ndarray  # Maximum minus Minimum ist mindestens so groß (für Zellen, deren Wert niemand kennt)

    @classmethod
    def fuer(cls, wert: np.ndarray, klein: np.ndarray, unbekannt: np.ndarray, verborgen: np.ndarray,
             abstand: int) -> "Anforderung":
        """Die Regel dieses Projekts: eine kleine Zahl v reicht bis v + abstand; eine Zelle mit unbekanntem Wert
        (von der Quelle gesperrt) ist abstand breit; eine Zelle, die aus anderem Grund ganz verborgen ist (ein zu
        kleiner Sozialraum), reicht abstand nach oben und nach unten (bis 0), denn dort ist der genaue Wert das
        Geheimnis, nicht seine Kleinheit."""
        leer = np.full(len(wert), np.nan)
        bekannt = ~np.isnan(wert)
        oben = np.where((klein | verborgen) & bekannt, wert + abstand, leer)
        unten = np.where(verborgen & bekannt, np.maximum(wert - abstand, 0.0), leer)
        breite = np.where(unbekannt & ~bekannt, float(abstand), leer)
        return cls(oben, unten, breite)

    @property
    def geschuetzt(self) -> np.ndarray:
        return ~(np.isnan(self.oben) & np.isnan(self.unten) & np.isnan(self.breite))

    def erfuellt(self, zellen: np.ndarray, unten: np.ndarray, oben: np.ndarray) -> np.ndarray:
        o, u, b = self.oben[zellen], self.unten[zellen], self.breite[zellen]
        with np.errstate(invalid="ignore"):
            return ((np.isnan(o) | (oben >= o)) & (np.isnan(u) | (unten <= u)) & (np.isnan(b) | (oben - unten >= b))
                    & ~np.isnan(oben))


@dataclass(frozen=True)
class Summen:
    """Zellen und die Beziehungen zwischen ihnen, als Inzidenzliste (je Eintrag Beziehung, Zelle, ob Ganzes)."""

    wert: np.ndarray  # float je Zelle; NaN: unbekannt (fehlt, oder die Quelle hat die Zelle gesperrt)
    rel: np.ndarray
    zelle: np.ndarray
    ganz: np.ndarray
    gruppe: np.ndarray  # je Beziehung, etwa das Jahr: was sich nicht schützen lässt, wird je Gruppe gemeldet

    @property
    def anzahl_rel(self) -> int:
        return len(self.gruppe)


@dataclass(frozen=True)
class Schutz:
    verdeckt: np.ndarray  # je Zelle: gesperrt (die Eingabe und was dazukam)
    pruefung: pd.DataFrame  # je geschützter Zelle: zelle, wert, unten, oben, erfuellt (nach der Sperrung)
    unerfuellt: list  # Gruppen, deren Anforderungen sich nicht erfüllen ließen


STETIG = 0.9  # Preis einer Zelle, die in einer früheren Gruppe (Jahr) schon gesperrt ist: Muster bleiben stetig


def schuetzen(summen: Summen, verdeckt: np.ndarray, anforderung: Anforderung, untergrenze: np.ndarray,
              kosten: np.ndarray, gleiche: np.ndarray | None = None, teiltabellen: Sequence[np.ndarray] = ()
              ) -> Schutz:
    """Sperrt zusätzlich, bis jede geschützte Zelle ihr Schutzintervall hat; jede Runde prüft alles neu.

    Eine Zelle mit unendlichen Kosten steht fest (etwa: schon so veröffentlicht) und wird nie mitgesperrt.
    `gleiche` nennt je Zelle, welche Zellen anderer Gruppen dieselbe sind (etwa dasselbe Gebiet und Merkmal in
    einem anderen Jahr, gleiche Zahl = dieselbe). Die Zusammenhänge werden in der Reihenfolge ihrer Zellen gelöst;
    was in einem gesperrt ist, wird in den folgenden billiger (STETIG): von Jahr zu Jahr fehlen dieselben Werte.
    `teiltabellen` (je eine Liste von Beziehungen, von oben nach unten): siehe _modular."""
    verdeckt, untergrenze, kosten = verdeckt.copy(), untergrenze.copy(), kosten.astype(float).copy()
    unerfuellt, befunde = [], [_frei(summen, verdeckt, anforderung, untergrenze)]
    teil_von = _zusammenhaenge(summen)
    for nummer in np.unique(teil_von):
        im_teil = teil_von == nummer
        teil = _Zusammenhang(summen, im_teil)
        if not (anforderung.geschuetzt[teil.zellen] & verdeckt[teil.zellen]).any():
            continue
        untergrenze[teil.zellen] = teil.stimmige_untergrenze(verdeckt, untergrenze)[teil.zellen]
        if len(teil.zellen) > GROSSE_TABELLE:
            _modular(summen, [t[im_teil[t]] for t in teiltabellen if im_teil[t].any()], verdeckt, anforderung,
                     untergrenze, kosten)
        pruefung, verletzt = _bis_erfuellt(teil, verdeckt, anforderung, untergrenze, kosten)
        befunde.append(pruefung)
        if gleiche is not None:
            gesperrt = gleiche[teil.zellen[verdeckt[teil.zellen]]]
            kosten[np.isin(gleiche, gesperrt[gesperrt >= 0]) & ~verdeckt] *= STETIG
        if not verletzt.empty:
            unerfuellt.append(summen.gruppe[teil_von == nummer][0])
    return Schutz(verdeckt, _zusammen(befunde), sorted(set(unerfuellt)))


# Große Tabellen (mehr Zellen in einem Zusammenhang) rechnet der Schutz in Teilen: erst Teiltabellen (_modular), und
# jede Ergänzung zuerst nur in der Umgebung der verletzten Zelle (_Zusammenhang.umgebung, so viele je Beziehung)
GROSSE_TABELLE = 200
UMGEBUNG = 6


def _bis_erfuellt(teil: "_Zusammenhang", verdeckt, anforderung, untergrenze, kosten
                  ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Prüfen und ergänzen, bis alles erfüllt ist oder keine Sperrung mehr hilft: (letzte Prüfung, verletzt)."""
    for _ in range(len(teil.zellen) + 1):  # jede Runde sperrt mindestens eine Zelle mehr
        pruefung = teil.pruefen(verdeckt, anforderung, untergrenze)
        verletzt = pruefung[~pruefung["erfuellt"]]
        if verletzt.empty or not _ergaenzen(teil, verletzt, verdeckt, anforderung, untergrenze, kosten):
            break
    return pruefung, verletzt


def _modular(summen: Summen, teiltabellen: list[np.ndarray], verdeckt, anforderung, untergrenze, kosten) -> None:
    """Vorauswahl in Teiltabellen, wie τ-ARGUS „Modular“ (HiTaS, de Wolf): ein großer Zusammenhang (ein Kreis mit
    235 Gemeinden in Verbandsgemeinden) wird als Folge kleiner Tabellen geschützt, je ein Gebiet mit seinen Teilen,
    von oben nach unten. Was eine obere Tabelle zeigt, steht in den unteren fest (etwa die Summe einer
    Verbandsgemeinde, die der Kreis zeigt): so bleibt jede Tabelle für sich stimmig. Die Programme sind klein und
    schnell; das Ergebnis ist nur eine Vorauswahl – die Prüfung des ganzen Zusammenhangs danach entscheidet, und
    was dort noch zu eng ist, ergänzt das Programm über alles."""
    gesehen = np.zeros(len(verdeckt), bool)
    for beziehungen in teiltabellen:
        auswahl = np.zeros(summen.anzahl_rel, bool)
        auswahl[beziehungen] = True
        tabelle = _Zusammenhang(summen, auswahl)
        fest = kosten.copy()
        fest[gesehen & ~verdeckt] = np.inf
        _bis_erfuellt(tabelle, verdeckt, anforderung, untergrenze, fest)
        gesehen[tabelle.zellen] = True


def _ergaenzen(teil: "_Zusammenhang", verletzt: pd.DataFrame, verdeckt, anforderung, untergrenze, kosten) -> bool:
    """Sperrt je verletzter Zelle die billigste Ergänzung (in `verdeckt`); False, wenn keine Zelle dazukam. Vor
    jeder außer der ersten wird geprüft, ob eine Sperrung dieser Runde sie schon geschützt hat. (Ein gemeinsames
    Programm für alle verletzten Zellen spart selten eine Zelle und braucht gemessen dreimal so lange.)"""
    neu = False
    for i in range(len(verletzt)):
        befund = verletzt.iloc[[i]]
        if i:
            befund = teil.pruefen(verdeckt, anforderung, untergrenze, nur=befund["zelle"].tolist(),
                                  mit_unten=False)
            if befund["erfuellt"].all():
                continue
        dazu = teil.waehlen(befund, verdeckt, anforderung, untergrenze, kosten)
        if dazu is None or not len(dazu):
            return neu
        verdeckt[dazu] = True
        neu = True
    return neu


def _frei(summen: Summen, verdeckt, anforderung, untergrenze) -> pd.DataFrame:
    """Geschützte Zellen in keiner Beziehung: es gibt nichts, womit ein Leser sie einengen könnte."""
    in_beziehung = np.zeros(len(summen.wert), bool)
    in_beziehung[summen.zelle] = True
    frei = np.flatnonzero(anforderung.geschuetzt & verdeckt & ~in_beziehung)
    return pd.DataFrame({"zelle": frei, "wert": summen.wert[frei], "unten": untergrenze[frei].astype(float),
                         "oben": GROSS, "erfuellt": True})


def pruefen(summen: Summen, verdeckt: np.ndarray, anforderung: Anforderung, untergrenze: np.ndarray
            ) -> pd.DataFrame:
    """Das Intervall jeder gesperrten, geschützten Zelle, wie ein Leser es ausrechnen kann, und ob es reicht."""
    teile = [_frei(summen, verdeckt, anforderung, untergrenze)]
    teil_von = _zusammenhaenge(summen)
    for n in np.unique(teil_von):
        teil = _Zusammenhang(summen, teil_von == n)
        teile.append(teil.pruefen(verdeckt, anforderung, teil.stimmige_untergrenze(verdeckt, untergrenze)))
    return _zusammen(teile)


def _zusammen(befunde: list[pd.DataFrame]) -> pd.DataFrame:
    """Die Befunde aller Zusammenhänge in einer Tabelle, nach Zelle (der erste ist immer da, auch wenn leer)."""
    return pd.concat([b for b in befunde if len(b)] or befunde[:1], ignore_index=True).sort_values(
        "zelle", ignore_index=True)


def _zusammenhaenge(summen: Summen) -> np.ndarray:
    """Je Beziehung die Nummer ihres Zusammenhangs: Beziehungen, die über gemeinsame Zellen verbunden sind.

    Getrennte Teile (etwa die Bevölkerung, die NEF, die ELB eines Jahres) werden je für sich gelöst: kleinere
    Programme, und was in einem Teil gesperrt wird, ändert an den anderen nichts."""
    marke = np.arange(len(summen.wert))
    while True:  # jede Zelle bekommt die kleinste Marke ihrer Beziehungen, bis sich nichts mehr ändert
        je_rel = np.full(summen.anzahl_rel, len(marke))
        np.minimum.at(je_rel, summen.rel, marke[summen.zelle])
        neu = marke.copy()
        np.minimum.at(neu, summen.zelle, je_rel[summen.rel])
        if np.array_equal(neu, marke):
            break
        marke = neu
    teil = np.zeros(summen.anzahl_rel, np.int64)
    teil[summen.rel] = marke[summen.zelle]
    return teil


class _Zusammenhang:
    """Die Zellen und Beziehungen eines Zusammenhangs, mit eigener Nummerierung der Zellen."""

    def __init__(self, summen: Summen, auswahl_rel: np.ndarray):
        auswahl = auswahl_rel[summen.rel]
        self.zellen, self.lokal = np.unique(summen.zelle[auswahl], return_inverse=True)
        _, self.rel = np.unique(summen.rel[auswahl], return_inverse=True)
        self.vorzeichen = np.where(summen.ganz[auswahl], 1.0, -1.0)
        self.wert = summen.wert[self.zellen]
        self.anzahl_rel = int(self.rel.max()) + 1 if len(self.rel) else 0

    def stimmige_untergrenze(self, verdeckt, untergrenze) -> np.ndarray:
        """Die Untergrenzen, mit denen die Tabelle lösbar ist: Hat die Quelle eine 0 gesperrt (ihr Wert ist auch
        uns unbekannt), widerspräche „gesperrt heißt ≥ 1“ den Summen; dann gilt für ihre Zellen 0."""
        status, _, _ = self._leser(verdeckt, untergrenze)[0].loese(np.zeros(self._unbekannte(verdeckt).sum()))
        if status != "unloesbar":
            return untergrenze
        untergrenze = untergrenze.copy()
        untergrenze[self.zellen[verdeckt[self.zellen] & np.isnan(self.wert)]] = 0.0
        return untergrenze

    def _unbekannte(self, verdeckt) -> np.ndarray:
        return verdeckt[self.zellen] | np.isnan(self.wert)

    def _leser(self, verdeckt, untergrenze):
        """Das Programm des Lesers: Unbekannte sind gesperrte und fehlende Zellen, Gezeigtes ist eingesetzt.
        Ergebnis: der Löser und je Zelle der Gruppe ihre Spalte darin."""
        unbekannt = self._unbekannte(verdeckt)
        nummer = np.cumsum(unbekannt) - 1
        eintrag = unbekannt[self.lokal]
        rechts = np.bincount(self.rel[~eintrag], -self.vorzeichen[~eintrag] * self.wert[self.lokal[~eintrag]],
                             self.anzahl_rel)
        modell = Modell(unten=np.where(verdeckt[self.zellen], untergrenze[self.zellen], 0.0)[unbekannt],
                        oben=np.full(int(unbekannt.sum()), GROSS), ganzzahlig=np.ones(int(unbekannt.sum()), bool))
        modell.block(self.rel[eintrag], nummer[self.lokal[eintrag]], self.vorzeichen[eintrag], rechts, rechts)
        return modell.loeser(), nummer

    def pruefen(self, verdeckt, anforderung: Anforderung, untergrenze, nur=None, mit_unten=True) -> pd.DataFrame:
        """Minimum und Maximum jeder gesperrten, geschützten Zelle im Programm des Lesers (das Minimum, wo eine
        Anforderung es braucht, und sonst für den Bericht)."""
        ziel = np.flatnonzero(verdeckt[self.zellen] & anforderung.geschuetzt[self.zellen]) if nur is None \
            else np.searchsorted(self.zellen, nur)
        if not len(ziel):
            return pd.DataFrame(columns=["zelle", "wert", "unten", "oben", "erfuellt"])
        loeser, nummer = self._leser(verdeckt, untergrenze)
        zellen = self.zellen[ziel]
        braucht_unten = mit_unten | ~np.isnan(anforderung.unten[zellen]) | ~np.isnan(anforderung.breite[zellen])
        unten = np.array([loeser.minimum(nummer[z]) if b else np.nan for z, b in zip(ziel, braucht_unten)])
        oben = np.array([loeser.maximum(nummer[z]) for z in ziel])
        return pd.DataFrame({"zelle": zellen, "wert": self.wert[ziel], "unten": unten, "oben": oben,
                             "erfuellt": anforderung.erfuellt(zellen, unten, oben)})

    def waehlen(self, verletzt: pd.DataFrame, verdeckt, anforderung, untergrenze, kosten) -> np.ndarray | None:
        """Die billigsten gezeigten Zellen, deren Sperrung allen verletzten Zellen ihr Intervall gibt (None: keine
        Wahl reicht). Erst mit kleinem Spielraum nach oben (ein Mehrfaches der nötigen Verschiebung: das Programm
        bleibt eng und schnell; in Summentabellen verschiebt ein Kreis von Zellen jede um denselben Betrag), dann
        unbegrenzt; in großen Tabellen zuvor nur in der Umgebung der verletzten Zellen."""
        a = self.wert
        gross = 2 * float(np.nanmax(a)) + 10 if np.isfinite(a).any() else GROSS
        z = verletzt["zelle"].to_numpy()
        schub = np.nanmax(np.concatenate([anforderung.oben[z], anforderung.breite[z], a[np.searchsorted(
            self.zellen, z)], [1.0]]))
        versuche: list[tuple[float, np.ndarray | None]] = [(4.0 * schub, None), (gross, None)]
        if len(self.zellen) > GROSSE_TABELLE:  # erst nah, dann weiter: ein Fehlschlag kostet Millisekunden
            versuche[:0] = [(4.0 * schub, self.umgebung(z, verdeckt, kosten, stufen=s)) for s in (2, 3, 4)]
        for weit, erlaubt in versuche:
            gewaehlt = self._waehlen(verletzt, verdeckt, anforderung, untergrenze, kosten, min(weit, gross), erlaubt)
            if gewaehlt is not None:
                return gewaehlt
        return None

    def umgebung(self, zellen: np.ndarray, verdeckt, kosten, stufen: int, je_beziehung: int = UMGEBUNG
                 ) -> np.ndarray:
        """Je lokaler Zelle: liegt sie nahe an `zellen`? Von ihnen aus je Beziehung die `je_beziehung` billigsten
        Zellen, die gesperrt werden könnten, von diesen aus wieder, `stufen` Mal. Dort liegt fast immer die billigste
        Ergänzung: die Kosten wachsen mit der Größe, und ein Kreis von Zellen, der eine verschiebt, braucht nur
        wenige Gebiete. Das Programm nur über diese Zellen ist in großen Tabellen vielfach schneller; findet es
        nichts, wählt das über alle Zellen."""
        drin = np.zeros(len(self.zellen), bool)
        drin[np.searchsorted(self.zellen, zellen)] = True
        gesperrt_moeglich = ~verdeckt[self.zellen] & (np.nan_to_num(self.wert) >= 1)  # nie Nullen (s. oben)
        preis = np.where(gesperrt_moeglich, kosten[self.zellen], np.inf)
        for _ in range(stufen):
            beziehungen = np.zeros(self.anzahl_rel, bool)
            beziehungen[self.rel[drin[self.lokal]]] = True
            e = np.flatnonzero(beziehungen[self.rel] & np.isfinite(preis[self.lokal]))
            folge = e[np.lexsort((preis[self.lokal[e]], self.rel[e]))]
            rang = np.arange(len(folge)) - np.searchsorted(self.rel[folge], self.rel[folge])
            drin[self.lokal[folge[rang < je_beziehung]]] = True
        return drin

    def _waehlen(self, verletzt: pd.DataFrame, verdeckt, anforderung, untergrenze, kosten, weit: float,
                 erlaubt: np.ndarray | None = None):
        """Je verletzter Richtung einer Zelle eine Kopie y der Tabelle, die alle Beziehungen erfüllt und die Zelle
        bis an die Grenze ihres Intervalls schiebt (bei unbekanntem Wert zwei Kopien, so weit auseinander wie
        verlangt); eine gezeigte Zelle darf in y nur abweichen, wenn sie gesperrt wird (x = 1), nach unten höchstens
        bis zur Untergrenze, nach oben höchstens um `weit`. Alle Kopien teilen x; minimiert wird die Summe der Kosten
        gesperrter Zellen (Fischetti/Salazar).
        """
        n = len(self.zellen)
        v = verdeckt[self.zellen]
        boden = untergrenze[self.zellen].astype(float)
        a = self.wert
        kandidat = ~v & ~np.isnan(a) & (np.nan_to_num(a) >= 1) & np.isfinite(kosten[self.zellen])
        if erlaubt is not None:
            kandidat &= erlaubt
        unten = np.where(v, boden, np.where(np.isnan(a), 0.0, np.where(kandidat, boden, a)))
        oben = np.where(v | np.isnan(a) | kandidat, GROSS, a)
        kopien: list[tuple[int, float, float]] = []  # je Kopie: (Zelle, untere, obere Schranke)
        paare: list[tuple[int, int, int, float]] = []  # Paare von Kopien für verlangte Breiten
        for befund in verletzt.itertuples():
            p, z = int(np.searchsorted(self.zellen, befund.zelle)), befund.zelle
            if not np.isnan(anforderung.breite[z]):
                paare.append((len(kopien), len(kopien) + 1, p, anforderung.breite[z]))
                kopien += [(p, unten[p], GROSS), (p, unten[p], GROSS)]
            if not np.isnan(anforderung.oben[z]) and not befund.oben >= anforderung.oben[z]:
                kopien.append((p, anforderung.oben[z], GROSS))
            if not np.isnan(anforderung.unten[z]) and not befund.unten <= anforderung.unten[z]:
                kopien.append((p, unten[p], anforderung.unten[z]))
        k = len(kopien)
        x = k * n  # die Variablen: k Kopien y, dann x
        u = np.concatenate([unten] * k + [np.zeros(n)])
        o = np.concatenate([oben] * k + [kandidat.astype(float)])
        for i, (p, lo, hi) in enumerate(kopien):
            u[i * n + p], o[i * n + p] = lo, hi
        modell = Modell(u, o, ganzzahlig=np.concatenate([np.zeros(k * n, bool), np.ones(n, bool)]))
        c = np.flatnonzero(kandidat)
        j = np.repeat(np.arange(len(c)), 2)
        for i in range(k):
            modell.block(self.rel, i * n + self.lokal, self.vorzeichen, 0.0, 0.0)
            spalten = np.ravel(np.c_[i * n + c, x + c])
            # y - weit·x <= a  und  y + (a - boden)·x >= a
            modell.block(j, spalten, np.ravel(np.c_[np.ones(len(c)), -np.full(len(c), weit)]), -np.inf, a[c])
            modell.block(j, spalten, np.ravel(np.c_[np.ones(len(c)), a[c] - boden[c]]), a[c], np.inf)
        for eins, zwei, p, breite in paare:  # unbekannter Wert: die beiden Kopien liegen so weit auseinander
            modell.block(np.zeros(2, np.int64), np.array([zwei * n + p, eins * n + p]), np.array([1.0, -1.0]),
                         breite, np.inf)
        ziel = np.zeros(x + n)
        ziel[x:] = np.where(kandidat, kosten[self.zellen], 0.0)
        status, _, loesung = modell.loeser().loese(ziel)
        if status != "optimal" or loesung is None:
            return None
        return self.zellen[np.flatnonzero(loesung[x:] > 0.5)]
