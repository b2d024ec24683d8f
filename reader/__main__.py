"""``python -m reader``: the same as the ``s1reader`` command."""

import sys

from .cli import main

sys.exit(main())
