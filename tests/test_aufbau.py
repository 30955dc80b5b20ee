"""Der Aufbau, wie der Ordnerbaum ihn zeigt: Importe laufen nur nach unten (Kanten → Berichte → Darstellung →
Fachpakete → Kern), geprüft mit import-linter nach .importlinter; eine Verletzung lässt diesen Test fehlschlagen."""

import shutil
import subprocess

from tests.conftest import PROJEKT


def test_importe_laufen_nur_nach_unten():
    befehl = shutil.which("lint-imports")
    assert befehl, "lint-imports fehlt (requirements-dev.txt: import-linter)"
    lauf = subprocess.run([befehl, "--no-cache"], cwd=PROJEKT, capture_output=True, text=True, timeout=300)
    assert lauf.returncode == 0, lauf.stdout[-3000:] + lauf.stderr[-2000:]
    assert "Contracts: 1 kept, 0 broken." in lauf.stdout


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
