"""``ingest``: read inputs, process the articles the store lacks, store and link them.

Articles are parsed on ``workers`` processes (each loads the spaCy model and the gazetteer
once); the calling process reads the inputs and writes the store, one transaction per article.
An article already stored (same text, by content hash) is not processed again, so a run that
was interrupted resumes where it stopped, and running the same inputs twice changes nothing.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from sitrep.annotate import load_model
from sitrep.batching import batched
from sitrep.errors import InputError
from sitrep.pipeline import process_batch
from sitrep.read import ReadOptions, ReadResult, read_inputs
from sitrep.records import Article
from sitrep.resolve.gazetteer import Gazetteer, open_gazetteer
from sitrep.store import AddStats, Store

# Articles per task: enough for spaCy's batching, few enough to keep workers evenly loaded.
BATCH = 16
Result = dict[str, Any] | InputError


@dataclass(slots=True)
class IngestStats(AddStats):
    """Running totals of an ingest: articles newly stored, already stored, failed; events."""

    failed: int = 0

    @property
    def seen(self) -> int:
        return self.stored + self.already_stored + self.failed


def ingest(
    inputs: Iterable[str],
    store: Store,
    *,
    workers: int = 1,
    options: ReadOptions | None = None,
    on_error: Callable[[InputError], None] | None = None,
    on_progress: Callable[[IngestStats], None] | None = None,
    gazetteer: Gazetteer | None = None,
) -> IngestStats:
    """Ingest every article of ``inputs`` (paths, directories, URLs, feeds, WARC files) into
    ``store``. Bad items are passed to ``on_error`` and skipped; the run goes on."""
    stats = IngestStats()

    def failed(error: InputError) -> None:
        stats.failed += 1
        if on_error:
            on_error(error)
        if on_progress:
            on_progress(stats)

    new = _new_articles(read_inputs(inputs, options), store, stats, failed, on_progress)
    for result in _processed(new, workers, gazetteer):
        if isinstance(result, InputError):
            failed(result)
            continue
        stats.count(store.add(result))
        if on_progress:
            on_progress(stats)
    return stats


def _new_articles(
    results: Iterator[ReadResult],
    store: Store,
    stats: IngestStats,
    failed: Callable[[InputError], None],
    on_progress: Callable[[IngestStats], None] | None,
) -> Iterator[Article]:
    """The articles the store lacks; a stored one only gains the source it was seen at."""
    for result in results:
        if isinstance(result, InputError):
            failed(result)
        elif store.has_article(result.id):
            store.add_source(result.id, result.source.to_dict())
            stats.already_stored += 1
            if on_progress:
                on_progress(stats)
        else:
            yield result


def _processed(
    articles: Iterator[Article], workers: int, gazetteer: Gazetteer | None
) -> Iterator[Result]:
    batches = batched(articles, BATCH)
    if workers <= 1:
        gazetteer = gazetteer or open_gazetteer()
        for batch in batches:
            yield from _records(batch, gazetteer)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker) as pool:
        pending: deque[Future[list[Result]]] = deque()
        for batch in batches:
            pending.append(pool.submit(_work, batch))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _records(batch: list[Article], gazetteer: Gazetteer) -> list[Result]:
    return [
        result if isinstance(result, InputError) else result.to_dict()
        for result in process_batch(batch, gazetteer=gazetteer)
    ]


_worker_gazetteer: Gazetteer | None = None


def _start_worker() -> None:
    """Load the model and the gazetteer once per worker process."""
    global _worker_gazetteer
    load_model()
    _worker_gazetteer = open_gazetteer()


def _work(batch: list[Article]) -> list[Result]:
    assert _worker_gazetteer is not None
    return _records(batch, _worker_gazetteer)
