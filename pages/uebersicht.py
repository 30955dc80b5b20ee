"""Übersicht: der Kreis im Vergleich zu Vorjahr, Land und Bund; alle Gemeinden als Rangliste und Tabelle."""

import streamlit as st

from darstellung.export import XLSX_MIME, als_csv, als_xlsx
from darstellung.maskierung import md
from darstellung.tabellen import (
    exporttabelle,
    herkunft_text,
    monat_text,
    nte_text,
    veraenderung_metrik,
    wert_text,
)
from indikatoren.grundlagen import geodaten, laender, vergleichswerte
from indikatoren.rechnen import auswertung
from indikatoren.rechnen.berechnung import Status
from pages import _bedienung as bedienung
from pages import _rahmen as rahmen
from pages import _zwischenspeicher as speicher

OFFENE_DATEN = {".csv": ("CSV", "text/csv"), ".csv-metadata.json": ("CSVW-Beschreibung", "application/ld+json"),
                ".xlsx": ("XLSX", XLSX_MIME), ".geojson": ("GeoJSON", "application/geo+json")}

k = rahmen.kontext()
ind, jahr, kreis_ags = k.indikator, k.jahr, speicher.gebiete().kreis
st.title(f"{ind.titel} {jahr}")

kreis = auswertung.zeile(k.ergebnis, ind.id, jahr, kreis_ags)
spalten = st.columns(3)
if kreis is None:
    spalten[0].info("Für den Kreis gibt es in diesem Jahr keinen Wert.")
else:
    spalten[0].metric(md(kreis["name"]), wert_text(kreis["wert"], kreis["status"]),
                      **veraenderung_metrik(auswertung.veraenderung(k.ergebnis, ind.id, jahr, kreis_ags)),
                      help=f"{ind.zaehler_text} / {ind.nenner_text}; Veränderung zum Vorjahr in Prozentpunkten")
    spalten[0].caption(" · ".join(t for t in (
        nte_text(kreis["wert"], kreis["status"], ind), md(herkunft_text(kreis)), f"Art: {kreis['art']}") if t))
vergleiche = vergleichswerte.passend(ind.id, jahr).set_index("ags")
for spalte, (ags, gebiet) in zip(spalten[1:], ((kreis_ags[:2], laender.land(kreis_ags).name), ("DG", "Deutschland"))):
    if ags not in vergleiche.index:
        spalte.caption(f"{gebiet}: kein veröffentlichter Vergleichswert für diesen Indikator und dieses Jahr.")
        continue
    vergleich = vergleiche.loc[ags]
    spalte.metric(md(vergleich.gebiet), wert_text(vergleich.wert, Status.OK), help=md(vergleich.definition))
    spalte.caption(f"Stichtag {monat_text(vergleich.stichtag)} (eigener Stichtag) · {md(vergleich.definition)} · "
                   f"Quelle: {md(vergleich.quelle)}")

bedienung.rangliste(k)

st.header(f"Alle Gemeinden {jahr}")
bedienung.tabelle(speicher.gebietstabelle(k), "uebersicht")
gezeigt = k.ergebnis[(k.ergebnis["indikator"] == ind.id) & (k.ergebnis["jahr"] == jahr)]
st.caption(f"Zahlen: {md(herkunft_text(gezeigt))}")
if not k.praesentation:
    def export():
        return exporttabelle(k.ergebnis, ind, jahr, k.datenstand.id)

    dateiname = f"{ind.id}_{jahr}_datenstand{k.datenstand.id}"
    hinweis = (f"{ind.titel} {jahr}; Datenstand {k.datenstand.id}; Quelle: {ind.quelle}; "
               f"Anzahlen 1 und 2 sind geschwärzt (statistische Geheimhaltung).")
    knopf = st.columns(4)
    # Dateien erst beim Klick bauen: das XLSX kostete sonst jeden Lauf der Seite
    knopf[0].download_button("CSV herunterladen", lambda: als_csv(export()), f"{dateiname}.csv", "text/csv")
    knopf[1].download_button("XLSX herunterladen", lambda: als_xlsx(export(), f"{ind.kurz} {jahr}", hinweis),
                             f"{dateiname}.xlsx", XLSX_MIME)
    try:
        knopf[2].download_button("Sozialbericht als PDF", rahmen.bericht_beim_klick("sozialbericht", jahr=jahr),
                                 f"sozialbericht_{jahr}_datenstand{k.datenstand.id}.pdf", "application/pdf",
                                 key="sozialbericht_pdf", help="Alle Indikatoren mit Karte, Rangliste und Tabelle, "
                                 "Präventionskette, Definitionen und Quellen (mehrere Seiten, barrierefrei)")
    except geodaten.GeodatenFehlen:
        knopf[2].caption("PDF-Berichte brauchen die Gemeindegrenzen; sie fehlen gerade.")
    with st.expander("Offene Daten: alle Indikatoren, Jahre und Gebiete auf einmal"):
        st.caption("Eine Zeile je Gebiet, Indikator und Jahr, mit Status, Anzahlen, Stichtagen, Quellen und Lizenz; "
                   "gesperrte Werte bleiben leer. CSV (UTF-8, Punkt als Dezimalzeichen) mit Beschreibung nach „CSV "
                   "on the Web“, dieselbe Tabelle als XLSX, die Werte je Gemeinde mit ihrer Fläche als GeoJSON.")
        spalten = st.columns(4)
        for spalte, (name, art) in zip(spalten, OFFENE_DATEN.items()):
            datei = f"sozialplanung_datenstand{k.datenstand.id}{name}"
            spalte.download_button(art[0], lambda d=datei: speicher.offene_daten(k).get(d, b""), datei, art[1],
                                   key=f"offen{name}")

with st.expander("Definition, Stichtag und Quelle"):
    st.markdown(f"**{ind.titel}**: {ind.definition}")
    st.markdown(f"Zähler: {ind.zaehler_text} (`{ind.zaehler}`) · Nenner: {ind.nenner_text} (`{ind.nenner}`)")
    st.markdown("\n".join(f"- {h}" for h in ind.hinweise))
    st.caption(f"Quelle: {ind.quelle}")
