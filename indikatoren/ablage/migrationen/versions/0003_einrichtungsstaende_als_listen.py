"""Einrichtungsstände aus der Zeit vor den versionierten Listen (Tabellen einrichtungsstand, einrichtung) wandern in
die Listenablage (listenstand, listeneintrag): mit Zeit, Absender, Kommentar und aktivem Stand; dieselbe Einrichtung
(gleicher Name, bei gleichen Namen in der Reihenfolge) bekommt in jedem Stand dieselbe Kennung (E001, E002, …).

Bis zu diesem Schritt tat das der Code bei jedem Öffnen. Die alten Tabellen bleiben unverändert stehen; hat die Liste
schon Stände, geschieht nichts. Kein Rückweg: die übernommenen Stände sind unveränderlich wie alle.
"""

import json
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

LISTE, PRAEFIX = "einrichtungen", "E"


def upgrade() -> None:
    verbindung = op.get_bind()
    if not sa.inspect(verbindung).has_table("einrichtungsstand"):
        return
    zeit = sa.DateTime(timezone=True)
    listenstand = sa.table("listenstand", sa.column("id"), sa.column("liste"), sa.column("nr"),
                           sa.column("erstellt", zeit), sa.column("von"), sa.column("dateiname"),
                           sa.column("kommentar"), sa.column("aktiv"))
    listeneintrag = sa.table("listeneintrag", *(sa.column(c) for c in ("stand_id", "nr", "kennung", "daten")))
    protokoll = sa.table("protokoll", sa.column("zeit", zeit), *(sa.column(c) for c in (
        "aktion", "von", "dateiname", "sha256", "erfolg", "meldung")))
    if verbindung.execute(sa.select(sa.func.count()).select_from(listenstand)
                          .where(listenstand.c.liste == LISTE)).scalar():
        return
    kennungen: dict[tuple[str, int], str] = {}  # (Name, wievielter dieses Namens im Stand) -> Kennung
    staende = verbindung.execute(sa.text("SELECT * FROM einrichtungsstand ORDER BY id")).mappings().all()
    for nummer, stand in enumerate(staende, start=1):
        zeilen = verbindung.execute(sa.text("SELECT * FROM einrichtung WHERE stand_id = :s ORDER BY nr"),
                                    {"s": stand["id"]}).mappings().all()
        kommentar = f"{stand['kommentar'] or ''} (übernommen aus Einrichtungsstand {stand['id']})"
        intern = verbindung.execute(sa.insert(listenstand).values(
            liste=LISTE, nr=nummer, erstellt=_utc(stand["erstellt"]), von=(stand["von"] or "")[:200],
            dateiname=(stand["dateiname"] or "")[:500], kommentar=kommentar, aktiv=False)
            .returning(listenstand.c.id)).scalar_one()
        gesehen: dict[str, int] = {}
        eintraege = []
        for nr, zeile in enumerate(zeilen, start=1):
            daten = {k: "" if v is None else str(v) for k, v in zeile.items() if k not in ("stand_id", "nr")}
            wievielter = gesehen[daten.get("name", "")] = gesehen.get(daten.get("name", ""), -1) + 1
            kennung = kennungen.setdefault((daten.get("name", ""), wievielter), f"{PRAEFIX}{len(kennungen) + 1:03d}")
            eintraege.append({"stand_id": intern, "nr": nr, "kennung": kennung,
                              "daten": json.dumps(daten, ensure_ascii=False)})
        if eintraege:
            verbindung.execute(sa.insert(listeneintrag), eintraege)
        verbindung.execute(sa.insert(protokoll).values(
            zeit=_utc(stand["erstellt"]), aktion=LISTE, von=(stand["von"] or "")[:200], dateiname="", sha256="",
            erfolg=True, meldung=f"Einrichtungsstand {nummer} angelegt, {len(eintraege)} Zeilen: {kommentar}"))
    aktiv = [n for n, s in enumerate(staende, start=1) if s["aktiv"]]
    if aktiv:  # höchstens einer (die Datenbank lässt nur einen aktiven Stand je Liste zu)
        verbindung.execute(sa.update(listenstand).where(listenstand.c.liste == LISTE, listenstand.c.nr == aktiv[-1])
                           .values(aktiv=True))


def _utc(wert) -> datetime:
    """SQLite liefert den Zeitpunkt als Text, PostgreSQL als datetime; ohne Zeitzone galt UTC."""
    wert = datetime.fromisoformat(wert) if isinstance(wert, str) else wert
    return wert if wert.tzinfo else wert.replace(tzinfo=UTC)


def downgrade() -> None:
    pass
