"""Finding events in the store: the filters of ``sitrep events``, ``sitrep export`` and of the
REST API, the values each filter takes (``parse_event_type``, ``parse_status``, ``parse_country``),
why a query found nothing (``empty_reason``), and what is found: ``StoredEvent``s, each an event
with its article, evidence and cluster (``ClusterEvent`` for a cluster's own event), and the
``StoredCluster``s the web app lists.

Every filter is a bound parameter of one SQL query (no SQL is built from user text). The
distance filter takes a box of latitude and longitude in SQL (indexed), then the exact
great-circle distance in Python.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast, get_args

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session

from sitrep.errors import BadFilter
from sitrep.link import CLUSTER_STATUSES, ClusterStatus
from sitrep.link.status import Change, Report
from sitrep.records import (
    ACLED_EVENT_TYPES,
    ACLED_SUBTYPES,
    EventType,
    PortableEvent,
)
from sitrep.resolve.geometry import EARTH_RADIUS_KM, haversine_km
from sitrep.store.db import Store
from sitrep.store.tables import ClusterRow, EventRow

if TYPE_CHECKING:
    from sitrep.resolve.gazetteer import Gazetteer

_KM_PER_DEGREE = EARTH_RADIUS_KM * math.pi / 180
_BATCH = 500


@dataclass(frozen=True, slots=True)
class Near:
    """Events within ``radius_km`` of a point; ``place`` names it in messages."""

    lat: float
    lon: float
    radius_km: float
    place: str | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Filters on events; None means no filter. Text filters ignore case. ``type`` is sitrep's
    key ("battles"), ``subtype`` ACLED's sub-event type ("Armed clash"): ``parse_event_type``
    reads either from any spelling."""

    country: str | None = None
    type: str | None = None
    subtype: str | None = None
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
class ClusterSummary:
    """A cluster as each of its events carries it (SCHEMA.md's ``cluster``): its id, status,
    sources and the history of its status, oldest first."""

    id: str
    status: ClusterStatus
    sources: tuple[Report, ...] = ()
    history: tuple[Change, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status,
            "sources": [report.to_dict() for report in self.sources],
            "history": [change.to_dict() for change in self.history],
        }

    def outlets(self) -> list[str]:
        """The outlets of its reports, each once, in the order of its sources."""
        return list(dict.fromkeys(report.outlet for report in self.sources if report.outlet))


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event as the store gives it: SCHEMA.md's event, the article it was read from, the
    text of its evidence spans and its cluster. ``to_dict`` writes the JSON of ``sitrep events
    --format json``, the REST API and the JSON Lines export.

    ``stored_at`` (Unix seconds, UTC, when its article was stored) is None until
    ``sitrep.export.with_stored_at`` looks it up, and left out of ``to_dict`` until then.
    """

    event: PortableEvent
    article_id: str
    evidence_text: str
    cluster: ClusterSummary
    stored_at: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return self._with_stored_at(
            {
                **self.event.to_dict(),
                "article_id": self.article_id,
                "evidence_text": self.evidence_text,
                "cluster": self.cluster.to_dict(),
            }
        )

    def _with_stored_at(self, data: dict[str, Any]) -> dict[str, Any]:
        return data if self.stored_at is None else {**data, "stored_at": self.stored_at}

    def own_report(self) -> Report | None:
        """Its article's report among its cluster's sources (the outlet and URL it came from)."""
        sources = self.cluster.sources
        return next((report for report in sources if report.article_id == self.article_id), None)


@dataclass(frozen=True, slots=True)
class ClusterEvent(StoredEvent):
    """A cluster's own event, its fields chosen from its reports (``sitrep.link.event``):
    ``article_id`` and ``evidence_text`` are those of the report that speaks for it. Its JSON
    keeps the order of the cluster's stored event: the evidence before the article."""

    def to_dict(self) -> dict[str, Any]:
        return self._with_stored_at(
            {
                **self.event.to_dict(),
                "evidence_text": self.evidence_text,
                "article_id": self.article_id,
                "cluster": self.cluster.to_dict(),
            }
        )


@dataclass(frozen=True, slots=True)
class StoredCluster:
    """A cluster as the web app lists it (``/api/v1/clusters``): its status, sources and history
    (``summary``), the type and date of its event, its number of reports and its events' ids."""

    summary: ClusterSummary
    type: EventType
    date: date | None
    size: int
    event_ids: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        summary = self.summary.to_dict()
        return {
            "id": self.summary.id,
            "status": self.summary.status,
            "history": summary["history"],
            "type": self.type,
            "date": self.date.isoformat() if self.date else None,
            "size": self.size,
            "event_ids": list(self.event_ids),
            "sources": summary["sources"],
        }


_Item = TypeVar("_Item")


@dataclass(frozen=True, slots=True)
class Page(Generic[_Item]):
    """One page of results; ``next`` is the offset of the next page, None after the last."""

    items: list[_Item]
    next: int | None


def find_events(store: Store, query: EventQuery) -> Page[StoredEvent]:
    """The events matching ``query``, newest first, each with its article and cluster."""
    limit = query.limit
    fetched = list(iter_events(store, replace(query, limit=None if limit is None else limit + 1)))
    if limit is not None and len(fetched) > limit:
        return Page(fetched[:limit], query.offset + limit)
    return Page(fetched, None)


def iter_events(store: Store, query: EventQuery) -> Iterator[StoredEvent]:
    """Every event matching ``query``, streamed in batches (for exports of any size)."""
    statement = _statement(query)
    if query.near is None:
        yield from _stream(store, statement.offset(query.offset).limit(query.limit))
        return
    # The exact distance is checked here, so the page is cut here too.
    matches = _stream(store, statement, query.near)
    end = None if query.limit is None else query.offset + query.limit
    yield from itertools.islice(matches, query.offset, end)


def iter_clusters(store: Store, query: EventQuery) -> Iterator[StoredEvent]:
    """The event of every cluster holding an event that matches ``query``, once each, in the
    order of its first matching event (a ``ClusterEvent``, its fields chosen from its reports)."""
    seen: set[str] = set()
    with Session(store.engine) as session:
        statement = _statement(replace(query, limit=None, offset=0))
        for row, cluster in session.execute(statement.execution_options(yield_per=_BATCH)):
            cluster_id = row.cluster_id or row.id
            if cluster_id in seen or (query.near and not _within(row, query.near)):
                continue
            seen.add(cluster_id)
            yield cluster_object(row, cluster)


def cluster_object(row: EventRow, cluster: ClusterRow | None) -> StoredEvent:
    """A cluster's event; a cluster stored before clusters had events of their own shows the
    event ``row``."""
    if cluster is None or cluster.event is None:
        return event_object(row, cluster)
    chosen = cluster.event
    return ClusterEvent(
        PortableEvent.from_dict(chosen),
        chosen["article_id"],
        chosen["evidence_text"],
        cluster_summary(cluster.id, cluster),
    )


def _stream(
    store: Store, statement: Select[EventRow, ClusterRow], near: Near | None = None
) -> Iterator[StoredEvent]:
    with Session(store.engine) as session:
        for row, cluster in session.execute(statement.execution_options(yield_per=_BATCH)):
            if near is None or _within(row, near):
                yield event_object(row, cluster)


def get_event(store: Store, event_id: str) -> StoredEvent | None:
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
    if query.subtype:
        filters.append(EventRow.subtype == query.subtype)
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


def _within(row: EventRow, near: Near) -> bool:
    """Whether the event is placed within ``near``'s radius (its row's point is its location's)."""
    if row.lat is None or row.lon is None:
        return False
    return haversine_km(near.lat, near.lon, row.lat, row.lon) <= near.radius_km


def event_object(row: EventRow, cluster: ClusterRow | None) -> StoredEvent:
    """The event of ``row``, with its article, evidence and cluster."""
    return StoredEvent(
        PortableEvent.from_dict(row.data),
        row.article_id,
        row.evidence_text,
        cluster_summary(row.cluster_id or row.id, cluster),
    )


def cluster_summary(cluster_id: str, cluster: ClusterRow | None) -> ClusterSummary:
    """The cluster an event carries: a report alone until linking has stored its cluster."""
    if cluster is None:
        return ClusterSummary(cluster_id, "reported")
    changes = (cluster.history or {}).get("changes", [])
    return ClusterSummary(
        cluster_id,
        cast(ClusterStatus, cluster.status),  # the store writes only these
        tuple(Report.from_dict(report) for report in cluster.sources["reports"]),
        tuple(Change.from_dict(change) for change in changes),
    )


def stored_cluster(cluster: ClusterRow, event_ids: Iterable[str]) -> StoredCluster:
    """The cluster of ``cluster``'s row, holding the events ``event_ids``."""
    return StoredCluster(
        cluster_summary(cluster.id, cluster),
        cast(EventType, cluster.type),  # the store writes only these
        cluster.date,
        cluster.size,
        tuple(event_ids),
    )


@functools.cache
def _type_spellings() -> dict[str, tuple[str, str | None]]:
    """Every spelling of an event type, case-folded, with its type and sub-event type: sitrep's
    keys ("battles"), ACLED's event types ("Battles") and sub-event types ("Armed clash")."""
    spellings: dict[str, tuple[str, str | None]] = {key: (key, None) for key in get_args(EventType)}
    spellings |= {label.casefold(): (key, None) for key, label in ACLED_EVENT_TYPES.items()}
    spellings |= {name.casefold(): (key, name) for name, key in ACLED_SUBTYPES.items()}
    return spellings


def parse_event_type(value: str) -> tuple[str, str | None]:
    """The event type and sub-event type (or None) that ``value`` names in any of its spellings,
    in any case: ``"Battles"`` and ``"battles"`` give ``("battles", None)``, ``"armed clash"``
    gives ``("battles", "Armed clash")``."""
    found = _type_spellings().get(value.strip().casefold())
    if found is None:
        keys, labels = get_args(EventType), tuple(ACLED_EVENT_TYPES.values())
        guess = _did_you_mean(value, (*keys, *labels, *ACLED_SUBTYPES))
        raise BadFilter(
            f"{value!r} is not an event type{guess}: give sitrep's ({', '.join(keys)}), "
            f"ACLED's ({', '.join(labels)}) or an ACLED sub-event type "
            f"({', '.join(ACLED_SUBTYPES)}), in any case"
        )
    return found


def parse_status(value: str) -> str:
    """The cluster status ``value`` names, in any case."""
    status = value.strip().casefold()
    if status not in CLUSTER_STATUSES:
        raise BadFilter(
            f"{value!r} is not a status{_did_you_mean(value, CLUSTER_STATUSES)}: give one of "
            f"{', '.join(CLUSTER_STATUSES)}"
        )
    return status


def parse_country(value: str, gazetteer: Gazetteer) -> str:
    """The ISO 3166-1 alpha-2 code the store keeps for a country given by code ("UA") or by
    name ("Ukraine", "united states")."""
    if len(value.strip()) == 2 and gazetteer.country(value):
        return value.strip().upper()
    for candidate in gazetteer.candidates(value, limit=10, skeleton="never"):
        if candidate.kind == "country" and candidate.country_code:
            return candidate.country_code
    raise BadFilter(
        f"{value!r} is not a country the gazetteer knows: give a name (Ukraine) or an ISO "
        "3166-1 alpha-2 code (UA)"
    )


def _did_you_mean(value: str, choices: Iterable[str]) -> str:
    folded = {choice.casefold(): choice for choice in choices}
    close = difflib.get_close_matches(value.strip().casefold(), list(folded), n=1)
    return f" (did you mean {folded[close[0]]!r}?)" if close else ""


def empty_reason(store: Store, query: EventQuery) -> str:
    """Why ``query`` found no event, on one line: the filters that alone match nothing, else
    the filters that match nothing together, and how many events the store holds."""
    total = store.counts()["events"]
    if total == 0:
        return "0 events: the store holds no events"
    given = _filters_given(query)
    alone = [wording for wording, single in given if _matches_nothing(store, single)]
    if alone:
        reason = "no event " + ", and no event ".join(alone)
    else:
        reason = "no event " + " and ".join(wording for wording, _ in given) + " at once"
    return f"0 events: {reason} in this store ({total} events in all)"


def _matches_nothing(store: Store, query: EventQuery) -> bool:
    return next(iter_events(store, replace(query, limit=1)), None) is None


def _filters_given(query: EventQuery) -> list[tuple[str, EventQuery]]:
    """Each filter ``query`` applies, as words ("has type 'riots'") and as a query alone."""
    given: list[tuple[str, EventQuery]] = []
    if query.subtype:
        given.append((f"has sub-event type {query.subtype!r}", EventQuery(subtype=query.subtype)))
    elif query.type:
        given.append((f"has type {query.type!r}", EventQuery(type=query.type)))
    wordings = {
        "country": f"is in {query.country}",
        "since": f"is dated {query.since} or later",
        "until": f"is dated {query.until} or earlier",
        "near": _near_wording(query.near),
        "actor": f"has an actor named like {query.actor!r}",
        "status": f"has status {query.status!r}",
        "text": f"has {query.text!r} in its evidence",
        "article_id": f"comes from article {query.article_id}",
        "cluster_id": f"belongs to cluster {query.cluster_id}",
    }
    for name, wording in wordings.items():
        value = getattr(query, name)
        if value:
            given.append((wording, replace(EventQuery(), **{name: value})))
    if not query.include_background:
        given.append(("is current (not background)", EventQuery(include_background=False)))
    return given


def _near_wording(near: Near | None) -> str:
    if near is None:
        return ""
    where = near.place or f"{near.lat:g},{near.lon:g}"
    return f"is within {near.radius_km:g} km of {where}"
