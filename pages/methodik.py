"""Methodik und Quellen: Definitionen aus dem Katalog, Stichtage, Datenarten, Namensnennungen,
Barrierefreiheit (NBGG § 9b), Impressum und Datenschutz. Nichts hier ist abgetippt: alles kommt aus dem Kern."""

import pandas as pd
import streamlit as st

from darstellung.karte import BASEMAP_DE_NAMENSNENNUNG
from darstellung.maskierung import md
from darstellung.tabellen import monat_text, tag_text, wert_text
from indikatoren.grundlagen import geodaten, katalog, konfiguration, laender, vergleichswerte
from indikatoren.orte import geokodierung
from indikatoren.rechnen.berechnung import Status
from pages import _bedienung as bedienung
from pages import _rahmen as rahmen

k = rahmen.kontext()
kontakt = laender.kontakte()
st.title("Methodik und Quellen")
ABSCHNITTE = {"indikatoren": "Indikatoren", "stichtage": f"Stichtage im Datenstand {k.datenstand.id}",
              "rechenregeln": "Rechenregeln und Geheimhaltung", "datenarten": "Datenarten",
              "vergleichswerte": "Vergleichswerte Land und Bund", "karten": "Karten und Namensnennung",
              "barrierefreiheit": "Erklärung zur Barrierefreiheit", "impressum": "Impressum",
              "datenschutz": "Datenschutzerklärung"}
st.markdown("**Inhalt:** " + " · ".join(f"[{titel}](#{anker})" for anker, titel in ABSCHNITTE.items()))


def abschnitt(anker: str) -> None:
    st.header(ABSCHNITTE[anker], anchor=anker)


abschnitt("indikatoren")
st.markdown("**Hinweise:**\n" + "\n".join(
    f"- *{'alle Indikatoren' if len(inds) == len(katalog.INDIKATOREN) else ', '.join(i.kurz for i in inds)}:* {h}"
    for h, inds in katalog.hinweise_je_text().items()))
for ind in katalog.INDIKATOREN:
    st.subheader(ind.titel, anchor=ind.id)
    st.markdown(ind.definition)
    st.markdown(f"- **Zähler:** {ind.zaehler_text} (Spalte `{ind.zaehler}`, Stichtag: Monat der SGB-II-Zahlen)\n"
                f"- **Nenner:** {ind.nenner_text} (Spalte `{ind.nenner}`, Stichtag: Tag der Bevölkerungszahl)\n"
                f"- **Einheit:** {ind.einheit}; {'mit' if ind.jedes_nte_kind else 'ohne'} Angabe „jedes n-te Kind“ "
                "(n = 100 / Wert, gerundet)\n"
                f"- **Quelle:** {ind.quelle}")

abschnitt("stichtage")
stichtage = k.ergebnis.groupby("jahr").agg(sgb2=("stichtag_sgb2", "unique"), bev=("stichtag_bev", "unique"))
bedienung.texttabelle(pd.DataFrame({
    "Jahr": stichtage.index.astype(str),
    "SGB II (Monat)": [", ".join(sorted({monat_text(t) for t in w})) for w in stichtage["sgb2"]],
    "Bevölkerung (Tag)": [", ".join(sorted({tag_text(t) for t in w})) for w in stichtage["bev"]],
}).set_index("Jahr"))

abschnitt("rechenregeln")
st.markdown(
    "- Der Wert eines größeren Gebiets (Gemeindeverband wie Samtgemeinde oder Amt, Kreis) ist die Summe der "
    "Zähler geteilt durch die Summe der Nenner seiner Gemeinden, nie ein Mittel von Quoten. Liefert die Quelle "
    "eine eigene Zeile für Kreis, Land oder Bund, gilt diese.\n"
    "- **Sozialräume** (kleine Gebiete, die der Kreis abgrenzt): Decken sie ihre Gemeinde ganz ab und hat diese "
    "keine eigene Zeile, ist die Gemeinde die Summe ihrer Sozialräume; sonst gilt allein die Zeile der Gemeinde. "
    f"Ein Sozialraum mit weniger als {konfiguration.mindestbevoelkerung()} Einwohnern unter der Regelaltersgrenze "
    "zeigt keinen Wert.\n"
    "- **nicht ausweisbar**: ein Wert ist gesperrt (statistische Geheimhaltung). Enthält eine Summe einen "
    "gesperrten Zähler, ist sie eine **Untergrenze** („mind.“); fehlt ein Nenner, gibt es keinen Wert.\n"
    f"- Anzahlen unter {konfiguration.schwelle()} (außer 0) werden nie gezeigt, auch nicht als Quote oder in "
    "Downloads. Damit sie sich auch nicht aus Summen ausrechnen oder eingrenzen lassen (Kreis minus übrige "
    "Gemeinden, Summe minus übrige Altersgruppen, gezeigte Nullen), werden weitere Werte mitgesperrt (sekundäre "
    "Geheimhaltung); auch sie erscheinen als „nicht ausweisbar“. Geprüft wird wie bei den statistischen Ämtern: "
    "Aus allem Veröffentlichten zusammen lässt sich eine gesperrte kleine Zahl höchstens auf den Bereich von 1 bis "
    f"zu ihrem Wert plus {konfiguration.schutzabstand()} eingrenzen – eine 1 ist so nicht von einer "
    f"{1 + konfiguration.schutzabstand()} zu unterscheiden.\n"
    "- Werte sind kaufmännisch auf eine Nachkommastelle gerundet; Veränderungen in Prozentpunkten (Pp.).")

abschnitt("datenarten")
st.markdown("- **amtlich**: veröffentlichte Zahlen der amtlichen Statistik.\n"
            "- **geschaetzt**: von der Stabsstelle geschätzt, etwa vor Ablauf der Wartezeit.\n"
            "- **beispiel**: synthetische Vorführdaten; solange solche gezeigt werden, steht oben ein Hinweis.")
st.markdown(f"Aktiver Datenstand {k.datenstand.id}: Datei {md(k.datenstand.dateiname)}, eingelesen am "
            f"{k.datenstand.erstellt.astimezone():%d.%m.%Y} von {md(k.datenstand.von)}; Arten: "
            f"{', '.join(sorted(set(k.ergebnis['art'])))}.")

abschnitt("vergleichswerte")
vergleich = vergleichswerte.eigene()
if not (vergleich["ags"] == konfiguration.kreis()[:2]).any():
    st.info(f"{laender.eigenes().name}: kein veröffentlichter Vergleichswert eingetragen; die Stabsstelle trägt "
            "Werte des Landes in data/vergleichswerte.csv ein.")
bedienung.texttabelle(pd.DataFrame({
    "Indikator": vergleich["indikator"].map(lambda i: katalog.indikator(i).kurz), "Gebiet": vergleich["gebiet"],
    "Stichtag": vergleich["stichtag"].map(monat_text), "Wert": vergleich["wert"].map(lambda w: wert_text(w, Status.OK)),
    "Abgrenzung": vergleich["definition"], "Quelle": vergleich["quelle"],
}))

abschnitt("karten")
st.markdown(f"- Gemeindegrenzen: BKG, Verwaltungsgebiete 1:250 000 mit Einwohnerzahlen (VG250-EW). "
            f"**{geodaten.namensnennung()}**; für die Anzeige vereinfacht.\n"
            f"- Hintergrundkarte (wenn eingeschaltet): basemap.de, {BASEMAP_DE_NAMENSNENNUNG}.\n"
            "- Einrichtungen: veröffentlichte Adressen und Lagen, Quelle je Einrichtung in data/einrichtungen.csv; "
            "Lagen ohne Veröffentlichung werden nicht geschätzt. Entfernungen sind Luftlinie (in Metern, UTM-Zone "
            "des Kreises).")

abschnitt("barrierefreiheit")
st.markdown(
    f"Diese Erklärung gilt für das Sozialplanungs-Dashboard und folgt {laender.eigenes().erklaerung_nach} in "
    "Verbindung mit der Richtlinie (EU) 2016/2102.\n\n"
    "**Stand der Vereinbarkeit:** Das Angebot ist weitgehend barrierefrei nach WCAG 2.1, Stufe AA; jede Seite wird "
    "bei jeder Änderung automatisch mit axe-core geprüft. Jedes Diagramm hat einen Alternativtext und eine Tabelle "
    "aller gezeigten Werte; die Karte hat eine Tabelle ihrer Werte, jede Gemeinde ist mit der Tab-Taste erreichbar "
    "(Name und Wert werden vorgelesen, die Eingabetaste öffnet das Profil); Farbe ist nie der einzige Träger einer "
    "Information (Einrichtungen haben eigene Formen, die gewählte Gemeinde ist fett mit ▶ markiert); Texte haben "
    "mindestens 4,5:1 Kontrast; Zahlen sind deutsch formatiert.\n\n"
    "**Nicht barrierefreie Inhalte:** Die Kartenfläche selbst ist eine Grafik; kleine Gemeinden tragen ihren Namen "
    "erst beim Vergrößern (Ersatz: Tooltip und Tabelle). Einige Bedienelemente stammen aus dem Rahmenwerk "
    "Streamlit; ihre Beschriftungen werden ins Deutsche übertragen, sobald sie erscheinen.\n\n"
    f"**Barrieren melden:** {kontakt['barrierefreiheit']}\n\n"
    f"**Schlichtungsverfahren:** {kontakt['schlichtung']}")

abschnitt("impressum")
st.markdown(f"{kontakt['herausgeber']}  \n{kontakt['anschrift']}  \n{kontakt['kontakt']}  \n"
            f"Vertreten durch: {kontakt['vertretung']}")

abschnitt("datenschutz")
try:
    geokodierer = geokodierung.Einstellungen.aus_umgebung().name
except ValueError:  # falsch eingestellt: die Suche nach Adresse meldet es selbst
    geokodierer = "nicht eingestellt"
st.markdown(
    f"**Verantwortlich:** {kontakt['herausgeber']}, {kontakt['anschrift']}. "
    f"**Datenschutzbeauftragte/r:** {kontakt['datenschutz']}\n\n"
    "Das Dashboard zeigt nur zusammengefasste Zahlen je Gebiet, keine personenbezogenen Daten. Es setzt keine "
    "Cookies zur Analyse, lädt keine Schriften, Skripte oder Stile von Dritten und sendet keine Nutzungsstatistik. "
    "Beim Aufruf verarbeitet der Server technisch notwendige Verbindungsdaten (IP-Adresse, Zeitpunkt), um die "
    "Seite auszuliefern (Art. 6 Abs. 1 lit. e DSGVO). Ist die Hintergrundkarte eingeschaltet, lädt Ihr Browser "
    "Kartenkacheln von basemap.de (Bundesamt für Kartographie und Geodäsie); dabei erhält das BKG Ihre "
    "IP-Adresse.\n\n"
    "**Angebot melden:** Ihre Angaben zum Angebot werden nach der Prüfung durch das Netzwerk veröffentlicht. Eine "
    "E-Mail-Adresse, die Sie dazu angeben, sieht nur die Datenpflege (für Rückfragen und Ihren persönlichen Link). "
    "Um das Formular vor Missbrauch zu schützen, speichert der Server zu jeder Meldung einen verschlüsselten Hash "
    "Ihrer IP-Adresse, nie die Adresse selbst.\n\n"
    "**Angebote finden – Entfernung von Ihrer Adresse:** Geben Sie eine Adresse ein, schickt der Server sie (nicht "
    "Ihr Browser, also ohne Ihre IP-Adresse) für diese eine Suche an den eingestellten Geokodierungsdienst "
    f"({md(geokodierer)}) und rechnet mit dem Punkt, den er zurückgibt. Die Adresse wird weder gespeichert "
    "noch in den Link geschrieben; sie bleibt nur, solange Ihr Browserfenster offen ist. Ohne Adresse genügt ein Ort "
    "aus der Liste.")
