"""Der Inhalt von „Methodik und Quellen“: Definitionen aus dem Katalog, Stichtage, Rechenregeln, Datenarten,
Vergleichswerte, Namensnennungen, Barrierefreiheit (NBGG § 9b), Impressum und Datenschutz – einmal geschrieben für
die Seite der App und die statische Website. Nichts hier ist abgetippt: alles kommt aus dem Kern.

Jeder Abschnitt ist eine Folge von Blöcken: Markdown (Text aus Dateien mit maskierung.md maskiert), eine Tabelle
aus Text (pd.DataFrame) ein Hinweis (Hinweis) oder die Überschrift eines Unterabschnitts."""

from dataclasses import dataclass

import pandas as pd

from darstellung.karte import BASEMAP_DE_NAMENSNENNUNG
from darstellung.maskierung import md
from darstellung.tabellen import monat_text, tag_text, wert_text
from indikatoren.grundlagen import geodaten, katalog, konfiguration, laender, vergleichswerte
from indikatoren.rechnen.berechnung import Status


@dataclass(frozen=True)
class Hinweis:
    text: str


@dataclass(frozen=True)
class Unterabschnitt:
    titel: str
    anker: str


@dataclass(frozen=True)
class Abschnitt:
    anker: str
    titel: str
    bloecke: list


def abschnitte(ergebnis: pd.DataFrame, datenstand, geokodierer: str, statisch: bool = False) -> list[Abschnitt]:
    """Alle Abschnitte für das Leser-Ergebnis eines Datenstands. `statisch`: für die Website (ohne Hintergrundkarte,
    Adresssuche und Meldeformular, deren Sätze dort nicht gelten)."""
    kontakt = laender.kontakte()
    return [
        Abschnitt("indikatoren", "Indikatoren", _indikatoren()),
        Abschnitt("stichtage", f"Stichtage im Datenstand {datenstand.id}", [_stichtage(ergebnis)]),
        Abschnitt("rechenregeln", "Rechenregeln und Geheimhaltung", [_rechenregeln()]),
        Abschnitt("datenarten", "Datenarten", [
            "- **amtlich**: veröffentlichte Zahlen der amtlichen Statistik.\n"
            "- **geschaetzt**: von der Stabsstelle geschätzt, etwa vor Ablauf der Wartezeit.\n"
            "- **beispiel**: synthetische Vorführdaten; solange solche gezeigt werden, steht oben ein Hinweis.",
            f"Datenstand {datenstand.id}: Datei {md(datenstand.dateiname)}, eingelesen am "
            f"{datenstand.erstellt.astimezone():%d.%m.%Y} von {md(datenstand.von)}; Arten: "
            f"{', '.join(sorted(set(ergebnis['art'])))}."]),
        Abschnitt("vergleichswerte", "Vergleichswerte Land und Bund", _vergleichswerte()),
        Abschnitt("karten", "Karten und Namensnennung", [
            f"- Gemeindegrenzen: BKG, Verwaltungsgebiete 1:250 000 mit Einwohnerzahlen (VG250-EW). "
            f"**{geodaten.namensnennung()}**; für die Anzeige vereinfacht.\n"
            + ("" if statisch else f"- Hintergrundkarte (wenn eingeschaltet): basemap.de, "
                                   f"{BASEMAP_DE_NAMENSNENNUNG}.\n")
            + "- Einrichtungen: veröffentlichte Adressen und Lagen, Quelle je Einrichtung in der Einrichtungsliste; "
            "Lagen ohne Veröffentlichung werden nicht geschätzt. Entfernungen sind Luftlinie (in Metern, UTM-Zone "
            "des Kreises)."]),
        Abschnitt("barrierefreiheit", "Erklärung zur Barrierefreiheit", _barrierefreiheit(kontakt, statisch)),
        Abschnitt("impressum", "Impressum", [f"{kontakt['herausgeber']}  \n{kontakt['anschrift']}  \n"
                                             f"{kontakt['kontakt']}  \nVertreten durch: "
                                             f"{kontakt['vertretung']}"]),
        Abschnitt("datenschutz", "Datenschutzerklärung", _datenschutz(kontakt, geokodierer, statisch)),
    ]


def _rechenregeln() -> str:
    return (
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
        "Aus allem Veröffentlichten zusammen lässt sich eine gesperrte kleine Zahl höchstens auf den Bereich von 1 "
        f"bis zu ihrem Wert plus {konfiguration.schutzabstand()} eingrenzen – eine 1 ist so nicht von einer "
        f"{1 + konfiguration.schutzabstand()} zu unterscheiden.\n"
        "- Werte sind kaufmännisch auf eine Nachkommastelle gerundet; Veränderungen in Prozentpunkten (Pp.).")


def _indikatoren() -> list:
    bloecke: list = ["**Hinweise:**\n" + "\n".join(
        f"- *{'alle Indikatoren' if len(inds) == len(katalog.INDIKATOREN) else ', '.join(i.kurz for i in inds)}:* "
        f"{h}" for h, inds in katalog.hinweise_je_text().items())]
    for ind in katalog.INDIKATOREN:
        bloecke.append(Unterabschnitt(ind.titel, ind.id))
        bloecke.append(f"{ind.definition}\n\n"
                       f"- **Zähler:** {ind.zaehler_text} (Spalte `{ind.zaehler}`, Stichtag: Monat der "
                       "SGB-II-Zahlen)\n"
                       f"- **Nenner:** {ind.nenner_text} (Spalte `{ind.nenner}`, Stichtag: Tag der "
                       "Bevölkerungszahl)\n"
                       f"- **Einheit:** {ind.einheit}; {'mit' if ind.jedes_nte_kind else 'ohne'} Angabe „jedes n-te "
                       "Kind“ (n = 100 / Wert, gerundet)\n"
                       f"- **Quelle:** {ind.quelle}")
    return bloecke


def _stichtage(ergebnis: pd.DataFrame) -> pd.DataFrame:
    stichtage = ergebnis.groupby("jahr").agg(sgb2=("stichtag_sgb2", "unique"), bev=("stichtag_bev", "unique"))
    return pd.DataFrame({
        "Jahr": stichtage.index.astype(str),
        "SGB II (Monat)": [", ".join(sorted({monat_text(t) for t in w})) for w in stichtage["sgb2"]],
        "Bevölkerung (Tag)": [", ".join(sorted({tag_text(t) for t in w})) for w in stichtage["bev"]],
    })


def _vergleichswerte() -> list:
    vergleich = vergleichswerte.eigene()
    bloecke: list = []
    if not (vergleich["ags"] == konfiguration.kreis()[:2]).any():
        bloecke.append(Hinweis(f"{laender.eigenes().name}: kein veröffentlichter Vergleichswert eingetragen; die "
                               "Stabsstelle trägt Werte des Landes in data/vergleichswerte.csv ein."))
    bloecke.append(pd.DataFrame({
        "Indikator": vergleich["indikator"].map(lambda i: katalog.indikator(i).kurz), "Gebiet": vergleich["gebiet"],
        "Stichtag": vergleich["stichtag"].map(monat_text),
        "Wert": vergleich["wert"].map(lambda w: wert_text(w, Status.OK)),
        "Abgrenzung": vergleich["definition"], "Quelle": vergleich["quelle"],
    }))
    return bloecke


def _barrierefreiheit(kontakt: dict, statisch: bool) -> list:
    if statisch:
        stand = ("Die statische Veröffentlichung ist weitgehend barrierefrei nach WCAG 2.1, Stufe AA, und braucht "
                 "kein Skript; jede Seite wird bei jeder Änderung automatisch mit axe-core geprüft. Jede Karte und "
                 "jedes Diagramm hat einen Alternativtext und eine Tabelle aller gezeigten Werte; jede Gemeinde der "
                 "Karte ist ein Link zu ihrem Profil, mit der Tab-Taste erreichbar; Farbe ist nie der einzige Träger "
                 "einer Information; Texte haben mindestens 4,5:1 Kontrast; Zahlen sind deutsch formatiert.")
        luecken = ("Kleine Gemeinden tragen ihren Namen nicht immer in der Karte (Ersatz: Titel der Fläche und "
                   "Tabelle).")
    else:
        stand = ("Das Angebot ist weitgehend barrierefrei nach WCAG 2.1, Stufe AA; jede Seite wird bei jeder "
                 "Änderung automatisch mit axe-core geprüft. Jedes Diagramm hat einen Alternativtext und eine Tabelle "
                 "aller gezeigten Werte; die Karte hat eine Tabelle ihrer Werte, jede Gemeinde ist mit der Tab-Taste "
                 "erreichbar (Name und Wert werden vorgelesen, die Eingabetaste öffnet das Profil); Farbe ist nie "
                 "der einzige Träger einer Information (Einrichtungen haben eigene Formen, die gewählte Gemeinde ist "
                 "fett mit ▶ markiert); Texte haben mindestens 4,5:1 Kontrast; Zahlen sind deutsch formatiert.")
        luecken = ("Die Kartenfläche selbst ist eine Grafik; kleine Gemeinden tragen ihren Namen erst beim "
                   "Vergrößern (Ersatz: Tooltip und Tabelle). Einige Bedienelemente stammen aus dem Rahmenwerk "
                   "Streamlit; ihre Beschriftungen werden ins Deutsche übertragen, sobald sie erscheinen.")
    return [f"Diese Erklärung gilt für das Sozialplanungs-Dashboard und seine statische Veröffentlichung und folgt "
            f"{laender.eigenes().erklaerung_nach} in Verbindung mit der Richtlinie (EU) 2016/2102.\n\n"
            f"**Stand der Vereinbarkeit:** {stand}\n\n**Nicht barrierefreie Inhalte:** {luecken}\n\n"
            f"**Barrieren melden:** {kontakt['barrierefreiheit']}\n\n"
            f"**Schlichtungsverfahren:** {kontakt['schlichtung']}"]


def _datenschutz(kontakt: dict, geokodierer: str, statisch: bool) -> list:
    text = (f"**Verantwortlich:** {kontakt['herausgeber']}, {kontakt['anschrift']}. "
            f"**Datenschutzbeauftragte/r:** {kontakt['datenschutz']}\n\n"
            "Das Dashboard und seine Veröffentlichung zeigen nur zusammengefasste Zahlen je Gebiet, keine "
            "personenbezogenen Daten. Sie setzen keine Cookies zur Analyse, laden keine Schriften, Skripte oder Stile "
            "von Dritten und senden keine Nutzungsstatistik. Beim Aufruf verarbeitet der Server technisch notwendige "
            "Verbindungsdaten (IP-Adresse, Zeitpunkt), um die Seite auszuliefern (Art. 6 Abs. 1 lit. e DSGVO).")
    if statisch:
        return [text + " Die statische Veröffentlichung setzt gar keine Cookies und lädt nichts von anderen "
                       "Servern."]
    return [text + " Ist die Hintergrundkarte eingeschaltet, lädt Ihr Browser Kartenkacheln von basemap.de "
            "(Bundesamt für Kartographie und Geodäsie); dabei erhält das BKG Ihre IP-Adresse.",
            "**Angebot melden:** Ihre Angaben zum Angebot werden nach der Prüfung durch das Netzwerk veröffentlicht. "
            "Eine E-Mail-Adresse, die Sie dazu angeben, sieht nur die Datenpflege (für Rückfragen und Ihren "
            "persönlichen Link). Um das Formular vor Missbrauch zu schützen, speichert der Server zu jeder Meldung "
            "einen verschlüsselten Hash Ihrer IP-Adresse, nie die Adresse selbst.",
            "**Angebote finden – Entfernung von Ihrer Adresse:** Geben Sie eine Adresse ein, schickt der Server sie "
            "(nicht Ihr Browser, also ohne Ihre IP-Adresse) für diese eine Suche an den eingestellten "
            f"Geokodierungsdienst ({md(geokodierer)}) und rechnet mit dem Punkt, den er zurückgibt. Die Adresse wird "
            "weder gespeichert noch in den Link geschrieben; sie bleibt nur, solange Ihr Browserfenster offen ist. "
            "Ohne Adresse genügt ein Ort aus der Liste."]
