"""Kern des Sozialplanungs-Dashboards: Indikatoren, Prüfung, Berechnung, Datenstände, Geodaten.

Dieses Paket importiert nie Streamlit, damit alles ohne Oberfläche testbar und per CLI nutzbar bleibt.
"""
