"""Finding stored events with the filters of ``sitrep events`` and the API."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.store import EventQuery, Near, Store, find_events, get_event, iter_events
from tests.store.builders import event, record

TEXT = "Russian shelling hit Kharkiv; 100% of homes in the street were damaged."


@pytest.fixture
def filled(store: Store) -> Store:
    store.add(
        record(
            "a1",
            event("e1", actors=("Military Forces of Russia",), killed=4, evidence=(0, len(TEXT))),
            text=TEXT,
        )
    )
    store.add(
        record(
            "a2",
            event(
                "e2",
                type="protests",
                day="2024-04-01",
                place=("Tbilisi", 41.69411, 44.83368),
                country="GE",
                admin1="TB",
                actors=("Protesters (Georgia)",),
                status="claimed",
                by="organisers",
            ),
        )
    )
    store.add(
        record(
            "a3",
            event("e3", day="2023-12-31", place=("Odesa", 46.47747, 30.73262), background=True),
        )
    )
    return store


def ids(store: Store, query: EventQuery) -> list[str]:
    return [found.event.id for found in find_events(store, query).items]


def test_events_come_newest_first_with_cluster_and_article(filled: Store) -> None:
    found = find_events(filled, EventQuery()).items
    assert [e.event.id for e in found] == ["e2", "e1", "e3"]
    assert found[1].article_id == "a1"
    assert found[1].cluster.sources[0].article_id == "a1"
    assert found[1].evidence_text == TEXT


def test_each_filter_narrows_the_events(filled: Store) -> None:
    assert ids(filled, EventQuery(country="ge")) == ["e2"]
    assert ids(filled, EventQuery(type="protests")) == ["e2"]
    assert ids(filled, EventQuery(since=date(2024, 1, 1), until=date(2024, 3, 31))) == ["e1"]
    assert ids(filled, EventQuery(actor="russia")) == ["e1"]
    assert ids(filled, EventQuery(status="claimed")) == ["e2"]
    assert ids(filled, EventQuery(text="SHELLING")) == ["e1"]
    assert ids(filled, EventQuery(include_background=False)) == ["e2", "e1"]


def test_near_keeps_events_within_the_radius(filled: Store) -> None:
    pisochyn = Near(49.95, 36.13, radius_km=15)
    assert ids(filled, EventQuery(near=pisochyn)) == ["e1"]
    assert ids(filled, EventQuery(near=Near(49.95, 36.13, radius_km=5))) == []


def test_text_is_matched_literally_never_as_sql(filled: Store) -> None:
    assert ids(filled, EventQuery(text="100%")) == ["e1"]
    assert ids(filled, EventQuery(text="%")) == ["e1"]
    assert ids(filled, EventQuery(text="_")) == []
    assert ids(filled, EventQuery(actor="'; DROP TABLE events; --")) == []
    assert filled.counts()["events"] == 3


def test_pages_follow_each_other(filled: Store) -> None:
    first = find_events(filled, EventQuery(limit=2))
    assert [e.event.id for e in first.items] == ["e2", "e1"] and first.next == 2
    second = find_events(filled, EventQuery(limit=2, offset=first.next))
    assert [e.event.id for e in second.items] == ["e3"] and second.next is None


def test_streaming_and_single_lookup_agree(filled: Store) -> None:
    streamed = list(iter_events(filled, EventQuery()))
    assert [e.event.id for e in streamed] == ["e2", "e1", "e3"]
    assert get_event(filled, "e1") == streamed[1]
    assert get_event(filled, "nope") is None
