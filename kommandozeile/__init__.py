"""Die Kommandozeile der Stabsstelle (`python -m kommandozeile` oder wie bisher `python -m indikatoren`): eine Kante
wie pages/, über den Fachpaketen und dem Kern; sie ordnet Befehle an und ruft Funktionen darunter."""
