"""Persönliche Links, mit denen jemand ohne Konto genau einen Eintrag einer Liste bestätigen oder ändern kann (etwa
ein Träger sein Angebot): signiert (nicht zu fälschen), befristet, widerrufbar und nur einmal einzulösen.

Der Link trägt Liste, Kennung und einen Zufallsteil, signiert mit einem Schlüssel der Datenbank; gespeichert ist nur
der Hash des Zufallsteils. Ein neuer Link für denselben Eintrag widerruft die früheren, sodass je Eintrag höchstens
einer gilt.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from itsdangerous import BadData, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import Connection, insert, select, update

from indikatoren.ablage.datenstaende import Ablage, als_utc
from indikatoren.ablage.geheimnisse import geheimnis_von
from indikatoren.ablage.schema import aktualisierungslink

GUELTIG = timedelta(days=90)
HOECHSTLAENGE = 600  # Zeichen eines Links; länger ist keiner von hier


@dataclass(frozen=True)
class Link:
    liste: str
    kennung: str
    gueltig_bis: datetime


class LinkUngueltig(ValueError):
    """Gefälscht, abgelaufen, widerrufen oder schon benutzt; die Meldung sagt, was davon, und was zu tun ist."""


def _signierer(ablage: Ablage, verbindung=None) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(geheimnis_von(ablage, "aktualisierungslink", verbindung), salt="aktualisierungslink")


def _hash(zufall: str) -> str:
    return hashlib.sha256(zufall.encode()).hexdigest()


def erzeugen(ablage: Ablage, liste: str, kennung: str, von: str, *, gueltig: timedelta = GUELTIG,
             jetzt: datetime | None = None, verbindung=None) -> str:
    """Ein neuer Link (der Teil nach „?link=“) für einen Eintrag; frühere Links desselben Eintrags gelten nicht mehr."""
    jetzt = jetzt or datetime.now(UTC)
    zufall = secrets.token_urlsafe(24)
    with ablage.schreibend_in(verbindung) as v:
        _widerrufen(v, liste, kennung, jetzt)
        v.execute(insert(aktualisierungslink).values(hash=_hash(zufall), liste=liste, kennung=kennung, erstellt=jetzt,
                                                     gueltig_bis=jetzt + gueltig, von=von[:200]))
        ablage.protokolliere(f"{liste}_link", von, "", "", True,
                             f"Aktualisierungslink für {kennung} erzeugt, gültig bis {jetzt + gueltig:%d.%m.%Y}", v)
        return _signierer(ablage, v).dumps({"l": liste, "k": kennung, "z": zufall})


def widerrufen(ablage: Ablage, liste: str, kennung: str, von: str) -> int:
    """Widerruft alle offenen Links eines Eintrags; gibt ihre Zahl."""
    with ablage.schreibend() as v:
        anzahl = _widerrufen(v, liste, kennung, datetime.now(UTC))
        ablage.protokolliere(f"{liste}_link", von, "", "", True, f"{anzahl} Aktualisierungslink(s) für {kennung} "
                             "widerrufen", v)
    return anzahl


def _widerrufen(v: Connection, liste: str, kennung: str, jetzt: datetime) -> int:
    return v.execute(update(aktualisierungslink).where(
        aktualisierungslink.c.liste == liste, aktualisierungslink.c.kennung == kennung,
        aktualisierungslink.c.widerrufen_am.is_(None), aktualisierungslink.c.benutzt_am.is_(None))
        .values(widerrufen_am=jetzt)).rowcount


def pruefen(ablage: Ablage, link: str, *, jetzt: datetime | None = None, verbindung=None) -> Link:
    """Der Eintrag, den ein Link öffnet; wirft LinkUngueltig mit dem Grund."""
    jetzt = jetzt or datetime.now(UTC)
    if not link or len(link) > HOECHSTLAENGE:
        raise LinkUngueltig("Dieser Link ist unvollständig oder ungültig. Bitte den ganzen Link aus der E-Mail "
                            "verwenden.")
    try:
        inhalt = _signierer(ablage, verbindung).loads(link, max_age=int(GUELTIG.total_seconds()) * 4)
        liste, kennung, zufall = str(inhalt["l"]), str(inhalt["k"]), str(inhalt["z"])
    except SignatureExpired:
        raise _abgelaufen() from None
    except (BadData, KeyError, TypeError):
        raise LinkUngueltig("Dieser Link ist ungültig (verändert oder nicht von hier). Bitte den ganzen Link aus "
                            "der E-Mail verwenden.") from None
    with ablage.lesend(verbindung) as v:
        zeile = v.execute(select(aktualisierungslink).where(aktualisierungslink.c.hash == _hash(zufall))).mappings()\
            .first()
    if zeile is None or (zeile["liste"], zeile["kennung"]) != (liste, kennung):
        raise LinkUngueltig("Diesen Link kennt das Dashboard nicht (mehr). Bitte beim Netzwerk einen neuen "
                            "erbitten.")
    if zeile["benutzt_am"] is not None:
        raise LinkUngueltig(f"Dieser Link wurde am {als_utc(zeile['benutzt_am']):%d.%m.%Y} schon benutzt; jeder "
                            "gilt nur einmal. Nach der Prüfung Ihrer Angaben bekommen Sie einen neuen.")
    if zeile["widerrufen_am"] is not None:
        raise LinkUngueltig("Dieser Link gilt nicht mehr (es gibt einen neueren, oder das Netzwerk hat ihn "
                            "zurückgezogen). Bitte beim Netzwerk einen neuen erbitten.")
    if als_utc(zeile["gueltig_bis"]) < jetzt:
        raise _abgelaufen()
    return Link(liste, kennung, als_utc(zeile["gueltig_bis"]))


def _abgelaufen() -> LinkUngueltig:
    return LinkUngueltig("Dieser Link ist abgelaufen. Bitte beim Netzwerk einen neuen erbitten.")


def einloesen(ablage: Ablage, link: str, verbindung: Connection, *, jetzt: datetime | None = None) -> Link:
    """Prüft den Link und vermerkt ihn als benutzt – in der Transaktion `verbindung`, damit er mit dem, wofür er
    benutzt wird, zusammen gilt oder gar nicht."""
    jetzt = jetzt or datetime.now(UTC)
    gefunden = pruefen(ablage, link, jetzt=jetzt, verbindung=verbindung)
    zufall = _signierer(ablage, verbindung).loads(link)["z"]
    geaendert = verbindung.execute(update(aktualisierungslink).where(
        aktualisierungslink.c.hash == _hash(zufall), aktualisierungslink.c.benutzt_am.is_(None))
        .values(benutzt_am=jetzt)).rowcount
    if not geaendert:
        raise LinkUngueltig("Dieser Link wurde eben schon benutzt; jeder gilt nur einmal.")
    return gefunden
