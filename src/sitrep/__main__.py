"""``python -m sitrep``: the command line."""

from sitrep.cli import app

app(prog_name="sitrep")
