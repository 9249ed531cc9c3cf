"""Linking reports of the same event: the rules of sitrep.link and the clusters in the store."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.config import Config

from sitrep.link import EventFacts, same_event
from sitrep.records import PortableEvent
from sitrep.store import EventQuery, Store, find_events, iter_clusters
from sitrep.store.db import _MIGRATIONS as MIGRATIONS
from tests.store.builders import event, record

KHARKIV = ("Kharkiv", 49.98081, 36.25272)
PISOCHYN = ("Pisochyn", 49.95, 36.13)  # a suburb, about 9 km west
CHUHUIV = ("Chuhuiv", 49.83, 36.68)  # about 35 km south-east
OBLAST = ("Kharkiv Oblast", 49.5, 36.5)


def facts(article_id: str, **fields: Any) -> EventFacts:
    return EventFacts.of(PortableEvent.from_dict(event(f"{article_id}-e", **fields)), article_id)


def test_two_reports_near_each_other_on_the_same_day_are_one_event() -> None:
    assert same_event(facts("a", place=KHARKIV), facts("b", place=PISOCHYN))


def test_a_day_apart_links_and_two_days_apart_does_not() -> None:
    assert same_event(facts("a", day="2024-03-05"), facts("b", day="2024-03-06"))
    assert not same_event(facts("a", day="2024-03-05"), facts("b", day="2024-03-07"))


def test_towns_further_apart_than_the_limit_are_different_events() -> None:
    assert not same_event(facts("a", place=KHARKIV), facts("b", place=CHUHUIV))


def test_a_province_holds_the_towns_in_it() -> None:
    province = facts("a", place=OBLAST, precision="region")
    assert same_event(province, facts("b", place=CHUHUIV))
    assert not same_event(province, facts("b", place=CHUHUIV, admin1="63"))


def test_shelling_and_clashes_link_but_a_protest_does_not() -> None:
    shelling = facts("a", type="explosions_remote_violence")
    assert same_event(shelling, facts("b", type="battles"))
    assert not same_event(shelling, facts("b", type="protests"))
    assert same_event(facts("a", type="protests"), facts("b", type="riots"))


def test_statements_and_country_wide_reports_are_never_linked() -> None:
    assert not same_event(facts("a", type="statement"), facts("b", type="statement"))
    assert not same_event(facts("a", precision="country"), facts("b", precision="country"))


def test_reports_naming_different_sides_are_different_events() -> None:
    first = facts("a", actors=("Military Forces of Russia", "Military Forces of Ukraine"))
    other = facts("b", actors=("Wagner Group", "Civilians (Ukraine)"))
    assert not same_event(first, other)
    assert same_event(first, facts("b", actors=("Military Forces of Ukraine",)))


def _clusters(store: Store) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for found in find_events(store, EventQuery()).items:
        groups.setdefault(found.cluster.id, set()).add(found.event.id)
    return {frozenset(group) for group in groups.values()}


ARTICLES = [
    record("a1", event("e1", place=KHARKIV)),
    record("a2", event("e2", place=PISOCHYN, day="2024-03-06")),
    record("a3", event("e3", place=CHUHUIV)),
    record("a4", event("e4", place=KHARKIV, day="2024-03-09")),
]


def test_the_store_clusters_reports_of_the_same_event(store: Store) -> None:
    for article in ARTICLES:
        store.add(article)
    assert _clusters(store) == {
        frozenset({"e1", "e2"}),
        frozenset({"e3"}),
        frozenset({"e4"}),
    }
    [linked] = find_events(store, EventQuery(cluster_id="e1")).items[:1]
    assert {s.article_id for s in linked.cluster.sources} == {"a1", "a2"}


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_a_report_bridging_two_clusters_merges_them_in_any_order(
    store_location: str, order: tuple[int, ...]
) -> None:
    # Kharkiv and a village 20 km east are not within 25 km of Pisochyn, 9 km west of Kharkiv:
    # only the Kharkiv report connects them.
    east = ("Rohan", 49.91, 36.49)
    articles = [
        record("a1", event("e1", place=PISOCHYN)),
        record("a2", event("e2", place=east)),
        record("a3", event("e3", place=KHARKIV)),
    ]
    with Store(store_location) as store:
        for index in order:
            store.add(articles[index])
        assert _clusters(store) == {frozenset({"e1", "e2", "e3"})}
        assert store.counts()["clusters"] == 1


def test_a_claim_and_a_denial_make_a_disputed_cluster_naming_both(store: Store) -> None:
    store.add(record("a1", event("e1", status="claimed", by="Russian Defence Ministry")))
    store.add(record("a2", event("e2", status="denied", by="Ukrainian General Staff")))
    [first] = find_events(store, EventQuery(article_id="a1")).items
    cluster = first.cluster
    assert cluster.status == "disputed"
    assert {(s.claim_by, s.stance) for s in cluster.sources} == {
        ("Russian Defence Ministry", "asserts"),
        ("Ukrainian General Staff", "denies"),
    }
    store.add(record("a3", event("e3", status="confirmed", by="UN monitors")))
    [first] = find_events(store, EventQuery(article_id="a1")).items
    assert first.cluster.status == "confirmed"
    assert len(first.cluster.sources) == 3


def test_one_sided_claims_are_claimed_and_neutral_reports_reported(store: Store) -> None:
    store.add(record("a1", event("e1", status="claimed", by="the army")))
    store.add(record("a2", event("e2", place=CHUHUIV)))
    statuses = {e.event.id: e.cluster.status for e in find_events(store, EventQuery()).items}
    assert statuses == {"e1": "claimed", "e2": "reported"}


def test_one_article_bridging_two_clusters_with_two_events_keeps_every_cluster_whole(
    store: Store,
) -> None:
    store.add(record("a1", event("e5", place=KHARKIV)))
    store.add(record("a2", event("e1", place=CHUHUIV)))
    # The first event joins e5's cluster; the second links Kharkiv and Chuhuiv reports.
    bridge = ("Between", 49.90, 36.47)
    store.add(record("a3", event("e7", place=PISOCHYN), event("e8", place=bridge)))
    assert _clusters(store) == {frozenset({"e1", "e5", "e7", "e8"})}
    assert store.counts()["clusters"] == 1


def _grouped(store: Store) -> set[frozenset[str]]:
    return {frozenset(group) for group in _clusters(store)}


STORY = [
    record(
        "b1",
        event("f1", status="claimed", by="RSF", killed=12, place=("Al Manaqil", 14.25, 32.98)),
        published="2024-03-21",
    ),
    record(
        "b2",
        event("f2", status="denied", by="Sudan's army", place=("Al Managil", 14.26, 32.99)),
        published="2024-03-22",
    ),
    record(
        "b3",
        event("f3", status="confirmed", by="UN monitors", killed=14, place=("Near", 14.3, 33.0)),
        published="2024-03-25",
    ),
    record(
        "b4",
        event("f4", status="confirmed", by="residents", place=("Al Manaqil", 14.25, 32.98)),
        published="2024-03-20",
    ),
    record("b5", event("f5", place=("Wad Madani", 14.4, 33.52)), published="2024-03-21"),
]


def test_the_same_articles_in_any_order_give_the_same_clusters_and_history(
    tmp_path: Path,
) -> None:
    found = set()
    for number, order in enumerate(itertools.permutations(STORY)):
        if number % 7:  # 18 of the 120 orders, every article first in some of them
            continue
        with Store(str(tmp_path / f"{number}.db")) as store:
            for article in order:
                store.add(article)
            [first] = find_events(store, EventQuery(article_id="b1")).items
            history = tuple((change.status, change.since) for change in first.cluster.history)
            found.add((frozenset(_grouped(store)), history))
    assert found == {
        (
            frozenset({frozenset({"f1", "f2", "f3", "f4"}), frozenset({"f5"})}),
            (
                ("reported", "2024-03-20"),  # a confirmation before any claim does not count
                ("claimed", "2024-03-21"),
                ("disputed", "2024-03-22"),
                ("confirmed", "2024-03-25"),
            ),
        )
    }


def test_a_cluster_is_exported_as_one_event_with_all_its_sources(store: Store) -> None:
    for article in STORY:
        store.add(article)
    rows = list(iter_clusters(store, EventQuery()))
    assert len(rows) == 2
    [capture] = [row for row in rows if row.cluster.id == "f1"]
    assert {source.article_id for source in capture.cluster.sources} == {
        "b1",
        "b2",
        "b3",
        "b4",
    }
    assert capture.cluster.status == capture.event.claim.status == "confirmed"
    toll = capture.event.fatalities
    assert toll is not None and (toll.low, toll.high) == (12, 14)
    assert capture.event.claim.by == "RSF" and capture.event.claim.disputed_by == ("Sudan's army",)


def test_an_older_store_is_migrated_and_its_events_still_link(store_location: str) -> None:
    with Store(store_location) as store:
        store.add(STORY[0])
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with store.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0001")
            command.upgrade(config, "head")
        store.add(STORY[1])
        assert _grouped(store) == {frozenset({"f1", "f2"})}
