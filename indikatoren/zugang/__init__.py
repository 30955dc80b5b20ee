"""Wer in die Datenpflege darf: lokale Konten, Rollen und die an den Browser gebundene Anmeldung."""
