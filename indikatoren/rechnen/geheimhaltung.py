"""Statistische Geheimhaltung: die eine Stelle, an der aus einem Datenstand wird, was Leserinnen und Leser sehen.

Jede Ausgabe für Leser – Seiten, Tooltips, Diagramme, Downloads, `python -m indikatoren veroeffentlichen` –
kommt aus `fuer_leser`. Nur die Stabsstelle sieht in der Datenpflege die Rohtabelle und, welche Zelle aus
welchem Grund gesperrt ist, mit dem Intervall, das ein Leser für sie errechnen kann (`sperren(...)`).

- Primär: eine Anzahl unter der Schwelle (Vorgabe 3, je Quelle einstellbar: konfiguration.schwelle), außer 0,
  wird nie gezeigt, auch keine Quote mit ihr (sie ließe sich aus Quote und Nenner zurückrechnen). Was die
  Quelle schon gesperrt hat („*“), bleibt gesperrt.
- Sozialräume: einer unter der Mindestgröße (konfiguration.mindestbevoelkerung) zeigt keine Zelle.
- Sekundär: Leser sehen Summenbeziehungen – eine Samtgemeinde oder den Kreis (aus einer Quellzeile) neben
  seinen Gemeinden, eine Gemeinde neben ihren Sozialräumen, und in jeder Zeile eine Summe neben ihren Teilen
  (`spalten.ZERLEGUNGEN`: Altersgruppen, Bevölkerung bis zur Regelaltersgrenze). Aus ihnen darf ein Leser keine
  geheime Zelle einengen: jede bekommt ein Schutzintervall, das ein ganzzahliges Programm nach der Sperrung prüft
  und das die billigste Wahl weiterer Sperrungen herstellt (schutz.py). Lässt es sich für ein Jahr nicht
  herstellen, erscheint von diesem Jahr nichts (Art „geheim (Prüfung nicht erfüllt)“), und die Stabsstelle sieht
  in der Sperrliste, warum.

Land und Bund stehen in keiner Beziehung: ihre übrigen Kreise kennt die Tabelle nicht. Berechnete Summen
(Samtgemeinde oder Kreis ohne Quellzeile) verraten nichts, was die gezeigten Teile nicht schon sagen: sie
werden mit gesperrtem Teil zur Untergrenze oder entfallen (berechnung.py). Jede gezeigte Quote steht neben
ihrem Zähler und Nenner; sie fügt den Beziehungen also nichts hinzu.

Zum Vergleich im Bericht der Datenpflege rechnet `sperren(..., verfahren="heuristik")` das frühere Verfahren:
je unsichere Beziehung die kleinste gezeigte Zelle mitsperren und danach, was eine Rangrechnung als eindeutig
bestimmt findet – es verhindert nur das genaue Ausrechnen, nicht das Einengen.
"""

import hashlib
import os
import pickle
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from indikatoren.grundlagen import konfiguration
from indikatoren.grundlagen.gebiete import Gebiete
from indikatoren.grundlagen.kennzahlen import Kennzahlen, mit_quelle_je_art
from indikatoren.grundlagen.spalten import NACH_NAME, QUELLE_ZUM_STICHTAG, ZERLEGUNGEN
from indikatoren.rechnen import loeser, schutz
from indikatoren.rechnen.berechnung import berechne
from indikatoren.rechnen.schutz import Anforderung, Summen, pruefen, schuetzen
from indikatoren.rechnen.sozialraumsummen import mit_gemeindesummen

KLEINSTE_GRUPPE = 3  # gesperrte Teile, die zusammen weniger ergeben, wären einzeln erkennbar klein (Heuristik)
ARTEN = {1: "geheim (Quelle)", 2: "geheim (primär)", 3: "geheim (sekundär)", 4: "geheim (Sozialraum zu klein)",
         5: "geheim (Prüfung nicht erfüllt)"}
_QUELLE, _PRIMAER, _SEKUNDAER, _KLEIN, _UNERFUELLT = 1, 2, 3, 4, 5
_SPALTEN = ["ags", "name", "jahr", "merkmal", "anzahl", "art"]
_PRUEFSPALTEN = ["ags", "name", "jahr", "merkmal", "anzahl", "unten", "oben", "erfuellt"]


@dataclass(frozen=True)
class Sperrung:
    kennzahlen: Kennzahlen  # alle gesperrten Zellen geheim (Wert <NA>): die Grundlage jeder Ausgabe für Leser
    zellen: pd.DataFrame  # ags, name, jahr, merkmal, anzahl (roh), art: jede gesperrte Zelle, für die Stabsstelle
    pruefung: pd.DataFrame  # je geschützter Zelle das Intervall, das ein Leser errechnen kann, und ob es reicht
    unerfuellt: tuple = ()  # Jahre, deren Schutz sich nicht herstellen ließ: von ihnen erscheint nichts


def fuer_leser(kennzahlen: Kennzahlen, gebiete: Gebiete, frueher: tuple[Kennzahlen, ...] = ()) -> pd.DataFrame:
    """Alle Indikatoren so, wie Leser sie sehen dürfen (Spalten wie berechnung.berechne)."""
    return berechne(sperren(kennzahlen, gebiete, frueher=frueher).kennzahlen, gebiete)


def sperren(kennzahlen: Kennzahlen, gebiete: Gebiete, verfahren: str = "optimal",
            frueher: tuple[Kennzahlen, ...] = ()) -> Sperrung:
    """Primäre und sekundäre Sperrung eines Datenstands, geprüft; der Datenstand selbst bleibt unverändert.

    `frueher`: die früheren Datenstände, ältester zuerst. Jeder Stand veröffentlicht alle seine Jahre neu; ein Leser,
    der die früheren Veröffentlichungen aufgehoben hat, rechnet mit allen. Darum prüft die Sperrung alle zugleich
    (unveränderte Zellen sind dieselbe Unbekannte), und was schon gezeigt war, wird nicht nachträglich gesperrt. Jede
    frühere Veröffentlichung ist selbst so entstanden (rekursiv).

    `verfahren="heuristik"` rechnet das frühere Verfahren, nur zum Vergleich im Bericht der Datenpflege. Die
    ganzzahligen Programme brauchen für große Kreise Sekunden; dasselbe Ergebnis für dieselben Zahlen, Gebiete und
    Einstellungen kommt darum aus einem kleinen Zwischenspeicher im Prozess (als Kopie)."""
    frueher = tuple(frueher) if verfahren == "optimal" else ()
    ergebnis = _gespeichert(_fingerabdruck(kennzahlen, gebiete, verfahren, frueher), kennzahlen, gebiete, verfahren,
                            frueher)
    return Sperrung(Kennzahlen(ergebnis.kennzahlen.zeilen.copy(), ergebnis.kennzahlen.geheim.copy()),
                    ergebnis.zellen.copy(), ergebnis.pruefung.copy(), ergebnis.unerfuellt)


# der Code des Verfahrens gehört zum Fingerabdruck: eine neue Fassung rechnet neu, statt Altes aus der Ablage zu holen
_VERFAHREN = hashlib.sha256(b"".join(Path(str(m.__file__)).read_bytes() for m in (schutz, loeser))
                            + Path(__file__).read_bytes()).hexdigest()


def _fingerabdruck(kennzahlen: Kennzahlen, gebiete: Gebiete, verfahren: str, frueher: tuple = ()) -> str:
    teile = [_VERFAHREN, *(f.zeilen.to_csv() + f.geheim.to_csv() for f in frueher), "\x1e",
             kennzahlen.zeilen.to_csv(), kennzahlen.geheim.to_csv(), gebiete.verzeichnis.to_csv(),
             gebiete.sozialraeume.to_csv(), gebiete.kreis, verfahren, os.environ.get("SOZIALPLANUNG_SCHWELLE", ""),
             str(konfiguration.schutzabstand()), str(konfiguration.mindestbevoelkerung()),
             f"{schutz.GROSSE_TABELLE}/{schutz.UMGEBUNG}"]
    return hashlib.sha256("\x1f".join(teile).encode()).hexdigest()


_ZWISCHENSPEICHER: OrderedDict[str, Sperrung] = OrderedDict()
_HOECHSTENS = 16


def _gespeichert(schluessel: str, kennzahlen: Kennzahlen, gebiete: Gebiete, verfahren: str,
                 frueher: tuple = ()) -> Sperrung:
    """Aus dem Speicher des Prozesses, sonst aus dem Laufzeitordner (alle Prozesse und jeder Neustart teilen ihn:
    ein großer Kreis rechnet Minuten), sonst neu gerechnet und an beiden Orten abgelegt."""
    if schluessel in _ZWISCHENSPEICHER:
        _ZWISCHENSPEICHER.move_to_end(schluessel)
        return _ZWISCHENSPEICHER[schluessel]
    datei = konfiguration.laufzeit() / "geheimhaltung" / f"{schluessel}.pickle"
    try:
        ergebnis = pickle.loads(datei.read_bytes())  # nur vom Dienst selbst geschrieben, wie die Datenbank
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        ergebnis = _sperren(kennzahlen, gebiete, verfahren, frueher)
        try:
            datei.parent.mkdir(parents=True, exist_ok=True)
            teil = datei.with_suffix(f".{os.getpid()}.tmp")
            teil.write_bytes(pickle.dumps(ergebnis))
            teil.replace(datei)
        except OSError:
            pass  # ohne beschreibbaren Laufzeitordner rechnet jeder Prozess selbst
    _ZWISCHENSPEICHER[schluessel] = ergebnis
    while len(_ZWISCHENSPEICHER) > _HOECHSTENS:
        _ZWISCHENSPEICHER.popitem(last=False)
    return ergebnis


def _sperren(kennzahlen: Kennzahlen, gebiete: Gebiete, verfahren: str, frueher: tuple = ()) -> Sperrung:
    kennzahlen = mit_gemeindesummen(kennzahlen, gebiete)
    merkmale = kennzahlen.merkmale
    if not merkmale or not len(kennzahlen):
        return Sperrung(kennzahlen, pd.DataFrame(columns=_SPALTEN), pd.DataFrame(columns=_PRUEFSPALTEN))
    zellen = _Zellen(kennzahlen, gebiete)
    pruefung, unerfuellt = zellen.heuristik() if verfahren == "heuristik" else zellen.sperren(
        _veroeffentlicht(frueher, gebiete))
    zeilen, geheim = kennzahlen.zeilen.copy(), kennzahlen.geheim.copy()
    art = zellen.art[: zellen.echte].reshape(len(kennzahlen), len(merkmale))
    for nr, s in enumerate(merkmale):
        gesperrt = art[:, nr] > 0
        geheim[s] = gesperrt
        zeilen[s] = zeilen[s].mask(gesperrt)
    r, m = np.nonzero(art)
    liste = pd.DataFrame({
        "ags": kennzahlen.zeilen["ags"].to_numpy()[r], "name": kennzahlen.zeilen["name"].to_numpy()[r],
        "jahr": kennzahlen.zeilen["jahr"].to_numpy()[r], "merkmal": np.array(merkmale, dtype=object)[m],
        "anzahl": pd.array([kennzahlen.zeilen[merkmale[j]].iloc[i] for i, j in zip(r, m)], dtype="Int64"),
        "art": [ARTEN[a] for a in art[r, m]]})
    z = pruefung[pruefung["zelle"] < zellen.echte]
    r, m = np.divmod(z["zelle"].to_numpy(dtype=np.int64), len(merkmale))
    pruefliste = pd.DataFrame({
        "ags": kennzahlen.zeilen["ags"].to_numpy()[r], "name": kennzahlen.zeilen["name"].to_numpy()[r],
        "jahr": kennzahlen.zeilen["jahr"].to_numpy()[r], "merkmal": np.array(merkmale, dtype=object)[m],
        "anzahl": pd.array(z["wert"].round().astype("Int64"), dtype="Int64"), "unten": z["unten"].to_numpy(),
        "oben": z["oben"].to_numpy(), "erfuellt": z["erfuellt"].to_numpy(dtype=bool)})
    return Sperrung(Kennzahlen(zeilen, geheim), liste, pruefliste, tuple(int(j) for j in unerfuellt))


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
        schwelle = np.concatenate([_schwellen(kennzahlen.zeilen, merkmale), np.full(len(leer), 3)])
        klein = (self.wert >= 1) & (self.wert < schwelle)
        self.art[klein & (self.art == 0)] = _PRIMAER
        self.art[: self.echte][np.repeat(_zu_klein(kennzahlen, gebiete), self.m)] = _KLEIN
        self.anforderung = Anforderung.fuer(self.wert, klein, self.art == _QUELLE, self.art == _KLEIN,
                                            konfiguration.schutzabstand())
        # Sekundär lieber in einem Sozialraum sperren als in der Gemeinde, und dort lieber als in einer Summe
        ebene = kennzahlen.zeilen["ags"].map(gebiete.ebenen).to_numpy()
        sozialraum = ebene == "sozialraum"
        self.oben = np.concatenate([np.repeat(~sozialraum, self.m), np.ones(len(leer), bool)])
        stufe = np.select([sozialraum, ebene == "gemeinde"], [0.5, 1.0], 3.0)
        self.kosten = np.concatenate([np.repeat(stufe, self.m), np.ones(len(leer))]) * _kosten_je_zelle(
            werte.reshape(len(zeilen), self.m), merkmale, len(fehlende))
        self.jahr_der_zeile = np.concatenate([zeilen["jahr"].to_numpy(), fehlende["jahr"].to_numpy(dtype=np.int64)])
        # dieselbe Zelle in anderen Jahren (Gebiet und Merkmal): für stetige Muster von Jahr zu Jahr
        gebiet = pd.factorize(pd.concat([zeilen["ags"], fehlende["ags"]], ignore_index=True))[0]
        self.gleiche = (np.repeat(gebiet, self.m) * self.m + np.tile(np.arange(self.m), len(gebiet))).astype(np.int64)
        # je Zelle Gebiet, Jahr und Merkmal: so findet sich dieselbe Zelle in einer früheren Veröffentlichung
        orte = pd.concat([zeilen, fehlende], ignore_index=True).astype(str)
        self.kennung = np.char.add(np.repeat((orte["ags"] + "|" + orte["jahr"] + "|").to_numpy(dtype=str), self.m),
                                   np.tile(np.array(merkmale, dtype=str), len(orte)))
        tiefe = pd.concat([zeilen["ags"], fehlende["ags"]]).map(gebiete.ebenen).map(
            {"kreis": 0, "samtgemeinde": 1, "gemeinde": 2}).fillna(3).to_numpy()
        self._beziehungen(merkmale, len(zeilen) + len(fehlende), geo, self.jahr_der_zeile, tiefe)

    def _beziehungen(self, merkmale: list[str], zeilenzahl: int, geo: pd.DataFrame, jahre: np.ndarray,
                     tiefe: np.ndarray):
        """Die Beziehungen als Inzidenzliste, dazu die Teiltabellen für schutz._modular: je Gebiet und Jahr seine
        Zerlegung in allen Merkmalen mit den Zeilenbeziehungen (Altersgruppen) des Gebiets und seiner Teile, von
        oben (Kreis) nach unten (Gemeinden mit Sozialräumen). Hat ein Gebiet zwei Zerlegungen (den Kreis aus allen
        Gemeinden und aus Samtgemeinden und übrigen Gemeinden), genügt die gröbere, wenn die feinere aus ihr und
        den Zerlegungen der Samtgemeinden folgt."""
        nummer = {s: i for i, s in enumerate(merkmale)}
        gruppen = []  # je Beziehungsart: Matrix (Beziehungen × Zellen, erste Spalte das Ganze)
        for ganzes, teile in ZERLEGUNGEN:
            if ganzes in nummer and all(t in nummer for t in teile):
                spalten = [nummer[ganzes]] + [nummer[t] for t in teile]
                gruppen.append(np.arange(zeilenzahl)[:, None] * self.m + np.array(spalten)[None, :])
        je_zeile = np.arange(len(gruppen))[None, :] * zeilenzahl + np.arange(zeilenzahl)[:, None]
        zerlegungen = []  # je Zerlegung eines Gebiets in einem Jahr: (Zeilen, Beziehungen je Merkmal)
        for _, teil in geo.groupby("nr", sort=False):  # je Zerlegung eine Breite
            zeilen = np.vstack(teil["zeilen"].to_numpy())
            erste = sum(len(g) for g in gruppen)
            for s in range(self.m):
                gruppen.append(zeilen * self.m + s)
            zerlegungen += [(z, erste + i + len(zeilen) * np.arange(self.m)) for i, z in enumerate(zeilen)]
        rel, zelle, ganz, start = [], [], [], 0
        for g in gruppen:
            n, breite = g.shape
            rel.append(np.repeat(np.arange(start, start + n), breite))
            zelle.append(g.ravel())
            ganz.append(np.tile(np.arange(breite) == 0, n))
            start += n
        self.teiltabellen = [np.concatenate([r, je_zeile[z].ravel()]) for z, r in sorted(
            _ohne_gefolgerte(zerlegungen), key=lambda t: (tiefe[t[0][0]], t[0][0]))]
        self.rel = np.concatenate(rel) if rel else np.zeros(0, np.int64)
        self.zelle = np.concatenate(zelle) if zelle else np.zeros(0, np.int64)
        self.ganz = np.concatenate(ganz) if ganz else np.zeros(0, bool)
        self.anzahl_rel = start
        self.rel_jahr = np.zeros(start, np.int64)
        self.rel_jahr[self.rel] = jahre[self.zelle // self.m]

    @property
    def verdeckt(self) -> np.ndarray:
        return self.art > 0

    def _summen(self) -> tuple[Summen, np.ndarray]:
        """Die Beziehungen für schutz.py; dazu, was ein Leser über eine gesperrte Zelle ohnehin weiß: nie 0 (gezeigte
        Nullen), außer in einem zu kleinen Sozialraum, der ganz verborgen ist und dessen Zellen 0 sein können."""
        return (Summen(self.wert, self.rel, self.zelle, self.ganz, self.rel_jahr),
                np.where(self.art == _KLEIN, 0.0, 1.0))

    def sperren(self, alte: Sequence["_Zellen"] = ()) -> tuple[pd.DataFrame, list]:
        """Optimale Ergänzung und Prüfung der Schutzintervalle; ein Jahr ohne erfüllbaren Schutz bleibt ganz geheim.

        Große Tabellen rechnet schutz.py in Teilen (Teiltabellen, Umgebung der verletzten Zelle). Gemessen (python
        bench/geheimhaltung.py --gross): 941 Gebiete, ein Jahr, 8 bis 16 s; früher wählte dort erst die Heuristik
        vor (103 s, ohne sie nach 6 Minuten nicht fertig) und sperrte 16 % mehr Zellen."""
        summen, untergrenze = self._summen()
        summen, verdeckt, anforderung, untergrenze, kosten, gleiche = _vereint(self, alte) if alte else (
            summen, self.verdeckt, self.anforderung, untergrenze, self.kosten, self.gleiche)
        schutz = schuetzen(summen, verdeckt, anforderung, untergrenze, kosten, gleiche, self.teiltabellen)
        n = len(self.wert)
        self.art[schutz.verdeckt[:n] & ~self.verdeckt] = _SEKUNDAER
        for jahr in schutz.unerfuellt:
            im_jahr = np.repeat(self.jahr_der_zeile == jahr, self.m) & ~self.fehlt
            self.art[im_jahr & np.isin(self.art, (0, _SEKUNDAER))] = _UNERFUELLT
        return schutz.pruefung[schutz.pruefung["zelle"] < n], schutz.unerfuellt

    def heuristik(self) -> tuple[pd.DataFrame, list]:
        """Das frühere Verfahren (zum Vergleich): Heuristik und Rangprüfung, danach dieselbe Prüfung."""
        while True:
            self._heuristik()
            bestimmt = self._bestimmbare()
            if not bestimmt.any() or not self._sekundaer_fuer(bestimmt):
                break
        summen, untergrenze = self._summen()
        return pruefen(summen, self.verdeckt, self.anforderung, untergrenze), []

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


def _ohne_gefolgerte(zerlegungen: list[tuple[np.ndarray, np.ndarray]]) -> list[tuple[np.ndarray, np.ndarray]]:
    """Die Zerlegungen (Zeilen: Ganzes zuerst) ohne jene, die aus einer anderen desselben Ganzen folgen, deren
    Teile selbst zerlegt sind: der Kreis aus allen Gemeinden folgt aus dem Kreis aus Samtgemeinden und übrigen
    Gemeinden, sobald jede Samtgemeinde ihre Zerlegung hat."""
    teile = {int(z[0]): {int(t) for t in z[1:]} for z, _ in reversed(zerlegungen)}

    def fein(z: np.ndarray) -> set[int]:
        return set().union(*(teile.get(int(t), {int(t)}) for t in z[1:]))

    return [(z, r) for z, r in zerlegungen if not any(
        int(y[0]) == int(z[0]) and len(y) < len(z) and fein(y) == set(map(int, z[1:])) for y, _ in zerlegungen)]


def _veroeffentlicht(frueher: tuple, gebiete: Gebiete) -> list["_Zellen"]:
    """Jede frühere Veröffentlichung als Zellen mit ihrem Muster (so, wie sie selbst mit ihren Vorgängern entstand)."""
    alle = []
    for i, stand in enumerate(frueher):
        vorige = mit_gemeindesummen(stand, gebiete)
        if not vorige.merkmale or not len(vorige):
            continue
        zellen = _Zellen(vorige, gebiete)
        muster = sperren(stand, gebiete, frueher=frueher[:i]).kennzahlen.geheim[vorige.merkmale]
        art = zellen.art[: zellen.echte]
        zellen.art[: zellen.echte] = np.where(muster.to_numpy(dtype=bool).ravel() & (art == 0), _SEKUNDAER, art)
        alle.append(zellen)
    return alle


def _vereint(neu: "_Zellen", alte: Sequence["_Zellen"]
             ) -> tuple[Summen, np.ndarray, Anforderung, np.ndarray, np.ndarray, np.ndarray]:
    """Ein Modell aus allen Veröffentlichungen desselben Kreises, wie sie ein Leser aufgehoben hat: dieselbe Zelle
    (Gebiet, Jahr, Merkmal) mit demselben bekannten Wert ist überall dieselbe Unbekannte; frühere Zellen mit anderem
    Wert kommen dazu und stehen fest. Was eine frühere Veröffentlichung schon zeigte, kann die neue nicht mehr
    verbergen (unendliche Kosten) und ist bekannt; was sie sperrte und die neue zeigen wollte, fängt die gemeinsame
    Prüfung ab. Ergebnis: die Argumente für schuetzen; die ersten len(neu.wert) Zellen sind die neuen."""
    n = len(neu.wert)
    teile = [neu, *alte]

    def schluessel(z: "_Zellen", nr: int) -> np.ndarray:  # unbekannte Werte (fehlend, „*“) können sich geändert haben
        bekannt = ~np.isnan(z.wert)
        return np.where(bekannt, np.char.add(np.char.add(z.kennung, "="), z.wert.astype(str)),
                        np.char.add(f"?{nr}|", np.arange(len(z.wert)).astype(str)))

    # die neuen Zellen sind eindeutig und kommen zuerst: ihre Nummern bleiben 0 … n-1
    nummer = pd.factorize(np.concatenate([schluessel(z, nr) for nr, z in enumerate(teile)]))[0]
    grenzen = np.cumsum([0, *(len(z.wert) for z in teile)])
    anzahl = int(nummer.max()) + 1
    erste = np.full(anzahl, -1)
    erste[nummer[::-1]] = np.arange(len(nummer))[::-1]  # erstes Vorkommen jeder Unbekannten
    alt_nummer = nummer[n:]
    alt_verdeckt = np.concatenate([z.verdeckt for z in alte]) if alte else np.zeros(0, bool)
    gezeigt = np.zeros(anzahl, bool)
    gezeigt[alt_nummer[~alt_verdeckt]] = True
    verdeckt = np.concatenate([neu.verdeckt, ~gezeigt[n:]])
    kosten = np.concatenate([neu.kosten, np.full(anzahl - n, np.inf)])
    kosten[gezeigt] = np.inf

    def je_unbekannte(werte_je_teil: list[np.ndarray]) -> np.ndarray:
        return np.concatenate(werte_je_teil)[erste]

    anforderung = Anforderung(*(je_unbekannte([getattr(z.anforderung, f) for z in teile])
                                for f in ("oben", "unten", "breite")))
    summen_je_teil = [z._summen() for z in teile]
    rel_start = np.cumsum([0, *(z.anzahl_rel for z in teile)])
    summen = Summen(je_unbekannte([z.wert for z in teile]),
                    np.concatenate([s.rel + start for (s, _), start in zip(summen_je_teil, rel_start)]),
                    np.concatenate([nummer[grenzen[i] + s.zelle] for i, (s, _) in enumerate(summen_je_teil)]),
                    np.concatenate([s.ganz for s, _ in summen_je_teil]),
                    np.concatenate([s.gruppe for s, _ in summen_je_teil]))
    untergrenze = je_unbekannte([u for _, u in summen_je_teil])
    gleiche = np.concatenate([neu.gleiche, np.full(anzahl - n, -1)])
    return summen, verdeckt, anforderung, untergrenze, kosten, gleiche


def _kosten_je_zelle(werte: np.ndarray, merkmale: list[str], fehlende: int) -> np.ndarray:
    """Was es kostet, eine Zelle mitzusperren: vor allem eine Zelle mehr (1), dazu bis 0,5 nach ihrer Größe
    (logarithmisch, je Merkmal: lieber 3 als 60 verbergen), und die Zählgrößen des Kinderarmutsindikators selbst
    (nef_u15, bev_u15) anderthalbfach – lieber fehlt eine Altersgruppe als der Indikator, den der Runde Tisch
    zitiert. Fehlende Zellen werden nie gesperrt; ihr Preis ist gleichgültig."""
    logarithmus = np.log1p(np.nan_to_num(werte))
    groesse = logarithmus / np.maximum(logarithmus.max(axis=0, initial=0.0), 1.0)
    gewicht = np.array([1.5 if m in ("nef_u15", "bev_u15") else 1.0 for m in merkmale])
    return np.concatenate([((1.0 + 0.5 * groesse) * gewicht).ravel(), np.ones(fehlende * len(merkmale))])


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


def _schwellen(zeilen: pd.DataFrame, merkmale: list[str]) -> np.ndarray:
    """Die Schwelle jeder Zelle (zeilenweise) nach der Quelle ihrer Art: SGB-II-Zahlen nach quelle_sgb2, die
    Bevölkerung nach quelle_bev (ältere Stände: nach der Quelle der Zeile, kennzahlen.mit_quelle_je_art)."""
    zeilen, je_art = mit_quelle_je_art(zeilen), {}
    for spalte in QUELLE_ZUM_STICHTAG.values():
        eigene = zeilen[spalte].fillna("").astype(str)
        je_art[spalte] = eigene.map({q: konfiguration.schwelle(q) for q in eigene.unique()}).to_numpy()
    spalten = [je_art[QUELLE_ZUM_STICHTAG[NACH_NAME[m].stichtag]] for m in merkmale]
    return np.column_stack(spalten).ravel() if spalten else np.zeros(0)


def summen_schuetzen(werte: list[int], beziehungen: list[tuple[int, list[int]]], quelle: str = "") -> np.ndarray:
    """Für kleine Tabellen neben ihren Summen (Kontakte je Thema, Weg und Monat neben allen Kontakten;
    Teilnehmende je Veranstaltung neben ihrer Summe): welche Zellen gesperrt sind. `beziehungen` nennt je Summe
    (Nummer der Zelle) ihre Teile. Dieselbe Regel wie für die Kennzahlen: primär unter der Schwelle (außer 0),
    sekundär bis jedes Schutzintervall hält; lässt es sich nicht herstellen, ist alles gesperrt."""
    wert = np.asarray(werte, dtype=float)
    if not len(wert):
        return np.zeros(0, bool)
    rel = [np.full(1 + len(t), r) for r, (_, t) in enumerate(beziehungen)]
    zelle = [np.array([g, *t], dtype=np.int64) for g, t in beziehungen]
    ganz = [np.arange(1 + len(t)) == 0 for _, t in beziehungen]
    summen = Summen(wert, np.concatenate(rel or [np.zeros(0, np.int64)]).astype(np.int64),
                    np.concatenate(zelle or [np.zeros(0, np.int64)]), np.concatenate(ganz or [np.zeros(0, bool)]),
                    np.zeros(len(beziehungen), np.int64))
    klein = (wert >= 1) & (wert < konfiguration.schwelle(quelle))
    keins = np.zeros(len(wert), bool)
    kosten = 1.0 + wert / (1.0 + wert.max())
    kosten[[g for g, _ in beziehungen]] *= 3  # lieber ein Teil als die Summe
    schutz = schuetzen(summen, klein, Anforderung.fuer(wert, klein, keins, keins, konfiguration.schutzabstand()),
                       np.ones(len(wert)), kosten)
    return np.ones(len(wert), bool) if schutz.unerfuellt else schutz.verdeckt
