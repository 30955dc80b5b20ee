"""Orte im Kreis: Einrichtungen (Liste, Pflege, Geokodierung, OpenStreetMap) und Sozialräume."""
