"""``ingest``: read inputs, process the articles the store lacks, store and link them.

Articles are parsed on ``workers`` processes (each loads the spaCy model and the gazetteer
once); the calling process reads the inputs and writes the store, one transaction per article.
An article already stored (same text, by content hash) is not processed again, so a run that
was interrupted resumes where it stopped, and running the same inputs twice changes nothing.
The ``--out`` folder of a ``sitrep spark`` run is an input too: its articles, processed
already, are stored and linked as they are (``sitrep.scale.load_parquet``).

One item never stops the batch: whatever fails while reading, processing or storing it (bad
input, a value the database refuses, a fault of sitrep's) becomes an ``ItemFailure`` naming the
item and the reason, and the run goes on; the store keeps nothing of that item. Only a damaged
model or gazetteer (``ConfigurationError``), an interrupt or an exit stop the run.
"""

from __future__ import annotations

import logging
import multiprocessing
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

from pyarrow import ArrowException

from sitrep.annotate import load_model
from sitrep.batching import batched
from sitrep.errors import ConfigurationError, InputError, SitrepError, StoreError
from sitrep.pipeline import process_batch
from sitrep.read import ReadOptions, ReadResult, article_count, read_inputs
from sitrep.records import Article, ArticleRecord, PortableRecord
from sitrep.resolve.gazetteer import Gazetteer, open_gazetteer
from sitrep.scale import is_job_output, job_article_count, load_parquet
from sitrep.store import AddStats, Store

logger = logging.getLogger(__name__)

# Articles per task: enough for spaCy's batching, few enough to keep workers evenly loaded.
BATCH = 16


@dataclass(frozen=True, slots=True)
class ItemFailure:
    """An item the ingest skipped, and why, printed as one line (``item: reason``). ``detail``
    is the traceback when the failure is not the input's fault (a database refusal, a fault of
    sitrep's); the ingest logs it at debug level (``sitrep --verbose``)."""

    item: str
    reason: str
    detail: str | None = None

    def __str__(self) -> str:
        return f"{self.item}: {self.reason}"

    @classmethod
    def of(cls, item: str, error: Exception) -> ItemFailure:
        if isinstance(error, InputError):
            return cls(error.item, error.reason)
        reason = str(error) if isinstance(error, SitrepError) else _fault(error)
        detail = "".join(traceback.format_exception(error))
        return cls(item, " ".join(reason.split())[:300], detail)


def _fault(error: Exception) -> str:
    """A failure no input explains: the exception and its message, for a bug report."""
    first_line = next(iter(str(error).splitlines()), "")
    said = f"{type(error).__name__}: {first_line}" if first_line else type(error).__name__
    return f"a fault of sitrep's ({said})"


# A worker sends back the record without its parse (``ArticleRecord.portable``): far less to
# pickle than the tokens and sentences, and all the store keeps.
Result = PortableRecord | ItemFailure


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
    on_error: Callable[[ItemFailure], None] | None = None,
    on_progress: Callable[[IngestStats], None] | None = None,
    gazetteer: Gazetteer | None = None,
) -> IngestStats:
    """Ingest every article of ``inputs`` (paths, directories, URLs, feeds, WARC files, the
    output folders of Spark runs) into ``store``. Items that fail are passed to ``on_error``
    and skipped; the run goes on."""
    stats = IngestStats()

    def failed(failure: ItemFailure) -> None:
        stats.failed += 1
        if failure.detail:
            logger.debug("%s\n%s", failure, failure.detail)
        if on_error:
            on_error(failure)
        if on_progress:
            on_progress(stats)

    names = list(inputs)
    outputs = [name for name in names if is_job_output(name)]
    for out in outputs:
        _load_job_output(out, store, stats, failed, on_progress)
    others = [name for name in names if name not in outputs]
    new = _new_articles(read_inputs(others, options), store, stats, failed, on_progress)
    for result in _processed(new, workers, gazetteer):
        if isinstance(result, ItemFailure):
            failed(result)
            continue
        try:
            stats.count(store.add(result))
        except Exception as exc:  # this article's transaction is rolled back; the next one goes on
            failed(ItemFailure.of(_record_item(result), exc))
            continue
        if on_progress:
            on_progress(stats)
    return stats


def article_total(inputs: Sequence[str]) -> int | None:
    """How many articles ``inputs`` hold, where that is known before reading them (a progress
    bar's total): ``sitrep.read.article_count``'s, and the rows of each Spark run's output."""
    outputs = [name for name in inputs if is_job_output(name)]
    others = article_count([name for name in inputs if name not in outputs])
    try:
        return None if others is None else others + sum(map(job_article_count, outputs))
    except (OSError, ArrowException):  # unreadable: the ingest says so, item by item
        return None


def _load_job_output(
    out: str,
    store: Store,
    stats: IngestStats,
    failed: Callable[[ItemFailure], None],
    on_progress: Callable[[IngestStats], None] | None,
) -> None:
    """A Spark run's articles, stored as they are; an unreadable table fails as one item."""

    def progress(_: AddStats) -> None:
        if on_progress:
            on_progress(stats)

    def refused(item: str, error: Exception) -> None:
        failed(ItemFailure.of(item, error))

    try:
        load_parquet(out, store, stats=stats, on_progress=progress, on_error=refused)
    except (OSError, ArrowException) as exc:
        reason = " ".join(str(exc).split())[:200]
        failed(ItemFailure(out, f"cannot read the Spark run's articles ({reason})"))


def _new_articles(
    results: Iterator[ReadResult],
    store: Store,
    stats: IngestStats,
    failed: Callable[[ItemFailure], None],
    on_progress: Callable[[IngestStats], None] | None,
) -> Iterator[Article]:
    """The articles the store lacks; a stored one only gains the source it was seen at."""
    for result in results:
        if isinstance(result, InputError):
            failed(ItemFailure.of(result.item, result))
            continue
        try:
            if not store.has_article(result.id):
                yield result
                continue
            store.add_source(result.id, result.source)
        except StoreError as exc:
            failed(ItemFailure.of(_article_item(result), exc))
            continue
        stats.already_stored += 1
        if on_progress:
            on_progress(stats)


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
    """Each article's record, or its failure; a batch that fails is redone an article at a
    time, so that only the failing article fails."""
    try:
        results = process_batch(batch, gazetteer=gazetteer)
    except ConfigurationError:  # a damaged model or gazetteer is no article's fault
        raise
    except Exception:
        return [_record_alone(article, gazetteer) for article in batch]
    return [_result(article, result) for article, result in zip(batch, results, strict=True)]


def _record_alone(article: Article, gazetteer: Gazetteer) -> Result:
    try:
        [result] = process_batch([article], gazetteer=gazetteer)
    except ConfigurationError:
        raise
    except Exception as exc:
        return ItemFailure.of(_article_item(article), exc)
    return _result(article, result)


def _result(article: Article, result: ArticleRecord | InputError) -> Result:
    if isinstance(result, InputError):
        return ItemFailure.of(_article_item(article), result)
    return result.portable()


def _article_item(article: Article) -> str:
    """How messages name an article: where it was read from."""
    return article.source.path or article.source.url or f"article {article.id}"


def _record_item(record: PortableRecord) -> str:
    source = record.article.source
    return source.path or source.url or f"article {record.id}"


_worker_gazetteer: Gazetteer | None = None


def _start_worker() -> None:
    """Load the model and the gazetteer once per worker process."""
    global _worker_gazetteer
    load_model()
    _worker_gazetteer = open_gazetteer()


def _work(batch: list[Article]) -> list[Result]:
    assert _worker_gazetteer is not None
    return _records(batch, _worker_gazetteer)
