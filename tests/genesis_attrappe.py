"""Ein lokaler HTTP-Server auf 127.0.0.1, der wie der GENESIS-Webservice (REST-API 2020) antwortet: POST auf
/genesisws/rest/2020/data/tablefile mit Zugang in den Kopfzeilen „username“/„password“; Tabelle 12411-02-03-5 als
CSV, wie der Download der Regionaldatenbank; Fehler als JSON mit „Status“ (so antwortet GENESIS, auch mit 200)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

NUTZER, PASSWORT = "stabsstelle", "geheim-genug"


class GenesisAttrappe:
    def __init__(self, tabelle: bytes, jahre=(2024,)):
        self.anfragen: list[dict] = []
        attrappe = self

        class Antwort(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (Name aus http.server)
                laenge = int(self.headers.get("Content-Length", 0))
                felder = {k: v[0] for k, v in parse_qs(self.rfile.read(laenge).decode()).items()}
                attrappe.anfragen.append({"pfad": self.path, "felder": felder,
                                          "nutzer": self.headers.get("username"),
                                          "passwort": self.headers.get("password")})
                if self.path != "/genesisws/rest/2020/data/tablefile":
                    self.send_error(404)
                    return
                if (self.headers.get("username"), self.headers.get("password")) != (NUTZER, PASSWORT):
                    return self._json({"Status": {"Code": 13, "Type": "Fehler", "Content": "Ein Fehler ist "
                                       "aufgetreten: Benutzername oder Passwort ungültig"}})
                if int(felder.get("startyear", 0)) not in jahre:
                    return self._json({"Status": {"Code": 104, "Type": "Fehler", "Content": "Es gibt keine "
                                       "Objekte zum angegebenen Selektionskriterium"}})
                self.send_response(200)
                self.send_header("Content-Type", "text/csv; charset=ISO-8859-1")
                self.send_header("Content-Length", str(len(tabelle)))
                self.end_headers()
                self.wfile.write(tabelle)

            def _json(self, inhalt):
                daten = json.dumps(inhalt, ensure_ascii=False).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(daten)))
                self.end_headers()
                self.wfile.write(daten)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Antwort)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/genesisws/rest/2020"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *args):
        self.server.shutdown()
        self.server.server_close()
