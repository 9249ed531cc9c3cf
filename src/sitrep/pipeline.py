"""``process``: the one per-article function that the CLI, the store, the web app and Spark call.

It is pure: no database, no network, no state beyond the spaCy model and the gazetteer, each
loaded once per process.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from sitrep.annotate import annotate, annotate_many
from sitrep.clean import clean
from sitrep.errors import InputError, SitrepError
from sitrep.extract.events import extract_events
from sitrep.extract.events.classifier import type_model
from sitrep.extract.events.status import status_model
from sitrep.extract.quotes import extract_quotes
from sitrep.records import Annotated, Article, ArticleRecord
from sitrep.resolve import resolve_dates
from sitrep.resolve.gazetteer import Gazetteer, open_gazetteer
from sitrep.resolve.geoparse import resolve_places


def load_models() -> None:
    """Load the event typing and claim status models now, so that a missing or damaged model
    file stops a run (``ModelDamaged``, naming the file and ``make train``) before any article
    is read."""
    type_model()
    status_model()


def process(article: Article, *, gazetteer: Gazetteer | None = None) -> ArticleRecord:
    """Read an article through every stage into its record.

    ``gazetteer`` defaults to the one in the user cache dir, built on first use (about 30 s).
    """
    return read_annotated(annotate(clean(article)), gazetteer or open_gazetteer())


def process_many(
    articles: Iterable[Article], *, gazetteer: Gazetteer | None = None
) -> Iterator[ArticleRecord]:
    """``process`` for many articles, in order, with the same records: spaCy parses them in
    batches, which is faster than one article at a time."""
    gazetteer = gazetteer or open_gazetteer()
    for annotated in annotate_many(clean(article) for article in articles):
        yield read_annotated(annotated, gazetteer)


def process_batch(
    articles: Sequence[Article], *, gazetteer: Gazetteer | None = None
) -> list[ArticleRecord | InputError]:
    """``process_many`` for one batch, where an article that fails fails alone: the batch is
    then redone an article at a time, and the failing article's result is its error."""
    gazetteer = gazetteer or open_gazetteer()
    load_models()  # a damaged model is no article's fault: it stops the batch
    try:
        return list(process_many(articles, gazetteer=gazetteer))
    except SitrepError:
        return [_process_one(article, gazetteer) for article in articles]


def _process_one(article: Article, gazetteer: Gazetteer) -> ArticleRecord | InputError:
    try:
        return process(article, gazetteer=gazetteer)
    except SitrepError as exc:
        return InputError(article.source.path or article.source.url or "<input>", str(exc))


def read_annotated(
    annotated: Annotated, gazetteer: Gazetteer, *, rules_only: bool = False
) -> ArticleRecord:
    """The stages after parsing: dates, places, quotes and events. ``rules_only``: claim
    statuses as the claim rules read them, before the status model (what it is trained on)."""
    gazetteer = gazetteer.remembering()  # the article's stages ask many names twice
    dates = resolve_dates(annotated)
    places = resolve_places(annotated, gazetteer)
    quotes = extract_quotes(annotated, dates)
    events = extract_events(
        annotated, gazetteer, dates=dates, places=places, quotes=quotes, rules_only=rules_only
    )
    return ArticleRecord(annotated, dates=dates, places=places, quotes=quotes, events=events)
