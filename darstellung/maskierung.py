"""Text aus Dateien und von Nutzern (Namen, Träger, Adressen, Quellen, Kommentare, Dateinamen) bleibt Text –
nie Auszeichnung, Link oder Skript. Je Zusammenhang eine Funktion: Markdown (alles, was Streamlit als Markdown
zeigt: markdown, caption, title, Meldungen, Beschriftungen von metric), HTML und JSON in einem <script>.
Plotly bekommt HTML-maskierte Namen (darstellung/diagramme.py), CSV und XLSX entschärfte Formeln
(indikatoren/einlesen/export.py).
"""

import html as _html
import json
import re
import string

_SATZZEICHEN = re.compile("([" + re.escape(string.punctuation) + "])")
_ZEILENUMBRUCH = re.compile(r"\r\n|\r|\n")
_AUTOLINK = re.compile(r"(?i)(?<=www)(?=\.)|(?=://)|(?=@)")  # wo Streamlit sonst einen Link erkennt
WORTVERBINDER = "\u2060"  # unsichtbar, auch für Bildschirmleser
_DATEINAME = re.compile(r"[^A-Za-z0-9ÄÖÜäöüß_-]+")
_ZELLE = re.compile(r"([\\\[\]<>*_`~$|!:#])")


def md(text) -> str:
    """Für Markdown: jedes ASCII-Satzzeichen bekommt einen Backslash (CommonMark erlaubt das für alle). So wird
    nichts zu Auszeichnung, Farbe (:red[…]), Symbol (:material/…:), Formel ($…$) oder HTML. Streamlit macht
    „www.…“, „http://…“ und „a@b.de“ auch dann zu Links; dort steht ein unsichtbarer Wortverbinder dazwischen.
    Ein Zeilenumbruch bleibt ein Zeilenumbruch."""
    text = _AUTOLINK.sub(WORTVERBINDER, str(text))
    return _ZEILENUMBRUCH.sub("  \n", _SATZZEICHEN.sub(r"\\\1", text))


def md_zelle(text) -> str:
    """Für Markdown in Tabellenzellen und -köpfen (st.table): nur die Zeichen, mit denen Markdown Links, Bilder, HTML,
    Hervorhebung, Code, Formeln und Farben baut, bekommen einen Backslash – „Alfeld (Leine)“ und „4,3 %“ bleiben,
    wie sie sind; Autolinks bekommen den Wortverbinder wie bei md."""
    return _ZELLE.sub(r"\\\1", _AUTOLINK.sub(WORTVERBINDER, str(text)))


def html(text) -> str:
    """Für HTML, auch in Attributen (Anführungszeichen werden maskiert)."""
    return _html.escape(str(text), quote=True)


def skript_json(wert) -> str:
    """JSON, das in einem <script> stehen darf: kein „</script>“ oder „<!--“ (< > & als \\u-Folgen), keine
    Zeilentrenner U+2028/U+2029, die ältere JavaScript-Parser als Zeilenende lesen. Als JSON-Zeichenkette kann ein
    Text auch nicht aus einem Template-Literal (`…${…}…`) ausbrechen, wie es folium.Tooltip baut."""
    text = json.dumps(wert, ensure_ascii=False, separators=(",", ":"))
    for zeichen in "<>&\u2028\u2029":
        text = text.replace(zeichen, f"\\u{ord(zeichen):04x}")
    return text


def dateiname(text: str, vorsilbe: str = "", endung: str = "") -> str:
    """Ein Dateiname zum Herunterladen aus einem fremden Namen: „daten (neu).csv“ -> „fehlerbericht_daten_neu.csv“
    (die alte Endung fällt weg, Sonderzeichen werden „_“, höchstens 80 Zeichen)."""
    stamm = _DATEINAME.sub("_", re.sub(r"\.[A-Za-z0-9]{1,5}$", "", str(text))).strip("_")[:80] or "datei"
    return f"{vorsilbe}{stamm}{endung}"
