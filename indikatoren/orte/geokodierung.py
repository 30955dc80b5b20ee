"""Lage aus Adresse (Geokodierung) für Einrichtungen: nur auf Anforderung in der Datenpflege, über geopy.

Der Dienst ist einstellbar (SOZIALPLANUNG_GEOCODER): `nominatim` (Vorgabe, openstreetmap.org oder ein eigener
Nominatim), `photon` (eigener Photon-Server) oder `bkg` (Geokodierungsdienst des BKG, braucht einen Schlüssel).
Die Nutzungsbedingungen werden eingehalten: eine Anfrage je Sekunde (einstellbar, nie schneller), eine Kennung
der Anwendung im User-Agent, jede Adresse nur einmal (Zwischenspeicher in der Datenbank, geteilt über alle
Prozesse).

Eine Lage, die von Hand gesetzt oder mit Quelle veröffentlicht ist, wird nie überschrieben; nur Einrichtungen
ohne Lage oder mit einer früher geokodierten bekommen eine neue. Jede geokodierte Lage heißt
`genauigkeit = geocodiert` und nennt in `lage` Dienst, Datum und Treffer, bis die Stabsstelle sie per Klick in
die Karte bestätigt oder korrigiert.
"""

import json
import os
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from urllib.parse import urlencode, urlparse

import pandas as pd
from geopy.adapters import URLLibAdapter
from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim, Photon
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from indikatoren.ablage.datenstaende import Ablage
from indikatoren.ablage.schema import geokodierung
from indikatoren.orte.einrichtungen import OSM_NAMENSNENNUNG

GEOCODIERT = "geocodiert"
DIENSTE = ("nominatim", "photon", "bkg")
VORGABE_URL = {"nominatim": "https://nominatim.openstreetmap.org", "photon": "",
               "bkg": "https://sg.geodatenzentrum.de/gdz_geokodierung"}
NAMEN = {"nominatim": "Nominatim", "photon": "Photon", "bkg": "BKG-Geokodierung"}


@dataclass(frozen=True)
class Einstellungen:
    dienst: str = "nominatim"
    url: str = VORGABE_URL["nominatim"]
    kennung: str = "Sozialplanungs-Dashboard"  # User-Agent; Nominatim verlangt eine erkennbare Anwendung
    schluessel: str = ""  # BKG
    pause_s: float = 1.0  # Mindestabstand zweier Anfragen

    @classmethod
    def aus_umgebung(cls) -> "Einstellungen":
        dienst = os.environ.get("SOZIALPLANUNG_GEOCODER", "nominatim").strip().lower() or "nominatim"
        if dienst not in DIENSTE:
            raise ValueError(f"SOZIALPLANUNG_GEOCODER=„{dienst}“ ist unbekannt; erlaubt: {', '.join(DIENSTE)}.")
        url = os.environ.get("SOZIALPLANUNG_GEOCODER_URL", "").strip() or VORGABE_URL[dienst]
        if not url:
            raise ValueError(f"Für {NAMEN[dienst]} bitte SOZIALPLANUNG_GEOCODER_URL setzen (eigener Server).")
        kennung = os.environ.get("SOZIALPLANUNG_GEOCODER_KENNUNG", "").strip() or cls.kennung
        pause = float(os.environ.get("SOZIALPLANUNG_GEOCODER_PAUSE", "1") or 1)
        if dienst == "nominatim" and "openstreetmap.org" in url:
            pause = max(pause, 1.0)  # Nutzungsbedingungen von nominatim.openstreetmap.org: höchstens 1 je Sekunde
        return cls(dienst, url.rstrip("/"), kennung, os.environ.get("SOZIALPLANUNG_GEOCODER_SCHLUESSEL", ""),
                   max(pause, 0.0))

    @property
    def quelle(self) -> str:
        """Für `quelle_lage`: Nominatim und Photon liefern Daten aus OpenStreetMap (ODbL, Namensnennung)."""
        return self.name + (f", {OSM_NAMENSNENNUNG}" if self.dienst in ("nominatim", "photon") else "")

    @property
    def name(self) -> str:
        eigener = self.url != VORGABE_URL[self.dienst]
        return NAMEN[self.dienst] + (f" ({urlparse(self.url).netloc})" if eigener else "")


class _Bkg(Geocoder):
    """Der Geokodierungsdienst des BKG (geosearch, Antwort GeoJSON) als geopy-Geocoder."""

    def __init__(self, url: str, schluessel: str, **kwargs):
        super().__init__(**kwargs)
        self.api = f"{url}__{schluessel}/geosearch.json" if schluessel else f"{url}/geosearch.json"

    def geocode(self, query, *, exactly_one=True, timeout=None):
        adresse = f"{self.api}?{urlencode({'query': query, 'count': 1})}"
        return self._call_geocoder(adresse, lambda antwort: self._treffer(antwort, exactly_one), timeout=timeout)

    @staticmethod
    def _treffer(antwort, exactly_one):
        orte = [Location(f["properties"].get("text", ""), Point(f["geometry"]["coordinates"][1],
                                                                f["geometry"]["coordinates"][0]), f)
                for f in (antwort or {}).get("features", [])]
        return (orte[0] if orte else None) if exactly_one else orte


def geocoder(e: Einstellungen) -> Geocoder:
    teile = urlparse(e.url)
    allgemein = {"user_agent": e.kennung, "timeout": 10, "adapter_factory": URLLibAdapter}
    if e.dienst == "bkg":
        return _Bkg(e.url, e.schluessel, scheme=teile.scheme, **allgemein)
    klasse = Nominatim if e.dienst == "nominatim" else Photon
    return klasse(domain=teile.netloc + teile.path, scheme=teile.scheme, **allgemein)


@dataclass(frozen=True)
class Ergebnis:
    tabelle: pd.DataFrame  # die Liste mit den neuen Lagen (Text), noch nicht gespeichert
    gefunden: list[str]
    nicht_gefunden: list[str]
    uebersprungen: list[str]  # Lage von Hand gesetzt oder veröffentlicht


def fest(zeile) -> bool:
    """Eine Lage, die nicht überschrieben werden darf: vorhanden und nicht geokodiert."""
    return bool(str(zeile["lat"]).strip()) and zeile["genauigkeit"] != GEOCODIERT


def lagen_bestimmen(tabelle: pd.DataFrame, zeilen: list[int], ablage: Ablage, e: Einstellungen,
                    heute: date | None = None, geocode=None, bezeichnung: str = "name") -> Ergebnis:
    """Für die gewählten Zeilen (Position in `tabelle`, Spalten adresse, lat, lon, genauigkeit, lage, wenn da
    quelle_lage) die Lage aus der Adresse; Fehler des Dienstes zählen als „nicht gefunden“ mit Grund.
    `bezeichnung`: die Spalte, die eine Zeile benennt; `geocode` ersetzt nur in Tests den Aufruf."""
    heute = heute or date.today()
    neu = tabelle.copy()
    abfrage = geocode or RateLimiter(geocoder(e).geocode, min_delay_seconds=e.pause_s, max_retries=1,
                                     swallow_exceptions=False)
    gefunden, nicht, ueber = [], [], []
    for i in zeilen:
        z = neu.iloc[i]
        name = z[bezeichnung]
        if fest(z):
            ueber.append(name)
            continue
        if not z["adresse"].strip():
            nicht.append(f"{name} (keine Adresse)")
            continue
        try:
            treffer = _aus_zwischenspeicher(ablage, e, z["adresse"], abfrage)
        except (GeopyError, OSError, ValueError) as fehler:
            nicht.append(f"{name} (Dienst nicht erreichbar: {type(fehler).__name__})")
            continue
        if treffer is None:
            nicht.append(f"{name} (Adresse nicht gefunden)")
            continue
        lat, lon, text = treffer
        werte = {"lat": f"{lat:.6f}", "lon": f"{lon:.6f}", "genauigkeit": GEOCODIERT,
                 "lage": f"{GEOCODIERT} ({e.name}, {heute:%d.%m.%Y}): {text}"[:500], "quelle_lage": e.quelle}
        if "quelle_lage" not in neu.columns:  # Angebote: die Quelle (und Namensnennung) steht mit in `lage`
            werte["lage"] = f"{GEOCODIERT} ({e.quelle}, {heute:%d.%m.%Y}): {text}"[:500]
            del werte["quelle_lage"]
        neu.iloc[i, [neu.columns.get_loc(s) for s in werte]] = list(werte.values())
        gefunden.append(name)
    return Ergebnis(neu, gefunden, nicht, ueber)


@cache
def _oeffentliche_abfrage(e: Einstellungen):
    """Eine Abfrage je Dienst und Prozess, damit der Mindestabstand für alle Besucher zusammen gilt."""
    return RateLimiter(geocoder(e).geocode, min_delay_seconds=e.pause_s, max_retries=0, swallow_exceptions=False)


def adresse_finden(adresse: str, e: Einstellungen, geocode=None) -> tuple[float, float, str] | None:
    """(lat, lon, Anzeigename) einer Adresse, die eine Familie eingibt; None, wenn der Dienst sie nicht kennt.
    Anders als in der Datenpflege wird sie nicht gespeichert: die Adresse einer Familie bleibt in ihrer Sitzung.
    Fehler des Dienstes steigen auf (GeopyError, OSError)."""
    ort = (geocode or _oeffentliche_abfrage(e))(adresse.strip()[:200])
    return None if ort is None else (ort.latitude, ort.longitude, ort.address)


def _aus_zwischenspeicher(ablage: Ablage, e: Einstellungen, adresse: str, abfrage):
    """(lat, lon, Anzeigename) oder None; jede Adresse je Dienst nur einmal fragen (auch „nicht gefunden“)."""
    schluessel = {"dienst": f"{e.dienst} {e.url}"[:300], "adresse": adresse.strip()[:500]}
    with ablage.engine.connect() as v:
        gespeichert = v.execute(select(geokodierung.c.antwort).where(
            geokodierung.c.dienst == schluessel["dienst"], geokodierung.c.adresse == schluessel["adresse"])).scalar()
    if gespeichert is not None:
        treffer = json.loads(gespeichert)
        return tuple(treffer) if treffer else None
    ort = abfrage(adresse)
    treffer = None if ort is None else (ort.latitude, ort.longitude, ort.address)
    dialekt = postgresql if ablage.engine.dialect.name == "postgresql" else sqlite
    with ablage.engine.begin() as v:
        v.execute(dialekt.insert(geokodierung).values(**schluessel, antwort=json.dumps(treffer, ensure_ascii=False),
                                                      zeit=datetime.now(UTC)).on_conflict_do_nothing())
    return treffer
