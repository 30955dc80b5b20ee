"""Was Streamlit für eine Sitzung auf dem Server bereithält, enger fassen, als Streamlit es von sich aus tut
(streamlit==1.67.0; die Tests in tests/test_browser.py merken, wenn sich das ändert).

- Downloads: Streamlit legt eine erzeugte Datei unter /media/<Kennung> ab und löscht sie erst, wenn zwei Sitzungen
  später aufgeräumt wird; bis dahin bekäme sie jeder mit der Adresse, auch nach dem Abmelden.
- Sitzungen: Ein Websocket, der die Kennung einer laufenden Sitzung nennt, übernähme sie samt Anmeldung (die
  Kennung steht etwa in der Adresse eines Uploads). Eine angemeldete Sitzung ist darum nicht übernehmbar; wer
  sie nennt, bekommt eine neue. Reißt die Verbindung ab, meldet man sich neu an.
- Zwischenspeicher: Auf die Nachricht „clear_cache“ eines beliebigen Browsers leert Streamlit alle Zwischenspeicher
  für alle Sitzungen – auch ohne Menü kann das jeder, der das Protokoll spricht, und jeder Leser bezahlte es mit
  einem kalten Neustart. Hier leert sie nur noch den Zustand der eigenen Sitzung.
"""

import threading

from streamlit.runtime import Runtime
from streamlit.runtime.memory_media_file_storage import _calculate_file_id
from streamlit.runtime.scriptrunner import get_script_run_ctx


def kennung(inhalt: bytes | str, mime: str, dateiname: str) -> str:
    """Die Kennung, unter der Streamlit die Datei eines Download-Knopfs ablegt."""
    daten = inhalt.encode("utf-8") if isinstance(inhalt, str) else bytes(inhalt)
    return _calculate_file_id(daten, mime, dateiname)


def entfernen(kennung_: str) -> None:
    """Löscht eine abgelegte Datei sofort (ohne Server, etwa in AppTest, gibt es nichts zu löschen)."""
    if not Runtime.exists():
        return
    verwalter = Runtime.instance().media_file_mgr
    with verwalter._lock:
        if kennung_ in verwalter._file_metadata:
            verwalter._delete_file(kennung_)


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
