"""Anmeldung für die Datenpflege mit lokalen Konten: bcrypt-Hashes, Sperre nach Fehlversuchen, Leerlaufzeit.

Konten und Regeln stehen in .streamlit/secrets.toml (nie Klartext-Passwörter), die Fehlversuche in der
Datenbank – so gilt die Sperre auch über Neustarts und mehrere Prozesse hinweg. Jeder Versuch steht im
Protokoll. (Anmeldung über OpenID Connect erledigt st.login; dafür ist hier nichts nötig.)
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import bcrypt
from sqlalchemy import select

from indikatoren.datenstaende import Ablage, anmeldung


@dataclass(frozen=True)
class Regeln:
    max_fehlversuche: int = 5
    sperre_minuten: int = 15
    leerlauf_minuten: int = 60

    @classmethod
    def aus(cls, einstellungen: Mapping) -> "Regeln":
        """Aus dem Abschnitt [datenpflege] der secrets.toml; fehlende Werte behalten die Vorgabe."""
        return cls(**{k: int(einstellungen[k]) for k in ("max_fehlversuche", "sperre_minuten", "leerlauf_minuten")
                      if k in einstellungen})


def passwort_hash(passwort: str) -> str:
    """Der Hash für secrets.toml (python -m indikatoren passwort)."""
    if len(passwort) < 10:
        raise ValueError("Das Passwort muss mindestens 10 Zeichen lang sein.")
    return bcrypt.hashpw(passwort.encode(), bcrypt.gensalt()).decode()


def anmelden(ablage: Ablage, konten: Mapping[str, str], regeln: Regeln, name: str, passwort: str,
             jetzt: datetime | None = None) -> str | None:
    """None bei Erfolg, sonst die Meldung für die Anmeldeseite (ohne zu verraten, ob es das Konto gibt)."""
    jetzt = jetzt or datetime.now(UTC)
    name = name.strip()
    with ablage.engine.begin() as verbindung:
        stand = verbindung.execute(select(anmeldung).where(anmeldung.c.name == name)).first()
        fehler = stand.fehlversuche if stand else 0
        zuletzt = _utc(stand.letzter_fehlversuch) if stand and stand.letzter_fehlversuch else None
        if zuletzt and jetzt - zuletzt >= timedelta(minutes=regeln.sperre_minuten):
            fehler = 0  # Sperrfrist vorbei: neu zählen
        if fehler >= regeln.max_fehlversuche:
            bis = zuletzt + timedelta(minutes=regeln.sperre_minuten)
            meldung = (f"Zu viele Fehlversuche: das Konto ist bis {bis.astimezone():%H:%M} Uhr gesperrt.")
            erfolg = False
        else:
            hash_ = konten.get(name)
            erfolg = bool(hash_) and _passt(passwort, hash_)
            fehler = 0 if erfolg else fehler + 1
            meldung = None if erfolg else (
                "Name oder Passwort ist falsch." + (f" Noch {regeln.max_fehlversuche - fehler} Versuche bis zur "
                                                    "Sperre." if fehler < regeln.max_fehlversuche else
                                                    f" Das Konto ist jetzt {regeln.sperre_minuten} Minuten gesperrt."))
            werte = {"fehlversuche": fehler, "letzter_fehlversuch": None if erfolg else jetzt}
            if stand:
                verbindung.execute(anmeldung.update().where(anmeldung.c.name == name).values(**werte))
            else:
                verbindung.execute(anmeldung.insert().values(name=name, **werte))
    ablage.protokolliere("anmelden", name, "", "", erfolg, meldung or "angemeldet")
    return meldung


def abgelaufen(letzte_aktivitaet: datetime, regeln: Regeln, jetzt: datetime | None = None) -> bool:
    return (jetzt or datetime.now(UTC)) - letzte_aktivitaet > timedelta(minutes=regeln.leerlauf_minuten)


def _passt(passwort: str, hash_: str) -> bool:
    try:
        return bcrypt.checkpw(passwort.encode(), hash_.encode())
    except ValueError:  # kein gültiger bcrypt-Hash in secrets.toml
        return False


def _utc(zeit: datetime) -> datetime:
    return zeit if zeit.tzinfo else zeit.replace(tzinfo=UTC)
