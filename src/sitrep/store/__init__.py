"""The event store: SQLite by default, PostgreSQL by URL (see ``docs/store.md``)."""

from sitrep.store.db import DEFAULT_DB, Added, AddStats, Store, database_url, open_existing
from sitrep.store.query import (
    ClusterSummary,
    EventQuery,
    Near,
    Page,
    StoredEvent,
    find_events,
    get_event,
    iter_clusters,
    iter_events,
)

__all__ = [
    "DEFAULT_DB",
    "AddStats",
    "Added",
    "ClusterSummary",
    "EventQuery",
    "Near",
    "Page",
    "Store",
    "StoredEvent",
    "database_url",
    "find_events",
    "get_event",
    "iter_clusters",
    "iter_events",
    "open_existing",
]
