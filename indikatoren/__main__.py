import sys

from indikatoren.cli import main

sys.exit(main())
