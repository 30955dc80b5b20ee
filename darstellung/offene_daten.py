"""Offene Daten: die ganze Lesertabelle (alle Indikatoren × Jahre × Gebiete) zum Herunterladen – als CSV mit einer
Beschreibung nach CSV on the Web (W3C), als XLSX und als GeoJSON mit den Werten je Gemeinde.

Alles kommt aus dem geschützten Ergebnis (geheimhaltung.fuer_leser): gesperrte Werte und Anzahlen sind leer, wie auf
jeder Seite. Jede Datei nennt ihre Lizenz selbst (Spalte, Blatt, Eigenschaft), damit sie auch allein weitergegeben
werden kann. Maschinenlesbar: Punkt als Dezimalzeichen, ISO-Daten, Spaltennamen ohne Leerzeichen.
"""

import io
import json
from datetime import date

import geopandas as gpd
import pandas as pd

from darstellung import dcat
from indikatoren.einlesen.export import tabelle_entschaerft
from indikatoren.grundlagen import geodaten, katalog
from indikatoren.grundlagen.gebiete import EBENEN
from indikatoren.grundlagen.zahlenformat import runde
from indikatoren.rechnen.berechnung import AUSGEWIESEN

LIZENZ_ZAHLEN = ("Quelle angeben: amtliche Zahlen nach den Bedingungen ihrer Quelle (Spalten quelle_sgb2, quelle_bev; "
                 "Statistik der Bundesagentur für Arbeit: mit Quellenangabe frei nutzbar; Statistische Landesämter: "
                 "Datenlizenz Deutschland – Namensnennung – Version 2.0, dl-de/by-2-0)")
DL_DE_BY = "https://www.govdata.de/dl-de/by-2-0"
# (Spalte, Datentyp nach CSVW, Beschreibung)
SPALTEN = (
    ("ags", "string", "Amtlicher Gemeindeschlüssel (Kreis 5, Gemeinde 8, Verband 9 Stellen) oder Kennung eines "
                      "Sozialraums"),
    ("gebiet", "string", "Name des Gebiets"),
    ("ebene", "string", "sozialraum, gemeinde, samtgemeinde, kreis"),
    ("indikator", "string", "Kennung des Indikators"),
    ("indikator_titel", "string", "Name des Indikators"),
    ("jahr", "integer", "Berichtsjahr"),
    ("wert", "decimal", "Quote in Prozent, auf eine Stelle gerundet; leer, wenn nicht ausweisbar"),
    ("status", "string", "ok, nicht_ausweisbar, fehlt …"),
    ("zaehler", "integer", "Anzahl im Zähler (leer, wenn gesperrt)"),
    ("nenner", "integer", "Anzahl im Nenner (leer, wenn gesperrt)"),
    ("stichtag_sgb2", "string", "Stichtag der SGB-II-Zahlen (JJJJ-MM)"),
    ("stichtag_bev", "date", "Stichtag der Bevölkerung"),
    ("quelle_sgb2", "string", "Quelle der SGB-II-Zahlen"),
    ("quelle_bev", "string", "Quelle der Bevölkerungszahlen"),
    ("art", "string", "amtlich, eigene Erhebung oder beispiel (synthetisch)"),
    ("datenstand", "integer", "Nummer des Datenstands"),
    ("lizenz", "string", "Nutzungsbedingungen der Zahlen"),
)
NAMEN = [s for s, _, _ in SPALTEN]


def lesertabelle(ergebnis: pd.DataFrame, datenstand: int) -> pd.DataFrame:
    """Je Gebiet, Indikator und Jahr eine Zeile, in fester Reihenfolge (Ebene, AGS, Indikator, Jahr)."""
    titel = {i.id: i.titel for i in katalog.INDIKATOREN}
    t = ergebnis.assign(_ebene=pd.Categorical(ergebnis["ebene"], EBENEN)).sort_values(
        ["_ebene", "ags", "indikator", "jahr"], kind="stable")
    ausgewiesen = t["status"].isin(AUSGEWIESEN)
    return pd.DataFrame({
        "ags": t["ags"], "gebiet": t["name"], "ebene": t["ebene"], "indikator": t["indikator"],
        "indikator_titel": t["indikator"].map(titel), "jahr": t["jahr"].astype(int),
        "wert": [runde(w, 1) if a else None for w, a in zip(t["wert"], ausgewiesen)],
        "status": t["status"].astype(str), "zaehler": t["zaehler"].astype("Int64"),
        "nenner": t["nenner"].astype("Int64"), "stichtag_sgb2": t["stichtag_sgb2"],
        "stichtag_bev": t["stichtag_bev"], "quelle_sgb2": t["quelle_sgb2"], "quelle_bev": t["quelle_bev"],
        "art": t["art"], "datenstand": datenstand, "lizenz": LIZENZ_ZAHLEN,
    })[NAMEN].reset_index(drop=True)


def als_csv(tabelle: pd.DataFrame) -> bytes:
    """UTF-8 ohne BOM, Komma, Punkt als Dezimalzeichen; Zellen, die wie Formeln beginnen, entschärft."""
    return tabelle_entschaerft(tabelle).to_csv(index=False, lineterminator="\n").encode("utf-8")


def csvw_metadaten(csv_datei: str, titel: str, herausgeber: str) -> dict:
    """Die Beschreibung der CSV nach CSV on the Web (JSON-LD, Datei „<csv>-metadata.json“ daneben)."""
    return {
        "@context": ["http://www.w3.org/ns/csvw", {"@language": "de"}],
        "url": csv_datei, "dc:title": titel, "dc:publisher": herausgeber,
        "dc:license": {"@id": DL_DE_BY}, "dc:rights": LIZENZ_ZAHLEN,
        "dialect": {"delimiter": ",", "encoding": "utf-8", "header": True},
        "tableSchema": {
            "columns": [{"name": name, "titles": name, "datatype": typ, "dc:description": text,
                         **({"required": True} if name in ("ags", "indikator", "jahr", "status") else {})}
                        for name, typ, text in SPALTEN],
            "primaryKey": ["ags", "indikator", "jahr"],
        },
    }


def als_xlsx(tabelle: pd.DataFrame, titel: str) -> bytes:
    """Blatt „Daten“ mit der Tabelle (Zahlen als Zahlen), Blatt „Lizenz“ mit Titel, Bedingungen und Spalten."""
    puffer = io.BytesIO()
    erklaerung = pd.DataFrame([("Titel", titel), ("Lizenz der Zahlen", LIZENZ_ZAHLEN),
                               *((f"Spalte {n}", text) for n, _, text in SPALTEN)], columns=["", ""])
    with pd.ExcelWriter(puffer, engine="openpyxl") as mappe:
        tabelle_entschaerft(tabelle, fuer_xlsx=True).to_excel(mappe, sheet_name="Daten", index=False)
        tabelle_entschaerft(erklaerung, fuer_xlsx=True).to_excel(mappe, sheet_name="Lizenz", index=False,
                                                                header=False)
        mappe.book["Daten"].freeze_panes = "A2"
    return puffer.getvalue()


def als_geojson(tabelle: pd.DataFrame, grenzen: gpd.GeoDataFrame, titel: str) -> bytes:
    """Je Gemeinde ihre Fläche und als Eigenschaften alle Werte („kinderarmut_2024“: 17.5, leer: null); die Lizenzen
    der Zahlen und der Grenzen (dl-de/by-2-0) stehen im Kopf der FeatureCollection."""
    gemeinden = tabelle[tabelle["ebene"] == "gemeinde"]
    breit = gemeinden.assign(spalte=gemeinden["indikator"] + "_" + gemeinden["jahr"].astype(str)).pivot(
        index="ags", columns="spalte", values="wert")
    merkmale = []
    for g in grenzen[grenzen["ags"].isin(breit.index)].itertuples():
        werte = {k: (None if pd.isna(w) else float(w)) for k, w in breit.loc[g.ags].items()}
        merkmale.append({"type": "Feature", "geometry": g.geometry.__geo_interface__,
                         "properties": {"ags": g.ags, "gebiet": g.name, **werte}})
    sammlung = {"type": "FeatureCollection", "name": titel, "lizenz_zahlen": LIZENZ_ZAHLEN,
                "lizenz_grenzen": geodaten.namensnennung(), "lizenz_url": DL_DE_BY, "features": merkmale}
    return json.dumps(sammlung, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def dateien(ergebnis: pd.DataFrame, datenstand: int, kreisname: str, grenzen: gpd.GeoDataFrame | None,
            herausgeber: str, adresse: str | None = None, kreis: str = "", kontakt: str = "",
            heute: date | None = None) -> dict[str, bytes]:
    """Alle Dateien der offenen Daten eines Datenstands, nach Dateiname: CSV mit CSVW-Beschreibung, XLSX, GeoJSON
    (ohne Grenzen keines); mit der Adresse, unter der sie öffentlich liegen, dazu der DCAT-AP.de-Katalog
    katalog.ttl. Für Kommandozeile, Seiten und Website dieselben."""
    tabelle = lesertabelle(ergebnis, datenstand)
    titel = f"Sozialplanung {kreisname}: alle Indikatoren, Jahre und Gebiete (Datenstand {datenstand})"
    name = f"sozialplanung_datenstand{datenstand}"
    ergebnis_ = {f"{name}.csv": als_csv(tabelle),
                 f"{name}.csv-metadata.json": json.dumps(csvw_metadaten(f"{name}.csv", titel, herausgeber),
                                                         ensure_ascii=False, indent=1).encode("utf-8"),
                 f"{name}.xlsx": als_xlsx(tabelle, titel)}
    if grenzen is not None:
        ergebnis_[f"{name}.geojson"] = als_geojson(tabelle, grenzen, titel)
    if adresse:
        jahre = (int(ergebnis["jahr"].min()), int(ergebnis["jahr"].max()))
        ergebnis_["katalog.ttl"] = dcat.katalog(
            adresse.rstrip("/") + "/", sorted(ergebnis_), kreis=kreis, kreisname=kreisname, herausgeber=herausgeber,
            kontakt=kontakt, datenstand=datenstand, jahre=jahre, stand=heute or date.today(),
            namensnennung=f"{LIZENZ_ZAHLEN}; Grenzen: {geodaten.namensnennung()}").encode("utf-8")
    return ergebnis_
