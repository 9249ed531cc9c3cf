"""``sitrep spark`` on a real Spark standalone cluster, submitted as docs/spark.md says.

A master and two workers of one core and 1 GB each run on loopback (pyspark's ``spark-class``,
started and stopped here: ``standalone.py``). The job is given the environment packed with
venv-pack and the gazetteer archive, and reads what a cluster user has: a folder of JSON Lines
files and a glob over a folder of crawl files. While it runs, one worker is killed as a lost
machine would be (SIGKILL to the worker, its executor and its Python workers, as soon as its
Python worker has started processing articles): Spark must redo the lost work on the other
worker, and the tables must still equal what ``local[2]`` writes for the same inputs, row for
row and byte for byte (each publication day's file; only the order in which a footer lists a
column's encodings may differ), every article once. The output is then ingested into a store.

Every article here is composed for these tests.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from tests.scale.standalone import (
    GAZETTEER_FILE,
    MARKER,
    Cluster,
    Shipment,
    end_marked,
    has_open,
    is_python_worker,
    java_version,
    marked,
    scratch_folder,
    shipment,
    standalone_cluster,
    submit_command,
)
from tests.scale.test_job import _jsonl, _page, _warc, story

pytest.importorskip("pyspark", reason="pyspark is not installed (pip install -e '.[spark]')")
pytest.importorskip("venv_pack", reason="venv-pack is not installed (pip install -e '.[spark]')")
if (java := java_version()) < 17:
    found = f"Java {java} is what is installed" if java else "none is installed"
    pytest.skip(f"Spark 4 needs Java 17 or newer, and {found}", allow_module_level=True)

# The job's whole run, cluster start and environment unpacking included, has this long.
JOB_TIMEOUT = 600.0
TABLES = ("articles", "events", "errors")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """news/: JSON Lines split over three files (a line that is not JSON; a story sent again
    from another site in a later file); crawl/: six gzipped WARC files of three pages each (one
    a 404), and a note the glob leaves out."""
    folder = tmp_path_factory.mktemp("cluster-corpus")
    (folder / "news").mkdir()
    (folder / "crawl").mkdir()
    for day in range(3):
        lines = [
            json.dumps(
                {
                    "text": f"{story(10 * day + n)}Dispatch {day}-{n}.",
                    "url": f"https://example.org/{day}/{n}",
                    "published": f"2024-03-0{day + 4}",
                }
            )
            for n in range(6)
        ]
        if day == 1:
            lines.append("{not json")
        if day == 2:
            lines.append(json.dumps({"text": f"{story(0)}Dispatch 0-0.", "url": "https://m.net/0"}))
        _jsonl(folder / "news" / f"2024-03-0{day + 4}.jsonl", lines)
    for number in range(6):
        pages = [
            (
                f"https://news.example.org/{number}/{page}",
                404 if page == 2 and number == 0 else 200,
                _page(f"{story(100 + 3 * number + page)} Crawl {number}-{page}."),
            )
            for page in range(3)
        ]
        _warc(folder / "crawl" / f"crawl-{number:02}.warc.gz", pages)
    (folder / "crawl" / "README.txt").write_text("not a crawl file", encoding="utf-8")
    return folder


def _inputs(corpus: Path) -> list[str]:
    return [str(corpus / "news"), str(corpus / "crawl" / "*.warc.gz")]


@pytest.fixture(scope="module")
def local_job(corpus: Path) -> Iterator[subprocess.Popen[bytes]]:
    """The same inputs on ``local[2]``, with the command a user types on one machine; started
    first, so that it runs while the cluster starts and unpacks its environments."""
    out, log = corpus.parent / "local-out", corpus.parent / "local.log"
    command = [sys.executable, "-m", "sitrep.scale", *_inputs(corpus), "--out", str(out)]
    command += ["--master", "local[2]", "--conf", "spark.ui.enabled=false"]
    marker = f"{corpus.parent}/local"
    with log.open("wb") as output:
        job = subprocess.Popen(
            command, stdout=output, stderr=subprocess.STDOUT, env={**os.environ, MARKER: marker}
        )
    try:
        yield job
    finally:  # its JVM and Python workers too, should it still run
        end_marked(marker, signal.SIGKILL)
        job.wait()


@pytest.fixture(scope="module")
def local_run(local_job: subprocess.Popen[bytes], corpus: Path) -> Path:
    local_job.wait(timeout=JOB_TIMEOUT)
    output = (corpus.parent / "local.log").read_text(errors="replace")
    assert local_job.returncode == 1, output[-3000:]  # the line that is not JSON
    return corpus.parent / "local-out"


@pytest.fixture(scope="module")
def shipping(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Future[Shipment]]:
    """The packed environment and gazetteer, built once for each state of the code and the
    installed packages (kept in pytest's cache between runs), in the background while the
    cluster starts."""
    cache = getattr(request.config, "cache", None)  # None under -p no:cacheprovider
    folder = cache.mkdir("sitrep-spark-pack") if cache else tmp_path_factory.mktemp("pack")
    with ThreadPoolExecutor(max_workers=1) as packer:
        yield packer.submit(shipment, Path(folder))


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    """The cluster, stopped at the end of the module whatever happened; then nothing it
    started may be left running, and its folder (unpacked environments) is removed."""
    with scratch_folder() as folder, standalone_cluster(folder) as running:
        yield running
    left = marked(running.marker)
    assert not left, f"processes left running after the cluster stopped: {left}"


@dataclass(frozen=True)
class Run:
    out: Path
    report: Path
    returncode: int
    log: str
    killed_while_running: bool


@pytest.fixture(scope="module")
def cluster_run(
    local_job: subprocess.Popen[bytes],
    shipping: Future[Shipment],
    cluster: Cluster,
    corpus: Path,
) -> Run:
    """The guide's spark-submit (while the local job runs); the second worker killed once it
    processes articles."""
    out, report = corpus.parent / "cluster-out", corpus.parent / "cluster-run.json"
    arguments = [*_inputs(corpus), "--out", str(out), "--report", str(report)]
    command, environ = submit_command(cluster, shipping.result(), arguments)
    log = cluster.folder / "driver.log"
    with log.open("wb") as output:
        driver = subprocess.Popen(
            command, env=environ, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        killed = _kill_once_processing(cluster, driver)
        driver.wait(timeout=JOB_TIMEOUT)
    finally:
        if driver.poll() is None:
            end_marked(cluster.environ[MARKER], signal.SIGKILL)
            driver.wait()
    return Run(out, report, driver.returncode, log.read_text(errors="replace"), killed)


def _kill_once_processing(cluster: Cluster, driver: subprocess.Popen[bytes]) -> bool:
    """Kill the second worker (its JVM, its executor's, their Python workers) as soon as its
    Python worker holds the gazetteer
    open (it has loaded the model and processes articles: the task it runs, and the rows it
    kept, are lost with it); whether the job was still running then. The executor's JVM holds
    a file of the same name open while it unpacks the archive, before any task: not a sign."""
    victim = cluster.workers[1]
    deadline = time.monotonic() + JOB_TIMEOUT
    while driver.poll() is None and time.monotonic() < deadline:
        members = [pid for pid in marked(victim.marker) if is_python_worker(pid)]
        if any(has_open(pid, GAZETTEER_FILE) for pid in members):
            cluster.kill(victim)
            return driver.poll() is None
        time.sleep(0.1)
    return False


def _rows(out: Path, table: str) -> list[str]:
    """A table's rows, each as canonical JSON, sorted."""
    dataset = ds.dataset(out / table, format="parquet", partitioning="hive")
    rows: list[dict[str, Any]] = dataset.to_table().to_pylist()
    return sorted(json.dumps(row, sort_keys=True, default=str, ensure_ascii=False) for row in rows)


def _parquet_files(out: Path, table: str) -> dict[str, list[tuple[bytes, dict[str, Any]]]]:
    """A table's Parquet files by folder (a publication day's, or the table's): each file's
    bytes up to its footer (every data page, as written), and its footer, read, with each
    column's encodings sorted (Spark's Parquet writer lists them from a hash set, in an order
    that changes from one JVM to the next: the only bytes that differ between two runs)."""
    files: dict[str, list[tuple[bytes, dict[str, Any]]]] = {}
    for file in sorted((out / table).rglob("*.parquet")):
        data = file.read_bytes()
        footer_length = int.from_bytes(data[-8:-4], "little")  # then the magic PAR1
        metadata = pq.ParquetFile(file).metadata
        footer = metadata.to_dict()
        for group in footer["row_groups"]:
            for column in group["columns"]:
                column["encodings"] = sorted(column["encodings"])
        footer["key_value"] = metadata.metadata
        footer["schema"] = metadata.schema.to_arrow_schema()
        folder = str(file.parent.relative_to(out))
        files.setdefault(folder, []).append((data[: -8 - footer_length], footer))
    return {folder: sorted(found, key=lambda file: file[0]) for folder, found in files.items()}


def _summary(out: Path) -> list[dict[str, Any]]:
    (part,) = (out / "summary").glob("part-*.json")
    return [json.loads(line) for line in part.read_text(encoding="utf-8").splitlines()]


def test_standalone_the_job_outlives_a_lost_worker(cluster_run: Run) -> None:
    assert cluster_run.killed_while_running, "the job ended before a worker could be killed"
    assert "Lost executor" in cluster_run.log, cluster_run.log[-3000:]
    assert cluster_run.report.exists(), cluster_run.log[-3000:]
    assert cluster_run.returncode == 1  # the line that is not JSON, as on one machine
    assert "35 article(s) written" in cluster_run.log


def test_standalone_tables_equal_local_mode(cluster_run: Run, local_run: Path) -> None:
    for table in TABLES:
        assert _rows(cluster_run.out, table) == _rows(local_run, table), table
        assert _parquet_files(cluster_run.out, table) == _parquet_files(local_run, table), table
    assert _summary(cluster_run.out) == _summary(local_run)
    days = sorted(path.name for path in (cluster_run.out / "articles").iterdir() if path.is_dir())
    assert days == sorted(path.name for path in (local_run / "articles").iterdir() if path.is_dir())


def test_standalone_every_article_is_written_once(cluster_run: Run) -> None:
    articles = [json.loads(row) for row in _rows(cluster_run.out, "articles")]
    ids = [row["id"] for row in articles]
    assert len(ids) == len(set(ids)) == 35  # 18 lines, 17 pages (the copy is a source)
    events = [json.loads(row)["id"] for row in _rows(cluster_run.out, "events")]
    assert len(events) == len(set(events)) == sum(row["events"] for row in articles)
    report = json.loads(cluster_run.report.read_text())
    assert report["totals"] == {"articles": 35, "duplicates": 1, "events": len(events), "errors": 1}
    (copy,) = [row for row in articles if len(row["sources"]) == 2]
    assert [source["url"] for source in copy["sources"]] == [
        "https://example.org/0/0",
        "https://m.net/0",
    ]


def test_standalone_output_is_ingested_and_linked_once(cluster_run: Run, tmp_path: Path) -> None:
    """The guide's last step, ``sitrep ingest OUT --db …``, on what the cluster wrote."""
    report = json.loads(cluster_run.report.read_text())
    command = ["ingest", str(cluster_run.out), "--db", str(tmp_path / "sitrep.db")]
    first = CliRunner().invoke(app, command)
    assert first.exit_code == 0, first.output
    assert f"35 article(s) stored ({report['totals']['events']} events)" in first.output
    again = CliRunner().invoke(app, command)
    assert again.exit_code == 0, again.output
    assert "0 article(s) stored" in again.output and "35 already stored" in again.output
