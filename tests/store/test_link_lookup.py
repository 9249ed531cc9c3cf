"""How the store finds a new article's candidates (one query for all its events): the clusters
its events join are those that linking them one at a time gives."""

from __future__ import annotations

from sitrep.store import EventQuery, Store, find_events
from tests.store.builders import event, record


def _along(step: int) -> tuple[str, float, float]:
    """Points on one parallel near Kharkiv, about 21.5 km apart: neighbours are within the
    25 km linking reach, points two steps apart (43 km) are not."""
    return (f"Point {step}", 49.98, 36.0 + 0.3 * step)


def _clusters(store: Store) -> set[frozenset[str]]:
    members: dict[str, set[str]] = {}
    for found in find_events(store, EventQuery()).items:
        members.setdefault(found.cluster.id, set()).add(found.event.id)
    return {frozenset(group) for group in members.values()}


def _store_the_chain(store: Store, *new: str) -> None:
    store.add(record("s0", event("m2", place=_along(0))))
    store.add(record("s2", event("m4", place=_along(2))))
    store.add(record("s4", event("m1", place=_along(4))))
    events = {"n1": event("n1", place=_along(1)), "n3": event("n3", place=_along(3))}
    store.add(record("bridge", *(events[name] for name in new)))


def test_an_article_whose_events_merge_clusters_one_after_another_leaves_one_cluster(
    store: Store,
) -> None:
    # n1 merges m2 and m4 into m2; n3 then reaches m4, now of m2's cluster, and m1.
    _store_the_chain(store, "n1", "n3")
    assert _clusters(store) == {frozenset({"m1", "m2", "m4", "n1", "n3"})}
    assert store.counts()["clusters"] == 1


def test_the_order_of_an_articles_events_does_not_change_its_clusters(store: Store) -> None:
    _store_the_chain(store, "n3", "n1")
    assert _clusters(store) == {frozenset({"m1", "m2", "m4", "n1", "n3"})}
    assert store.counts()["clusters"] == 1


def test_an_event_that_links_nothing_does_not_take_the_candidates_of_the_next(
    store: Store,
) -> None:
    store.add(record("s0", event("m2", place=_along(0))))
    said = event("n0", type="statement", place=_along(0))
    store.add(record("new", said, event("n1", place=_along(1))))
    assert _clusters(store) == {frozenset({"m2", "n1"}), frozenset({"n0"})}


def test_a_province_and_a_town_in_it_far_from_its_point_link_either_way_round(
    store: Store,
) -> None:
    # Kupiansk is about 83 km from the point given for the oblast: only the province is shared.
    oblast = ("Kharkiv Oblast", 49.5, 36.5)
    kupiansk = ("Kupiansk", 49.71, 37.61)
    store.add(record("p1", event("r1", place=oblast, precision="region")))
    store.add(record("t1", event("t1", place=kupiansk)))
    store.add(record("t2", event("t2", place=kupiansk, day="2024-04-10")))
    store.add(record("p2", event("r2", place=oblast, precision="region", day="2024-04-10")))
    assert _clusters(store) == {frozenset({"r1", "t1"}), frozenset({"t2", "r2"})}


def test_every_event_of_a_long_article_finds_its_candidates(store: Store) -> None:
    store.add(record("s0", event("m2", place=_along(0))))
    apart = [event(f"x{n:02d}", place=(f"Town {n}", 30.0 + n, 20.0)) for n in range(16)]
    store.add(record("long", *apart, event("n1", place=_along(1))))
    assert frozenset({"m2", "n1"}) in _clusters(store)
    assert store.counts()["clusters"] == 17
