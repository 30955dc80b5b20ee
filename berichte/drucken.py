"""HTML-Vorlage -> PDF/UA-1 (getaggt, Sprache Deutsch, Titel in den Metadaten) mit WeasyPrint."""

from pathlib import Path

import jinja2
import weasyprint

VORLAGEN = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "vorlagen"),
                              autoescape=True, undefined=jinja2.StrictUndefined)  # jeder Text aus Daten maskiert


def untrennbar(text: str) -> str:
    """Zahl und Einheit bleiben beim Umbruch zusammen („17,5 %“, „+1,1 Pp.“, „Platz 2 von 20“); Stichtage wie
    „Dezember 2024 / Bev. 31.12.2023“ brechen nur am Schrägstrich."""
    if text.startswith("Platz "):
        return text.replace(" ", "\u00a0")
    if " / Bev. " in text:
        return " / ".join(t.replace(" ", "\u00a0") for t in text.split(" / "))
    return text.replace(" %", "\u00a0%").replace(" Pp.", "\u00a0Pp.")


def html(vorlage: str, **inhalt) -> str:
    return VORLAGEN.get_template(vorlage).render(**inhalt)


def pdf(vorlage: str, **inhalt) -> bytes:
    """Die Vorlage mit Inhalt als PDF/UA-1; Schriften nur vom System (DejaVu), nichts aus dem Netz."""
    return pdf_aus_html(html(vorlage, **inhalt))


def pdf_aus_html(text: str) -> bytes:
    """Bilder stehen als data:-URI im Dokument; alles andere (http, file, auch über Umleitungen) lädt der Fetcher
    nicht. WeasyPrint 70 nimmt ihn nur im Konstruktor von HTML; an write_pdf übergeben, bliebe er unbeachtet."""
    abrufer = weasyprint.URLFetcher(allowed_protocols={"data"}, allow_redirects=False, timeout=1)
    dokument = weasyprint.HTML(string=text, base_url=str(Path(__file__).parent), url_fetcher=abrufer)
    return dokument.write_pdf(pdf_variant="pdf/ua-1")
