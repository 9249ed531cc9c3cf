"""The event store: SQLite by default, PostgreSQL by URL (see ``docs/store.md``)."""

from sitrep.store.db import DEFAULT_DB, Added, AddStats, Store, database_url, open_existing
from sitrep.store.query import (
    EventQuery,
    Near,
    Page,
    find_events,
    get_event,
    iter_clusters,
    iter_events,
)

__all__ = [
    "DEFAULT_DB",
    "AddStats",
    "Added",
    "EventQuery",
    "Near",
    "Page",
    "Store",
    "database_url",
    "find_events",
    "get_event",
    "iter_clusters",
    "iter_events",
    "open_existing",
]
