"""Stage 1, read: bytes, files, directories, JSON Lines, feeds and HTML pages to ``Article``s.

Its parts are imported on first use (HTML extraction loads trafilatura): a command line's
--help reads only ``DEFAULT_MAX_BYTES``.
"""

from typing import TYPE_CHECKING

from sitrep.lazy import lazy_names
from sitrep.read.decode import decode  # the function, not its module of the same name
from sitrep.read.language import detect_language
from sitrep.read.limits import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from sitrep.read.sources import (
        ReadOptions,
        ReadResult,
        article_count,
        article_from_record,
        read_bytes,
        read_file,
        read_inputs,
    )

_LAZY = {
    "article_count": "sitrep.read.sources",
    "ReadOptions": "sitrep.read.sources",
    "ReadResult": "sitrep.read.sources",
    "article_from_record": "sitrep.read.sources",
    "read_bytes": "sitrep.read.sources",
    "read_file": "sitrep.read.sources",
    "read_inputs": "sitrep.read.sources",
}


__getattr__ = lazy_names(__name__, _LAZY)


__all__ = [
    "DEFAULT_MAX_BYTES",
    "ReadOptions",
    "ReadResult",
    "article_count",
    "article_from_record",
    "decode",
    "detect_language",
    "read_bytes",
    "read_file",
    "read_inputs",
]
