"""Der Rahmen jeder Seite: vor ihr Daten, Ansicht aus dem Link, Seitenleiste und Hinweise, nach ihr der Link; dazu
die Fehlergrenze, die Reihenfolge der Läufe und die Berichte zum Herunterladen.

Daten und Zwischenspeicher: _zwischenspeicher.py; die Ansicht der Sitzung: _ansicht.py; gemeinsame Bedienelemente:
_bedienung.py.
"""

import logging
import threading
import uuid
from contextlib import contextmanager
from urllib.parse import urlencode

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

import berichte
from angebote import katalog as angebotskatalog
from darstellung import dokument, uebersetzung
from darstellung.maskierung import html, md
from indikatoren.ablage.datenstaende import FremderKreis
from indikatoren.grundlagen import ansicht as ansichten
from indikatoren.grundlagen import katalog, konfiguration
from pages import _zwischenspeicher as speicher
from pages._ansicht import BEDIENUNG, ansicht, setze
from pages._bedienung import seitenleiste

LOG = logging.getLogger("sozialplanung")


OHNE_KENNZAHLEN = ("angebote",)  # zeigt keine Zahlen eines Datenstands, also kein Banner dazu


def vorbereiten(url_pfad: str) -> speicher.Kontext | None:
    """Für app.py vor der Seite: Daten, Ansicht aus Link oder Sitzung, Hinweis auf Ersetztes, Seitenleiste (nur
    mit dem, was die Seite auswertet), Banner; im Präsentationsmodus oben der Knopf zum Beenden."""
    stand = speicher.datenstand()
    if stand is None:
        st.error("Es gibt noch keinen Datenstand. Die Stabsstelle kann Zahlen mit "
                 "„python -m indikatoren einlesen DATEI“ laden.")
        return None
    daten = speicher.ergebnis(stand.id)
    indikatoren, jahre, beispiel = speicher.inhalt(stand.id)
    if not indikatoren:
        st.error(f"Der aktive Datenstand {stand.id} enthält keinen Indikator, der sich anzeigen ließe. Die "
                 "Stabsstelle kann in der Datenpflege einen früheren Datenstand wieder aktivieren.")
        return None
    quelle = st.query_params.to_dict() if "ansicht" not in st.session_state else ansichten.als_parameter(ansicht())
    st.session_state["ansicht"] = ansichten.aus_parametern(quelle, indikatoren, jahre,
                                                          speicher.gebiete().gemeinden["ags"].tolist(),
                                                          angebotskatalog.LEBENSPHASEN,
                                                          angebotskatalog.HANDLUNGSFELDER,
                                                          dict(zip(speicher.gebiete().sozialraeume["id"],
                                                                   speicher.gebiete().sozialraeume["gemeinde"])),
                                                          [b.kennung for b in angebotskatalog.BEDARFE],
                                                          uebersetzung.SPRACHEN,
                                                          speicher.gebiete().verbaende["ags"].tolist())
    if ansicht().praesentation:
        st.button("Präsentationsmodus beenden", key="praesentation_beenden", icon=":material/close_fullscreen:",
                  on_click=lambda: setze(praesentation=False))
    else:
        seitenleiste(stand, indikatoren, jahre, daten, BEDIENUNG.get(url_pfad, ("indikator", "jahr")))
    gemeinden = speicher.gebiete().gemeinden
    ersetzt = ansichten.ersetzungen(quelle, ansicht(), dict(zip(gemeinden["ags"], gemeinden["name"])),
                                    {i.id: i.titel for i in katalog.INDIKATOREN})
    if ersetzt:
        st.info("**Dieser Link passt nicht mehr ganz zum aktuellen Datenstand.** " + " ".join(map(md, ersetzt)),
                icon=":material/link_off:")
    if beispiel and url_pfad not in OHNE_KENNZAHLEN:
        st.warning("**Beispieldaten** – dieser Datenstand enthält synthetische Zahlen, keine amtlichen Werte. "
                   "Sie dienen nur zur Vorführung, bis die Stabsstelle amtliche Zahlen einliest.", icon="⚠️")
    return kontext()


def kontext() -> speicher.Kontext:
    """Für die Seiten: was vorbereiten() festgelegt hat, mit dem Schlüssel dieses Laufs."""
    ueber_app()
    if "ansicht" not in st.session_state:
        _ueber_app_neu_starten()
    s = speicher.schluessel()
    a = ansicht()
    return speicher.Kontext(speicher.datenstand(), a, katalog.indikator(a.indikator),
                            speicher.ergebnis(s.datenstand), s)


def ueber_app() -> None:
    """Für jede Seite zuerst: sicherstellen, dass sie über app.py läuft (siehe _ueber_app_neu_starten)."""
    if PagesManager.uses_pages_directory:
        _ueber_app_neu_starten()


# Python rechnet in einem Prozess nur einen Faden zur Zeit. Öffnen 10 Leser zugleich eine Seite, teilen sich ihre
# Läufe die CPU und werden alle erst am Ende fertig (gemessen, python bench/last.py: jeder nach 5,7 s statt 0,2 s
# allein). Der Reihe nach ist der erste nach 0,2 s fertig, der Median halbiert sich. Mehr CPU bringen Prozesse.
_LAEUFE = threading.BoundedSemaphore(konfiguration.gleichzeitige_laeufe())


@contextmanager
def der_reihe_nach(url_pfad: str):
    """Für Leserseiten: höchstens SOZIALPLANUNG_GLEICHZEITIG Läufe zugleich je Prozess (Vorgabe 1). Die Berichte
    (PDF mit Fortschritt) laufen daneben, wie die Datenpflege, damit nichts Langes die Leser aufhält."""
    if url_pfad == "berichte":
        yield
        return
    with _LAEUFE:
        yield


@contextmanager
def fehlergrenze():
    """Leser sehen nie einen Traceback: ein Fehler wird mit Kennung protokolliert, die Seite sagt auf Deutsch,
    was zu tun ist. (st.stop, st.rerun und st.switch_page sind keine Exception und gehen durch.)"""
    try:
        yield
    except FremderKreis as fehler:  # eine Einstellung, die nur die Stabsstelle beheben kann: sie soll lesen, welche
        st.error(md(fehler))
    except Exception:
        kennung = uuid.uuid4().hex[:8]
        LOG.exception("Fehler %s auf der Seite", kennung)
        st.error(f"Diese Seite kann gerade nicht angezeigt werden (Fehlerkennung {kennung}). Bitte später noch "
                 "einmal versuchen; die Stabsstelle Sozialplanung findet die Einzelheiten unter dieser Kennung im "
                 "Serverprotokoll und kann in der Datenpflege einen früheren Datenstand aktivieren.")


def _ueber_app_neu_starten() -> None:
    """Die Seite lief ohne app.py: Streamlit behandelt einen Ordner namens pages/ beim allerersten Aufruf nach
    dem Serverstart (und AppTest bei jedem Lauf) nach der alten Mehrseiten-Regel und führt pages/SEITE.py
    direkt aus. st.navigation schaltet das ab – aber erst, wenn app.py gelaufen ist. Also abschalten und neu
    starten; der zweite Lauf geht über app.py zur selben Seite."""
    PagesManager.uses_pages_directory = False
    st.rerun()


def bericht_beim_klick(bericht: str, als: str = "pdf", **angaben):
    """Für st.download_button(data=…): der Bericht (berichte.BERICHTE) als PDF (oder DOCX), erst beim Klick gesetzt;
    WeasyPrint lädt erst dann. Die Daten werden jetzt zusammengestellt, denn der Klick läuft in einem Thread ohne
    Sitzung."""
    daten = speicher.berichtsdaten()

    def erzeugen():
        with ein_bericht_zur_zeit():
            return berichte.erzeugen(bericht, daten, als, **angaben)

    return erzeugen


_BERICHTE = threading.BoundedSemaphore(1)
BERICHT_WARTEN_S = 30.0


class BerichtBesetzt(RuntimeError):
    pass


@contextmanager
def ein_bericht_zur_zeit():
    """Höchstens ein Bericht (PDF, DOCX) zugleich je Prozess: Jeder Besucher darf Berichte erstellen, aber viele
    zugleich legten den Server lahm. Wer länger als BERICHT_WARTEN_S wartet, bekommt BerichtBesetzt (deutsch)."""
    if not _BERICHTE.acquire(timeout=BERICHT_WARTEN_S):
        raise BerichtBesetzt("Gerade entstehen andere Berichte; bitte in einer Minute noch einmal versuchen.")
    try:
        yield
    finally:
        _BERICHTE.release()


def abschliessen(url_pfad: str) -> None:
    """Nach der Seite: die Ansicht in die Adresszeile schreiben und als Link zeigen (im Präsentationsmodus:
    den Link zum Beenden)."""
    parameter = ansichten.als_parameter(ansicht())
    st.query_params.from_dict(parameter)
    basis = (st.context.url or "").rstrip("/").removesuffix(f"/{url_pfad}")
    link = f"{basis}/{url_pfad}?{_abfrage(parameter)}"
    gezeigt = kontext()  # der Ausdruck trägt Datenstand, Link und Quelle
    st.markdown(f'<div class="nur-drucken fusszeile">Datenstand {gezeigt.datenstand.id} vom '
                f'{gezeigt.datenstand.erstellt.astimezone():%d.%m.%Y} · {html(link)} · '
                f'Quelle: {html(gezeigt.indikator.quelle)}</div>', unsafe_allow_html=True)
    if ansicht().praesentation:
        return
    with st.sidebar:
        st.html(dokument.linkfeld(link))
        if veroeffentlichung := konfiguration.website_adresse():
            st.markdown(f"[Veröffentlichung ohne Skript: schnell, zum Drucken und Einbetten]({veroeffentlichung})")


def _abfrage(parameter: dict[str, str]) -> str:
    return urlencode(parameter, safe=",")  # Kommas lesbar lassen: grenzen=5,10,15
