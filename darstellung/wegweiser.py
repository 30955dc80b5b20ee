"""Ein Angebot für Leser als Markdown, in der Sprache des Wegweisers: alle öffentlichen Angaben, jede als Text
maskiert; geplante gekennzeichnet, mit dem Tag der letzten Bestätigung. Titel und Beschreibung in der gewählten
Sprache, wenn das Angebot sie hat, sonst Deutsch mit Hinweis; die Begriffe des Katalogs übersetzt, freie Angaben
(Träger, Zeiten, Kontakt) wie eingetragen."""

from babel.numbers import format_decimal

from angebote import katalog, sprachen
from darstellung.maskierung import md
from darstellung.uebersetzung import Sprache, altersbereich, sprache

FELDER = (("traeger", "Träger"), ("fachamt", "Fachamt"), ("ort", "Ort"), ("zielgruppe", "Für"),
          ("zugang", "Zugang"), ("kosten", "Kosten"), ("sprachen", "Sprachen"), ("barrierefrei", "Barrierefrei"),
          ("zeiten", "Zeiten"), ("kontakt", "Kontakt"))
BEGRIFFSFELDER = ("zugang", "kosten", "barrierefrei")  # Werte aus dem Katalog: übersetzt


def angebot_markdown(angebot: dict, gemeindenamen: dict[str, str], s: Sprache | None = None) -> str:
    """Titel (fett, „geplant“ dazu), Handlungsfeld, Lebensphasen oder Alter, Ort, Entfernung, dann die übrigen
    Angaben und die Quelle."""
    s = s or sprache("de")
    _ = s._
    titel, beschreibung, nur_deutsch = _texte(angebot, s.kennung)
    geplant = _("geplant – noch nicht bestätigt")
    zeilen = [f"**{md(titel)}**" + (f" *({md(geplant)})*" if angebot["status"] == "geplant" else "")]
    if nur_deutsch:
        hinweis = _("Dieses Angebot ist nur auf Deutsch beschrieben.")
        zeilen.append(f"*{md(hinweis)}*")
    gemeinde = (_("im ganzen Kreis") if angebot["gemeinde"] == katalog.KREISWEIT
                else gemeindenamen.get(angebot["gemeinde"], angebot["gemeinde"]))
    alter = altersbereich(s, angebot)
    if alter:
        fuer = md(_("Alter")) + ": " + md(alter)
    else:
        fuer = md(_("Lebensphasen")) + ": " + md(", ".join(map(s.begriff, katalog.phasen(angebot["lebensphasen"]))))
    kopf = [md(s.begriff(angebot["handlungsfeld"])), fuer, md(gemeinde)]
    km = angebot.get("entfernung_km")
    if km is not None and km == km:  # NaN: ohne Ort
        kopf.append(md(_("{km} km entfernt").format(km=format_decimal(km, "0.0", locale=s.babel))))
    zeilen.append(" · ".join(kopf))
    if beschreibung:
        zeilen.append(md(beschreibung))
    zeilen.append(" · ".join(f"{md(s.begriff(name))}: {md(_wert(angebot, feld, s))}" for feld, name in FELDER
                             if angebot.get(feld)))
    bestaetigt = angebot.get("bestaetigt_am") or ""
    quelle = _("Quelle")
    zeilen.append(f"*{md(quelle)}: {md(angebot['quelle'])}*" + (
        " · " + _("zuletzt bestätigt am {datum}").format(datum=f"{bestaetigt[8:10]}.{bestaetigt[5:7]}.{bestaetigt[:4]}")
        if bestaetigt else ""))
    return "  \n".join(zeilen)


def _texte(angebot: dict, kennung: str) -> tuple[str, str, bool]:
    """(Titel, Beschreibung, nur deutsch?) – die Übersetzung, wo es eine gibt."""
    if kennung == "de":
        return angebot["titel"], angebot.get("beschreibung", ""), False
    titel = angebot.get(f"titel_{kennung}") or ""
    beschreibung = angebot.get(f"beschreibung_{kennung}") or ""
    if titel:
        return titel, beschreibung or angebot.get("beschreibung", ""), bool(angebot.get("beschreibung")
                                                                          and not beschreibung)
    return angebot["titel"], angebot.get("beschreibung", ""), True


def _wert(angebot: dict, feld: str, s: Sprache) -> str:
    if feld in BEGRIFFSFELDER:
        return s.begriff(angebot[feld])
    if feld == "sprachen":
        return ", ".join(sprachen.name(k, s.babel) for k in sprachen.kennungen(angebot[feld]))
    return angebot[feld]
