"""Was alle Seiten teilen: Datenzugriff mit Cache, die Ansicht aus dem Link, Seitenleiste, Banner, Link.

Das Caching liegt hier, am Rand zu Streamlit; der Kern (indikatoren/) weiß nichts davon. Die Ansicht
(Indikator, Jahr, Gemeinde, Klassen, Präsentationsmodus) steht in st.session_state["ansicht"] und nach jedem
Lauf in den Query-Parametern, sodass ein kopierter Link dieselbe Ansicht öffnet.
"""

import logging
import threading
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlencode

import geopandas as gpd
import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

import berichte
from angebote import katalog as angebotskatalog
from angebote import liste as angebotsliste
from angebote.orte import je_einrichtung, lage, mit_ort
from berichte.daten import Berichtsdaten
from darstellung import diagramme, dokument, karte, profil, tabellen
from darstellung import praeventionskette as praeventionskette_tabellen
from darstellung.maskierung import html, md, md_zelle
from darstellung.tabellen import html_tabelle
from familienzentrum import daten as familienzentrum_daten
from indikatoren import ansicht as ansichten
from indikatoren import auswertung, einrichtungspflege, geodaten, katalog, konfiguration, sozialraeume
from indikatoren import einrichtungen as einrichtungsliste
from indikatoren.berechnung import AUSGEWIESEN
from indikatoren.datenstaende import Ablage, Datenstand, FremderKreis
from indikatoren.einlesen import oeffne_ablage
from indikatoren.gebiete import Gebiete
from indikatoren.geheimhaltung import fuer_leser
from indikatoren.klassen import Klassen, der_gemeinden, der_werte
from indikatoren.listen import Listen

LOG = logging.getLogger("sozialplanung")


# --- Daten (zwischengespeichert, begrenzt) ---------------------------------------------------------
# Was Leser sehen, bestimmen der Datenstand und der Sozialraumstand (welche Sozialräume es gibt und welche Gemeinde
# sie ganz abdecken); beide zusammen sind der Schlüssel jedes zwischengespeicherten Teils.
Stand = tuple[int, int | None]


def gebiete() -> Gebiete:
    """Die Gebiete des Kreises mit den Sozialräumen des aktiven Sozialraumstands."""
    return _gebiete_mit(konfiguration.kreis(), konfiguration.datenbank_url(), sozialraumstand())


def lauf_beginnen() -> None:
    """Einmal je Lauf (app.py): welcher Sozialraumstand gilt. Alle Teile des Laufs lesen ihn von hier; je Aufruf
    aus der Datenbank gelesen kostete er jeden Neulauf 20–40 ms (gemessen mit bench/last.py)."""
    st.session_state["_sozialraumstand"] = Listen(ablage(), sozialraeume.LISTE).aktiver()


def sozialraumstand() -> int | None:
    if "_sozialraumstand" not in st.session_state:
        lauf_beginnen()
    return st.session_state["_sozialraumstand"]


def sozialraumkarte(k: "Kontext", gemeinde: str, schrift_px: int):
    """Die Sozialräume einer Gemeinde als Karte im Indikator der Ansicht, mit Einrichtungen und Umkreis, und ihre
    Werte und Klassen; ein Dokument je Wechsel (wenige Flächen, anders als die Karte des Kreises)."""
    flaechen = sozialraumflaechen()
    flaechen = flaechen[flaechen["gemeinde"] == gemeinde].rename(columns={"id": "ags"})
    werte = k.auswahl()
    werte = werte[werte["ags"].isin(flaechen["ags"])]
    a = ansicht()
    klassen_ = der_werte(werte, a.klassen, a.grenzen)
    einrichtungen_, umkreis = karteneinrichtungen()
    return (karte.choroplethenkarte(flaechen, werte, klassen_, k.indikator,
                                    einrichtungen_[einrichtungen_["ags"] == gemeinde], umkreis,
                                    konfiguration.basemap(), schrift_px), werte, klassen_)


def sozialraumflaechen() -> gpd.GeoDataFrame:
    """Die Sozialräume des aktiven Stands mit Grenzen (id, name, gemeinde, vollstaendig, geometry)."""
    return _sozialraumflaechen(konfiguration.kreis(), konfiguration.datenbank_url(), sozialraumstand())


def ablage() -> Ablage:
    return _ablage(konfiguration.kreis(), konfiguration.datenbank_url())


def ergebnis(datenstand_id: int) -> pd.DataFrame:
    """Alle Indikatoren eines Datenstands, wie Leser sie sehen dürfen (primär und sekundär gesperrt)."""
    return _ergebnis(konfiguration.kreis(), konfiguration.datenbank_url(), (datenstand_id, sozialraumstand()))


def grenzen() -> gpd.GeoDataFrame:
    """Vereinfachte Gemeindegrenzen; wirft geodaten.GeodatenFehlen mit Anleitung."""
    datei = konfiguration.geodaten_datei()
    return _grenzen(konfiguration.kreis(), str(datei) if datei else "", str(konfiguration.laufzeit()))


def einrichtungen() -> pd.DataFrame:
    """Die aktuelle Einrichtungsliste (gepflegter Stand oder mitgelieferte Datei) mit Gemeinde (`ags`)."""
    datei = konfiguration.geodaten_datei()
    return _einrichtungen(konfiguration.kreis(), konfiguration.datenbank_url(),
                          einrichtungspflege.staende(ablage()).aktiver(), str(datei) if datei else "",
                          str(konfiguration.laufzeit()))


def karteneinrichtungen() -> tuple[pd.DataFrame, einrichtungsliste.Umkreis | None]:
    """Einrichtungen mit ihren Angeboten (`angebote`) und der Umkreis um das Familienzentrum; einmal je Stand."""
    return _karteneinrichtungen(*_stand_der_einrichtungen())


def kartengrundlage(schrift_px: int) -> str:
    """Adresse der ausgelagerten Grundlage der Karte (darstellung.karte.auslagern); einmal je Stand gebaut."""
    return _vorhanden(_kartengrundlage, *_stand_der_einrichtungen(), konfiguration.basemap(), schrift_px)


def wegweisergrundlage() -> str:
    """Adresse der ausgelagerten Grundlage der Karte des Wegweisers (Gemeindegrenzen)."""
    datei = konfiguration.geodaten_datei()
    return _vorhanden(_wegweisergrundlage, konfiguration.kreis(), str(datei) if datei else "",
                      str(konfiguration.laufzeit()), konfiguration.basemap())


def _vorhanden(bauen, *schluessel) -> str:
    """Die Adresse aus dem Cache (als benutzt vermerkt), neu gebaut, wenn die Datei inzwischen entfernt ist."""
    adresse = bauen(*schluessel)
    if not karte.benutzt(adresse):
        bauen.clear()
        adresse = bauen(*schluessel)
    return adresse


def _stand_der_einrichtungen() -> tuple:
    datei = konfiguration.geodaten_datei()
    return (konfiguration.kreis(), konfiguration.datenbank_url(), einrichtungspflege.staende(ablage()).aktiver(),
            angebotsliste.staende(ablage()).aktiver(), str(datei) if datei else "", str(konfiguration.laufzeit()))


def angebote() -> pd.DataFrame:
    """Die aktuelle Angebotsliste (gepflegter Stand oder mitgelieferte Datei), alle Status, mit `ort` (Name und
    Adresse der Einrichtung); Leser-Seiten filtern."""
    return _angebote_mit_ort(*_stand_der_einrichtungen())


def praeventionskette(k: "Kontext", ags: str | None, sozialraum: str | None = None
                      ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Matrix, Bedarf und Kreisansicht der Präventionskette (darstellung.praeventionskette) für Kreis, Gemeinde
    oder einen ihrer Sozialräume; einmal je Stand."""
    return _praeventionskette(*_stand_der_einrichtungen(), k.stand, k.jahr, ags, sozialraum)


def angebote_im_sozialraum(k: "Kontext") -> pd.DataFrame:
    """Die Angebote (wie angebote()) mit der Spalte `sozialraum`: wo sie stattfinden (eigene Lage oder die ihrer
    Einrichtung); leer ohne Lage oder außerhalb jedes Sozialraums."""
    return _angebote_im_sozialraum(*_stand_der_einrichtungen(), k.stand[1])


@st.cache_resource(max_entries=8, show_spinner=False)
def _angebote_im_sozialraum(kreis: str, url: str, stand: int | None, angebotsstand: int | None, datei: str,
                            laufzeit: str, sozialraumstand_: int | None) -> pd.DataFrame:
    liste = _angebote_mit_ort(kreis, url, stand, angebotsstand, datei, laufzeit)
    orte = lage(liste, _einrichtungen(kreis, url, stand, datei, laufzeit))
    return liste.assign(sozialraum=sozialraeume.zuordnen(orte, _sozialraumflaechen(kreis, url, sozialraumstand_)))


def berichtsdaten() -> Berichtsdaten:
    """Was ein Bericht braucht, aus den zwischengespeicherten Teilen der Seiten; wirft GeodatenFehlen."""
    stand = ablage().aktiver()
    return Berichtsdaten(gebiete(), stand, ergebnis(stand.id), grenzen(), einrichtungen(), angebote(),
                         familienzentrum_daten.aktuelle(ablage()))


def bericht_beim_klick(bericht: str, als: str = "pdf", **angaben):
    """Für st.download_button(data=…): der Bericht (berichte.BERICHTE) als PDF (oder DOCX), erst beim Klick gesetzt;
    WeasyPrint lädt erst dann. Die Daten werden jetzt zusammengestellt, denn der Klick läuft in einem Thread ohne
    Sitzung."""
    daten = berichtsdaten()

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




@st.cache_resource(max_entries=4)
def _gebiete(kreis: str) -> Gebiete:
    return Gebiete.laden(kreis)


@st.cache_resource(max_entries=4)
def _ablage(kreis: str, url: str) -> Ablage:
    return oeffne_ablage(_gebiete(kreis), url)


@st.cache_resource(max_entries=4, show_spinner=False)
def _sozialraumflaechen(kreis: str, url: str, sozialraumstand_: int | None) -> gpd.GeoDataFrame:
    return sozialraeume.flaechen(sozialraeume.im_stand(_ablage(kreis, url), sozialraumstand_))


@st.cache_resource(max_entries=8, show_spinner=False)
def _gebiete_mit(kreis: str, url: str, sozialraumstand_: int | None) -> Gebiete:
    return _gebiete(kreis).mit_sozialraeumen(sozialraeume.im_stand(_ablage(kreis, url), sozialraumstand_))


# Was nur vom Stand abhängt und jeder Lauf liest, liegt als ein Objekt im Speicher (cache_resource): cache_data gäbe
# jedem Lauf eine neue Kopie. Die Seiten ändern es nie an Ort und Stelle (pandas 3: Copy-on-Write).
@st.cache_resource(max_entries=8, show_spinner=False)
def _ergebnis(kreis: str, url: str, stand: Stand) -> pd.DataFrame:
    ablage_ = _ablage(kreis, url)
    return fuer_leser(ablage_.kennzahlen(stand[0]), _gebiete_mit(kreis, url, stand[1]),
                      ablage_.vorgaenger(stand[0]))


def _schluessel(k: "Kontext") -> tuple[str, str, Stand, str]:
    """Kreis, Datenbank, Stand und Indikator: was die zwischengespeicherten Teile einer Ansicht unterscheidet."""
    return konfiguration.kreis(), konfiguration.datenbank_url(), k.stand, k.indikator.id


def gebietstabelle(k: "Kontext") -> pd.DataFrame:
    """tabellen.gebietstabelle für Indikator und Jahr der Ansicht; einmal je Stand, Indikator und Jahr gebaut."""
    return _gebietstabelle(*_schluessel(k), k.jahr)


@st.cache_resource(max_entries=64, show_spinner=False)
def _gebietstabelle(kreis: str, url: str, stand: Stand, indikator: str, jahr: int) -> pd.DataFrame:
    return tabellen.gebietstabelle(_ergebnis(kreis, url, stand), katalog.indikator(indikator), jahr)


def gemeindeprofil(k: "Kontext", ags: str, hoehe: int) -> tuple[pd.DataFrame, object, object | None]:
    """Tabelle aller Indikatoren, Verlauf (Gemeinde und Kreis) und Altersgruppen als Diagramme (None ohne Zahlen);
    einmal je Stand, Gemeinde, Indikator und Jahr gebaut (die Diagramme werden nur gelesen, nie verändert)."""
    return _gemeindeprofil(*_schluessel(k), ags, k.jahr, hoehe)


@st.cache_resource(max_entries=64, show_spinner=False)
def _gemeindeprofil(kreis: str, url: str, stand: Stand, indikator: str, ags: str, jahr: int, hoehe: int
                    ) -> tuple[pd.DataFrame, object, object | None]:
    daten, gebiete_ = _ergebnis(kreis, url, stand), _gebiete_mit(kreis, url, stand[1])
    gruppen = profil.altersgruppen(daten, gebiete_, ags, jahr)
    gemeinde = gebiete_.gemeinde_von(ags)  # ein Sozialraum: neben Kreis auch seine Gemeinde
    vergleich = [ags, gebiete_.kreis] if gemeinde is None else [ags, gemeinde, gebiete_.kreis]
    return (profil.indikatoren(daten, gebiete_, ags, jahr).set_index("Indikator"),
            diagramme.zeitreihe_linien(auswertung.zeitreihe(daten, indikator, vergleich),
                                       katalog.indikator(indikator), hoehe=hoehe),
            None if gruppen.empty else diagramme.altersgruppen_balken(gruppen, hoehe=hoehe))


def klassen(k: "Kontext") -> Klassen | None:
    """Die Klassen der Karte für Indikator und Jahr, mit Methode und Grenzen, wie die Ansicht sie jetzt nennt (auch
    gerade erst gewählt); einmal je Stand und Wahl berechnet."""
    a = ansicht()
    return _klassen(*_schluessel(k), k.jahr, a.klassen, tuple(a.grenzen))


@st.cache_resource(max_entries=64, show_spinner=False)
def _klassen(kreis: str, url: str, stand: Stand, indikator: str, jahr: int, methode: str,
             eigene: tuple[float, ...]) -> Klassen | None:
    return der_gemeinden(_ergebnis(kreis, url, stand), indikator, jahr, methode, eigene)


def _inhalt(datenstand_id: int) -> tuple[list[str], list[int], bool]:
    """Indikatoren (in der Reihenfolge des Katalogs) und Jahre eines Stands, und ob er Beispieldaten enthält."""
    return _inhalt_von(konfiguration.kreis(), konfiguration.datenbank_url(), (datenstand_id, sozialraumstand()))


@st.cache_resource(max_entries=8, show_spinner=False)
def _inhalt_von(kreis: str, url: str, stand: Stand) -> tuple[list[str], list[int], bool]:
    daten = _ergebnis(kreis, url, stand)
    vorhanden = set(daten["indikator"])
    return ([i.id for i in katalog.INDIKATOREN if i.id in vorhanden], sorted(daten["jahr"].unique().tolist()),
            bool((daten["art"] == "beispiel").any()))


@st.cache_resource(max_entries=4, show_spinner="Gemeindegrenzen werden geladen …")
def _grenzen(kreis: str, datei: str, laufzeit: str) -> gpd.GeoDataFrame:
    return geodaten.anzeigegrenzen(kreis)


@st.cache_resource(max_entries=8, show_spinner=False)
def _einrichtungen(kreis: str, url: str, stand: int | None, datei: str, laufzeit: str) -> pd.DataFrame:
    try:
        flaechen = _grenzen(kreis, datei, laufzeit)
    except geodaten.GeodatenFehlen:
        flaechen = None
    liste = einrichtungspflege.im_stand(_ablage(kreis, url), stand)
    return liste.assign(ags=einrichtungsliste.gemeinde_zuordnen(liste, _gebiete(kreis), flaechen))


@st.cache_resource(max_entries=8, show_spinner=False)
def _karteneinrichtungen(kreis: str, url: str, stand: int | None, angebotsstand: int | None, datei: str,
                         laufzeit: str) -> tuple[pd.DataFrame, einrichtungsliste.Umkreis | None]:
    liste = _einrichtungen(kreis, url, stand, datei, laufzeit)
    liste = liste.assign(angebote=je_einrichtung(
        _angebote_mit_ort(kreis, url, stand, angebotsstand, datei, laufzeit), liste))
    return liste, einrichtungsliste.umkreis(liste)


@st.cache_data(max_entries=8, show_spinner="Die Karte wird vorbereitet …")
def _kartengrundlage(kreis: str, url: str, stand: int | None, angebotsstand: int | None, datei: str, laufzeit: str,
                     basemap: str, schrift_px: int) -> str:
    einrichtungen, umkreis = _karteneinrichtungen(kreis, url, stand, angebotsstand, datei, laufzeit)
    return karte.auslagern(karte.grundlage(_grenzen(kreis, datei, laufzeit), einrichtungen, umkreis, basemap,
                                           schrift_px), bereich=karte.bereich(kreis, url))


@st.cache_resource(max_entries=8, show_spinner=False)
def _angebote_mit_ort(kreis: str, url: str, stand: int | None, angebotsstand: int | None, datei: str,
                      laufzeit: str) -> pd.DataFrame:
    return mit_ort(_angebote(kreis, url, angebotsstand), _einrichtungen(kreis, url, stand, datei, laufzeit))


@st.cache_resource(max_entries=64, show_spinner=False)
def _praeventionskette(kreis: str, url: str, stand: int | None, angebotsstand: int | None, datei: str, laufzeit: str,
                       kennzahlen: Stand, jahr: int, ags: str | None, sozialraum: str | None = None
                       ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    liste = _angebote_im_sozialraum(kreis, url, stand, angebotsstand, datei, laufzeit, kennzahlen[1])
    daten, gebiete_ = _ergebnis(kreis, url, kennzahlen), _gebiete_mit(kreis, url, kennzahlen[1])
    geschwister = gebiete_.sozialraeume_von(ags)["id"].tolist() if sozialraum else None
    return (praeventionskette_tabellen.matrix_text(liste, ags, sozialraum),
            praeventionskette_tabellen.bedarf_text(daten, sozialraum or ags, gebiete_.kreis, jahr, geschwister),
            praeventionskette_tabellen.kreisansicht(liste, daten, gebiete_.gemeinden, jahr))


@st.cache_data(max_entries=8, show_spinner=False)
def _wegweisergrundlage(kreis: str, datei: str, laufzeit: str, basemap: str) -> str:
    return karte.auslagern(karte.wegweisergrundlage(_grenzen(kreis, datei, laufzeit), basemap),
                           bereich=karte.bereich(kreis, datei))


@st.cache_resource(max_entries=8, show_spinner=False)
def _angebote(kreis: str, url: str, stand: int | None) -> pd.DataFrame:
    return angebotsliste.im_stand(_ablage(kreis, url), _gebiete(kreis), stand)


# --- Ansicht und Rahmen ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Kontext:
    datenstand: Datenstand
    ansicht: ansichten.Ansicht
    indikator: katalog.Indikator
    ergebnis: pd.DataFrame
    sozialraumstand: int | None = None

    @property
    def stand(self) -> Stand:
        return self.datenstand.id, self.sozialraumstand

    @property
    def jahr(self) -> int:
        return self.ansicht.jahr

    @property
    def praesentation(self) -> bool:
        return self.ansicht.praesentation

    def auswahl(self, indikator: str | None = None, jahr: int | None = None) -> pd.DataFrame:
        """Die Zeilen eines Indikators und Jahres (Vorgabe: die gewählten)."""
        e = self.ergebnis
        return e[(e["indikator"] == (indikator or self.indikator.id)) & (e["jahr"] == (jahr or self.jahr))]


def ansicht() -> ansichten.Ansicht:
    return st.session_state["ansicht"]


def setze(**aenderungen) -> None:
    if "gemeinde" in aenderungen and aenderungen["gemeinde"] != ansicht().gemeinde:
        aenderungen.setdefault("sozialraum", None)  # ein Sozialraum gilt nur mit seiner Gemeinde
    st.session_state["ansicht"] = ansicht().mit(**aenderungen)


# Welche Auswahl der Seitenleiste eine Seite auswertet; die anderen Seiten zeigen Indikator und Jahr.
BEDIENUNG = {"zeitvergleich": ("indikator",), "praeventionskette": ("jahr",), "berichte": ("jahr",),
             "angebote": (), "methodik": ()}


def vorbereiten(url_pfad: str) -> Kontext | None:
    """Für app.py vor der Seite: Daten, Ansicht aus Link oder Sitzung, Hinweis auf Ersetztes, Seitenleiste (nur
    mit dem, was die Seite auswertet), Banner; im Präsentationsmodus oben der Knopf zum Beenden."""
    stand = ablage().aktiver()
    if stand is None:
        st.error("Es gibt noch keinen Datenstand. Die Stabsstelle kann Zahlen mit "
                 "„python -m indikatoren einlesen DATEI“ laden.")
        return None
    daten = ergebnis(stand.id)
    indikatoren, jahre, beispiel = _inhalt(stand.id)
    if not indikatoren:
        st.error(f"Der aktive Datenstand {stand.id} enthält keinen Indikator, der sich anzeigen ließe. Die "
                 "Stabsstelle kann in der Datenpflege einen früheren Datenstand wieder aktivieren.")
        return None
    quelle = st.query_params.to_dict() if "ansicht" not in st.session_state else ansichten.als_parameter(ansicht())
    st.session_state["ansicht"] = ansichten.aus_parametern(quelle, indikatoren, jahre,
                                                          gebiete().gemeinden["ags"].tolist(),
                                                          angebotskatalog.LEBENSPHASEN,
                                                          angebotskatalog.HANDLUNGSFELDER,
                                                          dict(zip(gebiete().sozialraeume["id"],
                                                                   gebiete().sozialraeume["gemeinde"])))
    if ansicht().praesentation:
        st.button("Präsentationsmodus beenden", key="praesentation_beenden", icon=":material/close_fullscreen:",
                  on_click=lambda: setze(praesentation=False))
    else:
        _seitenleiste(stand, indikatoren, jahre, daten, BEDIENUNG.get(url_pfad, ("indikator", "jahr")))
    gemeinden = gebiete().gemeinden
    ersetzt = ansichten.ersetzungen(quelle, ansicht(), dict(zip(gemeinden["ags"], gemeinden["name"])),
                                    {i.id: i.titel for i in katalog.INDIKATOREN})
    if ersetzt:
        st.info("**Dieser Link passt nicht mehr ganz zum aktuellen Datenstand.** " + " ".join(map(md, ersetzt)),
                icon=":material/link_off:")
    if beispiel:
        st.warning("**Beispieldaten** – dieser Datenstand enthält synthetische Zahlen, keine amtlichen Werte. "
                   "Sie dienen nur zur Vorführung, bis die Stabsstelle amtliche Zahlen einliest.", icon="⚠️")
    return kontext()


def kontext() -> Kontext:
    """Für die Seiten: was vorbereiten() festgelegt hat."""
    ueber_app()
    if "ansicht" not in st.session_state:
        _ueber_app_neu_starten()
    stand, sr = ablage().aktiver(), sozialraumstand()
    a = ansicht()
    return Kontext(stand, a, katalog.indikator(a.indikator),
                   _ergebnis(konfiguration.kreis(), konfiguration.datenbank_url(), (stand.id, sr)), sr)


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


def sozialraumwahl(k: "Kontext", gemeinde: str | None) -> str | None:
    """Hat die Gemeinde Sozialräume, die Wahl „ganze Gemeinde“ oder einer davon (steht in der Ansicht und im
    Link); der gewählte Sozialraum, wenn er zu dieser Gemeinde gehört, sonst None."""
    raeume = gebiete().sozialraeume_von(gemeinde)
    if len(raeume) and not k.praesentation:
        wahl = {"": f"ganze Gemeinde {gebiete().name(gemeinde)}", **dict(zip(raeume["id"], raeume["name"]))}
        auswahl(st.selectbox, "Sozialraum", list(wahl), "sozialraum", format_func=wahl.get)
    gewaehlt = ansicht().sozialraum
    return gewaehlt if gewaehlt in set(raeume["id"]) else None


def auswahl(widget, label: str, optionen: list, feld: str, **optionen_widget):
    """Ein Bedienelement, dessen Wert in der Ansicht (und damit im Link) steht."""
    wert = getattr(ansicht(), feld)
    schluessel = f"w_{feld}"
    return widget(label, optionen, index=optionen.index(wert) if wert in optionen else 0, key=schluessel,
                  on_change=lambda: setze(**{feld: st.session_state[schluessel]}), placeholder="Bitte wählen",
                  **optionen_widget)


def _seitenleiste(stand: Datenstand, indikatoren: list[str], jahre: list[int], daten: pd.DataFrame,
                  bedienung: tuple[str, ...]) -> None:
    with st.sidebar:
        if "indikator" in bedienung:
            auswahl(st.selectbox, "Indikator", indikatoren, "indikator",
                    format_func=lambda i: katalog.indikator(i).titel)
        if "jahr" in bedienung:
            jahre_des_indikators = sorted(daten.loc[daten["indikator"] == ansicht().indikator, "jahr"].unique(),
                                          reverse=True) if "indikator" in bedienung else reversed(jahre)
            auswahl(st.selectbox, "Jahr", [int(j) for j in jahre_des_indikators], "jahr")
        arten = ", ".join(sorted(set(daten["art"])))
        st.caption(f"Datenstand {stand.id} vom {stand.erstellt.astimezone():%d.%m.%Y} · Art: {md(arten)} · "
                   f"Datei {md(stand.dateiname)}")
        st.toggle("Präsentationsmodus", key="w_praesentation",
                  help="Große Schrift und Diagramme, ohne Seitenleiste – für den Beamer. Beenden über den Knopf "
                       "oben.",
                  on_change=lambda: setze(praesentation=True))


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


def diagramm(fig, schluessel: str) -> None:
    """Ein Plotly-Diagramm mit Alternativtext und allen Werten als Tabelle darunter; im Präsentationsmodus groß."""
    gezeigt = diagramme.fuer_beamer(fig) if ansicht().praesentation else fig
    st.plotly_chart(gezeigt, config=diagramme.KONFIGURATION, alt=diagramme.beschreibung(fig), key=schluessel)
    with st.expander("Werte des Diagramms als Tabelle"):
        st.dataframe(diagramme.werte(fig), hide_index=True, width="stretch", key=f"{schluessel}_werte")


def rangliste(k: Kontext) -> None:
    """Die Rangliste der Ansicht als Bild vom Server (dieselbe Grafik wie im Sozialbericht), mit Alternativtext und
    allen Werten als Tabelle darunter; im Präsentationsmodus groß. Als Bild lädt die Übersicht kein Plotly (1,4 MB).
    Einmal je Stand, Indikator, Jahr, gewählter Gemeinde und Größe gezeichnet."""
    bild, werte = _rangliste(*_schluessel(k), k.jahr, k.ansicht.gemeinde, "beamer" if k.praesentation else "seite")
    from berichte.grafik import pixelgroesse

    breite, hoehe = pixelgroesse(bild)
    st.html(f'<img class="rangliste" src="{bild}" alt="{html(diagramme.rangliste_beschreibung(k.indikator))}" '
            f'width="{breite}" height="{hoehe}" style="max-width:100%;height:auto">')
    with st.expander("Werte des Diagramms als Tabelle"):
        st.dataframe(werte, hide_index=True, width="stretch", key="rangliste_werte")


@st.cache_resource(max_entries=64, show_spinner=False)
def _rangliste(kreis: str, url: str, stand: Stand, indikator: str, jahr: int, hervorheben: str | None,
               groesse: str) -> tuple[str, pd.DataFrame]:
    from berichte import grafik  # matplotlib erst, wenn eine Rangliste gebraucht wird

    daten, ind, kreis_ags = _ergebnis(kreis, url, stand), katalog.indikator(indikator), _gebiete(kreis).kreis
    rang, zeile = auswertung.rangliste(daten, indikator, jahr), auswertung.zeile(daten, indikator, jahr, kreis_ags)
    kreis_wert = None if zeile is None or zeile["status"] not in AUSGEWIESEN else float(zeile["wert"])
    return (grafik.rangliste(rang, kreis_wert, _gebiete(kreis).name(kreis_ags), hervorheben,
                             diagramme.rangliste_titel(ind), groesse), diagramme.rangliste_werte(rang, ind))


def zeitvergleich(k: Kontext, gebiete_: list[str]) -> tuple[object, pd.DataFrame]:
    """Verlauf als Diagramm und die Veränderungen (auswertung.aenderungen) der gewählten Gebiete; einmal je Stand,
    Indikator und Auswahl."""
    return _zeitvergleich(*_schluessel(k), tuple(gebiete_))


@st.cache_resource(max_entries=64, show_spinner=False)
def _zeitvergleich(kreis: str, url: str, stand: Stand, indikator: str, gebiete_: tuple[str, ...]
                   ) -> tuple[object, pd.DataFrame]:
    daten = _ergebnis(kreis, url, stand)
    return (diagramme.zeitreihe_linien(auswertung.zeitreihe(daten, indikator, list(gebiete_)),
                                       katalog.indikator(indikator)),
            auswertung.aenderungen(daten, indikator, list(gebiete_)))


def texttabelle(daten: pd.DataFrame) -> None:
    """st.table, dessen Zellen und Köpfe Streamlit als Markdown zeigt: Namen aus Dateien (Sozialräume, Quellen)
    bleiben Text (maskierung.md_zelle)."""
    st.table(daten.rename(index=md_zelle, columns=md_zelle).map(lambda w: md_zelle(w) if isinstance(w, str) else w),
             hide_index=isinstance(daten.index, pd.RangeIndex))  # eine laufende Nummer sagt Lesern nichts


def tabelle(daten: pd.DataFrame, schluessel: str, index: bool = False) -> None:
    """st.dataframe für den Bildschirm, dazu ein Zwilling aus schlichtem HTML, der beim Drucken an ihre Stelle tritt
    (die Tabelle von Streamlit druckte nur die Zeilen, die gerade zu sehen sind)."""
    with st.container(key=f"drucktabelle_{schluessel}"):  # alle Zeilen ohne inneres Rollen (bis etwa 25)
        st.dataframe(daten, hide_index=not index, width="stretch", height=min(3 + 35 * (len(daten) + 1), 900))
        st.markdown(f'<div class="nur-drucken">{html_tabelle(daten, index)}</div>', unsafe_allow_html=True)


def _abfrage(parameter: dict[str, str]) -> str:
    return urlencode(parameter, safe=",")  # Kommas lesbar lassen: grenzen=5,10,15
