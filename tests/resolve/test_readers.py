"""Whom a story was written for, and how a lone place name leans towards their country.

Texts composed for these tests; the gazetteer is the American one of ``conftest.py``.
"""

from __future__ import annotations

from sitrep.resolve.gazetteer import Gazetteer
from sitrep.resolve.places import NameToResolve, PlaceResolver, Readers
from sitrep.resolve.readers import readers_of


def test_readers_of_american_spelling_and_clock_times() -> None:
    text = "The neighborhood center opens at 3:30 p.m. on Friday."
    assert readers_of(text) == Readers("US")


def test_readers_of_british_spelling_are_outside_the_united_states() -> None:
    text = "The neighbourhood centre raised £2,000 for the theatre."
    assert readers_of(text) == Readers("US", inside=False)


def test_readers_of_a_text_with_no_cue_is_none() -> None:
    assert readers_of("The council met on Monday and approved the budget.") is None


def test_a_lone_name_leans_to_the_readers_country(american_gazetteer: Gazetteer) -> None:
    resolver = PlaceResolver(american_gazetteer)
    [american] = resolver.resolve([NameToResolve("Windsor")], readers=Readers("US"))
    [elsewhere] = resolver.resolve([NameToResolve("Windsor")], readers=Readers("US", inside=False))
    assert american.candidate is not None and american.candidate.country_code == "US"
    assert american.reason is not None and american.reason.startswith("readers")
    assert elsewhere.candidate is not None and elsewhere.candidate.country_code == "CA"


def test_readers_do_not_move_a_name_the_story_places(american_gazetteer: Gazetteer) -> None:
    names = [NameToResolve("Windsor"), NameToResolve("Ontario")]
    resolutions = PlaceResolver(american_gazetteer).resolve(names, readers=Readers("US"))
    windsor = resolutions[0].candidate
    assert windsor is not None and windsor.country_code == "CA"
