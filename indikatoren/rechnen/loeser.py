"""Ganzzahlige lineare Programme mit HiGHS (highspy): das Werkzeug der Geheimhaltung und ihrer Prüfung.

Ein Modell wird einmal aufgebaut und dann mit wechselnden Zielfunktionen gelöst (je gesperrter Zelle ihr Minimum
und Maximum); HiGHS tauscht dann nur die Zielfunktion. Genutzt wird der Kern `highspy._Highs` ohne die
Python-Rückrufe der Klasse `Highs`: deren Einrichtung schreibt eine Kopfzeile auf die Standardausgabe, und die
gehört in `python -m indikatoren veroeffentlichen` der CSV-Tabelle.
"""

from dataclasses import dataclass, field

import highspy
import numpy as np

UNENDLICH = highspy.kHighsInf
ZEITLIMIT = 60.0  # Sekunden je Lauf; danach gilt das Programm als nicht gelöst (die Geheimhaltung sperrt dann mehr)


@dataclass
class Modell:
    """min c·x unter zeile_unten <= A x <= zeile_oben, unten <= x <= oben; A als Einträge (Zeile, Spalte, Wert)."""

    unten: np.ndarray
    oben: np.ndarray
    ganzzahlig: np.ndarray  # je Variable: ganzzahlig?
    zeilen: list = field(default_factory=list)  # (Zeilen, Spalten, Werte, unten, oben) je Block

    def block(self, zeile: np.ndarray, spalte: np.ndarray, wert: np.ndarray, unten, oben) -> None:
        """Fügt Zeilen an; `zeile` zählt innerhalb des Blocks ab 0, die Schranken gelten je Zeile (oder für alle)."""
        n = max(int(zeile.max()) + 1 if len(zeile) else 0, np.size(unten) if np.ndim(unten) else 0)
        self.zeilen.append((zeile, spalte, np.asarray(wert, float), np.broadcast_to(np.asarray(unten, float), n),
                            np.broadcast_to(np.asarray(oben, float), n)))

    def loeser(self) -> "Loeser":
        return Loeser(self)


class Loeser:
    """Ein HiGHS-Modell, das mit wechselnder Zielfunktion gelöst wird."""

    def __init__(self, modell: Modell):
        n = len(modell.unten)
        zeilen: list[np.ndarray] = []
        spalten: list[np.ndarray] = []
        werte: list[np.ndarray] = []
        unten: list[np.ndarray] = []
        oben: list[np.ndarray] = []
        start = 0
        for z, s, w, u, o in modell.zeilen:
            zeilen.append(z + start)
            spalten.append(s)
            werte.append(w)
            unten.append(u)
            oben.append(o)
            start += len(u)
        zeile = np.concatenate(zeilen) if zeilen else np.zeros(0, np.int64)
        spalte = np.concatenate(spalten) if spalten else np.zeros(0, np.int64)
        wert = np.concatenate(werte) if werte else np.zeros(0)
        folge = np.lexsort((zeile, spalte))
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = n, start
        lp.col_cost_ = np.zeros(n)
        lp.col_lower_, lp.col_upper_ = np.asarray(modell.unten, float), np.asarray(modell.oben, float)
        lp.row_lower_ = np.concatenate(unten) if unten else np.zeros(0)
        lp.row_upper_ = np.concatenate(oben) if oben else np.zeros(0)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = np.searchsorted(spalte[folge], np.arange(n + 1)).astype(np.int32)
        lp.a_matrix_.index_ = zeile[folge].astype(np.int32)
        lp.a_matrix_.value_ = wert[folge]
        if modell.ganzzahlig.any():
            lp.integrality_ = [highspy.HighsVarType.kInteger if g else highspy.HighsVarType.kContinuous
                               for g in modell.ganzzahlig]
        # highspy.Highs meldet je Modell alle Rückrufe an; für tausende kleine Lösungen genügt der Kern ohne sie
        self._h = highspy._Highs()  # type: ignore[attr-defined]
        self._h.setOptionValue("output_flag", False)
        self._h.setOptionValue("threads", 1)
        self._h.setOptionValue("time_limit", ZEITLIMIT)
        self._h.setOptionValue("mip_rel_gap", 1e-6)  # Kosten unterscheiden sich um kleine Beträge: genau lösen
        self._h.passModel(lp)
        self._n = n
        self._kosten = np.zeros(n)

    def loese(self, kosten: np.ndarray) -> tuple[str, float, np.ndarray | None]:
        """Minimiert kosten·x. Ergebnis: ("optimal" | "unbeschraenkt" | "unloesbar" | Status, Wert, x)."""
        geaendert = np.flatnonzero(kosten != self._kosten)
        if len(geaendert):
            self._h.changeColsCost(len(geaendert), geaendert.astype(np.int32), kosten[geaendert].astype(float))
            self._kosten = kosten.astype(float).copy()
        self._h.run()
        status = self._h.getModelStatus()
        if status == highspy.HighsModelStatus.kOptimal:
            return "optimal", self._h.getInfo().objective_function_value, np.array(self._h.getSolution().col_value)
        if status == highspy.HighsModelStatus.kUnbounded:
            return "unbeschraenkt", -UNENDLICH, None
        if status == highspy.HighsModelStatus.kInfeasible:
            return "unloesbar", UNENDLICH, None
        return self._h.modelStatusToString(status), np.nan, None

    def minimum(self, spalte: int) -> float:
        """Kleinster Wert einer Variablen (-inf, wenn unbeschränkt); NaN, wenn HiGHS keinen Wert findet."""
        return self._extrem(spalte, 1.0)

    def maximum(self, spalte: int) -> float:
        return -self._extrem(spalte, -1.0)

    def _extrem(self, spalte: int, richtung: float) -> float:
        """Erst die LP-Relaxation: ist ihre Lösung ganzzahlig, ist sie auch die des ganzzahligen Programms (bei
        Summentabellen der Regelfall); sonst das ganzzahlige Programm selbst."""
        kosten = np.zeros(self._n)
        kosten[spalte] = richtung
        self._h.setOptionValue("solve_relaxation", True)
        status, wert, x = self.loese(kosten)
        self._h.setOptionValue("solve_relaxation", False)
        if status == "optimal" and x is not None and not np.allclose(x, np.round(x), atol=1e-7):
            status, wert, x = self.loese(kosten)
        return wert if status in ("optimal", "unbeschraenkt") else np.nan
