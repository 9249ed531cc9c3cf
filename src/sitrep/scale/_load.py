"""Load the articles a Spark run wrote into a store, where their events are linked.

Reads ``OUT/articles`` (Parquet, with pyarrow: no Spark needed) and adds each record with
``Store.add``, one transaction per article, so reports of the same event are linked as
``sitrep ingest`` links them. An article the store already holds only gains its sources, so
loading the same output twice changes nothing and an interrupted load resumes.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pyarrow.dataset as ds

from sitrep.store import AddStats, Store

_BATCH_ROWS = 256  # records are large (the text and every span): keep batches small


# Articles newly stored (with their events), and articles the store already held.
LoadStats = AddStats


def load_parquet(
    out: str, store: Store, *, on_progress: Callable[[LoadStats], None] | None = None
) -> LoadStats:
    """Add every article record under ``out/articles`` (a local path or a URI pyarrow reads,
    such as ``s3://…``) to ``store``, with every place its text was found."""
    stats = LoadStats()
    articles = ds.dataset(f"{out.rstrip('/')}/articles", format="parquet", partitioning="hive")
    if not articles.files:  # a run that found no article writes no file
        return stats
    for batch in articles.to_batches(columns=["id", "sources", "record"], batch_size=_BATCH_ROWS):
        for row in batch.to_pylist():
            stats.count(store.add(json.loads(row["record"])))
            for source in row["sources"] or []:
                store.add_source(row["id"], source)
            if on_progress:
                on_progress(stats)
    return stats
