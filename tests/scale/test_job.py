"""The Spark job in local mode (``local[2]``): the same records as ``sitrep extract``, bad items
as error rows naming their input, Parquet partitioned by publication day, a store loaded
from it. One Spark session and one run of the job serve the whole module.

Every article here is composed for these tests.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sitrep.cli import app
from sitrep.export.writers import PARQUET_SCHEMA
from sitrep.read import ReadOptions
from sitrep.scale import JobSummary, load_parquet, run_job, spark_session
from sitrep.store import Store

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

pytest.importorskip("pyspark", reason="pyspark is not installed (pip install -e '.[spark]')")
if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
    pytest.skip("Spark needs Java 17 or newer, and none is installed", allow_module_level=True)

TOWNS = ["Kharkiv", "Kherson", "Sumy", "Mykolaiv", "Odesa"]


def story(number: int) -> str:
    town = TOWNS[number % len(TOWNS)]
    return (
        f"{town.upper()}, Ukraine (AP) — Russian shelling killed {number + 2} civilians in "
        f"{town} on Monday, the regional governor said on Telegram. Rescue workers searched "
        f"the rubble of a five-storey building until late at night, officials said.\n"
    )


GERMAN = (
    "Die Regierung hat am Montag neue Gesetze beschlossen, die im ganzen Land gelten sollen. "
    "Die Opposition kritisierte die Entscheidung scharf und kündigte Widerstand an, während "
    "die Gewerkschaften für die kommende Woche zu Streiks in mehreren Städten aufriefen."
)


def _jsonl(path: Path, lines: list[str]) -> None:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def _warc(path: Path, pages: list[tuple[str, int, bytes]]) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, status, body in pages:
            headers = StatusAndHeaders(
                f"{status} OK", [("Content-Type", "text/html")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url, "response", payload=BytesIO(body), http_headers=headers
            )
            writer.write_record(record)


def _page(text: str) -> bytes:
    return f"<html><head><title>News</title></head><body><article><p>{text}</p></article></body></html>".encode()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """news.jsonl: three stories, a line that is not JSON, a copy of the first story from a
    mirror, a German text; crawl.warc.gz: a story page and a 404; broken.warc: corrupt."""
    folder = tmp_path_factory.mktemp("corpus")
    lines = [
        json.dumps({"text": story(n), "url": f"https://example.org/{n}", "published": "2024-03-06"})
        for n in range(3)
    ]
    lines += [
        "{not json",
        json.dumps({"text": story(0), "url": "https://mirror.example.net/0"}),
        json.dumps({"text": GERMAN}),
    ]
    _jsonl(folder / "news.jsonl", lines)
    _warc(
        folder / "crawl.warc.gz",
        [
            ("https://news.example.org/odesa", 200, _page(story(4))),
            ("https://news.example.org/gone", 404, _page(story(3))),
        ],
    )
    (folder / "broken.warc").write_bytes(
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nshort"
    )
    return folder


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    previous = os.environ.get("PYSPARK_PYTHON")
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = spark_session(
        "local[2]",
        {
            "spark.ui.enabled": "false",
            "spark.ui.showConsoleProgress": "false",
            "spark.sql.shuffle.partitions": "2",
            "spark.driver.memory": "1g",
        },
    )
    yield session
    session.stop()
    if previous is None:
        os.environ.pop("PYSPARK_PYTHON", None)
    else:
        os.environ["PYSPARK_PYTHON"] = previous


def _inputs(corpus: Path) -> list[str]:
    names = ("news.jsonl", "crawl.warc.gz", "broken.warc", "missing.jsonl")
    return [str(corpus / name) for name in names]


@pytest.fixture(scope="module")
def job(spark: SparkSession, corpus: Path) -> tuple[JobSummary, Path]:
    out = corpus.parent / "out"
    return run_job(spark, _inputs(corpus), str(out), partitions=4), out


def _articles(out: Path) -> list[dict[str, Any]]:
    table = ds.dataset(out / "articles", format="parquet", partitioning="hive").to_table()
    return sorted(table.to_pylist(), key=lambda row: row["item"])


def test_spark_records_equal_what_extract_gives(job: tuple[JobSummary, Path], corpus: Path) -> None:
    _, out = job
    result = CliRunner().invoke(app, ["extract", "--format", "jsonl", *_inputs(corpus)[:2]])
    extracted: dict[str, Any] = {}
    for line in result.output.splitlines():
        if line.startswith("{"):
            record = json.loads(line)
            extracted.setdefault(record["article"]["id"], record)
    written = {row["id"]: json.loads(row["record"]) for row in _articles(out)}
    assert len(written) == 4
    assert written == extracted


def test_spark_bad_items_are_error_rows_naming_their_input(job: tuple[JobSummary, Path]) -> None:
    summary, out = job
    errors = pq.read_table(out / "errors").to_pylist()
    by_item = {Path(row["item"]).name: row for row in errors}
    assert set(by_item) == {"news.jsonl:4", "news.jsonl:6", "broken.warc", "missing.jsonl"}
    assert by_item["news.jsonl:4"]["reason"].startswith("invalid JSON")
    assert by_item["news.jsonl:6"]["code"] == "not_english"
    assert "corrupt WARC record" in by_item["broken.warc"]["reason"]
    assert by_item["missing.jsonl"]["reason"] == "no such file"
    assert all(Path(row["input"]).name in row["item"] for row in errors)
    counts = {Path(name).name: counts for name, counts in summary.inputs.items()}
    assert counts["news.jsonl"].articles == 3 and counts["news.jsonl"].errors == 2
    assert counts["crawl.warc.gz"].articles == 1 and counts["broken.warc"].errors == 1
    assert summary.totals.errors == 4 and len(summary.errors) == 4


def test_spark_tables_are_partitioned_by_publication_day(job: tuple[JobSummary, Path]) -> None:
    summary, out = job
    articles = _articles(out)
    days = {row["published_date"] for row in articles}
    assert "2024-03-06" in days
    for row in articles:
        assert row["published_date"] == (
            json.loads(row["record"])["article"]["published"] or "unknown"
        )
    assert (out / "articles" / "published_date=2024-03-06").is_dir()
    events = ds.dataset(out / "events", format="parquet", partitioning="hive").to_table()
    assert set(events.column_names) == {*PARQUET_SCHEMA.names, "published_date"}
    rows = events.to_pylist()
    assert len(rows) == summary.totals.events == sum(row["events"] for row in articles) > 0
    ids = {row["id"] for row in articles}
    for row in rows:
        assert row["article_id"] in ids and row["evidence_text"] and row["type"]
    assert any(row["fatalities"] == 2 and row["location"] == "Kharkiv" for row in rows)


def test_spark_a_text_found_twice_is_written_once_with_both_sources(
    job: tuple[JobSummary, Path],
) -> None:
    summary, out = job
    (kharkiv,) = [
        row for row in _articles(out) if "KHARKIV" in json.loads(row["record"])["article"]["text"]
    ]
    assert kharkiv["item"].endswith("news.jsonl:1")
    assert [source["url"] for source in kharkiv["sources"]] == [
        "https://example.org/0",
        "https://mirror.example.net/0",
    ]
    assert summary.totals.duplicates == 1


def test_spark_output_loads_into_a_store_once(job: tuple[JobSummary, Path], tmp_path: Path) -> None:
    summary, out = job
    with Store(str(tmp_path / "sitrep.db")) as store:
        stats = load_parquet(str(out), store)
        assert stats.stored == 4 and stats.events == summary.totals.events
        assert store.counts()["articles"] == 4
        again = load_parquet(str(out), store)
        assert again.stored == 0 and again.already_stored == 4
        assert store.counts()["events"] == summary.totals.events


def test_spark_output_is_ingested_by_sitrep_ingest_once(
    job: tuple[JobSummary, Path], tmp_path: Path
) -> None:
    summary, out = job
    command = ["ingest", str(out), "--db", str(tmp_path / "sitrep.db"), "--workers", "1"]
    first = CliRunner().invoke(app, command)
    assert first.exit_code == 0, first.output
    assert f"4 article(s) stored ({summary.totals.events} events)" in first.output
    again = CliRunner().invoke(app, command)
    assert again.exit_code == 0 and "0 article(s) stored" in again.output
    assert "4 already stored" in again.output


def test_spark_command_replaces_the_last_run_and_exits_1_on_a_bad_item(
    spark: SparkSession, tmp_path: Path
) -> None:
    source = tmp_path / "day.jsonl"
    _jsonl(source, [json.dumps({"text": story(1), "published": "2024-03-07"}), "[]"])
    out = tmp_path / "out"
    stale = out / "articles" / "published_date=1999-01-01"
    stale.mkdir(parents=True)
    (stale / "part-0.parquet").write_bytes(b"left by an earlier run")
    report = tmp_path / "report.json"
    args = [
        "spark",
        str(source),
        "--out",
        str(out),
        "--master",
        "local[2]",
        "--report",
        str(report),
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output
    assert f"{source}:2: a JSON Lines record must be an object" in result.output
    assert "1 article(s) written" in result.output
    assert not stale.exists()
    assert [row["published_date"] for row in _articles(out)] == ["2024-03-07"]
    assert json.loads(report.read_text())["totals"]["articles"] == 1
    (summary_file,) = (out / "summary").glob("part-*.json")
    assert json.loads(summary_file.read_text())["input"] == str(source)


def test_spark_five_thousand_small_files_are_read_by_a_few_tasks(
    spark: SparkSession, tmp_path: Path
) -> None:
    """Named one by one, as a shell expands ``wires/*.jsonl``: one listing, files packed many
    to a task; every copy of the 20 texts among them is counted."""
    folder = tmp_path / "wires"
    folder.mkdir()
    for number in range(5000):
        record = {"text": story(number % 20), "url": f"https://example.org/{number}"}
        _jsonl(folder / f"{number:04}.jsonl", [json.dumps(record)])
    names = sorted(str(path) for path in folder.iterdir())
    options = ReadOptions(check_language=False)
    summary = run_job(spark, names, str(tmp_path / "out"), options=options, partitions=4)
    assert summary.read_tasks <= 4
    assert summary.totals.articles == 20 and summary.totals.duplicates == 4980
    assert summary.totals.errors == 0 and len(summary.inputs) == 5000
