"""Storing article records: whole, once, and with the schema the migrations make."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from sitrep.errors import StoreError
from sitrep.records import Source
from sitrep.store import Store
from sitrep.store.tables import Base
from tests.store.builders import event, record


def test_a_stored_record_comes_back_as_it_went_in(store: Store) -> None:
    stored = record("a1", event("e1", killed=3), url="https://example.org/a1")
    added = store.add(stored)
    assert (added.stored, added.events) == (True, 1)
    assert store.article("a1") == stored
    assert store.counts() == {"articles": 1, "events": 1, "clusters": 1}


def test_the_same_article_twice_is_stored_once(store: Store) -> None:
    store.add(record("a1", event("e1"), url="https://example.org/one"))
    again = store.add(record("a1", event("e1"), url="https://example.org/one"))
    moved = store.add(record("a1", event("e1"), url="https://mirror.example.net/one"))
    assert not again.stored and not moved.stored
    assert store.counts() == {"articles": 1, "events": 1, "clusters": 1}
    assert store.add_source("a1", Source(url="https://mirror.example.net/one")) is False
    assert store.add_source("a1", Source(url="https://third.example.com/x")) is True


def test_a_failing_article_leaves_nothing_behind(store: Store) -> None:
    broken = record("a1", event("e1"), event("e1"))  # the same event id twice cannot be stored
    with pytest.raises(Exception, match=r"(?i)unique|duplicate|identity"):
        store.add(broken)
    assert store.counts() == {"articles": 0, "events": 0, "clusters": 0}
    assert store.article("a1") is None


def test_migrations_make_exactly_the_models_tables(store: Store) -> None:
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_reopening_a_store_keeps_its_data(store_location: str) -> None:
    with Store(store_location) as first:
        first.add(record("a1", event("e1")))
    with Store(store_location) as second:
        assert second.counts()["articles"] == 1


def test_an_unreachable_server_is_one_clear_error() -> None:
    with pytest.raises(StoreError, match=r"cannot open the store postgresql") as caught:
        Store("postgresql+psycopg://sitrep@127.0.0.1:9/none")
    assert "\n" not in str(caught.value)


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match=r"notes\.db"):
        Store(str(path))
