"""Träger melden Angebote: die Schlange mit ihren Grenzen, persönliche Links (gefälscht, abgelaufen, widerrufen,
zweimal benutzt), das öffentliche Formular und die Prüfung durch das Netzwerk in der Datenpflege (AppTest)."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from itsdangerous import URLSafeTimedSerializer
from streamlit.testing.v1 import AppTest

from angebote import liste, luecken, meldung
from indikatoren.ablaeufe.einlesung import oeffne_ablage
from indikatoren.ablage import einreichungen
from indikatoren.ablage.einreichungen import Abgewiesen, Grenzen
from indikatoren.zugang import aktualisierungslinks
from indikatoren.zugang.aktualisierungslinks import LinkUngueltig
from tests.conftest import PROJEKT
from tests.test_datenpflege import KONTEN, _anmelden, _reiter

JETZT = datetime(2026, 6, 1, 12, tzinfo=UTC)
ALFELD = "03254002"
ANTWORTEN = {"titel": "Elterncafé am Markt", "beschreibung": "Treffen für Eltern mit Babys.",
             "traeger": "Verein Miteinander", "zustaendigkeit": "freier Träger", "gemeinde": ALFELD,
             "lebensphasen": "0-3", "handlungsfeld": "Beratung und Elternbildung", "zugang": "offen",
             "kosten": "kostenlos", "sprachen": "Arabisch, Türkisch", "zeiten": "dienstags 9–11 Uhr",
             "kontakt": "info@miteinander.example", "status": "aktiv", "adresse": "Marktplatz 1, 31061 Alfeld"}


KLEIN = Grenzen(je_stunde=2, je_tag=3, offen_je_herkunft=4, offen_insgesamt=5)


def _eingereicht(ablage, herkunft="h1", jetzt=JETZT) -> int:
    return einreichungen.einreichen(ablage, "angebote", "neu", {"titel": f"{herkunft} {jetzt}"}, herkunft, jetzt=jetzt,
                                    grenzen=KLEIN)


def test_grenzen_der_schlange_und_jeder_versuch_im_protokoll(gebiete):
    """Je Herkunft zwei je Stunde, drei je Tag, vier offene; fünf offene insgesamt; zu lange Daten nie."""
    ablage = oeffne_ablage(gebiete)
    vorher = len(ablage.protokolleintraege())
    _eingereicht(ablage), _eingereicht(ablage, jetzt=JETZT + timedelta(minutes=59))
    with pytest.raises(Abgewiesen, match="in der letzten Stunde"):
        _eingereicht(ablage, jetzt=JETZT + timedelta(minutes=59, seconds=30))
    _eingereicht(ablage, jetzt=JETZT + timedelta(hours=1, minutes=1))  # die erste liegt jetzt über eine Stunde zurück
    with pytest.raises(Abgewiesen, match="heute schon viele"):
        _eingereicht(ablage, jetzt=JETZT + timedelta(hours=5))
    _eingereicht(ablage, jetzt=JETZT + timedelta(days=1, hours=1))  # ein Tag später: die vierte offene
    with pytest.raises(Abgewiesen, match="warten schon viele Meldungen auf ihre Prüfung"):
        _eingereicht(ablage, jetzt=JETZT + timedelta(days=3))
    _eingereicht(ablage, herkunft="h2", jetzt=JETZT + timedelta(days=3))  # die fünfte offene, von anderswo
    with pytest.raises(Abgewiesen, match="sehr viele Meldungen"):
        _eingereicht(ablage, herkunft="h3", jetzt=JETZT + timedelta(days=3))
    with pytest.raises(Abgewiesen, match="zu lang"):
        einreichungen.einreichen(ablage, "angebote", "neu", {"titel": "x" * 40_001}, "h4")
    assert len(einreichungen.offene(ablage, "angebote")) == 5
    erste = einreichungen.einreichen(ablage, "angebote", "neu", {"titel": "y"}, "h5")
    assert einreichungen.einreichen(ablage, "angebote", "neu", {"titel": "y"}, "h5") == erste  # nichts doppelt
    protokoll = ablage.protokolleintraege().iloc[vorher:]
    meldungen = protokoll[protokoll["aktion"] == "angebote_meldung"]
    assert meldungen["erfolg"].tolist() == [True, True, False, True, False, True, False, True, False, False, True,
                                            True]
    assert meldungen["meldung"].iloc[-1].endswith("nicht doppelt gespeichert")
    assert not protokoll["von"].str.contains("h1").any() or protokoll["von"].str.startswith("öffentlich").all()


def test_herkunft_nur_als_verschluesselter_hash(gebiete):
    ablage = oeffne_ablage(gebiete)
    a, b = einreichungen.herkunft_von(ablage, "192.0.2.7"), einreichungen.herkunft_von(ablage, "192.0.2.8")
    assert a == einreichungen.herkunft_von(ablage, "192.0.2.7") != b and len(a) == 32
    import hashlib
    assert a not in hashlib.sha256(b"192.0.2.7").hexdigest()  # nicht der bloße Hash: ohne Schlüssel nicht zu raten


def test_erledigte_meldung_bleibt_erledigt(gebiete):
    ablage = oeffne_ablage(gebiete)
    nummer = _eingereicht(ablage)
    with pytest.raises(Exception, match="Grund"):
        meldung.ablehnen(ablage, nummer, "meier (netzwerk)", "  ")
    meldung.ablehnen(ablage, nummer, "meier (netzwerk)", "kein Angebot für Familien")
    with pytest.raises(LookupError, match="nicht mehr offen"):
        meldung.ablehnen(ablage, nummer, "schulz (netzwerk)", "doppelt")
    erledigt = einreichungen.einreichung_nr(ablage, nummer)
    assert (erledigt.status, erledigt.grund, erledigt.bearbeitet_von) == ("abgelehnt", "kein Angebot für Familien",
                                                                         "meier (netzwerk)")


def test_persoenlicher_link(gebiete):
    """Gilt für genau ein Angebot, einmal, bis zu seinem Ablauf; ein neuer ersetzt den alten; Fälschungen fallen auf."""
    ablage = oeffne_ablage(gebiete)
    link = aktualisierungslinks.erzeugen(ablage, "angebote", "A001", "meier", jetzt=JETZT)
    assert aktualisierungslinks.pruefen(ablage, link, jetzt=JETZT + timedelta(days=89)).kennung == "A001"
    with pytest.raises(LinkUngueltig, match="abgelaufen"):
        aktualisierungslinks.pruefen(ablage, link, jetzt=JETZT + timedelta(days=91))
    fremd = aktualisierungslinks.erzeugen(ablage, "angebote", "A002", "meier", jetzt=JETZT).split(".")
    gemischt = ".".join([fremd[0], *link.split(".")[1:]])  # Inhalt eines anderen Links, Signatur dieses
    anderer_schluessel = URLSafeTimedSerializer("geraten", salt="aktualisierungslink").dumps(
        {"l": "angebote", "k": "A001", "z": "x"})
    for gefaelscht in (gemischt, anderer_schluessel, link[:-2] + ("AA" if link[-2:] != "AA" else "BB"), "",
                       "x" * 700):
        with pytest.raises(LinkUngueltig, match="ungültig|unvollständig"):
            aktualisierungslinks.pruefen(ablage, gefaelscht, jetzt=JETZT)
    neuer = aktualisierungslinks.erzeugen(ablage, "angebote", "A001", "meier", jetzt=JETZT)
    with pytest.raises(LinkUngueltig, match="gilt nicht mehr"):
        aktualisierungslinks.pruefen(ablage, link, jetzt=JETZT)
    with ablage.schreibend() as v:
        aktualisierungslinks.einloesen(ablage, neuer, v, jetzt=JETZT)
    with pytest.raises(LinkUngueltig, match="schon benutzt"):
        aktualisierungslinks.pruefen(ablage, neuer, jetzt=JETZT)
    dritter = aktualisierungslinks.erzeugen(ablage, "angebote", "A001", "meier")
    assert aktualisierungslinks.widerrufen(ablage, "angebote", "A001", "meier") == 1
    with pytest.raises(LinkUngueltig, match="gilt nicht mehr"):
        aktualisierungslinks.pruefen(ablage, dritter)


def _formular(**parameter) -> AppTest:
    app = AppTest.from_file(str(PROJEKT / "app.py"), default_timeout=60).run()  # erst danach kennt AppTest die
    for name, wert in parameter.items():  # Seite unter ihrem Pfad „angebot-melden“
        app.query_params[name] = wert
    return app.switch_page("pages/angebot-melden.py").run()


def _ausfuellen(app: AppTest, antworten: dict[str, str]) -> AppTest:
    for name, wert in antworten.items():
        if name == "lebensphasen":
            app.multiselect(key="am_lebensphasen").set_value(wert.split("|"))
        elif name in ("zustaendigkeit", "gemeinde", "handlungsfeld", "zugang", "kosten", "status", "barrierefrei",
                      "einrichtung", "art"):
            app.selectbox(key=f"am_{name}").set_value(wert)
        elif name.startswith("beschreibung") or name in ("zeiten", "zielgruppe"):
            app.text_area(key=f"am_{name}").input(wert)
        else:
            app.text_input(key=f"am_{name}").input(wert)
    return app


def _gelesen(markdown: str) -> str:
    """Was Leser sehen: Markdown ohne die Maskierung (\\- wird -)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def _senden(app: AppTest, knopf: str = "Angebot melden") -> AppTest:
    app.button(key=f"FormSubmitter:angebot_melden-{knopf}").click()
    return app.run()


def test_formular_meldet_netzwerk_nimmt_an_und_link_aendert(gebiete):
    """Ein Träger meldet; öffentlich ist nichts, bis das Netzwerk annimmt; dann steht es im aktiven Angebotsstand,
    bestätigt am Tag der Meldung, und der Träger ändert es über seinen Link – wieder erst nach der Prüfung."""
    app = _senden(_ausfuellen(_formular(), ANTWORTEN | {"meldeadresse": "leitung@miteinander.example"}))
    assert not app.exception and "ist angekommen" in app.success[0].value
    ablage = oeffne_ablage(gebiete)
    assert "Elterncafé am Markt" not in set(liste.aktuelle(ablage, gebiete)[1]["titel"])  # noch nicht öffentlich
    [offen] = meldung.offene(ablage)
    assert offen.meldeadresse == "leitung@miteinander.example" and offen.daten["gemeinde"] == ALFELD

    dp = AppTest.from_file(str(PROJEKT / "app.py"), default_timeout=60)
    dp.secrets["datenpflege"] = {"konten": KONTEN, "rollen": {"meier": "netzwerk"}}
    dp.switch_page("pages/datenpflege.py")
    _reiter(_anmelden(dp), "Angebote")
    assert "Meldungen von Trägern (1 offen)" in [s.value for s in dp.subheader]
    zelle = ("0-3", "Beratung und Elternbildung")
    vorher = luecken.matrix(liste.aktuelle(ablage, gebiete)[1], ALFELD).set_index(["lebensphase", "handlungsfeld"])
    dp.button(key=f"mel_{offen.id}_an").click().run()
    assert not dp.exception
    stand, angebote = liste.aktuelle(ablage, gebiete)
    nachher = luecken.matrix(angebote, ALFELD).set_index(["lebensphase", "handlungsfeld"])
    assert nachher.at[zelle, "anzahl"] == vorher.at[zelle, "anzahl"] + 1  # die Lückenmatrix zählt es
    neu = angebote[angebote["titel"] == "Elterncafé am Markt"].iloc[0]
    assert (neu["status"], neu["bestaetigt_am"], neu["sprachen"]) == ("aktiv", date.today().isoformat(),
                                                                      "Arabisch, Türkisch")
    assert neu["quelle"] == f"Meldung des Trägers vom {date.today():%d.%m.%Y}" and neu["ebene"] == "individuell"
    assert liste.staende(ablage).staende()[-1].von == "meier (netzwerk)" and stand == 2  # 1: die mitgelieferte
    link = dp.code[0].value.split("?link=")[1]
    assert "/angebot-melden?link=" in dp.code[0].value and meldung.offene(ablage) == []

    geaendert = _formular(link=link)
    assert geaendert.text_input(key="am_titel").value == "Elterncafé am Markt"  # vorausgefüllt
    _senden(_ausfuellen(geaendert, {"zeiten": "dienstags und donnerstags 9–11 Uhr"}), "Änderung senden")
    assert "ist angekommen" in geaendert.success[0].value
    [aenderung] = meldung.offene(ablage)
    assert (aenderung.art, aenderung.kennung) == ("aenderung", neu["id"])
    vorschau = meldung.vorschau(aenderung, liste.aktuelle(ablage, gebiete)[1])
    assert vorschau[["feld", "vorher", "nachher"]].values.tolist() == [
        ["zeiten", "dienstags 9–11 Uhr", "dienstags und donnerstags 9–11 Uhr"]]
    assert _gelesen(_formular(link=link).error[0].value).startswith("Dieser Link wurde am")  # schon benutzt
    meldung.annehmen(ablage, gebiete, aenderung.id, "meier (netzwerk)", liste_einrichtungen(ablage))
    jetzt = liste.aktuelle(ablage, gebiete)[1].set_index("id").loc[neu["id"]]
    assert jetzt["zeiten"] == "dienstags und donnerstags 9–11 Uhr" and jetzt["titel"] == "Elterncafé am Markt"


def test_gemeldete_tagespflege_mit_alter_und_arabischem_titel_findet_eine_familie(gebiete, monkeypatch):
    """Ein Träger meldet Kindertagespflege ab 1 Jahr bis 3 Jahre mit arabischem Namen; angenommen findet eine Familie
    sie auf Arabisch mit „Kita-Platz“ und „2 Jahre“, nicht aber für ein Kind von 4 Jahren."""
    from tests.conftest import HILDESHEIM_GEOJSON
    from tests.test_wegweiser import _starte
    monkeypatch.setenv("SOZIALPLANUNG_GEODATEN", str(HILDESHEIM_GEOJSON))
    monkeypatch.setenv("SOZIALPLANUNG_BASEMAP", "keine")
    tagespflege = ANTWORTEN | {"titel": "Tagespflege Sonnenschein", "handlungsfeld": "Betreuung",
                               "art": "Kindertagespflege", "lebensphasen": "", "alter_von": "1 Jahr",
                               "alter_bis": "3", "titel_ar": "رعاية نهارية صن شاين",
                               "beschreibung_ar": "مكان لخمسة أطفال"}
    app = _senden(_ausfuellen(_formular(), tagespflege))
    assert not app.exception and "ist angekommen" in app.success[0].value
    ablage = oeffne_ablage(gebiete)
    [offen] = meldung.offene(ablage)
    assert (offen.daten["alter_von"], offen.daten["alter_bis"], offen.daten["lebensphasen"]) == (
        "12 Monate", "3 Jahre", "0-3|3-6")  # einheitlich geschrieben; „bis 3 Jahre“ schließt 36 Monate ein: 3-6
    meldung.annehmen(ablage, gebiete, offen.id, "meier (netzwerk)", liste_einrichtungen(ablage))
    wegweiser = _starte(lang="ar", bedarf="kita", alter="2")
    texte = [m.value for m in wegweiser.markdown]
    assert any(t.startswith("**رعاية نهارية صن شاين**") for t in texte)
    assert any("مكان لخمسة أطفال" in t and "العمر: من 12 شهرًا إلى 3 سنوات" in _gelesen(t) for t in texte)
    assert not any("رعاية نهارية صن شاين" in t for t in (m.value for m in _starte(bedarf="kita", alter="4").markdown))


def liste_einrichtungen(ablage):
    from indikatoren.orte import einrichtungspflege
    return einrichtungspflege.als_text(ablage)[1]


def test_formular_prueft_nennt_fragen_und_faengt_programme(gebiete):
    """Fehlende Pflichtangaben mit der Frage, Markup bleibt Text, ein gefälschter Link wird abgewiesen, und der
    Honigtopf speichert nichts (zeigt aber Erfolg)."""
    app = _senden(_ausfuellen(_formular(), {"titel": "<script>alert(1)</script>", "meldeadresse": "keine adresse"}))
    fehler = _gelesen(app.error[0].value)
    assert "**Ihre E-Mail-Adresse**: Das ist keine E-Mail-Adresse." in fehler
    app = _senden(_ausfuellen(_formular(), {"titel": "<b>Kurs</b>", "kontakt": "0 51 81 / 12 34"}))
    fehler = _gelesen(app.error[0].value)
    assert "**Wer bietet es an?**" in fehler and "<b>" not in fehler
    assert "**Oder: für welche Lebensphasen?**: Bitte das Alter (ab, bis) oder die Lebensphasen angeben." in fehler
    ablage = oeffne_ablage(gebiete)
    assert meldung.offene(ablage) == []
    assert _gelesen(_formular(link="abc.def").error[0].value).startswith("Dieser Link ist ungültig")
    falle = _formular()
    falle.text_input(key="am_webseite").input("http://spam.example")
    _senden(_ausfuellen(falle, ANTWORTEN))
    assert "ist angekommen" in falle.success[0].value and meldung.offene(ablage) == []
    assert ablage.protokolleintraege()["meldung"].iloc[-1] == "Honigtopf ausgefüllt; nicht gespeichert"


def test_gemeldeter_text_bleibt_in_der_datenpflege_text(gebiete):
    """Was ein Träger schreibt, ist Text: im Titel der Meldung kein Link, kein Bild, kein HTML."""
    ablage = oeffne_ablage(gebiete)
    zeile = meldung.zeile_aus_formular(ANTWORTEN | {"titel": "[klick](http://x.de) ![b](http://x.de/b.png) <b>f</b>"})
    meldung.melden(ablage, meldung.pruefen(zeile, gebiete, liste_einrichtungen(ablage)), "h")
    dp = AppTest.from_file(str(PROJEKT / "app.py"), default_timeout=60)
    dp.secrets["datenpflege"] = {"konten": KONTEN}
    dp.switch_page("pages/datenpflege.py")
    _reiter(_anmelden(dp), "Angebote")
    [kopf] = [e.label for e in dp.expander if e.label.startswith("Meldung")]
    titel = kopf.split("neues Angebot: ", 1)[1]
    assert re.search(r"(?<!\\)[\[\]()<>!]", titel) is None  # jedes Zeichen von Markdown und HTML maskiert
    assert _gelesen(titel) == "[klick](http\u2060://x.de) ![b](http\u2060://x.de/b.png) <b>f</b>"
