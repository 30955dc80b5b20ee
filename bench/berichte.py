"""Wie lange ein Bericht braucht: ein Gemeindeprofil, alle Gemeinden des Kreises, der Sozialbericht
(Beispieldaten).

Aufruf aus dem Projektordner: python bench/berichte.py  (braucht die Gemeindegrenzen, etwa SOZIALPLANUNG_GEODATEN).
Gibt Sekunden aus und das Verhältnis „alle / eines“ (auf lauten Maschinen aussagekräftiger als absolute Zeiten).
"""

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("SOZIALPLANUNG_DB", f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite")

from berichte import gemeindeprofil, sozialbericht  # noqa: E402
from berichte.daten import Berichtsdaten  # noqa: E402
from indikatoren.ablaeufe.einlesung import oeffne_ablage  # noqa: E402
from indikatoren.grundlagen.gebiete import Gebiete  # noqa: E402


def main() -> None:
    gebiete = Gebiete.laden()
    daten = Berichtsdaten.laden(oeffne_ablage(gebiete), gebiete)
    jahr = daten.jahr(None)
    alle = gebiete.gemeinden["ags"].tolist()
    gemeindeprofil.pdf(daten, jahr, alle[:1])  # aufwärmen (Schriften, matplotlib)
    start = time.perf_counter()
    eines = gemeindeprofil.pdf(daten, jahr, alle[:1])
    t_eines = time.perf_counter() - start
    start = time.perf_counter()
    gesamt = gemeindeprofil.pdf(daten, jahr, alle)
    t_alle = time.perf_counter() - start
    print(f"Gemeindeprofil, 1 Seite:      {t_eines:6.2f} s  ({len(eines) // 1024} KB)")
    print(f"Alle {len(alle)} Gemeinden:          {t_alle:6.2f} s  ({len(gesamt) // 1024} KB)")
    print(f"Verhältnis alle / eines:      {t_alle / t_eines:6.1f}  (je Seite {t_alle / len(alle):.2f} s)")
    start = time.perf_counter()
    bericht = sozialbericht.pdf(daten, jahr)
    t_sozial = time.perf_counter() - start
    print(f"Sozialbericht:                {t_sozial:6.2f} s  ({len(bericht) // 1024} KB, "
          f"{t_sozial / t_eines:.1f} × ein Profil)")


if __name__ == "__main__":
    main()
