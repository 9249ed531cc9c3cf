"""Load the articles a Spark run wrote into a store, where their events are linked.

Reads ``OUT/articles`` (Parquet, with pyarrow: no Spark needed) and adds each record with
``Store.add``, one transaction per article, so reports of the same event are linked as
``sitrep ingest`` links them. An article the store already holds only gains its sources, so
loading the same output twice changes nothing and an interrupted load resumes. ``sitrep ingest
OUT/`` does this for a folder ``is_job_output`` recognises.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pyarrow.dataset as ds

from sitrep.records import PortableRecord, Source
from sitrep.store import AddStats, Store

_BATCH_ROWS = 256  # records are large (the text and every span): keep batches small


# Articles newly stored (with their events), and articles the store already held.
LoadStats = AddStats


def is_job_output(path: str) -> bool:
    """Whether ``path`` is a local folder a ``sitrep spark`` run wrote (``--out``): it holds the
    run's ``articles`` and ``summary`` tables."""
    folder = Path(path)
    return (folder / "articles").is_dir() and (folder / "summary").is_dir()


def job_article_count(out: str) -> int:
    """The rows of a run's articles table (read from the Parquet footers only)."""
    return int(_articles(out).count_rows())


def load_parquet(
    out: str,
    store: Store,
    *,
    stats: LoadStats | None = None,
    on_progress: Callable[[LoadStats], None] | None = None,
    on_error: Callable[[str, Exception], None] | None = None,
) -> LoadStats:
    """Add every article record under ``out/articles`` (a local path or a URI pyarrow reads,
    such as ``s3://…``) to ``store``, with every place its text was found. The counts go to
    ``stats`` when given (a running total, such as an ingest's). An article the store refuses
    goes to ``on_error`` with its item (``file:line``) and the load goes on; without
    ``on_error``, it stops the load."""
    stats = stats if stats is not None else LoadStats()
    articles = _articles(out)
    if not articles.files:  # a run that found no article writes no file
        return stats
    columns = ["id", "item", "sources", "record"]
    for batch in articles.to_batches(columns=columns, batch_size=_BATCH_ROWS):
        for row in batch.to_pylist():
            try:
                stats.count(store.add(PortableRecord.from_dict(json.loads(row["record"]))))
                for source in row["sources"] or []:
                    store.add_source(row["id"], Source.from_dict(source))
            except Exception as exc:
                if on_error is None:
                    raise
                on_error(row["item"] or row["id"], exc)
                continue
            if on_progress:
                on_progress(stats)
    return stats


def _articles(out: str) -> ds.Dataset:
    """The articles table, partitioned by publication day."""
    return ds.dataset(f"{out.rstrip('/')}/articles", format="parquet", partitioning="hive")
