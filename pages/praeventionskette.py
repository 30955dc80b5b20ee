"""Präventionskette: welche Lebensphasen und Handlungsfelder Angebote haben, wo Lücken sind – neben dem Bedarf."""

import streamlit as st

from angebote import katalog
from darstellung import praeventionskette as pk
from darstellung.export import als_csv
from darstellung.maskierung import md
from pages import _ansicht as sicht
from pages import _bedienung as bedienung
from pages import _rahmen as rahmen
from pages import _zwischenspeicher as speicher

k = rahmen.kontext()
gebiete = speicher.gebiete()
namen = dict(zip(gebiete.gemeinden["ags"], gebiete.gemeinden["name"]))
angebote = speicher.angebote()
if not k.praesentation:
    bedienung.auswahl(st.selectbox, "Gemeinde", [None, *sorted(namen, key=namen.get)], "gemeinde",
                      format_func=lambda a: namen.get(a, f"{gebiete.name(gebiete.kreis)} (alle Gemeinden)"))
ags = sicht.ansicht().gemeinde
sozialraum = bedienung.sozialraumwahl(k, ags)
gebiet = namen[ags] if ags else gebiete.name(gebiete.kreis)
if sozialraum:
    gebiet = f"{gebiete.name(sozialraum)} ({gebiet})"
    angebote = speicher.angebote_im_sozialraum(k)
    angebote = angebote[(angebote["sozialraum"] == sozialraum) | (angebote["gemeinde"] == katalog.KREISWEIT)]
st.title(f"Präventionskette: {md(gebiet)}")
st.caption(f"Angebote: {len(angebote)} in der Liste, davon {(angebote['status'] == 'aktiv').sum()} aktiv, "
           f"{(angebote['status'] == 'geplant').sum()} geplant. Geplante zählen nicht als Abdeckung"
           + (", kreisweite Angebote zählen für jede Gemeinde." if ags else ".")
           + (" Im Sozialraum zählen die Angebote, die dort stattfinden (eigene Lage oder die ihrer Einrichtung), "
              "und die kreisweiten." if sozialraum else ""))

st.header("Angebote nach Lebensphase und Handlungsfeld")
matrix, bedarf, kreis = speicher.praeventionskette(k, ags, sozialraum)
bedienung.tabelle(matrix, "matrix", index=True)
st.caption("Zahl der aktiven Angebote; „Lücke“: keines; „doppelt?“: ab "
           f"{katalog.DOPPELT_AB} Angeboten desselben Felds in derselben Phase.")

st.header(f"Bedarf {k.jahr}: NEF-Quote nach Altersgruppe")
bedienung.tabelle(bedarf, "bedarf")
st.caption("Die Altersgruppen der Statistik (unter 3, 3 bis unter 6, 6 bis unter 15) und die Lebensphasen der "
           "Angebote decken sich nicht; die Zuordnung steht in der zweiten Spalte.")

st.header("Angebote einer Zelle")
spalten = st.columns(2)
phase = spalten[0].selectbox("Lebensphase", katalog.LEBENSPHASEN, key="pk_phase")
feld = spalten[1].selectbox("Handlungsfeld", katalog.HANDLUNGSFELDER, key="pk_feld")
zelle = pk.angebote_der_zelle(angebote, ags, phase, feld)
if zelle.empty:
    st.info(f"Keine Angebote für {phase} in „{feld}“.")
else:
    st.dataframe(zelle, hide_index=True, width="stretch")

st.header(f"Alle Gemeinden {k.jahr}: Bedarf und Angebote")
bedienung.tabelle(kreis, "kreisansicht")
st.caption("Absteigend nach Kinderarmutsindikator: oben stehen die Gemeinden mit dem höchsten Bedarf. Je "
           "Lebensphase die Zahl aktiver Angebote (eigene und kreisweite).")
if not k.praesentation:
    st.download_button("Tabelle herunterladen (CSV)", lambda: als_csv(kreis), f"praeventionskette_{k.jahr}.csv",
                       "text/csv")
