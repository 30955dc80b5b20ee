"""Die Anmeldung der Datenpflege an den Browser binden, nicht an die Sitzungskennung von Streamlit.

Streamlit erkennt eine Sitzung an einer Kennung, die auch in Adressen steht (etwa der eines Uploads); wer sie kennt,
könnte sich mit ihr verbinden. Die Anmeldung steckt darum in einem signierten HttpOnly-Cookie, das nur der Browser
hat, der sich angemeldet hat, und das kein Skript der Seite lesen kann:

1. Passwort richtig (anmeldung.py) → `beginnen` legt einen Einlösecode an: einmal gültig, 60 Sekunden.
2. Der Browser ruft damit /anmeldung/einloesen auf (server.py); `einloesen` tauscht ihn gegen eine neue, zufällige
   Sitzungskennung, die nur im Cookie steht (signiert mit itsdangerous), in der Datenbank nur als SHA-256.
3. Jeder Lauf der Seite prüft das Cookie der eigenen Verbindung (`pruefen`): Signatur, Sitzung nicht beendet,
   nicht länger untätig als erlaubt, nicht älter als HOECHSTDAUER. Neu laden (F5) und ein zweiter Tab bleiben
   angemeldet; eine fremde Verbindung mit derselben Streamlit-Kennung, aber ohne Cookie, ist es nicht.
4. Abmelden (`beenden`) macht das Cookie wertlos, auch wenn jemand eine Kopie hätte.

Die Datenbank hält den Zustand, damit alle Prozesse hinter dem Proxy dieselben Anmeldungen kennen; das Geheimnis
der Signatur ist Streamlits `server.cookieSecret` (im Betrieb für alle Prozesse gleich, deploy/start).
"""

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from itsdangerous import BadData, URLSafeTimedSerializer
from sqlalchemy import delete, insert, select, update

from indikatoren.ablage.datenstaende import Ablage, als_utc
from indikatoren.ablage.schema import anmeldesitzung

COOKIE = "sozialplanung_anmeldung"
EINLOESEFRIST = timedelta(seconds=60)
HOECHSTDAUER = timedelta(hours=12)  # auch bei Arbeit: danach neu anmelden
AUFBEWAHREN = timedelta(days=2)  # so lange bleiben beendete Sitzungen in der Tabelle
BERUEHREN_NACH = timedelta(seconds=5)  # seltener schreiben als bei jedem Lauf


def _hash(wert: str) -> str:
    return hashlib.sha256(wert.encode()).hexdigest()


def _signierer(geheimnis: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(geheimnis, salt="sozialplanung-anmeldung")


def beginnen(ablage: Ablage, name: str, herkunft: str, jetzt: datetime | None = None) -> str:
    """Nach richtigem Passwort: der Einlösecode für /anmeldung/einloesen (räumt nebenbei alte Sitzungen weg)."""
    jetzt = jetzt or datetime.now(UTC)
    code = secrets.token_urlsafe(32)
    with ablage.engine.begin() as v:
        v.execute(delete(anmeldesitzung).where(anmeldesitzung.c.erstellt < jetzt - AUFBEWAHREN))
        v.execute(insert(anmeldesitzung).values(kennung=_hash(code), name=name, herkunft=herkunft[:64],
                                                erstellt=jetzt, aktiv=jetzt, eingeloest=False, beendet=False))
    return code


def einloesen(ablage: Ablage, code: str, geheimnis: str, jetzt: datetime | None = None) -> str | None:
    """Der Wert des Cookies, wenn der Code gilt (einmal, binnen EINLOESEFRIST), sonst None. Atomar: von zwei
    gleichzeitigen Einlösungen desselben Codes gelingt eine (danach trägt die Zeile den Hash der Sitzung)."""
    jetzt = jetzt or datetime.now(UTC)
    if not isinstance(code, str) or not 20 <= len(code) <= 100:
        return None
    kennung = secrets.token_urlsafe(32)
    s = anmeldesitzung.c
    with ablage.engine.begin() as v:
        getauscht = v.execute(update(anmeldesitzung).where(
            (s.kennung == _hash(code)) & ~s.beendet & (s.erstellt >= jetzt - EINLOESEFRIST))
            .values(kennung=_hash(kennung), eingeloest=True, aktiv=jetzt)).rowcount
    return _signierer(geheimnis).dumps(kennung) if getauscht == 1 else None


def pruefen(ablage: Ablage, cookie: str | None, geheimnis: str, leerlauf: timedelta,
            jetzt: datetime | None = None, beruehren: bool = True) -> str | None:
    """Der Name des Angemeldeten, wenn das Cookie eine gültige Sitzung trägt, sonst None. `beruehren` zählt den
    Aufruf als Aktivität (ein Lauf der Seite, nicht die Prüfung eines Downloads)."""
    jetzt = jetzt or datetime.now(UTC)
    kennung = _kennung(cookie, geheimnis)
    if kennung is None:
        return None
    s = anmeldesitzung.c
    with ablage.engine.begin() as v:
        zeile = v.execute(select(s.name, s.erstellt, s.aktiv).where(
            (s.kennung == _hash(kennung)) & s.eingeloest & ~s.beendet)).one_or_none()
        if zeile is None:
            return None
        erstellt, aktiv = als_utc(zeile.erstellt), als_utc(zeile.aktiv)
        if jetzt - aktiv > leerlauf or jetzt - erstellt > HOECHSTDAUER:
            v.execute(update(anmeldesitzung).where(s.kennung == _hash(kennung)).values(beendet=True))
            return None
        if beruehren and jetzt - aktiv > BERUEHREN_NACH:
            v.execute(update(anmeldesitzung).where(s.kennung == _hash(kennung)).values(aktiv=jetzt))
    return zeile.name


def beenden(ablage: Ablage, cookie: str | None, geheimnis: str) -> None:
    """Abmelden: die Sitzung des Cookies gilt nicht mehr (das Cookie selbst löscht /anmeldung/abmelden)."""
    if (kennung := _kennung(cookie, geheimnis)) is not None:
        with ablage.engine.begin() as v:
            v.execute(update(anmeldesitzung).where(anmeldesitzung.c.kennung == _hash(kennung)).values(beendet=True))


def _kennung(cookie: str | None, geheimnis: str) -> str | None:
    if not cookie or len(cookie) > 500:
        return None
    try:
        kennung = _signierer(geheimnis).loads(cookie, max_age=int(HOECHSTDAUER.total_seconds()))
    except BadData:
        return None
    return kennung if isinstance(kennung, str) else None
