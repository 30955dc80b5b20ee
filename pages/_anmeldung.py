"""Anmeldung zur Datenpflege: OpenID Connect über st.login, wenn der Kreis einen Anbieter in
.streamlit/secrets.toml ([auth]) eingerichtet hat, sonst lokale Konten ([datenpflege.konten], bcrypt).
Leser brauchen keine Anmeldung; die Seite Datenpflege ist ohne sie nicht in der Navigation.

Beide Wege binden die Anmeldung an ein HttpOnly-Cookie des Browsers (OpenID Connect: Streamlits eigenes, lokale
Konten: indikatoren/zugang/anmeldesitzung.py über server.py). Nur in AppTest, ohne Server und Browser, gilt sie für die
Sitzung allein."""

from datetime import UTC, datetime, timedelta

import streamlit as st
from streamlit.web.server.server_util import get_cookie_secret

from darstellung.maskierung import md
from indikatoren.grundlagen import konfiguration
from indikatoren.zugang import anmeldesitzung, rollen
from indikatoren.zugang.anmeldung import Regeln, abgelaufen, anmelden
from pages import _sitzungsschutz as sitzungsschutz
from pages import _zwischenspeicher as speicher

LEERLAUF_PRUEFEN_S = 15  # so oft prüft die offene Seite, ob die Sitzung abgelaufen ist, auch ohne Klick


def _secrets(abschnitt: str) -> dict:
    try:
        return dict(st.secrets.get(abschnitt, {}))
    except Exception:  # keine secrets.toml: Streamlit wirft dann je nach Version verschiedene Fehler
        return {}


def einstellungen() -> dict:
    return _secrets("datenpflege")


def regeln() -> Regeln:
    return Regeln.aus(einstellungen())


def oidc() -> bool:
    return bool(_secrets("auth"))


def benutzer() -> str | None:
    """Wer gerade angemeldet ist (und darf), sonst None; beendet abgelaufene Sitzungen."""
    if oidc():
        if not st.user.is_logged_in:
            return None
        name = st.user.get("email") or st.user.get("name") or "unbekannt"
        try:
            rollen.oidc_rolle(name, einstellungen())
        except ValueError:
            return None
        return name
    if sitzungsschutz.mit_server():
        return _aus_dem_cookie()
    sitzung = st.session_state.get("dp_sitzung")
    if not sitzung or sitzung.get("name") is None:
        return None
    if _abgelaufen(sitzung):
        abmelden()
        st.session_state["dp_hinweis"] = ABGELAUFEN
        return None
    sitzung["aktiv"] = datetime.now(UTC)
    return sitzung["name"]


ABGELAUFEN = "Die Sitzung ist nach längerer Inaktivität abgelaufen. Bitte neu anmelden."


def _aus_dem_cookie() -> str | None:
    """Lokale Konten mit Server: angemeldet ist, wessen Verbindung ein gültiges Cookie mitbrachte."""
    wert = st.context.cookies.get(anmeldesitzung.COOKIE)
    sitzung = st.session_state.get("dp_sitzung")
    name = anmeldesitzung.pruefen(speicher.ablage(), wert, get_cookie_secret(),
                                  timedelta(minutes=regeln().leerlauf_minuten)) if wert else None
    if name is None:
        if sitzung and sitzung.get("name"):  # war angemeldet: abgelaufen oder anderswo abgemeldet
            _sitzung_aufgeben()
            st.session_state["dp_hinweis"] = ABGELAUFEN
        return None
    if not sitzung or sitzung.get("name") != name:
        st.session_state["dp_sitzung"] = sitzung = {"name": name, "regeln": regeln()}
        sitzungsschutz.sitzung_nicht_uebernehmbar()
    sitzung["aktiv"] = datetime.now(UTC)
    return name


def rolle(name: str) -> str:
    """Die Rolle des Angemeldeten (indikatoren.zugang.rollen);
    bei einem Fehler in der Konfiguration hält die Seite an."""
    try:
        return rollen.oidc_rolle(name, einstellungen()) if oidc() else rollen.rolle(name, einstellungen())
    except ValueError as fehler:
        st.error(f"{md(fehler)} Die Stabsstelle korrigiert das in .streamlit/secrets.toml.")
        st.stop()


def _abgelaufen(sitzung: dict) -> bool:
    return sitzung.get("name") is None or abgelaufen(sitzung["aktiv"], sitzung["regeln"])


@st.fragment(run_every=LEERLAUF_PRUEFEN_S)
def leerlauf_pruefen() -> None:
    """Läuft alle paar Sekunden ohne Zutun: ist die Sitzung abgelaufen, verschwindet die Seite (neuer Lauf zeigt
    die Anmeldung), auch wenn niemand klickt. Zählt selbst nicht als Aktivität."""
    sitzung = st.session_state.get("dp_sitzung")
    if not oidc() and sitzung and _abgelaufen(sitzung):
        st.rerun(scope="app")


def herunterladen(beschriftung: str, erzeuge, dateiname: str, mime: str, ort=st, **optionen):
    """st.download_button für die ungesperrten Dateien der Datenpflege (Rohtabellen, Sicherung, Listen)."""
    return ort.download_button(beschriftung, beim_klick(erzeuge, dateiname, mime), dateiname, mime, **optionen)


def beim_klick(erzeuge, dateiname: str, mime: str):
    """Die Datei entsteht erst beim Klick, und nur, wenn die Sitzung dann noch gilt. Streamlit legt sie danach unter
    /media/<Kennung> ab, wo jeder sie mit der Adresse holen könnte; darum fällt sie nach
    konfiguration.download_sekunden() weg und beim Abmelden sofort (pages/_sitzungsschutz.py).

    Streamlit ruft das in einem eigenen Thread ohne Sitzungszustand auf; darum hält die Funktion das Sitzungs-
    Wörterbuch selbst (Abmelden setzt darin name = None)."""
    if oidc():
        st.session_state.setdefault("dp_sitzung", {"name": benutzer()})
    sitzung = st.session_state.get("dp_sitzung") or {"name": None}
    cookie = _cookie()

    def daten():
        if not oidc() and _abgelaufen(sitzung):
            raise PermissionError("Die Sitzung ist abgelaufen; bitte neu anmelden.")
        inhalt = erzeuge()
        kennung = sitzungsschutz.kennung(inhalt, mime, dateiname)
        if sitzungsschutz.mit_server():  # bevor Streamlit die Datei ablegt: nie ungeschützt
            sitzungsschutz.schuetzen(kennung, cookie)
        sitzung.setdefault("downloads", set()).add(kennung)
        sitzungsschutz.spaeter_entfernen(kennung, konfiguration.download_sekunden())
        return inhalt

    return daten


def _cookie() -> tuple[str, str]:
    """Das Cookie der Anmeldung dieser Verbindung (Name, Wert): nur mit ihm gibt server.py Downloads heraus."""
    name = "_streamlit_user" if oidc() else anmeldesitzung.COOKIE
    return name, (st.context.cookies.get(name) or "") if sitzungsschutz.mit_server() else ""


def herkunft() -> str:
    """Die Adresse des Browsers; hinter dem eigenen Proxy (SOZIALPLANUNG_HINTER_PROXY=1) dessen letzter Eintrag in
    X-Forwarded-For, den der Proxy selbst anhängt (frühere Einträge kann der Browser fälschen)."""
    if konfiguration.hinter_proxy():
        weitergeleitet = (st.context.headers or {}).get("X-Forwarded-For", "")
        if isinstance(weitergeleitet, str) and weitergeleitet.strip():
            return weitergeleitet.split(",")[-1].strip()
    adresse = st.context.ip_address
    return adresse if isinstance(adresse, str) and adresse else "lokal"  # ohne Netz (AppTest) kein Text


def anmeldeformular() -> None:
    st.title("Datenpflege – Anmeldung")
    if hinweis := st.session_state.pop("dp_hinweis", None):
        st.info(hinweis)
    if oidc():
        if st.user.is_logged_in:
            try:
                rollen.oidc_rolle(st.user.get("email") or st.user.get("name") or "unbekannt", einstellungen())
            except ValueError as grund:
                st.error(md(grund))
        st.button("Mit dem Konto des Landkreises anmelden", on_click=st.login, type="primary")
        return
    konten = dict(einstellungen().get("konten", {}))
    if not konten:
        st.warning("Es ist noch kein Konto eingerichtet. Die Stabsstelle legt Konten in .streamlit/secrets.toml "
                   "unter [datenpflege.konten] an (siehe README, Abschnitt Datenpflege).")
        return
    if sitzungsschutz.mit_server() and not sitzungsschutz.COOKIE_WEG:
        st.error("Die Datenpflege nimmt nur Anmeldungen an, wenn das Dashboard mit `streamlit run server.py` "
                 "gestartet ist (README, Schnellstart): nur dann bindet ein Cookie die Anmeldung an diesen Browser.")
        return
    with st.form("dp_anmeldung"):
        name = st.text_input("Name", key="dp_name", max_chars=100, autocomplete="username")
        passwort = st.text_input("Passwort", type="password", key="dp_passwort", max_chars=200,
                                 autocomplete="current-password")
        if st.form_submit_button("Anmelden", type="primary"):
            fehler = anmelden(speicher.ablage(), konten, regeln(), name, passwort, quelle=herkunft())
            if fehler:
                st.error(fehler)
            elif sitzungsschutz.mit_server():  # der Browser holt sich mit dem Code sein Cookie und lädt neu
                code = anmeldesitzung.beginnen(speicher.ablage(), name.strip(), herkunft())
                sitzungsschutz.weiterleiten(f"anmeldung/einloesen?code={code}")
                st.info("Angemeldet – die Datenpflege öffnet sich.")
            else:
                st.session_state["dp_sitzung"] = {"name": name.strip(), "aktiv": datetime.now(UTC),
                                                  "regeln": regeln()}
                st.rerun()


def abmelden() -> None:
    if oidc():
        st.logout()
    elif sitzungsschutz.mit_server():
        anmeldesitzung.beenden(speicher.ablage(), st.context.cookies.get(anmeldesitzung.COOKIE), get_cookie_secret())
        sitzungsschutz.weiterleiten("anmeldung/abmelden")  # löscht das Cookie im Browser
    _sitzung_aufgeben()


def _sitzung_aufgeben() -> None:
    if sitzung := st.session_state.get("dp_sitzung"):
        sitzung["name"] = None  # auch für schon ausgegebene Download-Funktionen (herunterladen)
        for kennung in sitzung.get("downloads", ()):
            sitzungsschutz.entfernen(kennung)
    for schluessel in ("dp_sitzung", "dp_upload"):
        st.session_state.pop(schluessel, None)
