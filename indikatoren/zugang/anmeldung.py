"""Anmeldung für die Datenpflege mit lokalen Konten: bcrypt-Hashes, wachsende Wartezeit nach Fehlversuchen,
Leerlaufzeit.

Konten und Regeln stehen in .streamlit/secrets.toml (nie Klartext-Passwörter), die Fehlversuche in der
Datenbank – so gilt die Wartezeit auch über Neustarts und mehrere Prozesse hinweg. Jeder Versuch steht im
Protokoll. (Anmeldung über OpenID Connect erledigt st.login; dafür ist hier nichts nötig.)

Schutz gegen Ausprobieren, ohne dass Fremde die Stabsstelle aussperren können:
- Gezählt wird je Name *und Herkunft* (Adresse des Browsers). Nach `max_fehlversuche` Fehlversuchen muss diese
  Herkunft für diesen Namen warten, erst 30 Sekunden, dann jedes Mal doppelt so lange, höchstens
  `sperre_minuten`. Wer von anderswo falsche Passwörter schickt, verlängert nur seine eigene Wartezeit; die
  Stabsstelle an ihrem Arbeitsplatz meldet sich weiter an. (Teilt sie eine Adresse mit dem Angreifer, wartet
  sie höchstens `sperre_minuten`; `python -m indikatoren entsperren NAME` hebt jede Wartezeit sofort auf.)
- Jeder Versuch wird gezählt, bevor das Passwort geprüft wird (ein einziger atomarer UPSERT mit
  `fehlversuche = fehlversuche + 1`): auch gleichzeitige Versuche bekommen jeder eine eigene Nummer, und mehr als
  `max_fehlversuche` kommen nie an die Passwortprüfung, solange die Wartezeit läuft.
- Ein unbekannter Name kostet so viel Zeit wie ein bekannter (bcrypt gegen einen Ersatz-Hash gleicher Kosten),
  damit die Antwortzeit nicht verrät, welche Namen es gibt.
- Namen über 100 Zeichen werden abgewiesen, bevor irgendetwas gespeichert wird.
"""

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import bcrypt
from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite

from indikatoren.ablage.datenstaende import Ablage, als_utc
from indikatoren.ablage.schema import anmeldeversuch

HOECHSTE_NAMENSLAENGE = 100
ERSTE_WARTEZEIT = timedelta(seconds=30)


@dataclass(frozen=True)
class Regeln:
    max_fehlversuche: int = 5
    sperre_minuten: int = 15  # längste Wartezeit
    leerlauf_minuten: float = 60

    @classmethod
    def aus(cls, einstellungen: Mapping) -> "Regeln":
        """Aus dem Abschnitt [datenpflege] der secrets.toml; fehlende Werte behalten die Vorgabe."""
        werte: dict[str, Any] = {k: int(einstellungen[k]) for k in ("max_fehlversuche", "sperre_minuten")
                                   if k in einstellungen}
        if "leerlauf_minuten" in einstellungen:  # auch Bruchteile (0.5 = 30 Sekunden)
            werte["leerlauf_minuten"] = float(einstellungen["leerlauf_minuten"])
        return cls(**werte)

    def wartezeit(self, fehlversuche: int) -> timedelta:
        """Nach dem n-ten Fehlversuch: 0 bis zum Höchstwert, dann 30 s, 1 min, 2 min, … bis sperre_minuten."""
        if fehlversuche < self.max_fehlversuche:
            return timedelta(0)
        stufe = min(fehlversuche - self.max_fehlversuche, 20)
        return min(ERSTE_WARTEZEIT * 2**stufe, timedelta(minutes=self.sperre_minuten))


def passwort_hash(passwort: str) -> str:
    """Der Hash für secrets.toml (python -m indikatoren passwort)."""
    if len(passwort) < 10:
        raise ValueError("Das Passwort muss mindestens 10 Zeichen lang sein.")
    if len(passwort.encode()) > 72:  # mehr liest bcrypt nicht
        raise ValueError("Das Passwort darf höchstens 72 Bytes lang sein (etwa 72 Zeichen ohne Umlaute).")
    return bcrypt.hashpw(passwort.encode(), bcrypt.gensalt()).decode()


def anmelden(ablage: Ablage, konten: Mapping[str, str], regeln: Regeln, name: str, passwort: str,
             quelle: str = "", jetzt: datetime | None = None) -> str | None:
    """None bei Erfolg, sonst die Meldung für die Anmeldeseite (ohne zu verraten, ob es das Konto gibt)."""
    jetzt = jetzt or datetime.now(UTC)
    name, quelle = name.strip(), (quelle or "unbekannt")[:64]
    if not name or len(name) > HOECHSTE_NAMENSLAENGE:
        return f"Bitte einen Namen mit 1 bis {HOECHSTE_NAMENSLAENGE} Zeichen eingeben."
    nummer, gesperrt_bis = _versuch_zaehlen(ablage, name, quelle)
    if nummer > regeln.max_fehlversuche and (gesperrt_bis is None or jetzt < gesperrt_bis):
        # Wartezeit läuft (oder ein gleichzeitiger Versuch hat sie eben erst ausgelöst)
        bis = max(gesperrt_bis or jetzt, jetzt + timedelta(seconds=1))
        _sperren(ablage, name, quelle, bis)
        ablage.protokolliere("anmelden", name, "", "", False, f"abgewiesen (Wartezeit), Herkunft {quelle}")
        return (f"Zu viele Fehlversuche von dieser Adresse: bitte bis {bis.astimezone():%H:%M:%S} Uhr warten "
                "und dann erneut versuchen.")
    if nummer > regeln.max_fehlversuche:
        _sperren(ablage, name, quelle, jetzt + regeln.wartezeit(nummer))  # bevor geprüft wird: gilt auch parallel
    hash_ = konten.get(name)
    erfolg = _passt(passwort, hash_ or _ersatz_hash(_kosten(konten))) and hash_ is not None
    if erfolg:
        _zuruecksetzen(ablage, name, quelle)
        ablage.protokolliere("anmelden", name, "", "", True, f"angemeldet, Herkunft {quelle}")
        return None
    warten = regeln.wartezeit(nummer)
    if warten:
        _sperren(ablage, name, quelle, jetzt + warten)
    ablage.protokolliere("anmelden", name, "", "", False, f"falsches Passwort oder Name, Herkunft {quelle}")
    rest = regeln.max_fehlversuche - nummer
    return "Name oder Passwort ist falsch." + (
        f" Noch {rest} Versuche, dann gilt eine Wartezeit." if rest > 0 else
        f" Von dieser Adresse erst wieder nach {_dauer(warten)}.")


def entsperren(ablage: Ablage, name: str) -> int:
    """Hebt jede Wartezeit für den Namen auf (alle Herkünfte); gibt die Zahl der betroffenen Einträge zurück."""
    with ablage.engine.begin() as verbindung:
        n = verbindung.execute(update(anmeldeversuch).where(anmeldeversuch.c.name == name.strip())
                               .values(fehlversuche=0, gesperrt_bis=None)).rowcount
    ablage.protokolliere("entsperren", name.strip()[:HOECHSTE_NAMENSLAENGE], "", "", True, f"{n} Einträge")
    return n


def abgelaufen(letzte_aktivitaet: datetime, regeln: Regeln, jetzt: datetime | None = None) -> bool:
    return (jetzt or datetime.now(UTC)) - letzte_aktivitaet > timedelta(minutes=regeln.leerlauf_minuten)


def _versuch_zaehlen(ablage: Ablage, name: str, quelle: str) -> tuple[int, datetime | None]:
    """Zählt den Versuch atomar (auch bei gleichzeitigen Versuchen aus mehreren Prozessen) und liefert
    (seine Nummer, die bisher gesetzte Wartezeit)."""
    dialekt = postgresql if ablage.engine.dialect.name == "postgresql" else sqlite
    befehl = dialekt.insert(anmeldeversuch).values(name=name, quelle=quelle, fehlversuche=1, gesperrt_bis=None)
    befehl = befehl.on_conflict_do_update(
        index_elements=["name", "quelle"], set_={"fehlversuche": anmeldeversuch.c.fehlversuche + 1}
    ).returning(anmeldeversuch.c.fehlversuche, anmeldeversuch.c.gesperrt_bis)
    with ablage.engine.begin() as verbindung:
        nummer, bis = verbindung.execute(befehl).one()
    return nummer, als_utc(bis) if bis else None


def _sperren(ablage: Ablage, name: str, quelle: str, bis: datetime) -> None:
    """Setzt die Wartezeit, verkürzt sie aber nie (gleichzeitige Versuche schreiben in beliebiger Reihenfolge)."""
    v = anmeldeversuch.c
    with ablage.engine.begin() as verbindung:
        verbindung.execute(update(anmeldeversuch).where(
            (v.name == name) & (v.quelle == quelle) & (v.gesperrt_bis.is_(None) | (v.gesperrt_bis < bis)))
            .values(gesperrt_bis=bis))


def _zuruecksetzen(ablage: Ablage, name: str, quelle: str) -> None:
    with ablage.engine.begin() as verbindung:
        verbindung.execute(update(anmeldeversuch).where(
            (anmeldeversuch.c.name == name) & (anmeldeversuch.c.quelle == quelle)).values(
            fehlversuche=0, gesperrt_bis=None))


def _passt(passwort: str, hash_: str) -> bool:
    try:
        return bcrypt.checkpw(passwort.encode(), hash_.encode())
    except ValueError:  # kein gültiger bcrypt-Hash in secrets.toml
        return False


def _kosten(konten: Mapping[str, str]) -> int:
    """Der Kostenfaktor der eingerichteten Hashes („$2b$12$…“ -> 12), damit der Ersatz gleich lange braucht."""
    for hash_ in konten.values():
        teile = str(hash_).split("$")
        if len(teile) > 2 and teile[2].isascii() and teile[2].isdigit():
            return int(teile[2])
    return 12


@functools.cache
def _ersatz_hash(kosten: int) -> str:
    return bcrypt.hashpw(b"kein Konto", bcrypt.gensalt(rounds=kosten)).decode()


def _dauer(zeit: timedelta) -> str:
    sekunden = int(zeit.total_seconds())
    return f"{sekunden} Sekunden" if sekunden < 120 else f"{sekunden // 60} Minuten"

