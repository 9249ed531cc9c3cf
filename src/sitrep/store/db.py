"""The event store: article records in SQLite (default) or PostgreSQL, one transaction each.

``Store.add`` keeps an article's record, its parts in their own tables, and links its events to
reports of the same events already stored (``sitrep.link``), all in one transaction: the store
never holds half an article. Articles are keyed by content hash, so adding the same text twice,
even under another URL, stores it once (the second URL is kept as another source).

Several processes may write one store at once (two ``sitrep ingest`` runs, the web app): rows
keyed by content are inserted only when absent, so the second writer of an article stores
nothing instead of failing, and writers take turns (SQLite's write lock, PostgreSQL's advisory
lock) so that each links its events against every event stored before it. Opening a store
migrates it under the same kind of lock, so processes opening a new store at once create its
tables once.
"""

from __future__ import annotations

import functools
import logging
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    BindParameter,
    Boolean,
    Connection,
    Engine,
    Select,
    bindparam,
    create_engine,
    delete,
    event,
    func,
    insert,
    literal,
    select,
    text,
    union,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from sitrep.batching import batched
from sitrep.errors import GazetteerError, StoreError
from sitrep.link import EventFacts, Report, earliest_day, same_event, stance, status_history
from sitrep.link.event import Member, cluster_event
from sitrep.link.grid import area_of, cell_of, cells_near, day_window
from sitrep.link.status import in_order
from sitrep.records import (
    ArticleRecord,
    Caption,
    DateMention,
    PlaceMention,
    PortableEvent,
    PortableRecord,
    Quote,
    Source,
    Span,
)
from sitrep.store.tables import (
    ArticleRow,
    Base,
    CaptionRow,
    ClusterRow,
    DateRow,
    EventRow,
    EvidenceRow,
    PlaceRow,
    QuoteRow,
    SourceRow,
)

if TYPE_CHECKING:
    from sitrep.resolve.gazetteer import Gazetteer

logger = logging.getLogger(__name__)

DEFAULT_DB = "sitrep.db"
_MIGRATIONS = Path(__file__).parent / "migrations"
# PostgreSQL advisory lock keys (any two 64-bit numbers no other application of the database
# uses): one held while migrating, one while an article is written and linked.
_MIGRATION_LOCK = 0x5173_7265_7000_0001
_WRITE_LOCK = 0x5173_7265_7000_0002


def database_url(location: str) -> URL:
    """A SQLAlchemy URL from ``--db``: a URL as given, anything else a SQLite file path."""
    if "://" in location:
        return make_url(location)
    return URL.create("sqlite", database=str(Path(location)))


@dataclass(frozen=True, slots=True)
class Added:
    """What ``Store.add`` did: ``stored`` is False when the article was already there."""

    article_id: str
    stored: bool
    events: int


@dataclass(slots=True)
class AddStats:
    """Running totals of ``Store.add``: articles newly stored (with their events), and articles
    the store already held."""

    stored: int = 0
    already_stored: int = 0
    events: int = 0

    def count(self, added: Added) -> None:
        if added.stored:
            self.stored += 1
            self.events += added.events
        else:
            self.already_stored += 1


class Store:
    """An open store. Use as a context manager, or call ``close``."""

    def __init__(self, location: str = DEFAULT_DB) -> None:
        self.url = database_url(location)
        self.engine = _engine(self.url)
        _migrate(self.engine)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose work is committed together, or not at all."""
        with Session(self.engine) as session, session.begin():
            yield session

    def has_article(self, article_id: str) -> bool:
        with Session(self.engine) as session:
            return session.get(ArticleRow, article_id) is not None

    def add_source(self, article_id: str, source: Source) -> bool:
        """Record another place a stored article was seen; False when already recorded."""
        try:
            with self.session() as session:
                return _add_source(session, article_id, source)
        except SQLAlchemyError as exc:
            raise StoreError(
                f"cannot store a source of article {article_id}: {_reason(exc)}"
            ) from exc

    def add(self, record: ArticleRecord | PortableRecord) -> Added:
        """Store one article record (``process``'s, or one read back from its JSON with
        ``PortableRecord.from_dict``) and link its events, in one transaction; a ``StoreError``
        (the database refused a value) leaves nothing of it behind."""
        if isinstance(record, ArticleRecord):
            record = record.portable()
        try:
            with self.session() as session:
                _take_turn(session.connection(), _WRITE_LOCK)
                if not _insert_article(session, record):  # stored before, maybe just now
                    _add_source(session, record.id, record.source)
                    return Added(record.id, stored=False, events=0)
                _insert_parts(session, record)
                _link(session, record)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot store article {record.id}: {_reason(exc)}") from exc
        return Added(record.id, stored=True, events=len(record.events))

    def article(self, article_id: str) -> PortableRecord | None:
        """The stored record of an article (SCHEMA.md), or None."""
        with Session(self.engine) as session:
            row = session.get(ArticleRow, article_id)
            return None if row is None else PortableRecord.from_dict(row.record)

    def counts(self) -> dict[str, int]:
        """How many articles, events and clusters the store holds."""
        with Session(self.engine) as session:
            return {
                name: session.scalar(select(func.count()).select_from(table)) or 0
                for name, table in (
                    ("articles", ArticleRow),
                    ("events", EventRow),
                    ("clusters", ClusterRow),
                )
            }


def open_existing(location: str) -> Store:
    """The store at ``location``, which must exist: a reading command never creates an empty
    store from a mistyped path. SQLite files are checked here; a PostgreSQL server refuses a
    database it does not have by itself."""
    url = database_url(location)
    path = url.database
    names_a_file = url.get_backend_name() == "sqlite" and path and path != ":memory:"
    if names_a_file and not Path(str(path)).is_file():
        raise StoreError(f"no store at {path}: no such file (sitrep ingest creates one)")
    return Store(location)


def _engine(url: URL) -> Engine:
    try:
        engine = create_engine(url)
    except Exception as exc:  # a missing driver or a bad URL: say which
        raise StoreError(f"cannot open the store {url.render_as_string()}: {_reason(exc)}") from exc
    if url.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    """WAL lets readers (the web app) work while an ingest writes; foreign keys cascade deletes.
    The busy timeout comes first: switching a new file to WAL waits for another process that
    is switching it too."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")
    _switch_to_wal(cursor)
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


# SQLite may refuse a switch to WAL at once, without waiting for the busy timeout, when another
# connection holds the file in the middle of the same switch: the switch is tried again.
_WAL_TRIES = 100
_WAL_PAUSE_S = 0.05


def _switch_to_wal(cursor: Any) -> None:
    for attempt in range(_WAL_TRIES):
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == _WAL_TRIES - 1:
                raise
            time.sleep(_WAL_PAUSE_S)


def _take_turn(connection: Connection, key: int) -> None:
    """Wait until no other process writes, and hold the store until this transaction ends:
    SQLite's write lock taken at once (``BEGIN IMMEDIATE``, waiting up to the busy timeout),
    or PostgreSQL's advisory lock ``key``."""
    dialect = connection.dialect.name
    if dialect == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    elif dialect == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def _migrate(engine: Engine) -> None:
    """Bring the store's schema to the newest migration (a new store starts from nothing).
    Alembic is imported here, when a store opens: it takes a quarter of a second."""
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()

    def current(connection: Connection) -> str | None:
        return MigrationContext.configure(connection).get_current_revision()

    try:
        with engine.connect() as connection:
            if current(connection) == head:  # the usual case: no lock, readers never wait
                return
        with engine.begin() as connection:
            _take_turn(connection, _MIGRATION_LOCK)  # another process may be migrating
            if current(connection) != head:
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
    except StoreError:
        raise
    except Exception as exc:  # unreachable, not a database, read-only
        where = engine.url.render_as_string()
        raise StoreError(f"cannot open the store {where}: {_reason(exc)}") from exc


def _reason(exc: Exception) -> str:
    """The driver's own message on one line, without SQLAlchemy's wrapping and links."""
    original = getattr(exc, "orig", None) or exc
    return " ".join(str(original).split())[:300]


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _source_location(article_id: str, source: Source) -> str:
    return source.url or source.path or f"article:{article_id}"


def _insert_new(session: Session, table: type[Base], values: dict[str, Any]) -> bool:
    """Insert a row unless its key (or a unique column) is taken, as it is when another process
    has just stored the same thing; whether the row was inserted."""
    dialect = session.get_bind().dialect.name
    statement = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
    inserted = statement.values(values).on_conflict_do_nothing().returning(literal(1))
    return session.execute(inserted).first() is not None


def _add_source(session: Session, article_id: str, source: Source) -> bool:
    values = {
        "article_id": article_id,
        "location": _source_location(article_id, source),
        "url": source.url,
        "path": source.path,
        "outlet": source.outlet,
        "seen_at": _now(),
    }
    return _insert_new(session, SourceRow, values)


def _insert_article(session: Session, record: PortableRecord) -> bool:
    """The article's row, unless the store holds it; whether it was inserted."""
    document = record.document
    values = {
        "id": record.id,
        "text": record.article.text,
        "title": record.article.title,
        "outlet": document.outlet,
        "published": document.published,
        "published_basis": document.published_basis,
        "record": record.to_dict(),
        "ingested_at": _now(),
    }
    return _insert_new(session, ArticleRow, values)


def _insert_parts(session: Session, record: PortableRecord) -> None:
    """Everything read from a newly inserted article: its source, captions, places, dates,
    quotes, events and their evidence."""
    article_id = record.id
    text = record.article.text
    _add_source(session, article_id, record.source)
    keys = _LinkKeys.of(record)
    parts = (
        (CaptionRow, _caption_rows(article_id, record.document.captions)),
        (PlaceRow, _place_rows(article_id, record.places)),
        (DateRow, _date_rows(article_id, record.dates)),
        (QuoteRow, _quote_rows(article_id, record.quotes)),
        (EventRow, (_event_row(article_id, text, event, keys) for event in record.events)),
        (EvidenceRow, _evidence_rows(record.events)),
    )
    # Bulk inserts (one executemany per table): the ORM's unit of work is not needed here.
    for table, rows in parts:
        values = list(rows)
        if values:
            session.execute(insert(table), values)


def _caption_rows(article_id: str, captions: Iterable[Caption]) -> Iterator[dict[str, Any]]:
    for caption in captions:
        yield {
            "article_id": article_id,
            "text": caption.text,
            "credit": caption.credit,
            "count": caption.count,
            "date": caption.date,
        }


def _place_rows(article_id: str, places: Iterable[PlaceMention]) -> Iterator[dict[str, Any]]:
    for place in places:
        yield {
            "article_id": article_id,
            "text": place.text,
            "start": place.start,
            "end": place.end,
            "geonameid": place.geonameid,
            "name": place.name,
            "lat": place.lat,
            "lon": place.lon,
            "country": place.country,
            "kind": place.kind,
            "role": place.role,
        }


def _date_rows(article_id: str, dates: Iterable[DateMention]) -> Iterator[dict[str, Any]]:
    for mention in dates:
        yield {
            "article_id": article_id,
            "text": mention.text,
            "start": mention.start,
            "end": mention.end,
            "value": mention.value,
            "precision": mention.precision,
            "end_value": mention.end_value,
        }


def _quote_rows(article_id: str, quotes: Iterable[Quote]) -> Iterator[dict[str, Any]]:
    for quote in quotes:
        yield {
            "article_id": article_id,
            "speaker": quote.speaker,
            "speaker_title": quote.speaker_title,
            "text": quote.text,
            "channel": quote.channel,
            "date": quote.date,
            "start": quote.start,
            "end": quote.end,
        }


def evidence_text(text: str, evidence: Iterable[Span]) -> str:
    """The text of an event's evidence spans, joined by spaces (what the store keeps and
    searches)."""
    return " ".join(span.slice(text) for span in evidence)


def _event_row(article_id: str, text: str, event: PortableEvent, keys: _LinkKeys) -> dict[str, Any]:
    location = event.location
    lat, lon = (location.lat, location.lon) if location else (None, None)
    country, admin1 = (location.country, location.admin1) if location else (None, None)
    return {
        "id": event.id,
        "article_id": article_id,
        "cluster_id": event.id,
        "type": event.type,
        "subtype": event.subtype,
        "date": event.date,
        "country": country,
        "lat": lat,
        "lon": lon,
        "earliest": keys.earliest(event),
        "cell": cell_of(lat, lon) if lat is not None and lon is not None else None,
        "area": area_of(country, admin1),
        "admin1": admin1,
        "admin2": keys.admin2(event),
        "precision": location.precision if location else None,
        "actor1": event.actor1.name if event.actor1 else None,
        "actor2": event.actor2.name if event.actor2 else None,
        "claim_status": event.claim.status,
        "background": event.background,
        "fatalities": event.fatalities.best if event.fatalities else None,
        "evidence_text": evidence_text(text, event.evidence),
        "data": event.to_dict(),
    }


@dataclass(frozen=True, slots=True)
class _LinkKeys:
    """What linking needs of an article beyond its events: when it was published and the days
    it names (an event's first possible day), and the gazetteer for admin2 codes."""

    published: date | None
    named_days: tuple[date, ...]

    @classmethod
    def of(cls, record: PortableRecord) -> _LinkKeys:
        days = tuple(
            mention.value
            for mention in record.dates
            if mention.value and mention.precision == "day"
        )
        return cls(record.document.published, days)

    def earliest(self, event: PortableEvent) -> date | None:
        return earliest_day(event.date, self.published, self.named_days)

    def admin2(self, event: PortableEvent) -> str | None:
        geonameid = event.location.geonameid if event.location else None
        gazetteer = _gazetteer() if geonameid is not None else None
        place = gazetteer.get(geonameid) if gazetteer and geonameid is not None else None
        return place.admin2_code if place else None


@functools.cache
def _gazetteer() -> Gazetteer | None:
    """The gazetteer the articles were resolved with, for admin2 codes; None when it is not
    built (the store never builds it: ``sitrep ingest`` has, before any article is stored)."""
    from sitrep.resolve.gazetteer import open_gazetteer

    try:
        return open_gazetteer(build=False)
    except GazetteerError:
        return None


def _evidence_rows(events: Iterable[PortableEvent]) -> Iterator[dict[str, Any]]:
    for reported in events:
        for span in reported.evidence:
            yield {"event_id": reported.id, "start": span.start, "end": span.end}


def _link(session: Session, record: PortableRecord) -> None:
    """Join each new event to the clusters of the stored events it reports, merging clusters
    that the new event connects (single link: the result does not depend on arrival order)."""
    keys = _LinkKeys.of(record)
    new = [
        EventFacts.of(
            reported,
            record.id,
            published=keys.published,
            earliest=keys.earliest(reported),
            admin2=keys.admin2(reported),
        )
        for reported in record.events
    ]
    touched: set[str] = set()
    alone: dict[str, dict[str, Any]] = {}  # clusters of one new event, inserted together below
    merged: dict[str, str] = {}  # clusters merged away while linking this article: into which
    for reported, facts, candidates in zip(
        record.events, new, _candidates(session, new), strict=True
    ):
        matched = {
            _merged_into(merged, cluster_id)
            for cluster_id, other in candidates
            if same_event(facts, other)
        }
        if not matched:  # a new event of its own: its cluster is known without a query
            alone[reported.id] = _singleton(record, reported)
            continue
        members = matched | {reported.id}
        cluster_id = min(members)
        for member in members:
            alone.pop(member, None)  # its cluster is written by the refresh below
            if member != cluster_id:
                merged[member] = cluster_id
        session.execute(
            update(EventRow)
            .where(EventRow.cluster_id.in_(members) | (EventRow.id == reported.id))
            .values(cluster_id=cluster_id)
        )
        session.execute(delete(ClusterRow).where(ClusterRow.id.in_(members - {cluster_id})))
        touched.add(cluster_id)
    if alone:
        session.execute(insert(ClusterRow), list(alone.values()))
    session.flush()
    for cluster_id in touched:
        _refresh_cluster(session, cluster_id)


def _singleton(record: PortableRecord, event: PortableEvent) -> dict[str, Any]:
    """The cluster row of an event that reports nothing stored yet."""
    source = record.source
    published = record.document.published
    report = _report(event, record.id, source.outlet, source.url, published)
    evidence = evidence_text(record.article.text, event.evidence)
    member = Member(event, record.id, published, evidence)
    return _cluster_values(event.id, [member], [report], size=1)


def _cluster_values(
    cluster_id: str, members: list[Member], reports: list[Report], *, size: int
) -> dict[str, Any]:
    """A cluster's row: its status and the history of it, its sources and its event (with the
    article and evidence of the report that speaks for it)."""
    history = status_history(reports)
    status = history[-1].status if history else "reported"
    chosen = cluster_event(cluster_id, members, reports, status)
    return {
        "id": cluster_id,
        "status": status,
        "type": chosen.event.type,
        "date": chosen.event.date,
        "size": size,
        "sources": {"reports": [report.to_dict() for report in in_order(reports)]},
        "history": {"changes": [change.to_dict() for change in history]},
        "event": {
            **chosen.event.to_dict(),
            "evidence_text": chosen.evidence_text,
            "article_id": chosen.article_id,
        },
    }


def _candidates(session: Session, new: Sequence[EventFacts]) -> list[list[tuple[str, EventFacts]]]:
    """For each of an article's events, the stored events that could be the same event
    (``sitrep.link.grid``) with their clusters: dated in its window, and in a cell near it or,
    when one of the two is placed at a region, in its province. The exact rules then decide.
    One query for up to ``_LOOKUP_EVENTS`` events; the clusters are those from before any of
    ``new`` is linked."""
    found: list[list[tuple[str, EventFacts]]] = [[] for _ in new]
    linkable = [number for number, facts in enumerate(new) if facts.linkable]
    for numbers in batched(linkable, _LOOKUP_EVENTS):
        values: dict[str, Any] = {}
        for key, number in enumerate(numbers):
            values |= _lookup_values(key, new[number])
        rows = session.execute(_lookup(len(numbers)), values)
        for key, cluster_id, article, data, earliest, admin2, published in rows:
            number = numbers[key]
            other = EventFacts.of(
                PortableEvent.from_dict(data),
                article,
                published=published,
                earliest=earliest,
                admin2=admin2,
            )
            if other.id != new[number].id:
                found[number].append((cluster_id or other.id, other))
    return found


# Events looked up in one query: nearly every article has fewer, and SQLite allows 500 selects
# in a union (two an event). The query for each count is built once (``_lookup``).
_LOOKUP_EVENTS = 16


@functools.lru_cache(maxsize=_LOOKUP_EVENTS)
def _lookup(events: int) -> Select[Any]:
    """The query of ``_candidates`` for ``events`` events, built once and run with the values
    of ``_lookup_values``, so that the driver can prepare it: at a million events, building it
    for each article took as long as running it (PostgreSQL, an article of three events: 1.6
    ms built each time, 0.8 ms built once). For the ``key``-th event, the ids dated in its
    window and in a cell near it, or in its area when either of the two is placed at a region
    (``sitrep.link.grid``)."""
    branches = []
    for key in range(events):
        in_window = (
            EventRow.date.between(bindparam(f"first_{key}"), bindparam(f"last_{key}")),
            EventRow.earliest <= bindparam(f"latest_start_{key}"),
        )
        ids = (literal(key).label("key"), EventRow.id)
        cells: BindParameter[int] = bindparam(f"cells_{key}", expanding=True)
        any_precision: BindParameter[bool] = bindparam(f"region_{key}", type_=Boolean)
        branches += [
            select(*ids).where(EventRow.cell.in_(cells), *in_window),
            select(*ids).where(
                EventRow.area == bindparam(f"area_{key}"),
                any_precision | (EventRow.precision == "region"),
                *in_window,
            ),
        ]
    near = union(*branches).subquery()
    return (
        select(
            near.c.key,
            EventRow.cluster_id,
            EventRow.article_id,
            EventRow.data,
            EventRow.earliest,
            EventRow.admin2,
            ArticleRow.published,
        )
        .join(EventRow, EventRow.id == near.c.id)
        .join(ArticleRow, ArticleRow.id == EventRow.article_id)
    )


def _lookup_values(key: int, facts: EventFacts) -> dict[str, Any]:
    """The values of the ``key``-th event in ``_lookup``'s query (an event with no province
    has the area None, which no stored event's area equals)."""
    assert facts.lat is not None and facts.lon is not None
    first, last, latest_start = day_window(facts)
    return {
        f"cells_{key}": cells_near(facts.lat, facts.lon),
        f"first_{key}": first,
        f"last_{key}": last,
        f"latest_start_{key}": latest_start,
        f"area_{key}": area_of(facts.country, facts.admin1),
        f"region_{key}": facts.precision == "region",
    }


def _merged_into(merged: dict[str, str], cluster_id: str) -> str:
    """The cluster that ``cluster_id`` is part of now."""
    while cluster_id in merged:
        cluster_id = merged[cluster_id]
    return cluster_id


def _refresh_cluster(session: Session, cluster_id: str) -> None:
    """Recompute a cluster's sources, status, history and event from its events."""
    rows = session.execute(
        select(EventRow, ArticleRow.outlet, ArticleRow.published)
        .join(ArticleRow, ArticleRow.id == EventRow.article_id)
        .where(EventRow.cluster_id == cluster_id)
        .order_by(ArticleRow.published, EventRow.id)
    ).all()
    if not rows:  # merged into another cluster since it was touched
        session.execute(delete(ClusterRow).where(ClusterRow.id == cluster_id))
        return
    members = [
        Member(PortableEvent.from_dict(row.data), row.article_id, published, row.evidence_text)
        for row, _, published in rows
    ]
    reports = list(
        dict.fromkeys(
            _report(member.event, row.article_id, outlet, _first_url(session, row), published)
            for member, (row, outlet, published) in zip(members, rows, strict=True)
        )
    )  # an article telling of the event twice is one source
    values = _cluster_values(cluster_id, members, reports, size=len(rows))
    session.merge(ClusterRow(**values))


def _first_url(session: Session, row: EventRow) -> str | None:
    """The URL the event's article was first seen at."""
    return session.scalar(
        select(SourceRow.url)
        .where(SourceRow.article_id == row.article_id, SourceRow.url.is_not(None))
        .order_by(SourceRow.id)
        .limit(1)
    )


def _report(
    event: PortableEvent,
    article_id: str,
    outlet: str | None,
    url: str | None,
    published: date | None,
) -> Report:
    claim = event.claim
    return Report(
        article_id=article_id,
        outlet=outlet,
        url=url,
        published=published.isoformat() if published else None,
        claim_by=claim.by,
        stance=stance(claim.status),
        disputed_by=claim.disputed_by,
    )
