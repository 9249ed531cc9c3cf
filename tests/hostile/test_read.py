"""Reading hostile input: characters no store takes, lines and files far over the limit, gzip
bombs, XML entity bombs and external entities. Every input is generated here, in ``tmp_path``.

Every text here is composed for these tests.
"""

from __future__ import annotations

import gzip
import io
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from sitrep.errors import BinaryInput, InputError, InputTooLarge, MalformedInput
from sitrep.ingest import ingest
from sitrep.read import ReadOptions, read_bytes, read_file, read_inputs
from sitrep.records import Article
from sitrep.scale._units import Failure, Line, split_file
from sitrep.store import Store
from tests.hostile.memory import peak_bytes
from tests.store.conftest import store_location as store_location  # the fixture: both stores

STORY = (
    "KHERSON, Ukraine (AP) — Russian shelling killed three civilians in Kherson on Monday, "
    "the regional governor said. Rescue workers searched the rubble until late at night."
)
OTHER_STORY = (
    "SUMY, Ukraine (AP) — A drone strike damaged a power station in Sumy on Tuesday, "
    "officials said. Repair crews restored electricity to most homes by the evening."
)
MB = 1_000_000


def gzip_bomb(path: Path, megabytes: int = 100) -> Path:
    """A gzip file of about 100 KB that decompresses to ``megabytes`` MB of zeros."""
    zeros = bytes(MB)
    with gzip.open(path, "wb", compresslevel=9) as stream:
        for _ in range(megabytes):
            stream.write(zeros)
    return path


# Characters no store takes ----------------------------------------------------------------


def test_read_lone_surrogates_and_nul_are_scrubbed_with_a_warning_and_stored(
    store_location: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    hostile = {
        "text": STORY.replace("three", "three\ud800").replace("Monday", "Mon\x00day"),
        "title": "Shelling\x00 in Kherson \udc9f",
        "url": "https://example.org/kherson\x00",
    }
    (corpus / "a.jsonl").write_text(json.dumps(hostile) + "\n", encoding="utf-8")
    (corpus / "b.txt").write_text(OTHER_STORY, encoding="utf-8")

    with caplog.at_level(logging.WARNING, logger="sitrep"), Store(store_location) as store:
        stats = ingest([str(corpus)], store, workers=1)
    assert (stats.stored, stats.failed) == (2, 0)

    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    item = f"{corpus / 'a.jsonl'}:1"
    assert f"{item}: replaced 1 lone surrogate(s) with U+FFFD" in " ".join(warnings)
    assert any(w.startswith(item) and "control character" in w for w in warnings)
    engine = create_engine(_sqlalchemy_url(store_location))
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT text, title FROM articles")).all()
        urls = connection.execute(text("SELECT url FROM sources")).scalars().all()
    engine.dispose()
    stored = sorted((row[0], row[1]) for row in rows)
    assert any("three\ufffd civilians" in t and "Monday" in t for t, _ in stored)
    assert ("Shelling in Kherson \ufffd") in [title for _, title in stored]
    assert "https://example.org/kherson" in urls


def _sqlalchemy_url(location: str) -> str:
    return location if "://" in location else f"sqlite:///{location}"


def test_read_a_nul_past_the_first_kilobytes_of_a_text_file_is_removed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "long.txt"
    path.write_text(STORY + "\n\n" + "Officials said the work goes on.\n" * 300 + "End.\x00\n")
    with caplog.at_level(logging.WARNING, logger="sitrep"):
        (article,) = read_file(path)
    assert isinstance(article, Article) and "\x00" not in article.text
    assert article.text.rstrip().endswith("End.")
    assert f"{path}: removed 1 control character(s) such as NUL in the text" in caplog.text


def test_read_a_feed_item_with_nul_characters_is_scrubbed() -> None:
    feed = (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Wire\x00</title><item>"
        f"<title>Kherson\x00</title><link>https://example.org/1</link>"
        f"<description>{STORY.replace('Monday', 'Mon&#0;day')}</description>"
        "</item></channel></rss>"
    ).encode()
    (article,) = read_bytes(feed, "wire.rss", fmt="feed")
    assert isinstance(article, Article)
    assert "\x00" not in article.text + (article.title or "") + (article.source.outlet or "")
    assert (article.title, article.source.outlet) == ("Kherson", "Wire")


# Inputs far over the limit ------------------------------------------------------------------


def test_read_a_400mb_text_file_is_refused_without_being_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        stream.truncate(400 * MB)  # sparse: no disk, no time
    (error,), peak = peak_bytes(lambda: list(read_file(path)))
    assert isinstance(error, InputTooLarge) and error.item == str(path)
    assert "over the limit of 5,000,000 bytes" in error.reason
    assert peak < 15 * MB


def test_read_standard_input_over_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO((STORY + "\n").encode() * 2000))
    monkeypatch.setattr(sys, "stdin", stdin)
    (error,) = read_inputs(["-"], ReadOptions(max_bytes=1_000))
    assert isinstance(error, InputTooLarge) and error.item == "<stdin>"
    assert stdin.buffer.tell() <= 20_001  # a feed's limit, 20 items' worth, and one byte


def _long_line_file(path: Path) -> Path:
    with path.open("wb") as stream:
        stream.write(b'{"text": "')
        for _ in range(50):
            stream.write(b"a" * MB)
        stream.write(b'"}\n')
        stream.write(json.dumps({"text": STORY}).encode() + b"\n")
    return path


def test_read_a_50mb_json_lines_line_is_refused_alone_with_bounded_memory(tmp_path: Path) -> None:
    path = _long_line_file(tmp_path / "long.jsonl")
    options = ReadOptions(max_bytes=MB, check_language=False)
    (error, article), peak = peak_bytes(lambda: list(read_file(path, options)))
    assert isinstance(error, InputTooLarge) and error.item == f"{path}:1"
    assert "line longer than the limit of 3,000,000 bytes" in error.reason
    assert isinstance(article, Article) and article.text == STORY
    assert peak < 12 * MB


def test_units_a_50mb_json_lines_line_fails_alone_with_bounded_memory(tmp_path: Path) -> None:
    data = _long_line_file(tmp_path / "long.jsonl").read_bytes()
    (failure, line), peak = peak_bytes(lambda: list(split_file("long.jsonl", data, MB)))
    assert failure == Failure(
        "long.jsonl",
        "long.jsonl:1",
        "too_large",
        "line longer than the limit of 3,000,000 bytes (raise it with --max-bytes)",
    )
    assert isinstance(line, Line) and line.item == "long.jsonl:2"
    assert peak < 12 * MB


def test_units_a_gzip_bomb_is_refused_without_being_decompressed_whole(tmp_path: Path) -> None:
    data = gzip_bomb(tmp_path / "bomb.jsonl.gz").read_bytes()
    assert len(data) < 200_000
    (failure,), peak = peak_bytes(lambda: list(split_file("day.jsonl.gz", data, MB)))
    assert isinstance(failure, Failure) and failure.item == "day.jsonl.gz:1"
    assert failure.code == "too_large"
    assert peak < 16 * MB  # of 100 MB decompressed


def test_read_a_gzip_bomb_is_refused_unopened_by_the_reader(tmp_path: Path) -> None:
    bomb = gzip_bomb(tmp_path / "bomb.jsonl.gz")
    (error,), peak = peak_bytes(lambda: list(read_file(bomb)))
    assert isinstance(error, BinaryInput) and "gzip-compressed data" in error.reason
    assert peak < 4 * MB


# XML entities -------------------------------------------------------------------------------


def _results_text(results: Iterator[Article | InputError]) -> str:
    """Everything the reader let through: texts, titles, URLs, outlets, error reasons."""
    parts = []
    for result in results:
        if isinstance(result, InputError):
            parts.append(result.reason)
        else:
            source = result.source
            parts += [result.text, result.title or "", source.url or "", source.outlet or ""]
    return "\n".join(parts)


def _laughs(root: str, title: str, body: str) -> str:
    """A document whose entity ``&lol9;`` expands to a billion "lol"s."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    ]
    return f"<!DOCTYPE {root} [{''.join(entities)}]>{title}{body}"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_read_a_billion_laughs_feed_is_refused_unexpanded(encoding: str) -> None:
    feed = "<?xml version='1.0'?>" + _laughs(
        "rss",
        "<rss version='2.0'><channel><title>Wire &lol9;</title>",
        f"<item><title>&lol9;</title><description>{STORY} &lol9;</description></item>"
        "</channel></rss>",
    )
    options = ReadOptions(check_language=False)  # the language model is big: leave it out
    (error,), peak = peak_bytes(
        lambda: list(read_bytes(feed.encode(encoding), "lol.rss", options, fmt="feed"))
    )
    assert isinstance(error, MalformedInput) and error.item == "lol.rss"
    assert "declares XML entities" in error.reason
    assert peak < 2 * MB


def test_read_a_billion_laughs_page_does_not_expand() -> None:
    page = _laughs(
        "html",
        "<html><head><title>&lol9;</title></head>",
        f"<body><article><p>{STORY} &lol9;</p></article></body></html>",
    )
    options = ReadOptions(check_language=False)
    list(read_bytes(STORY.encode(), "warm.html", options, fmt="html"))  # trafilatura's first use
    seen, peak = peak_bytes(
        lambda: _results_text(read_bytes(page.encode(), "lol.html", options, fmt="html"))
    )
    assert STORY in seen and "lollol" not in seen
    assert peak < 2 * MB


def test_read_an_external_entity_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-7731", encoding="utf-8")
    doctype = f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    feed = (
        f"<?xml version='1.0'?>{doctype}<rss version='2.0'><channel><title>Wire &xxe;</title>"
        f"<item><title>&xxe;</title><description>{STORY} &xxe;</description></item>"
        "</channel></rss>"
    ).encode()
    page = (
        f"{doctype.replace('rss', 'html')}<html><head><title>&xxe;</title></head>"
        f"<body><article><p>{STORY} &xxe;</p></article></body></html>"
    ).encode()
    (refused,) = read_bytes(feed, "xxe.rss", fmt="feed")
    assert isinstance(refused, MalformedInput) and "declares XML entities" in refused.reason
    seen = _results_text(read_bytes(page, "xxe.html", fmt="html"))
    assert STORY in seen  # the page was read
    assert "TOPSECRET" not in seen


def test_read_symlink_loops_end_in_one_line_and_the_batch_goes_on(tmp_path: Path) -> None:
    story = tmp_path / "news" / "strike.txt"
    story.parent.mkdir()
    story.write_text("Rebels shelled Avdiivka on Monday, killing two people.\n", encoding="utf-8")
    (story.parent / "up").symlink_to("..")  # a directory loop inside the walked tree
    (tmp_path / "self").symlink_to(tmp_path / "self")  # a file that links to itself
    read = list(read_inputs([str(tmp_path / "self"), str(tmp_path)], ReadOptions()))
    errors = [item for item in read if isinstance(item, InputError)]
    articles = [item for item in read if isinstance(item, Article)]
    assert [a.source.path for a in articles] == [str(story)]
    assert len(errors) >= 1 and "self" in str(errors[0]) and "\n" not in str(errors[0])
