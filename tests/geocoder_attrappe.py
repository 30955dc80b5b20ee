"""Ein lokaler Geokodierungsdienst auf 127.0.0.1, der wie Nominatim (/search), Photon (/api) und der
BKG-Geokodierungsdienst (…/geosearch.json) antwortet. Er kennt nur die Adressen, die der Test ihm gibt, und merkt
sich jede Anfrage mit Zeitpunkt und User-Agent."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from tests.wfs_attrappe import json_antworten


class GeocoderAttrappe:
    def __init__(self, adressen: dict[str, tuple[float, float]]):
        self.adressen = adressen
        self.anfragen: list[dict] = []
        attrappe = self

        class Antwort(BaseHTTPRequestHandler):
            def do_GET(self):
                teile = urlparse(self.path)
                abfrage = {k: v[0] for k, v in parse_qs(teile.query).items()}
                text = abfrage.get("q") or abfrage.get("query") or ""
                attrappe.anfragen.append({"pfad": teile.path, "text": text, "zeit": time.monotonic(),
                                          "user_agent": self.headers.get("User-Agent", "")})
                lage = attrappe.adressen.get(text)
                if teile.path.endswith("/search"):
                    inhalt = [] if lage is None else [{"lat": str(lage[0]), "lon": str(lage[1]),
                                                        "display_name": f"{text}, Niedersachsen, Deutschland"}]
                else:  # Photon und BKG: GeoJSON
                    inhalt = {"type": "FeatureCollection", "features": [] if lage is None else [{
                        "type": "Feature", "geometry": {"type": "Point", "coordinates": [lage[1], lage[0]]},
                        "properties": {"name": text, "text": f"{text} (BKG)", "country": "Deutschland"}}]}
                json_antworten(self, inhalt)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Antwort)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
