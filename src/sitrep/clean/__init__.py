"""Stage 2, clean: an ``Article`` to a ``Document`` (story, captions, dateline, date)."""

from sitrep.clean.document import clean

__all__ = ["clean"]
