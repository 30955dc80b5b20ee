"""Prüfmeldungen: jede nennt Datei, Zeile (wie in Excel, Kopfzeile = 1) und Spalte (Kopfname)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Meldung:
    datei: str
    text: str
    zeile: int | None = None
    spalte: str | None = None

    def __str__(self) -> str:
        ort = [self.datei]
        if self.zeile is not None:
            ort.append(f"Zeile {self.zeile}")
        if self.spalte is not None:
            ort.append(f"Spalte {self.spalte}")
        return f"{', '.join(ort)}: {self.text}"


class UngueltigeDatei(ValueError):
    """Eine Datei, die nicht übernommen werden kann; trägt alle gefundenen Meldungen."""

    def __init__(self, meldungen: list[Meldung]):
        self.meldungen = list(meldungen)
        super().__init__("\n".join(str(m) for m in self.meldungen))
