"""Lage aus Adresse gegen einen lokalen Geokodierungsdienst (127.0.0.1): Treffer, Kennzeichnung, nichts Festes
überschrieben, Pause zwischen Anfragen, Zwischenspeicher, Ausfall des Dienstes; dazu Photon und BKG."""

from datetime import date

import pytest

from indikatoren.ablaeufe.einlesung import oeffne_ablage
from indikatoren.orte import geokodierung
from indikatoren.orte.einrichtungen import mitgeliefert
from tests.geocoder_attrappe import GeocoderAttrappe

KUBA, RATHAUS = "Sedanstraße 15, 31061 Alfeld (Leine)", "Marktplatz 1, 31061 Alfeld (Leine)"


@pytest.fixture
def dienst():
    attrappe = GeocoderAttrappe({KUBA: (51.98811, 9.82452), RATHAUS: (51.98577, 9.82601)})
    yield attrappe
    attrappe.stop()


def _einstellungen(monkeypatch, dienst, art="nominatim", pause="0.5"):
    monkeypatch.setenv("SOZIALPLANUNG_GEOCODER", art)
    monkeypatch.setenv("SOZIALPLANUNG_GEOCODER_URL", dienst.url if art != "bkg" else f"{dienst.url}/gdz")
    monkeypatch.setenv("SOZIALPLANUNG_GEOCODER_KENNUNG", "Sozialplanung Test (sozialplanung@example.org)")
    monkeypatch.setenv("SOZIALPLANUNG_GEOCODER_PAUSE", pause)
    return geokodierung.Einstellungen.aus_umgebung()


def test_lagen_aus_adressen_mit_kennzeichnung_pause_und_zwischenspeicher(gebiete, dienst, monkeypatch):
    e = _einstellungen(monkeypatch, dienst)
    liste = mitgeliefert()
    liste.loc[3, "adresse"] = "Gibt es nicht 1, 31061 Alfeld"
    ablage = oeffne_ablage(gebiete)
    ergebnis = geokodierung.lagen_bestimmen(liste, [0, 1, 2, 3], ablage, e, heute=date(2026, 11, 21))
    assert ergebnis.uebersprungen == ["Familienzentrum Alfeld"]  # veröffentlichte Lage: nie überschrieben
    assert ergebnis.gefunden == ["KUBA – Kultur- und Begegnungszentrum", "Rathaus Alfeld (Stadtverwaltung)"]
    assert ergebnis.nicht_gefunden == ["Bürgeramt / Tourist-Information (Adresse nicht gefunden)"]
    kuba = ergebnis.tabelle.iloc[1]
    assert (kuba["lat"], kuba["lon"], kuba["genauigkeit"]) == ("51.988110", "9.824520", "geocodiert")
    name = f"Nominatim ({dienst.url.removeprefix('http://')})"
    assert kuba["lage"] == f"geocodiert ({name}, 21.11.2026): {KUBA}, Niedersachsen, Deutschland"
    assert kuba["quelle_lage"] == f"{name}, Daten © OpenStreetMap-Mitwirkende (ODbL)"
    assert ergebnis.tabelle.iloc[0].equals(liste.iloc[0]) and ergebnis.tabelle.iloc[3]["lat"] == ""
    assert liste.iloc[1]["lat"] == ""  # die übergebene Liste bleibt, wie sie war

    assert [a["text"] for a in dienst.anfragen] == [KUBA, RATHAUS, "Gibt es nicht 1, 31061 Alfeld"]
    assert {a["pfad"] for a in dienst.anfragen} == {"/search"}
    assert {a["user_agent"] for a in dienst.anfragen} == {"Sozialplanung Test (sozialplanung@example.org)"}
    zeiten = [a["zeit"] for a in dienst.anfragen]
    # nie schneller als die Pause (0,5 s; gemessen wird die Ankunft beim Dienst, darum etwas Spiel nach unten)
    assert min(b - a for a, b in zip(zeiten, zeiten[1:])) >= 0.4

    wieder = geokodierung.lagen_bestimmen(ergebnis.tabelle, [1, 2, 3], ablage, e)
    assert len(dienst.anfragen) == 3  # alles aus dem Zwischenspeicher, auch „nicht gefunden“
    assert wieder.gefunden == ergebnis.gefunden  # geokodierte Lagen dürfen neu bestimmt werden

    von_hand = ergebnis.tabelle.copy()
    von_hand.loc[1, ["genauigkeit", "lage"]] = ["Gebäude", "gesetzt von meier am 21.11.2026"]
    assert geokodierung.lagen_bestimmen(von_hand, [1], ablage, e).uebersprungen == [liste.loc[1, "name"]]


def test_dienst_nicht_erreichbar(gebiete, monkeypatch):
    monkeypatch.setenv("SOZIALPLANUNG_GEOCODER_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("SOZIALPLANUNG_GEOCODER_PAUSE", "0")
    e = geokodierung.Einstellungen.aus_umgebung()
    ergebnis = geokodierung.lagen_bestimmen(mitgeliefert(), [1], oeffne_ablage(gebiete), e)
    assert ergebnis.nicht_gefunden[0].startswith("KUBA – Kultur- und Begegnungszentrum (Dienst nicht erreichbar:")
    assert ergebnis.tabelle.equals(mitgeliefert())


@pytest.mark.parametrize(("art", "pfad", "text"), [("photon", "/api", f"{KUBA}, Deutschland"),
                                                   ("bkg", "/gdz__geheim/geosearch.json", f"{KUBA} (BKG)")])
def test_photon_und_bkg(gebiete, dienst, monkeypatch, art, pfad, text):
    monkeypatch.setenv("SOZIALPLANUNG_GEOCODER_SCHLUESSEL", "geheim")
    e = _einstellungen(monkeypatch, dienst, art, pause="0")
    ergebnis = geokodierung.lagen_bestimmen(mitgeliefert(), [1], oeffne_ablage(gebiete), e, heute=date(2026, 11, 21))
    assert dienst.anfragen[0]["pfad"] == pfad
    kuba = ergebnis.tabelle.iloc[1]
    assert (kuba["lat"], kuba["lon"]) == ("51.988110", "9.824520") and kuba["lage"].endswith(f"): {text}")


def test_falsche_einstellung_sagt_was_erlaubt_ist(monkeypatch):
    monkeypatch.setenv("SOZIALPLANUNG_GEOCODER", "google")
    with pytest.raises(ValueError, match="erlaubt: nominatim, photon, bkg"):
        geokodierung.Einstellungen.aus_umgebung()
    monkeypatch.setenv("SOZIALPLANUNG_GEOCODER", "nominatim")
    monkeypatch.delenv("SOZIALPLANUNG_GEOCODER_URL", raising=False)
    monkeypatch.setenv("SOZIALPLANUNG_GEOCODER_PAUSE", "0.1")
    e = geokodierung.Einstellungen.aus_umgebung()
    assert e.url == "https://nominatim.openstreetmap.org" and e.pause_s == 1.0  # Nutzungsbedingungen von OSM


def test_angebot_ohne_einrichtung_bekommt_eigene_lage(gebiete, dienst, monkeypatch):
    from angebote import liste as angebote
    from indikatoren.grundlagen import geodaten
    from indikatoren.grundlagen.meldungen import UngueltigeDatei
    from tests.conftest import HILDESHEIM_GEOJSON
    e = _einstellungen(monkeypatch, dienst, pause="0")
    tabelle = angebote.mitgeliefert(gebiete)
    tabelle.loc[0, ["einrichtung", "adresse"]] = ["", KUBA]
    ergebnis = geokodierung.lagen_bestimmen(tabelle, [0], oeffne_ablage(gebiete), e, heute=date(2026, 11, 21),
                                            bezeichnung="titel")
    assert ergebnis.gefunden == ["Sprechzeit Alltagsfragen und Integration"]
    a001 = ergebnis.tabelle.iloc[0]
    assert (a001["lat"], a001["lon"], a001["genauigkeit"]) == ("51.988110", "9.824520", "geocodiert")
    assert "Daten © OpenStreetMap-Mitwirkende (ODbL), 21.11.2026): " in a001["lage"]  # Quelle in `lage`
    grenzen = geodaten.lade_gemeindegrenzen(HILDESHEIM_GEOJSON)
    datei = ergebnis.tabelle.to_csv(sep=";", index=False).encode()
    assert angebote.lies_datei(datei, "a.csv", gebiete, mitgeliefert(), grenzen).iloc[0]["lat"] == "51.988110"
    falsch = ergebnis.tabelle.copy()
    falsch.loc[1, ["lat", "lon", "genauigkeit"]] = ["51.9", "9.8", "Gebäude"]  # A002 hat eine Einrichtung
    falsch.loc[0, ["lat", "lon"]] = ["9.824520", "51.988110"]  # vertauscht: nicht im Kreis
    with pytest.raises(UngueltigeDatei) as fehler:
        angebote.lies_datei(falsch.to_csv(sep=";", index=False).encode(), "a.csv", gebiete, mitgeliefert(), grenzen)
    assert [str(m) for m in fehler.value.meldungen] == [
        "a.csv, Zeile 2, Spalte lat: Die Lage 9.82452, 51.98811 liegt nicht im Kreis (lat/lon vertauscht?).",
        "a.csv, Zeile 3, Spalte lat: Ein Angebot in einer Einrichtung hat deren Lage; lat und lon bitte leer lassen."]
