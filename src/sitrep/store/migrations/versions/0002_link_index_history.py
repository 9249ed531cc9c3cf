"""Linking by index and status in time: events' cell, area and first possible day; clusters'
status history and chosen event

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06 09:30:00

Events stored before get their keys from their columns and JSON (``earliest`` their date, no
admin2); clusters their history and event the next time a new report joins them (until then
the store reads the cluster's first event as its event).
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

from sitrep.link.grid import area_of, cell_of

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_EVENT_COLUMNS: tuple[tuple[str, Any], ...] = (
    ("earliest", sa.Date()),
    ("cell", sa.Integer()),
    ("area", sa.String(length=24)),
    ("admin1", sa.String(length=20)),
    ("admin2", sa.String(length=80)),
    ("precision", sa.String(length=16)),
)


def upgrade() -> None:
    with op.batch_alter_table("clusters", schema=None) as batch_op:
        batch_op.add_column(sa.Column("history", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("event", sa.JSON(), nullable=True))
    with op.batch_alter_table("events", schema=None) as batch_op:
        for name, kind in _EVENT_COLUMNS:
            batch_op.add_column(sa.Column(name, kind, nullable=True))
        batch_op.create_index("ix_events_area_date", ["area", "date", "earliest"], unique=False)
        batch_op.create_index("ix_events_cell_date", ["cell", "date", "earliest"], unique=False)
    _fill_event_keys()


def _fill_event_keys() -> None:
    """The linking keys of the events already stored."""
    connection = op.get_bind()
    events = sa.table(
        "events",
        sa.column("id", sa.String),
        sa.column("date", sa.Date),
        sa.column("lat", sa.Float),
        sa.column("lon", sa.Float),
        sa.column("data", sa.JSON),
        *(sa.column(name, kind) for name, kind in _EVENT_COLUMNS),
    )
    rows = connection.execute(sa.select(events.c.id, events.c.date, events.c.data)).all()
    for event_id, day, data in rows:
        connection.execute(
            events.update().where(events.c.id == event_id).values(**_keys(day, data))
        )


def _keys(day: Any, data: Any) -> dict[str, Any]:
    data = json.loads(data) if isinstance(data, str) else data
    location = data.get("location") or {}
    lat, lon = location.get("lat"), location.get("lon")
    return {
        "earliest": day,
        "cell": cell_of(lat, lon) if lat is not None and lon is not None else None,
        "area": area_of(location.get("country"), location.get("admin1")),
        "admin1": location.get("admin1"),
        "precision": location.get("precision"),
    }


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_cell_date")
        batch_op.drop_index("ix_events_area_date")
        for name, _ in reversed(_EVENT_COLUMNS):
            batch_op.drop_column(name)
    with op.batch_alter_table("clusters", schema=None) as batch_op:
        batch_op.drop_column("event")
        batch_op.drop_column("history")
