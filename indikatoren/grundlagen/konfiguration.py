"""Einstellungen aus Umgebungsvariablen (siehe README, Abschnitt Konfiguration).

Jede Einstellung wird bei jedem Aufruf neu gelesen, damit Tests und CLI sie pro Lauf setzen können.
Nur hier steht der Vorgabe-Kreis; kein anderes Modul kennt einen AGS.
"""

import os
from dataclasses import dataclass
from pathlib import Path

PROJEKT = Path(__file__).resolve().parents[2]
DATEN = PROJEKT / "data"

STANDARD_KREIS = "03254"
STANDARD_WFS = "https://sgx.geodatenzentrum.de/wfs_vg250-ew"


def wert(name: str) -> str | None:
    wert = os.environ.get(name, "").strip()
    return wert or None


def kreis() -> str:
    """AGS des Kreises (5 Zeichen), für den das Dashboard läuft."""
    ags = wert("SOZIALPLANUNG_KREIS") or STANDARD_KREIS
    if len(ags) != 5 or not (ags.isascii() and ags.isdigit()):
        raise ValueError(f"SOZIALPLANUNG_KREIS muss ein 5-stelliger Kreisschlüssel sein, nicht „{ags}“.")
    return ags


def kreisname() -> str | None:
    """Name des Kreises, wo die Grenzquelle ihn nicht nennt (eine Datei nur mit ags und name)."""
    return wert("SOZIALPLANUNG_KREISNAME")


def laufzeit() -> Path:
    """Ordner für Datenbank, Geodaten-Cache und ausgelieferte Dateien (git-ignoriert)."""
    ordner = Path(wert("SOZIALPLANUNG_LAUFZEIT") or PROJEKT / "laufzeit")
    ordner.mkdir(parents=True, exist_ok=True)
    return ordner


def datenbank_url() -> str:
    return wert("SOZIALPLANUNG_DB") or f"sqlite:///{laufzeit() / 'sozialplanung.sqlite'}"


def geodaten_datei() -> Path | None:
    datei = wert("SOZIALPLANUNG_GEODATEN")
    return Path(datei) if datei else None


def wfs_url() -> str:
    return wert("SOZIALPLANUNG_WFS_URL") or STANDARD_WFS


def website_ordner() -> Path:
    """Wohin die Datenpflege die statische Website schreibt (den Ordner liefert Caddy aus)."""
    return Path(wert("SOZIALPLANUNG_WEBSITE") or laufzeit() / "website")


def website_adresse() -> str | None:
    """Wo Leser die statische Website finden (etwa /veroeffentlichung/); ohne Angabe verlinkt die App sie nicht."""
    return wert("SOZIALPLANUNG_WEBSITE_URL")


def arbeiter() -> int | None:
    """Wie viele Prozesse die Website bauen (Vorgabe: einer je Kern)."""
    return int(wert("SOZIALPLANUNG_ARBEITER") or 0) or None


def basemap() -> str:
    return wert("SOZIALPLANUNG_BASEMAP") or "basemapde"


# Angaben für Impressum, Datenschutzerklärung und Barrierefreiheit: je eine Umgebungsvariable;
# ohne Eintrag zeigt die Seite einen sichtbaren Platzhalter, damit nichts Erfundenes dort steht.
KONTAKTE = {
    "herausgeber": ("SOZIALPLANUNG_HERAUSGEBER", "Herausgeber (Landkreis, Stabsstelle Sozialplanung)"),
    "anschrift": ("SOZIALPLANUNG_ANSCHRIFT", "Postanschrift"),
    "kontakt": ("SOZIALPLANUNG_KONTAKT", "E-Mail und Telefon der Stabsstelle"),
    "vertretung": ("SOZIALPLANUNG_VERTRETUNG", "Vertretungsberechtigte Person (Landrat/Landrätin)"),
    "datenschutz": ("SOZIALPLANUNG_DATENSCHUTZ", "Kontakt der/des Datenschutzbeauftragten"),
    "barrierefreiheit": ("SOZIALPLANUNG_BARRIEREFREIHEIT", "Kontakt für Barrieren (Feedback-Stelle)"),
    "schlichtung": ("SOZIALPLANUNG_SCHLICHTUNG", "Schlichtungsstelle nach {gesetz} (Landesbeauftragte/r)"),
}


def hinter_proxy() -> bool:
    """Läuft die App hinter dem eigenen Reverse Proxy? Dann gilt dessen X-Forwarded-For als Adresse des Browsers."""
    return wert("SOZIALPLANUNG_HINTER_PROXY") == "1"


def gleichzeitige_laeufe() -> int:
    """Wie viele Läufe von Leserseiten ein Prozess zugleich rechnet (siehe pages/_rahmen.der_reihe_nach)."""
    return max(1, int(wert("SOZIALPLANUNG_GLEICHZEITIG") or "1"))


def mindestbevoelkerung() -> int:
    """Wie viele Einwohner (unter der Regelaltersgrenze) ein Sozialraum haben muss, damit seine Werte erscheinen."""
    return int(wert("SOZIALPLANUNG_MINDESTBEVOELKERUNG") or "300")


def sprung_pp() -> float:
    """Ab welchem Sprung (Prozentpunkte zum Vorjahr) die Vorschau einer Einlesung warnt."""
    return float((wert("SOZIALPLANUNG_SPRUNG_PP") or "5").replace(",", "."))


def schwelle(quelle: str = "") -> int:
    """Ab welcher Anzahl eine Zelle gezeigt werden darf (darunter, außer 0, ist sie primär geheim): Vorgabe 3.

    `SOZIALPLANUNG_SCHWELLE` ist entweder eine Zahl für alle Quellen oder „4; Statistik der BA=3“: eine Vorgabe
    und je Quelle (Anfang des Quellennamens einer Zeile) eine eigene, etwa für Ämter, die Werte unter 4 sperren.
    """
    vorgabe, je_quelle = 3, {}
    for teil in (wert("SOZIALPLANUNG_SCHWELLE") or "").split(";"):
        name, _, zahl = teil.rpartition("=")
        if zahl.strip():
            if name.strip():
                je_quelle[name.strip()] = int(zahl)
            else:
                vorgabe = int(zahl)
    treffer = [z for name, z in je_quelle.items() if quelle.startswith(name)]
    return max(2, treffer[0] if treffer else vorgabe)


def schutzabstand() -> int:
    """Wie weit das Intervall, das ein Leser für eine gesperrte kleine Zahl errechnen kann, mindestens nach oben
    reicht (Wert + Abstand; Vorgabe 3, siehe indikatoren/rechnen/schutz.py)."""
    return max(1, int(wert("SOZIALPLANUNG_SCHUTZABSTAND") or "3"))


def download_sekunden() -> float:
    """Wie lange eine Datei der Datenpflege (Rohtabelle, Sicherung) nach dem Klick auf dem Server zum Herunterladen
    bereitliegt (pages/_anmeldung.beim_klick), Vorgabe 60 Sekunden."""
    return max(1.0, float((wert("SOZIALPLANUNG_DOWNLOAD_S") or "60").replace(",", ".")))


GENESIS_VORGABE = "https://www.regionalstatistik.de/genesisws/rest/2020"


def genesis() -> tuple[str, str, str]:
    """(Adresse, Nutzer, Passwort) des GENESIS-Webservice für die Bevölkerung (einlesen/genesis.py): Vorgabe ist die
    Regionaldatenbank Deutschland; SOZIALPLANUNG_GENESIS_URL nennt eine andere (GENESIS-Online, ein Land)."""
    return (wert("SOZIALPLANUNG_GENESIS_URL") or GENESIS_VORGABE, wert("SOZIALPLANUNG_GENESIS_NUTZER") or "",
            wert("SOZIALPLANUNG_GENESIS_PASSWORT") or "")


@dataclass(frozen=True)
class Smtp:
    host: str
    port: int
    absender: str
    nutzer: str = ""
    passwort: str = ""
    tls: str = "starttls"  # starttls, ssl oder keine (nur für einen Server auf demselben Rechner)


def smtp() -> Smtp | None:
    """Der Mailserver für Erinnerungen an Träger (SOZIALPLANUNG_SMTP=host:port, …_ABSENDER, …_NUTZER, …_PASSWORT,
    …_TLS); None, wenn keiner eingestellt ist – dann gibt es die Erinnerungen als Serienbrief-Tabelle."""
    adresse, absender = wert("SOZIALPLANUNG_SMTP"), wert("SOZIALPLANUNG_SMTP_ABSENDER")
    if not adresse or not absender:
        return None
    host, _, port = adresse.rpartition(":") if ":" in adresse else (adresse, "", "587")
    tls = (wert("SOZIALPLANUNG_SMTP_TLS") or "starttls").lower()
    if tls not in ("starttls", "ssl", "keine"):
        raise ValueError(f"SOZIALPLANUNG_SMTP_TLS: „{tls}“ – erlaubt sind starttls, ssl, keine.")
    return Smtp(host, int(port), absender, wert("SOZIALPLANUNG_SMTP_NUTZER") or "",
                wert("SOZIALPLANUNG_SMTP_PASSWORT") or "", tls)
