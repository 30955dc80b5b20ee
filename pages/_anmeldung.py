"""Anmeldung zur Datenpflege: OpenID Connect über st.login, wenn der Kreis einen Anbieter in
.streamlit/secrets.toml ([auth]) eingerichtet hat, sonst lokale Konten ([datenpflege.konten], bcrypt).
Leser brauchen keine Anmeldung; die Seite Datenpflege ist ohne sie nicht in der Navigation."""

from datetime import UTC, datetime

import streamlit as st

from indikatoren.anmeldung import Regeln, abgelaufen, anmelden
from pages import _rahmen as rahmen


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
        erlaubt = einstellungen().get("erlaubt")
        return name if not erlaubt or name in erlaubt else None
    name = st.session_state.get("dp_benutzer")
    if name is None:
        return None
    jetzt = datetime.now(UTC)
    if abgelaufen(st.session_state["dp_aktiv"], regeln(), jetzt):
        abmelden()
        st.session_state["dp_hinweis"] = "Die Sitzung ist nach längerer Inaktivität abgelaufen. Bitte neu anmelden."
        return None
    st.session_state["dp_aktiv"] = jetzt
    return name


def anmeldeformular() -> None:
    st.title("Datenpflege – Anmeldung")
    if hinweis := st.session_state.pop("dp_hinweis", None):
        st.info(hinweis)
    if oidc():
        if st.user.is_logged_in:
            st.error("Dieses Konto ist für die Datenpflege nicht freigegeben.")
        st.button("Mit dem Konto des Landkreises anmelden", on_click=st.login, type="primary")
        return
    konten = dict(einstellungen().get("konten", {}))
    if not konten:
        st.warning("Es ist noch kein Konto eingerichtet. Die Stabsstelle legt Konten in .streamlit/secrets.toml "
                   "unter [datenpflege.konten] an (siehe README, Abschnitt Datenpflege).")
        return
    with st.form("dp_anmeldung"):
        name = st.text_input("Name", key="dp_name")
        passwort = st.text_input("Passwort", type="password", key="dp_passwort")
        if st.form_submit_button("Anmelden", type="primary"):
            fehler = anmelden(rahmen.ablage(), konten, regeln(), name, passwort)
            if fehler:
                st.error(fehler)
            else:
                st.session_state["dp_benutzer"] = name.strip()
                st.session_state["dp_aktiv"] = datetime.now(UTC)
                st.rerun()


def abmelden() -> None:
    if oidc():
        st.logout()
    for schluessel in ("dp_benutzer", "dp_aktiv", "dp_upload"):
        st.session_state.pop(schluessel, None)
