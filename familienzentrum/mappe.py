"""Alle Listen des Jahresberichts in einer XLSX-Mappe: ein Blatt je Liste, dazu eines, das jede Spalte erklärt.
Export und Wiedereinlesen ergeben dieselben Listen (Formeln entschärft, alles als Text)."""

import io

import pandas as pd

from familienzentrum import katalog
from indikatoren.einlesen import listendatei
from indikatoren.einlesen.export import tabelle_entschaerft
from indikatoren.einlesen.tabelle_lesen import HOECHSTGROESSE, xlsx_blaetter
from indikatoren.grundlagen.listenarten import als_text
from indikatoren.grundlagen.meldungen import Meldung, UngueltigeDatei

ERLAEUTERUNG = "Erläuterung"


def als_xlsx(listen: dict[str, pd.DataFrame]) -> bytes:
    """listen: Name der Listenart -> Liste (fehlende Listen: leeres Blatt, also die Vorlage)."""
    puffer = io.BytesIO()
    with pd.ExcelWriter(puffer, engine="openpyxl") as mappe:
        for art in katalog.LISTEN:
            tabelle = als_text(listen.get(art.name, pd.DataFrame()), art)
            tabelle_entschaerft(tabelle, fuer_xlsx=True).to_excel(mappe, sheet_name=katalog.BLAETTER[art.name],
                                                                 index=False)
            blatt = mappe.book[katalog.BLAETTER[art.name]]
            for zeile in blatt.iter_rows():
                for zelle in zeile:
                    zelle.number_format = "@"
            blatt.freeze_panes = "B2"
        erklaert = pd.concat([listendatei.erlaeuterung(art).assign(blatt=katalog.BLAETTER[art.name])
                              for art in katalog.LISTEN])
        erklaert[["blatt", "spalte", "pflicht", "bedeutung", "erlaubte Werte"]].to_excel(
            mappe, sheet_name=ERLAEUTERUNG, index=False)
    return puffer.getvalue()


def lies_xlsx(inhalt: bytes, datei: str) -> dict[str, pd.DataFrame]:
    """Jedes vorhandene Blatt einer Liste als Text (Index = Zeilennummer); fehlende Blätter bleiben weg."""
    if len(inhalt) > HOECHSTGROESSE:
        raise UngueltigeDatei([Meldung(datei, "Die Datei ist größer als 20 MB.")])
    blaetter = xlsx_blaetter(inhalt, lambda text: UngueltigeDatei([Meldung(
        datei, f"{text} Bitte die Vorlage des Familienzentrums verwenden.")]))
    namen = {blatt: name for name, blatt in katalog.BLAETTER.items()}
    listen = {}
    for titel, zeilen in blaetter.items():
        if titel not in namen or not zeilen:
            continue
        kopf = [k.strip().lower() for k in zeilen[0]]
        inhalt_zeilen = [(nr, z) for nr, z in enumerate(zeilen[1:], start=2) if any(w.strip() for w in z)]
        listen[namen[titel]] = pd.DataFrame([dict(zip(kopf, z)) for _, z in inhalt_zeilen],
                                                  index=[nr for nr, _ in inhalt_zeilen], columns=kopf)
    if not listen:
        raise UngueltigeDatei([Meldung(datei, "Die Mappe enthält keines der Blätter "
                                              f"{', '.join(katalog.BLAETTER.values())}.")])
    return listen
