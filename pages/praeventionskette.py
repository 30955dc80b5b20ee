"""Präventionskette: welche Lebensphasen und Handlungsfelder Angebote haben, wo Lücken sind – neben dem Bedarf."""

import streamlit as st

from angebote import katalog, luecken
from angebote.uebergaenge import UEBERGAENGE
from darstellung import praeventionskette as pk
from darstellung.export import als_csv
from darstellung.maskierung import md
from pages import _ansicht as sicht
from pages import _bedienung as bedienung
from pages import _rahmen as rahmen
from pages import _zwischenspeicher as speicher

BREITEN = [1.6, 1, 1, 1, 1, 1]  # Handlungsfeld, dann je Lebensphase eine Spalte: die Kette von links nach rechts

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
angebote = luecken.im_gebiet(angebote, ags, sozialraum)
st.title(f"Präventionskette: {md(gebiet)}")
st.caption(f"Angebote: {len(angebote)} in der Liste, davon {(angebote['status'] == 'aktiv').sum()} aktiv, "
           f"{(angebote['status'] == 'geplant').sum()} geplant. Geplante zählen nicht als Abdeckung"
           + (", kreisweite Angebote zählen für jede Gemeinde." if ags else ".")
           + (" Im Sozialraum zählen die Angebote, die dort stattfinden (eigene Lage oder die ihrer Einrichtung), "
              "und die kreisweiten." if sozialraum else ""))

st.header("Angebote nach Lebensphase und Handlungsfeld")
matrix, bedarf, kreis = speicher.praeventionskette(k, ags, sozialraum)
st.html(pk.LEGENDE)
zellen = pk.zellen(angebote, ags, sozialraum).set_index(["handlungsfeld", "lebensphase"])
gewaehlt = st.session_state.get("pk_zelle")
kopf = st.columns(BREITEN, vertical_alignment="bottom")
kopf[0].markdown("**Handlungsfeld**")
for spalte, phase in zip(kopf[1:], katalog.LEBENSPHASEN):
    spalte.markdown(f"**{md(phase)}**")
for i, feld in enumerate(katalog.HANDLUNGSFELDER):
    reihe = st.columns(BREITEN, vertical_alignment="center")
    reihe[0].markdown(md(feld))
    for j, (spalte, phase) in enumerate(zip(reihe[1:], katalog.LEBENSPHASEN)):
        z = zellen.loc[(feld, phase)]
        markiert = "_gewaehlt" if gewaehlt == (phase, feld) else ""
        with spalte.container(key=f"pkz_{z['zustand']}{markiert}_{i}_{j}"):
            st.button(z["beschriftung"], key=f"pk_zelle_{i}_{j}", help=z["hilfe"], width="stretch",
                      on_click=st.session_state.__setitem__, args=("pk_zelle", (phase, feld)))
with st.expander("Die Matrix als Tabelle (zum Vorlesen und Herunterladen)"):
    bedienung.tabelle(matrix, "matrix", index=True)
st.caption("Zahl der aktiven Angebote; „Lücke“: keines, auch kein geplantes; „nur geplant“: noch keines aktiv; "
           f"„doppelt?“: ab {katalog.DOPPELT_AB} aktiven Angeboten desselben Felds in derselben Phase. Die Farbe "
           "wiederholt nur, was in der Zelle steht; Muster: schraffiert Lücke, gepunktet geplant, kariert doppelt.")

if gewaehlt:
    phase, feld = gewaehlt
    st.subheader(f"Angebote: {md(feld)}, {md(phase)}")
    zelle = pk.angebote_der_zelle(angebote, ags, phase, feld)
    if zelle.empty:
        st.info(f"Keine Angebote für {md(phase)} in „{md(feld)}“.")
    else:
        st.dataframe(zelle, hide_index=True, width="stretch")
else:
    st.caption("Ein Klick auf eine Zelle zeigt ihre Angebote.")

st.header(f"Übergänge {k.jahr}: Angebote und Bedarf davor und danach")
bedienung.tabelle(pk.uebergaenge_text(angebote, k.ergebnis, sozialraum or ags or gebiete.kreis, k.jahr),
                  "uebergaenge")
st.caption("Ein Angebot überbrückt einen Übergang, wenn es Kinder ein Jahr davor und ein Jahr danach erreicht (nach "
           "seinem Alter, sonst nach seinen Lebensphasen). Bedarf: NEF-Quote der Altersgruppe, beim Übergang in die "
           "Ausbildung danach die ELB-Quote (15 bis 65 Jahre) – die Statistik teilt nicht feiner.")
uebergang = st.selectbox("Angebote eines Übergangs", [u.kennung for u in UEBERGAENGE], key="pk_uebergang",
                         format_func={u.kennung: u.name for u in UEBERGAENGE}.get)
bruecken = pk.bruecken_text(angebote, uebergang)
if bruecken.empty:
    st.info("Kein Angebot überbrückt diesen Übergang.")
else:
    st.dataframe(bruecken, hide_index=True, width="stretch")

st.header(f"Bedarf {k.jahr}: NEF-Quote nach Altersgruppe")
bedienung.tabelle(bedarf, "bedarf")
st.caption("Die Altersgruppen der Statistik (unter 3, 3 bis unter 6, 6 bis unter 15) und die Lebensphasen der "
           "Angebote decken sich nicht; die Zuordnung steht in der zweiten Spalte.")

st.header(f"Alle Gemeinden {k.jahr}: Bedarf und Angebote")
bedienung.tabelle(kreis, "kreisansicht")
st.caption("Absteigend nach Kinderarmutsindikator: oben stehen die Gemeinden mit dem höchsten Bedarf. Je "
           "Lebensphase die Zahl aktiver Angebote (eigene und kreisweite).")
if not k.praesentation:
    st.download_button("Tabelle herunterladen (CSV)", lambda: als_csv(kreis), f"praeventionskette_{k.jahr}.csv",
                       "text/csv")
