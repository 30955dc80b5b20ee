"""Einreichungen von außen (etwa ein Angebot, das ein Träger ohne Konto meldet): sie warten in einer Schlange, bis
jemand in der Datenpflege sie annimmt oder mit Grund ablehnt; öffentlich wird nichts davon vorher.

Gegen Fluten gelten Grenzen je Herkunft (Stunde, Tag, noch offene) und für die ganze Schlange. Die Herkunft steht nur
als verschlüsselter Hash der Adresse da (mit einem Schlüssel der Datenbank), nie als Adresse. Jeder Versuch, auch
ein abgewiesener, steht im Protokoll.
"""

import hashlib
import hmac
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, func, insert, select, update

from indikatoren.ablage.datenstaende import Ablage, als_utc
from indikatoren.ablage.geheimnisse import geheimnis_von
from indikatoren.ablage.schema import einreichung

ARTEN = ("neu", "aenderung", "bestaetigung")
STATUS = ("offen", "angenommen", "abgelehnt")


@dataclass(frozen=True)
class Grenzen:
    je_stunde: int = 5  # Einreichungen je Herkunft
    je_tag: int = 20
    offen_je_herkunft: int = 10
    offen_insgesamt: int = 300  # die Schlange einer Liste wächst nie darüber
    zeichen: int = 40_000  # Größe der Daten (JSON)


@dataclass(frozen=True)
class Einreichung:
    id: int
    liste: str
    art: str
    kennung: str
    daten: dict
    eingegangen: datetime
    meldeadresse: str
    status: str
    grund: str
    bearbeitet_von: str
    bearbeitet_am: datetime | None
    stand: int | None


class Abgewiesen(Exception):
    """Eine Einreichung, die die Grenzen überschreitet; die Meldung sagt es auf Deutsch."""


def herkunft_von(ablage: Ablage, adresse: str) -> str:
    """Der verschlüsselte Hash einer Adresse: gleich für dieselbe Adresse, ohne den Schlüssel nicht umkehrbar."""
    return hmac.new(geheimnis_von(ablage, "herkunft").encode(), adresse.encode(), hashlib.sha256).hexdigest()[:32]


def einreichen(ablage: Ablage, liste: str, art: str, daten: dict[str, str], herkunft: str, *, kennung: str = "",
               meldeadresse: str = "", grenzen: Grenzen = Grenzen(), jetzt: datetime | None = None,
               zugleich: Callable[[Connection], None] | None = None) -> int:
    """Legt eine offene Einreichung an und gibt ihre Nummer (dieselbe noch einmal: die Nummer der ersten); wirft
    Abgewiesen bei zu vielen. `zugleich(verbindung)`
    läuft in derselben Transaktion (etwa: den Link einlösen, mit dem sie kam) – scheitert es, bleibt beides aus.
    Ein gescheiterter Versuch steht mit seinem Grund im Protokoll."""
    if art not in ARTEN:
        raise ValueError(f"Unbekannte Art {art!r}")
    jetzt = jetzt or datetime.now(UTC)
    text = json.dumps(daten, ensure_ascii=False)
    von = f"öffentlich ({herkunft[:8]})"
    try:
        with ablage.schreibend() as v:
            doppelt = v.execute(select(einreichung.c.id).where(
                einreichung.c.liste == liste, einreichung.c.herkunft == herkunft, einreichung.c.status == "offen",
                einreichung.c.kennung == kennung, einreichung.c.daten == text)).scalar()
            if doppelt is not None:  # etwa zweimal auf „Senden“ geklickt: nichts doppelt
                ablage.protokolliere(f"{liste}_meldung", von, "", "", True,
                                     f"Meldung {doppelt} noch einmal gesendet; nicht doppelt gespeichert", v)
                return doppelt
            if grund := _zu_viel(v, liste, herkunft, len(text), grenzen, jetzt):
                raise Abgewiesen(grund)
            if zugleich is not None:
                zugleich(v)
            nummer = v.execute(insert(einreichung).values(
                liste=liste, art=art, kennung=kennung, daten=text, eingegangen=jetzt, herkunft=herkunft,
                meldeadresse=meldeadresse[:200], status="offen", grund="", bearbeitet_von="")).inserted_primary_key[0]
            ablage.protokolliere(f"{liste}_meldung", von, "", "", True,
                                 f"Meldung {nummer} eingegangen ({art}{', ' + kennung if kennung else ''})", v)
    except Exception as fehler:
        ablage.protokolliere(f"{liste}_meldung", von, "", "", False, str(fehler) or type(fehler).__name__)
        raise
    return nummer


def _zu_viel(v, liste: str, herkunft: str, zeichen: int, g: Grenzen, jetzt: datetime) -> str:
    if zeichen > g.zeichen:
        return "Die Angaben sind zu lang. Bitte kürzen."

    def anzahl(*bedingungen) -> int:
        return v.execute(select(func.count()).select_from(einreichung).where(
            einreichung.c.liste == liste, *bedingungen)).scalar()

    von_hier = einreichung.c.herkunft == herkunft
    if anzahl(von_hier, einreichung.c.eingegangen > jetzt - timedelta(hours=1)) >= g.je_stunde:
        return "Von hier kamen in der letzten Stunde schon viele Meldungen. Bitte später noch einmal versuchen."
    if anzahl(von_hier, einreichung.c.eingegangen > jetzt - timedelta(days=1)) >= g.je_tag:
        return "Von hier kamen heute schon viele Meldungen. Bitte morgen noch einmal versuchen."
    if anzahl(von_hier, einreichung.c.status == "offen") >= g.offen_je_herkunft:
        return ("Von hier warten schon viele Meldungen auf ihre Prüfung. Bitte warten, bis das Netzwerk sie "
                "bearbeitet hat.")
    if anzahl(einreichung.c.status == "offen") >= g.offen_insgesamt:
        return "Gerade warten sehr viele Meldungen auf ihre Prüfung. Bitte in einigen Tagen noch einmal versuchen."
    return ""


def offene(ablage: Ablage, liste: str, verbindung=None) -> list[Einreichung]:
    """Die offenen Einreichungen einer Liste, älteste zuerst."""
    return _lesen(ablage, verbindung, einreichung.c.liste == liste, einreichung.c.status == "offen")


def einreichung_nr(ablage: Ablage, nummer: int, verbindung=None) -> Einreichung:
    gefunden = _lesen(ablage, verbindung, einreichung.c.id == nummer)
    if not gefunden:
        raise KeyError(f"Meldung {nummer} gibt es nicht.")
    return gefunden[0]


def _lesen(ablage: Ablage, verbindung, *bedingungen) -> list[Einreichung]:
    with ablage.lesend(verbindung) as v:
        zeilen = v.execute(select(einreichung).where(*bedingungen).order_by(einreichung.c.id)).mappings().all()
    return [Einreichung(z["id"], z["liste"], z["art"], z["kennung"], json.loads(z["daten"]),
                        als_utc(z["eingegangen"]), z["meldeadresse"], z["status"], z["grund"], z["bearbeitet_von"],
                        als_utc(z["bearbeitet_am"]) if z["bearbeitet_am"] else None, z["stand"]) for z in zeilen]


def erledigen(ablage: Ablage, nummer: int, status: str, von: str, *, grund: str = "", stand: int | None = None,
              kennung: str | None = None, jetzt: datetime | None = None, verbindung=None) -> None:
    """Nimmt eine offene Einreichung an oder lehnt sie ab (mit Grund); eine schon erledigte bleibt, wie sie ist
    (LookupError): zwei in der Datenpflege entscheiden nicht beide über dieselbe. `kennung`: der Eintrag, den eine
    neue bei der Annahme bekam."""
    if status not in STATUS[1:]:
        raise ValueError(f"Unbekannter Status {status!r}")
    with ablage.schreibend_in(verbindung) as v:
        geaendert = v.execute(update(einreichung).where(einreichung.c.id == nummer, einreichung.c.status == "offen")
                              .values(status=status, grund=grund, bearbeitet_von=von[:200],
                                      bearbeitet_am=jetzt or datetime.now(UTC), stand=stand,
                                      **({"kennung": kennung} if kennung else {}))).rowcount
        if not geaendert:
            raise LookupError(f"Meldung {nummer} ist nicht mehr offen; jemand hat sie schon bearbeitet.")
        liste = v.execute(select(einreichung.c.liste).where(einreichung.c.id == nummer)).scalar()
        ablage.protokolliere(f"{liste}_meldung", von, "", "", True, f"Meldung {nummer} {status}"
                             + (f": {grund}" if grund else "") + (f" (Stand {stand})" if stand else ""), v)


def meldeadressen(ablage: Ablage, liste: str, verbindung=None) -> dict[str, str]:
    """Kennung -> E-Mail-Adresse aus der jüngsten angenommenen Einreichung mit Adresse (nie öffentlich)."""
    with ablage.lesend(verbindung) as v:
        zeilen = v.execute(select(einreichung.c.kennung, einreichung.c.meldeadresse).where(
            einreichung.c.liste == liste, einreichung.c.status == "angenommen", einreichung.c.meldeadresse != "",
            einreichung.c.kennung != "").order_by(einreichung.c.id)).all()
    return {kennung: adresse for kennung, adresse in zeilen}
