"""Angebote aktuell halten: ein laufendes Angebot, das seit PRUEFEN_NACH_MONATEN Monaten niemand bestätigt hat, wird
fällig; sein Träger bekommt eine Erinnerung mit einem neuen persönlichen Link – per E-Mail über den eingestellten
Mailserver (konfiguration.smtp) oder, ohne ihn, als Serienbrief-Tabelle für das eigene Mailprogramm.

Die Adresse eines Trägers stammt aus seiner angenommenen Meldung (nie öffentlich). Jede Erinnerung steht im Protokoll.
"""

import smtplib
import ssl
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage

import pandas as pd

from angebote import katalog, liste, meldung
from indikatoren.ablage import einreichungen
from indikatoren.ablage.datenstaende import Ablage
from indikatoren.einlesen.export import entschaerft
from indikatoren.grundlagen.konfiguration import Smtp
from indikatoren.zugang import aktualisierungslinks

LISTE = katalog.LISTE.name


@dataclass(frozen=True)
class Erinnerung:
    kennung: str
    titel: str
    traeger: str
    bestaetigt_am: str  # JJJJ-MM-TT oder leer (nie)
    adresse: str  # leer: keine bekannt – dann fragt das Netzwerk selbst nach


def faellig(ablage: Ablage, angebote: pd.DataFrame, heute: date | None = None) -> list[Erinnerung]:
    """Die laufenden Angebote, deren Bestätigung fällig ist, mit der Adresse ihres Trägers (wo bekannt)."""
    adressen = einreichungen.meldeadressen(ablage, LISTE)
    return [Erinnerung(z["id"], z["titel"], z["traeger"], z["bestaetigt_am"], adressen.get(z["id"], ""))
            for z in liste.zu_ueberpruefen(angebote, heute).to_dict("records")]


def nachricht(erinnerung: Erinnerung, adresse_des_links: str, absender: str) -> EmailMessage:
    """Die E-Mail an den Träger: worum es geht, der Link, wie lange er gilt (reiner Text)."""
    zuletzt = (f"zuletzt am {date.fromisoformat(erinnerung.bestaetigt_am):%d.%m.%Y} bestätigt"
               if erinnerung.bestaetigt_am else "noch nie bestätigt")
    mail = EmailMessage()
    mail["From"], mail["To"] = absender, erinnerung.adresse
    mail["Subject"] = f"Bitte bestätigen: Ihr Angebot „{erinnerung.titel}“ im Familienwegweiser"
    mail.set_content(
        f"Guten Tag,\n\nIhr Angebot „{erinnerung.titel}“ ({erinnerung.traeger}) steht im Familienwegweiser des "
        f"Kreises; es wurde {zuletzt}. Damit Familien sich darauf verlassen können, bitten wir Sie, es zu "
        "bestätigen oder zu ändern:\n\n"
        f"{adresse_des_links}\n\n"
        f"Der Link gilt {aktualisierungslinks.GUELTIG.days} Tage und einmal. Läuft das Angebot nicht mehr, schreiben "
        "Sie es bitte in die Beschreibung; das Netzwerk nimmt es dann aus dem Wegweiser.\n\n"
        "Mit freundlichen Grüßen\nIhr Netzwerk Präventionskette\n")
    return mail


def senden(ablage: Ablage, erinnerungen: list[Erinnerung], basis: str, von: str, server: Smtp) -> dict[str, str]:
    """Schickt jede Erinnerung mit Adresse über den Mailserver, je mit neuem Link; Kennung -> "" (gesendet) oder der
    Grund, warum nicht. Ist der Server nicht erreichbar, wird keine geschickt (und keiner der alten Links ersetzt)."""
    mit_adresse = [e for e in erinnerungen if e.adresse]
    ergebnis = {e.kennung: "keine E-Mail-Adresse bekannt" for e in erinnerungen if not e.adresse}
    try:
        verbindung = (smtplib.SMTP_SSL(server.host, server.port, timeout=30, context=ssl.create_default_context())
                      if server.tls == "ssl" else smtplib.SMTP(server.host, server.port, timeout=30))
    except OSError as fehler:
        ablage.protokolliere(f"{LISTE}_erinnerung", von, "", "", False, f"Mailserver nicht erreichbar: {fehler}")
        return ergebnis | {e.kennung: f"Mailserver nicht erreichbar ({fehler})" for e in mit_adresse}
    with verbindung:
        try:
            if server.tls == "starttls":
                verbindung.starttls(context=ssl.create_default_context())
            if server.nutzer:
                verbindung.login(server.nutzer, server.passwort)
        except (smtplib.SMTPException, ssl.SSLError) as fehler:
            ablage.protokolliere(f"{LISTE}_erinnerung", von, "", "", False, f"Mailserver lehnt ab: {fehler}")
            return ergebnis | {e.kennung: f"Mailserver lehnt ab ({fehler})" for e in mit_adresse}
        for e in mit_adresse:
            link = aktualisierungslinks.erzeugen(ablage, LISTE, e.kennung, von)
            try:
                verbindung.send_message(nachricht(e, meldung.linkadresse(basis, link), server.absender))
                ergebnis[e.kennung] = ""
            except smtplib.SMTPException as fehler:
                ergebnis[e.kennung] = f"nicht zugestellt ({fehler})"
            ablage.protokolliere(f"{LISTE}_erinnerung", von, "", "", not ergebnis[e.kennung],
                                 f"Erinnerung zu {e.kennung}: " + (ergebnis[e.kennung] or "gesendet"))
    return ergebnis


def serienbrief(ablage: Ablage, erinnerungen: list[Erinnerung], basis: str, von: str) -> bytes:
    """Eine Tabelle für den Serienbrief im eigenen Mailprogramm (CSV, UTF-8, Formeln entschärft): je fälliges Angebot
    Adresse, Angebot, Träger, zuletzt bestätigt und ein neuer Link."""
    zeilen = []
    for e in erinnerungen:
        link = aktualisierungslinks.erzeugen(ablage, LISTE, e.kennung, von)
        zeilen.append({"adresse": e.adresse, "angebot": e.titel, "traeger": e.traeger,
                       "zuletzt_bestaetigt": e.bestaetigt_am or "nie", "link": meldung.linkadresse(basis, link)})
    ablage.protokolliere(f"{LISTE}_erinnerung", von, "", "", True, f"Serienbrief mit {len(zeilen)} Erinnerungen")
    tabelle = pd.DataFrame(zeilen, columns=["adresse", "angebot", "traeger", "zuletzt_bestaetigt", "link"])
    return tabelle.map(entschaerft).to_csv(sep=";", index=False, lineterminator="\n").encode("utf-8")
