"""Der Aufbau, wie der Ordnerbaum ihn zeigt: Importe laufen nur nach unten (Kanten → Berichte → Darstellung →
Fachpakete → Kern, im Kern Abläufe → Orte/Zugang → Ablage → Einlesen → Rechnen → Grundlagen), geprüft mit
import-linter nach .importlinter; die Typen des Kerns prüft mypy (pyproject.toml). Jede Verletzung lässt einen Test
fehlschlagen."""

import ast
import importlib.metadata
import re
import shutil
import subprocess
import sys
import tempfile

from tests.conftest import PROJEKT


def _werkzeug(name: str, *argumente: str) -> str:
    """Ein Prüfwerkzeug aus requirements-dev.txt im Projektordner; seine Ausgabe, wenn es nichts findet."""
    befehl = shutil.which(name)
    assert befehl, f"{name} fehlt (requirements-dev.lock)"
    lauf = subprocess.run([befehl, *argumente], cwd=PROJEKT, capture_output=True, text=True, timeout=600)
    assert lauf.returncode == 0, lauf.stdout[-4000:] + lauf.stderr[-2000:]
    return lauf.stdout


def test_importe_laufen_nur_nach_unten():
    assert "Contracts: 4 kept, 0 broken." in _werkzeug("lint-imports", "--no-cache")


def test_kern_ohne_typfehler():
    assert "Success: no issues found" in _werkzeug("mypy", "--no-incremental")


def test_skripte_in_eigenen_dateien_sind_gueltiges_javascript():
    """JavaScript steht in eigenen Dateien (nicht in Python-Zeichenketten), damit Werkzeuge es lesen: hier prüft
    node --check jede Datei auf Syntaxfehler."""
    node = shutil.which("node")
    assert node, "node fehlt (apt-get install nodejs; .ci/run installiert es)"
    skripte = sorted((PROJEKT / "darstellung").glob("*.js"))
    assert {s.name for s in skripte} >= {"dokument.js", "gemeindeflaechen.js"}
    for skript in skripte:
        lauf = subprocess.run([node, "--check", str(skript)], capture_output=True, text=True, timeout=60)
        assert lauf.returncode == 0, f"{skript.name}: {lauf.stderr}"


def _importe(dateien) -> dict[str, str]:
    """Oberste Module, die diese Dateien importieren (ohne Standardbibliothek und eigene Pakete) -> eine Datei."""
    eigene = {p.name for p in PROJEKT.iterdir() if p.is_dir()} | {p.stem for p in PROJEKT.glob("*.py")}
    gefunden: dict[str, str] = {}
    for datei in dateien:
        for knoten in ast.walk(ast.parse(datei.read_text(encoding="utf-8"))):
            if isinstance(knoten, ast.Import):
                namen = [a.name for a in knoten.names]
            elif isinstance(knoten, ast.ImportFrom) and knoten.level == 0 and knoten.module:
                namen = [knoten.module]
            else:
                continue
            for name in namen:
                oben = name.split(".")[0]
                if oben not in sys.stdlib_module_names and oben not in eigene:
                    gefunden.setdefault(oben, str(datei.relative_to(PROJEKT)))
    return gefunden


def _angegeben(*dateien: str) -> set[str]:
    namen = set()
    for datei in dateien:
        for zeile in (PROJEKT / datei).read_text(encoding="utf-8").splitlines():
            zeile = zeile.split("#")[0].strip()
            if zeile and not zeile.startswith("-"):
                namen.add(re.split(r"[\[=<>~ ]", zeile)[0].lower().replace("_", "-"))
    return namen


def test_jeder_direkte_import_ist_angegeben():
    """Was der Code importiert, steht mit fester Version in requirements.txt (Laufzeit) oder requirements-dev.txt
    (Tests, Messungen) – nicht nur, weil ein anderes Paket es zufällig mitbringt."""
    verteilungen = importlib.metadata.packages_distributions()

    def fehlend(dateien, angegeben):
        return {modul: datei for modul, datei in _importe(dateien).items()
                if not {v.lower().replace("_", "-") for v in verteilungen.get(modul, [modul])} & angegeben}

    kanten = ("tests", "bench")
    alle = [d for d in PROJEKT.rglob("*.py") if not d.relative_to(PROJEKT).parts[0].startswith(".")]
    laufzeit = [d for d in alle if d.relative_to(PROJEKT).parts[0] not in kanten]
    assert len(laufzeit) > 100 and {"streamlit", "pandas", "highspy"} <= set(_importe(laufzeit))
    assert fehlend(laufzeit, _angegeben("requirements.txt")) == {}
    assert fehlend([d for d in alle if d not in laufzeit],
                   _angegeben("requirements.txt", "requirements-dev.txt")) == {}


def _gesperrt(datei: str) -> dict[str, str]:
    """Name -> Version aus einer Sperrdatei; jede Angabe muss Hashes tragen."""
    text = (PROJEKT / datei).read_text(encoding="utf-8")
    muster = r"^([A-Za-z0-9][\w.-]*)(?:\[[^\]]*\])?==([^\s;\\]+)[^\n]*\\\n((?:\s+--hash=sha256:[0-9a-f]{64}.*\n)+)"
    eintraege = re.findall(muster, text, re.M)
    angaben = [z for z in text.splitlines() if z and not z.startswith((" ", "#"))]
    assert len(eintraege) == len(angaben), f"{datei}: eine Angabe ohne Hash"
    return {name.lower().replace("_", "-"): version for name, version, _ in eintraege}


def _direkt(*dateien: str) -> dict[str, str]:
    paare = {}
    for datei in dateien:
        for zeile in (PROJEKT / datei).read_text(encoding="utf-8").splitlines():
            zeile = zeile.split("#")[0].strip()
            if zeile and not zeile.startswith("-"):
                name, version = re.fullmatch(r"([\w.-]+)(?:\[[^\]]*\])?==(\S+)", zeile).groups()
                paare[name.lower().replace("_", "-")] = version
    return paare


def test_sperrdateien_passen_zu_den_angaben():
    """requirements.lock und requirements-dev.lock (erzeugt von .ci/sperren) sperren jede direkte Angabe mit genau
    ihrer Version und jedes Paket mit Hashes; die Tests laufen mit denselben Versionen wie der Betrieb."""
    laufzeit, entwicklung = _gesperrt("requirements.lock"), _gesperrt("requirements-dev.lock")
    for name, version in _direkt("requirements.txt").items():
        assert laufzeit.get(name) == version, f"requirements.lock: {name} nicht {version} – bitte .ci/sperren"
    for name, version in _direkt("requirements.txt", "requirements-dev.txt").items():
        assert entwicklung.get(name) == version, f"requirements-dev.lock: {name} nicht {version} – bitte .ci/sperren"
    assert {n: entwicklung.get(n) for n in laufzeit} == laufzeit
    assert len(laufzeit) > 60


def test_laufzeitordner_jedes_kreises_bleiben_aus_git():
    """Datenbank und Zwischenspeicher gehören nicht ins Repository, auch nicht die eines anderen Kreises (README:
    `SOZIALPLANUNG_LAUFZEIT=laufzeit_dueren`); Quellcode daneben schon."""
    pfade = ["laufzeit/sozialplanung.sqlite", "laufzeit_dueren/sozialplanung.sqlite", "laufzeit_03255/geodaten/x.gpkg",
             "indikatoren/grundlagen/laender.py"]
    with tempfile.TemporaryDirectory() as leer:  # auch ohne Git-Klon (etwa aus einem Archiv): nur die .gitignore
        subprocess.run(["git", "init", "-q", leer], check=True)
        shutil.copy(PROJEKT / ".gitignore", leer)
        lauf = subprocess.run(["git", "check-ignore", "--no-index", *pfade], cwd=leer, capture_output=True, text=True)
    assert lauf.stdout.split() == pfade[:3]
