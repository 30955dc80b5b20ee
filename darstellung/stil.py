"""CSS der App: Kontrast, Fokus und Telefon; Druck auf A4; Präsentationsmodus (große Schrift, keine Seitenleiste,
keine Bedienelemente)."""

# Für alle: Beschriftungen mit 4,5:1 (Streamlits Grau hat 3,9:1), sichtbarer Fokus an jedem Bedienelement.
BILDSCHIRM = """
.st-key-dokument { display: none; }
/* Honigtopf des Formulars „Angebot melden“: für Menschen nicht zu sehen, Programme füllen ihn aus */
.st-key-honigtopf { position: absolute !important; left: -10000px !important; width: 1px; height: 1px;
  overflow: hidden; }
.ansichtslink label { display: block; font-size: 0.875rem; color: #595959; margin-bottom: 0.2rem; }
.ansichtslink input { width: 100%; font: 0.8rem monospace; padding: 0.3rem; border: 1px solid #767676;
  border-radius: 0.3rem; background: #fff; color: #1a1a1a; }
.ansichtslink button { margin-top: 0.3rem; padding: 0.25rem 0.6rem; border: 1px solid #767676; border-radius: 0.3rem;
  background: #fff; color: #1a1a1a; cursor: pointer; }
/* Wegweiser von rechts nach links: ein deutscher Absatz (Angebot ohne Übersetzung) läuft in seiner Richtung */
[data-testid="stMain"][dir="rtl"] .stMarkdown p { unicode-bidi: plaintext; text-align: start; }
/* Lückenmatrix: Farbe, Muster und Wort je Zustand (darstellung/praeventionskette.py); Text bleibt dunkel, 4,5:1 */
.pk-legende { display: flex; flex-wrap: wrap; gap: 0.4rem 1.2rem; font-size: 0.9rem; }
.pk-legende .pk-muster { display: inline-block; width: 1.6rem; height: 1rem; margin-right: 0.35rem;
  vertical-align: -0.15rem; border: 1px solid #767676; }
.pk-luecke, [class*="st-key-pkz_luecke"] button { background: #fde2dd repeating-linear-gradient(
  45deg, transparent 0 6px, rgba(160, 40, 20, 0.22) 6px 8px) !important; }
.pk-geplant, [class*="st-key-pkz_geplant"] button { background: #fff3c4 radial-gradient(
  rgba(120, 90, 0, 0.35) 1.2px, transparent 1.6px) 0 0 / 7px 7px !important; }
.pk-abgedeckt, [class*="st-key-pkz_abgedeckt"] button { background: #d9f0dc !important; }
.pk-doppelt, [class*="st-key-pkz_doppelt"] button { background: repeating-linear-gradient(
  0deg, transparent 0 6px, rgba(60, 40, 140, 0.2) 6px 7px), repeating-linear-gradient(
  90deg, transparent 0 6px, rgba(60, 40, 140, 0.2) 6px 7px) #e2ddf5 !important; }
[class*="st-key-pkz_"] button { color: #1a1a1a !important; border: 1px solid #767676 !important;
  min-height: 2.2rem; padding: 0.15rem 0.3rem !important; }
[class*="st-key-pkz_"] button p { font-size: 0.85rem !important; font-weight: 600; }
[class*="st-key-pkz_"][class*="_gewaehlt_"] button { outline: 3px solid #1f4e99 !important; outline-offset: 1px; }
[data-testid="stCaptionContainer"] { color: #595959 !important; opacity: 1 !important; }
a:focus-visible, button:focus-visible, input:focus-visible, textarea:focus-visible, summary:focus-visible,
[role="tab"]:focus-visible, [role="switch"]:focus-visible, [role="checkbox"]:focus-visible,
[data-testid="stSidebarNavLink"]:focus-visible, label:focus-within, [tabindex]:focus-visible {
  outline: 3px solid #1f4e99 !important; outline-offset: 2px !important; }
@media (max-width: 640px) {  /* Telefon: Titel kleiner, Umbruch nur zwischen Wörtern, Tabellen scrollen */
  h1 { font-size: 1.55rem !important; word-break: normal !important; overflow-wrap: normal !important;
       hyphens: manual !important; }
  [data-testid="stTable"], .stMarkdown table { display: block; overflow-x: auto; }
}
"""

DRUCK = """
.nur-drucken { display: none; }
@media print {
  .nur-drucken { display: block !important; }
  .nur-drucken table { width: 100%; border-collapse: collapse; font-size: 9px; }
  .nur-drucken th, .nur-drucken td { border-bottom: 1px solid #bbb; padding: 1px 4px; text-align: left; }
  [data-testid="stTable"] table { font-size: 8.5px; }
  [data-testid="stTable"] th, [data-testid="stTable"] td { padding: 1px 3px !important; line-height: 1.25; }
  [class*="st-key-drucktabelle"] [data-testid="stDataFrame"] { display: none !important; }
  .st-key-karte_spalten [data-testid="stHorizontalBlock"] { flex-direction: column !important; }
  .st-key-karte_spalten [data-testid="stColumn"] { width: 100% !important; flex: 1 1 auto !important; }
  .fusszeile { margin-top: 1mm; border-top: 1px solid #999; padding-top: 0.5mm; font-size: 8px; line-height: 1.2; }
  @page { size: A4 portrait; margin: 10mm; }
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stSidebarCollapsedControl"], [data-testid="stDownloadButton"], [data-testid="stExpander"],
  [data-testid="stElementToolbar"], [data-testid="stSelectbox"], [data-testid="stMultiSelect"],
  [data-testid="stTextInput"], [data-testid="stCheckbox"], [data-testid="stCode"], .nicht-drucken {
    display: none !important; }
  [data-testid="stAppViewContainer"], [data-testid="stMain"] {
    position: static !important; overflow: visible !important; }
  [data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 0 !important; }
  [data-testid="stVerticalBlock"] { gap: 0.4rem !important; }
  .js-plotly-plot, [data-testid="stTable"] tr, [data-testid="stAlert"] { break-inside: avoid; }
  h1 { font-size: 1.8rem !important; padding: 0 !important; }
  h2, h3 { font-size: 1.2rem !important; padding: 0.3rem 0 0 !important; }
  html { font-size: 10px; }
}
"""

PRAESENTATION = """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
html { font-size: 24px; }
[data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 1rem 2rem !important; }
[data-testid="stMetricValue"] { font-size: 3rem !important; }
h1 { font-size: 1.6rem !important; padding: 0 0 0.5rem !important; }
h2 { font-size: 1.25rem !important; }  /* Abschnitte kleiner als der Seitentitel */
h3 { font-size: 1.1rem !important; }
[data-testid="stAlert"] { padding: 0.2rem 0.6rem !important; font-size: 0.7rem; }
"""


def css(praesentation: bool) -> str:
    return f"<style>{BILDSCHIRM}{DRUCK}{PRAESENTATION if praesentation else ''}</style>"
