"""Gemeindeprofil: eine Gemeinde (oder einer ihrer Sozialräume) auf einer Seite – alle Indikatoren, Vergleich,
Verlauf, Altersgruppen, Einrichtungen, die Sozialräume der Gemeinde. Druckt sauber auf A4 (siehe
darstellung/stil.py)."""

import streamlit as st

from darstellung import profil
from darstellung.export import XLSX_MIME, als_csv, als_xlsx
from darstellung.maskierung import dateiname, md
from darstellung.tabellen import (
    einrichtungen_text,
    exporttabelle,
    gebietstabelle,
    herkunft_text,
    sozialraum_hinweis,
)
from indikatoren.grundlagen import geodaten
from indikatoren.orte import sozialraeume
from indikatoren.orte.einrichtungen import namensnennung
from pages import _ansicht as sicht
from pages import _bedienung as bedienung
from pages import _rahmen as rahmen
from pages import _zwischenspeicher as speicher

HOEHE = 200  # zwei Diagramme, die beim Drucken untereinander stehen, passen so mit auf eine A4-Seite

k = rahmen.kontext()
gebiete = speicher.gebiete()
gemeinden = gebiete.gemeinden.sort_values("name")
namen = dict(zip(gemeinden["ags"], gemeinden["name"]))
verbaende = dict(zip(gebiete.verbaende["ags"], gebiete.verbaende["name"]))
wahl = {**namen, **verbaende}  # die Gemeinden, dann die Gemeindeverbände
verband = sicht.ansicht().verband
ags = sicht.ansicht().gemeinde or next(iter(namen))
sicht.setze(gemeinde=ags)  # damit der Link die gezeigte Gemeinde nennt


def _gewaehlt() -> None:
    gewaehlt = st.session_state["w_gemeinde"]
    sicht.setze(verband=gewaehlt) if gewaehlt in verbaende else sicht.setze(gemeinde=gewaehlt, verband=None)


if not k.praesentation:
    st.selectbox("Gemeinde oder Gemeindeverband" if verbaende else "Gemeinde", list(wahl), key="w_gemeinde",
                 index=list(wahl).index(verband or ags), format_func=wahl.get, on_change=_gewaehlt)
raeume = gebiete.sozialraeume_von(ags) if not verband else gebiete.sozialraeume_von(None)
sozialraum = None if verband else bedienung.sozialraumwahl(k, ags)
gebiet = verband or sozialraum or ags
kreis_ags, jahr = gebiete.kreis, k.jahr
mitglieder = gebiete.mitglieder(verband) if verband else None
if verband:
    st.title(f"Profil {md(verbaende[verband])} {jahr}")
    st.caption(f"Datenstand {k.datenstand.id} · Gemeindeverband {verband} mit {len(mitglieder)} Gemeinden: "
               f"{md(', '.join(sorted(mitglieder['name'])))} · Kreiswerte: {md(gebiete.name(kreis_ags))}")
elif sozialraum:
    st.title(f"Sozialraum {md(gebiete.name(sozialraum))} ({md(namen[ags])}) {jahr}")
    st.caption(f"Datenstand {k.datenstand.id} · Sozialraum {md(sozialraum)} in {md(namen[ags])} · Kreiswerte: "
               f"{md(gebiete.name(kreis_ags))} · " + sozialraum_hinweis())
else:
    st.title(f"Gemeindeprofil {md(namen[ags])} {jahr}")
    st.caption(f"Datenstand {k.datenstand.id} · Gemeinde {ags} · Kreiswerte: {md(gebiete.name(kreis_ags))}")
if not k.praesentation:
    try:
        st.download_button("Profil als PDF (A4, barrierefrei)" if sozialraum or verband
                           else "Gemeindeprofil als PDF (A4, barrierefrei)",
                           rahmen.bericht_beim_klick("gemeindeprofil", jahr=jahr, gemeinden=[gebiet]),
                           f"profil_{dateiname(gebiet)}_{jahr}.pdf" if sozialraum or verband
                           else f"gemeindeprofil_{ags}_{jahr}.pdf", "application/pdf", key="profil_pdf")
    except geodaten.GeodatenFehlen:
        st.caption("Das PDF braucht die Gemeindegrenzen (Lagekarte); sie fehlen gerade.")

tabelle, verlauf, gruppen = speicher.gemeindeprofil(k, gebiet, HOEHE)
st.header("Alle Indikatoren")
if tabelle.empty:
    st.info("Für dieses Gebiet gibt es im Datenstand keine Zahlen.")
else:
    bedienung.texttabelle(tabelle)
st.caption(profil.PLATZ_HINWEIS_SOZIALRAUM if sozialraum else profil.PLATZ_HINWEIS_VERBAND if verband
           else profil.PLATZ_HINWEIS)
if verband:
    st.header(f"Die Gemeinden von {md(verbaende[verband])}: {k.indikator.kurz} {jahr}")
    bedienung.tabelle(gebietstabelle(k.ergebnis[k.ergebnis["ags"].isin(mitglieder["ags"])], k.indikator, jahr),
                      "mitglieder")

links, rechts = st.columns(2)
with links:
    bedienung.diagramm(verlauf, "profil_verlauf")
with rechts:
    if gruppen is not None:
        bedienung.diagramm(gruppen, "profil_altersgruppen")
    else:
        st.info("Für die Altersgruppen gibt es in diesem Datenstand keine Zahlen.")

if len(raeume) and not sozialraum:
    st.header(f"Sozialräume von {md(namen[ags])}: {k.indikator.kurz} {jahr}")
    st.caption(f"Alle {len(raeume)} Sozialräume decken {md(namen[ags])} ganz ab; ohne eigene Zeile der Gemeinde ist "
               "ihr Wert die Summe der Sozialräume." if ags in gebiete.vollstaendig_aufgeteilt else
               f"Die Sozialräume decken {md(namen[ags])} nicht ganz ab; der Gemeindewert stammt daher nur aus der "
               "Zeile der Gemeinde, nie aus einer Summe von Sozialräumen.")
    werte = k.ergebnis[k.ergebnis["ags"].isin(raeume["id"])]
    bedienung.tabelle(gebietstabelle(werte, k.indikator, jahr, ebenen=("sozialraum",)), "sozialraeume")
    st.caption("Sortiert nach Wert (höchster zuerst). " + sozialraum_hinweis())
    if not k.praesentation:
        def export():
            return exporttabelle(werte, k.indikator, jahr, k.datenstand.id)
        datei = f"{k.indikator.id}_{jahr}_sozialraeume_{ags}_datenstand{k.datenstand.id}"
        knopf = st.columns(4)
        knopf[0].download_button("Sozialräume als CSV", lambda: als_csv(export()), f"{datei}.csv", "text/csv")
        knopf[1].download_button("Sozialräume als XLSX", lambda: als_xlsx(
            export(), f"{k.indikator.kurz} {jahr}", f"{k.indikator.titel} {jahr}, Sozialräume von {namen[ags]}; "
            f"Datenstand {k.datenstand.id}; gesperrte Werte bleiben leer."), f"{datei}.xlsx", XLSX_MIME)

einrichtungen = speicher.einrichtungen()
eigene = einrichtungen[einrichtungen["ags"].isin(mitglieder["ags"] if verband else [ags])]
if sozialraum:
    flaechen = speicher.sozialraumflaechen()
    eigene = eigene[sozialraeume.zuordnen(eigene, flaechen[flaechen["id"] == sozialraum]) == sozialraum]
st.header(f"Einrichtungen ({len(eigene)})")
st.markdown(einrichtungen_text(eigene) or ("In diesem Sozialraum liegt keine Einrichtung mit bekannter Lage."
                                           if sozialraum else "Für diese Gemeinde sind noch keine Einrichtungen "
                                                              "erfasst."))
if hinweis := namensnennung(eigene):
    st.caption(hinweis)
zahlen = k.ergebnis[(k.ergebnis["ags"] == gebiet) & (k.ergebnis["jahr"] == jahr)]
st.caption((f"Zahlen: {md(herkunft_text(zahlen))}. " if not zahlen.empty else "")
           + f"Quelle: {k.indikator.quelle}. " + " ".join(k.indikator.hinweise))
