"""Bytes to text: size and binary checks, encoding detection, newline normalisation, and the
scrubbing of characters no store should see."""

from __future__ import annotations

import codecs
import contextlib
import io
import logging
import re
from collections.abc import Iterator
from typing import BinaryIO

from charset_normalizer import from_bytes

from sitrep.errors import BinaryInput, EmptyInput, InputTooLarge, UndecodableInput

# (signature, encoding) pairs, longest first so UTF-32's BOM is not read as UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# File signatures of formats people feed to text tools by mistake.
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/Excel file)"),
    (b"\x1f\x8b", "gzip-compressed data (decompress it first)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"\x7fELF", "an executable"),
)

logger = logging.getLogger(__name__)

# A feed holds many articles: it may be this many times the limit on one item.
FEED_SIZE_FACTOR = 20

_SNIFF_BYTES = 8192
_READ_CHUNK = 1 << 20
# C0 and C1 control characters, less tab, newline, form feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# Share of control characters (other than tab and newlines) above which decoded text is junk.
_MAX_CONTROL_SHARE = 0.01
# charset-normalizer's "chaos" (mess) score above which its guess is not trusted.
_MAX_CHAOS = 0.2
# A decoding is readable when this share of it is letters, digits, spaces and punctuation, and
# this share is spaces (words are separated).
_MIN_ORDINARY_SHARE = 0.9
_MIN_SPACE_SHARE = 0.05
_PUNCTUATION = frozenset(".,;:!?'\"()[]-–—/&%$€£@#*+=’‘“”…«»")
# What SQLite, PostgreSQL and strict JSON cannot all take: C0 control characters other than
# tab, newline and carriage return (PostgreSQL refuses NUL), and lone UTF-16 surrogates (JSON's
# "\ud800", a file name in a foreign encoding), which no UTF-8 encoder accepts.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_PAGE_BREAK = re.compile("[\x0b\x0c]")  # vertical tab, form feed: line breaks, kept as such
_C0_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")


def check_size(data: bytes, item: str, max_bytes: int) -> None:
    if len(data) > max_bytes:
        raise InputTooLarge(
            item,
            f"{len(data):,} bytes is over the limit of {max_bytes:,} bytes "
            "(raise it with --max-bytes)",
        )


def read_limited(stream: BinaryIO, item: str, limit: int) -> bytes:
    """The bytes of ``stream``, read a chunk at a time and no further than one byte past
    ``limit``: a stream that holds more is refused without being read whole."""
    data = io.BytesIO()  # its getvalue() shares the buffer: the bytes are never held twice
    while data.tell() <= limit and (
        chunk := stream.read(min(_READ_CHUNK, limit + 1 - data.tell()))
    ):
        data.write(chunk)
    if data.tell() > limit:
        raise InputTooLarge(item, f"over the limit of {limit:,} bytes (raise it with --max-bytes)")
    return data.getvalue()


def scrub(text: str, item: str, what: str) -> str:
    """``text`` fit for any store and any JSON: lone surrogates become U+FFFD, vertical tabs and
    form feeds newlines, and other C0 control characters (NUL…) are removed. What was changed
    is logged as a warning naming ``item`` and ``what`` (the text, the title…)."""
    if _UNSAFE.search(text) is None:
        return text
    text, surrogates = _SURROGATE.subn("\ufffd", text)
    text, controls = _C0_CONTROL.subn("", _PAGE_BREAK.sub("\n", text))
    changes = []
    if surrogates:
        changes.append(f"replaced {surrogates} lone surrogate(s) with U+FFFD")
    if controls:
        changes.append(f"removed {controls} control character(s) such as NUL")
    if changes:
        logger.warning("%s: %s in the %s", item, " and ".join(changes), what)
    return text


def decode(data: bytes, item: str, *, max_bytes: int) -> str:
    """Decode one item's bytes to text, normalising newlines to ``\\n``.

    Raises an ``InputError`` subclass, naming ``item``, for input that is too large, empty,
    binary or undecodable.
    """
    check_size(data, item, max_bytes)
    if not data.strip():
        raise EmptyInput(item, "empty input (no text at all)")
    text = _decode_bytes(data, item)
    if not text.strip():
        raise EmptyInput(item, "empty input (only whitespace after decoding)")
    _reject_control_characters(text, item)
    return scrub(normalise_newlines(text), item, "text")


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_bytes(data: bytes, item: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise UndecodableInput(
                    item, f"starts with a {encoding} byte-order mark but is not {encoding}"
                ) from exc
    head = data[:_SNIFF_BYTES]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise BinaryInput(item, f"binary data ({what}), not text")
    utf16 = _utf16_without_bom(head)
    if utf16:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError as exc:
            raise UndecodableInput(item, f"looks like {utf16} but does not decode") from exc
    if b"\x00" in head:
        raise BinaryInput(item, "binary data (NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for text in _legacy_decodings(data):
        if _reads_as_text(text):
            return text
    raise UndecodableInput(
        item, "undecodable bytes: not UTF-8, and no other encoding gives readable text"
    )


def _legacy_decodings(data: bytes) -> Iterator[str]:
    """Windows-1252 first (the legacy encoding of most English web text), then the guess of
    charset-normalizer when it is confident."""
    with contextlib.suppress(UnicodeDecodeError):
        yield data.decode("cp1252")
    guess = from_bytes(data).best()
    if guess is not None and guess.chaos <= _MAX_CHAOS:
        yield str(guess)


def _reads_as_text(text: str) -> bool:
    """Prose is mostly letters, digits, spaces and punctuation, with spaces between words."""
    if not text:
        return False
    ordinary = sum(1 for ch in text if ch.isalnum() or ch.isspace() or ch in _PUNCTUATION)
    spaces = sum(1 for ch in text if ch.isspace())
    return ordinary >= _MIN_ORDINARY_SHARE * len(text) and spaces >= _MIN_SPACE_SHARE * len(text)


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 text of Latin script has a NUL in every other byte; say which half."""
    if len(head) < 8:
        return None
    even_nuls = head[0::2].count(0) / len(head[0::2])
    odd_nuls = head[1::2].count(0) / len(head[1::2])
    if odd_nuls > 0.8 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.8 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _reject_control_characters(text: str, item: str) -> None:
    sample = text[:_SNIFF_BYTES]
    controls = len(_CONTROL.findall(sample))
    if controls > _MAX_CONTROL_SHARE * len(sample):
        raise BinaryInput(item, f"binary data ({controls} control characters in the first 8 KB)")
