"""Ingest throughput against ``extract`` on the same articles, with one and two workers.

    python -m bench.ingest [--corpus PATH.jsonl] [--articles 200] [--out bench/out]

The articles are the corpus's (default: all 150 of the shared Wikinews corpus; the bundled
wire examples when it is absent), written to one JSON Lines file. Measured, in order:

- ``extract``: what ``sitrep extract`` does for them, in this process, model loaded;
- ``ingest, 1 worker``: ``ingest`` into a new SQLite store, in this process, model loaded: the
  same work plus storing and linking, so the ratio to ``extract`` is the store's overhead;
- ``ingest, 2 workers``: ``ingest`` with two worker processes into another new store, from
  process start (each worker loads the model and the gazetteer) to the last commit, and in
  steady state (from the first article stored to the last); the speed-up over one worker says
  how linear it scales on this machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

# bench.throughput pins the BLAS/OpenMP thread pools to one thread when imported, before spaCy.
from bench.throughput import DEFAULT_CORPUS, ROOT, bench_sets, run_extract
from sitrep.annotate import load_model
from sitrep.ingest import IngestStats, ingest
from sitrep.resolve.gazetteer import open_gazetteer
from sitrep.store import Store


def _texts(corpus: Path) -> list[str]:
    if corpus.exists():
        with corpus.open(encoding="utf-8") as handle:
            # Unique texts only: ingest stores a repeated text once, extract would parse it again.
            return list(dict.fromkeys(json.loads(line)["text"] for line in handle))
    return bench_sets(None)["wire"]


def _timed_ingest(source: Path, db: Path, workers: int) -> tuple[float, float, int, int]:
    """Seconds from the start, steady-state articles/s, articles stored, events."""
    stored_at: list[float] = []

    def progress(stats: IngestStats) -> None:
        if stats.stored > len(stored_at):
            stored_at.append(time.perf_counter())

    started = time.perf_counter()
    with Store(str(db)) as store:
        stats = ingest([str(source)], store, workers=workers, on_progress=progress)
    seconds = time.perf_counter() - started
    steady = (len(stored_at) - 1) / max(stored_at[-1] - stored_at[0], 1e-9)
    return seconds, steady, stats.stored, stats.events


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args(argv)
    texts = _texts(args.corpus)[: args.articles]
    load_model()
    open_gazetteer()
    words = sum(len(text.split()) for text in texts)
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "articles.jsonl"
        with source.open("w", encoding="utf-8") as handle:
            for text in texts:
                handle.write(json.dumps({"text": text, "published": "2024-01-15"}) + "\n")
        run_extract(texts[:8])  # warm caches
        started = time.perf_counter()
        run_extract(texts)
        rows.append(_row("extract", time.perf_counter() - started, len(texts), words, None))
        for workers in (1, 2):
            db = Path(folder) / f"w{workers}.db"
            seconds, steady, stored, events = _timed_ingest(source, db, workers)
            rows.append(_row(f"ingest, {workers} worker(s)", seconds, stored, words, events))
            rows[-1]["steady_articles_per_s"] = steady
    extract_rate = rows[0]["articles_per_s"]
    for row in rows:
        row["vs_extract"] = row["articles_per_s"] / extract_rate
    report = {
        "machine": platform.platform(),
        "cores": os.cpu_count(),
        "articles": len(texts),
        "words": words,
        "rows": rows,
        "speedup_2_workers": rows[2]["articles_per_s"] / rows[1]["articles_per_s"],
        "speedup_2_workers_steady": rows[2]["steady_articles_per_s"]
        / rows[1]["steady_articles_per_s"],
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "ingest.json").write_text(json.dumps(report, indent=2) + "\n")
    table = Table(title=f"{len(texts)} articles, {words:,} words, {os.cpu_count()} cores")
    for column in ("run", "seconds", "articles/s", "steady/s", "words/s", "× extract", "events"):
        table.add_column(column, justify="right")
    for row in rows:
        table.add_row(
            row["run"],
            f"{row['seconds']:.1f}",
            f"{row['articles_per_s']:.2f}",
            f"{row.get('steady_articles_per_s', row['articles_per_s']):.2f}",
            f"{row['words_per_s']:,.0f}",
            f"{row['vs_extract']:.2f}",
            "" if row["events"] is None else str(row["events"]),
        )
    console = Console()
    console.print(table)
    console.print(
        f"2 workers / 1 worker: {report['speedup_2_workers']:.2f}× from the start, "
        f"{report['speedup_2_workers_steady']:.2f}× in steady state"
    )


def _row(
    name: str, seconds: float, articles: int, words: int, events: int | None
) -> dict[str, Any]:
    return {
        "run": name,
        "seconds": seconds,
        "articles": articles,
        "articles_per_s": articles / seconds,
        "words_per_s": words / seconds,
        "events": events,
    }


if __name__ == "__main__":
    main()
