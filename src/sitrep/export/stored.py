"""When each exported event was stored: its article's ingest time, for ACLED's ``timestamp``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import UTC

from sqlalchemy import select
from sqlalchemy.orm import Session

from sitrep.batching import batched
from sitrep.store import Store, StoredEvent
from sitrep.store.tables import ArticleRow

_BATCH = 500


def with_stored_at(store: Store, events: Iterable[StoredEvent]) -> Iterator[StoredEvent]:
    """Each event with ``stored_at``: the Unix time (seconds, UTC) its article was stored.
    Looked up a batch of events at a time, so an export of any size holds one batch."""
    with Session(store.engine) as session:
        for batch in batched(events, _BATCH):
            ids = {event.article_id for event in batch}
            rows = session.execute(
                select(ArticleRow.id, ArticleRow.ingested_at).where(ArticleRow.id.in_(ids))
            )
            stored = {id_: int(at.replace(tzinfo=UTC).timestamp()) for id_, at in rows}
            for event in batch:
                yield replace(event, stored_at=stored.get(event.article_id))
