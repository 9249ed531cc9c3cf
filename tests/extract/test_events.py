"""Events of composed stories: type, date, place, actors, toll, claim, background."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.annotate import annotate
from sitrep.clean import clean
from sitrep.extract.events import classify, extract_events
from sitrep.extract.quotes import extract_quotes
from sitrep.records import Article, Event
from sitrep.resolve import resolve_dates
from sitrep.resolve.gazetteer import Gazetteer
from sitrep.resolve.geoparse import resolve_places

STORY = (
    "MOSCOW (AP) — Azerbaijani forces have taken control of the town of Shushi in "
    "Nagorno-Karabakh, President Ilham Aliyev said Sunday.\n"
    "Armenian Defense Ministry spokesman Artsrun Ovannisian denied it, saying “fighting in "
    "Shushi is continuing.”\n"
    "Azerbaijani shelling killed three civilians in Stepanakert on Friday, local officials said.\n"
    "The war has left hundreds — if not thousands — dead since Sept. 27.\n"
    "Aliyev vowed to continue the offensive until Armenia withdraws.\n"
)


@pytest.fixture(scope="module")
def events(gazetteer: Gazetteer) -> list[Event]:
    annotated = annotate(clean(Article(text=STORY, published=date(2020, 11, 8))))
    dates = resolve_dates(annotated)
    places = resolve_places(annotated, gazetteer)
    quotes = extract_quotes(annotated, dates)
    return list(extract_events(annotated, gazetteer, dates=dates, places=places, quotes=quotes))


def test_events_capture_is_regained_territory_claimed_and_disputed(events: list[Event]) -> None:
    capture = events[0]
    assert (capture.type, capture.subtype) == ("battles", "Government regains territory")
    assert capture.actor1 is not None and capture.actor1.name == "Military Forces of Azerbaijan"
    assert capture.location is not None and capture.location.name == "Shusha"
    assert capture.claim.by == "Ilham Aliyev"
    assert capture.claim.status == "disputed"
    assert "Artsrun Ovannisian" in capture.claim.disputed_by


def test_events_shelling_with_date_place_toll_and_civilians(events: list[Event]) -> None:
    [shelling] = [e for e in events if e.subtype == "Shelling/artillery/missile attack"]
    assert shelling.date == date(2020, 11, 6)
    assert shelling.fatalities is not None and shelling.fatalities.best == 3
    assert shelling.location is not None and shelling.location.name == "Khankendi"
    assert shelling.actor2 is not None and shelling.actor2.kind == "civilians"


def test_events_running_totals_are_background(events: list[Event]) -> None:
    background = [e for e in events if e.background]
    assert background and background[0].fatalities is not None
    assert background[0].fatalities.best == 200


def test_events_a_vow_is_a_statement_not_violence(events: list[Event]) -> None:
    vow = [e for e in events if e.evidence[0].start == STORY.index("Aliyev vowed")]
    assert vow and vow[0].type == "statement"


def test_events_evidence_lies_inside_the_text(events: list[Event]) -> None:
    for event in events:
        for span in event.evidence:
            assert 0 <= span.start < span.end <= len(STORY)


@pytest.mark.parametrize(
    "sentence",
    [
        "The supermarket chains are locked in a price war over bread.",
        "The company won the battle for market share in Asia.",
        "Shares were killed in early trading on Monday.",
        "The weather was mild and the roads were open.",
    ],
)
def test_events_metaphors_and_non_events_give_none(sentence: str) -> None:
    assert classify(sentence) is None


def test_events_text_with_no_event_gives_an_empty_list(gazetteer: Gazetteer) -> None:
    annotated = annotate(clean(Article(text="The central bank kept interest rates unchanged.")))
    assert extract_events(annotated, gazetteer) == ()
