"""Rechnen auf geprüften Kennzahlen: Indikatoren je Gebiet, Sozialraumsummen, Geheimhaltung mit HiGHS, Auswertung und
Farbklassen. Kennt keine Datenbank: was hier gerechnet wird, hängt nur an seinen Argumenten."""
