"""WARC and ARC crawl files: the HTML pages among their HTTP responses.

Other records (requests, metadata, images, redirects, error pages) are passed over. A corrupt
record ends the file with one error naming the file: what came before it is kept, and a WARC
cannot be resynchronised past a damaged record reliably.

Reading a crawl file takes bounded memory, and time in proportion to its size, whatever it
holds. warcio parses the records, but through ``_BoundedReader``, which inflates a ``.gz`` a
few kilobytes at a time, refuses a header line over ``MAX_HEADER_LINE`` bytes and a record's
headers over ``MAX_HEADER_BYTES`` (warcio would gather either whole), and stops a file that
decompresses to more than ``INFLATE_RATIO`` times what was read of it (a gzip bomb); each of
these ends the file. A page's body is read, de-chunked and inflated here a piece at a time
(warcio's own ``content_stream`` holds a whole HTTP chunk, and inflates it at once) and cut
one piece past the limit: a page over it is one error, and the records after it are read.
"""

from __future__ import annotations

import io
import itertools
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed

from sitrep.errors import InputError, InputTooLarge, MalformedInput

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")

MAX_HEADER_LINE = 64 * 1024
# Of one record: its WARC and HTTP header lines (and the blank lines before them).
MAX_HEADER_BYTES = 256 * 1024
# A compressed crawl file may decompress to this many times what was read of it, past the
# first INFLATE_ALLOWANCE bytes; crawls of web pages stay near 5 times.
INFLATE_RATIO = 100
INFLATE_ALLOWANCE = 100_000_000
# Compressed bytes inflated at once: deflate expands 1032-fold at most, so about 4 MB out.
_BLOCK = 4096
# Bytes of a page's body read, de-chunked or inflated at once.
_PIECE = 1 << 16
# The longest chunk-size line of a chunked body, as warcio reads it.
_CHUNK_SIZE_LINE = 64
# zlib's window bits for a gzip or zlib stream (detected from its header), then a raw deflate
# one (what some servers send as "deflate").
_INFLATE_WBITS = (zlib.MAX_WBITS | 32, -zlib.MAX_WBITS)
_COMPRESSED = frozenset({"gzip", "x-gzip", "deflate"})


@dataclass(frozen=True, slots=True)
class Page:
    """One archived HTML response."""

    item: str
    url: str | None
    body: bytes


class _Overrun(Exception):
    """A crawl file past one of the bounds of ``_BoundedReader``; the message says which."""


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def warc_pages(path: Path, max_bytes: int) -> Iterator[Page | InputError]:
    """The HTML responses of a WARC/ARC file (gzipped or not), in file order."""
    try:
        with path.open("rb") as stream:
            yield from warc_stream_pages(stream, str(path), max_bytes)
    except OSError as exc:
        yield InputError(str(path), f"cannot read ({exc.strerror or exc})")


def warc_bytes_pages(data: bytes, name: str, max_bytes: int) -> Iterator[Page | InputError]:
    """``warc_pages`` for a crawl file already in memory (as Spark's ``binaryFiles`` gives it);
    ``name`` says where it came from in items and errors."""
    yield from warc_stream_pages(io.BytesIO(data), name, max_bytes)


def warc_stream_pages(stream: BinaryIO, name: str, max_bytes: int) -> Iterator[Page | InputError]:
    """The HTML responses of a WARC/ARC byte stream, in order; ``name`` names the crawl file."""
    records = ArchiveIterator(stream, arc2warc=True)
    # warcio reads through the reader it makes here; nothing is read before iteration starts.
    reader = records.reader = _BoundedReader(records.fh)
    try:
        for record in records:
            reader.next_record()
            page = _page(record, name, max_bytes)
            if page is not None:
                yield page
    except _Overrun as exc:
        yield InputTooLarge(name, f"{exc}; the rest of the file is skipped")
    except OSError as exc:  # a truncated or damaged gzip member among them
        yield InputError(name, f"cannot read ({exc.strerror or exc})")
    # warcio raises whatever its parser meets in damaged data (ArchiveLoadFailed, ValueError,
    # AttributeError on a missing header…): any of them ends this file, never the batch.
    except (ArchiveLoadFailed, Exception) as exc:
        reason = f"corrupt WARC record ({_one_line(exc)}); the rest of the file is skipped"
        yield MalformedInput(name, reason)


class _BoundedReader(DecompressingBufferedReader):  # type: ignore[misc]  # warcio is untyped
    """warcio's reader of a crawl file, held to the bounds the module docstring gives. Every
    line warcio reads through it is a header line, a blank line between records or the size
    line of a chunk: its bodies are read with ``read``."""

    def __init__(self, raw: BinaryIO) -> None:
        super().__init__(raw, block_size=_BLOCK)
        self._raw = raw
        self._records = 0
        self._header_bytes = 0

    def next_record(self) -> None:
        """A record was handed over, its headers read: the lines from here on are counted
        as the next record's."""
        self._records += 1
        self._header_bytes = 0

    def readline(self, length: int | None = None) -> bytes:
        allowed = min(MAX_HEADER_LINE, MAX_HEADER_BYTES - self._header_bytes) + 1
        line = self._line(allowed if length is None else min(length, allowed))
        self._header_bytes += len(line)
        where = f"record {self._records + 1}"
        if len(line) > MAX_HEADER_LINE:
            raise _Overrun(f"{where}: header line longer than {MAX_HEADER_LINE:,} bytes")
        if self._header_bytes > MAX_HEADER_BYTES:
            raise _Overrun(f"{where}: headers longer than {MAX_HEADER_BYTES:,} bytes")
        self._check_inflation()
        return line

    def _line(self, limit: int) -> bytes:
        """A line of at most ``limit`` bytes. warcio's ``readline`` may stop short of both the
        end of a line and the limit where the line crosses its buffer: it is asked again."""
        line = io.BytesIO()
        while line.tell() < limit and (piece := super().readline(limit - line.tell())):
            line.write(piece)
            if piece.endswith(b"\n"):
                break
        return line.getvalue()

    def read(self, length: int | None = None) -> bytes:
        data: bytes = super().read(_PIECE if length is None else length)  # never all at once
        if data:
            self._header_bytes = 0  # a body: the lines after it are counted afresh
        self._check_inflation()
        return data

    def _check_inflation(self) -> None:
        if self.tell() > INFLATE_RATIO * self._raw.tell() + INFLATE_ALLOWANCE:
            raise _Overrun(
                f"decompresses to over {INFLATE_RATIO} times its size, a gzip bomb "
                f"({self.tell():,} bytes from {self._raw.tell():,})"
            )


def _page(record: Any, name: str, max_bytes: int) -> Page | InputError | None:
    if record.rec_type != "response":
        return None
    headers = record.http_headers
    if headers is None or headers.get_statuscode() != "200":
        return None
    if "html" not in (headers.get_header("Content-Type") or "").lower():
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    item = f"{name}#{url}" if url else name
    try:
        body = _gathered(_payload(record, item), item, max_bytes)
    except InputError as exc:
        return exc
    return Page(item=item, url=url, body=body)


def _payload(record: Any, item: str) -> Iterator[bytes]:
    """The body of an HTTP response record, a piece at a time, its transfer and content
    codings undone (what warcio's ``content_stream`` gives, in bounded pieces)."""
    headers = record.http_headers
    stream = record.raw_stream
    chunked = _header(headers, "Transfer-Encoding") == "chunked"
    pieces = _dechunked(stream) if chunked else _pieces(stream)
    if _header(headers, "Content-Encoding") in _COMPRESSED:
        return _inflated(pieces, item)
    return pieces


def _header(headers: Any, name: str) -> str:
    return str(headers.get_header(name) or "").strip().lower()


def _gathered(pieces: Iterator[bytes], item: str, max_bytes: int) -> bytes:
    body = io.BytesIO()  # its getvalue() shares the buffer: the bytes are never held twice
    for piece in pieces:
        body.write(piece)
        if body.tell() > max_bytes:
            reason = f"page larger than {max_bytes:,} bytes (raise it with --max-bytes)"
            raise InputTooLarge(item, reason)
    return body.getvalue()


def _pieces(stream: Any, size: int | None = None) -> Iterator[bytes]:
    """``stream`` read ``_PIECE`` bytes at a time, to its end or for ``size`` bytes."""
    left = size
    while left is None or left > 0:
        piece: bytes = stream.read(_PIECE if left is None else min(_PIECE, left))
        if not piece:
            return
        if left is not None:
            left -= len(piece)
        yield piece


def _dechunked(stream: Any) -> Iterator[bytes]:
    """A body sent with ``Transfer-Encoding: chunked``, its chunks joined. A body that is not
    chunked after all (a crawler stored it joined but kept the header) is taken as it is from
    the first line that is no chunk size, as warcio does."""
    while size_line := stream.readline(_CHUNK_SIZE_LINE):
        size = _chunk_size(size_line)
        if size is None:
            yield size_line
            yield from _pieces(stream)
            return
        if size == 0:
            return
        yield from _pieces(stream, size)
        stream.read(2)  # the CRLF that ends a chunk


def _chunk_size(line: bytes) -> int | None:
    if not line.endswith(b"\r\n"):
        return None
    try:
        return int(line[:-2].split(b";")[0], 16)
    except ValueError:
        return None


def _inflated(pieces: Iterator[bytes], item: str) -> Iterator[bytes]:
    """A body sent with ``Content-Encoding: gzip`` or ``deflate``, inflated at most ``_PIECE``
    bytes at a time. A body that does not start as a compressed stream (stored inflated, the
    header kept) is taken as it is, as warcio does."""
    first = next(pieces, b"")
    wbits = _inflate_wbits(first)
    if wbits is None:
        yield first
        yield from pieces
        return
    inflater = zlib.decompressobj(wbits)
    for piece in itertools.chain([first], pieces):
        data = piece
        while data:
            try:
                yield inflater.decompress(data, _PIECE)
            except zlib.error as exc:
                raise MalformedInput(item, f"damaged compressed body ({exc})") from None
            data = inflater.unconsumed_tail
    yield inflater.flush()


def _inflate_wbits(head: bytes) -> int | None:
    """zlib's window bits for a body that starts with ``head``, or None when none takes it."""
    for wbits in _INFLATE_WBITS:
        try:
            zlib.decompressobj(wbits).decompress(head, _PIECE)
        except zlib.error:
            continue
        return wbits
    return None


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__
