"""The gold wire fixtures: every caption found, no story paragraph lost, datelines and dates."""

from __future__ import annotations

import pytest

from bench.wire import WireFixture, dateline_and_date_errors, load_fixtures, score_document
from sitrep.clean import clean
from sitrep.records import Article

FIXTURES = load_fixtures()


def test_wire_fixtures_are_present() -> None:
    assert len(FIXTURES) >= 30


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.name)
def test_wire_fixture_captions_separated_exactly(fixture: WireFixture) -> None:
    assert score_document(fixture, clean(Article(text=fixture.text))).errors == []


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.name)
def test_wire_fixture_dateline_and_publication_date(fixture: WireFixture) -> None:
    assert dateline_and_date_errors(fixture, clean(Article(text=fixture.text))) == []
