"""The wire benchmark's gold stories: each one loads, its evidence lies in its text, and it
follows the coding conventions its README states."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.event_gold import foreign_forces_not_external, parse_story
from bench.wire_events import DATA
from sitrep.resolve.gazetteer import open_gazetteer

GOLD = sorted(DATA.glob("*/*.json"))


def _country_name(iso2: str) -> str | None:
    country = open_gazetteer().country(iso2)
    return country.name if country else None


def test_both_splits_hold_their_stories() -> None:
    assert len(list(DATA.glob("dev/*.json"))) >= 180
    assert len(list(DATA.glob("test/*.json"))) >= 240


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.stem)
def test_gold_story_loads_with_evidence_inside_its_text(path: Path) -> None:
    raw = json.loads(path.read_text(encoding="utf-8"))
    text = path.with_suffix(".txt").read_text(encoding="utf-8")
    story = parse_story(raw)
    assert story.split == path.parent.name
    for event in story.events:
        assert event.evidence is not None
        start, end = event.evidence
        assert 0 <= start < end <= len(text)


def test_a_state_force_acting_abroad_is_coded_external() -> None:
    wrong = [
        error
        for path in GOLD
        for error in foreign_forces_not_external(
            json.loads(path.read_text(encoding="utf-8")), _country_name
        )
    ]
    assert wrong == []


def test_the_convention_check_finds_a_state_force_coded_at_home_abroad() -> None:
    event = {
        "type": "battles",
        "subtype": "Armed clash",
        "place": {"country": "AM"},
        "actor1": {"name": "Military Forces of Azerbaijan", "kind": "state_forces"},
        "actor2": {"name": "Military Forces of Armenia", "kind": "state_forces"},
    }
    names = {"AM": "Armenia"}.get
    assert foreign_forces_not_external({"id": "s", "events": [event]}, names) == [
        "s: Military Forces of Azerbaijan in AM is external"
    ]
