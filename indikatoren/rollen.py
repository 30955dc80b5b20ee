"""Rollen der Datenpflege: wer welchen Teil pflegen darf.

- `stabsstelle`: alles (Kennzahlen, Datenstände, Sicherung, Einrichtungen, Angebote, Protokoll).
- `netzwerk`: nur Einrichtungen, Angebote und die Zahlen des Familienzentrums – etwa dessen Mitarbeitende oder die
  Netzwerkkoordination.

Die Rolle steht in .streamlit/secrets.toml unter [datenpflege.rollen] (Name oder E-Mail = Rolle), für lokale
Konten wie für die Anmeldung über OpenID Connect. Wer dort nicht steht, ist `stabsstelle`, damit bestehende
Einrichtungen ohne Rollen weiterlaufen; `[datenpflege] vorgabe_rolle = "netzwerk"` kehrt das um.
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


def darf(rolle_: str, bereich: str) -> bool:
    return bereich in BEREICHE.get(rolle_, ())


def unterschrift(name: str, rolle_: str) -> str:
    """So steht jemand im Protokoll und in den Ständen: Name und Rolle."""
    return f"{name} ({rolle_})"
