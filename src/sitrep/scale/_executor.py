"""What runs on Spark's executors: ``process`` over a partition of articles, as table rows.

Each Python worker loads the spaCy model and the gazetteer once, on its first partition, and
keeps them for the next ones (Spark reuses its Python workers). Nothing here imports pyspark.
"""

from __future__ import annotations

import json
import logging
import resource
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal, NamedTuple, Protocol

from sitrep.annotate import load_model
from sitrep.errors import InputError
from sitrep.export.writers import PARQUET_SCHEMA, flat
from sitrep.pipeline import process, process_batch
from sitrep.records import Article, ArticleRecord, PortableRecord
from sitrep.resolve.gazetteer import Gazetteer, open_gazetteer
from sitrep.scale._units import Failure, Found
from sitrep.store import ClusterSummary, StoredEvent
from sitrep.store.db import evidence_text

logger = logging.getLogger(__name__)

# Articles parsed together: enough for spaCy's batching (as ``ingest`` and ``extract`` do).
BATCH = 16
UNKNOWN_DATE = "unknown"
EVENT_COLUMNS = (*PARQUET_SCHEMA.names, "published_date")

Table = Literal["article", "event", "error", "duplicate"]
# An event's cluster columns before it is linked (in a store): none.
_UNLINKED = {"cluster_id": None, "cluster_status": None, "cluster_size": None}


class Output(NamedTuple):
    """One row for one of the job's tables, with the input file it came from (for the
    summary). ``duplicate`` rows are only counted: a text already read from another item."""

    table: Table
    input: str
    row: tuple[Any, ...]


class Peak(Protocol):
    """Where a worker reports its peak memory (a Spark accumulator that keeps the largest)."""

    def add(self, term: int) -> None: ...


class Crashed(InputError):
    """An article that made sitrep itself fail: a bug to report, not a bad input."""

    reason_code = "internal"


_gazetteer: Gazetteer | None = None


def worker_gazetteer() -> Gazetteer:
    """The model and the gazetteer, loaded on this worker's first call only."""
    global _gazetteer
    if _gazetteer is None:
        load_model()
        _gazetteer = open_gazetteer()
    return _gazetteer


def process_partition(
    items: Iterable[Found | Failure], peak: Peak | None = None
) -> Iterator[Output]:
    """Rows for every article of a partition (parsed in batches) and for every failure passed
    along with them; then this worker's peak resident memory goes to ``peak``."""
    batch: list[Found] = []
    for item in items:
        if isinstance(item, Failure):
            yield error_output(item)
            continue
        batch.append(item)
        if len(batch) == BATCH:
            yield from _batch_outputs(batch)
            batch = []
    yield from _batch_outputs(batch)
    if peak is not None:
        peak.add(peak_rss())


def error_output(failure: Failure) -> Output:
    return Output("error", failure.input, tuple(failure))


def _batch_outputs(batch: list[Found]) -> Iterator[Output]:
    if not batch:
        return
    results = _records([find.article for find in batch], worker_gazetteer())
    for find, result in zip(batch, results, strict=True):
        yield from _outputs(find, result)


def _records(articles: list[Article], gazetteer: Gazetteer) -> list[ArticleRecord | InputError]:
    """``process_batch``, and where something other than the input fails (a bug), the batch an
    article at a time, so that one article's crash is its error row, not a failed job."""
    try:
        return process_batch(articles, gazetteer=gazetteer)
    except Exception:
        logger.exception("a batch failed; processing its articles one at a time")
        return [_one(article, gazetteer) for article in articles]


def _one(article: Article, gazetteer: Gazetteer) -> ArticleRecord | InputError:
    try:
        return process(article, gazetteer=gazetteer)
    except InputError as exc:
        return exc
    except Exception as exc:
        item = article.source.path or article.source.url or article.id
        return Crashed(item, f"sitrep failed ({type(exc).__name__}: {exc}); please report it")


def _outputs(find: Found, result: ArticleRecord | InputError) -> Iterator[Output]:
    first = find.copies[0]
    if isinstance(result, InputError):
        row = (first.input, first.item, result.reason_code, result.reason)
        yield Output("error", first.input, row)
        return
    portable = result.portable()
    record = portable.to_dict()
    day = record["article"]["published"] or UNKNOWN_DATE
    yield Output("article", first.input, article_row(find, record, day))
    for event in event_rows(portable, day):
        yield Output("event", first.input, event)
    for copy in find.copies[1:]:
        yield Output("duplicate", copy.input, ())


def article_row(find: Found, record: dict[str, Any], day: str) -> tuple[Any, ...]:
    """The columns of ``ARTICLE_COLUMNS`` (see ``_job``): a few flat fields to filter on, every
    place the text was found, and the whole record as JSON, as ``extract --format jsonl``."""
    article = record["article"]
    first = find.copies[0]
    return (
        article["id"],
        day,
        first.input,
        first.item,
        article["source"]["url"],
        article["title"],
        article["source"]["outlet"],
        article["published"],
        article["published_basis"],
        len(record["events"]),
        [copy.source for copy in find.copies],
        json.dumps(record, ensure_ascii=False),
    )


def event_rows(record: PortableRecord, day: str) -> Iterator[tuple[Any, ...]]:
    """Each event as the flat row of ``sitrep export --format parquet`` (no cluster yet: events
    are linked when loaded into a store), with the article's publication day."""
    for event in record.events:
        evidence = evidence_text(record.article.text, event.evidence)
        row = flat(StoredEvent(event, record.id, evidence, ClusterSummary(event.id, "reported")))
        yield (*(row | _UNLINKED).values(), day)


def peak_rss() -> int:
    """This process's peak resident memory in bytes (Linux reports it in VmHWM)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
