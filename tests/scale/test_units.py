"""The Spark job's pieces that need no Spark: files into units, units into articles, names.

Every text here is composed for these tests.
"""

from __future__ import annotations

import codecs
import gzip
import json
import tracemalloc

import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.errors import ConfigurationError
from sitrep.read import ReadOptions
from sitrep.records import Article
from sitrep.scale import spark_session
from sitrep.scale._units import (
    Failure,
    Found,
    Line,
    display_name,
    found,
    local_aliases,
    merge,
    read_unit,
    split_file,
)

STORY = (
    "KHERSON, Ukraine (AP) — Russian shelling killed three civilians in Kherson on Monday, "
    "the regional governor said. Rescue workers searched the rubble until late at night."
)


def _jsonl(*lines: str) -> bytes:
    return "\n".join(lines).encode("utf-8") + b"\n"


def test_units_jsonl_lines_are_numbered_as_extract_numbers_them() -> None:
    record = json.dumps({"text": STORY})
    data = codecs.BOM_UTF8 + _jsonl(record, "", "  ", record)
    units = list(split_file("news.jsonl", data, 1000))
    assert [unit.item for unit in units] == ["news.jsonl:1", "news.jsonl:4"]
    assert all(isinstance(unit, Line) and unit.text == record for unit in units)


def test_units_a_line_that_is_not_utf8_fails_alone() -> None:
    data = _jsonl(json.dumps({"text": STORY})) + b"\xff\xfe bad\n"
    units = list(split_file("news.jsonl", data, 1000))
    assert isinstance(units[0], Line)
    assert units[1] == Failure(
        "news.jsonl", "news.jsonl:2", "undecodable", "JSON Lines must be UTF-8"
    )


def test_units_gzipped_jsonl_is_read_and_a_broken_gzip_is_one_failure() -> None:
    data = gzip.compress(_jsonl(json.dumps({"text": STORY})))
    assert [unit.item for unit in split_file("day.jsonl.gz", data, 1000)] == ["day.jsonl.gz:1"]
    (failure,) = split_file("day.jsonl.gz", data[:20], 1000)
    assert isinstance(failure, Failure) and "not a valid gzip file" in failure.reason


def test_units_a_large_gzipped_file_is_decompressed_as_it_is_read() -> None:
    """100 MB once decompressed (a story, then a line of zeros), 100 KB compressed: the story is
    read, the long line fails alone, and never more than a few MB are held at once."""
    story = json.dumps({"text": STORY}).encode() + b"\n"
    data = gzip.compress(story + b"0" * 100_000_000 + b"\n" + story, compresslevel=1)
    tracemalloc.start()
    try:
        units = list(split_file("crawl/day.jsonl.gz", data, 1_000_000))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [unit.item for unit in units] == [
        "crawl/day.jsonl.gz:1",
        "crawl/day.jsonl.gz:2",
        "crawl/day.jsonl.gz:3",
    ]
    assert isinstance(units[1], Failure) and isinstance(units[2], Line)
    assert peak < 20_000_000


def test_units_other_files_are_refused_with_what_is_read() -> None:
    (failure,) = split_file("hdfs://nn/news/notes.txt", b"hello", 1000)
    assert isinstance(failure, Failure)
    assert failure.item == "hdfs://nn/news/notes.txt" and failure.code == "unsupported"
    assert ".warc.gz" in failure.reason and ".jsonl" in failure.reason


def test_units_a_corrupt_warc_is_one_failure_naming_the_file() -> None:
    data = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nshort"
    (failure,) = split_file("crawl/broken.warc", data, 1000)
    assert isinstance(failure, Failure)
    assert failure.item == "crawl/broken.warc" and "corrupt WARC record" in failure.reason


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("{not json", "invalid JSON"),
        ("[1, 2]", "a JSON Lines record must be an object"),
        ('{"url": "https://example.org/a"}', 'record has neither a "text" nor an "html" string'),
    ],
)
def test_units_a_bad_line_gives_a_failure_naming_the_line(text: str, reason: str) -> None:
    (result,) = read_unit(Line("news.jsonl", 3, "news.jsonl:3", text), ReadOptions())
    assert isinstance(result, Failure)
    assert result.item == "news.jsonl:3" and result.code == "malformed"
    assert result.reason.startswith(reason)


def test_units_a_line_becomes_the_article_extract_reads() -> None:
    line = json.dumps({"text": STORY, "url": "https://example.org/a", "published": "2024-03-04"})
    (article,) = read_unit(Line("news.jsonl", 1, "news.jsonl:1", line), ReadOptions())
    assert isinstance(article, Article)
    assert article.source.path == "news.jsonl:1" and article.source.url == "https://example.org/a"
    assert article.published is not None and article.published.isoformat() == "2024-03-04"


def test_units_a_date_in_the_file_name_dates_articles_that_have_none() -> None:
    line = json.dumps({"text": STORY})
    unit = Line("wires/2024-03-04-ukraine.jsonl", 1, "2024-03-04-ukraine.jsonl:1", line)
    (dated,) = read_unit(unit, ReadOptions(published_from_name=True))
    (undated,) = read_unit(unit, ReadOptions())
    assert isinstance(dated, Article) and isinstance(undated, Article)
    assert dated.published is not None and dated.published.isoformat() == "2024-03-04"
    assert undated.published is None


def test_units_names_are_the_ones_the_user_gave() -> None:
    aliases = local_aliases(["news", "crawl/day.warc.gz", "hdfs://nn/x"])
    cwd = local_aliases(["."])[0][0]
    assert display_name(f"file:{cwd}/news/a/b.jsonl", aliases) == "news/a/b.jsonl"
    assert display_name(f"file://{cwd}/crawl/day.warc.gz", aliases) == "crawl/day.warc.gz"
    assert display_name("file:/elsewhere/c.jsonl", aliases) == "/elsewhere/c.jsonl"
    assert display_name("hdfs://nn/x/d.jsonl", aliases) == "hdfs://nn/x/d.jsonl"


def test_units_files_of_a_glob_are_named_under_its_folder() -> None:
    aliases = local_aliases(["crawl/2024-*/*.warc.gz", "*.jsonl", "/data/*.jsonl"])
    cwd = local_aliases(["."])[0][0]
    assert display_name(f"file:{cwd}/crawl/2024-03/a.warc.gz", aliases) == "crawl/2024-03/a.warc.gz"
    assert display_name(f"file:{cwd}/day.jsonl", aliases) == "day.jsonl"
    assert display_name("file:/data/day.jsonl", aliases) == "/data/day.jsonl"


def _found(name: str, position: int) -> Found:
    line = Line(name, position, f"{name}:{position}", json.dumps({"text": STORY}))
    (article,) = read_unit(line, ReadOptions())
    assert isinstance(article, Article)
    return found(line, article)[1]


def test_units_copies_of_a_text_keep_the_first_whatever_the_order() -> None:
    a, b, c = _found("b.jsonl", 1), _found("a.jsonl", 10), _found("a.jsonl", 9)
    for merged in (merge(merge(a, b), c), merge(c, merge(b, a))):
        assert [copy.item for copy in merged.copies] == ["a.jsonl:9", "a.jsonl:10", "b.jsonl:1"]
        assert merged.article.source.path == "a.jsonl:9"


def test_units_without_java_the_command_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PATH", "")
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.delenv("PYSPARK_GATEWAY_PORT", raising=False)
    with pytest.raises(ConfigurationError, match=r"pyspark|Java"):
        spark_session("local[1]")
    result = CliRunner().invoke(app, ["spark", "news.jsonl", "--out", "out"])
    assert result.exit_code == 2
    assert "pip install 'sitrep[spark]'" in result.output or "Java 17" in result.output
