"""Was Streamlit für eine Sitzung auf dem Server bereithält, enger fassen, als Streamlit es von sich aus tut
(streamlit==1.67.0; die Tests in tests/test_browser.py merken, wenn sich das ändert).

- Downloads: Streamlit legt eine erzeugte Datei unter /media/<Kennung> ab und löscht sie erst, wenn zwei Sitzungen
  später aufgeräumt wird; bis dahin bekäme sie jeder mit der Adresse, auch nach dem Abmelden. Die Dateien der
  Datenpflege merkt sich `schuetzen` mit dem Cookie der Anmeldung; server.py gibt sie nur gegen dieses Cookie
  heraus, und sie fallen nach einer Minute und beim Abmelden ganz weg.
- Sitzungen: Ein Websocket, der die Kennung einer laufenden Sitzung nennt, übernähme sie (die Kennung steht etwa
  in der Adresse eines Uploads). Die Anmeldung hängt darum am Cookie der Verbindung
  (indikatoren/zugang/anmeldesitzung.py), und eine angemeldete Sitzung ist zusätzlich nicht übernehmbar; wer sie
  nennt, bekommt eine neue.
- Zwischenspeicher: Auf die Nachricht „clear_cache“ eines beliebigen Browsers leert Streamlit alle Zwischenspeicher
  für alle Sitzungen – auch ohne Menü kann das jeder, der das Protokoll spricht, und jeder Leser bezahlte es mit
  einem kalten Neustart. Hier leert sie nur noch den Zustand der eigenen Sitzung.
"""

import threading

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime import Runtime
from streamlit.runtime.memory_media_file_storage import _calculate_file_id
from streamlit.runtime.scriptrunner import get_script_run_ctx

COOKIE_WEG = False  # server.py setzt es: dann gibt es /anmeldung/… und den Schutz von /media/
_GESCHUETZT: dict[str, set[tuple[str, str]]] = {}  # Kennung der Datei -> (Name, Wert) der Cookies, die sie holen


def mit_server() -> bool:
    """Läuft ein Server? AppTest setzt statt dessen eine Attrappe ein: kein Netz, kein Browser, kein Cookie."""
    return Runtime.exists() and type(Runtime.instance()) is Runtime


def schuetzen(kennung_: str, cookie: tuple[str, str]) -> None:
    _GESCHUETZT.setdefault(kennung_, set()).add(cookie)


def geschuetzt(kennung_: str) -> set[tuple[str, str]] | None:
    """Die Cookies, mit denen die Datei zu holen ist, oder None für Dateien, die alle holen dürfen."""
    return _GESCHUETZT.get(kennung_)


def weiterleiten(adresse: str) -> None:
    """Schickt den Browser auf eine Adresse dieses Servers (der Weg, den auch st.login nimmt)."""
    kontext = get_script_run_ctx()
    if kontext is not None:
        nachricht = ForwardMsg()
        nachricht.auth_redirect.url = adresse
        kontext.enqueue(nachricht)


def kennung(inhalt: bytes | str, mime: str, dateiname: str) -> str:
    """Die Kennung, unter der Streamlit die Datei eines Download-Knopfs ablegt."""
    daten = inhalt.encode("utf-8") if isinstance(inhalt, str) else bytes(inhalt)
    return _calculate_file_id(daten, mime, dateiname)


def entfernen(kennung_: str) -> None:
    """Löscht eine abgelegte Datei sofort (ohne Server, etwa in AppTest, gibt es nichts zu löschen)."""
    if mit_server():
        verwalter = Runtime.instance().media_file_mgr
        with verwalter._lock:
            if kennung_ in verwalter._file_metadata:
                verwalter._delete_file(kennung_)
    _GESCHUETZT.pop(kennung_, None)  # erst danach: die Datei ist nie ungeschützt da


def spaeter_entfernen(kennung_: str, sekunden: float) -> None:
    zeitgeber = threading.Timer(sekunden, entfernen, [kennung_])
    zeitgeber.daemon = True
    zeitgeber.start()


def sitzung_nicht_uebernehmbar() -> None:
    kontext = get_script_run_ctx()
    if Runtime.exists() and kontext is not None:
        Runtime.instance().mark_session_nonresumable(kontext.session_id)


def cache_leeren_nur_fuer_diese_sitzung() -> None:
    from streamlit.runtime.app_session import AppSession
    AppSession._handle_clear_cache_request = lambda self: self._session_state.clear()
