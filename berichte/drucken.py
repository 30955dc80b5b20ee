"""HTML-Vorlage -> PDF/UA-1 (getaggt, Sprache Deutsch, Titel in den Metadaten) mit WeasyPrint."""

from pathlib import Path

import jinja2
import weasyprint

VORLAGEN = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "vorlagen"),
                              autoescape=True, undefined=jinja2.StrictUndefined)  # jeder Text aus Daten maskiert


def html(vorlage: str, **inhalt) -> str:
    return VORLAGEN.get_template(vorlage).render(**inhalt)


def pdf(vorlage: str, **inhalt) -> bytes:
    """Die Vorlage mit Inhalt als PDF/UA-1; Schriften nur vom System (DejaVu), nichts aus dem Netz."""
    dokument = weasyprint.HTML(string=html(vorlage, **inhalt), base_url=str(Path(__file__).parent))
    return dokument.write_pdf(pdf_variant="pdf/ua-1", url_fetcher=_nur_eingebettet)


def _nur_eingebettet(url: str, *args, **kwargs):
    """Bilder stehen als data:-URI im Dokument; alles andere (auch http) wird nicht geladen."""
    if not url.startswith("data:"):
        raise ValueError(f"Berichte laden nichts von außen: {url[:80]}")
    return weasyprint.default_url_fetcher(url, *args, **kwargs)
