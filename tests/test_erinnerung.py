"""Erinnerungen an Träger: fällig nach zwölf Monaten ohne Bestätigung, per E-Mail an einen echten SMTP-Server auf
127.0.0.1 (aiosmtpd) mit neuem persönlichem Link, ohne Mailserver als Serienbrief-Tabelle; der Wegweiser nennt den
Tag der letzten Bestätigung."""

import email
import email.policy
import io
from datetime import date, timedelta

import pandas as pd
import pytest
from aiosmtpd.controller import Controller

from angebote import erinnerung, liste, meldung
from darstellung.wegweiser import angebot_markdown
from indikatoren.ablaeufe.einlesung import oeffne_ablage
from indikatoren.grundlagen import konfiguration
from indikatoren.grundlagen.konfiguration import Smtp
from indikatoren.zugang import aktualisierungslinks
from tests.browser import _freier_port
from tests.test_meldungen import ANTWORTEN, liste_einrichtungen

IN_EINEM_JAHR = date.today() + timedelta(days=400)


class Postfach:
    def __init__(self):
        self.mails: list[email.message.Message] = []

    async def handle_DATA(self, server, session, umschlag):  # noqa: N802 (Name von aiosmtpd vorgegeben)
        self.mails.append(email.message_from_bytes(umschlag.content, policy=email.policy.default))
        return "250 OK"


@pytest.fixture
def postfach():
    fach = Postfach()
    server = Controller(fach, hostname="127.0.0.1", port=_freier_port())
    server.start()
    yield fach, Smtp("127.0.0.1", server.port, "netzwerk@kreis.example", tls="keine")
    server.stop()


@pytest.fixture
def gemeldet(gebiete):
    """Ein Angebot, das ein Träger mit Adresse gemeldet und das Netzwerk angenommen hat, neben den mitgelieferten."""
    ablage = oeffne_ablage(gebiete)
    zeile = meldung.pruefen(meldung.zeile_aus_formular(ANTWORTEN), gebiete, liste_einrichtungen(ablage))
    nummer = meldung.melden(ablage, zeile, "h", meldeadresse="leitung@miteinander.example")
    kennung = meldung.annehmen(ablage, gebiete, nummer, "meier (netzwerk)", liste_einrichtungen(ablage)).kennung
    return ablage, kennung, liste.aktuelle(ablage, gebiete)[1]


def test_faellig_erst_nach_zwoelf_monaten_mit_der_adresse_der_meldung(gemeldet):
    ablage, kennung, angebote = gemeldet
    assert kennung not in {e.kennung for e in erinnerung.faellig(ablage, angebote)}  # heute bestätigt
    faellig = {e.kennung: e for e in erinnerung.faellig(ablage, angebote, IN_EINEM_JAHR)}
    assert faellig[kennung].adresse == "leitung@miteinander.example"
    assert faellig[kennung].bestaetigt_am == date.today().isoformat()
    assert {e.adresse for k, e in faellig.items() if k != kennung} == {""}  # die mitgelieferten: keine Adresse
    assert len(faellig) == 1 + 8


def test_erinnerung_kommt_mit_neuem_link_beim_mailserver_an(gemeldet, postfach):
    ablage, kennung, angebote = gemeldet
    fach, server = postfach
    faellig = erinnerung.faellig(ablage, angebote, IN_EINEM_JAHR)
    ergebnis = erinnerung.senden(ablage, faellig, "https://sozialplanung.example", "meier (netzwerk)", server)
    assert ergebnis[kennung] == "" and ergebnis["A001"] == "keine E-Mail-Adresse bekannt"
    [mail] = fach.mails
    assert mail["To"] == "leitung@miteinander.example" and mail["From"] == "netzwerk@kreis.example"
    assert mail["Subject"] == "Bitte bestätigen: Ihr Angebot „Elterncafé am Markt“ im Familienwegweiser"
    text = mail.get_content()
    assert f"zuletzt am {date.today():%d.%m.%Y} bestätigt" in text
    link = text.split("https://sozialplanung.example/angebot-melden?link=")[1].split()[0]
    assert aktualisierungslinks.pruefen(ablage, link).kennung == kennung
    protokoll = ablage.protokolleintraege()
    assert protokoll["meldung"].iloc[-1] == f"Erinnerung zu {kennung}: gesendet"


def test_ohne_erreichbaren_mailserver_bleibt_alles_wie_es_war(gemeldet):
    ablage, kennung, angebote = gemeldet
    alter_link = aktualisierungslinks.erzeugen(ablage, "angebote", kennung, "meier")
    tot = Smtp("127.0.0.1", _freier_port(), "netzwerk@kreis.example", tls="keine")
    ergebnis = erinnerung.senden(ablage, erinnerung.faellig(ablage, angebote, IN_EINEM_JAHR), "https://x", "m", tot)
    assert ergebnis[kennung].startswith("Mailserver nicht erreichbar")
    assert aktualisierungslinks.pruefen(ablage, alter_link).kennung == kennung  # nicht ersetzt
    assert not ablage.protokolleintraege()["erfolg"].iloc[-1]


def test_serienbrief_mit_links_und_entschaerften_formeln(gemeldet):
    ablage, kennung, angebote = gemeldet
    angebote.loc[angebote["id"] == "A001", "titel"] = "=HYPERLINK(\"http://x\")"
    faellig = erinnerung.faellig(ablage, angebote, IN_EINEM_JAHR)
    tabelle = pd.read_csv(io.BytesIO(erinnerung.serienbrief(ablage, faellig, "https://x", "m")), sep=";",
                          dtype=str, keep_default_na=False)
    assert list(tabelle.columns) == ["adresse", "angebot", "traeger", "zuletzt_bestaetigt", "link"]
    assert len(tabelle) == 9 and tabelle.set_index("angebot").at["Elterncafé am Markt", "adresse"] == \
        "leitung@miteinander.example"
    assert "'=HYPERLINK(\"http://x\")" in set(tabelle["angebot"])
    link = tabelle["link"].iloc[0].split("?link=")[1]
    assert aktualisierungslinks.pruefen(ablage, link).liste == "angebote"


def test_einstellung_des_mailservers(monkeypatch):
    assert konfiguration.smtp() is None
    monkeypatch.setenv("SOZIALPLANUNG_SMTP", "mail.kreis.example:25")
    assert konfiguration.smtp() is None  # ohne Absender kein Versand
    monkeypatch.setenv("SOZIALPLANUNG_SMTP_ABSENDER", "netzwerk@kreis.example")
    assert konfiguration.smtp() == Smtp("mail.kreis.example", 25, "netzwerk@kreis.example")
    monkeypatch.setenv("SOZIALPLANUNG_SMTP_TLS", "vielleicht")
    with pytest.raises(ValueError, match="starttls, ssl, keine"):
        konfiguration.smtp()


def test_wegweiser_nennt_die_letzte_bestaetigung(gemeldet, gebiete):
    _, kennung, angebote = gemeldet
    zeile = angebote.set_index("id").loc[kennung].to_dict() | {"ort": ""}
    assert f"zuletzt bestätigt am {date.today():%d.%m.%Y}" in angebot_markdown(zeile, {})
    nie = angebote.set_index("id").loc["A001"].to_dict() | {"ort": ""}
    assert "zuletzt bestätigt" not in angebot_markdown(nie, {})


def test_datenpflege_schickt_erinnerungen_oder_gibt_den_serienbrief(gemeldet, postfach, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import PROJEKT
    from tests.test_datenpflege import KONTEN, _anmelden, _reiter

    ablage, kennung, angebote = gemeldet
    alt = angebote.assign(bestaetigt_am=angebote["bestaetigt_am"].where(angebote["id"] != kennung, "2024-01-15"))
    liste.staende(ablage).speichern(alt, von="t", kommentar="vor langer Zeit bestätigt")
    fach, server = postfach

    def datenpflege() -> AppTest:
        app = AppTest.from_file(str(PROJEKT / "app.py"), default_timeout=60)
        app.secrets["datenpflege"] = {"konten": KONTEN, "rollen": {"meier": "netzwerk"}}
        app.switch_page("pages/datenpflege.py")
        return _reiter(_anmelden(app), "Angebote")

    ohne = datenpflege()
    assert "Serienbrief (CSV) mit neuen Links" in [b.label for b in ohne.get("download_button")]
    monkeypatch.setenv("SOZIALPLANUNG_SMTP", f"127.0.0.1:{server.port}")
    monkeypatch.setenv("SOZIALPLANUNG_SMTP_ABSENDER", server.absender)
    monkeypatch.setenv("SOZIALPLANUNG_SMTP_TLS", "keine")
    app = datenpflege()
    app.button(key="mel_erinnern").click().run()
    assert app.success[0].value.startswith("1 Erinnerungen gesendet. Nicht gesendet: A001: keine E-Mail-Adresse")
    assert [m["To"] for m in fach.mails] == ["leitung@miteinander.example"]
