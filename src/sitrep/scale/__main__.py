"""``python -m sitrep.scale INPUT... --out DIR``: the same as ``sitrep spark``."""

import sys

from sitrep.cli import app

app(["spark", *sys.argv[1:]], prog_name="python -m sitrep.scale")
