"""Der Server des Dashboards: app.py mit zwei Wegen, die Streamlit selbst nicht hat.

Start: streamlit run server.py (README). Streamlit erkennt hier `app = st.App(…)` und bedient app.py wie gewohnt,
dazu:
- /anmeldung/einloesen und /anmeldung/abmelden setzen und löschen das HttpOnly-Cookie der Datenpflege
  (indikatoren/zugang/anmeldesitzung.py): ein Websocket allein kann keine Cookies setzen.
- Ungesperrte Downloads der Datenpflege (Sicherung, Rohtabellen, Listen) unter /media/… bekommt nur der Browser,
  der sie angefordert hat, solange er angemeldet ist (pages/_sitzungsschutz.py merkt sich, welche das sind).
`streamlit run app.py` läuft auch, aber ohne diese Wege: dann nimmt die Datenpflege keine Anmeldung an.
"""

from datetime import timedelta
from functools import cache

import streamlit as st
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse
from starlette.routing import Route
from streamlit.web.server.server_util import get_cookie_secret

from indikatoren.ablage.datenstaende import Ablage
from indikatoren.grundlagen import konfiguration
from indikatoren.zugang import anmeldesitzung
from pages import _sitzungsschutz as sitzungsschutz

ZIEL = "../datenpflege"  # relativ zu /anmeldung/…: zurück zur Seite Datenpflege


@cache
def _ablage(url: str) -> Ablage:
    return Ablage(url)


def _sicher(anfrage: Request) -> bool:
    """Über HTTPS (auch hinter dem eigenen Proxy) nur noch verschlüsselt senden."""
    weitergeleitet = anfrage.headers.get("x-forwarded-proto", "") if konfiguration.hinter_proxy() else ""
    return anfrage.url.scheme == "https" or weitergeleitet == "https"


def einloesen(anfrage: Request) -> RedirectResponse:
    ablage = _ablage(konfiguration.datenbank_url())
    wert = anmeldesitzung.einloesen(ablage, anfrage.query_params.get("code", ""), get_cookie_secret())
    antwort = RedirectResponse(ZIEL, status_code=303, headers={"Cache-Control": "no-store"})
    if wert is None:
        ablage.protokolliere("anmelden", "", "", "", False, "Einlösecode ungültig, verbraucht oder abgelaufen")
        return antwort
    antwort.set_cookie(anmeldesitzung.COOKIE, wert, max_age=int(anmeldesitzung.HOECHSTDAUER.total_seconds()),
                       path="/", httponly=True, samesite="strict", secure=_sicher(anfrage))
    return antwort


def abmelden(anfrage: Request) -> RedirectResponse:
    """Löscht das Cookie; die Sitzung selbst hat die Seite schon beendet (ein fremder Link meldet nur ab)."""
    anmeldesitzung.beenden(_ablage(konfiguration.datenbank_url()), anfrage.cookies.get(anmeldesitzung.COOKIE),
                           get_cookie_secret())
    antwort = RedirectResponse(ZIEL, status_code=303, headers={"Cache-Control": "no-store"})
    antwort.delete_cookie(anmeldesitzung.COOKIE, path="/", httponly=True, samesite="strict", secure=_sicher(anfrage))
    return antwort


class DownloadSchutz:
    """ASGI-Zwischenschicht vor /media/: eine geschützte Datei nur mit dem Cookie, mit dem sie angefordert wurde,
    und nur, solange dessen Anmeldung gilt."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and "/media/" in scope["path"]:
            kennung = scope["path"].rsplit("/", 1)[-1].split(".", 1)[0]
            erlaubt = sitzungsschutz.geschuetzt(kennung)
            if erlaubt is not None and not await run_in_threadpool(_darf_eines, scope, set(erlaubt)):
                antwort = PlainTextResponse("Nur für die angemeldete Sitzung, die die Datei erzeugt hat.",
                                            status_code=403, headers={"Cache-Control": "no-store"})
                await antwort(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _darf_eines(scope, erlaubt: set[tuple[str, str]]) -> bool:
    gesendet = Request(scope).cookies
    return any(wert and gesendet.get(name) == wert and _gilt(name, wert) for name, wert in erlaubt)


def _gilt(name: str, wert: str) -> bool:
    if name != anmeldesitzung.COOKIE:  # Streamlits eigenes Cookie (OpenID Connect): signiert, von st.logout gelöscht
        return True
    from pages._anmeldung import regeln  # erst hier: die Seiten gehören in die Laufzeit, die beim Start noch fehlt

    leerlauf = timedelta(minutes=regeln().leerlauf_minuten)
    return anmeldesitzung.pruefen(_ablage(konfiguration.datenbank_url()), wert, get_cookie_secret(), leerlauf,
                                  beruehren=False) is not None


sitzungsschutz.COOKIE_WEG = True
app = st.App("app.py", routes=[Route("/anmeldung/einloesen", einloesen), Route("/anmeldung/abmelden", abmelden)],
             middleware=[Middleware(DownloadSchutz)])
