"""Reads the web app needs beyond ``sitrep.store.query``: the timeline's counts per day and type,
the map's points or grid cells, clusters, search over several fields, and the store's countries.

Every filter is a bound parameter of a SQLAlchemy expression; no SQL is built from user text.
The event filters are the store's own (``sitrep.store.query``), so the map, the timeline and the
table always agree on what a filter means.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, Select, cast, func, or_, select
from sqlalchemy.orm import Session

from sitrep.store import EventQuery, Page, Store, StoredEvent
from sitrep.store.query import event_filters, event_object
from sitrep.store.tables import ArticleRow, ClusterRow, EventRow

# Above this many events in view the map gets grid cells with counts instead of points.
POINT_LIMIT = 3000
# Grid cells per 256-pixel map tile: a cell is then about 64 pixels wide at any zoom.
_CELLS_PER_TILE = 4
# Words of a search beyond this are ignored (each is one more condition).
_MAX_SEARCH_WORDS = 8


@dataclass(frozen=True, slots=True)
class Box:
    """A latitude/longitude box, west to east without crossing the antimeridian."""

    west: float
    south: float
    east: float
    north: float


def _events(*columns: Any, query: EventQuery) -> Select[Any]:
    """``columns`` of the events matching ``query`` (clusters joined only when filtered on)."""
    statement = select(*columns).select_from(EventRow)
    if query.status:
        statement = statement.outerjoin(ClusterRow, ClusterRow.id == EventRow.cluster_id)
    return statement.where(*event_filters(query))


def timeline(store: Store, query: EventQuery) -> dict[str, Any]:
    """Events per day and type, oldest day first, and how many have no date."""
    per_day: dict[str, dict[str, int]] = defaultdict(dict)
    undated = 0
    statement = _events(EventRow.date, EventRow.type, func.count(), query=query).group_by(
        EventRow.date, EventRow.type
    )
    with Session(store.engine) as session:
        for day, event_type, count in session.execute(statement):
            if day is None:
                undated += count
            else:
                per_day[day.isoformat()][event_type] = count
    total = sum(sum(counts.values()) for counts in per_day.values()) + undated
    days = [{"date": day, "counts": per_day[day]} for day in sorted(per_day)]
    return {"days": days, "undated": undated, "total": total}


def map_view(store: Store, query: EventQuery, box: Box | None, zoom: int) -> dict[str, Any]:
    """The located events in ``box``: as points when there are few, else as grid cells sized for
    ``zoom`` with their counts (drawn as clusters), so that any store draws at once."""
    where = _in_box(box) or [EventRow.lat.is_not(None), EventRow.lon.is_not(None)]
    with Session(store.engine) as session:
        cells = _cells(session, _events(query=query).where(*where), zoom)
        total = sum(cell["count"] for cell in cells)
        if total > POINT_LIMIT:
            return {"total": total, "points": [], "cells": cells}
        columns = (EventRow.id, EventRow.lat, EventRow.lon, EventRow.type)
        rows = session.execute(_events(*columns, query=query).where(*where))
        return {"total": total, "points": [list(row) for row in rows], "cells": []}


def _in_box(box: Box | None) -> list[ColumnElement[bool]]:
    if box is None:
        return []
    return [EventRow.lat.between(box.south, box.north), EventRow.lon.between(box.west, box.east)]


def _cells(session: Session, matching: Select[Any], zoom: int) -> list[dict[str, Any]]:
    """Events counted per grid cell, each cell placed at its events' mean position.

    Only latitude and longitude are read, so that SQLite answers from the (lat, lon) index
    without reading the events' rows: a world of 100,000 events takes a few tens of ms.
    """
    columns = 2**zoom * _CELLS_PER_TILE
    per_degree = columns / 360.0  # multiplied: a division would be wrapped in float casts
    row_of = cast((EventRow.lat + 90.0) * per_degree, BigInteger)
    column_of = cast((EventRow.lon + 180.0) * per_degree, BigInteger)
    statement = matching.add_columns(
        func.count(), func.sum(EventRow.lat), func.sum(EventRow.lon)
    ).group_by(row_of * (columns + 1) + column_of)  # one key: grouping by two is slower
    return [
        {"lat": lat_sum / count, "lon": lon_sum / count, "count": count}
        for count, lat_sum, lon_sum in session.execute(statement)
    ]


@dataclass(frozen=True, slots=True)
class ClusterQuery:
    """Filters on clusters (reports of one event); None means no filter."""

    status: str | None = None
    type: str | None = None
    since: date | None = None
    until: date | None = None
    limit: int = 50
    offset: int = 0


def clusters(store: Store, query: ClusterQuery) -> Page[dict[str, Any]]:
    """Clusters newest first, each with its status, sources and the ids of its events."""
    conditions: list[ColumnElement[bool]] = []
    if query.status:
        conditions.append(ClusterRow.status == query.status)
    if query.type:
        conditions.append(ClusterRow.type == query.type)
    if query.since:
        conditions.append(ClusterRow.date >= query.since)
    if query.until:
        conditions.append(ClusterRow.date <= query.until)
    statement = (
        select(ClusterRow)
        .where(*conditions)
        .order_by(ClusterRow.date.desc(), ClusterRow.id)
        .offset(query.offset)
        .limit(query.limit + 1)
    )
    with Session(store.engine) as session:
        rows = list(session.scalars(statement))
        items = _cluster_objects(session, rows[: query.limit])
    more = len(rows) > query.limit
    return Page(items, query.offset + query.limit if more else None)


def _cluster_objects(session: Session, rows: list[ClusterRow]) -> list[dict[str, Any]]:
    """Each cluster with its status and the history of it, its sources and its events' ids."""
    members: dict[str | None, list[str]] = defaultdict(list)
    for event_id, cluster_id in session.execute(
        select(EventRow.id, EventRow.cluster_id)
        .where(EventRow.cluster_id.in_([row.id for row in rows]))
        .order_by(EventRow.id)
    ):
        members[cluster_id].append(event_id)
    return [
        {
            "id": row.id,
            "status": row.status,
            "history": (row.history or {}).get("changes", []),
            "type": row.type,
            "date": row.date.isoformat() if row.date else None,
            "size": row.size,
            "event_ids": members[row.id],
            "sources": row.sources.get("reports", []),
        }
        for row in rows
    ]


def search(store: Store, text: str, *, limit: int, offset: int = 0) -> Page[StoredEvent]:
    """Events where every word of ``text`` appears, ignoring case, in the evidence, an actor,
    the sub-event type, the place's country code or the article's title; newest first."""
    words = text.split()[:_MAX_SEARCH_WORDS]
    fields = (EventRow.evidence_text, EventRow.actor1, EventRow.actor2, EventRow.subtype)
    conditions = [
        or_(
            *(field.icontains(word, autoescape=True) for field in fields),
            ArticleRow.title.icontains(word, autoescape=True),
            EventRow.country == word.upper(),
        )
        for word in words
    ]
    statement = (
        select(EventRow, ClusterRow)
        .join(ArticleRow, ArticleRow.id == EventRow.article_id)
        .outerjoin(ClusterRow, ClusterRow.id == EventRow.cluster_id)
        .where(*conditions)
        .order_by(EventRow.date.desc(), EventRow.id)
        .offset(offset)
        .limit(limit + 1)
    )
    with Session(store.engine) as session:
        found = [event_object(row, cluster) for row, cluster in session.execute(statement)]
    if len(found) > limit:
        return Page(found[:limit], offset + limit)
    return Page(found, None)


def countries(store: Store) -> list[str]:
    """The country codes of the stored events, in order."""
    statement = (
        select(EventRow.country)
        .where(EventRow.country.is_not(None))
        .distinct()
        .order_by(EventRow.country)
    )
    with Session(store.engine) as session:
        return [code for code in session.scalars(statement) if code]
