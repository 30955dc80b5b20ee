"""ZIP-Dateien aus Uploads (Sicherung, gezipptes Shapefile, XLSX) öffnen, ohne dass eine kleine Datei zu
Gigabytes wird: erst das Verzeichnis prüfen (Zahl der Teile, Größen, Packdichte, Pfade), dann jeden Teil
höchstens so weit lesen, wie das Verzeichnis sagt und die Grenzen erlauben. Jeder Fehler ist eine deutsche
Meldung (UngueltigeDatei), auch ein kaputtes Verzeichnis oder ein Teil, der nicht zu seiner Prüfsumme passt.
"""

import io
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath

from indikatoren.grundlagen.meldungen import Meldung, UngueltigeDatei
from indikatoren.grundlagen.zahlenformat import zahl


@dataclass(frozen=True)
class Grenzen:
    teile: int = 5_000  # so viele Teile höchstens
    teilgroesse: int = 50 * 1024 * 1024  # je Teil entpackt
    gesamt: int = 500 * 1024 * 1024  # alle Teile entpackt
    packdichte: int = 100  # entpackt / gepackt je Teil ab 1 MB (Tabellen und Geodaten liegen unter 20)
    endungen: tuple[str, ...] = ()  # nur Teile mit diesen Endungen werden gelesen (leer: alle)


def verzeichnis(inhalt: bytes, datei: str, grenzen: Grenzen, was: str = "ZIP-Datei") -> list[zipfile.ZipInfo]:
    """Die Teile der ZIP-Datei (ohne Ordner, nur mit den erlaubten Endungen), geprüft; wirft UngueltigeDatei."""
    def fehler(text):
        return UngueltigeDatei([Meldung(datei, text)])

    try:
        with zipfile.ZipFile(io.BytesIO(inhalt)) as archiv:
            teile = [t for t in archiv.infolist() if not t.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as e:
        raise fehler(f"Die Datei ist keine lesbare {was} ({type(e).__name__}).") from None
    if len(teile) > grenzen.teile:
        raise fehler(f"Die {was} hat {zahl(len(teile))} Teile; erlaubt sind höchstens {zahl(grenzen.teile)}.")
    gesamt = sum(t.file_size for t in teile)
    for t in teile:
        pfad = PurePosixPath(t.filename.replace("\\", "/"))
        if pfad.is_absolute() or ".." in pfad.parts or ":" in t.filename or (t.external_attr >> 16) & 0o170000 \
                == 0o120000:
            raise fehler(f"Der Teil „{t.filename[:200]}“ hat einen unzulässigen Pfad (absolut, mit „..“ oder ein "
                         "Verweis); die Datei wird nicht geöffnet.")
        if t.file_size > grenzen.teilgroesse or gesamt > grenzen.gesamt or (
                t.file_size > 1_000_000 and t.file_size > grenzen.packdichte * max(t.compress_size, 1)):
            raise fehler(f"Die {was} würde entpackt {zahl(gesamt / 1024 / 1024, 0)} MB groß (Teil "
                         f"„{t.filename[:200]}“) oder ist ungewöhnlich stark gepackt (möglicherweise eine "
                         "„Zip-Bombe“); sie wird nicht geöffnet.")
    if grenzen.endungen:  # andere Teile (etwa .sbn, .qmd, .shp.xml neben einem Shapefile) bleiben ungelesen
        teile = [t for t in teile if PurePosixPath(t.filename).suffix.lower() in grenzen.endungen]
    return teile


def entpacken(inhalt: bytes, datei: str, grenzen: Grenzen, was: str = "ZIP-Datei") -> dict[str, bytes]:
    """Alle Teile als Bytes (Name im Archiv → Inhalt), nie mehr gelesen als erlaubt; wirft UngueltigeDatei."""
    teile, gelesen, ergebnis = verzeichnis(inhalt, datei, grenzen, was), 0, {}
    try:
        with zipfile.ZipFile(io.BytesIO(inhalt)) as archiv:
            for t in teile:
                with archiv.open(t) as strom:  # nie mehr lesen als erlaubt, was auch immer das Verzeichnis sagt
                    daten = strom.read(min(grenzen.teilgroesse, grenzen.gesamt - gelesen) + 1)
                gelesen += len(daten)
                if len(daten) > t.file_size or gelesen > grenzen.gesamt:
                    raise UngueltigeDatei([Meldung(datei, f"Der Teil „{t.filename[:200]}“ ist größer, als das "
                                                          f"Verzeichnis der {was} angibt.")])
                ergebnis[t.filename] = daten
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as e:
        if isinstance(e, UngueltigeDatei):
            raise
        raise UngueltigeDatei([Meldung(datei, f"Die {was} ist beschädigt ({type(e).__name__}); sie wird nicht "
                                              "geöffnet.")]) from None
    return ergebnis
