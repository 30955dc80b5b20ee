"""Dateien für den Webserver vorkomprimieren: neben jede Textdatei ihre .br- und .gz-Fassung, die Caddy
(`file_server { precompressed br gzip }`) ausliefert, statt für jeden Besucher neu zu komprimieren. So für die
statische Website und für Streamlits Frontend, das Caddy beim Start von der Platte liefert (deploy/start)."""

import gzip
import shutil
from pathlib import Path

import brotli  # type: ignore[import-untyped]

TEXT = {".html", ".js", ".mjs", ".css", ".svg", ".json", ".csv", ".geojson", ".ttl", ".map", ".txt", ".xml"}
MINDESTENS = 512  # kleinere Dateien lohnen keine zweite Fassung


def ordner(wurzel: Path, qualitaet: int = 9) -> int:
    """Jede Textdatei unter `wurzel` bekommt .br und .gz daneben (ältere werden ersetzt); gibt die Zahl zurück.
    Brotli-Qualität 9 statt 11: fast so klein, ein Vielfaches schneller (bench/website.py)."""
    return sum(datei(d, qualitaet) for d in sorted(wurzel.rglob("*")) if d.is_file())


def datei(pfad: Path, qualitaet: int = 9) -> bool:
    """Eine Datei: .br und .gz daneben, wenn sie Text ist und groß genug; sagt, ob sie welche bekam."""
    if pfad.suffix not in TEXT or pfad.stat().st_size < MINDESTENS:
        return False
    inhalt = pfad.read_bytes()
    pfad.with_name(pfad.name + ".br").write_bytes(brotli.compress(inhalt, quality=qualitaet))
    pfad.with_name(pfad.name + ".gz").write_bytes(gzip.compress(inhalt, compresslevel=9, mtime=0))
    return True


def streamlit_frontend(ziel: Path) -> Path:
    """Streamlits ausgelieferte Dateien (static/static/: JavaScript und CSS mit Hash im Namen, ändern sich nur mit der
    Version) nach ZIEL/<version>/static/, vorkomprimiert – der Ordner <version> ist die Wurzel für Caddy, die Pfade
    darunter wie in der Adresse. Ein zweiter Aufruf mit derselben Version tut nichts."""
    import streamlit
    quelle = Path(streamlit.__file__).parent / "static" / "static"
    fertig = ziel / streamlit.__version__
    if not (fertig / ".fertig").exists():
        shutil.rmtree(fertig, ignore_errors=True)
        shutil.copytree(quelle, fertig / "static")
        ordner(fertig)
        (fertig / ".fertig").touch()
    return fertig
