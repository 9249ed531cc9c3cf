"""The store's tables (SQLAlchemy 2). The same definitions serve SQLite and PostgreSQL.

Alembic's migrations (``store/migrations``) create and change these tables; a test checks the
migrations and these models agree. An article's full record (SCHEMA.md) is kept as JSON beside
the columns that queries filter on, so what the store returns is what ``process`` produced.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON}


class ArticleRow(Base):
    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(200))
    published: Mapped[date | None] = mapped_column(Date, index=True)
    published_basis: Mapped[str] = mapped_column(String(16))
    record: Mapped[dict[str, Any]]
    ingested_at: Mapped[datetime] = mapped_column(DateTime)


class SourceRow(Base):
    """Every place an article was seen: the same text under two URLs is one article, two sources."""

    __tablename__ = "sources"
    __table_args__ = (Index("ix_sources_article", "article_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    location: Mapped[str] = mapped_column(Text, unique=True)
    url: Mapped[str | None] = mapped_column(Text)
    path: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(200))
    seen_at: Mapped[datetime] = mapped_column(DateTime)


class CaptionRow(Base):
    __tablename__ = "captions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    credit: Mapped[str | None] = mapped_column(Text)
    count: Mapped[int] = mapped_column(Integer)
    date: Mapped[date | None] = mapped_column(Date)


class PlaceRow(Base):
    __tablename__ = "places"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    geonameid: Mapped[int | None] = mapped_column(Integer)
    name: Mapped[str | None] = mapped_column(Text)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    country: Mapped[str | None] = mapped_column(String(2))
    kind: Mapped[str | None] = mapped_column(String(16))
    role: Mapped[str] = mapped_column(String(16))


class DateRow(Base):
    __tablename__ = "dates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    value: Mapped[date | None] = mapped_column(Date)
    precision: Mapped[str | None] = mapped_column(String(16))
    end_value: Mapped[date | None] = mapped_column(Date)


class QuoteRow(Base):
    __tablename__ = "quotes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    speaker: Mapped[str | None] = mapped_column(Text)
    speaker_title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    channel: Mapped[str | None] = mapped_column(Text)
    date: Mapped[date | None] = mapped_column(Date)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class ClusterRow(Base):
    """Reports of one event from one or more articles (``sitrep.link``): its status, the
    history of its status (``{"changes": [...]}``), its sources (``{"reports": [...]}``) and the
    event they report, its fields chosen from theirs (``sitrep.link.event``)."""

    __tablename__ = "clusters"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    type: Mapped[str] = mapped_column(String(40))
    date: Mapped[date | None] = mapped_column(Date)
    size: Mapped[int] = mapped_column(Integer)
    sources: Mapped[dict[str, Any]]
    history: Mapped[dict[str, Any] | None]
    event: Mapped[dict[str, Any] | None]


class EventRow(Base):
    """An event, with the columns queries filter on and those linking finds candidates by
    (``sitrep.link.grid``): ``cell`` and ``area`` with the date, ``earliest`` its first
    possible day, ``admin1``, ``admin2`` and ``precision`` of its place."""

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_date_type", "date", "type"),
        Index("ix_events_lat_lon", "lat", "lon"),
        Index("ix_events_cell_date", "cell", "date", "earliest"),
        Index("ix_events_area_date", "area", "date", "earliest"),
    )

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    cluster_id: Mapped[str | None] = mapped_column(String(16), index=True)
    type: Mapped[str] = mapped_column(String(40), index=True)
    subtype: Mapped[str | None] = mapped_column(String(80))
    earliest: Mapped[date | None] = mapped_column(Date)  # before ``date``, which hides the type
    date: Mapped[date | None] = mapped_column(Date)
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    cell: Mapped[int | None] = mapped_column(Integer)
    area: Mapped[str | None] = mapped_column(String(24))
    admin1: Mapped[str | None] = mapped_column(String(20))
    admin2: Mapped[str | None] = mapped_column(String(80))
    precision: Mapped[str | None] = mapped_column(String(16))
    actor1: Mapped[str | None] = mapped_column(Text, index=True)
    actor2: Mapped[str | None] = mapped_column(Text, index=True)
    claim_status: Mapped[str] = mapped_column(String(16))
    background: Mapped[bool]
    fatalities: Mapped[int | None] = mapped_column(Integer)
    evidence_text: Mapped[str] = mapped_column(Text)
    data: Mapped[dict[str, Any]]


class EvidenceRow(Base):
    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
