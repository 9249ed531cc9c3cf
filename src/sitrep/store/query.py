"""Finding events in the store: the filters of ``sitrep events`` and of the REST API.

Every filter is a bound parameter of one SQL query (no SQL is built from user text). The
distance filter takes a box of latitude and longitude in SQL (indexed), then the exact
great-circle distance in Python.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session

from sitrep.resolve.geometry import EARTH_RADIUS_KM, haversine_km
from sitrep.store.db import Store
from sitrep.store.tables import ClusterRow, EventRow

_KM_PER_DEGREE = EARTH_RADIUS_KM * math.pi / 180
_BATCH = 500


@dataclass(frozen=True, slots=True)
class Near:
    """Events within ``radius_km`` of a point."""

    lat: float
    lon: float
    radius_km: float


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Filters on events; None means no filter. Text filters ignore case."""

    country: str | None = None
    type: str | None = None
    since: date | None = None
    until: date | None = None
    near: Near | None = None
    actor: str | None = None
    status: str | None = None
    text: str | None = None
    article_id: str | None = None
    cluster_id: str | None = None
    include_background: bool = True
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True, slots=True)
class Page:
    """One page of events; ``next`` is the offset of the next page, None after the last."""

    items: list[dict[str, Any]]
    next: int | None


def find_events(store: Store, query: EventQuery) -> Page:
    """The events matching ``query``, newest first, each as SCHEMA.md's event with the store's
    ``article_id`` and ``cluster``."""
    limit = query.limit
    fetched = list(iter_events(store, replace(query, limit=None if limit is None else limit + 1)))
    if limit is not None and len(fetched) > limit:
        return Page(fetched[:limit], query.offset + limit)
    return Page(fetched, None)


def iter_events(store: Store, query: EventQuery) -> Iterator[dict[str, Any]]:
    """Every event matching ``query``, streamed in batches (for exports of any size)."""
    statement = _statement(query)
    if query.near is None:
        yield from _stream(store, statement.offset(query.offset).limit(query.limit))
        return
    # The exact distance is checked here, so the page is cut here too.
    matches = (event for event in _stream(store, statement) if _within(event, query.near))
    end = None if query.limit is None else query.offset + query.limit
    yield from itertools.islice(matches, query.offset, end)


def _stream(store: Store, statement: Select[EventRow, ClusterRow]) -> Iterator[dict[str, Any]]:
    with Session(store.engine) as session:
        for row, cluster in session.execute(statement.execution_options(yield_per=_BATCH)):
            yield event_object(row, cluster)


def get_event(store: Store, event_id: str) -> dict[str, Any] | None:
    with Session(store.engine) as session:
        found = session.execute(_joined().where(EventRow.id == event_id)).first()
        return None if found is None else event_object(found[0], found[1])


def _joined() -> Select[EventRow, ClusterRow]:
    return select(EventRow, ClusterRow).outerjoin(ClusterRow, ClusterRow.id == EventRow.cluster_id)


def _statement(query: EventQuery) -> Select[EventRow, ClusterRow]:
    statement = _joined().where(*event_filters(query))
    return statement.order_by(EventRow.date.desc(), EventRow.id)


def event_filters(query: EventQuery) -> list[ColumnElement[bool]]:
    """One bound-parameter condition per filter given (on ``EventRow`` joined to ``ClusterRow``)."""
    filters: list[ColumnElement[bool]] = []
    if query.country:
        filters.append(EventRow.country == query.country.upper())
    if query.type:
        filters.append(EventRow.type == query.type)
    if query.since:
        filters.append(EventRow.date >= query.since)
    if query.until:
        filters.append(EventRow.date <= query.until)
    if query.status:
        filters.append(ClusterRow.status == query.status)
    if query.article_id:
        filters.append(EventRow.article_id == query.article_id)
    if query.cluster_id:
        filters.append(EventRow.cluster_id == query.cluster_id)
    if query.text:
        filters.append(EventRow.evidence_text.icontains(query.text, autoescape=True))
    if query.actor:
        filters.append(
            EventRow.actor1.icontains(query.actor, autoescape=True)
            | EventRow.actor2.icontains(query.actor, autoescape=True)
        )
    if not query.include_background:
        filters.append(EventRow.background.is_(False))
    if query.near:
        filters.extend(_box(query.near))
    return filters


def _box(near: Near) -> list[ColumnElement[bool]]:
    """A latitude/longitude box holding every point within the radius."""
    dlat = near.radius_km / _KM_PER_DEGREE
    cos_lat = max(math.cos(math.radians(near.lat)), 0.01)
    dlon = min(180.0, dlat / cos_lat)
    return [
        EventRow.lat.between(near.lat - dlat, near.lat + dlat),
        EventRow.lon.between(near.lon - dlon, near.lon + dlon),
    ]


def _within(event: dict[str, Any], near: Near) -> bool:
    location = event.get("location") or {}
    if location.get("lat") is None or location.get("lon") is None:
        return False
    return haversine_km(near.lat, near.lon, location["lat"], location["lon"]) <= near.radius_km


def event_object(row: EventRow, cluster: ClusterRow | None) -> dict[str, Any]:
    """The event as the store returns it: SCHEMA.md's object, its article, evidence and cluster."""
    return {
        **row.data,
        "article_id": row.article_id,
        "evidence_text": row.evidence_text,
        "cluster": {
            "id": row.cluster_id,
            "status": cluster.status if cluster else "reported",
            "sources": cluster.sources["reports"] if cluster else [],
        },
    }
