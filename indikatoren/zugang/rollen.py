"""Rollen der Datenpflege: wer welchen Teil pflegen darf.

- `stabsstelle`: alles (Kennzahlen, Datenstände, Sicherung, Einrichtungen, Angebote, Protokoll).
- `netzwerk`: nur Einrichtungen, Angebote und die Zahlen des Familienzentrums – etwa dessen Mitarbeitende oder die
  Netzwerkkoordination.

Die Rolle steht in .streamlit/secrets.toml unter [datenpflege.rollen] (Name oder E-Mail = Rolle), für lokale
Konten wie für die Anmeldung über OpenID Connect. Ein lokales Konto, das dort nicht steht, ist `stabsstelle`,
damit bestehende Einrichtungen ohne Rollen weiterlaufen (die Konten selbst sind ja eigens eingetragen);
`[datenpflege] vorgabe_rolle = "netzwerk"` kehrt das um. Über OpenID Connect kann sich jedes Konto des
Identitätsdienstes anmelden: dort darf nur, wer in `[datenpflege] erlaubt` steht und eine eigene Rolle hat.
"""

from collections.abc import Mapping

ROLLEN = ("stabsstelle", "netzwerk")
BEREICHE = {"stabsstelle": ("kennzahlen", "datenstaende", "einrichtungen", "angebote", "familienzentrum",
                            "sozialraeume", "protokoll"),
            "netzwerk": ("einrichtungen", "angebote", "familienzentrum")}


def rolle(name: str, einstellungen: Mapping) -> str:
    """Die Rolle eines angemeldeten Namens; ValueError bei einem Tippfehler in der Konfiguration (dann darf
    niemand mit diesem Eintrag etwas, statt still mehr zu dürfen)."""
    rollen = dict(einstellungen.get("rollen", {}))
    wert = str(rollen.get(name, einstellungen.get("vorgabe_rolle", "stabsstelle"))).strip()
    if wert not in ROLLEN:
        raise ValueError(f"Unbekannte Rolle „{wert}“ für „{name}“ in [datenpflege.rollen]; erlaubt: "
                         f"{', '.join(ROLLEN)}.")
    return wert


def oidc_rolle(name: str, einstellungen: Mapping) -> str:
    """Die Rolle eines Kontos des Identitätsdienstes; ValueError mit dem Grund, wenn es nicht pflegen darf."""
    erlaubt = einstellungen.get("erlaubt") or []
    if not erlaubt:
        raise ValueError("Die Anmeldung über den Identitätsdienst ist eingerichtet, aber keine Freigabeliste: Die "
                         "Stabsstelle trägt in .streamlit/secrets.toml unter [datenpflege] erlaubt = [\"…\"] ein, wer "
                         "pflegen darf.")
    if name not in erlaubt:
        raise ValueError("Dieses Konto ist für die Datenpflege nicht freigegeben.")
    if name not in dict(einstellungen.get("rollen", {})):
        raise ValueError(f"Für „{name}“ ist keine Rolle eingetragen ([datenpflege.rollen]); ohne sie gibt es keinen "
                         "Zugang.")
    return rolle(name, einstellungen)


def darf(rolle_: str, bereich: str) -> bool:
    return bereich in BEREICHE.get(rolle_, ())


def unterschrift(name: str, rolle_: str) -> str:
    """So steht jemand im Protokoll und in den Ständen: Name und Rolle."""
    return f"{name} ({rolle_})"
