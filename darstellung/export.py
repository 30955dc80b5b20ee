"""Downloads: CSV für deutsches Excel (Semikolon, Dezimalkomma, BOM) und XLSX mit Quellenzeile."""

import io

import pandas as pd

from indikatoren.einlesen.export import tabelle_entschaerft as _entschaerft

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def als_csv(tabelle: pd.DataFrame) -> bytes:
    return _entschaerft(tabelle).to_csv(sep=";", decimal=",", index=False, lineterminator="\r\n").encode("utf-8-sig")


def als_xlsx(tabelle: pd.DataFrame, blatt: str, hinweis: str) -> bytes:
    """Die Tabelle im ersten Blatt; darunter ein Hinweis (Quelle, Stand, Beispieldaten …)."""
    puffer = io.BytesIO()
    with pd.ExcelWriter(puffer, engine="openpyxl") as mappe:
        _entschaerft(tabelle, fuer_xlsx=True).to_excel(mappe, sheet_name=blatt[:31], index=False)
        seite = mappe.book[blatt[:31]]
        seite.cell(row=len(tabelle) + 3, column=1, value=_entschaerft(pd.DataFrame([[hinweis]]), True).iat[0, 0])
        seite.freeze_panes = "A2"
        for spalte in seite.columns:
            breite = max(len(str(z.value or "")) for z in list(spalte)[: len(tabelle) + 1])
            seite.column_dimensions[spalte[0].column_letter].width = min(60, max(8, breite + 2))
    return puffer.getvalue()
