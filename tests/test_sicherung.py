"""Sicherung und Wiederherstellung: alles kommt in eine neue Datenbank zurück, ohne etwas zu verdoppeln – und
einer manipulierten, kaputten oder bösartigen Sicherung wird nichts geglaubt; die Datenbank bleibt dann genau,
wie sie war (auch wenn der Prozess mittendrin stirbt)."""

import io
import json
import subprocess
import sys
import zipfile

import pytest

from angebote import liste as angebote
from indikatoren.ablaeufe import sicherung
from indikatoren.ablaeufe.einlesung import einlesen, oeffne_ablage
from indikatoren.ablage import spaltenprofile
from indikatoren.ablage.datenstaende import Ablage
from indikatoren.einlesen.zuordnung import Profil, Zeitbezug
from indikatoren.grundlagen.meldungen import UngueltigeDatei
from indikatoren.orte import einrichtungspflege
from indikatoren.orte.einrichtungen import mitgeliefert
from tests.conftest import PROJEKT, csv_bytes, zip_bombe
from tests.test_pruefung import _gekippt


@pytest.fixture
def gesichert(gebiete):
    """Zwei Datenstände (der erste aktiv), ein Einrichtungsstand (1), ein Angebotsstand (2), ein Protokoll mit einer
    Formel darin."""
    alt = oeffne_ablage(gebiete)
    einlesen(alt, csv_bytes("ags;jahr;bev_u15;nef_u15\n03254002;2025;2500;*"), "neu.csv", gebiete,
             ergaenzen=True, von="meier", kommentar="Dezember 2025")
    alt.aktivieren(1, von="meier")
    einrichtungspflege.staende(alt).speichern(mitgeliefert().assign(status="geschlossen"), von="meier",
                                              kommentar="alle zu")
    angebote.staende(alt).speichern(angebote.mitgeliefert(gebiete).assign(status="aktiv"), von="meier",
                                    kommentar="alle bestätigt")
    alt.protokolliere("pruefen", "meier", "x.csv", "", False, '=HYPERLINK("http://example.org")')
    return alt, sicherung.erstellen(alt)


def _stand(ablage) -> tuple:
    return ([(d.id, d.sha256, d.aktiv) for d in ablage.datenstaende()], einrichtungspflege.staende(ablage).staende(),
            angebote.staende(ablage).staende(), len(ablage.protokolleintraege()))


def _veraendert(datei: bytes, aendern) -> bytes:
    """Die Sicherung mit geändertem Inhalt: aendern(teile: dict[name, bytes]) ändert die Teile."""
    with zipfile.ZipFile(io.BytesIO(datei)) as archiv:
        teile = {n: archiv.read(n) for n in archiv.namelist()}
    aendern(teile)
    puffer = io.BytesIO()
    with zipfile.ZipFile(puffer, "w", zipfile.ZIP_DEFLATED) as archiv:
        for name, daten in teile.items():
            archiv.writestr(name, daten)
    return puffer.getvalue()


def _json(teile, aendern):
    beschreibung = json.loads(teile["sicherung.json"])
    aendern(beschreibung)
    teile["sicherung.json"] = json.dumps(beschreibung).encode()


def test_sicherung_in_neue_datenbank_und_zweimal_ohne_doppelte(tmp_path, gebiete, gesichert):
    alt, datei = gesichert
    neu = Ablage(f"sqlite:///{tmp_path / 'neu.sqlite'}")
    text = sicherung.wiederherstellen(neu, datei, gebiete, von="admin")
    assert text.startswith("2 Datenstände, 2 Stände der Einrichtungs- und Angebotslisten und ")
    a, n = alt.datenstaende(), neu.datenstaende()
    assert [(d.sha256, d.von, d.zeilen, d.erstellt, d.aktiv) for d in n] == \
        [(d.sha256, d.von, d.zeilen, d.erstellt, d.aktiv) for d in a]
    assert [(d.id, d.grundlage) for d in n] == [(1, None), (2, 1)]  # Nummern und Grundlage wie gesichert
    assert n[1].kommentar == "Dezember 2025 (wiederhergestellt)"
    for d_alt, d_neu in zip(a, n):
        assert neu.kennzahlen(d_neu.id).zeilen.equals(alt.kennzahlen(d_alt.id).zeilen)
        assert neu.kennzahlen(d_neu.id).geheim.equals(alt.kennzahlen(d_alt.id).geheim)
    protokoll = neu.protokolleintraege()
    assert protokoll["aktion"].str.startswith("gesichert: ").sum() == len(alt.protokolleintraege())
    assert '=HYPERLINK("http://example.org")' in protokoll["meldung"].tolist()  # Rückweg der Entschärfung

    zweites = sicherung.wiederherstellen(neu, datei, gebiete, von="admin")
    assert zweites.startswith("0 Datenstände, 0 Stände der Einrichtungs- und Angebotslisten und 0 Protokolleinträge")
    assert len(neu.datenstaende()) == 2
    for staende in (einrichtungspflege.staende, angebote.staende):  # dieselben Listen, Kennungen, Zeiten, aktiv
        assert staende(neu).lesen()[1].equals(staende(alt).lesen()[1])
        assert [(s.erstellt, s.von, s.aktiv) for s in staende(neu).staende()] == [
            (s.erstellt, s.von, s.aktiv) for s in staende(alt).staende()]


def test_neue_installation_behaelt_die_nummern(tmp_path, gebiete, gesichert, monkeypatch):
    """Eine neue Installation legt beim ersten Start ihre Beispieldaten als Stand 1 an; die Sicherung bringt dieselben
    mit: sie stehen nicht im Weg, Stand 2 und 3 kommen unter ihren Nummern zurück, aktiv ist, was es war. Ist eine
    Nummer wirklich besetzt, kommt der Stand dahinter und sein Kommentar nennt die alte."""
    alt, _ = gesichert
    einlesen(alt, csv_bytes("ags;jahr;bev_u15;nef_u15\n03254002;2026;2400;400"), "2026.csv", gebiete,
             ergaenzen=True, von="meier", kommentar="Dezember 2026")
    datei = sicherung.erstellen(alt)
    monkeypatch.setenv("SOZIALPLANUNG_LAUFZEIT", str(tmp_path / "neue_installation"))
    neu = oeffne_ablage(gebiete)
    assert [(d.id, d.von) for d in neu.datenstaende()] == [(1, "System (Erstbefüllung)")]
    assert sicherung.wiederherstellen(neu, datei, gebiete, von="admin").startswith("2 Datenstände")
    assert [(d.id, d.sha256, d.aktiv, d.grundlage) for d in neu.datenstaende()] == \
        [(d.id, d.sha256, d.aktiv, d.grundlage) for d in alt.datenstaende()]
    assert neu.aktiver().id == 3
    neu.aktivieren(1)
    assert sicherung.wiederherstellen(neu, datei, gebiete, von="admin").startswith("0 Datenstände")
    assert neu.aktiver().id == 1  # ein zweites Mal ändert nichts

    monkeypatch.setenv("SOZIALPLANUNG_LAUFZEIT", str(tmp_path / "besetzt"))
    besetzt = oeffne_ablage(gebiete)
    einlesen(besetzt, csv_bytes("ags;jahr;bev_u15;nef_u15\n03254002;2025;2600;410"), "eigen.csv", gebiete,
             ergaenzen=True, von="schulz", kommentar="eigener Stand 2")
    sicherung.wiederherstellen(besetzt, datei, gebiete, von="admin")
    staende = besetzt.datenstaende()
    assert [(d.id, d.kommentar) for d in staende[1:]] == [
        (2, "eigener Stand 2"), (3, "Dezember 2026 (wiederhergestellt)"),
        (4, "Dezember 2025 (wiederhergestellt, ursprünglich Datenstand 2)")]
    assert besetzt.kennzahlen(4).zeilen.equals(alt.kennzahlen(2).zeilen)

    monkeypatch.setenv("SOZIALPLANUNG_LAUFZEIT", str(tmp_path / "luecke"))  # nur Stand 1 und 3 in der Sicherung
    luecke = oeffne_ablage(gebiete)
    ohne_2 = _veraendert(datei, lambda t: _json(t, lambda b: b.__setitem__(
        "datenstaende", [d for d in b["datenstaende"] if d["id"] != 2])))
    sicherung.wiederherstellen(luecke, ohne_2, gebiete, von="admin")
    assert [(d.id, d.grundlage) for d in luecke.datenstaende()] == [(1, None), (3, 1)]


def test_formeln_in_der_sicherung_entschaerft(tmp_path, gebiete, gesichert):
    alt, _ = gesichert
    liste = mitgeliefert()
    liste.loc[0, "traeger"] = "=cmd|' /C calc'!A0"
    einrichtungspflege.staende(alt).speichern(liste, von="meier", kommentar="+Formel im Kommentar")
    datei = sicherung.erstellen(alt)
    with zipfile.ZipFile(io.BytesIO(datei)) as archiv:
        protokoll = archiv.read("protokoll.csv").decode()
        einrichtungen = archiv.read("einrichtungen_2.csv").decode()
    assert "'=HYPERLINK" in protokoll and ';"=HYPERLINK' not in protokoll and ";=HYPERLINK" not in protokoll
    assert ";'=cmd|" in einrichtungen and ";=cmd|" not in einrichtungen
    neu = Ablage(f"sqlite:///{tmp_path / 'neu.sqlite'}")
    sicherung.wiederherstellen(neu, datei, gebiete, von="admin")
    zurueck = einrichtungspflege.staende(neu).lesen()[1]
    assert zurueck.loc[0, "traeger"] == "=cmd|' /C calc'!A0"  # zurück wie gespeichert


def _abgelehnt(ablage, datei, gebiete, erwartet: str):
    vorher = _stand(ablage)
    with pytest.raises(UngueltigeDatei) as fehler:
        sicherung.wiederherstellen(ablage, datei, gebiete, von="admin", datei="s.zip")
    assert erwartet in str(fehler.value), str(fehler.value)
    nachher = _stand(ablage)
    assert nachher[:3] == vorher[:3] and nachher[3] == vorher[3] + 1  # nur der Versuch steht im Protokoll
    return fehler.value


@pytest.mark.parametrize(("aendern", "erwartet"), [
    (lambda t: t.__setitem__("datenstand_2.csv", t["datenstand_2.csv"].replace(b";2500;", b";9999;")),
     "Die Prüfsumme von datenstand_2.csv stimmt nicht"),
    (lambda t: _json(t, lambda b: [d.__setitem__("aktiv", True) for d in b["datenstaende"]]),
     "Mehr als ein Datenstand ist als aktiv markiert"),
    (lambda t: _json(t, lambda b: b["datenstaende"][1].__setitem__("id", 1)), "Nummern kommen doppelt vor"),
    (lambda t: _json(t, lambda b: b["datenstaende"][1].__setitem__("erstellt", "2999-01-01T00:00:00+00:00")),
     "liegt in der Zukunft"),
    (lambda t: _json(t, lambda b: b["datenstaende"][0].pop("sha256")), "unvollständig"),
    (lambda t: t.pop("protokoll.csv"), "Die Datei protokoll.csv fehlt"),
    (lambda t: t.__setitem__("sicherung.json", b"[1, 2]"), "Keine Sicherung dieses Dashboards"),
    (lambda t: _json(t, lambda b: b.__setitem__("format", 99)), "Unbekanntes Sicherungsformat 99"),
    (lambda t: _json(t, lambda b: b["datenstaende"][0].__setitem__("zeilen", b["datenstaende"][0]["zeilen"] + 1)),
     "Zeilen, das Inhaltsverzeichnis"),
    (lambda t: _json(t, lambda b: b["listenstaende"][0].__setitem__("liste", "fremd")),
     "Unbekannte Liste „fremd“ im Inhaltsverzeichnis"),
])
def test_manipulierte_sicherung_wird_abgelehnt(tmp_path, gebiete, gesichert, aendern, erwartet):
    _, datei = gesichert
    neu = Ablage(f"sqlite:///{tmp_path / 'neu.sqlite'}")
    _abgelehnt(neu, _veraendert(datei, aendern), gebiete, erwartet)


def _mit_neuer_pruefsumme(teile, datei: str, alt: bytes, neu: bytes):
    import hashlib
    teile[datei] = teile[datei].replace(alt, neu)
    _json(teile, lambda b: b["dateien"].__setitem__(datei, hashlib.sha256(teile[datei]).hexdigest()))


def test_inhalt_wird_wie_ein_upload_geprueft(tmp_path, gebiete, gesichert):
    """Auch mit passend gefälschter Prüfsumme: Jahr 9999 und eine unbekannte Kategorie fallen durch die Prüfung."""
    _, datei = gesichert
    neu = Ablage(f"sqlite:///{tmp_path / 'neu.sqlite'}")
    jahr = _veraendert(datei, lambda t: _mit_neuer_pruefsumme(t, "datenstand_2.csv", b"2025", b"9999"))
    _abgelehnt(neu, jahr, gebiete, "Das Jahr „9999“ ist ungültig")
    kategorie = _veraendert(datei, lambda t: _mit_neuer_pruefsumme(t, "einrichtungen_1.csv", b";Kita;", b";Bar;"))
    _abgelehnt(neu, kategorie, gebiete, "„Bar“ ist nicht erlaubt")


def _falsches_verzeichnis(datei: bytes) -> bytes:
    """Das zentrale Verzeichnis zeigt für den ersten Teil auf eine falsche Stelle (Versatz + 7)."""
    stelle = datei.rindex(b"PK\x01\x02")
    while (vorige := datei.rfind(b"PK\x01\x02", 0, stelle)) != -1:
        stelle = vorige
    versatz = int.from_bytes(datei[stelle + 42:stelle + 46], "little") + 7
    return datei[:stelle + 42] + versatz.to_bytes(4, "little") + datei[stelle + 46:]


@pytest.mark.parametrize("kaputt", [_falsches_verzeichnis, _gekippt, lambda d: d[: len(d) // 2],
                                    lambda d: b"PK\x05\x06" + d[4:]],
                         ids=["verzeichnis", "pruefsumme", "abgeschnitten", "kein_zip"])
def test_kaputte_zip_wird_abgelehnt_und_protokolliert(tmp_path, gebiete, gesichert, kaputt):
    """Eine beschädigte Sicherung (lügendes Verzeichnis, falsche CRC, abgeschnitten) ist eine deutsche Meldung, kein
    Absturz; nichts ändert sich, der Versuch steht im Protokoll."""
    _, datei = gesichert
    neu = Ablage(f"sqlite:///{tmp_path / 'neu.sqlite'}")
    fehler = _abgelehnt(neu, kaputt(datei), gebiete, "s.zip: Die ")
    assert "Sicherung (ZIP-Datei)" in str(fehler) or "keine lesbare" in str(fehler), str(fehler)
    assert neu.protokolleintraege().iloc[-1][["aktion", "erfolg"]].tolist() == ["wiederherstellen", False]


def test_spaltenprofile_kommen_mit_und_werden_geprueft(tmp_path, gebiete, gesichert):
    alt, _ = gesichert
    profil = Profil("BA Kinder", {"nef_u15": "NEF / unter 15 Jahren"}, Zeitbezug("fest", "2024-12"), "BA", "BA")
    spaltenprofile.speichern(alt, profil, "meier")
    datei = sicherung.erstellen(alt)
    neu = Ablage(f"sqlite:///{tmp_path / 'neu.sqlite'}")
    kaputt = _veraendert(datei, lambda t: _mit_neuer_pruefsumme(t, "spaltenprofile.json", b'"nef_u15"', b'"nef_u99"'))
    _abgelehnt(neu, kaputt, gebiete, "Die Spaltenprofile der Sicherung sind unlesbar")
    falsch = _veraendert(datei, lambda t: _mit_neuer_pruefsumme(t, "spaltenprofile.json", b'"2024-12"', b'"bald"'))
    _abgelehnt(neu, falsch, gebiete, "Spaltenprofil „BA Kinder“: „bald“ ist weder ein Jahr")
    assert sicherung.wiederherstellen(neu, datei, gebiete, von="admin").endswith(" 1 Spaltenprofile übernommen.")
    assert spaltenprofile.alle(neu) == [profil]
    assert sicherung.wiederherstellen(neu, datei, gebiete, von="admin").endswith(" 0 Spaltenprofile übernommen.")


def test_mit_schluessel_hilft_keine_gefaelschte_pruefsumme(tmp_path, gebiete, gesichert, monkeypatch):
    monkeypatch.setenv(sicherung.SCHLUESSEL_VARIABLE, "nur-die-stabsstelle-kennt-ihn")
    alt, _ = gesichert
    datei = sicherung.erstellen(alt)
    neu = Ablage(f"sqlite:///{tmp_path / 'neu.sqlite'}")
    gefaelscht = _veraendert(datei, lambda t: _mit_neuer_pruefsumme(t, "datenstand_2.csv", b";2500;", b";2600;"))
    _abgelehnt(neu, gefaelscht, gebiete, "Die Signatur der Sicherung fehlt oder stimmt nicht")
    assert sicherung.wiederherstellen(neu, datei, gebiete, von="admin").startswith("2 Datenstände")


def test_zip_bombe_wird_nicht_entpackt(gebiete):
    bombe = zip_bombe("sicherung.json", "datenstand_1.csv", 200)
    assert len(bombe) < 1024 * 1024  # 200 MB entpackt aus weniger als 1 MB
    _abgelehnt(oeffne_ablage(gebiete), bombe, gebiete, "möglicherweise eine „Zip-Bombe“")


def test_fehler_mittendrin_laesst_alles_wie_es_war(tmp_path, gebiete, gesichert, monkeypatch):
    """Scheitert der letzte Schritt, sind auch die schon angelegten Datenstände wieder weg, und der aktive
    bleibt aktiv (früher: Stände ohne aktiven, aber „nichts wurde gespeichert“)."""
    _, datei = gesichert
    neu = oeffne_ablage(gebiete, f"sqlite:///{tmp_path / 'neu.sqlite'}")
    vorher = _stand(neu)
    monkeypatch.setattr(Ablage, "protokoll_uebernehmen", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("x")))
    with pytest.raises(RuntimeError):
        sicherung.wiederherstellen(neu, datei, gebiete, von="admin")
    assert _stand(neu) == vorher and neu.aktiver().id == 1


def test_kill_9_mitten_in_der_wiederherstellung(tmp_path, gebiete, gesichert):
    """Der Prozess stirbt (SIGKILL), nachdem die Datenstände geschrieben, aber nicht bestätigt sind: die
    Datenbank ist danach genau wie vorher."""
    _, datei = gesichert
    (tmp_path / "s.zip").write_bytes(datei)
    url = f"sqlite:///{tmp_path / 'neu.sqlite'}"
    neu = oeffne_ablage(gebiete, url)
    vorher = _stand(neu)
    neu.engine.dispose()
    skript = f"""
import os, signal
import angebote, familienzentrum  # wie jede Kante: die Fachpakete melden ihre Listen an
from indikatoren.ablaeufe import sicherung
from indikatoren.ablage.datenstaende import Ablage
from indikatoren.grundlagen.gebiete import Gebiete
from indikatoren.ablage.listen import Listen
def sterben(*a, **k):
    os.kill(os.getpid(), signal.SIGKILL)
Listen.speichern = sterben
sicherung.wiederherstellen(Ablage({url!r}), open({str(tmp_path / 's.zip')!r}, 'rb').read(), Gebiete.laden('03254'), 'x')
"""
    prozess = subprocess.run([sys.executable, "-c", skript], cwd=PROJEKT, capture_output=True, text=True, timeout=120)
    assert prozess.returncode == -9, prozess.stderr
    assert _stand(Ablage(url)) == vorher


def test_ohne_angemeldete_liste_keine_stille_luecke(tmp_path, gebiete, gesichert):
    """Der Kern kennt die Fachpakete nicht; sie melden ihre Listen an. Hätte sich eins nicht angemeldet (Paket nicht
    geladen), bricht die Sicherung mit Meldung ab, statt still ohne seine Liste zu sichern."""
    from indikatoren.grundlagen import listenarten

    alt, _ = gesichert
    ohne = {k: v for k, v in listenarten._ANGEMELDET.items() if k != "angebote"}
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(listenarten, "_ANGEMELDET", ohne)
        with pytest.raises(RuntimeError, match="Die Listen angebote sind nicht angemeldet"):
            sicherung.erstellen(alt)
    befehl = ("import indikatoren.ablaeufe.sicherung as s, indikatoren.grundlagen.listenarten as l; "
              "print(sorted(a.name for a, _ in l.angemeldet()))")
    nur_kern = subprocess.run([sys.executable, "-c", befehl], cwd=PROJEKT, capture_output=True, text=True, check=True)
    assert nur_kern.stdout.strip() == "['einrichtungen']"  # der Kern allein importiert kein Fachpaket
