"""Die Daten der Seiten, zwischengespeichert und begrenzt: am Rand zu Streamlit, der Kern weiß nichts davon.

Jeder zwischengespeicherte Teil hat einen Schlüssel vom Typ `Schluessel`: Kreis, Datenbank, Grenzdatei und die
Nummern der Stände (Kennzahlen, Sozialräume, Einrichtungen, Angebote), aus denen er entsteht – und liest genau diese
Stände, nie den gerade aktiven. So liefert ein Prozess nach einem Wechsel (auch einer Rückkehr zu einem früheren
Stand) nie Teile eines anderen Stands. Welche Stände gelten, liest `lauf_beginnen` einmal je Lauf; jeder Teil behält
mit `Schluessel.nur` nur die Stände, von denen er abhängt, damit ein neuer Angebotsstand nicht die Gebiete neu baut.
"""

from dataclasses import dataclass
from typing import NamedTuple

import geopandas as gpd
import pandas as pd
import streamlit as st

from angebote import liste as angebotsliste
from angebote.orte import je_einrichtung, lage, mit_ort
from berichte import svg, svgdiagramme
from berichte.daten import Berichtsdaten
from darstellung import diagramme, karte, profil, tabellen
from darstellung import praeventionskette as praeventionskette_tabellen
from darstellung.offene_daten import dateien as offene_daten_dateien
from familienzentrum import daten as familienzentrum_daten
from indikatoren.ablaeufe.einlesung import oeffne_ablage
from indikatoren.ablage.datenstaende import Ablage, Datenstand
from indikatoren.ablage.listen import Listen
from indikatoren.grundlagen import ansicht as ansichten
from indikatoren.grundlagen import geodaten, katalog, konfiguration, laender
from indikatoren.grundlagen.gebiete import Gebiete
from indikatoren.orte import einrichtungen as einrichtungsliste
from indikatoren.orte import einrichtungspflege, sozialraeume
from indikatoren.rechnen import auswertung
from indikatoren.rechnen.berechnung import AUSGEWIESEN
from indikatoren.rechnen.geheimhaltung import fuer_leser
from indikatoren.rechnen.klassen import Klassen, der_gemeinden, der_werte

STAENDE = ("datenstand", "sozialraumstand", "einrichtungsstand", "angebotsstand")


class Schluessel(NamedTuple):
    """Woraus ein zwischengespeicherter Teil entsteht; unveränderlich, damit ihn niemand nach dem Speichern ändert.
    Ein Tupel, weil Streamlit den Schlüssel bei jedem Aufruf eines Zwischenspeichers hasht: ein Tupel aus Texten und
    Zahlen Element für Element, eine Datenklasse erst über dataclasses.asdict (gemessen: ein Fünftel eines Laufs)."""
    kreis: str
    url: str  # die Datenbank
    geodaten: str  # die Grenzdatei (leer: BKG-Dienst, zwischengespeichert im Laufzeitordner)
    laufzeit: str
    datenstand: int | None = None
    sozialraumstand: int | None = None
    einrichtungsstand: int | None = None
    angebotsstand: int | None = None

    def nur(self, *staende: str) -> "Schluessel":
        """Derselbe Schlüssel nur mit den genannten Ständen (die anderen None)."""
        return self._replace(**{s: None for s in STAENDE if s not in staende})


def _ohne_staende() -> Schluessel:
    datei = konfiguration.geodaten_datei()
    return Schluessel(konfiguration.kreis(), konfiguration.datenbank_url(), str(datei) if datei else "",
                      str(konfiguration.laufzeit()))


def lauf_beginnen() -> None:
    """Einmal je Lauf (app.py): welche Stände gelten. Alle Teile des Laufs lesen sie aus diesem Schlüssel; je Aufruf
    aus der Datenbank gelesen kostete jeder Stand jeden Neulauf 20–40 ms (gemessen mit bench/last.py)."""
    s, a = _ohne_staende(), ablage()
    aktiv = a.aktiver()
    st.session_state["_datenstand"] = aktiv
    st.session_state["_schluessel"] = s._replace(
        datenstand=aktiv.id if aktiv else None, sozialraumstand=Listen(a, sozialraeume.LISTE).aktiver(),
        einrichtungsstand=einrichtungspflege.staende(a).aktiver(), angebotsstand=angebotsliste.staende(a).aktiver())


def schluessel() -> Schluessel:
    """Der Schlüssel dieses Laufs (lauf_beginnen)."""
    if "_schluessel" not in st.session_state:
        lauf_beginnen()
    return st.session_state["_schluessel"]


@dataclass(frozen=True)
class Kontext:
    """Was eine Seite sieht: Datenstand, Ansicht, Indikator, die Werte für Leser und der Schlüssel dazu."""
    datenstand: Datenstand
    ansicht: ansichten.Ansicht
    indikator: katalog.Indikator
    ergebnis: pd.DataFrame
    schluessel: Schluessel

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


# --- Zugriffe für die Seiten: der Schlüssel des Laufs oder der Ansicht -------------------------------------------
def ablage() -> Ablage:
    return _ablage(_ohne_staende())


def gebiete() -> Gebiete:
    """Die Gebiete des Kreises mit den Sozialräumen des geltenden Sozialraumstands."""
    return _gebiete_mit(schluessel().nur("sozialraumstand"))


def datenstand() -> Datenstand | None:
    """Der Datenstand dieses Laufs (der beim Beginn des Laufs aktive, dort einmal gelesen), None, solange es keinen
    gibt."""
    if "_datenstand" not in st.session_state:  # ein Lauf ohne app.py (AppTest einer Seite)
        lauf_beginnen()
    return st.session_state["_datenstand"]


def sozialraumstand() -> int | None:
    return schluessel().sozialraumstand


def sozialraumflaechen() -> gpd.GeoDataFrame:
    """Die Sozialräume des geltenden Stands mit Grenzen (id, name, gemeinde, vollstaendig, geometry)."""
    return _sozialraumflaechen(schluessel().nur("sozialraumstand"))


def ergebnis(datenstand_id: int) -> pd.DataFrame:
    """Alle Indikatoren eines Datenstands, wie Leser sie sehen dürfen (primär und sekundär gesperrt)."""
    return _ergebnis(schluessel().nur("sozialraumstand")._replace(datenstand=datenstand_id))


def inhalt(datenstand_id: int) -> tuple[list[str], list[int], bool]:
    """Indikatoren (in der Reihenfolge des Katalogs) und Jahre eines Stands, und ob er Beispieldaten enthält."""
    return _inhalt(schluessel().nur("sozialraumstand")._replace(datenstand=datenstand_id))


def grenzen() -> gpd.GeoDataFrame:
    """Vereinfachte Gemeindegrenzen; wirft geodaten.GeodatenFehlen mit Anleitung."""
    return _grenzen(_ohne_staende())


def einrichtungen() -> pd.DataFrame:
    """Die geltende Einrichtungsliste (gepflegter Stand oder mitgelieferte Datei) mit Gemeinde (`ags`)."""
    return _einrichtungen(schluessel().nur("einrichtungsstand"))


def angebote() -> pd.DataFrame:
    """Die geltende Angebotsliste (gepflegter Stand oder mitgelieferte Datei), alle Status, mit `ort` (Name und
    Adresse der Einrichtung); Leser-Seiten filtern."""
    return _angebote_mit_ort(schluessel().nur("einrichtungsstand", "angebotsstand"))


def karteneinrichtungen() -> tuple[pd.DataFrame, einrichtungsliste.Umkreis | None]:
    """Einrichtungen mit ihren Angeboten (`angebote`) und der Umkreis um das Familienzentrum; einmal je Stand."""
    return _karteneinrichtungen(schluessel().nur("einrichtungsstand", "angebotsstand"))


def kartengrundlage(schrift_px: int) -> str:
    """Adresse der ausgelagerten Grundlage der Karte (darstellung.karte.auslagern); einmal je Stand gebaut."""
    return _vorhanden(_kartengrundlage, schluessel().nur("einrichtungsstand", "angebotsstand"),
                      konfiguration.basemap(), schrift_px)


def wegweisergrundlage() -> str:
    """Adresse der ausgelagerten Grundlage der Karte des Wegweisers (Gemeindegrenzen)."""
    return _vorhanden(_wegweisergrundlage, _ohne_staende(), konfiguration.basemap())


def _vorhanden(bauen, *argumente) -> str:
    """Die Adresse aus dem Cache (als benutzt vermerkt), neu gebaut, wenn die Datei inzwischen entfernt ist."""
    adresse = bauen(*argumente)
    if not karte.benutzt(adresse):
        bauen.clear()
        adresse = bauen(*argumente)
    return adresse


def praeventionskette(k: Kontext, ags: str | None, sozialraum: str | None = None
                      ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Matrix, Bedarf und Kreisansicht der Präventionskette (darstellung.praeventionskette) für Kreis, Gemeinde
    oder einen ihrer Sozialräume; einmal je Stand."""
    return _praeventionskette(k.schluessel, k.jahr, ags, sozialraum)


def angebote_im_sozialraum(k: Kontext) -> pd.DataFrame:
    """Die Angebote (wie angebote()) mit der Spalte `sozialraum`: wo sie stattfinden (eigene Lage oder die ihrer
    Einrichtung); leer ohne Lage oder außerhalb jedes Sozialraums."""
    return _angebote_im_sozialraum(k.schluessel.nur("sozialraumstand", "einrichtungsstand", "angebotsstand"))


def berichtsdaten() -> Berichtsdaten:
    """Was ein Bericht braucht, aus den zwischengespeicherten Teilen der Seiten; wirft GeodatenFehlen."""
    stand = datenstand()
    return Berichtsdaten(gebiete(), stand, ergebnis(stand.id), grenzen(), einrichtungen(), angebote(),
                         familienzentrum_daten.aktuelle(ablage()))


def offene_daten(k: Kontext) -> dict[str, bytes]:
    """Die Dateien der offenen Daten (darstellung.offene_daten) des Datenstands; einmal je Stand gebaut."""
    return _offene_daten(_kennzahlen(k))


def gebietstabelle(k: Kontext) -> pd.DataFrame:
    """tabellen.gebietstabelle für Indikator und Jahr der Ansicht; einmal je Stand, Indikator und Jahr gebaut."""
    return _gebietstabelle(_kennzahlen(k), k.indikator.id, k.jahr)


def gemeindeprofil(k: Kontext, ags: str, hoehe: int) -> tuple[pd.DataFrame, object, object | None]:
    """Tabelle aller Indikatoren, Verlauf (Gemeinde und Kreis) und Altersgruppen als Diagramme (None ohne Zahlen);
    einmal je Stand, Gemeinde, Indikator und Jahr gebaut (die Diagramme werden nur gelesen, nie verändert)."""
    return _gemeindeprofil(_kennzahlen(k), k.indikator.id, ags, k.jahr, hoehe)


def klassen(k: Kontext, methode: str, eigene: tuple[float, ...]) -> Klassen | None:
    """Die Klassen der Karte für Indikator und Jahr mit Methode und eigenen Grenzen; einmal je Stand und Wahl."""
    return _klassen(_kennzahlen(k), k.indikator.id, k.jahr, methode, tuple(eigene))


def sozialraumkarte(k: Kontext, gemeinde: str, methode: str, eigene: tuple[float, ...], schrift_px: int):
    """Die Sozialräume einer Gemeinde als Karte im Indikator der Ansicht, mit Einrichtungen und Umkreis, und ihre
    Werte und Klassen; ein Dokument je Wechsel (wenige Flächen, anders als die Karte des Kreises)."""
    flaechen = _sozialraumflaechen(k.schluessel.nur("sozialraumstand"))
    flaechen = flaechen[flaechen["gemeinde"] == gemeinde].rename(columns={"id": "ags"})
    werte = k.auswahl()
    werte = werte[werte["ags"].isin(flaechen["ags"])]
    klassen_ = der_werte(werte, methode, eigene)
    einrichtungen_, umkreis = _karteneinrichtungen(k.schluessel.nur("einrichtungsstand", "angebotsstand"))
    return (karte.choroplethenkarte(flaechen, werte, klassen_, k.indikator,
                                    einrichtungen_[einrichtungen_["ags"] == gemeinde], umkreis,
                                    konfiguration.basemap(), schrift_px), werte, klassen_)


def rangliste(k: Kontext, groesse: str) -> tuple[str, pd.DataFrame]:
    """Die Rangliste der Ansicht als Bild (data-URL, dieselbe Grafik wie im Sozialbericht) und ihre Werte; einmal je
    Stand, Indikator, Jahr, gewählter Gemeinde und Größe gezeichnet."""
    return _rangliste(_kennzahlen(k), k.indikator.id, k.jahr, k.ansicht.gemeinde, groesse)


def zeitvergleich(k: Kontext, gebiete_: list[str]) -> tuple[object, pd.DataFrame]:
    """Verlauf als Diagramm und die Veränderungen (auswertung.aenderungen) der gewählten Gebiete; einmal je Stand,
    Indikator und Auswahl."""
    return _zeitvergleich(_kennzahlen(k), k.indikator.id, tuple(gebiete_))


def _kennzahlen(k: Kontext) -> Schluessel:
    return k.schluessel.nur("datenstand", "sozialraumstand")


# --- Die zwischengespeicherten Teile: jeder liest genau die Stände seines Schlüssels --------------------------
@st.cache_resource(max_entries=2, show_spinner=False)
def _offene_daten(s: Schluessel) -> dict[str, bytes]:
    gebiete_ = _gebiete_mit(s.nur("sozialraumstand"))
    try:
        grenzen_ = _grenzen(s.nur())
    except geodaten.GeodatenFehlen:
        grenzen_ = None
    return offene_daten_dateien(_ergebnis(s), s.datenstand, gebiete_.name(gebiete_.kreis), grenzen_,
                                laender.kontakte().get("herausgeber", ""))


@st.cache_resource(max_entries=4)
def _gebiete(s: Schluessel) -> Gebiete:
    return Gebiete.laden(s.kreis)


@st.cache_resource(max_entries=4)
def _ablage(s: Schluessel) -> Ablage:
    return oeffne_ablage(_gebiete(s.nur()), s.url)


@st.cache_resource(max_entries=4, show_spinner=False)
def _sozialraumflaechen(s: Schluessel) -> gpd.GeoDataFrame:
    return sozialraeume.flaechen(sozialraeume.im_stand(_ablage(s.nur()), s.sozialraumstand))


@st.cache_resource(max_entries=8, show_spinner=False)
def _gebiete_mit(s: Schluessel) -> Gebiete:
    return _gebiete(s.nur()).mit_sozialraeumen(sozialraeume.im_stand(_ablage(s.nur()), s.sozialraumstand))


# Was nur vom Stand abhängt und jeder Lauf liest, liegt als ein Objekt im Speicher (cache_resource): cache_data gäbe
# jedem Lauf eine neue Kopie. Die Seiten ändern es nie an Ort und Stelle (pandas 3: Copy-on-Write).
@st.cache_resource(max_entries=8, show_spinner=False)
def _ergebnis(s: Schluessel) -> pd.DataFrame:
    ablage_ = _ablage(s.nur())
    return fuer_leser(ablage_.kennzahlen(s.datenstand), _gebiete_mit(s.nur("sozialraumstand")),
                      ablage_.vorgaenger(s.datenstand))


@st.cache_resource(max_entries=8, show_spinner=False)
def _inhalt(s: Schluessel) -> tuple[list[str], list[int], bool]:
    daten = _ergebnis(s)
    vorhanden = set(daten["indikator"])
    return ([i.id for i in katalog.INDIKATOREN if i.id in vorhanden], sorted(daten["jahr"].unique().tolist()),
            bool((daten["art"] == "beispiel").any()))


@st.cache_resource(max_entries=64, show_spinner=False)
def _gebietstabelle(s: Schluessel, indikator: str, jahr: int) -> pd.DataFrame:
    return tabellen.gebietstabelle(_ergebnis(s), katalog.indikator(indikator), jahr)


@st.cache_resource(max_entries=64, show_spinner=False)
def _gemeindeprofil(s: Schluessel, indikator: str, ags: str, jahr: int, hoehe: int
                    ) -> tuple[pd.DataFrame, object, object | None]:
    daten, gebiete_ = _ergebnis(s), _gebiete_mit(s.nur("sozialraumstand"))
    gruppen = profil.altersgruppen(daten, gebiete_, ags, jahr)
    gemeinde = gebiete_.gemeinde_von(ags)  # ein Sozialraum: neben Kreis auch seine Gemeinde
    vergleich = [ags, gebiete_.kreis] if gemeinde is None else [ags, gemeinde, gebiete_.kreis]
    return (profil.indikatoren(daten, gebiete_, ags, jahr).set_index("Indikator"),
            diagramme.zeitreihe_linien(auswertung.zeitreihe(daten, indikator, vergleich),
                                       katalog.indikator(indikator), hoehe=hoehe),
            None if gruppen.empty else diagramme.altersgruppen_balken(gruppen, hoehe=hoehe))


@st.cache_resource(max_entries=64, show_spinner=False)
def _klassen(s: Schluessel, indikator: str, jahr: int, methode: str, eigene: tuple[float, ...]) -> Klassen | None:
    return der_gemeinden(_ergebnis(s), indikator, jahr, methode, eigene)


@st.cache_resource(max_entries=64, show_spinner=False)
def _rangliste(s: Schluessel, indikator: str, jahr: int, hervorheben: str | None, groesse: str
               ) -> tuple[str, pd.DataFrame]:
    daten, ind, gebiete_ = _ergebnis(s), katalog.indikator(indikator), _gebiete(s.nur())
    rang = auswertung.rangliste(daten, indikator, jahr)
    zeile = auswertung.zeile(daten, indikator, jahr, gebiete_.kreis)
    kreis_wert = None if zeile is None or zeile["status"] not in AUSGEWIESEN else float(zeile["wert"])
    bild = svgdiagramme.rangliste(rang, kreis_wert, gebiete_.name(gebiete_.kreis), hervorheben,
                                  diagramme.rangliste_titel(ind), groesse)
    return svg.datenadresse(bild), diagramme.rangliste_werte(rang, ind)


@st.cache_resource(max_entries=64, show_spinner=False)
def _zeitvergleich(s: Schluessel, indikator: str, gebiete_: tuple[str, ...]) -> tuple[object, pd.DataFrame]:
    daten = _ergebnis(s)
    return (diagramme.zeitreihe_linien(auswertung.zeitreihe(daten, indikator, list(gebiete_)),
                                       katalog.indikator(indikator)),
            auswertung.aenderungen(daten, indikator, list(gebiete_)))


@st.cache_resource(max_entries=4, show_spinner="Gemeindegrenzen werden geladen …")
def _grenzen(s: Schluessel) -> gpd.GeoDataFrame:
    return geodaten.anzeigegrenzen(s.kreis)


@st.cache_resource(max_entries=8, show_spinner=False)
def _einrichtungen(s: Schluessel) -> pd.DataFrame:
    try:
        flaechen = _grenzen(s.nur())
    except geodaten.GeodatenFehlen:
        flaechen = None
    liste = einrichtungspflege.im_stand(_ablage(s.nur()), s.einrichtungsstand)
    return liste.assign(ags=einrichtungsliste.gemeinde_zuordnen(liste, _gebiete(s.nur()), flaechen))


@st.cache_resource(max_entries=8, show_spinner=False)
def _angebote(s: Schluessel) -> pd.DataFrame:
    return angebotsliste.im_stand(_ablage(s.nur()), _gebiete(s.nur()), s.angebotsstand)


@st.cache_resource(max_entries=8, show_spinner=False)
def _angebote_mit_ort(s: Schluessel) -> pd.DataFrame:
    return mit_ort(_angebote(s.nur("angebotsstand")), _einrichtungen(s.nur("einrichtungsstand")))


@st.cache_resource(max_entries=8, show_spinner=False)
def _angebote_im_sozialraum(s: Schluessel) -> pd.DataFrame:
    liste = _angebote_mit_ort(s.nur("einrichtungsstand", "angebotsstand"))
    orte = lage(liste, _einrichtungen(s.nur("einrichtungsstand")))
    return liste.assign(sozialraum=sozialraeume.zuordnen(orte, _sozialraumflaechen(s.nur("sozialraumstand"))))


@st.cache_resource(max_entries=8, show_spinner=False)
def _karteneinrichtungen(s: Schluessel) -> tuple[pd.DataFrame, einrichtungsliste.Umkreis | None]:
    liste = _einrichtungen(s.nur("einrichtungsstand"))
    liste = liste.assign(angebote=je_einrichtung(_angebote_mit_ort(s), liste))
    return liste, einrichtungsliste.umkreis(liste)


@st.cache_data(max_entries=8, show_spinner="Die Karte wird vorbereitet …")
def _kartengrundlage(s: Schluessel, basemap: str, schrift_px: int) -> str:
    einrichtungen_, umkreis = _karteneinrichtungen(s)
    return karte.auslagern(karte.grundlage(_grenzen(s.nur()), einrichtungen_, umkreis, basemap, schrift_px),
                           bereich=karte.bereich(s.kreis, s.url))


@st.cache_data(max_entries=8, show_spinner=False)
def _wegweisergrundlage(s: Schluessel, basemap: str) -> str:
    return karte.auslagern(karte.wegweisergrundlage(_grenzen(s.nur()), basemap),
                           bereich=karte.bereich(s.kreis, s.geodaten))


@st.cache_resource(max_entries=64, show_spinner=False)
def _praeventionskette(s: Schluessel, jahr: int, ags: str | None, sozialraum: str | None
                       ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    liste = _angebote_im_sozialraum(s.nur("sozialraumstand", "einrichtungsstand", "angebotsstand"))
    daten, gebiete_ = _ergebnis(s.nur("datenstand", "sozialraumstand")), _gebiete_mit(s.nur("sozialraumstand"))
    geschwister = gebiete_.sozialraeume_von(ags)["id"].tolist() if sozialraum else None
    return (praeventionskette_tabellen.matrix_text(liste, ags, sozialraum),
            praeventionskette_tabellen.bedarf_text(daten, sozialraum or ags, gebiete_.kreis, jahr, geschwister),
            praeventionskette_tabellen.kreisansicht(liste, daten, gebiete_.gemeinden, jahr))
