"""Datenpflege: Anmeldung, dann je nach Rolle bis zu sieben Reiter – Kennzahlen einlesen (_kennzahlen_einlesen.py),
Datenstände mit Rücknahme, Rohexport, Sperrliste und Sicherung (_datenstaende.py), Einrichtungen
(_einrichtungspflege.py), Angebote (_angebotspflege.py), Familienzentrum (_familienzentrum.py), Sozialräume
(_sozialraumpflege.py), Protokoll. Die Rolle
`netzwerk` sieht nur Einrichtungen, Angebote und Familienzentrum."""

import streamlit as st

from darstellung import datenpflege as tabellen
from darstellung.maskierung import md
from indikatoren.grundlagen import konfiguration
from indikatoren.grundlagen.zahlenformat import zahl
from indikatoren.zugang import rollen
from pages import _angebotspflege as angebotspflege_seite
from pages import _anmeldung as anmeldung
from pages import _datenstaende as datenstaende_seite
from pages import _einrichtungspflege as einrichtungspflege_seite
from pages import _familienzentrum as familienzentrum_seite
from pages import _kennzahlen_einlesen as kennzahlen_seite
from pages import _rahmen as rahmen
from pages import _sozialraumpflege as sozialraumpflege_seite
from pages import _zwischenspeicher as speicher

rahmen.ueber_app()
benutzer = anmeldung.benutzer()
if benutzer is None:
    anmeldung.anmeldeformular()
    st.stop()
anmeldung.leerlauf_pruefen()
rolle = anmeldung.rolle(benutzer)
wer = rollen.unterschrift(benutzer, rolle)

kopf = st.columns([4, 1])
kopf[0].title("Datenpflege")
kopf[1].button("Abmelden", on_click=anmeldung.abmelden)
st.caption(f"Angemeldet: {md(benutzer)}, Rolle {rolle} · Jede Änderung steht mit Name und Rolle im Protokoll.")
ablage, gebiete = speicher.ablage(), speicher.gebiete()


def protokoll() -> None:
    eintraege = ablage.protokolleintraege()
    if not eintraege.empty:
        st.dataframe(tabellen.protokoll(eintraege), hide_index=True, width="stretch")
    st.caption("Das Protokoll kann niemand ändern oder löschen (die Datenbank verweigert es).")


REITER = {"kennzahlen": ("Kennzahlen einlesen", lambda: kennzahlen_seite.zeigen(ablage, gebiete, wer)),
          "datenstaende": ("Datenstände", lambda: datenstaende_seite.zeigen(ablage, gebiete, wer)),
          "einrichtungen": ("Einrichtungen", lambda: einrichtungspflege_seite.zeigen(ablage, wer)),
          "angebote": ("Angebote", lambda: angebotspflege_seite.zeigen(ablage, gebiete, wer)),
          "familienzentrum": ("Familienzentrum", lambda: familienzentrum_seite.zeigen(ablage, wer)),
          "sozialraeume": ("Sozialräume", lambda: sozialraumpflege_seite.zeigen(ablage, gebiete, wer)),
          "protokoll": ("Protokoll", protokoll)}
erlaubt = [b for b in REITER if rollen.darf(rolle, b)]
# Der gewählte Reiter bleibt über jede Aktion hinweg offen und steht im Link (?reiter=…); nur er läuft, so wird
# etwa die Lagekarte erst gezeichnet, wenn sie sichtbar ist (verborgen gezeichnet stünde sie auf Weltzoom).
for bereich, reiter in zip(erlaubt, st.tabs([REITER[b][0] for b in erlaubt], key="reiter", on_change="rerun",
                                          bind="query-params")):
    if reiter.open:
        with reiter:
            REITER[bereich][1]()
if rollen.darf(rolle, "kennzahlen"):
    st.caption(f"Die Vorschau warnt bei Sprüngen über {zahl(konfiguration.sprung_pp(), 1)} Prozentpunkte zum "
               "Vorjahr (einstellbar mit SOZIALPLANUNG_SPRUNG_PP).")
st.caption(f"Ohne Aktion endet die Anmeldung nach {zahl(anmeldung.regeln().leerlauf_minuten, 0)} Minuten.")
