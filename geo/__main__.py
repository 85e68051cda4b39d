"""``python -m geo``: the command-line interface."""

import sys

from geo.cli import main

sys.exit(main())
