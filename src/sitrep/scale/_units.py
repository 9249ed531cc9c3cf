"""Crawl files into units of work, and units into articles, with no Spark in sight.

A file is split where it is read (one Spark task per file): a JSON Lines file into its lines, a
WARC/ARC file into its HTML pages. Spark then spreads the units over every core, so the
articles of one big file are read and parsed in parallel. A unit becomes an article with the
readers ``sitrep extract`` uses, so the two give the same records.
"""

from __future__ import annotations

import gzip
import io
import os
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from sitrep.errors import InputError
from sitrep.read import ReadOptions, article_from_record, read_bytes
from sitrep.read.sources import (
    JSON_LINE_FACTOR,
    LineReader,
    dated_by_name,
    jsonl_lines,
    record_from_line,
)
from sitrep.read.warc import WARC_SUFFIXES, warc_bytes_pages
from sitrep.records import Article, Source

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
READABLE = ", ".join((*WARC_SUFFIXES, *JSONL_SUFFIXES))


class Line(NamedTuple):
    """One line of a JSON Lines file: ``item`` is ``file:number``, as ``sitrep extract`` says."""

    input: str
    position: int  # the line number
    item: str
    text: str


class Page(NamedTuple):
    """One HTML response of a crawl file: ``item`` is ``file#url``."""

    input: str
    position: int  # 1 for the file's first HTML response, 2 for the next…
    item: str
    url: str | None
    body: bytes


class Failure(NamedTuple):
    """An item that gave no article: the file it is in, the item, the reason and its code."""

    input: str
    item: str
    code: str
    reason: str

    @classmethod
    def of(cls, name: str, error: InputError) -> Failure:
        return cls(name, error.item, error.reason_code, error.reason)


Unit = Line | Page


class Copy(NamedTuple):
    """One place an article's text was found; copies sort in input order, then file order."""

    input: str
    position: int
    item: str
    source: tuple[str | None, str | None, str | None]  # path, url, outlet


class Found(NamedTuple):
    """An article and every place its text was found (the same text is the same article), in
    order; the article is the one read at the first of them."""

    article: Article
    copies: tuple[Copy, ...]


def found(unit: Unit, article: Article) -> tuple[str, Found]:
    """The article keyed by its id (a hash of its text), for Spark to bring copies together."""
    source = (article.source.path, article.source.url, article.source.outlet)
    return article.id, Found(article, (Copy(unit.input, unit.position, unit.item, source),))


def merge(first: Found, second: Found) -> Found:
    """Two finds of one text as one: the article read at the first place (by input name, then
    position in the file, so the choice does not depend on how Spark split the work), every
    place kept."""
    kept = first if first.copies[0] <= second.copies[0] else second
    return Found(kept.article, tuple(sorted(first.copies + second.copies)))


def local_aliases(inputs: Sequence[str]) -> list[tuple[str, str]]:
    """``(absolute path, as given)`` for each local input, longest first, so that a file Spark
    names ``file:/home/me/news/a.jsonl`` is reported as ``news/a.jsonl``, as ``extract`` does.
    A glob stands for the folder before its first pattern (``crawl/*.warc.gz`` for ``crawl``)."""
    folders = [_before_pattern(name) for name in inputs if _is_local(name)]
    aliases = [(_local_path(name), name) for name in folders]
    return sorted(aliases, key=lambda alias: len(alias[0]), reverse=True)


def _before_pattern(name: str) -> str:
    """The path up to the first part with a glob pattern in it (Hadoop's: ``* ? [ {``)."""
    parts = name.split("/")
    plain = next((n for n, part in enumerate(parts) if any(c in part for c in "*?[{")), None)
    if plain is None:
        return name
    return "/".join(parts[:plain]) or ("/" if name.startswith("/") else ".")


def display_name(uri: str, aliases: Sequence[tuple[str, str]]) -> str:
    """The name a user knows a file by: a local file as its input spelled it (or its absolute
    path), any other file (``hdfs://…``, ``s3a://…``) by its URI."""
    parts = urlsplit(uri)
    if parts.scheme not in ("", "file"):
        return uri
    path = unquote(parts.path) if parts.scheme else uri
    for absolute, given in aliases:
        if path == absolute:
            return given
        if path.startswith(absolute.rstrip("/") + "/"):
            return str(Path(given) / path[len(absolute.rstrip("/")) + 1 :])
    return path


def split_file(name: str, data: bytes, max_bytes: int) -> Iterator[Unit | Failure]:
    """The units of one input file: its lines or its pages; a bad file is one failure."""
    lowered = name.lower()
    if lowered.endswith(WARC_SUFFIXES):
        yield from _pages(name, data, max_bytes)
    elif lowered.endswith(JSONL_SUFFIXES):
        yield from _lines(name, data, max_bytes * JSON_LINE_FACTOR)
    else:
        reason = f"not a crawl or JSON Lines file (sitrep spark reads {READABLE})"
        yield Failure(name, name, "unsupported", reason)


def _pages(name: str, data: bytes, max_bytes: int) -> Iterator[Page | Failure]:
    for position, page in enumerate(warc_bytes_pages(data, name, max_bytes), start=1):
        if isinstance(page, InputError):
            yield Failure.of(name, page)
        else:
            yield Page(name, position, page.item, page.url, page.body)


def _lines(name: str, data: bytes, max_line_bytes: int) -> Iterator[Line | Failure]:
    """The non-blank lines, numbered as ``extract`` numbers them (from 1, blank ones counted).
    A gzipped file is decompressed as it is read, so a small file that decompresses to a huge
    one (a gzip bomb) is never held whole: an over-long line fails alone."""
    stream: LineReader = io.BytesIO(data)
    if name.lower().endswith(".gz"):
        stream = gzip.GzipFile(fileobj=io.BytesIO(data), mode="rb")
    try:
        for number, item, text in jsonl_lines(stream, name, max_line_bytes):
            if isinstance(text, InputError):
                yield Failure.of(name, text)
            else:
                yield Line(name, number, item, text)
    except (OSError, EOFError, zlib.error) as exc:
        yield Failure(name, name, "malformed", f"not a valid gzip file ({exc})")


def read_unit(unit: Unit, options: ReadOptions) -> Iterator[Article | Failure]:
    """The article of a unit, read as ``extract`` reads it (a date in its file's name as its
    publication date, with ``published_from_name``), or why there is none."""
    yield from dated_by_name(_read(unit, options), Path(unit.input).name, options)


def _read(unit: Unit, options: ReadOptions) -> Iterator[Article | Failure]:
    try:
        if isinstance(unit, Page):
            source = Source(path=unit.input, url=unit.url)
            for result in read_bytes(unit.body, unit.item, options, fmt="html", source=source):
                yield Failure.of(unit.input, result) if isinstance(result, InputError) else result
        else:
            yield article_from_record(record_from_line(unit.text, unit.item), unit.item, options)
    except InputError as exc:
        yield Failure.of(unit.input, exc)


def _is_local(name: str) -> bool:
    return urlsplit(name).scheme in ("", "file")


def _local_path(name: str) -> str:
    parts = urlsplit(name)
    return os.path.normpath(Path(unquote(parts.path) if parts.scheme else name).absolute())
