"""Stage 1, read: bytes, files, directories, JSON Lines, feeds and HTML pages to ``Article``s."""

from sitrep.read.decode import decode
from sitrep.read.language import detect_language
from sitrep.read.sources import (
    DEFAULT_MAX_BYTES,
    ReadOptions,
    ReadResult,
    article_from_record,
    read_bytes,
    read_file,
    read_inputs,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "ReadOptions",
    "ReadResult",
    "article_from_record",
    "decode",
    "detect_language",
    "read_bytes",
    "read_file",
    "read_inputs",
]
