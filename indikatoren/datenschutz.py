"""Statistische Geheimhaltung für alles, was Leserinnen und Leser sehen (Seiten, Tooltips, Downloads).

Eine Anzahl von 1 oder 2 wird nie gezeigt, und auch keine Quote mit einem solchen Zähler, weil sich
der Zähler aus Quote und Nenner zurückrechnen ließe. Dafür werden solche Zellen vor der Berechnung wie
„*“ behandelt: die Gemeinde ist „nicht ausweisbar“, Summen darüber werden zur Untergrenze und
verraten die kleine Zahl nicht durch Differenzbildung. Die Bundesagentur sperrt solche Zellen schon
selbst; dies ist die zweite Sicherung für Tabellen, die ungesperrt hereinkommen.
"""

from indikatoren.kennzahlen import Kennzahlen

KLEINE_ZAHLEN = (1, 2)


def fuer_anzeige(kennzahlen: Kennzahlen) -> Kennzahlen:
    """Kopie, in der jede Anzahl 1 oder 2 geheim ist; nur so gerechnete Ergebnisse dürfen angezeigt werden."""
    zeilen, geheim = kennzahlen.zeilen.copy(), kennzahlen.geheim.copy()
    for s in kennzahlen.merkmale:
        klein = zeilen[s].isin(KLEINE_ZAHLEN).fillna(False).astype(bool)
        geheim[s] |= klein
        zeilen[s] = zeilen[s].mask(klein)
    return Kennzahlen(zeilen, geheim)
