"""CSS der App: Druck auf A4 und Präsentationsmodus (große Schrift, keine Seitenleiste, keine Bedienelemente)."""

DRUCK = """
@media print {
  @page { size: A4 portrait; margin: 12mm; }
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stSidebarCollapsedControl"], [data-testid="stDownloadButton"], [data-testid="stExpander"],
  [data-testid="stElementToolbar"], .nicht-drucken { display: none !important; }
  [data-testid="stAppViewContainer"], [data-testid="stMain"] {
    position: static !important; overflow: visible !important; }
  [data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 0 !important; }
  [data-testid="stVerticalBlock"] > div, .js-plotly-plot, [data-testid="stTable"] { break-inside: avoid; }
  html { font-size: 12px; }
}
"""

PRAESENTATION = """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
html { font-size: 24px; }
[data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 1rem 2rem !important; }
[data-testid="stMetricValue"] { font-size: 3rem !important; }
"""


def css(praesentation: bool) -> str:
    return f"<style>{DRUCK}{PRAESENTATION if praesentation else ''}</style>"
