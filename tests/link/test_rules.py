"""The linking rules: when two reports are of the same event."""

from __future__ import annotations

from datetime import date
from typing import Any

from sitrep.link import EventFacts, earliest_day, same_event
from sitrep.link.grid import area_of, cell_of, cells_near
from sitrep.records import PortableEvent
from sitrep.resolve.geometry import haversine_km
from tests.store.builders import event

GUSAU = ("Gusau", 12.17, 6.66)
ZAMFARA = ("Zamfara", 12.12, 6.22)  # the state, placed at its centre 50 km away


def facts(article_id: str, *, published: str = "2024-03-06", **fields: Any) -> EventFacts:
    earliest = fields.pop("earliest", None)
    admin2 = fields.pop("admin2", None)
    return EventFacts.of(
        PortableEvent.from_dict(event(f"{article_id}-e", **fields)),
        article_id,
        published=date.fromisoformat(published),
        earliest=date.fromisoformat(earliest) if earliest else None,
        admin2=admin2,
    )


def test_an_event_dated_its_reports_day_may_have_happened_on_a_day_the_report_names() -> None:
    monday, saturday = date(2024, 3, 11), date(2024, 3, 9)
    assert earliest_day(monday, monday, [saturday, date(2024, 2, 1)]) == saturday
    assert earliest_day(date(2024, 3, 10), monday, [saturday]) == date(2024, 3, 10)
    said_monday = facts("b", day="2024-03-11", published="2024-03-11", earliest="2024-03-09")
    assert same_event(facts("a", day="2024-03-09", published="2024-03-10"), said_monday)
    told_monday = facts("b", day="2024-03-11", published="2024-03-11")
    assert not same_event(facts("a", day="2024-03-09", published="2024-03-10"), told_monday)


def test_a_district_holds_its_own_villages_and_not_its_neighbours() -> None:
    district = facts("a", place=GUSAU, precision="region", admin1="57", admin2="807")
    village = ("Village", 12.60, 6.90)  # 55 km away
    assert same_event(district, facts("b", place=village, admin1="57", admin2="807"))
    assert not same_event(district, facts("b", place=village, admin1="57", admin2="808"))
    state = facts("a", place=ZAMFARA, precision="region", admin1="57")
    assert same_event(state, facts("b", place=village, admin1="57", admin2="808"))


def test_places_in_two_countries_are_two_events_however_close() -> None:
    nabatieh = ("Nabatieh", 33.38, 35.48)
    kiryat_shmona = ("Kiryat Shmona", 33.21, 35.57)
    assert haversine_km(33.38, 35.48, 33.21, 35.57) < 25
    lebanon = facts("a", place=nabatieh, country="LB")
    assert not same_event(lebanon, facts("b", place=kiryat_shmona, country="IL"))


def test_excessive_force_against_protesters_is_violence_too() -> None:
    shooting = facts("a", type="violence_against_civilians")
    crackdown = facts("b", type="protests")
    assert not same_event(shooting, crackdown)
    excessive = {**event("b-e", type="protests"), "subtype": "Excessive force against protesters"}
    subtyped = EventFacts.of(PortableEvent.from_dict(excessive), "b")
    assert same_event(shooting, subtyped)


def test_an_unidentified_armed_group_can_be_any_armed_side() -> None:
    army_rebels = _sides("a", ("Military Forces of Mali", "state_forces"), ("JNIM", "rebels"))
    unnamed = _sides(
        "b", ("Unidentified Armed Group (Mali)", "unknown"), ("Civilians (Mali)", "civilians")
    )
    assert same_event(army_rebels, unnamed)
    others = _sides("b", ("Wagner Group", "external"), ("Civilians (Mali)", "civilians"))
    assert not same_event(army_rebels, others)


def test_actor_names_are_compared_normalised() -> None:
    first = _sides("a", ("Military Forces of Russia", "state_forces"), ("X", "rebels"))
    second = _sides("b", ("military forces  of russia", "state_forces"), ("Y", "rebels"))
    assert same_event(first, second)


def test_a_toll_may_grow_in_a_later_report_but_not_shrink_tenfold() -> None:
    first = facts("a", killed=3, published="2024-03-05")
    assert same_event(first, facts("b", killed=30, published="2024-03-07"))
    assert same_event(first, facts("b", killed=5, published="2024-03-05"))
    assert not same_event(facts("a", killed=30, published="2024-03-07"), first)
    assert not same_event(facts("a", killed=30, published="2024-03-05"), first)


def test_the_same_named_claimant_outweighs_one_contradiction() -> None:
    claimed = {"status": "claimed", "by": "Russian Defence Ministry"}
    first = _sides("a", ("Military Forces of Russia", "state_forces"), ("A", "rebels"), **claimed)
    second = _sides("b", ("Military Forces of Ukraine", "state_forces"), ("B", "rebels"), **claimed)
    assert same_event(first, second)
    generic = {"status": "claimed", "by": "officials"}
    first = _sides("a", ("Military Forces of Russia", "state_forces"), ("A", "rebels"), **generic)
    second = _sides("b", ("Military Forces of Ukraine", "state_forces"), ("B", "rebels"), **generic)
    assert not same_event(first, second)


def test_reports_contradicting_each_other_on_all_but_the_place_stay_apart() -> None:
    first = _sides("a", ("Military Forces of Russia", "state_forces"), ("A", "rebels"), killed=40)
    protest = {
        **event("b-e", type="protests", day="2024-03-09", killed=1),
        "actor1": {"name": "Protesters (Ukraine)", "kind": "protesters", "country": "UA"},
    }
    second = EventFacts.of(PortableEvent.from_dict(protest), "b")
    assert not same_event(first, second)


def test_undated_unplaced_background_history_and_statements_link_nothing() -> None:
    undated = EventFacts.of(PortableEvent.from_dict({**event("a-e"), "date": None}), "a")
    unplaced = EventFacts.of(PortableEvent.from_dict({**event("a-e"), "location": None}), "a")
    history = EventFacts.of(
        PortableEvent.from_dict({**event("a-e", background=True), "date_precision": "year"}), "a"
    )
    for lone in (undated, unplaced, history, facts("a", type="statement")):
        assert not same_event(lone, facts("b"))
    assert same_event(facts("a", background=True), facts("b"))  # "a day after the strike"


def test_the_grid_finds_every_cell_within_reach() -> None:
    for lat, lon in ((49.98, 36.25), (-33.9, 18.4), (64.1, -21.9), (0.2, 179.9)):
        near = set(cells_near(lat, lon))
        for bearing_lat, bearing_lon in ((0.2, 0.0), (-0.2, 0.0), (0.0, 0.2), (0.15, -0.15)):
            other = (lat + bearing_lat, (lon + bearing_lon + 180) % 360 - 180)
            if haversine_km(lat, lon, *other) <= 25:
                assert cell_of(*other) in near
    assert area_of("UA", "07") == "UA.07" and area_of("UA", None) is None


def _sides(article_id: str, *actors: tuple[str, str], **claim: Any) -> EventFacts:
    killed = claim.pop("killed", None)
    data = event(f"{article_id}-e", killed=killed, **claim)
    data["actor1"], data["actor2"] = (
        {"name": name, "kind": kind, "country": None} for name, kind in actors
    )
    return EventFacts.of(PortableEvent.from_dict(data), article_id)
