"""Reads the web app needs beyond ``sitrep.store.query``: the timeline's counts per day and type,
the map's points or grid cells, clusters, search over several fields, and the store's countries.
Each is a typed record (``EventTimeline``, ``EventMap``, ``StoredCluster``) whose ``to_dict`` is
the API's JSON.

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

from sitrep.records import EventType
from sitrep.store import EventQuery, Page, Store, StoredEvent
from sitrep.store.query import StoredCluster, event_filters, event_object, stored_cluster
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


@dataclass(frozen=True, slots=True)
class DayCounts:
    """The events of one day, per type (in the order the database counted them)."""

    day: date
    counts: dict[EventType, int]

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.day.isoformat(), "counts": self.counts}


@dataclass(frozen=True, slots=True)
class EventTimeline:
    """Events per day and type, oldest day first, and how many have no date."""

    days: tuple[DayCounts, ...]
    undated: int

    @property
    def total(self) -> int:
        return sum(sum(day.counts.values()) for day in self.days) + self.undated

    def to_dict(self) -> dict[str, Any]:
        days = [day.to_dict() for day in self.days]
        return {"days": days, "undated": self.undated, "total": self.total}


def timeline(store: Store, query: EventQuery) -> EventTimeline:
    """Events per day and type, oldest day first, and how many have no date."""
    per_day: dict[date, dict[EventType, int]] = defaultdict(dict)
    undated = 0
    statement = _events(EventRow.date, EventRow.type, func.count(), query=query).group_by(
        EventRow.date, EventRow.type
    )
    with Session(store.engine) as session:
        for day, event_type, count in session.execute(statement):
            if day is None:
                undated += count
            else:
                per_day[day][event_type] = count
    days = tuple(DayCounts(day, per_day[day]) for day in sorted(per_day))
    return EventTimeline(days, undated)


@dataclass(frozen=True, slots=True)
class MapPoint:
    """A located event on the map: ``[id, lat, lon, type]`` in the API's JSON."""

    id: str
    lat: float
    lon: float
    type: EventType

    def to_list(self) -> list[Any]:
        return [self.id, self.lat, self.lon, self.type]


@dataclass(frozen=True, slots=True)
class MapCell:
    """A grid cell of the map: how many events it holds, at their mean position."""

    lat: float
    lon: float
    count: int

    def to_dict(self) -> dict[str, Any]:
        return {"lat": self.lat, "lon": self.lon, "count": self.count}


@dataclass(frozen=True, slots=True)
class EventMap:
    """The located events in view: ``points`` when there are few, else ``cells`` (the other is
    empty); ``total`` counts them either way."""

    total: int
    points: tuple[MapPoint, ...] = ()
    cells: tuple[MapCell, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "points": [point.to_list() for point in self.points],
            "cells": [cell.to_dict() for cell in self.cells],
        }


def map_view(store: Store, query: EventQuery, box: Box | None, zoom: int) -> EventMap:
    """The located events in ``box``: as points when there are few, else as grid cells sized for
    ``zoom`` with their counts (drawn as clusters), so that any store draws at once."""
    where = _in_box(box) or [EventRow.lat.is_not(None), EventRow.lon.is_not(None)]
    with Session(store.engine) as session:
        cells = _cells(session, _events(query=query).where(*where), zoom)
        total = sum(cell.count for cell in cells)
        if total > POINT_LIMIT:
            return EventMap(total, cells=cells)
        columns = (EventRow.id, EventRow.lat, EventRow.lon, EventRow.type)
        rows = session.execute(_events(*columns, query=query).where(*where))
        points = tuple(
            MapPoint(event_id, lat, lon, event_type) for event_id, lat, lon, event_type in rows
        )
        return EventMap(total, points=points)


def _in_box(box: Box | None) -> list[ColumnElement[bool]]:
    if box is None:
        return []
    return [EventRow.lat.between(box.south, box.north), EventRow.lon.between(box.west, box.east)]


def _cells(session: Session, matching: Select[Any], zoom: int) -> tuple[MapCell, ...]:
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
    return tuple(
        MapCell(lat_sum / count, lon_sum / count, count)
        for count, lat_sum, lon_sum in session.execute(statement)
    )


@dataclass(frozen=True, slots=True)
class ClusterQuery:
    """Filters on clusters (reports of one event); None means no filter."""

    status: str | None = None
    type: str | None = None
    since: date | None = None
    until: date | None = None
    limit: int = 50
    offset: int = 0


def clusters(store: Store, query: ClusterQuery) -> Page[StoredCluster]:
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
        items = _stored_clusters(session, rows[: query.limit])
    more = len(rows) > query.limit
    return Page(items, query.offset + query.limit if more else None)


def _stored_clusters(session: Session, rows: list[ClusterRow]) -> list[StoredCluster]:
    """Each cluster with its status and the history of it, its sources and its events' ids."""
    members: dict[str | None, list[str]] = defaultdict(list)
    for event_id, cluster_id in session.execute(
        select(EventRow.id, EventRow.cluster_id)
        .where(EventRow.cluster_id.in_([row.id for row in rows]))
        .order_by(EventRow.id)
    ):
        members[cluster_id].append(event_id)
    return [stored_cluster(row, members[row.id]) for row in rows]


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
