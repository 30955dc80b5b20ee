"""Rohtabelle eines Datenstands als CSV und XLSX im Format der Vorlage – Export und Wiedereinlesen ergeben
exakt dieselben Zahlen. Textzellen, die mit = + - @ beginnen, werden mit einem Apostroph entschärft, damit
Tabellenprogramme sie nicht als Formel ausführen; die Prüfung nimmt den Apostroph beim Einlesen wieder ab.
Zählzellen behalten Zahlen und die Zeichen „*“ und „-“."""

import io

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from indikatoren.grundlagen.kennzahlen import Kennzahlen

FORMELZEICHEN = ("=", "+", "-", "@", "\t", "\r")
TEXTSPALTEN = ("name", "quelle", "quelle_sgb2", "quelle_bev")


def entschaerft(text: str) -> str:
    """„=HYPERLINK(…)“ -> „'=HYPERLINK(…)“; anderes bleibt. Auch „'=…“ bekommt einen Apostroph mehr, damit
    zurueck() eindeutig ist: entschärft und zurück ergibt immer den ursprünglichen Text."""
    return "'" + text if isinstance(text, str) and text.lstrip("'").startswith(FORMELZEICHEN) else text


def zurueck(text: str) -> str:
    """Nimmt beim Einlesen den Apostroph wieder ab, den entschaerft() gesetzt hat."""
    if isinstance(text, str) and text.startswith("'") and text.lstrip("'").startswith(FORMELZEICHEN):
        return text[1:]
    return text


def tabelle_entschaerft(tabelle: pd.DataFrame, fuer_xlsx: bool = False) -> pd.DataFrame:
    """Jede Textzelle entschärft; Zahlen bleiben Zahlen. Für XLSX fallen dazu Steuerzeichen weg, die das Format
    nicht fassen kann (Uploads lehnen sie ab; ältere Stände könnten sie noch enthalten)."""
    def zelle(w):
        if not isinstance(w, str):
            return w
        return entschaerft(ILLEGAL_CHARACTERS_RE.sub("", w) if fuer_xlsx else w)
    return tabelle.map(zelle)


def tabelle_zurueck(tabelle: pd.DataFrame) -> pd.DataFrame:
    return tabelle.map(lambda w: zurueck(w) if isinstance(w, str) else w)


def rohtabelle(kennzahlen: Kennzahlen) -> pd.DataFrame:
    tabelle = kennzahlen.als_tabelle()
    for spalte in TEXTSPALTEN:
        tabelle[spalte] = tabelle[spalte].map(entschaerft)
    return tabelle


def als_csv(kennzahlen: Kennzahlen) -> bytes:
    return rohtabelle(kennzahlen).to_csv(sep=";", index=False, lineterminator="\n").encode("utf-8")


def als_xlsx(kennzahlen: Kennzahlen) -> bytes:
    """Erstes Blatt wie die Vorlage: Jahr und Zählzellen als Zahlen (Excel kann sie summieren), „*“ für geheim als
    Text, leer für fehlend; AGS und die übrigen Textspalten als Text (führende Null bleibt)."""
    tabelle = tabelle_entschaerft(rohtabelle(kennzahlen), fuer_xlsx=True)
    zahlen = ["jahr", *kennzahlen.merkmale]
    for spalte in zahlen:
        tabelle[spalte] = tabelle[spalte].map(lambda w: int(w) if isinstance(w, str) and w.isdigit() else w or None)
    puffer = io.BytesIO()
    with pd.ExcelWriter(puffer, engine="openpyxl") as mappe:
        tabelle.to_excel(mappe, sheet_name="Kennzahlen", index=False)
        for nr, spalte in enumerate(tabelle.columns, start=1):
            if spalte not in zahlen:
                for (zelle,) in mappe.book["Kennzahlen"].iter_rows(min_row=2, min_col=nr, max_col=nr):
                    zelle.number_format = "@"
    return puffer.getvalue()
