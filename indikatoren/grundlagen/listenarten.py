"""Listenarten: welche Spalten eine versionierte Liste hat, welche Pakete ihre Liste angemeldet haben, und was sich
an einer Liste ohne Datenbank rechnen lässt (Text je Zelle, neue Kennungen, Änderungen zwischen zwei Ständen).

Die Ablage (indikatoren.ablage.listen) speichert die Stände; die Listen selbst legen die Fachpakete fest
(Einrichtungen, Angebote, Zahlen des Familienzentrums) und melden sie hier an."""

import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

KENNUNG_LAENGE = 50


@dataclass(frozen=True)
class Listenspalte:
    name: str
    bedeutung: str
    pflicht: bool = False
    erlaubt: tuple[str, ...] = ()  # leer: freier Text
    hoechstlaenge: int | None = None  # Zeichen; ohne Angabe die der Listenart
    ueberschrift: str = ""  # für Menschen, wenn weder TITEL noch der Spaltenname taugen

    @property
    def titel(self) -> str:
        """Die Überschrift für Menschen („Breite (lat)“, „bestätigt am“); `name` bleibt der Spaltenkopf der Datei."""
        return self.ueberschrift or TITEL.get(self.name) or self.name.replace("_", " ").capitalize()


# Überschriften nur dort, wo der Spaltenname mit großem Anfangsbuchstaben nicht reicht
TITEL = {"id": "Kennung", "lat": "Breite (lat)", "lon": "Länge (lon)", "traeger": "Träger",
         "zustaendigkeit": "Zuständigkeit", "bestaetigt_am": "bestätigt am",
         "quelle_adresse": "Quelle der Adresse", "quelle_lage": "Quelle der Lage", "gemeinde": "Gemeinde (AGS)",
         "einrichtung": "Einrichtung (Kennung)", "alter_von": "Alter ab", "alter_bis": "Alter bis"}


KENNUNG = Listenspalte("id", "Feste Kennung; leer: ein neuer Eintrag, er bekommt beim Speichern eine.",
                       hoechstlaenge=KENNUNG_LAENGE)


@dataclass(frozen=True)
class Listenart:
    name: str  # so heißt die Liste in Datenbank, Protokoll und Sicherung
    stand_heisst: str  # „Einrichtungsstand“
    praefix: str  # neue Kennungen: Präfix und fortlaufende Nummer (E001, E002, …)
    felder: tuple[Listenspalte, ...]  # ohne „id“, die jede Liste hat
    bezeichnung: str  # die Spalte, die eine Zeile für Menschen benennt
    hoechstlaenge: int = 500  # Zeichen je Zelle

    @property
    def spalten(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.felder)


_ANGEMELDET: dict[str, tuple[Listenart, Callable]] = {}


def anmelden(art: Listenart, pruefung: Callable) -> None:
    """Ein Paket meldet seine Liste an, wenn es geladen wird: Sicherung und Wiederherstellung führen sie dann mit,
    ohne dass der Kern das Paket kennt. `pruefung(tabelle, datei, gebiete)` prüft einen gesicherten Stand wie einen
    Upload (ohne die Prüfungen, die vom heutigen Tag abhängen)."""
    _ANGEMELDET[art.name] = (art, pruefung)


def angemeldet() -> list[tuple[Listenart, Callable]]:
    """Die angemeldeten Listen (Art, Prüfung), in der Reihenfolge der Anmeldung."""
    return list(_ANGEMELDET.values())


def als_text(tabelle: pd.DataFrame, art: Listenart) -> pd.DataFrame:
    """Die Spalten id und die der Listenart in fester Reihenfolge, jede Zelle Text (fehlend: leer)."""
    return tabelle.reindex(columns=["id", *art.spalten]).astype(object).fillna("").astype(str)


def mit_kennungen(tabelle: pd.DataFrame, praefix: str, vergeben: set[str]) -> pd.DataFrame:
    """Leere Kennungen durch neue ersetzen: Präfix und die nächste Nummer nach der höchsten je vergebenen, damit
    eine entfernte Zeile ihre Kennung nie an eine andere weitergibt."""
    tabelle = tabelle.copy()
    if "id" not in tabelle.columns:
        tabelle.insert(0, "id", "")
    tabelle["id"] = tabelle["id"].fillna("").astype(str).str.strip()
    muster = re.compile(rf"{re.escape(praefix)}(\d+)")
    nummern = [int(m.group(1)) for k in vergeben | set(tabelle["id"]) if (m := muster.fullmatch(k))]
    naechste = max(nummern, default=0) + 1
    for i in tabelle.index[tabelle["id"] == ""]:
        tabelle.loc[i, "id"] = f"{praefix}{naechste:03d}"
        naechste += 1
    return tabelle


def kennungen_nach_bezeichnung(tabellen: list[pd.DataFrame], art: Listenart) -> list[pd.DataFrame]:
    """Stände aus der Zeit vor festen Kennungen: dieselbe Bezeichnung (Name) bekommt in jedem Stand dieselbe."""
    kennungen: dict[tuple[str, int], str] = {}  # (Name, wievielter dieses Namens im Stand) -> Kennung
    ergebnis = []
    for tabelle in tabellen:
        tabelle = als_text(tabelle, art)
        schluessel = list(zip(tabelle[art.bezeichnung], tabelle.groupby(art.bezeichnung).cumcount()))
        for k in schluessel:
            kennungen.setdefault(k, f"{art.praefix}{len(kennungen) + 1:03d}")
        tabelle["id"] = [k or kennungen[s] for k, s in zip(tabelle["id"], schluessel)]
        ergebnis.append(tabelle)
    return ergebnis


def aenderungen(alt: pd.DataFrame, neu: pd.DataFrame, art: Listenart) -> pd.DataFrame:
    """Was ein neuer Stand gegenüber dem alten ändert, eine Zeile je Feld: art (neu, geändert, entfernt), id,
    bezeichnung, feld, vorher, nachher. Zeilen ohne Kennung sind neu."""
    spalten = ["art", "id", "bezeichnung", "feld", "vorher", "nachher"]
    alt = als_text(alt, art).set_index("id")
    neu = als_text(neu, art)
    zeilen = []
    for z in neu.to_dict("records"):
        if z["id"] not in alt.index:
            zeilen.append(("neu", z["id"], z[art.bezeichnung], "", "", ""))
            continue
        vorher = alt.loc[z["id"]]
        zeilen += [("geändert", z["id"], z[art.bezeichnung], s, vorher[s], z[s])
                   for s in art.spalten if str(vorher.get(s, "")) != z.get(s, "")]
    weg = [k for k in alt.index if k not in set(neu["id"])]
    zeilen += [("entfernt", k, alt.loc[k, art.bezeichnung], "", "", "") for k in weg]
    return pd.DataFrame(zeilen, columns=spalten)
