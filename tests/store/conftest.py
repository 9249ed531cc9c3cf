"""Stores for the tests: every test that takes ``store`` runs on SQLite and on PostgreSQL.

PostgreSQL needs ``SITREP_TEST_POSTGRES_URL`` (``make test`` starts a throwaway server with
``scripts/test-postgres``); without it those runs skip. Each test gets an empty database.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from sitrep.store import Store

POSTGRES_URL = os.environ.get("SITREP_TEST_POSTGRES_URL", "")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_location(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "store.db")
        return
    if not POSTGRES_URL:
        pytest.skip("no PostgreSQL server (set SITREP_TEST_POSTGRES_URL; make test does)")
    name = f"sitrep_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def store(store_location: str) -> Iterator[Store]:
    with Store(store_location) as opened:
        yield opened


def event(
    event_id: str,
    *,
    type: str = "explosions_remote_violence",
    day: str = "2024-03-05",
    place: tuple[str, float, float] = ("Kharkiv", 49.98081, 36.25272),
    country: str = "UA",
    admin1: str | None = "07",
    precision: str = "exact",
    actors: tuple[str, ...] = (),
    status: str = "reported",
    by: str | None = None,
    disputed_by: tuple[str, ...] = (),
    killed: int | None = None,
    background: bool = False,
    evidence: tuple[int, int] = (0, 10),
) -> dict[str, Any]:
    """One event object as SCHEMA.md gives it, with only what a test varies."""
    name, lat, lon = place
    kinds = ("state_forces", "state_forces")
    return {
        "id": event_id,
        "type": type,
        "subtype": None,
        "plover": None,
        "date": day,
        "date_precision": "day",
        "location": {
            "text": name,
            "geonameid": None,
            "name": name,
            "lat": lat,
            "lon": lon,
            "country": country,
            "admin1": admin1,
            "precision": precision,
        },
        "actor1": {"name": actors[0], "kind": kinds[0], "country": country} if actors else None,
        "actor2": (
            {"name": actors[1], "kind": kinds[1], "country": None} if len(actors) > 1 else None
        ),
        "fatalities": {"best": killed, "low": killed, "high": killed, "text": None},
        "claim": {"by": by, "by_title": None, "status": status, "disputed_by": list(disputed_by)},
        "evidence": [{"start": evidence[0], "end": evidence[1]}],
        "background": background,
        "confidence": 0.5,
    }


def record(
    article_id: str,
    *events: dict[str, Any],
    text: str = "Fighting was reported in the area on Tuesday, officials said.",
    url: str | None = None,
    outlet: str | None = "AP",
    published: str = "2024-03-06",
) -> dict[str, Any]:
    """An article record (SCHEMA.md) holding ``events``."""
    return {
        "schema": "sitrep.article/1",
        "article": {
            "id": article_id,
            "text": text,
            "source": {"path": None, "url": url, "outlet": outlet},
            "title": None,
            "published": published,
            "published_basis": "given",
            "dateline": None,
            "body": [{"start": 0, "end": len(text)}],
            "captions": [],
            "repeated": [],
        },
        "places": [],
        "dates": [],
        "quotes": [],
        "events": list(events),
    }
