"""Anmeldung als Angreifer: lange Namen, gleichzeitige Versuche, fremde Adressen, unbekannte Namen, Leerlauf."""

import threading
from datetime import UTC, datetime, timedelta

import bcrypt
import pytest
from sqlalchemy import func, select

from indikatoren.ablage.datenstaende import Ablage
from indikatoren.ablage.schema import anmeldeversuch, protokoll
from indikatoren.zugang import anmeldung
from indikatoren.zugang.anmeldung import Regeln, anmelden, entsperren

PASSWORT = "richtig-lang-genug"
KONTEN = {"meier": bcrypt.hashpw(PASSWORT.encode(), bcrypt.gensalt(rounds=4)).decode()}
REGELN = Regeln(max_fehlversuche=3, sperre_minuten=15)
T0 = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


@pytest.fixture(params=["sqlite", "postgresql"])
def ablage(request, tmp_path):
    """Jeder Test auf SQLite und auf PostgreSQL (dort nur mit SOZIALPLANUNG_TEST_PG, in CI immer)."""
    if request.param == "postgresql":
        return Ablage(request.getfixturevalue("pg_url"))
    return Ablage(f"sqlite:///{tmp_path / 'a.sqlite'}")


def _anzahl(ablage, tabelle) -> int:
    with ablage.engine.connect() as v:
        return v.execute(select(func.count()).select_from(tabelle)).scalar()


def test_langer_name_wird_abgewiesen_bevor_etwas_gespeichert_wird(ablage):
    vorher = _anzahl(ablage, protokoll)
    meldung = anmelden(ablage, KONTEN, REGELN, "x" * 101, "egal", quelle="1.2.3.4")
    assert "1 bis 100 Zeichen" in meldung
    assert _anzahl(ablage, protokoll) == vorher and _anzahl(ablage, anmeldeversuch) == 0
    assert anmelden(ablage, {"x" * 100: KONTEN["meier"]}, REGELN, "x" * 100, PASSWORT) is None  # 100 geht


def test_wartezeit_waechst_und_endet(ablage):
    for _ in range(3):
        anmelden(ablage, KONTEN, REGELN, "meier", "falsch", quelle="a", jetzt=T0)
    # nach dem 3. Fehlversuch 30 s; währenddessen hilft auch das richtige Passwort nicht
    waehrenddessen = T0 + timedelta(seconds=29)
    assert "bitte bis" in anmelden(ablage, KONTEN, REGELN, "meier", PASSWORT, quelle="a", jetzt=waehrenddessen)
    t = T0 + timedelta(seconds=31)
    assert "nach 2 Minuten" in anmelden(ablage, KONTEN, REGELN, "meier", "falsch", quelle="a", jetzt=t)  # 5. Versuch
    assert REGELN.wartezeit(3) == timedelta(seconds=30) and REGELN.wartezeit(4) == timedelta(minutes=1)
    assert REGELN.wartezeit(30) == timedelta(minutes=15)  # nie länger als sperre_minuten
    assert anmelden(ablage, KONTEN, REGELN, "meier", PASSWORT, quelle="a", jetzt=t + timedelta(minutes=15)) is None
    assert "Noch 2 Versuche" in anmelden(ablage, KONTEN, REGELN, "meier", "falsch", quelle="a",
                                         jetzt=t + timedelta(minutes=15))  # nach Erfolg neu gezählt


def test_fremde_adresse_sperrt_die_stabsstelle_nicht_aus(ablage):
    for _ in range(20):
        anmelden(ablage, KONTEN, REGELN, "meier", "falsch", quelle="203.0.113.9", jetzt=T0)
    assert anmelden(ablage, KONTEN, REGELN, "meier", PASSWORT, quelle="10.1.2.3", jetzt=T0) is None
    assert "bitte bis" in anmelden(ablage, KONTEN, REGELN, "meier", PASSWORT, quelle="203.0.113.9", jetzt=T0)
    assert entsperren(ablage, "meier") == 2
    assert anmelden(ablage, KONTEN, REGELN, "meier", PASSWORT, quelle="203.0.113.9", jetzt=T0) is None


def test_gleichzeitige_versuche_zaehlen_alle_und_pruefen_hoechstens_das_erlaubte(ablage, monkeypatch):
    geprueft = []
    echt = bcrypt.checkpw
    monkeypatch.setattr(bcrypt, "checkpw", lambda p, h: geprueft.append(1) or echt(p, h))
    start = threading.Barrier(12)
    fehler = []

    def versuch():
        start.wait()
        try:
            anmelden(ablage, KONTEN, REGELN, "meier", "falsch", quelle="x")
        except Exception as e:  # noqa: BLE001 – jeder Fehler zählt hier als Befund
            fehler.append(e)

    faeden = [threading.Thread(target=versuch) for _ in range(12)]
    for f in faeden:
        f.start()
    for f in faeden:
        f.join()
    assert not fehler
    with ablage.engine.connect() as v:
        assert v.execute(select(anmeldeversuch.c.fehlversuche)).scalar() == 12
    assert len(geprueft) <= REGELN.max_fehlversuche


def test_unbekannter_name_kostet_eine_bcrypt_pruefung_gleicher_kosten(ablage, monkeypatch):
    kosten = []
    echt = bcrypt.checkpw
    monkeypatch.setattr(bcrypt, "checkpw", lambda p, h: kosten.append(h.decode().split("$")[2]) or echt(p, h))
    assert "falsch" in anmelden(ablage, KONTEN, REGELN, "niemand", PASSWORT)
    assert "falsch" in anmelden(ablage, KONTEN, REGELN, "meier", "daneben")
    assert kosten == ["04", "04"]  # wie der Hash in KONTEN


def test_leerlauf_sperrt_auch_downloads():
    from pages._anmeldung import beim_klick  # ohne laufende App: st.session_state ist leer -> keine Sitzung
    with pytest.raises(PermissionError):
        beim_klick(lambda: b"Rohdaten", "roh.csv", "text/csv")()
    assert anmeldung.abgelaufen(T0, Regeln(leerlauf_minuten=0.5), T0 + timedelta(seconds=31))
    assert not anmeldung.abgelaufen(T0, Regeln(leerlauf_minuten=0.5), T0 + timedelta(seconds=29))


def test_ersatz_hash_oeffnet_kein_konto(ablage):
    """Das Passwort des Ersatz-Hashes für unbekannte Namen meldet niemanden an."""
    assert "falsch" in anmelden(ablage, KONTEN, REGELN, "niemand", "kein Konto")


def test_passwortlaenge_fuer_bcrypt():
    with pytest.raises(ValueError, match="mindestens 10 Zeichen"):
        anmeldung.passwort_hash("kurz")
    with pytest.raises(ValueError, match="höchstens 72 Bytes"):
        anmeldung.passwort_hash("ä" * 37)  # 74 Bytes


GEHEIM = "geheimnis-des-servers"
STUNDE = timedelta(hours=1)


def test_einloesecode_gilt_einmal_und_60_sekunden(ablage):
    from itsdangerous import URLSafeTimedSerializer

    from indikatoren.zugang import anmeldesitzung as a

    code = a.beginnen(ablage, "meier", "1.2.3.4", jetzt=T0)
    signiert = URLSafeTimedSerializer(GEHEIM, salt="sozialplanung-anmeldung").dumps(code)
    assert a.pruefen(ablage, signiert, GEHEIM, STUNDE, jetzt=T0) is None  # noch nicht eingelöst: keine Anmeldung
    cookie = a.einloesen(ablage, code, GEHEIM, jetzt=T0 + timedelta(seconds=59))
    assert cookie and a.pruefen(ablage, cookie, GEHEIM, STUNDE, jetzt=T0 + timedelta(minutes=1)) == "meier"
    assert a.einloesen(ablage, code, GEHEIM, jetzt=T0 + timedelta(seconds=59)) is None  # verbraucht
    spaet = a.beginnen(ablage, "meier", "1.2.3.4", jetzt=T0)
    assert a.einloesen(ablage, spaet, GEHEIM, jetzt=T0 + timedelta(seconds=61)) is None
    assert code not in cookie and a.pruefen(ablage, code, GEHEIM, STUNDE, jetzt=T0) is None  # der Code ist kein Cookie
    with ablage.engine.connect() as v:  # gespeichert sind nur Hashes
        gespeichert = " ".join(str(z) for z in v.execute(select(a.anmeldesitzung)).all())
    assert code not in gespeichert and cookie.split(".")[0] not in gespeichert


def test_cookie_nur_mit_signatur_und_gueltiger_sitzung(ablage):
    from itsdangerous import URLSafeTimedSerializer

    from indikatoren.zugang import anmeldesitzung as a

    cookie = a.einloesen(ablage, a.beginnen(ablage, "meier", "x", jetzt=T0), GEHEIM, jetzt=T0)
    assert a.pruefen(ablage, cookie, "anderes-geheimnis", STUNDE, jetzt=T0) is None
    assert a.pruefen(ablage, cookie[:-2] + "xx", GEHEIM, STUNDE, jetzt=T0) is None
    erfunden = URLSafeTimedSerializer(GEHEIM, salt="sozialplanung-anmeldung").dumps("geraten")  # signiert, unbekannt
    assert a.pruefen(ablage, erfunden, GEHEIM, STUNDE, jetzt=T0) is None
    assert a.pruefen(ablage, None, GEHEIM, STUNDE) is None and a.pruefen(ablage, "x" * 600, GEHEIM, STUNDE) is None


def test_leerlauf_hoechstdauer_und_abmelden_beenden_die_sitzung(ablage):
    from indikatoren.zugang import anmeldesitzung as a

    def neu(t):
        return a.einloesen(ablage, a.beginnen(ablage, "meier", "x", jetzt=t), GEHEIM, jetzt=t)

    cookie = neu(T0)
    t = T0
    for _ in range(11):  # alle 59 Minuten ein Lauf: die Leerlaufzeit (60 min) läuft nie ab
        t += timedelta(minutes=59)
        assert a.pruefen(ablage, cookie, GEHEIM, STUNDE, jetzt=t) == "meier"
    assert a.pruefen(ablage, cookie, GEHEIM, STUNDE, jetzt=T0 + timedelta(hours=12, minutes=1)) is None  # <= 12 h
    cookie = neu(T0)
    assert a.pruefen(ablage, cookie, GEHEIM, STUNDE, jetzt=T0 + timedelta(minutes=50), beruehren=False) == "meier"
    assert a.pruefen(ablage, cookie, GEHEIM, STUNDE, jetzt=T0 + timedelta(minutes=61)) is None  # nicht berührt
    assert a.pruefen(ablage, cookie, GEHEIM, STUNDE, jetzt=T0 + timedelta(minutes=1)) is None  # bleibt beendet
    cookie = neu(T0)
    a.beenden(ablage, cookie, GEHEIM)
    assert a.pruefen(ablage, cookie, GEHEIM, STUNDE, jetzt=T0) is None
