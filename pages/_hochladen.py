"""Ein Upload-Feld der Datenpflege, dessen Datei über Neuläufe hinweg bleibt."""

import streamlit as st


def hochladen(label: str, feld: str, ziel: str, typen: list[str]) -> tuple[str, bytes] | None:
    """Ein Upload-Feld, dessen Datei (Name, Inhalt) in st.session_state[ziel] bleibt, bis sie entfernt wird.

    Direkt aus dem Feld gelesen (nicht über on_change), damit überlappende Neuläufe nichts verlieren."""
    datei = st.file_uploader(label, type=typen, key=feld)
    if datei is not None:
        st.session_state[ziel], st.session_state[f"{ziel}_feld"] = (datei.name, datei.getvalue()), feld
    elif st.session_state.get(f"{ziel}_feld") == feld:  # im Feld entfernt
        st.session_state[ziel] = None
    return st.session_state.get(ziel)
