"""Einrichtungen (Kitas, Schulen, Familienzentrum, Behörden, Begegnungsorte): laden, Gemeinde zuordnen, Umkreise.

Es werden nur veröffentlichte Lagen gezeichnet; eine Einrichtung ohne lat/lon wird gelistet, nie geschätzt.
Eine Lage, die nur die Ortsmitte oder einen Bezugspunkt meint, ist „ungefähr“ und wird so gekennzeichnet.
Entfernungen sind Luftlinie, gerechnet in Metern in der UTM-Zone des Familienzentrums, nie in Grad.
"""

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from indikatoren.grundlagen import geodaten, konfiguration
from indikatoren.grundlagen.gebiete import Gebiete
from indikatoren.grundlagen.listenarten import Listenart, Listenspalte
from indikatoren.grundlagen.mitgeliefert import lies_tabelle

KATEGORIEN = ("Kita", "Grundschule", "weiterführende Schule", "Familienzentrum", "Behörde/Beratung", "Begegnung")
GENAUIGKEITEN = ("Gebäude", "Straße", "Ortsmitte", "ungefähr", "geocodiert")
UNGEFAEHR = ("Ortsmitte", "ungefähr", "geocodiert")  # geocodiert: aus der Adresse, noch nicht bestätigt
STATUS = ("geplant", "in Betrieb", "geschlossen", "unbekannt")
LISTE = Listenart("einrichtungen", "Einrichtungsstand", "E", (
    Listenspalte("name", "Name der Einrichtung.", pflicht=True),
    Listenspalte("kategorie", "Art der Einrichtung.", pflicht=True, erlaubt=KATEGORIEN),
    Listenspalte("adresse", "Straße, Hausnummer, PLZ Ort."),
    Listenspalte("lat", "Geografische Breite in Dezimalgrad (51.986); leer: keine Lage."),
    Listenspalte("lon", "Geografische Länge in Dezimalgrad (9.826); nur zusammen mit lat."),
    Listenspalte("genauigkeit", "Wie genau die Lage ist; Pflicht, wenn eine Lage angegeben ist.",
                 erlaubt=GENAUIGKEITEN),
    Listenspalte("lage", "Woher die Lage stammt (gesetzt von …, Bezugspunkt …)."),
    Listenspalte("traeger", "Wer die Einrichtung betreibt."),
    Listenspalte("status", "Betriebsstand.", pflicht=True, erlaubt=STATUS),
    Listenspalte("seit", "Eröffnet am (JJJJ-MM-TT oder JJJJ)."),
    Listenspalte("quelle_adresse", "Woher die Adresse stammt (Adresse einer Webseite, Dokument)."),
    Listenspalte("quelle_lage", "Woher die Koordinaten stammen."),
), bezeichnung="name")
SPALTEN = ["id", *LISTE.spalten]  # „id“: feste Kennung (E001, …), auf die Angebote verweisen
RADIEN = (500, 1000)


def mitgeliefert(datei=None) -> pd.DataFrame:
    """Die mitgelieferte Liste als Text; wirft bei Formfehlern."""
    return lies_tabelle(datei or konfiguration.DATEN / "einrichtungen.csv", SPALTEN,
                        {"kategorie": KATEGORIEN, "status": STATUS})[SPALTEN]


def mitgeliefert_im_kreis(kreis: str | None = None) -> pd.DataFrame:
    """Die mitgelieferte Liste (Einrichtungen in Alfeld) nur für den Kreis, in dessen Gemeinden ihre Adressen liegen,
    sonst leer: die Einrichtungen eines Kreises erscheinen nie auf der Karte eines anderen."""
    liste = mitgeliefert()
    return liste[_nach_adresse(liste, Gebiete.laden(kreis)).notna()].reset_index(drop=True)


def aufbereitet(tabelle: pd.DataFrame) -> pd.DataFrame:
    """Textliste -> lat/lon als Zahl (leer = keine Lage), dazu `hat_lage` und `ungefaehr`."""
    tabelle = tabelle.copy()
    for spalte in ("lat", "lon"):
        tabelle[spalte] = pd.to_numeric(tabelle[spalte].str.replace(",", "."), errors="coerce")
    tabelle["hat_lage"] = tabelle["lat"].notna() & tabelle["lon"].notna()
    tabelle["ungefaehr"] = tabelle["hat_lage"] & tabelle["genauigkeit"].isin(UNGEFAEHR)
    return tabelle[SPALTEN + ["hat_lage", "ungefaehr"]]


def gemeinde_zuordnen(einrichtungen: pd.DataFrame, gebiete: Gebiete, grenzen: gpd.GeoDataFrame | None = None
                      ) -> pd.Series:
    """AGS je Einrichtung: aus der Lage (Punkt in Gemeindefläche), sonst aus dem Gemeindenamen der Adresse."""
    nach_adresse = _nach_adresse(einrichtungen, gebiete)
    if grenzen is None or not einrichtungen["hat_lage"].any():
        return nach_adresse
    punkte = _punkte(einrichtungen[einrichtungen["hat_lage"]])
    treffer = gpd.sjoin(punkte, grenzen[["ags", "geometry"]], predicate="within", how="left")
    treffer = treffer[~treffer.index.duplicated()]
    return treffer["ags"].reindex(einrichtungen.index).fillna(nach_adresse)


def _nach_adresse(einrichtungen: pd.DataFrame, gebiete: Gebiete) -> pd.Series:
    """AGS der Gemeinde, deren Name in der Adresse steht (längster Name zuerst), sonst None."""
    namen = sorted(zip(gebiete.gemeinden["name"], gebiete.gemeinden["ags"]), key=lambda n: -len(n[0]))
    return einrichtungen["adresse"].map(lambda a: next((ags for name, ags in namen if name in a), None))


OSM_NAMENSNENNUNG = "Daten © OpenStreetMap-Mitwirkende (ODbL)"
OSM_HINWEIS = ("Einrichtungsdaten teilweise aus OpenStreetMap: © OpenStreetMap-Mitwirkende, Open Database License "
              "(ODbL), openstreetmap.org/copyright")


def aus_osm(einrichtungen: pd.DataFrame) -> pd.Series:
    """Welche Zeilen (Einrichtungen, Angebote mit eigener Lage) Daten aus OpenStreetMap tragen (Import oder
    Geokodierung mit Nominatim/Photon): so steht es in ihren Quellen oder in `lage`."""
    spalten = [s for s in ("quelle_lage", "quelle_adresse", "lage") if s in einrichtungen.columns]
    return einrichtungen[spalten].astype(str).apply(lambda s: s.str.contains("OpenStreetMap", regex=False)).any(axis=1)


def namensnennung(einrichtungen: pd.DataFrame) -> str | None:
    """Die ODbL-Namensnennung, wo eine gezeigte Einrichtung Daten aus OpenStreetMap trägt, sonst None."""
    return OSM_HINWEIS if aus_osm(einrichtungen).any() else None


@dataclass(frozen=True)
class Umkreis:
    zentrum: pd.Series  # die Zeile des Familienzentrums
    entfernungen: pd.DataFrame  # alle anderen mit Lage, Spalte `entfernung_m`, aufsteigend
    ohne_lage: int  # wie viele sich nicht prüfen lassen

    def innerhalb(self, radius_m: float) -> pd.DataFrame:
        return self.entfernungen[self.entfernungen["entfernung_m"] <= radius_m]


def umkreis(einrichtungen: pd.DataFrame, kategorie: str = "Familienzentrum") -> Umkreis | None:
    """Luftlinien vom (ersten) Familienzentrum mit Lage zu allen anderen Einrichtungen mit Lage."""
    zentren = einrichtungen[(einrichtungen["kategorie"] == kategorie) & einrichtungen["hat_lage"]]
    if zentren.empty:
        return None
    zentrum = zentren.iloc[0]
    andere = einrichtungen[einrichtungen["hat_lage"] & (einrichtungen.index != zentren.index[0])]
    zentrum_punkt = _punkte(zentren.iloc[[0]])
    crs = geodaten.metrisch(zentrum_punkt)
    mitte = zentrum_punkt.to_crs(crs).geometry.iloc[0]
    entfernung = _punkte(andere).to_crs(crs).distance(mitte)
    return Umkreis(zentrum, andere.assign(entfernung_m=entfernung).sort_values("entfernung_m"),
                   int((~einrichtungen["hat_lage"]).sum()))


def _punkte(tabelle: pd.DataFrame) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(tabelle, geometry=gpd.points_from_xy(tabelle["lon"], tabelle["lat"]), crs="EPSG:4326")
