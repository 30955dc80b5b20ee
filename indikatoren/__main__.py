"""`python -m indikatoren` bleibt der gewohnte Aufruf; die Kommandozeile selbst liegt in kommandozeile/ (einzige
erlaubte Ausnahme von der Regel, dass der Kern nichts darüber importiert – in .importlinter benannt)."""

import sys

from kommandozeile.haupt import main

sys.exit(main())
