"""``python -m tensorguide``: see :mod:`tensorguide.cli`."""

import sys

from .cli import main

sys.exit(main())
