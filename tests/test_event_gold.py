"""The event benchmarks' scorer: the country of an event's place (issue 21)."""

from __future__ import annotations

from datetime import date

from bench.event_gold import Scores, parse_story, score_story
from sitrep.records import Claim, Event, PlaceMention, Span

TEXT = "Rockets hit a base near the border town on Tuesday."


def _story(country: str) -> dict[str, object]:
    place = {"name": "Border Town", "country": country, "lat": 33.2, "lon": 35.57}
    event = {"type": "explosions_remote_violence", "date": "2024-07-09", "place": place}
    return {"id": "s", "split": "dev", "events": [event]}


def _event(country: str, lat: float, lon: float) -> Event:
    place = PlaceMention(
        text="Town", start=0, end=4, segment="body", geonameid=1, name="Town", lat=lat, lon=lon,
        country=country, admin1=None, kind="city", role="event", precision="exact", score=1.0,
    )  # fmt: skip
    return Event(
        id="e", type="explosions_remote_violence", subtype=None, plover=None,
        date=date(2024, 7, 9), date_precision="day", location=place, actor1=None, actor2=None,
        fatalities=None, claim=Claim(by=None, by_title=None, status="reported"),
        evidence=(Span(0, len(TEXT)),), background=False, confidence=1.0,
    )  # fmt: skip


def test_a_matched_event_across_the_border_has_the_wrong_country() -> None:
    scores = Scores()
    # 20 km apart, within the 25 km radius: matched, but in the neighbouring country
    score_story(scores, parse_story(_story("IL")), [_event("LB", 33.38, 35.48)], TEXT)
    assert scores.true_positive == 1
    assert scores.field("country") == 0.0


def test_a_matched_event_in_the_gold_country_has_the_right_country() -> None:
    scores = Scores()
    score_story(scores, parse_story(_story("IL")), [_event("IL", 33.21, 35.57)], TEXT)
    assert scores.field("country") == 1.0


def test_an_event_in_a_country_the_story_reports_nothing_in_is_counted() -> None:
    scores = Scores()
    story = parse_story(_story("IL"))
    score_story(scores, story, [_event("IL", 33.21, 35.57), _event("JO", 31.95, 35.93)], TEXT)
    assert scores.other_country_share == 0.5
