"""WARC and ARC crawl files: the HTML pages among their HTTP responses.

Other records (requests, metadata, images, redirects, error pages) are passed over. A corrupt
record ends the file with one error naming the file and the offset: what came before it is
kept, and a WARC cannot be resynchronised past a damaged record reliably.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from sitrep.errors import InputError, MalformedInput

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")


@dataclass(frozen=True, slots=True)
class Page:
    """One archived HTML response."""

    item: str
    url: str | None
    body: bytes


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
    try:
        for record in ArchiveIterator(stream, arc2warc=True):
            page = _page(record, name, max_bytes)
            if page is not None:
                yield page
    except OSError as exc:  # a truncated or damaged gzip member among them
        yield InputError(name, f"cannot read ({exc.strerror or exc})")
    # warcio raises whatever its parser meets in damaged data (ArchiveLoadFailed, ValueError,
    # AttributeError on a missing header…): any of them ends this file, never the batch.
    except (ArchiveLoadFailed, Exception) as exc:
        reason = f"corrupt WARC record ({_one_line(exc)}); the rest of the file is skipped"
        yield MalformedInput(name, reason)


def _page(record: object, name: str, max_bytes: int) -> Page | InputError | None:
    if getattr(record, "rec_type", None) != "response":
        return None
    headers = record.http_headers  # type: ignore[attr-defined]
    if headers is None or headers.get_statuscode() != "200":
        return None
    if "html" not in (headers.get_header("Content-Type") or "").lower():
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")  # type: ignore[attr-defined]
    item = f"{name}#{url}" if url else name
    body = record.content_stream().read(max_bytes + 1)  # type: ignore[attr-defined]
    if len(body) > max_bytes:
        return InputError(item, f"page larger than {max_bytes:,} bytes")
    return Page(item=item, url=url, body=body)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__
