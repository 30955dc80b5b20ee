"""Ein lokaler HTTP-Server auf 127.0.0.1, der wie der BKG-WFS (VG250-EW) antwortet.

Er liefert die Gemeinden aus ../shared/data/geo/gemeinden_lk_hildesheim.geojson mit den Eigenschaften des WFS
(`ags`, `ars`, `gen`, `ewz`, `gf: 4`, `wsk`), dazu eine Wasserfläche (gf 2) und eine Gemeinde eines anderen Kreises,
die der Client aussortieren muss; in den Ebenen vg250_vwg und vg250_krs die Samtgemeinde Leinebergland (Duingen,
Eime, Gronau) und den Kreis. Er beachtet count/startIndex und merkt sich jede Anfrage.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

LEINEBERGLAND = ("03254041", "03254013", "03254043")


def ars(ags: str) -> str:
    """Regionalschlüssel wie in VG250: Verband 5406 für Leinebergland, sonst 0 und die Gemeindekennzahl."""
    return ags[:5] + ("5406" if ags in LEINEBERGLAND else "0" + ags[5:]) + ags[5:]


def wfs_merkmale(geojson: Path) -> list[dict]:
    merkmale = []
    for f in json.loads(geojson.read_text(encoding="utf-8"))["features"]:
        p = f["properties"]
        merkmale.append({"type": "Feature", "geometry": f["geometry"],
                         "properties": {"ags": p["ags"], "ars": ars(p["ags"]), "gen": p["name"], "bez": "Gemeinde",
                                        "ewz": p["ewz"], "gf": 4, "wsk": "2024-01-01"}})
    wasser = json.loads(json.dumps(merkmale[0]))
    wasser["properties"].update(gf=2, ewz=0)  # eine Wasserfläche Alfelds, die nicht zur Landfläche gehört
    wasser["geometry"] = {"type": "Polygon", "coordinates": [[[9.70, 52.0], [9.72, 52.0], [9.72, 52.02],
                                                               [9.70, 52.0]]]}
    fremd = json.loads(json.dumps(merkmale[1]))
    fremd["properties"].update(ags="03241001", ars="032410001001", gen="Hannover")
    return merkmale[:5] + [wasser] + merkmale[5:12] + [fremd] + merkmale[12:]


EBENEN = {"vg250-ew:vg250_vwg": [{"ars": "032545406", "gen": "Leinebergland", "bez": "Samtgemeinde"},
                                 {"ars": "032410001", "gen": "Hannover", "bez": "Stadt"}],
          "vg250-ew:vg250_krs": [{"ars": "03254", "gen": "Hildesheim", "bez": "Landkreis"}]}


def json_antworten(anfrage: BaseHTTPRequestHandler, inhalt) -> None:
    """Antwort 200 mit JSON, wie die Dienste sie geben (für alle Attrappen der Tests)."""
    daten = json.dumps(inhalt).encode()
    anfrage.send_response(200)
    anfrage.send_header("Content-Type", "application/json")
    anfrage.send_header("Content-Length", str(len(daten)))
    anfrage.end_headers()
    anfrage.wfile.write(daten)


class WfsAttrappe:
    def __init__(self, geojson: Path):
        self.merkmale = wfs_merkmale(geojson)
        self.anfragen: list[dict] = []
        attrappe = self

        class Antwort(BaseHTTPRequestHandler):
            def do_GET(self):
                abfrage = {k: v[0] for k, v in parse_qs(urlparse(self.path).query).items()}
                attrappe.anfragen.append(abfrage)
                start, anzahl = int(abfrage.get("startIndex", 0)), int(abfrage.get("count", 10**6))
                alle = attrappe.merkmale if abfrage.get("typeNames") == "vg250-ew:vg250_gem" else [
                    {"type": "Feature", "geometry": None, "properties": p}
                    for p in EBENEN.get(abfrage.get("typeNames"), [])]
                teil = alle[start:start + anzahl]
                json_antworten(self, {"type": "FeatureCollection", "numberReturned": len(teil), "features": teil})

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Antwort)
        self.url = f"http://127.0.0.1:{self.server.server_port}/wfs_vg250-ew"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
