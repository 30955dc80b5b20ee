"""Die gespeicherten Spaltenprofile (zuordnung.Profil) in der Ablage: anlegen, ändern, löschen – jedes davon mit
der Zuordnung vorher und nachher im Protokoll, damit sich nachvollziehen lässt, wie eine Zahl in einen Stand kam."""

import json
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import delete, insert, select, update

from indikatoren.ablage.datenstaende import Ablage, als_utc
from indikatoren.ablage.schema import spaltenprofil
from indikatoren.einlesen.zuordnung import Profil, pruefe_profil
from indikatoren.grundlagen.meldungen import Meldung, UngueltigeDatei


class UngueltigesProfil(ValueError):
    """Ein Profil, das nicht gespeichert werden kann; der Text sagt, was fehlt."""


def alle(ablage: Ablage, verbindung=None) -> list[Profil]:
    """Alle Profile, das zuletzt geänderte zuerst (passen zwei auf eine Tabelle, gilt das neuere)."""
    with ablage.lesend(verbindung) as v:
        zeilen = v.execute(select(spaltenprofil).order_by(spaltenprofil.c.geaendert.desc(),
                                                          spaltenprofil.c.name)).all()
    return [Profil.aus_json(z.name, z.zuordnung) for z in zeilen]


def uebersicht(ablage: Ablage) -> pd.DataFrame:
    """Die Profile als Tabelle zum Anzeigen: Name, Zuordnung, von wem und wann zuletzt geändert (Ortszeit)."""
    with ablage.lesend() as v:
        zeilen = v.execute(select(spaltenprofil).order_by(spaltenprofil.c.name)).all()
    return pd.DataFrame([{"Profil": z.name, "Zuordnung": Profil.aus_json(z.name, z.zuordnung).beschreibung(),
                          "geändert von": z.von,
                          "geändert am": f"{als_utc(z.geaendert).astimezone():%d.%m.%Y %H:%M}"} for z in zeilen],
                        columns=["Profil", "Zuordnung", "geändert von", "geändert am"])


def speichern(ablage: Ablage, profil: Profil, von: str, bisher: str | None = None) -> str:
    """Legt das Profil an oder ändert das Profil `bisher` (auch unter neuem Namen); sagt, was geschah.
    Wirft UngueltigesProfil (auch ins Protokoll), wenn das Profil unvollständig ist oder der Name vergeben."""
    profil = Profil(profil.name.strip(), profil.felder, profil.zeit, profil.zeichen, profil.quelle.strip())
    fehler = pruefe_profil(profil)
    try:
        return _speichern(ablage, profil, von, bisher, fehler)
    except UngueltigesProfil as grund:  # im Protokoll, nach dem Zurückrollen in eigener Transaktion
        ablage.protokolliere("spaltenprofil", von, profil.name, "", False, str(grund))
        raise


def _speichern(ablage: Ablage, profil: Profil, von: str, bisher: str | None, fehler: list[str]) -> str:
    with ablage.schreibend() as v:
        vorher = {z.name: z.zuordnung for z in v.execute(select(spaltenprofil)).all()}
        alt = bisher if bisher in vorher else None  # ohne `bisher` wird nichts still überschrieben
        if profil.name in vorher and alt != profil.name:
            fehler.append(f"Es gibt schon ein Profil „{profil.name}“; bitte einen anderen Namen wählen.")
        if fehler:
            raise UngueltigesProfil(" ".join(fehler))
        werte = {"name": profil.name, "zuordnung": profil.als_json(), "von": von[:200],
                 "geaendert": datetime.now(UTC)}
        if alt is None:
            v.execute(insert(spaltenprofil).values(**werte))
            text = f"Profil „{profil.name}“ angelegt: {profil.beschreibung()}"
        else:
            v.execute(update(spaltenprofil).where(spaltenprofil.c.name == alt).values(**werte))
            umbenannt = f" (vorher „{alt}“)" if alt != profil.name else ""
            text = (f"Profil „{profil.name}“{umbenannt} geändert. Vorher: "
                    f"{Profil.aus_json(alt, vorher[alt]).beschreibung()}. Jetzt: {profil.beschreibung()}")
        ablage.protokolliere("spaltenprofil", von, profil.name, "", True, text, v)
    return text


def loeschen(ablage: Ablage, name: str, von: str) -> str:
    with ablage.schreibend() as v:
        zeile = v.execute(select(spaltenprofil).where(spaltenprofil.c.name == name)).first()
        if zeile is None:
            raise UngueltigesProfil(f"Es gibt kein Profil „{name}“.")
        v.execute(delete(spaltenprofil).where(spaltenprofil.c.name == name))
        text = f"Profil „{name}“ gelöscht; es war: {Profil.aus_json(name, zeile.zuordnung).beschreibung()}"
        ablage.protokolliere("spaltenprofil", von, name, "", True, text, v)
    return text


def als_json(ablage: Ablage) -> str:
    """Alle Profile für die Sicherung: Name, Zuordnung, von wem, wann."""
    with ablage.lesend() as v:
        zeilen = v.execute(select(spaltenprofil).order_by(spaltenprofil.c.name)).all()
    return json.dumps([{"name": z.name, "zuordnung": json.loads(z.zuordnung), "von": z.von,
                        "geaendert": als_utc(z.geaendert).isoformat()} for z in zeilen], ensure_ascii=False, indent=1)


def aus_json(inhalt: bytes, datei: str) -> list[tuple[Profil, str, datetime]]:
    """Die Profile einer Sicherung, jedes geprüft wie im Formular; wirft UngueltigeDatei."""
    try:
        eintraege = json.loads(inhalt)
        if not all(isinstance(e["name"], str) for e in eintraege):
            raise ValueError("Name")
        profile = [(Profil.aus_json(e["name"], json.dumps(e["zuordnung"])), str(e["von"]),
                    als_utc(datetime.fromisoformat(e["geaendert"]))) for e in eintraege]
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        raise UngueltigeDatei([Meldung(datei, "Die Spaltenprofile der Sicherung sind unlesbar.")]) from None
    if fehler := [f"Spaltenprofil „{p.name[:200]}“: {' '.join(pruefe_profil(p))}" for p, _, _ in profile
                  if pruefe_profil(p)]:
        raise UngueltigeDatei([Meldung(datei, f) for f in fehler])
    return profile


def uebernehmen(ablage: Ablage, profile: list[tuple[Profil, str, datetime]], von: str, verbindung) -> str:
    """Profile aus einer Sicherung, deren Name hier fehlt; vorhandene bleiben, wie sie hier geändert wurden."""
    vorhanden = {z.name for z in verbindung.execute(select(spaltenprofil.c.name)).all()}
    neu = [(p, wer, wann) for p, wer, wann in profile if p.name not in vorhanden]
    for p, wer, wann in neu:
        verbindung.execute(insert(spaltenprofil).values(name=p.name, zuordnung=p.als_json(), von=wer[:200],
                                                        geaendert=wann))
        ablage.protokolliere("spaltenprofil", von, p.name, "", True,
                             f"Profil „{p.name}“ aus der Sicherung übernommen: {p.beschreibung()}", verbindung)
    return f"{len(neu)} Spaltenprofile übernommen."
