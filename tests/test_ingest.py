"""``sitrep ingest``: corpora into the store, bad items reported and skipped, runs that resume.

Every article here is composed for these tests.
"""

from __future__ import annotations

import http.server
import json
import logging
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from sqlalchemy.exc import DataError
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import sitrep.ingest
import sitrep.store.db
from sitrep.cli import app
from sitrep.ingest import ItemFailure, ingest
from sitrep.pipeline import process_batch
from sitrep.records import Article, ArticleRecord, PortableRecord, Source
from sitrep.store import EventQuery, Store, find_events

TOWNS = ["Kharkiv", "Kherson", "Zaporizhzhia", "Sumy", "Mykolaiv", "Odesa", "Dnipro", "Poltava"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]


def story(number: int) -> str:
    town = TOWNS[number % len(TOWNS)]
    day = DAYS[number % len(DAYS)]
    return (
        f"{town.upper()}, Ukraine (AP) — Russian shelling killed {number + 2} civilians in "
        f"{town} on {day}, the regional governor said on Telegram. Rescue workers searched "
        f"the rubble of a five-storey building until late at night, officials said.\n"
    )


def write_stories(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"story{number:03d}.txt"
        path.write_text(story(number), encoding="utf-8")
        paths.append(path)
    return paths


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def test_ingest_stores_articles_reports_bad_items_and_is_a_no_op_twice(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_stories(corpus, 3)
    (corpus / "scan.txt").write_bytes(b"%PDF-1.4\x00\x00binary")
    (corpus / "feed.xml").write_text("<?xml version='1.0'?><rss><channel><item>", "utf-8")
    db = str(tmp_path / "sitrep.db")

    code, output = run("ingest", str(corpus), "--db", db, "--workers", "1")
    assert code == 1
    assert "scan.txt: binary" in output
    assert "feed.xml" in output
    assert "3 article(s) stored" in output
    with Store(db) as store:
        first = store.counts()
        assert first["articles"] == 3 and first["events"] >= 3

    code, output = run("ingest", str(corpus), "--db", db, "--workers", "1")
    assert "0 article(s) stored" in output and "3 already stored" in output
    with Store(db) as store:
        assert store.counts() == first


DAY = date(2024, 3, 6)


def spark_output(folder: Path, texts: list[str]) -> Path:
    """An ``--out`` folder as ``sitrep spark`` writes it, with the columns of its articles table
    that a store reads (id, item, sources, record), for the texts processed here."""
    articles = [
        Article(text, Source(path=f"news.jsonl:{n}"), published=DAY, published_basis="given")
        for n, text in enumerate(texts, 1)
    ]
    records = [
        result.to_dict() for result in process_batch(articles) if isinstance(result, ArticleRecord)
    ]
    assert len(records) == len(texts)
    day = folder / "articles" / "published_date=unknown"
    day.mkdir(parents=True)
    rows = [
        {
            "id": record["article"]["id"],
            "item": record["article"]["source"]["path"],
            "sources": [{"path": record["article"]["source"]["path"], "url": None, "outlet": None}],
            "record": json.dumps(record),
        }
        for record in records
    ]
    pq.write_table(pa.Table.from_pylist(rows), day / "part-00000.parquet")
    (folder / "summary").mkdir()
    (folder / "summary" / "part-00000.json").write_text("{}\n", encoding="utf-8")
    return folder


def test_a_record_read_back_from_its_json_writes_the_same_json_and_is_stored_alike(
    tmp_path: Path,
) -> None:
    caption = "Rescuers search the rubble in Kharkiv, Ukraine, Tuesday, March 5, 2024. (AP Photo)"
    text = f"{story(0)}\n{caption}\n\n{story(8)}"
    article = Article(text, Source(path="story.txt"), published=DAY, published_basis="given")
    [record] = process_batch([article])
    assert isinstance(record, ArticleRecord) and record.events and record.document.captions
    written = json.dumps(record.to_dict(), ensure_ascii=False)
    read_back = PortableRecord.from_dict(json.loads(written))
    assert json.dumps(read_back.to_dict(), ensure_ascii=False) == written
    with Store(str(tmp_path / "a.db")) as direct, Store(str(tmp_path / "b.db")) as from_json:
        assert direct.add(record).events == from_json.add(read_back).events == len(record.events)
        assert direct.article(record.id) == from_json.article(record.id) == read_back
        assert direct.counts() == from_json.counts()
        for store in (direct, from_json):  # the dateline's outlet, not the file's (none)
            sources = [e.cluster.sources for e in find_events(store, EventQuery()).items]
            assert {s.outlet for found in sources for s in found} == {"AP"}


def test_a_spark_runs_output_is_stored_and_linked_as_its_texts_are_and_once(
    tmp_path: Path,
) -> None:
    texts = [story(1), story(1).replace("officials said", "a spokesman said"), story(2)]
    out = spark_output(tmp_path / "out", texts)
    for number, text in enumerate(texts):
        (tmp_path / "texts").mkdir(exist_ok=True)
        (tmp_path / "texts" / f"{number}.txt").write_text(text, encoding="utf-8")
    db, direct = str(tmp_path / "spark.db"), str(tmp_path / "direct.db")

    code, output = run("ingest", str(out), "--db", db, "--workers", "1")
    assert code == 0, output
    assert "3 article(s) stored" in output
    run(
        "ingest", str(tmp_path / "texts"), "--db", direct, "--workers", "1", "--published", str(DAY)
    )
    with Store(db) as store, Store(direct) as reference:
        first = store.counts()
        assert first == reference.counts() and first["clusters"] < first["events"]

    code, output = run("ingest", str(out), "--db", db, "--workers", "1")
    assert code == 0 and "0 article(s) stored" in output and "3 already stored" in output
    with Store(db) as store:
        assert store.counts() == first


def test_an_unreadable_spark_output_is_one_line_and_the_rest_is_stored(tmp_path: Path) -> None:
    out = spark_output(tmp_path / "out", [story(3)])
    (part,) = (out / "articles").rglob("*.parquet")
    part.write_bytes(b"PAR1 not parquet at all PAR1")
    write_stories(tmp_path / "texts", 1)
    db = str(tmp_path / "sitrep.db")
    code, output = run("ingest", str(out), str(tmp_path / "texts"), "--db", db, "--workers", "1")
    assert code == 1
    assert f"{out}: cannot read the Spark run's articles" in output
    assert "1 article(s) stored" in output


def test_the_same_text_under_two_urls_is_one_article_with_two_sources(tmp_path: Path) -> None:
    lines = [
        {"text": story(1), "url": "https://example.org/a", "published": "2024-03-06"},
        {"text": story(1), "url": "https://mirror.example.net/a", "published": "2024-03-06"},
    ]
    feed = tmp_path / "items.jsonl"
    feed.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    db = str(tmp_path / "sitrep.db")
    code, output = run("ingest", str(feed), "--db", db, "--workers", "1")
    assert code == 0, output
    assert "1 article(s) stored" in output and "1 already stored" in output
    with sqlite3.connect(db) as connection:
        urls = {row[0] for row in connection.execute("SELECT url FROM sources")}
    assert urls == {"https://example.org/a", "https://mirror.example.net/a"}


def _warc(path: Path, pages: list[tuple[str, int, str, bytes]]) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, status, content_type, body in pages:
            headers = StatusAndHeaders(
                f"{status} OK", [("Content-Type", content_type)], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url, "response", payload=BytesIO(body), http_headers=headers
            )
            writer.write_record(record)


def _page(text: str) -> bytes:
    return f"<html><head><title>News</title></head><body><article><p>{text}</p></article></body></html>".encode()


def test_warc_html_responses_are_ingested_and_a_corrupt_warc_is_reported(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl.warc.gz"
    _warc(
        crawl,
        [
            ("https://news.example.org/kherson", 200, "text/html; charset=utf-8", _page(story(1))),
            ("https://news.example.org/missing", 404, "text/html", _page(story(2))),
            ("https://news.example.org/logo.png", 200, "image/png", b"\x89PNG\r\n\x1a\n"),
        ],
    )
    broken = tmp_path / "broken.warc"
    broken.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nshort")
    db = str(tmp_path / "sitrep.db")
    code, output = run("ingest", str(broken), str(crawl), "--db", db, "--workers", "1")
    assert code == 1
    assert "broken.warc: corrupt WARC record" in output
    with sqlite3.connect(db) as connection:
        urls = [row[0] for row in connection.execute("SELECT url FROM sources")]
    assert urls == ["https://news.example.org/kherson"]


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    """A local web server over ``tmp_path/www`` (no network needed)."""
    root = tmp_path / "www"
    root.mkdir()

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(root), **kwargs)  # type: ignore[arg-type]

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_feed_urls_are_fetched_and_unreachable_urls_reported(served: str, tmp_path: Path) -> None:
    items = "".join(
        f"<item><title>Story {n}</title><link>https://news.example.org/{n}</link>"
        f"<pubDate>Wed, 06 Mar 2024 10:00:00 GMT</pubDate>"
        f"<description>{story(n)}</description></item>"
        for n in range(2)
    )
    feed = f"<?xml version='1.0'?><rss version='2.0'><channel><title>Example News</title>{items}</channel></rss>"
    (tmp_path / "www" / "feed.rss").write_text(feed, encoding="utf-8")
    db = str(tmp_path / "sitrep.db")
    code, output = run(
        "ingest",
        f"{served}/feed.rss",
        "http://127.0.0.1:9/gone",
        "--db",
        db,
        "--workers",
        "1",
        "--allow-private-addresses",  # the test's server is on loopback
    )
    assert code == 1
    assert "http://127.0.0.1:9/gone: cannot fetch" in output
    assert "2 article(s) stored" in output


def test_a_killed_ingest_leaves_whole_articles_and_the_next_run_finishes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_stories(corpus, 40)
    db = tmp_path / "sitrep.db"
    command = [sys.executable, "-m", "sitrep", "ingest", str(corpus), "--db", str(db)]
    process = subprocess.Popen([*command, "--workers", "1"], stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while _stored(db) < 3:
            assert process.poll() is None, "the ingest ended before it could be killed"
            assert time.monotonic() < deadline, "the ingest stored nothing in time"
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait()
    stored_when_killed = _stored(db)
    assert 3 <= stored_when_killed < 40
    with Store(str(db)) as store:
        for article_id in _article_ids(db):
            kept = store.article(article_id)
            assert kept is not None
            found = find_events(store, EventQuery(article_id=article_id)).items
            assert {e.event.id for e in found} == {e.id for e in kept.events}
    finished = subprocess.run([*command, "--workers", "1"], capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    assert f"{40 - stored_when_killed} article(s) stored" in finished.stderr
    assert _stored(db) == 40


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=5) as connection:
            return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # the tables are not created yet
        return 0


def _article_ids(db: Path) -> list[str]:
    with sqlite3.connect(db) as connection:
        return [row[0] for row in connection.execute("SELECT id FROM articles")]


def test_two_workers_store_what_one_worker_stores(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_stories(corpus, 12)
    stores = []
    for workers in ("1", "2"):
        db = str(tmp_path / f"w{workers}.db")
        code, output = run("ingest", str(corpus), "--db", db, "--workers", workers)
        assert code == 0, output
        with Store(db) as store:
            stores.append(
                sorted(
                    (e.event.id, e.cluster.id, e.event.type, e.event.date)
                    for e in find_events(store, EventQuery()).items
                )
            )
    assert stores[0] == stores[1] and len(stores[0]) >= 12


def _refuse(bad_text: str, error: BaseException) -> Callable[..., None]:
    """``sitrep.store.db._link`` that raises ``error`` for the article of ``bad_text``, once its
    rows are written: the article's transaction must then leave nothing behind."""
    link = sitrep.store.db._link

    def refusing(session: Any, record: PortableRecord) -> None:
        if record.article.text == bad_text:
            raise error
        link(session, record)

    return refusing


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (
            DataError("INSERT INTO sources", {}, Exception("value too long for varchar(200)")),
            "cannot store article [0-9a-f]+: value too long for varchar\\(200\\)",
        ),
        (KeyError("fatalities"), "a fault of sitrep's \\(KeyError: 'fatalities'\\)"),
    ],
    ids=["database-refusal", "programming-error"],
)
def test_an_item_the_store_refuses_is_one_line_and_the_batch_goes_on(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    error: Exception,
    reason: str,
) -> None:
    corpus = tmp_path / "corpus"
    first, bad, last = write_stories(corpus, 3)
    monkeypatch.setattr(sitrep.store.db, "_link", _refuse(story(1), error))
    db = str(tmp_path / "sitrep.db")
    caplog.set_level(logging.DEBUG, logger="sitrep.ingest")

    code, output = run("ingest", str(corpus), "--db", db, "--workers", "1")
    assert code == 1
    errors = [line for line in output.splitlines() if line.startswith("error")]
    assert len(errors) == 1 and re.fullmatch(f"error {re.escape(str(bad))}: {reason}", errors[0])
    assert "2 article(s) stored" in output and "1 item(s) failed" in output
    assert "Traceback" in caplog.text  # shown with sitrep --verbose
    with sqlite3.connect(db) as connection:
        stored = {row[0] for row in connection.execute("SELECT id FROM articles")}
        paths = {row[0] for row in connection.execute("SELECT path FROM sources")}
        left = {table: _rows_of(connection, table, Article(text=story(1)).id) for table in PARTS}
    assert len(stored) == 2 and Article(text=story(1)).id not in stored
    assert paths == {str(first), str(last)}
    assert left == dict.fromkeys(PARTS, 0)  # nothing half-written

    monkeypatch.undo()
    code, output = run("ingest", str(corpus), "--db", db, "--workers", "1")
    assert code == 0, output
    assert "1 article(s) stored" in output and "2 already stored" in output


PARTS = ("sources", "places", "dates", "quotes", "events")


def _rows_of(connection: sqlite3.Connection, table: str, article_id: str) -> int:
    query = f"SELECT count(*) FROM {table} WHERE article_id = ?"
    return int(connection.execute(query, (article_id,)).fetchone()[0])


def test_an_article_that_fails_processing_fails_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    _, bad, _ = write_stories(corpus, 3)

    def failing(articles: list[Article], **options: Any) -> list[Any]:
        if any(article.text == story(1) for article in articles):
            raise ValueError("a bug met this article")
        return process_batch(articles, **options)

    monkeypatch.setattr(sitrep.ingest, "process_batch", failing)
    failures: list[ItemFailure] = []
    with Store(str(tmp_path / "sitrep.db")) as store:
        stats = ingest([str(corpus)], store, on_error=failures.append)
        assert store.counts()["articles"] == 2
    assert (stats.stored, stats.failed) == (2, 1)
    assert [str(failure) for failure in failures] == [
        f"{bad}: a fault of sitrep's (ValueError: a bug met this article)"
    ]


@pytest.mark.parametrize("interrupt", [KeyboardInterrupt, SystemExit])
def test_an_interrupt_while_storing_stops_the_ingest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, interrupt: type[BaseException]
) -> None:
    corpus = tmp_path / "corpus"
    write_stories(corpus, 2)
    monkeypatch.setattr(sitrep.store.db, "_link", _refuse(story(0), interrupt()))
    with Store(str(tmp_path / "sitrep.db")) as store, pytest.raises(interrupt):
        ingest([str(corpus)], store)
    with Store(str(tmp_path / "sitrep.db")) as store:
        assert store.counts()["articles"] == 0
