"""Inputs to articles: files, directories, standard input, URLs, JSON Lines, RSS/Atom feeds,
HTML pages and WARC/ARC crawls.

Every input item yields either an ``Article`` or the ``InputError`` that says why it could not
become one, so a batch always goes on past a bad item.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal, Protocol, TypeVar

import feedparser

from sitrep.errors import InputError, InputTooLarge, MalformedInput, UndecodableInput
from sitrep.read.decode import (
    FEED_SIZE_FACTOR,
    check_size,
    decode,
    normalise_newlines,
    read_limited,
    scrub,
)
from sitrep.read.html import fragment_to_text, page_to_text
from sitrep.read.language import check_english
from sitrep.read.limits import DEFAULT_MAX_BYTES
from sitrep.read.warc import is_warc, warc_pages
from sitrep.read.web import fetch, is_feed_type, is_url
from sitrep.records import Article, Source

logger = logging.getLogger(__name__)
T = TypeVar("T")

STDIN = "-"
# A JSON Lines line may be this many times the limit on one item: JSON escapes lengthen a text
# (up to threefold, "é" as "\u00e9"); the record's text is still held to the limit.
JSON_LINE_FACTOR = 3
# An over-long line is skipped in pieces of this size, never held whole.
_SKIP_BYTES = 1 << 20

# An article has at least this many words; fewer is markup debris, not news.
_MIN_WORDS = 3
_WORD = re.compile(r"[^\W\d_]{2,}")
_ISO_DATE = re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")
# A feed's own entity declarations are refused before feedparser sees them: expat would expand
# nested ones (a "billion laughs") to tens of megabytes before its own guard stops it, and
# feedparser's stripping of them misses declarations that do not start a line.
_ELEMENT_START = re.compile(rb"<[A-Za-z_:]")
_ENTITIES_REFUSED = (
    "feed declares XML entities (<!ENTITY>), refused: they can expand without bound "
    "or read local files"
)

Format = Literal["text", "html", "jsonl", "feed"]
ReadResult = Article | InputError

_EXTENSIONS: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}


class LineReader(Protocol):
    """What JSON Lines are read from: an open binary file, a ``gzip.GzipFile``…"""

    def readline(self, size: int = -1, /) -> bytes: ...


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How inputs are read. ``published`` overrides every article's publication date;
    ``published_from_name`` takes a file's publication date from an ISO date in its name
    (``ap_kharkiv_2024-03-04.txt``) when no metadata gives one; it then comes before
    inference from the text. ``allow_private_addresses`` lets a URL reach loopback, private
    and other non-public addresses (refused by default: see ``sitrep.read.web``)."""

    max_bytes: int = DEFAULT_MAX_BYTES
    published: date | None = None
    check_language: bool = True
    published_from_name: bool = False
    allow_private_addresses: bool = False


def read_inputs(inputs: Iterable[str], options: ReadOptions | None = None) -> Iterator[ReadResult]:
    """Articles from paths (files or directories, recursively), http(s) URLs of pages or
    feeds, and ``-`` for standard input."""
    options = options or ReadOptions()
    for name in inputs:
        if name == STDIN:
            yield from _read_stdin(options)
            continue
        if is_url(name):
            yield from _read_url(name, options)
            continue
        path = Path(name)
        if path.is_dir():
            yield from _read_directory(path, options)
        else:
            yield from read_file(path, options)


def _read_stdin(options: ReadOptions) -> Iterator[ReadResult]:
    try:
        data = read_limited(sys.stdin.buffer, "<stdin>", options.max_bytes * FEED_SIZE_FACTOR)
    except InputError as exc:
        yield exc
        return
    yield from read_bytes(data, "<stdin>", options)


def article_count(inputs: Iterable[str]) -> int | None:
    """How many items ``inputs`` hold, where that is known before reading them: files of one
    article each (text, HTML), named or in folders; None when any input may hold many (JSON
    Lines, feeds, crawls) or cannot be counted (standard input, URLs)."""
    count = 0
    for name in inputs:
        if name == STDIN or is_url(name):
            return None
        path = Path(name)
        for file in _directory_files(path) if path.is_dir() else iter([path]):
            if _EXTENSIONS.get(file.suffix.lower()) not in ("text", "html") or is_warc(file):
                return None
            count += 1
    return count


def _directory_files(root: Path) -> Iterator[Path]:
    """The files under ``root`` of a kind sitrep reads, in name order, hidden ones left out."""
    for path in sorted(root.rglob("*")):
        readable = path.suffix.lower() in _EXTENSIONS or is_warc(path)
        if path.is_file() and readable and _visible(path, root):
            yield path


def _read_directory(root: Path, options: ReadOptions) -> Iterator[ReadResult]:
    """Every article file under ``root``, in name order; hidden files and files of other kinds
    (a README.md, an image, JSON Lines of something else than articles) are passed over."""
    for path in _directory_files(root):
        if _EXTENSIONS.get(path.suffix.lower()) == "jsonl" and not _holds_articles(path, options):
            logger.info("%s: skipped, %s", path, _NOT_ARTICLES)  # as a README.md is
            continue
        yield from read_file(path, options)


# JSON Lines whose first record has neither field hold something else (gold annotations…).
_NOT_ARTICLES = 'its first record has no "text" or "html" field: not articles'


def _is_article_record(record: dict[str, Any]) -> bool:
    return "text" in record or "html" in record


def _holds_articles(path: Path, options: ReadOptions) -> bool:
    """Whether a JSON Lines file's first record is an article; a file that cannot be read or
    parsed counts as one, so that reading it reports why."""
    try:
        with path.open("rb") as stream:
            for _, item, line in jsonl_lines(
                stream, str(path), options.max_bytes * JSON_LINE_FACTOR
            ):
                if isinstance(line, InputError):
                    return True
                return _is_article_record(record_from_line(line, item))
    except (OSError, InputError):
        return True
    return True


def read_file(path: Path, options: ReadOptions | None = None) -> Iterator[ReadResult]:
    options = options or ReadOptions()
    item = str(path)
    if is_warc(path):
        yield from _read_warc(path, options)
        return
    fmt = _EXTENSIONS.get(path.suffix.lower())
    try:
        if fmt == "jsonl":
            yield from _read_jsonl_file(path, options)
            return
        with path.open("rb") as stream:
            data = read_limited(stream, item, _file_limit(fmt, options.max_bytes))
    except FileNotFoundError:
        yield InputError(item, "no such file")
        return
    except OSError as exc:
        yield InputError(item, f"cannot read ({exc.strerror or exc})")
        return
    except InputError as exc:
        yield exc
        return
    yield from dated_by_name(read_bytes(data, item, options, fmt=fmt), path.name, options)


def dated_by_name(results: Iterable[T], name: str, options: ReadOptions) -> Iterator[T]:
    """``results`` with the date in the file ``name`` as the publication date of articles that
    have none, where ``options.published_from_name`` asks it."""
    named = _date_in_name(name) if options.published_from_name else None
    for result in results:
        if named and isinstance(result, Article) and result.published_basis == "unknown":
            result = replace(result, published=named, published_basis="metadata")
        yield result


def _file_limit(fmt: Format | None, max_bytes: int) -> int:
    """How much of a file is read: a feed (or a file that may be one) holds many articles."""
    return max_bytes if fmt in ("text", "html") else max_bytes * FEED_SIZE_FACTOR


def _date_in_name(name: str) -> date | None:
    found = _ISO_DATE.search(name)
    if found is None:
        return None
    try:
        return date.fromisoformat(found.group())
    except ValueError:
        return None


def read_bytes(
    data: bytes,
    item: str,
    options: ReadOptions | None = None,
    *,
    fmt: Format | None = None,
    source: Source | None = None,
) -> Iterator[ReadResult]:
    """Articles from one item's bytes; the format is sniffed from the content when not given.
    ``source`` says where the bytes came from (by default, the item as a path)."""
    options = options or ReadOptions()
    source = source or Source(path=_path_of(item))
    try:
        if fmt == "feed" or (fmt is None and _looks_like_feed(data)):
            yield from _read_feed(data, item, options)
            return
        text = decode(data, item, max_bytes=options.max_bytes)
        if fmt == "jsonl":
            numbered = (
                (number, f"{item}:{number}", line)
                for number, line in enumerate(text.split("\n"), start=1)
                if line.strip()
            )
            yield from _read_jsonl_lines(numbered, options)
            return
        if fmt == "html" or (fmt is None and _looks_like_html(text)):
            yield _article_from_html(text, item, options, source=source)
            return
        yield _finish(Article(text=text, source=source), item, options)
    except InputError as exc:
        yield exc


def article_from_record(record: dict[str, Any], item: str, options: ReadOptions) -> Article:
    """An article from a ``{"text" | "html", "url", "title", "published"}`` mapping."""
    url = _optional_str(record, "url", item)
    title = _optional_str(record, "title", item)
    published = _parse_date(record.get("published"), item)
    source = Source(path=_path_of(item), url=url)
    if isinstance(record.get("text"), str):
        text = normalise_newlines(scrub(record["text"], item, "text"))
        check_size(text.encode("utf-8"), item, options.max_bytes)
        article = Article(text=text, source=source, title=title)
    elif isinstance(record.get("html"), str):
        html = scrub(record["html"], item, "HTML")
        check_size(html.encode("utf-8"), item, options.max_bytes)
        article = _article_from_html(html, item, options, source=source)
        title = title or article.title
    else:
        raise MalformedInput(item, 'record has neither a "text" nor an "html" string')
    article = replace(article, title=title)
    if published:
        article = replace(article, published=published, published_basis="metadata")
    return _finish(article, item, options)


def _finish(article: Article, item: str, options: ReadOptions) -> Article:
    """Checks every article passes, and the caller's publication date where one was given."""
    article = _scrubbed(article, item)
    if len(_WORD.findall(article.text, 0, 2000)) < _MIN_WORDS:
        raise MalformedInput(item, f"no readable text (fewer than {_MIN_WORDS} words)")
    if options.check_language:
        check_english(article.text, item)
    if options.published:
        return replace(article, published=options.published, published_basis="given")
    return article


def _scrubbed(article: Article, item: str) -> Article:
    """The article with every text it carries fit for any store (see ``scrub``)."""

    def clean(value: str | None, what: str) -> str | None:
        return None if value is None else scrub(value, item, what)

    source = article.source
    return replace(
        article,
        text=scrub(article.text, item, "text"),
        title=clean(article.title, "title"),
        source=Source(
            path=clean(source.path, "path"),
            url=clean(source.url, "URL"),
            outlet=clean(source.outlet, "outlet"),
        ),
        caption_texts=tuple(scrub(caption, item, "caption") for caption in article.caption_texts),
    )


def _article_from_html(html: str, item: str, options: ReadOptions, *, source: Source) -> Article:
    page = page_to_text(html, item, url=source.url)
    article = Article(
        text=normalise_newlines(page.text),
        source=Source(path=source.path, url=page.url, outlet=page.outlet),
        title=page.title,
        published=page.published,
        published_basis="metadata" if page.published else "unknown",
        caption_texts=page.captions,
    )
    return _finish(article, item, options)


def _read_url(url: str, options: ReadOptions) -> Iterator[ReadResult]:
    try:
        fetched = fetch(url, options.max_bytes, allow_private=options.allow_private_addresses)
    except InputError as exc:
        yield exc
        return
    fmt: Format | None = None
    if "html" in fetched.content_type:
        fmt = "html"
    elif is_feed_type(fetched.content_type):
        fmt = "feed"
    yield from read_bytes(fetched.body, url, options, fmt=fmt, source=Source(url=fetched.url))


def _read_warc(path: Path, options: ReadOptions) -> Iterator[ReadResult]:
    for page in warc_pages(path, options.max_bytes):
        if isinstance(page, InputError):
            yield page
            continue
        source = Source(path=str(path), url=page.url)
        yield from read_bytes(page.body, page.item, options, fmt="html", source=source)


def _read_jsonl_file(path: Path, options: ReadOptions) -> Iterator[ReadResult]:
    with path.open("rb") as stream:
        lines = jsonl_lines(stream, str(path), options.max_bytes * JSON_LINE_FACTOR)
        yield from _read_jsonl_lines(lines, options)


def jsonl_lines(
    stream: LineReader, name: str, max_line_bytes: int
) -> Iterator[tuple[int, str, str | InputError]]:
    """The non-blank lines of a JSON Lines stream as ``(number, item, text)``, numbered from 1
    (blank lines counted). A line that is not UTF-8, or longer than ``max_line_bytes``, is an
    error in its place; an over-long line is skipped without ever being held whole."""
    number = 0
    while raw := stream.readline(max_line_bytes + 1):
        number += 1
        item = f"{name}:{number}"
        if len(raw) > max_line_bytes and not raw.endswith(b"\n"):
            _skip_line(stream)
            yield number, item, _line_too_long(item, max_line_bytes)
        elif raw.strip():
            yield number, item, _decode_line(raw.removesuffix(b"\n"), item)


def _line_too_long(item: str, max_line_bytes: int) -> InputTooLarge:
    reason = f"line longer than the limit of {max_line_bytes:,} bytes (raise it with --max-bytes)"
    return InputTooLarge(item, reason)


def _skip_line(stream: LineReader) -> None:
    while (piece := stream.readline(_SKIP_BYTES)) and not piece.endswith(b"\n"):
        pass


def _decode_line(raw: bytes, item: str) -> str | InputError:
    try:
        return raw.decode("utf-8-sig" if item.endswith(":1") else "utf-8")
    except UnicodeDecodeError:
        return UndecodableInput(item, "JSON Lines must be UTF-8")


def record_from_line(line: str, item: str) -> dict[str, Any]:
    """The JSON object of one JSON Lines line."""
    try:
        record = json.loads(scrub(line, item, "line"))
    except json.JSONDecodeError as exc:
        raise MalformedInput(item, f"invalid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise MalformedInput(item, "a JSON Lines record must be an object")
    return record


def _read_jsonl_lines(
    lines: Iterable[tuple[int, str, str | InputError]], options: ReadOptions
) -> Iterator[ReadResult]:
    """An article or an error per line; a stream whose first record is not an article is one
    error, not one per line."""
    first = True
    for _, item, line in lines:
        if isinstance(line, InputError):
            yield line
            continue
        try:
            record = record_from_line(line, item)
            if first and not _is_article_record(record):
                yield MalformedInput(item, f"{_NOT_ARTICLES}, so the rest is not read")
                return
            first = False
            yield article_from_record(record, item, options)
        except InputError as exc:
            yield exc


def _read_feed(data: bytes, item: str, options: ReadOptions) -> Iterator[ReadResult]:
    check_size(data, item, options.max_bytes * FEED_SIZE_FACTOR)
    if _declares_entities(data):
        yield MalformedInput(item, _ENTITIES_REFUSED)
        return
    feed = feedparser.parse(data)
    if not feed.entries:
        problem = feed.get("bozo_exception")
        reason = f"not a valid RSS/Atom feed ({problem})" if problem else "feed has no items"
        yield MalformedInput(item, reason)
        return
    outlet = feed.feed.get("title") or None
    for number, entry in enumerate(feed.entries, start=1):
        entry_item = f"{item}[{number}]"
        try:
            yield _article_from_entry(entry, entry_item, options, outlet)
        except InputError as exc:
            yield exc


def _article_from_entry(entry: Any, item: str, options: ReadOptions, outlet: str | None) -> Article:
    contents = entry.get("content") or []
    html = contents[0].get("value") if contents else entry.get("summary")
    if not html:
        raise MalformedInput(item, "feed item has no content or summary")
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    published = date(*parsed[:3]) if parsed else None
    return _finish(
        Article(
            text=fragment_to_text(html, item),
            source=Source(path=_path_of(item), url=entry.get("link"), outlet=outlet),
            title=entry.get("title"),
            published=published,
            published_basis="metadata" if published else "unknown",
        ),
        item,
        options,
    )


def _declares_entities(data: bytes) -> bool:
    """Whether an XML document declares entities before its root element. NUL bytes are
    dropped first, so that UTF-16 and UTF-32 documents are searched as ASCII."""
    ascii_view = data.replace(b"\x00", b"")
    root = _ELEMENT_START.search(ascii_view)
    return b"<!ENTITY" in ascii_view[: root.start() if root else len(ascii_view)]


def _looks_like_feed(data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head)


def _looks_like_html(text: str) -> bool:
    head = text[:1024].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or (
        head.startswith("<") and ("<body" in text[:20000].lower() or "<p>" in head)
    )


def _visible(path: Path, root: Path) -> bool:
    return not any(part.startswith(".") for part in path.relative_to(root).parts)


def _path_of(item: str) -> str | None:
    return None if item == "<stdin>" else item


def _optional_str(record: dict[str, Any], key: str, item: str) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value or None
    raise MalformedInput(item, f'"{key}" must be a string')


def _parse_date(value: object, item: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
        except ValueError:
            pass
    raise MalformedInput(item, f'"published" must be an ISO date like 2020-11-08, not {value!r}')
