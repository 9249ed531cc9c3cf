"""End to end on this machine: where an article's time goes, ``extract`` against bare spaCy,
``ingest`` with 1 and 2 workers, Spark ``local[1]`` against ``local[2]``, cold start, memory.

    python -m bench.scale [--corpus PATH.jsonl] [--articles 2000] [--sample 150]
                          [--ingest-articles 300] [--seconds 1] [--out bench/out]
    python -m bench.scale --cluster [--corpus PATH.jsonl] [--articles 2000] [--out bench/out]

With ``--cluster``, only Spark: ``local[1]`` against a standalone cluster of two one-core,
1 GB workers on this machine (tests/scale/standalone.py), the job submitted as docs/spark.md
says (environment packed with venv-pack, kept in ``OUT/spark-pack`` between runs; gazetteer
archive), in the same run: articles/s of each job, the time from spark-submit to its end, and
the peak memory of each worker's processes (the worker, its executor JVM, its Python
workers). Results go to ``bench/out/scale_cluster.json``.

The articles are the corpus's (default: the 150 of the shared Wikinews corpus), each copy made
unique with a last line "Story N." so that nothing is deduplicated: ``--articles`` of them for
Spark, the first ``--ingest-articles`` for ``ingest``, the first ``--sample`` for the one-core
figures. Measured, in order, each once (the machine is shared: the load average is recorded):

- cold start: ``sitrep extract`` on one example article in a new process (gazetteer built),
  three times, with the process's peak memory;
- stages: read (JSON and the checks), clean, annotate (spaCy and its records, in batches),
  resolve (dates and places), extract (quotes and events), serialise, per article, one core;
- throughput: ``bench.throughput``'s bare spaCy ``nlp.pipe`` and whole ``extract`` on the same
  texts, one core, better of two runs each, and ``sitrep extract`` as a process (peak memory);
- ingest: ``bench.ingest``'s timed ingest into new SQLite stores, 1 then 2 workers;
- Spark: ``python -m sitrep.scale`` on one JSON Lines file, ``local[1]`` then ``local[2]``,
  each in a new process: wall time with the JVM's start, the job's own time without it, and
  the peak memory of the driver, the JVM and each Python worker (sampled from /proc);
- load: the ``local[2]`` output into a new SQLite store with ``load_parquet``.

Results go to ``bench/out/scale.json``; a table is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

# bench.throughput pins the BLAS/OpenMP thread pools to one thread when imported, before spaCy.
from bench import throughput
from bench.ingest import _timed_ingest
from sitrep.annotate import annotate_many, load_model, model_name
from sitrep.clean import clean
from sitrep.extract.events import extract_events
from sitrep.extract.quotes import extract_quotes
from sitrep.read import ReadOptions, article_from_record
from sitrep.records import Annotated, ArticleRecord, Document
from sitrep.resolve import resolve_dates
from sitrep.resolve.gazetteer import open_gazetteer
from sitrep.resolve.geoparse import resolve_places
from sitrep.scale import load_parquet
from sitrep.store import Store
from tests.scale.standalone import scratch_folder, shipment, standalone_cluster, submit_command

ROOT = throughput.ROOT
COLD_START_ARTICLE = ROOT / "examples" / "ap_elfasher_2024-05-12.txt"
MB = 1024 * 1024


def variants(corpus: Path, count: int) -> list[dict[str, Any]]:
    """``count`` records cycling through the corpus, each text made unique by a last line."""
    with corpus.open(encoding="utf-8") as handle:
        originals = [json.loads(line) for line in handle if line.strip()]
    records = []
    for number in range(count):
        original = originals[number % len(originals)]
        records.append(
            {
                "text": f"{original['text'].rstrip()}\n\nStory {number + 1}.",
                "url": f"{original.get('url') or 'https://example.org/story'}#{number + 1}",
                "title": original.get("title"),
                "published": original.get("published"),
            }
        )
    return records


def write_jsonl(records: Sequence[dict[str, Any]], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def words(records: Sequence[dict[str, Any]]) -> int:
    return sum(len(record["text"].split()) for record in records)


# --- peak memory, from /proc -------------------------------------------------------------


TICKS = os.sysconf("SC_CLK_TCK")


def _status(pid: int) -> tuple[int, int, float] | None:
    """(parent pid, peak resident bytes, CPU seconds) of a live process, from /proc."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    fields: dict[str, str] = {}
    for line in lines:
        key, _, value = line.partition(":")
        fields[key] = value
    cpu = (int(stat[11]) + int(stat[12])) / TICKS  # utime and stime, fields 14 and 15
    peak = int(fields.get("VmHWM", "0 kB").split()[0]) * 1024
    return int(fields.get("PPid", "0")), peak, cpu


def machine_busy_seconds() -> float:
    """CPU seconds every core of the machine has spent busy since boot (from /proc/stat)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle and iowait
    return (sum(values[:8]) - idle) / TICKS


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


@dataclass
class PeakSampler:
    """The peak resident memory and CPU time of ``root`` and every process below it, polled
    from /proc (VmHWM is the kernel's own high-water mark, so a poll only has to come before
    the process ends; CPU time after the last poll is missed)."""

    root: int
    interval: float = 0.25
    peaks: dict[int, tuple[str, int]] = field(default_factory=dict)
    cpu: dict[int, float] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)

    def poll(self) -> None:
        status = {pid: s for pid in _pids() if (s := _status(pid)) is not None}
        below, grown = {self.root}, True
        while grown:
            found = {pid for pid, (parent, _, _) in status.items() if parent in below}
            grown = not found <= below
            below |= found
        for pid in below & status.keys():  # the root may have ended already
            # The name is read again each time: spark-submit's shell script becomes the JVM.
            name, peak = self.peaks.get(pid) or ("", 0)
            self.peaks[pid] = (_cmdline(pid) or name, max(peak, status[pid][1]))
            self.cpu[pid] = max(self.cpu.get(pid, 0.0), status[pid][2])

    @contextmanager
    def running(self) -> Iterator[PeakSampler]:
        def loop() -> None:
            while not self._stop.wait(self.interval):
                self.poll()

        thread = threading.Thread(target=loop, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            thread.join()

    def largest(self, kind: Callable[[str], bool]) -> list[int]:
        return sorted((peak for name, peak in self.peaks.values() if kind(name)), reverse=True)

    def cpu_seconds(self, kind: Callable[[str], bool]) -> float:
        return sum(self.cpu[pid] for pid, (name, _) in self.peaks.items() if kind(name))


def _pids() -> list[int]:
    return [int(entry.name) for entry in Path("/proc").iterdir() if entry.name.isdigit()]


def _is_worker(name: str) -> bool:
    """A Spark Python worker (forked from pyspark's daemon, whose command line it keeps)."""
    return "pyspark" in name and "daemon" in name


def _is_jvm(name: str) -> bool:
    return name.split(" ", 1)[0].endswith("java")


def _is_pool_worker(name: str) -> bool:
    return "spawn_main" in name


# --- one-core figures ---------------------------------------------------------------------


def stage_times(records: Sequence[dict[str, Any]]) -> dict[str, float]:
    """Seconds per article for each stage, over ``records``, one after the other on one core."""
    gazetteer = open_gazetteer()
    seconds: dict[str, float] = {}

    def timed(name: str, run: Callable[[], Any]) -> Any:
        started = time.perf_counter()
        result = run()
        seconds[name] = (time.perf_counter() - started) / len(records)
        return result

    options = ReadOptions()
    lines = [json.dumps(record) for record in records]
    articles = timed(
        "read",
        lambda: [
            article_from_record(json.loads(line), f"bench:{n}", options)
            for n, line in enumerate(lines, start=1)
        ],
    )
    documents: list[Document] = timed("clean", lambda: [clean(a) for a in articles])
    annotated: list[Annotated] = timed("annotate (spaCy)", lambda: list(annotate_many(documents)))
    resolved = timed(
        "resolve (dates, places)",
        lambda: [(resolve_dates(a), resolve_places(a, gazetteer)) for a in annotated],
    )

    def extract() -> list[ArticleRecord]:
        built = []
        for doc, (dates, places) in zip(annotated, resolved, strict=True):
            quotes = extract_quotes(doc, dates)
            events = extract_events(doc, gazetteer, dates=dates, places=places, quotes=quotes)
            built.append(
                ArticleRecord(doc, dates=dates, places=places, quotes=quotes, events=events)
            )
        return built

    built = timed("extract (quotes, events)", extract)
    timed("serialise", lambda: [json.dumps(record.to_dict()) for record in built])
    return seconds


def run_process(command: Sequence[str]) -> tuple[float, int]:
    """Wall seconds and peak resident bytes of a command in a new process. (Not the kernel's
    ru_maxrss: a child started by vfork and exec inherits its parent's peak there.)"""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sampler = PeakSampler(process.pid, interval=0.05)
    with sampler.running():
        _, error = process.communicate()
    seconds = time.perf_counter() - started
    if process.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} failed: {error.decode()[-2000:]}")
    return seconds, max(sampler.largest(lambda _: True), default=0)


def sitrep_command() -> list[str]:
    script = Path(sys.executable).parent / "sitrep"
    return [str(script)] if script.exists() else [sys.executable, "-m", "sitrep"]


def cold_start(runs: int = 3) -> dict[str, Any]:
    command = [*sitrep_command(), "extract", str(COLD_START_ARTICLE)]
    results = [run_process(command) for _ in range(runs)]
    return {
        "command": f"sitrep extract {COLD_START_ARTICLE.relative_to(ROOT)}",
        "seconds": [round(seconds, 3) for seconds, _ in results],
        "median_seconds": statistics.median(seconds for seconds, _ in results),
        "peak_mb": max(peak for _, peak in results) / MB,
    }


def extract_process(source: Path, count: int, word_count: int) -> dict[str, Any]:
    seconds, peak = run_process([*sitrep_command(), "extract", "-f", "jsonl", str(source)])
    return {
        "articles": count,
        "seconds": seconds,
        "articles_per_s": count / seconds,
        "words_per_s": word_count / seconds,
        "peak_mb": peak / MB,
    }


# --- ingest and Spark ---------------------------------------------------------------------


def ingest_runs(source: Path, folder: Path, word_count: int) -> list[dict[str, Any]]:
    rows = []
    for workers in (1, 2):
        sampler = PeakSampler(os.getpid())
        with sampler.running():
            seconds, steady, stored, events = _timed_ingest(
                source, folder / f"w{workers}.db", workers
            )
        sampler.poll()
        rows.append(
            {
                "workers": workers,
                "seconds": seconds,
                "articles": stored,
                "events": events,
                "articles_per_s": stored / seconds,
                "steady_articles_per_s": steady,
                "words_per_s": word_count / seconds,
                "worker_peak_mb": [peak / MB for peak in sampler.largest(_is_pool_worker)],
            }
        )
    return rows


def spark_run(
    source: Path, out: Path, cores: int, count: int, conf: Sequence[str] = ()
) -> dict[str, Any]:
    report = out.with_suffix(".json")
    settings = ["spark.ui.enabled=false", "spark.ui.showConsoleProgress=false", *conf]
    command = [
        *(sys.executable, "-m", "sitrep.scale", str(source), "--out", str(out)),
        *("--master", f"local[{cores}]", "--report", str(report)),
        *(argument for setting in settings for argument in ("--conf", setting)),
    ]
    load = os.getloadavg()[0]
    busy = machine_busy_seconds()
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sampler = PeakSampler(process.pid)
    with sampler.running():
        _, error = process.communicate()
    wall = time.perf_counter() - started
    busy = machine_busy_seconds() - busy
    if process.returncode != 0:
        raise RuntimeError(f"spark local[{cores}] failed: {error.decode()[-3000:]}")
    summary = json.loads(report.read_text())
    job = summary["seconds"]
    return {
        "master": f"local[{cores}]",
        "load_average_before": load,
        "wall_seconds": wall,
        "job_seconds": job,
        "session_start_seconds": wall - job,
        "articles": summary["totals"]["articles"],
        "events": summary["totals"]["events"],
        "errors": summary["totals"]["errors"],
        "articles_per_s": count / job,
        "python_worker_peak_mb": [peak / MB for peak in sampler.largest(_is_worker)],
        "python_worker_peak_mb_reported": summary["peak_worker_bytes"] / MB,
        "jvm_peak_mb": max(sampler.largest(_is_jvm), default=0) / MB,
        "driver_peak_mb": max(sampler.largest(lambda name: "sitrep.scale" in name)) / MB,
        # Cores the run's processes kept busy on average, and what the rest of the machine used
        # meanwhile (a shared machine: another user's work leaves local[2] less than 2 cores).
        "python_worker_cores": sampler.cpu_seconds(_is_worker) / wall,
        "jvm_cores": sampler.cpu_seconds(_is_jvm) / wall,
        "run_cores": sampler.cpu_seconds(lambda _: True) / wall,
        "other_cores": max(busy - sampler.cpu_seconds(lambda _: True), 0.0) / wall,
    }


def load_run(out: Path, folder: Path) -> dict[str, Any]:
    started = time.perf_counter()
    with Store(str(folder / "loaded.db")) as store:
        stats = load_parquet(str(out), store)
    seconds = time.perf_counter() - started
    return {
        "articles": stats.stored,
        "events": stats.events,
        "seconds": seconds,
        "articles_per_s": stats.stored / seconds,
    }


def cluster_run(source: Path, out: Path, count: int, pack: Path) -> dict[str, Any]:
    """The job on a standalone cluster of two one-core workers, submitted as the guide says,
    with the peak memory of each worker's processes."""
    shipped = shipment(pack)
    report = out.with_suffix(".json")
    arguments = [str(source), "--out", str(out), "--report", str(report)]
    with scratch_folder() as folder, standalone_cluster(folder, workers=2) as cluster:
        command, environ = submit_command(cluster, shipped, arguments)
        samplers = [PeakSampler(worker.process.pid) for worker in cluster.workers]
        load, busy = os.getloadavg()[0], machine_busy_seconds()
        started = time.perf_counter()
        with ExitStack() as running:
            for sampler in samplers:
                running.enter_context(sampler.running())
            result = subprocess.run(command, env=environ, capture_output=True, check=False)
        wall = time.perf_counter() - started
        busy = machine_busy_seconds() - busy
    if result.returncode != 0:
        raise RuntimeError(f"the cluster job failed: {result.stderr.decode()[-3000:]}")
    summary = json.loads(report.read_text())
    workers = [_worker_memory(sampler) for sampler in samplers]
    cpu = sum(sampler.cpu_seconds(lambda _: True) for sampler in samplers)
    return {
        "master": "standalone, 2 workers of 1 core and 1 GB",
        "load_average_before": load,
        "submit_to_done_seconds": wall,
        "job_seconds": summary["seconds"],
        "articles": summary["totals"]["articles"],
        "events": summary["totals"]["events"],
        "errors": summary["totals"]["errors"],
        "articles_per_s": count / summary["seconds"],
        "workers": workers,
        "python_worker_peak_mb_reported": summary["peak_worker_bytes"] / MB,
        # As in spark_run, for the workers' processes (the driver, little, is left out).
        "python_worker_cores": sum(s.cpu_seconds(_is_worker) for s in samplers) / wall,
        "run_cores": cpu / wall,
        "other_cores": max(busy - cpu, 0.0) / wall,
    }


def _worker_memory(sampler: PeakSampler) -> dict[str, float]:
    """Peak resident MB of a worker's processes, each at its own peak (their sum is an upper
    bound of what the worker held at once)."""
    daemon = max(sampler.largest(lambda name: "deploy.worker.Worker" in name), default=0)
    executor = max(sampler.largest(lambda name: "CoarseGrainedExecutorBackend" in name), default=0)
    python = sum(sampler.largest(_is_worker))
    return {
        "worker_jvm_mb": daemon / MB,
        "executor_jvm_mb": executor / MB,
        "python_workers_mb": python / MB,
        "total_mb": (daemon + executor + python) / MB,
    }


def measure_cluster(args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    console = Console(stderr=True)
    records = variants(args.corpus, args.articles)
    source = write_jsonl(records, folder / "articles.jsonl")
    report: dict[str, Any] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}",
        "corpus": str(args.corpus),
        "articles": len(records),
        "words": words(records),
        "load_average_at_start": os.getloadavg(),
    }
    console.print(f"spark local[1], {len(records)} articles…")
    single = spark_run(source, folder / "local1", 1, len(records))
    console.print(f"spark standalone cluster, 2 workers of 1 core, {len(records)} articles…")
    cluster = cluster_run(source, folder / "cluster", len(records), args.out / "spark-pack")
    report["runs"] = [single, cluster]
    report["speedup_job"] = cluster["articles_per_s"] / single["articles_per_s"]
    report["speedup_wall"] = single["wall_seconds"] / cluster["submit_to_done_seconds"]
    report["load_average_at_end"] = os.getloadavg()
    return report


def print_cluster_table(report: dict[str, Any]) -> None:
    single, cluster = report["runs"]
    table = Table(title=f"Spark, {report['articles']:,} articles: local[1] against a cluster")
    for column in ("run", "articles/s", "job s", "submit to done s", "peak memory"):
        table.add_column(column, justify="left" if column in ("run", "peak memory") else "right")
    table.add_row(
        "local[1]",
        f"{single['articles_per_s']:.2f}",
        f"{single['job_seconds']:.0f}",
        f"{single['wall_seconds']:.0f}",
        f"worker {max(single['python_worker_peak_mb'], default=0):.0f} MB, "
        f"JVM {single['jvm_peak_mb']:.0f} MB",
    )
    table.add_row(
        "standalone, 2 × 1 core",
        f"{cluster['articles_per_s']:.2f}",
        f"{cluster['job_seconds']:.0f}",
        f"{cluster['submit_to_done_seconds']:.0f}",
        "; ".join(
            f"worker {n}: {w['total_mb']:.0f} MB (JVM {w['worker_jvm_mb']:.0f}, executor "
            f"{w['executor_jvm_mb']:.0f}, Python {w['python_workers_mb']:.0f})"
            for n, w in enumerate(cluster["workers"], start=1)
        ),
    )
    console = Console(width=max(Console().width, 140))
    console.print(table)
    console.print(
        f"cluster / local[1]: {report['speedup_job']:.2f}× (job), {report['speedup_wall']:.2f}× "
        f"(submit to done); cores the Python workers had: {single['python_worker_cores']:.2f} "
        f"and {cluster['python_worker_cores']:.2f}, the rest of the machine used "
        f"{single['other_cores']:.2f} and {cluster['other_cores']:.2f}; {report['machine']}; "
        "load average "
        f"{report['load_average_at_start'][0]:.2f} at start, "
        f"{report['load_average_at_end'][0]:.2f} at end"
    )


# --- the report ---------------------------------------------------------------------------


def measure(args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    console = Console(stderr=True)
    records = variants(args.corpus, args.articles)
    sample, ingested = records[: args.sample], records[: args.ingest_articles]
    source = write_jsonl(records, folder / "articles.jsonl")
    sample_source = write_jsonl(sample, folder / "sample.jsonl")
    ingest_source = write_jsonl(ingested, folder / "ingest.jsonl")
    report: dict[str, Any] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}",
        "model": model_name(),
        "corpus": str(args.corpus),
        "load_average_at_start": os.getloadavg(),
    }
    console.print("cold start…")
    report["cold_start"] = cold_start()
    load_model()
    texts = [record["text"] for record in sample]
    throughput.run_extract(texts[:8])  # warm caches before timing
    console.print(f"stages on {len(sample)} articles…")
    report["stages"] = {
        "articles": len(sample),
        "words": words(sample),
        "seconds_per_article": stage_times(sample),
    }
    console.print("extract against bare spaCy…")
    report["throughput"] = throughput.bench_set("sample", texts, args.seconds)
    report["extract_process"] = extract_process(sample_source, len(sample), words(sample))
    console.print(f"ingest, {len(ingested)} articles, 1 and 2 workers…")
    report["ingest"] = {
        "articles": len(ingested),
        "runs": ingest_runs(ingest_source, folder, words(ingested)),
    }
    runs = []
    for cores in (1, 2):
        console.print(f"spark local[{cores}], {len(records)} articles…")
        runs.append(spark_run(source, folder / f"spark{cores}", cores, len(records)))
    report["spark"] = {
        "articles": len(records),
        "words": words(records),
        "runs": runs,
        "speedup_job": runs[0]["job_seconds"] / runs[1]["job_seconds"],
        "speedup_wall": runs[0]["wall_seconds"] / runs[1]["wall_seconds"],
    }
    console.print("loading the local[2] output into a store…")
    report["load"] = load_run(folder / "spark2", folder)
    report["load_average_at_end"] = os.getloadavg()
    return report


def print_table(report: dict[str, Any]) -> None:
    console = Console(width=max(Console().width, 120))
    console.print(_stage_table(report))
    console.print(_rate_table(report))
    cold, spark = report["cold_start"], report["spark"]
    console.print(
        f"spark local[2] / local[1]: {spark['speedup_job']:.2f}× (job), "
        f"{spark['speedup_wall']:.2f}× (with the JVM's start); cold start "
        f"({cold['command']}): {', '.join(f'{s:.2f}' for s in cold['seconds'])} s, "
        f"{cold['peak_mb']:.0f} MB; model {report['model']}; {report['machine']}; load average "
        f"{report['load_average_at_start'][0]:.2f} at start"
    )


def _stage_table(report: dict[str, Any]) -> Table:
    stages = report["stages"]["seconds_per_article"]
    total = sum(stages.values())
    table = Table(title=f"One core, {report['stages']['articles']} articles: ms per article")
    for column in ("stage", "ms", "share"):
        table.add_column(column, justify="left" if column == "stage" else "right")
    for name, seconds in stages.items():
        table.add_row(name, f"{seconds * 1000:.1f}", f"{seconds / total:.0%}")
    table.add_row("all", f"{total * 1000:.1f}", f"{1 / total:.1f} articles/s")
    return table


def _rate_table(report: dict[str, Any]) -> Table:
    table = Table(title="Throughput; memory is the peak resident set")
    for column in ("run", "articles/s", "words/s", "note"):
        table.add_column(column, justify="left" if column in ("run", "note") else "right")
    rates, ratio = report["throughput"]["rates"], report["throughput"]["extract_over_spacy"]
    for name, note in (("spaCy nlp.pipe", ""), ("extract", f"; {ratio:.3f} of spaCy")):
        rate = rates[name]
        table.add_row(
            name,
            f"{rate['articles_per_second']:.2f}",
            f"{rate['words_per_second']:,.0f}",
            f"one core, in process{note}",
        )
    process = report["extract_process"]
    table.add_row(
        "sitrep extract (process)",
        f"{process['articles_per_s']:.2f}",
        f"{process['words_per_s']:,.0f}",
        f"{process['articles']} articles from start, {process['peak_mb']:.0f} MB",
    )
    for run in report["ingest"]["runs"]:
        peaks = ", ".join(f"{mb:.0f}" for mb in run["worker_peak_mb"]) or "in process"
        table.add_row(
            f"ingest, {run['workers']} worker(s)",
            f"{run['articles_per_s']:.2f}",
            f"{run['words_per_s']:,.0f}",
            f"{run['articles']} articles from start, steady {run['steady_articles_per_s']:.2f}/s;"
            f" worker MB: {peaks}",
        )
    for run in report["spark"]["runs"]:
        worker = max(run["python_worker_peak_mb"], default=0)
        table.add_row(
            f"spark {run['master']}",
            f"{run['articles_per_s']:.2f}",
            f"{report['spark']['words'] / run['job_seconds']:,.0f}",
            f"{run['articles']} articles, job {run['job_seconds']:.0f} s "
            f"(+{run['session_start_seconds']:.0f} s start); worker MB {worker:.0f}, "
            f"JVM MB {run['jvm_peak_mb']:.0f}",
        )
    load = report["load"]
    table.add_row(
        "load_parquet", f"{load['articles_per_s']:.2f}", "", f"{load['articles']} into SQLite"
    )
    return table


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=throughput.DEFAULT_CORPUS)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--sample", type=int, default=150)
    parser.add_argument("--ingest-articles", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--cluster", action="store_true", help="local[1] against a cluster only")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        parser.error(f"{args.corpus} is missing: give a JSON Lines corpus with --corpus")
    args.out.mkdir(parents=True, exist_ok=True)
    run = measure_cluster if args.cluster else measure
    with tempfile.TemporaryDirectory() as folder:
        report = run(args, Path(folder))
    written = args.out / ("scale_cluster.json" if args.cluster else "scale.json")
    written.write_text(json.dumps(report, indent=2) + "\n")
    print_cluster_table(report) if args.cluster else print_table(report)
    Console().print(f"written to {written}")


if __name__ == "__main__":
    main()
