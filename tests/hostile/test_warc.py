"""Reading hostile WARC crawl files: gzip bombs, a page far over the limit (plain, chunked, and
compressed inside the record), header lines and headers far over their bounds. Every file is
generated here, in ``tmp_path``; a large one is sparse or a repeated compressed block.

Every text here is composed for these tests.
"""

from __future__ import annotations

import gzip
import io
import re
import struct
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sitrep.errors import InputError, InputTooLarge
from sitrep.read import ReadOptions, read_file
from sitrep.read.limits import DEFAULT_MAX_BYTES
from sitrep.read.warc import MAX_HEADER_BYTES, MAX_HEADER_LINE, Page, warc_pages
from sitrep.records import Article
from tests.hostile.memory import peak_bytes

MB = 1_000_000
STORY = (
    "KHERSON, Ukraine (AP) — Russian shelling killed three civilians in Kherson on Monday, "
    "the regional governor said. Rescue workers searched the rubble until late at night."
)
PAGE = f"<html><head><title>News</title></head><body><article><p>{STORY}</p></article></body></html>".encode()
HTTP_OK = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
BEFORE, AFTER = "https://news.example.org/before", "https://news.example.org/after"
# A gzip member's header: deflate, no name, no time, any operating system.
GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"


def read(path: Path) -> list[Page | InputError]:
    return list(warc_pages(path, DEFAULT_MAX_BYTES))


def warc_head(url: str, length: int, record_type: str = "response") -> bytes:
    return (
        f"WARC/1.0\r\nWARC-Type: {record_type}\r\nWARC-Target-URI: {url}\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {length}\r\n\r\n"
    ).encode()


def warc_record(url: str, http: bytes) -> bytes:
    return warc_head(url, len(http)) + http + b"\r\n\r\n"


def good(url: str) -> bytes:
    return warc_record(url, HTTP_OK + b"\r\n" + PAGE)


def chunked(body: bytes, size: int) -> bytes:
    chunks = (body[start : start + size] for start in range(0, len(body), size))
    return b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for chunk in chunks) + b"0\r\n\r\n"


def repeated_gzip(head: bytes, megabytes: int) -> Iterator[bytes]:
    """One valid gzip member: ``head``, then ``megabytes`` MB of zeros, compressed 1 MB at a
    time. After a full flush the compressor starts afresh, so every megabyte compresses to the
    same block, made once."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    yield GZIP_HEADER + compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(bytes(MB)) + compressor.flush(zlib.Z_FULL_FLUSH)
    checksum = zlib.crc32(head)
    for _ in range(megabytes):
        checksum = zlib.crc32(bytes(MB), checksum)
        yield block
    size = (len(head) + megabytes * MB) % 2**32
    yield compressor.flush() + struct.pack("<II", checksum, size)


def assert_one_line(error: InputError, path: Path) -> None:
    assert "\n" not in str(error) and str(error).startswith(f"{path}")


def test_warc_a_gzip_bomb_of_zeros_is_one_error_with_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "zeros.warc.gz"
    path.write_bytes(b"".join(repeated_gzip(b"", 1000)))  # 1 MB that inflates to 1 GB
    (error,), peak = peak_bytes(lambda: read(path))
    assert isinstance(error, InputTooLarge)
    assert error.reason == (
        f"record 1: header line longer than {MAX_HEADER_LINE:,} bytes; "
        "the rest of the file is skipped"
    )
    assert_one_line(error, path)
    assert peak < 40 * MB


def test_warc_a_gzip_bomb_record_stops_the_file_at_the_decompression_bound(
    tmp_path: Path,
) -> None:
    """A well-formed record of 1 GB of zeros (not a page: it is only passed over) in a 1 MB
    member. What came before is read; past it, the file cannot be read on without inflating
    it, so it ends there."""
    path = tmp_path / "bomb.warc.gz"
    bomb = warc_head("https://news.example.org/video.bin", 1000 * MB, "resource")
    with path.open("wb") as stream:
        stream.write(gzip.compress(good(BEFORE)))
        stream.writelines(repeated_gzip(bomb, 1000))
        stream.write(gzip.compress(good(AFTER)))
    (page, error), peak = peak_bytes(lambda: read(path))
    assert isinstance(page, Page) and page.url == BEFORE and page.body == PAGE
    assert isinstance(error, InputTooLarge) and error.item == str(path)
    assert re.fullmatch(
        r"decompresses to over 100 times its size, a gzip bomb \([\d,]+ bytes from [\d,]+\); "
        "the rest of the file is skipped",
        error.reason,
    )
    assert_one_line(error, path)
    assert peak < 40 * MB


def _plain(stream: io.BufferedWriter, size: int) -> None:
    """A 200 text/html response whose body is ``size`` zero bytes, written sparse."""
    http = HTTP_OK + b"\r\n"
    stream.write(warc_head("https://news.example.org/huge", len(http) + size) + http)
    stream.truncate(stream.tell() + size)
    stream.seek(0, io.SEEK_END)
    stream.write(b"\r\n\r\n")


def _one_chunk(stream: io.BufferedWriter, size: int) -> None:
    """The same body sent as one HTTP chunk (warcio would hold the chunk whole)."""
    http = HTTP_OK + b"Transfer-Encoding: chunked\r\n\r\n" + b"%x\r\n" % size
    end = b"\r\n0\r\n\r\n"
    stream.write(warc_head("https://news.example.org/huge", len(http) + size + len(end)) + http)
    stream.truncate(stream.tell() + size)
    stream.seek(0, io.SEEK_END)
    stream.write(end + b"\r\n\r\n")


def _gzipped_chunk(stream: io.BufferedWriter, size: int) -> None:
    """``Content-Encoding: gzip`` inside one chunk: 1 MB that inflates to ``size`` bytes
    (warcio would inflate the chunk at once)."""
    zipped = b"".join(repeated_gzip(b"", size // MB))
    http = HTTP_OK + b"Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"
    stream.write(warc_record("https://news.example.org/huge", http + chunked(zipped, len(zipped))))


@pytest.mark.parametrize("write", [_plain, _one_chunk, _gzipped_chunk])
def test_warc_a_page_far_over_the_limit_is_one_error_and_the_next_records_are_read(
    tmp_path: Path, write: Callable[[io.BufferedWriter, int], None]
) -> None:
    path = tmp_path / "huge.warc"
    with path.open("wb") as stream:
        stream.write(good(BEFORE))
        write(stream, 100 * MB if write is not _gzipped_chunk else 1000 * MB)
        stream.write(good(AFTER))
    (before, error, after), peak = peak_bytes(lambda: read(path))
    assert isinstance(before, Page) and before.url == BEFORE
    assert isinstance(after, Page) and after.url == AFTER and after.body == PAGE
    assert isinstance(error, InputTooLarge)
    assert str(error) == (
        f"{path}#https://news.example.org/huge: page larger than {DEFAULT_MAX_BYTES:,} bytes "
        "(raise it with --max-bytes)"
    )
    assert peak < 40 * MB


def test_warc_a_100mb_header_line_stops_the_file_with_one_error(tmp_path: Path) -> None:
    path = tmp_path / "line.warc"
    with path.open("wb") as stream:
        stream.write(good(BEFORE))
        stream.write(b"WARC/1.0\r\nWARC-Type: response\r\nX-Note: ")
        stream.truncate(stream.tell() + 100 * MB)
        stream.seek(0, io.SEEK_END)
        stream.write(b"\r\nContent-Length: 0\r\n\r\n\r\n\r\n" + good(AFTER))
    (page, error), peak = peak_bytes(lambda: read(path))
    assert isinstance(page, Page) and page.url == BEFORE
    assert isinstance(error, InputTooLarge)
    assert str(error) == (
        f"{path}: record 2: header line longer than {MAX_HEADER_LINE:,} bytes; "
        "the rest of the file is skipped"
    )
    assert peak < 40 * MB


def test_warc_a_record_of_endless_short_header_lines_stops_the_file(tmp_path: Path) -> None:
    path = tmp_path / "headers.warc"
    lines = b"X-Tag: war\r\n" * 1_000_000  # 12 MB; warcio would keep each line as a pair
    path.write_bytes(good(BEFORE) + HTTP_OK.replace(b"HTTP/1.1 200 OK", b"WARC/1.0") + lines)
    (page, error), peak = peak_bytes(lambda: read(path))
    assert isinstance(page, Page) and page.url == BEFORE
    assert isinstance(error, InputTooLarge)
    assert error.reason == (
        f"record 2: headers longer than {MAX_HEADER_BYTES:,} bytes; the rest of the file is skipped"
    )
    assert peak < 40 * MB


def _crawl(path: Path, *, compress: bool) -> None:
    """A normal crawl: pages plain, chunked, gzipped and both, a request, a 404 and an image."""
    encodings = [
        ("https://news.example.org/plain", [], PAGE),
        ("https://news.example.org/chunked", [("Transfer-Encoding", "chunked")], chunked(PAGE, 50)),
        ("https://news.example.org/gzip", [("Content-Encoding", "gzip")], gzip.compress(PAGE)),
        (
            "https://news.example.org/both",
            [("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")],
            chunked(gzip.compress(PAGE), 40),
        ),
        (
            "https://news.example.org/deflate",
            [("Content-Encoding", "deflate")],
            zlib.compress(PAGE),
        ),
        ("https://news.example.org/stored", [("Content-Encoding", "gzip")], PAGE),
    ]
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=compress)
        for url, headers, body in encodings:
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), *headers], "HTTP/1.1")
            payload = io.BytesIO(body)
            writer.write_record(
                writer.create_warc_record(url, "response", payload=payload, http_headers=http)
            )
            request = io.BytesIO(b"GET / HTTP/1.1\r\nHost: news.example.org\r\n\r\n")
            writer.write_record(writer.create_warc_record(url, "request", payload=request))
        for status, content_type in (("404 Not Found", "text/html"), ("200 OK", "image/png")):
            http = StatusAndHeaders(status, [("Content-Type", content_type)], "HTTP/1.1")
            record = writer.create_warc_record(
                "https://news.example.org/other",
                "response",
                payload=io.BytesIO(b"x"),
                http_headers=http,
            )
            writer.write_record(record)


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_a_normal_crawl_reads_every_page_decoded(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    _crawl(path, compress=name.endswith(".gz"))
    pages = read(path)
    assert [page.url if isinstance(page, Page) else page for page in pages] == [
        f"https://news.example.org/{kind}"
        for kind in ("plain", "chunked", "gzip", "both", "deflate", "stored")
    ]
    assert all(isinstance(page, Page) and page.body == PAGE for page in pages)
    articles = list(read_file(path, ReadOptions(check_language=False)))
    assert all(isinstance(article, Article) and article.text == STORY for article in articles)
