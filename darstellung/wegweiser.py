"""Ein Angebot für Leser als Markdown: alle öffentlichen Angaben, jede als Text maskiert; geplante gekennzeichnet, mit
dem Tag der letzten Bestätigung."""

from angebote import katalog
from darstellung.maskierung import md

FELDER = (("traeger", "Träger"), ("fachamt", "Fachamt"), ("ort", "Ort"), ("zielgruppe", "Für"),
          ("zugang", "Zugang"), ("kosten", "Kosten"), ("sprachen", "Sprachen"), ("barrierefrei", "Barrierefrei"),
          ("zeiten", "Zeiten"), ("kontakt", "Kontakt"))


def angebot_markdown(angebot: dict, gemeindenamen: dict[str, str]) -> str:
    """Titel (fett, „geplant“ dazu), Lebensphasen und Handlungsfeld, dann die übrigen Angaben und die Quelle."""
    titel = f"**{md(angebot['titel'])}**" + (" *(geplant – noch nicht bestätigt)*"
                                             if angebot["status"] == "geplant" else "")
    gemeinde = ("im ganzen Kreis" if angebot["gemeinde"] == katalog.KREISWEIT
                else gemeindenamen.get(angebot["gemeinde"], angebot["gemeinde"]))
    phasen = ", ".join(katalog.phasen(angebot["lebensphasen"]))
    zeilen = [titel, f"{md(angebot['handlungsfeld'])} · Lebensphasen: {md(phasen)} · {md(gemeinde)}"]
    if angebot.get("beschreibung"):
        zeilen.append(md(angebot["beschreibung"]))
    zeilen.append(" · ".join(f"{name}: {md(angebot[feld])}" for feld, name in FELDER if angebot.get(feld)))
    bestaetigt = angebot.get("bestaetigt_am") or ""
    zeilen.append(f"*Quelle: {md(angebot['quelle'])}*" + (f" · zuletzt bestätigt am {bestaetigt[8:10]}."
                                                          f"{bestaetigt[5:7]}.{bestaetigt[:4]}" if bestaetigt else ""))
    return "  \n".join(zeilen)
