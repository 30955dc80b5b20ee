"""Die Gebiete des konfigurierten Kreises: Gemeinden, Gemeindeverbände, Kreis, Land, Bund, und wer worin liegt.

Die Gemeinden kommen aus derselben Quelle wie ihre Grenzen (geodaten.verzeichnis), die Verbände aus deren
Regionalschlüssel. Mitgeliefert ist nur data/gemeindeverzeichnis.csv für Niedersachsen: damit startet das Dashboard
dort ohne Netz und Grenzdatei, und es ergänzt Namen, die eine schlichte Grenzdatei (nur ags, name) nicht kennt;
dazu die Namen aller Kreise Deutschlands aus der amtlichen Liste (data/kreise.csv).
Im Verzeichnis heißt die Ebene der Verbände „samtgemeinde“ (Samtgemeinde, Verbandsgemeinde, Amt,
Verwaltungsgemeinschaft), wie in den Kennzahlen-Tabellen.
"""

import difflib
from dataclasses import dataclass, field
from functools import cache, cached_property

import pandas as pd

from indikatoren.grundlagen import geodaten, konfiguration, laender
from indikatoren.grundlagen.mitgeliefert import lies_tabelle
from indikatoren.grundlagen.zahlenformat import ist_ganzzahl

EBENEN = ("sozialraum", "gemeinde", "samtgemeinde", "kreis", "land", "bund")
SOZIALRAUMSPALTEN = ["id", "name", "gemeinde", "vollstaendig"]
BUND = "DG"


@dataclass(frozen=True)
class Gebiete:
    """Ein Ausschnitt des Gemeindeverzeichnisses: alles, was in Tabellen dieses Kreises vorkommen darf."""

    verzeichnis: pd.DataFrame  # ags, name, ebene, samtgemeinde (nur Gebiete dieses Kreises, Land, Bund)
    kreis: str
    # die Sozialräume des aktiven Stands (id, name, gemeinde, vollstaendig „ja“/„nein“); ihre Kennung steht im
    # Verzeichnis als „ags“ mit der Ebene „sozialraum“
    sozialraeume: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=SOZIALRAUMSPALTEN))

    @classmethod
    def laden(cls, kreis: str | None = None, datei=None) -> "Gebiete":
        """Aus der Grenzquelle (eingestellte Datei, Zwischenspeicher, sonst WFS); gibt es keine und liegt der
        Kreis im mitgelieferten Verzeichnis, aus diesem. Wirft geodaten.GeodatenFehlen mit Anleitung."""
        kreis = kreis or konfiguration.kreis()
        alle = pd.read_csv(datei or konfiguration.DATEN / "gemeindeverzeichnis.csv", sep=";", dtype=str,
                           keep_default_na=False)
        mitgeliefert = alle[alle["ags"].str.startswith(kreis)]
        try:
            quelle = geodaten.verzeichnis(kreis)
        except geodaten.GeodatenFehlen:
            if mitgeliefert.empty:
                raise
            quelle = None
        if quelle is None and mitgeliefert.empty:
            quelle = geodaten.verzeichnis(kreis, wfs=True)
        eigene = mitgeliefert if quelle is None else _aus_quelle(quelle, kreis, mitgeliefert)
        land = laender.land(kreis)
        oben = pd.DataFrame({"ags": [BUND, kreis[:2]], "name": ["Deutschland", land.name],
                             "ebene": ["bund", "land"], "samtgemeinde": ""})
        return cls(pd.concat([oben, eigene], ignore_index=True), kreis)

    def mit_sozialraeumen(self, liste: pd.DataFrame) -> "Gebiete":
        """Dieselben Gebiete und dazu die Sozialräume einer Liste (sozialraeume.aktuelle), die in Gemeinden dieses
        Kreises liegen."""
        sr = liste[SOZIALRAUMSPALTEN]
        sr = sr[sr["gemeinde"].isin(self.gemeinden["ags"])].reset_index(drop=True)
        ohne = self.verzeichnis[self.verzeichnis["ebene"] != "sozialraum"]
        neu = pd.DataFrame({"ags": sr["id"], "name": sr["name"], "ebene": "sozialraum", "samtgemeinde": ""})
        return Gebiete(pd.concat([ohne, neu], ignore_index=True), self.kreis, sr)

    @cached_property
    def namen(self) -> pd.Series:
        """AGS -> Name, zum spaltenweisen Nachschlagen (Series.map)."""
        return self.verzeichnis.set_index("ags")["name"]

    @cached_property
    def ebenen(self) -> pd.Series:
        return self.verzeichnis.set_index("ags")["ebene"]

    @cached_property
    def bekannt(self) -> frozenset[str]:
        return frozenset(self.verzeichnis["ags"])

    @cached_property
    def _gross(self) -> dict[str, str]:
        return {k.upper(): k for k in self.sozialraeume["id"]}

    @cached_property
    def gemeinden(self) -> pd.DataFrame:
        return self.verzeichnis[self.verzeichnis["ebene"] == "gemeinde"].reset_index(drop=True)

    @cached_property
    def verbaende(self) -> pd.DataFrame:
        """Die Gemeindeverbände (Samtgemeinden, Verbandsgemeinden, Ämter) des Kreises."""
        return self.verzeichnis[self.verzeichnis["ebene"] == "samtgemeinde"].reset_index(drop=True)

    def mitglieder(self, verband: str) -> pd.DataFrame:
        """Die Gemeinden eines Gemeindeverbands."""
        return self.gemeinden[self.gemeinden["samtgemeinde"] == verband].reset_index(drop=True)

    def sozialraeume_von(self, gemeinde: str | None) -> pd.DataFrame:
        """Die Sozialräume einer Gemeinde (leer ohne)."""
        return self.sozialraeume[self.sozialraeume["gemeinde"] == gemeinde]

    def gemeinde_von(self, sozialraum: str) -> str | None:
        treffer = self.sozialraeume.loc[self.sozialraeume["id"] == sozialraum, "gemeinde"]
        return None if treffer.empty else treffer.iloc[0]

    @cached_property
    def vollstaendig_aufgeteilt(self) -> frozenset[str]:
        """Gemeinden, die ihre Sozialräume ganz abdecken: nur ihre Summe ist die Gemeinde."""
        sr = self.sozialraeume
        return frozenset(sr.loc[sr["vollstaendig"] == "ja", "gemeinde"])

    @cached_property
    def sozialraumteile(self) -> pd.DataFrame:
        """(oben, gemeinde): welche Sozialräume eine Gemeinde bilden, nur für vollständig aufgeteilte Gemeinden
        (sozialraumsummen rechnet daraus die Gemeinde, die Geheimhaltung prüft die Beziehung)."""
        sr = self.sozialraeume[self.sozialraeume["gemeinde"].isin(self.vollstaendig_aufgeteilt)]
        return pd.DataFrame({"oben": sr["gemeinde"], "gemeinde": sr["id"]}).reset_index(drop=True)

    @property
    def land(self) -> str:
        return self.kreis[:2]

    def name(self, ags: str) -> str:
        return self.namen.get(ags, ags)

    @cached_property
    def teile(self) -> pd.DataFrame:
        """Welche Gemeinde in welchem größeren Gebiet liegt (oben, gemeinde), für die Summenbildung.

        Land und Bund fehlen absichtlich: ihre Gemeinden außerhalb des Kreises kennen wir nicht, ihre Werte
        kommen nur aus Quellzeilen.
        """
        g = self.gemeinden
        kreis = pd.DataFrame({"oben": self.kreis, "gemeinde": g["ags"]})
        sg = g[g["samtgemeinde"] != ""]
        samt = pd.DataFrame({"oben": sg["samtgemeinde"], "gemeinde": sg["ags"]})
        return pd.concat([samt, kreis], ignore_index=True)

    @cached_property
    def zerlegungen(self) -> pd.DataFrame:
        """(nr, oben, teil): jede lückenlose Zerlegung eines größeren Gebiets in kleinere, die Leser sehen können.

        Der Kreis aus allen Gemeinden, jede Samtgemeinde aus ihren, der Kreis aus den Samtgemeinden und den
        übrigen Gemeinden, und jede vollständig aufgeteilte Gemeinde aus ihren Sozialräumen. Die Geheimhaltung
        prüft jede davon als Summenbeziehung.
        """
        g = self.gemeinden
        teile = [(self.kreis, g["ags"].tolist())]
        teile += [(sg, t["ags"].tolist()) for sg, t in g[g["samtgemeinde"] != ""].groupby("samtgemeinde")]
        if len(teile) > 1:
            teile.append((self.kreis, sorted(set(g.loc[g["samtgemeinde"] != "", "samtgemeinde"]))
                          + g.loc[g["samtgemeinde"] == "", "ags"].tolist()))
        teile += [(gemeinde, t["gemeinde"].tolist()) for gemeinde, t in self.sozialraumteile.groupby("oben")]
        return pd.DataFrame([(nr, oben, teil) for nr, (oben, liste) in enumerate(teile) for teil in liste],
                            columns=["nr", "oben", "teil"])

    def normalisiere_ags(self, wert: str) -> str | None:
        """Der bekannte Schlüssel zu dem, was Menschen und Ämter in eine Schlüsselspalte schreiben, sonst None:
        der AGS (auch ohne die führenden Nullen, die Excel entfernt), der Regionalschlüssel (ARS, 12 Stellen),
        Schlüssel und Name zusammen („03254002 Alfeld (Leine), Stadt“), der Name allein, wenn er im Kreis eindeutig
        ist („Alfeld (Leine)“), oder die Kennung eines Sozialraums (ohne Rücksicht auf Groß- und Kleinschreibung)."""
        wert = " ".join(wert.split())
        gross = wert.upper()
        if gross in self._gross:
            return self._gross[gross]
        if gross.endswith(".0") and ist_ganzzahl(gross[:-2]):  # Excel-Zahl als Text
            gross = gross[:-2]
        if gross in self.bekannt:
            return gross
        schluessel, _, name = gross.partition(" ")
        if ist_ganzzahl(schluessel):
            ags = self._schluessel(schluessel)
            if ags is not None and (not name or _schlicht(name) in _schlicht(self.name(ags))
                                    or _schlicht(self.name(ags)) in _schlicht(name)):
                return ags
            return None
        treffer = self._nach_name.get(_schlicht(wert), [])
        return treffer[0] if len(treffer) == 1 else None

    def vorschlag(self, wert: str) -> str:
        """Für Meldungen: welche Schlüssel ein Name meinen könnte („Alfeld“ → „Alfeld (Leine)“ = 03254002)."""
        namen = {_schlicht(n): n for n in self.verzeichnis["name"]}
        nahe = difflib.get_close_matches(_schlicht(wert), list(namen), n=3, cutoff=0.6)
        nahe += [k for k in namen if len(_schlicht(wert)) >= 4 and k.startswith(_schlicht(wert)) and k not in nahe]
        paare = [f"„{namen[k]}“ = {a}" for k in nahe[:3] for a in self._nach_name[k]]
        return f" Gemeint ist vielleicht: {', '.join(paare)}." if paare else ""

    def _schluessel(self, ziffern: str) -> str | None:
        """AGS mit 2, 5, 8, 9 Stellen (führende Nullen dürfen fehlen) oder ARS mit 12 Stellen."""
        for laenge in (2, 5, 8, 9, 12):
            if len(ziffern) <= laenge:
                k = ziffern.zfill(laenge)
                if laenge == 12:  # ARS: Land, Bezirk, Kreis (5), Verband (4), Gemeinde (3)
                    k = k[:5] + k[9:] if k[9:] != "000" else k[:9]
                if k in self.bekannt:
                    return k
        return None

    @cached_property
    def _nach_name(self) -> dict[str, list[str]]:
        nach: dict[str, list[str]] = {}
        for ags, name in zip(self.verzeichnis["ags"], self.verzeichnis["name"]):
            nach.setdefault(_schlicht(name), []).append(ags)
        return nach


@cache
def kreisnamen() -> dict[str, str]:
    """Schlüssel → Name aller Kreise Deutschlands (data/kreise.csv, aus der Liste des Statistischen Bundesamts,
    erzeugt von data/erzeuge_kreise.py)."""
    tabelle = lies_tabelle(konfiguration.DATEN / "kreise.csv", ["ags", "name"])
    return dict(zip(tabelle["ags"], tabelle["name"]))


def _schlicht(name: str) -> str:
    """Ein Name zum Vergleichen: klein, ohne Zusatz der Ämter („Alfeld (Leine), Stadt“ → „alfeld (leine)“)."""
    return " ".join(str(name).split(",")[0].lower().split())


def _aus_quelle(quelle: dict, kreis: str, mitgeliefert: pd.DataFrame) -> pd.DataFrame:
    """Zeilen des Verzeichnisses aus der Grenzquelle. Gemeindefreie Gebiete (ohne Einwohner) fehlen, weil für sie
    keine Kennzahlen erscheinen. Namen: SOZIALPLANUNG_KREISNAME, dann die Quelle, dann das mitgelieferte
    Verzeichnis, für den Kreis dann die amtliche Liste aller Kreise, sonst der Schlüssel."""
    bekannt = mitgeliefert.set_index("ags")
    g = pd.DataFrame(quelle["liste"], columns=["ags", "name", "ewz", "verband"])
    g = g[~(pd.to_numeric(g["ewz"], errors="coerce") == 0)]
    if not (g["verband"].fillna("") != "").any():  # Quelle ohne Regionalschlüssel: Verbände wie mitgeliefert
        g["verband"] = g["ags"].map(bekannt["samtgemeinde"]) if len(bekannt) else ""
    g["verband"] = g["verband"].fillna("")
    verbaende = sorted(set(g["verband"]) - {""})
    namen = quelle.get("verbaende") or {}
    name = lambda ags, sonst: namen.get(ags) or (bekannt.at[ags, "name"] if ags in bekannt.index else sonst)
    kreisname = (konfiguration.kreisname() or quelle.get("kreisname")
                 or (bekannt.at[kreis, "name"] if kreis in bekannt.index else None)
                 or kreisnamen().get(kreis) or f"Kreis {kreis}")
    zeilen = [(kreis, kreisname, "kreis", "")]
    zeilen += [(v, name(v, f"Gemeindeverband {v}"), "samtgemeinde", "") for v in verbaende]
    zeilen += list(zip(g["ags"], g["name"], ["gemeinde"] * len(g), g["verband"], strict=True))
    return pd.DataFrame(zeilen, columns=["ags", "name", "ebene", "samtgemeinde"])
