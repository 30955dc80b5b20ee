import sys

from kommandozeile.haupt import main

sys.exit(main())
