"""Stores for the tests: every test that takes ``store`` runs on SQLite and on PostgreSQL.

PostgreSQL needs ``SITREP_TEST_POSTGRES_URL`` (``make test`` starts a throwaway server with
``scripts/test-postgres``); without it those runs skip. Each test gets an empty database.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from sitrep.store import Store
from tests.store.builders import event as event  # tests/hostile builds its records here
from tests.store.builders import record as record

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
