"""Datenpflege mit AppTest: Anmeldung und Sperre, alle fehlerhaften Dateien über die Seite, Vorschau und
Bestätigung, Rücknahme, maskierte Namen und entschärfte Exporte."""

import bcrypt
import pytest
from streamlit.testing.v1 import AppTest

from darstellung.export import als_csv as tabelle_als_csv
from darstellung.tabellen import exporttabelle
from indikatoren.ablaeufe.einlesung import oeffne_ablage
from indikatoren.einlesen.export import als_csv
from indikatoren.grundlagen import katalog
from indikatoren.grundlagen.gebiete import Gebiete
from indikatoren.orte import einrichtungspflege
from indikatoren.rechnen.geheimhaltung import fuer_leser
from tests.conftest import HILDESHEIM_GEOJSON, PROJEKT, csv_bytes
from tests.test_pruefung import FEHLERHAFT

PASSWORT = "richtig-lang-genug"
UEBERNEHMEN = "FormSubmitter:dp_bestaetigen-Als neuen aktiven Datenstand übernehmen"
EINRICHTUNGEN_SPEICHERN = "FormSubmitter:dp_einr_speichern-Als neuen Stand speichern"
ANGEBOTE_SPEICHERN = "FormSubmitter:dp_ang_speichern-Als neuen Stand speichern"
KONTEN = {"meier": bcrypt.hashpw(PASSWORT.encode(), bcrypt.gensalt(rounds=4)).decode()}
NEU_2025 = csv_bytes("""
    ags;name;jahr;bev_u15;nef_u15;quelle
    03254;Landkreis Hildesheim;2025;40000;7000;BA Dezember 2025
    03254002;Alfeld (Leine);2025;2700;520;BA Dezember 2025
""")


def _app(**secrets) -> AppTest:
    app = AppTest.from_file(str(PROJEKT / "app.py"), default_timeout=60)
    app.secrets["datenpflege"] = {"konten": KONTEN, **secrets}
    app.switch_page("pages/datenpflege.py")
    return app


def _anmelden(app: AppTest, passwort: str = PASSWORT) -> AppTest:
    app.run()
    app.text_input(key="dp_name").input("meier")
    app.text_input(key="dp_passwort").input(passwort)
    app.button(key="FormSubmitter:dp_anmeldung-Anmelden").click()
    return app.run()


def _reiter(app: AppTest, name: str) -> AppTest:
    """Einen Reiter öffnen, wie ein Klick (nur der offene Reiter läuft)."""
    app.session_state["reiter"] = name
    return app.run()


def _hochladen(app: AppTest, name: str, inhalt: bytes) -> AppTest:
    app.session_state["dp_upload"] = (name, inhalt)
    return app.run()


def test_ohne_anmeldung_nur_das_formular():
    app = _app().run()
    assert not app.exception
    assert app.title[0].value == "Datenpflege – Anmeldung"
    assert not app.tabs and "dp_datei_0" not in app.session_state


def test_ohne_konten_sagt_die_seite_wie_man_eines_anlegt():
    app = AppTest.from_file(str(PROJEKT / "app.py"), default_timeout=60)
    app.switch_page("pages/datenpflege.py").run()
    assert "[datenpflege.konten]" in app.warning[-1].value


def test_falsches_passwort_fuehrt_zur_wartezeit(monkeypatch):
    app = _app(max_fehlversuche=3, sperre_minuten=15)
    for rest in (2, 1):
        _anmelden(app, "falsch")
        assert f"Noch {rest} Versuche" in app.error[0].value
    _anmelden(app, "falsch")
    assert "Von dieser Adresse erst wieder nach 30 Sekunden" in app.error[0].value
    _anmelden(app)  # auch das richtige Passwort hilft während der Wartezeit nicht
    assert "bitte bis" in app.error[0].value and app.title[0].value == "Datenpflege – Anmeldung"


def test_anmelden_einlesen_bestaetigen_und_zuruecknehmen(gebiete):
    app = _anmelden(_app())
    assert app.title[0].value == "Datenpflege" and len(app.tabs) == 7
    _hochladen(app, "neu.csv", NEU_2025)
    assert "**neu\\.csv** ist gültig: 2 Zeilen" in app.success[0].value
    assert app.metric[0].value == "2025"
    assert any("fehlt im Jahr 2025" in w.value for w in app.warning)  # 19 Gemeinden fehlen
    assert "Vorlage herunterladen (XLSX, Gebiete vorausgefüllt, jede Spalte erklärt)" in [
        b.label for b in app.get("download_button")]
    assert app.radio(key="dp_modus").value == "ergänzt den aktiven Stand"  # Vorgabe: nichts geht verloren
    assert not any("verloren" in e.value for e in app.error)
    app.radio(key="dp_modus").set_value("ersetzt die ganze Tabelle").run()
    # Von Hand: die Beispieldaten haben 6 Jahre (2019–2024) × 21 Gebiete = 126 Zeilen; die Datei nur 2025 für den
    # Kreis und Alfeld mit bev_u15/nef_u15. Es entfallen alle 126 Zeilen, die Jahre 2019–2024, 19 Gemeinden und
    # die fünf Indikatoren, für die Spalten fehlen.
    verlust = next(e.value for e in app.error if "verloren" in e.value).replace("\\", "")  # ohne Markdown-Maskierung
    assert "Beim Ersetzen gingen 126 Zeilen des aktiven Stands verloren" in verlust
    assert "Ganze Jahre: 2019, 2020, 2021, 2022, 2023, 2024." in verlust
    assert "Gebiete ganz ohne Zahlen (19)" in verlust and "Elze" in verlust and "Alfeld" not in verlust
    for titel in ("SGB-II-Quote", "ELB-Quote", "NEF-Quote unter 3"):
        assert titel in verlust
    assert "Kinderarmutsindikator" not in verlust.split("Indikatoren ohne Zahlen:")[1].split(".")[0]
    app.text_area(key="dp_kommentar").input("Zahlen Dezember 2025")
    app.button(key=UEBERNEHMEN).click().run()  # ohne Bestätigung des Verlusts: nichts gespeichert
    assert any("Bitte den Verlust der rot genannten Daten bestätigen" in e.value for e in app.error)
    assert oeffne_ablage(gebiete).aktiver().id == 1
    app.checkbox(key="dp_verlust_ok").check()
    app.button(key=UEBERNEHMEN).click().run()
    ablage = oeffne_ablage(gebiete)
    assert ablage.aktiver().id == 2 and ablage.aktiver().kommentar == "Zahlen Dezember 2025"
    assert ablage.aktiver().von == "meier (stabsstelle)"
    assert "Datenstand 2 ist gespeichert und aktiv." in [s.value for s in app.success]

    uebersicht = AppTest.from_file(str(PROJEKT / "app.py"), default_timeout=60).run()
    assert uebersicht.metric[0].value == "17,5\u00a0%"  # 7000 / 40000

    _reiter(app, "Datenstände").selectbox(key="dp_stand").select(1).run()
    app.checkbox(key="dp_aktivieren_ok").check()
    app.button(key="FormSubmitter:dp_aktivieren-Aktivieren").click().run()
    assert ablage.aktiver().id == 1
    assert "Datenstand 1 ist wieder aktiv." in [s.value for s in app.success]  # der Reiter bleibt offen
    assert app.session_state["reiter"] == "Datenstände" and app.selectbox(key="dp_stand")
    uebersicht = AppTest.from_file(str(PROJEKT / "app.py"), default_timeout=60).run()
    assert uebersicht.metric[0].value == "15,7\u00a0%"  # wieder die Beispieldaten 2024


def test_ohne_kommentar_wird_nichts_gespeichert(gebiete):
    app = _hochladen(_anmelden(_app()), "neu.csv", NEU_2025)
    app.button(key=UEBERNEHMEN).click().run()
    assert "Bitte einen Kommentar angeben." in [e.value for e in app.error]
    assert oeffne_ablage(gebiete).aktiver().id == 1


@pytest.mark.parametrize("name", sorted(FEHLERHAFT))
def test_fehlerhafte_dateien_ueber_die_seite(name, gebiete):
    inhalt, dateiname, erwartet = FEHLERHAFT[name]
    app = _hochladen(_anmelden(_app()), dateiname, inhalt)
    assert not app.exception
    assert "ist ungültig" in app.error[0].value and "Nichts wurde gespeichert" in app.error[0].value
    meldungen = app.dataframe[0].value
    texte = [f"{d}, Zeile {z}, Spalte {s}: {m}".replace(", Zeile , Spalte ", ": ").replace(", Spalte : ", ": ")
             for d, z, s, m in meldungen.itertuples(index=False)]
    for stueck in erwartet:
        assert any(stueck.split(": ", 1)[-1][:40] in t for t in texte), (stueck, texte)
    assert "Fehlerbericht herunterladen (CSV)" in [b.label for b in app.get("download_button")]
    ablage = oeffne_ablage(gebiete)
    assert [d.id for d in ablage.datenstaende()] == [1] and ablage.aktiver().id == 1


def test_html_name_und_formel_werden_maskiert_und_entschaerft(gebiete):
    boese = csv_bytes("""
        ags;name;jahr;bev_u15;nef_u15;quelle
        03254;<script>alert('x')</script>;2024;40000;6000;=HYPERLINK("http://example.org")
        03254002;Alfeld (Leine);2024;2411;402;@BA
    """)
    app = _hochladen(_anmelden(_app()), "<b>boese</b>.csv", boese)
    app.text_area(key="dp_kommentar").input("=SUMME(A1:A9)")
    app.button(key=UEBERNEHMEN).click().run()
    ablage = oeffne_ablage(gebiete)
    assert ablage.aktiver().kommentar == "=SUMME(A1:A9)"  # als Text gespeichert

    uebersicht = AppTest.from_file(str(PROJEKT / "app.py"), default_timeout=60).run()
    assert uebersicht.metric[0].label == r"\<script\>alert\(\'x\'\)\<\/script\>"  # Markdown zeigt Zeichen
    assert r"\<b\>boese\<\/b\>\.csv" in uebersicht.sidebar.caption[0].value
    # als Text, nicht als Link: die Quelle je Art der Zahlen kommt aus der Datei, die sie geliefert hat
    assert any(r"SGB II\: \=HYPERLINK\(" in c.value and r"Bevölkerung\: \=HYPERLINK\(" in c.value
               for c in uebersicht.caption), [c.value for c in uebersicht.caption]

    ergebnis = fuer_leser(ablage.kennzahlen(), gebiete)
    export = tabelle_als_csv(exporttabelle(ergebnis, katalog.indikator("kinderarmut"), 2024, 2)).decode("utf-8-sig")
    assert "=HYPERLINK" in export and "@BA" in export  # ergänzt: hinter der Quelle der übrigen Spalten …
    assert not any(z.startswith(("=", "@", '"=', '"@')) for zeile in export.splitlines() for z in zeile.split(";"))
    roh = als_csv(ablage.kennzahlen()).decode()
    assert "<script>alert('x')</script>" in roh and "; =HYPERLINK(" in roh


def _einrichtungen_app():
    app = _anmelden(_app())
    assert app.tabs[2].label == "Einrichtungen"
    return _reiter(app, "Einrichtungen")


def test_lage_per_klick_setzen_und_umkreis_waechst(gebiete, monkeypatch):
    monkeypatch.setenv("SOZIALPLANUNG_GEODATEN", str(HILDESHEIM_GEOJSON))
    app = _einrichtungen_app()
    namen = app.selectbox(key="dp_lage_einrichtung").options
    buergerschule = next(i for i, n in enumerate(namen) if n.startswith("Bürgerschule"))
    app.selectbox(key="dp_lage_einrichtung").set_value(buergerschule)
    app.session_state["dp_lage"] = (51.9871, 9.8249)  # wie ein Klick in die Karte: Altstadt Alfeld
    app.run()
    app.button(key="dp_lage_uebernehmen").click().run()
    assert not app.exception
    stand, liste = einrichtungspflege.staende(oeffne_ablage(gebiete)).lesen()
    zeile = liste.set_index("name").loc["Bürgerschule"]
    assert (zeile["lat"], zeile["lon"], zeile["genauigkeit"]) == ("51.987100", "9.824900", "Gebäude")
    assert zeile["lage"].startswith("gesetzt von meier (stabsstelle) am ")
    karte = AppTest.from_file(str(PROJEKT / "app.py"), default_timeout=60)
    karte.switch_page("pages/karte.py").run()
    texte = " ".join(m.value for m in karte.markdown)
    assert "5 Einrichtungen in der Karte, 14 Einrichtungen ohne Lage" in texte
    assert "Innerhalb 500 m: Bürgerschule (" in texte


def test_einrichtungsliste_als_datei_mit_pruefung(gebiete, monkeypatch):
    monkeypatch.setenv("SOZIALPLANUNG_GEODATEN", str(HILDESHEIM_GEOJSON))
    text = (PROJEKT / "data" / "einrichtungen.csv").read_text(encoding="utf-8")
    falsch = text.replace("Kita;Eimser Weg", "Kindergarten;Eimser Weg").replace("51.963333;9.835278", "9.835278;51.96")
    app = _einrichtungen_app()
    app.session_state["dp_einr_upload"] = ("liste.csv", falsch.encode())
    app.run()
    app.button(key="dp_einr_pruefen").click().run()
    meldungen = next(d.value for d in app.dataframe if "Meldung" in d.value.columns)
    assert "„Kindergarten“ ist nicht erlaubt" in " ".join(meldungen["Meldung"])
    assert "liegt nicht im Kreis" in " ".join(meldungen["Meldung"])
    assert "Nicht übernommen: 3 Probleme." in app.error[0].value  # zwei Einrichtungen hatten dieselbe Lage
    listen = einrichtungspflege.staende(oeffne_ablage(gebiete))
    assert listen.lesen() is None  # nichts gespeichert

    app.session_state["dp_einr_upload"] = ("liste.csv", text.encode())  # unverändert: nichts zu speichern
    app.run()
    app.button(key="dp_einr_pruefen").click().run()
    assert "Keine Änderung gegenüber dem aktiven Stand" in app.info[-1].value
    neu = text.replace("Kita an der Vormasch;Kita;An der Vormasch, 31061 Alfeld (Leine);;;;;;in Betrieb",
                       "Kita an der Vormasch;Kita;An der Vormasch, 31061 Alfeld (Leine);;;;;;geschlossen")
    app.session_state["dp_einr_upload"] = ("liste.csv", neu.encode())
    app.run()
    app.button(key="dp_einr_pruefen").click().run()
    vorschau = next(d.value for d in app.dataframe if "Änderung" in d.value.columns)
    assert vorschau.values.tolist() == [["geändert", "E018", "Kita an der Vormasch", "status", "in Betrieb",
                                         "geschlossen"]]
    assert listen.lesen() is None  # die Vorschau speichert nichts
    app.text_input(key="dp_einr_kommentar").input("Vormasch geschlossen")
    app.button(key=EINRICHTUNGEN_SPEICHERN).click().run()
    stand, liste = listen.lesen()
    assert liste.set_index("name").at["Kita an der Vormasch", "status"] == "geschlossen"
    assert "Einrichtungsstand 2 ist aktiv" in " ".join(s.value for s in app.success)


def test_angebote_pflegen_vorschau_speichern_und_zuruecknehmen(gebiete):
    """Zweite Angebotsliste über die Seite: Vorschau, Speichern, die Lückenmatrix ändert sich; Rücknahme stellt sie
    wieder her."""
    import pandas as pd

    from angebote import liste as angebote
    from angebote import luecken
    app = _anmelden(_app())
    assert app.tabs[3].label == "Angebote"
    _reiter(app, "Angebote")
    assert "8 laufende Angebote wurden nie oder vor mehr als 12 Monaten bestätigt" in app.warning[-1].value
    tabelle = angebote.mitgeliefert(gebiete)
    tabelle.loc[tabelle["id"].isin(["A004", "A007"]), ["status", "bestaetigt_am"]] = ["aktiv", "2026-11-01"]
    tabelle = pd.concat([tabelle, tabelle.iloc[[6]].assign(id="", titel="Babylotsin", einrichtung="E015")])
    app.session_state["dp_ang_upload"] = ("angebote.csv", tabelle.to_csv(sep=";", index=False).encode())
    app.run()
    app.button(key="dp_ang_pruefen").click().run()
    assert not app.exception
    texte = [m.value.replace("\\", "") for m in app.markdown]
    assert "**Vorschau:** 1 neu, 2 geändert, 0 entfernt (aus angebote.csv)" in texte
    app.text_input(key="dp_ang_kommentar").input("zwei bestätigt, Babylotsin neu")
    app.button(key=ANGEBOTE_SPEICHERN).click().run()
    listen = angebote.staende(oeffne_ablage(gebiete))
    stand, gespeichert = listen.lesen()
    assert stand == 2 and gespeichert["id"].tolist()[-1] == "A009"
    assert "6 laufende Angebote" in app.warning[-1].value  # zwei sind jetzt bestätigt
    matrix = luecken.matrix(gespeichert, "03254002").set_index(["lebensphase", "handlungsfeld"])["anzahl"]
    assert matrix[("rund um die Geburt", "Frühe Hilfen")] == 2 and matrix.sum() == 2 * 2 + 4  # A007+Lotsin; A004
    kette = AppTest.from_file(str(PROJEKT / "app.py"), default_timeout=60)
    kette.switch_page("pages/praeventionskette.py").run()
    assert not kette.exception

    tabelle.loc[tabelle["titel"] == "Babylotsin", "status"] = "beendet"
    app.session_state["dp_ang_upload"] = ("angebote2.csv", tabelle.to_csv(sep=";", index=False).encode())
    app.run()
    app.button(key="dp_ang_pruefen").click().run()
    app.text_input(key="dp_ang_kommentar").input("Lotsin beendet")
    app.button(key=ANGEBOTE_SPEICHERN).click().run()
    assert listen.aktiver() == 3
    app.selectbox(key="dp_ang_zurueck").set_value(2).run()
    app.checkbox(key="dp_ang_zurueck_ok").check()
    app.button(key="FormSubmitter:dp_ang_zurueck_form-Aktivieren").click().run()
    assert listen.aktiver() == 2 and listen.lesen()[1].equals(gespeichert)
    app.selectbox(key="dp_ang_zurueck").set_value(1).run()  # zurück bis zur mitgelieferten Liste
    vorschau = next(d.value for d in app.dataframe if "Änderung" in d.value.columns)
    assert vorschau.drop_duplicates(["Änderung", "Kennung"])["Änderung"].value_counts().to_dict() == {
        "geändert": 2, "entfernt": 1}
    app.checkbox(key="dp_ang_zurueck_ok").check()
    app.button(key="FormSubmitter:dp_ang_zurueck_form-Aktivieren").click().run()
    assert luecken.matrix(listen.lesen()[1], "03254002")["anzahl"].sum() == 0  # alle wieder nur geplant


def test_sitzung_laeuft_nach_leerlauf_ab():
    from datetime import UTC, datetime, timedelta
    app = _anmelden(_app(leerlauf_minuten=30))
    assert app.title[0].value == "Datenpflege"
    sitzung = app.session_state["dp_sitzung"]
    sitzung["aktiv"] = datetime.now(UTC) - timedelta(minutes=31)
    app.run()
    assert app.title[0].value == "Datenpflege – Anmeldung"
    assert "nach längerer Inaktivität abgelaufen" in app.info[0].value


def test_stabsstelle_sieht_welche_zellen_gesperrt_sind():
    app = _reiter(_anmelden(_app()), "Datenstände")
    liste = next(d.value for d in app.dataframe if "Grund" in d.value.columns)
    eime_2024 = liste[(liste["Gebiet"] == "Eime") & (liste["Jahr"] == 2024)].set_index("Spalte")
    assert eime_2024.at["nef_u3", "Grund"] == "geheim (primär)" and eime_2024.at["nef_u3", "Anzahl"] == 2
    assert eime_2024.at["nef_6_15", "Grund"] == "geheim (sekundär)"
    # der Bericht je Jahr: Eimes 2 (nef_u3) mit seiner 9 (nef_6_15) und Schellertens 8 (nef_u3) gesperrt: 2 + 8 = 10
    # in der Spalte (Kreis minus übrige), Schellerten ≥ 1, also Eime höchstens 9 (der Angreifer mit SciPy findet
    # dasselbe); das frühere Verfahren sperrte Eimes 3 (nef_3_6) dazu, und 2 + 3 ließ nur 1 bis 4 offen – zu eng
    bericht = next(d.value for d in app.dataframe if "engstes Intervall eines Lesers" in d.value.columns)
    jahr = bericht.set_index("Jahr").loc["2024"]
    assert (jahr["primär"], jahr["sekundär"], jahr["Schutz nicht erfüllt"]) == (1, 3, 0)
    assert jahr["engstes Intervall eines Lesers"] == "Eime, NEF unter 3 Jahren = 2: 1 bis 9"
    assert jahr["früheres Verfahren"].endswith("; 1 zu eng")


def test_datenpflege_oeffnet_trotz_kaputtem_aktivem_stand(gebiete):
    import pandas as pd

    from indikatoren.grundlagen.kennzahlen import aus_spalten
    ablage = oeffne_ablage(gebiete)
    zeilen = pd.DataFrame({"ags": ["03254002"], "name": ["Alfeld"], "jahr": [2024], "stichtag_sgb2": ["2024-12"],
                           "stichtag_bev": ["2024-12-31"], "quelle": [""], "art": ["amtlich"], "lb": [5]})
    ablage.speichern(aus_spalten(zeilen, pd.DataFrame({"lb": [False]})), von="x", dateiname="kaputt.csv", sha256="0")
    app = _anmelden(_app())
    assert not app.exception and app.title[0].value == "Datenpflege"
    _reiter(app, "Datenstände").selectbox(key="dp_stand").select(1).run()
    app.checkbox(key="dp_aktivieren_ok").check()
    app.button(key="FormSubmitter:dp_aktivieren-Aktivieren").click().run()
    assert ablage.aktiver().id == 1
    assert "Datenstand 1 ist wieder aktiv." in [s.value for s in app.success]  # der Reiter bleibt offen
    assert app.session_state["reiter"] == "Datenstände" and app.selectbox(key="dp_stand")


def test_rolle_netzwerk_pflegt_nur_einrichtungen_und_angebote(gebiete):
    from angebote import liste as angebote
    app = _app(rollen={"meier": "netzwerk"})
    app = _anmelden(app)
    assert [t.label for t in app.tabs] == ["Einrichtungen", "Angebote", "Familienzentrum"]  # keine Kennzahlen,
    # keine Sicherung, kein Protokoll
    assert "dp_datei_0" not in app.session_state and "Rolle netzwerk" in app.caption[0].value
    _reiter(app, "Angebote")
    tabelle = angebote.mitgeliefert(gebiete).assign(status="aktiv", bestaetigt_am="2026-11-01")
    app.session_state["dp_ang_upload"] = ("angebote.csv", tabelle.to_csv(sep=";", index=False).encode())
    app.run()
    app.button(key="dp_ang_pruefen").click().run()
    app.text_input(key="dp_ang_kommentar").input("vom Familienzentrum bestätigt")
    app.button(key=ANGEBOTE_SPEICHERN).click().run()
    ablage = oeffne_ablage(gebiete)
    assert angebote.staende(ablage).staende()[-1].von == "meier (netzwerk)"
    assert ablage.protokolleintraege()["von"].tolist()[-1] == "meier (netzwerk)"
    assert [d.id for d in ablage.datenstaende()] == [1]  # an den Kennzahlen ändert sich nichts


def test_unbekannte_rolle_sperrt_statt_mehr_zu_erlauben():
    app = _anmelden(_app(rollen={"meier": "admin"}))
    assert not app.tabs and "Unbekannte Rolle „admin“ für „meier“" in app.error[0].value


def test_lage_aus_adresse_in_der_datenpflege(gebiete, monkeypatch):
    """Geokodierung gegen den lokalen Dienst: das Ergebnis erscheint als Vorschau, gespeichert wird erst danach."""
    from tests.geocoder_attrappe import GeocoderAttrappe
    monkeypatch.setenv("SOZIALPLANUNG_GEODATEN", str(HILDESHEIM_GEOJSON))
    dienst = GeocoderAttrappe({"Sedanstraße 15, 31061 Alfeld (Leine)": (51.98811, 9.82452)})
    monkeypatch.setenv("SOZIALPLANUNG_GEOCODER_URL", dienst.url)
    monkeypatch.setenv("SOZIALPLANUNG_GEOCODER_PAUSE", "0")
    try:
        app = _einrichtungen_app()
        wahl = app.multiselect(key="dp_einr_geo_wahl")
        assert len(wahl.value) == 15  # vorgewählt: alle ohne Lage; das Familienzentrum (veröffentlicht) fehlt
        assert "Familienzentrum Alfeld" not in wahl.options
        wahl.set_value([1, 2]).run()  # KUBA (bekannt) und Rathaus (dem Dienst unbekannt)
        app.button(key="dp_einr_geo_start").click().run()
        assert not app.exception
        texte = " ".join(m.value.replace("\\", "") for m in app.markdown)
        assert "**Gefunden (Vorschau unten" in texte and "**Nicht gefunden:** Rathaus Alfeld" in texte
        vorschau = next(d.value for d in app.dataframe if "Änderung" in d.value.columns).set_index("Spalte")
        assert vorschau.at["genauigkeit", "neu"] == "geocodiert" and vorschau.at["lat", "neu"] == "51.988110"
        listen = einrichtungspflege.staende(oeffne_ablage(gebiete))
        assert listen.lesen() is None
        app.text_input(key="dp_einr_kommentar").input("KUBA geokodiert")
        app.button(key=EINRICHTUNGEN_SPEICHERN).click().run()
        kuba = listen.lesen()[1].set_index("id").loc["E002"]
        assert (kuba["lat"], kuba["genauigkeit"]) == ("51.988110", "geocodiert")
        assert len(dienst.anfragen) == 2
    finally:
        dienst.stop()


def test_geokodierte_lage_bestaetigen(gebiete, monkeypatch):
    from indikatoren.orte.einrichtungen import mitgeliefert
    monkeypatch.setenv("SOZIALPLANUNG_GEODATEN", str(HILDESHEIM_GEOJSON))
    listen = einrichtungspflege.staende(oeffne_ablage(gebiete))
    liste = mitgeliefert()
    liste.loc[1, ["lat", "lon", "genauigkeit", "lage"]] = ["51.98811", "9.82452", "geocodiert",
                                                          "geocodiert (Nominatim, 20.11.2026): Sedanstraße 15"]
    listen.speichern(liste, von="meier", kommentar="geokodiert")
    app = _einrichtungen_app()
    app.selectbox(key="dp_lage_einrichtung").set_value(1).run()
    app.button(key="dp_lage_bestaetigen").click().run()
    assert not app.exception
    kuba = listen.lesen()[1].iloc[1]
    assert (kuba["lat"], kuba["genauigkeit"]) == ("51.98811", "Gebäude")
    assert kuba["lage"].startswith("bestätigt von meier (stabsstelle) am ")
    assert kuba["lage"].endswith("; geocodiert (Nominatim, 20.11.2026): Sedanstraße 15")


def test_familienzentrum_pflegt_seine_zahlen(gebiete):
    """Rolle netzwerk: eine Liste im Reiter Familienzentrum über die Vorschau speichern, dann die ganze Mappe."""
    import io

    import openpyxl

    from familienzentrum import katalog, mappe
    from indikatoren.ablage.listen import Listen
    app = _anmelden(_app(rollen={"meier": "netzwerk"}))
    assert app.tabs[2].label == "Familienzentrum"
    _reiter(app, "Familienzentrum").selectbox(key="dp_fz_liste").set_value(katalog.KONTAKTE).run()
    kontakte = "jahr;monat;thema;weg;anzahl\n2025;4;Kita und Krippe;persönlich;12\n2025;13;Kita und Krippe;weg;x\n"
    app.session_state["dp_fz_fz_kontakte_upload"] = ("kontakte.csv", kontakte.encode())
    app.run()
    app.button(key="dp_fz_fz_kontakte_pruefen").click().run()
    meldungen = next(d.value for d in app.dataframe if "Meldung" in d.value.columns)
    assert sorted(meldungen["Spalte"]) == ["anzahl", "monat", "weg"] and set(meldungen["Zeile"]) == {3}
    app.session_state["dp_fz_fz_kontakte_upload"] = ("kontakte.csv", kontakte.split("2025;13")[0].encode())
    app.run()
    app.button(key="dp_fz_fz_kontakte_pruefen").click().run()
    app.text_input(key="dp_fz_fz_kontakte_kommentar").input("April")
    app.button(key="FormSubmitter:dp_fz_fz_kontakte_speichern-Als neuen Stand speichern").click().run()
    ablage = oeffne_ablage(gebiete)
    stand, liste = Listen(ablage, katalog.KONTAKTE).lesen()
    assert liste[["monat", "anzahl"]].values.tolist() == [["4", "12"]]
    assert Listen(ablage, katalog.KONTAKTE).staende()[-1].von == "meier (netzwerk)"

    buch = openpyxl.load_workbook(io.BytesIO(mappe.als_xlsx({})))
    buch["Partner"].append(["", "Kita St. Nicolai", "Kita", "2025"])
    puffer = io.BytesIO()
    buch.save(puffer)
    app.session_state["dp_fz_mappe_upload"] = ("fz.xlsx", puffer.getvalue())
    app.run()
    app.text_input(key="dp_fz_mappe_kommentar").input("Partner")
    app.button(key="FormSubmitter:dp_fz_mappe_form-Prüfen und jede geänderte Liste als neuen Stand speichern"
               ).click().run()
    assert not app.exception and "Partner\\: Stand 1" in app.success[-1].value  # maskiert wie jeder Text
    assert Listen(ablage, katalog.PARTNER).lesen()[1]["name"].tolist() == ["Kita St. Nicolai"]
    assert len(Listen(ablage, katalog.KONTAKTE).lesen()[1]) == 1  # leeres Blatt: Kontakte bleiben


def test_sozialraeume_als_grenzdatei_pflegen(gebiete, monkeypatch):
    """Grenzdatei hochladen: Fehler mit Zeile und Spalte und nichts gespeichert; dann die richtige Datei mit Vorschau
    und Kommentar als Sozialraumstand, den Seiten sofort zeigen; Rücknahme auf den leeren Stand."""
    import geopandas as gpd

    from indikatoren.orte import sozialraeume
    from tests.conftest import HILDESHEIM_GEOJSON
    monkeypatch.setenv("SOZIALPLANUNG_GEODATEN", str(HILDESHEIM_GEOJSON))
    beispiel = PROJEKT / "data" / "beispiel_sozialraeume.geojson"
    app = _anmelden(_app())
    _reiter(app, "Sozialräume")
    kaputt = gpd.read_file(beispiel).assign(id="ALF-01").to_json(drop_id=True).encode()
    app.session_state["dp_sr_upload"] = ("sr.geojson", kaputt)
    app.run()
    app.button(key="dp_sr_pruefen").click().run()
    fehler = next(d.value for d in app.dataframe if "Zeile" in d.value.columns)
    assert "Die Kennung „ALF-01“ steht mehrfach in der Datei." in fehler["Meldung"].tolist()
    assert sozialraeume.aktuelle(oeffne_ablage(gebiete))[0] is None
    app.session_state["dp_sr_upload"] = ("sr.geojson", beispiel.read_bytes())
    app.run()
    app.button(key="dp_sr_pruefen").click().run()
    assert "**Vorschau:** 4 neu, 0 geändert, 0 entfernt (aus sr.geojson)" in [m.value.replace("\\", "")
                                                                          for m in app.markdown]
    app.text_input(key="dp_sr_kommentar").input("Sozialräume Alfeld, Beispiel")
    app.button(key="FormSubmitter:dp_sr_speichern-Als neuen Stand speichern").click().run()
    assert not app.exception
    stand, liste = sozialraeume.aktuelle(oeffne_ablage(gebiete))
    assert stand == 2 and liste["id"].tolist() == ["ALF-01", "ALF-02", "ALF-03", "ALF-04"]
    gezeigt = next(d.value for d in app.dataframe if "vollstaendig" in d.value.columns)
    assert "geometrie" not in gezeigt.columns and set(gezeigt["vollstaendig"]) == {"ja"}
    profil = AppTest.from_file(str(PROJEKT / "app.py"), default_timeout=60)
    profil.query_params["gemeinde"] = "03254002"
    profil.switch_page("pages/gemeindeprofil.py").run()
    assert "Sozialraum" in [s.label for s in profil.selectbox]
    app.selectbox(key="dp_sr_zurueck").set_value(1).run()
    app.checkbox(key="dp_sr_zurueck_ok").check()
    app.button(key="FormSubmitter:dp_sr_zurueck_form-Aktivieren").click().run()
    assert sozialraeume.aktuelle(oeffne_ablage(gebiete))[1].empty


def test_mit_server_nur_ueber_das_cookie_angemeldet(monkeypatch, gebiete):
    """Mit echtem Server zählt nur das Cookie: das richtige Passwort legt einen Einlösecode an und schickt den
    Browser zu /anmeldung/einloesen, statt die Sitzung selbst anzumelden. Ohne server.py keine Anmeldung."""
    from sqlalchemy import select

    from indikatoren.ablage.schema import anmeldesitzung
    from pages import _sitzungsschutz as sitzungsschutz

    ziele = []
    monkeypatch.setattr(sitzungsschutz, "mit_server", lambda: True)
    monkeypatch.setattr(sitzungsschutz, "weiterleiten", ziele.append)
    app = _app()
    app.run()
    assert "streamlit run server.py" in app.error[0].value and not app.text_input  # nur app.py: keine Anmeldung
    monkeypatch.setattr(sitzungsschutz, "COOKIE_WEG", True)
    _anmelden(app)
    assert app.title[0].value == "Datenpflege – Anmeldung" and "dp_sitzung" not in app.session_state
    [ziel] = ziele
    assert ziel.startswith("anmeldung/einloesen?code=")
    with oeffne_ablage(gebiete).engine.connect() as v:
        zeilen = v.execute(select(anmeldesitzung.c.name, anmeldesitzung.c.eingeloest)).all()
    assert [tuple(z) for z in zeilen] == [("meier", False)]


def test_genesis_tabelle_ueber_die_datenpflege(gebiete):
    """Die GENESIS-CSV wie vom Amt: die Vorschau zeigt, was erkannt und abgeleitet wurde, und ergänzt den Stand."""
    from tests.test_amtliche_tabellen import _genesis_csv

    app = _hochladen(_anmelden(_app()), "12411-02-03-5.csv", _genesis_csv())
    assert "**12411\\-02\\-03\\-5\\.csv** ist gültig: 2 Zeilen" in app.success[0].value
    hinweise = [c.value for c in app.caption]
    assert any("Kopfzeile in Zeile 6 erkannt" in h for h in hinweise), hinweise
    assert any("Abgeleitet" in h and "bev\\_6\\_15" in h and "10 bis unter 15 Jahre" in h for h in hinweise), \
        [h for h in hinweise if "Abgeleitet" in h]
    [quoten] = [d.value for d in app.dataframe if "zum Vorjahr" in d.value.columns]
    quoten = quoten.set_index(["Gebiet", "Indikator"])
    assert quoten.loc[("Alfeld (Leine)", "Kinderarmutsindikator (NEF-Quote unter 15)"), "neu"] == "21,2\u00a0%"
    app.text_area(key="dp_kommentar").input("Bevölkerung 2024 aus der Regionaldatenbank")
    app.button(key=UEBERNEHMEN).click().run()
    zeilen = oeffne_ablage(gebiete).kennzahlen().zeilen.set_index(["ags", "jahr"])
    assert zeilen.loc[("03254002", 2024), "bev_u15"] == 2257 and zeilen.loc[("03254002", 2024), "nef_u15"] > 0


def test_bevoelkerung_aus_genesis_in_der_datenpflege(monkeypatch, gebiete):
    """Der Knopf holt die Tabelle von der Attrappe des Dienstes; sie geht durch dieselbe Prüfung und Vorschau."""
    from tests.genesis_attrappe import NUTZER, PASSWORT, GenesisAttrappe
    from tests.test_amtliche_tabellen import _genesis_csv

    with GenesisAttrappe(_genesis_csv()) as dienst:
        monkeypatch.setenv("SOZIALPLANUNG_GENESIS_URL", dienst.url)
        monkeypatch.setenv("SOZIALPLANUNG_GENESIS_NUTZER", NUTZER)
        monkeypatch.setenv("SOZIALPLANUNG_GENESIS_PASSWORT", "falsch")
        app = _anmelden(_app())
        app.number_input(key="dp_genesis_jahr").set_value(2024)
        app.button(key="dp_genesis").click().run()
        assert "GENESIS meldet: Ein Fehler ist aufgetreten: Benutzername oder Passwort ungültig" in \
            app.error[0].value.replace("\\", "")
        monkeypatch.setenv("SOZIALPLANUNG_GENESIS_PASSWORT", PASSWORT)
        app.button(key="dp_genesis").click().run()
    assert "**genesis\\_12411\\-02\\-03\\-5\\_2024\\.csv** ist gültig: 2 Zeilen" in app.success[0].value
    [quoten] = [d.value for d in app.dataframe if "zum Vorjahr" in d.value.columns]
    assert "21,2\u00a0%" in quoten["neu"].tolist()
    app.text_area(key="dp_kommentar").input("Bevölkerung 2024 aus GENESIS")
    app.button(key=UEBERNEHMEN).click().run()
    zeilen = oeffne_ablage(gebiete).kennzahlen().zeilen.set_index(["ags", "jahr"])
    assert zeilen.loc[("03254002", 2024), "bev_u15"] == 2257


def test_angebotsraster_zeigt_zuerst_was_man_meist_aendert():
    """Von 43 Spalten erst die dreizehn, die man meist ändert (mit Überschriften für Menschen); „Alle Spalten zeigen“
    blendet die übrigen ein, ohne dass eine verloren geht."""
    app = _reiter(_anmelden(_app()), "Angebote")
    editor = [d for d in app.dataframe if list(d.proto.column_order)][-1]
    assert list(editor.proto.column_order) == ["id", "titel", "traeger", "gemeinde", "einrichtung", "art", "alter_von",
                                               "alter_bis", "lebensphasen", "handlungsfeld", "status", "zeiten",
                                               "kontakt", "bestaetigt_am"]
    assert app.toggle(key="dp_ang_alle_spalten").label == "Alle 43 Spalten zeigen"
    app.toggle(key="dp_ang_alle_spalten").set_value(True).run()
    assert not any(list(d.proto.column_order) for d in app.dataframe)  # alle Spalten


def test_fehler_im_browser_bearbeiteter_liste_nennen_die_ueberschrift():
    """In der Tabelle im Browser steht „Lebensphasen“, nicht „lebensphasen“: so nennt auch die Meldung die Spalte."""
    app = _reiter(_anmelden(_app()), "Angebote")
    app.session_state["dp_ang_tabelle_0"] = {"edited_rows": {0: {"lebensphasen": "0-99"}}, "added_rows": [],
                                             "deleted_rows": []}
    app.run()
    app.button(key="dp_ang_pruefen").click().run()
    [meldungen] = [d.value for d in app.dataframe if "Meldung" in d.value.columns]
    assert meldungen[["Zeile", "Spalte"]].values.tolist() == [[2, "Lebensphasen"]]
    assert meldungen["Meldung"].iloc[0].startswith("Unbekannte Lebensphase „0-99“")


def test_website_aus_der_datenpflege_mit_fortschritt_und_protokoll(tmp_path, monkeypatch):
    """Der Knopf baut die statische Website des aktiven Datenstands in einem eigenen Prozess in den Ordner, den Caddy
    ausliefert; das Protokoll nennt, wer es tat. Danach verlinkt jede Leserseite sie in der Seitenleiste."""
    monkeypatch.setenv("SOZIALPLANUNG_GEODATEN", str(HILDESHEIM_GEOJSON))
    monkeypatch.setenv("SOZIALPLANUNG_WEBSITE", str(tmp_path / "web"))
    monkeypatch.setenv("SOZIALPLANUNG_WEBSITE_URL", "/veroeffentlichung/")
    app = _reiter(_anmelden(_app()), "Datenstände")
    app.button(key="dp_website").click()
    app.run(timeout=300)
    assert not app.exception and not app.error
    erfolg = [s.value.replace("\\", "") for s in app.success]  # Markdown-maskiert
    assert len(erfolg) == 1 and erfolg[0].startswith("Veröffentlicht: Datenstand 1 unter /veroeffentlichung/ (")
    assert "fertig:" in erfolg[0]
    assert (tmp_path / "web" / "datenstand-1" / "gebiet" / "03254002.pdf").exists()
    assert 'href="datenstand-1/index.html"' in (tmp_path / "web" / "index.html").read_text()
    protokoll = oeffne_ablage(Gebiete.laden()).protokolleintraege()
    assert protokoll.iloc[-1][["aktion", "von", "erfolg"]].tolist() == ["website", "meier (stabsstelle)", True]
    from tests.test_app import starte
    leser = starte("uebersicht")
    assert any("[Veröffentlichung ohne Skript" in m.value and "(/veroeffentlichung/)" in m.value
               for m in leser.sidebar.markdown)
