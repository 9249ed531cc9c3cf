"""The gold wire fixtures: every caption found, no story paragraph lost, datelines and dates.

Two sets: ``wire`` (written first, used to develop the rules) and ``wire_heldout`` (written
later, blind to the code; its first scores are recorded in bench/README.md).
"""

from __future__ import annotations

import pytest

from bench.wire import (
    FIXTURE_DIR,
    HELDOUT_DIR,
    WireFixture,
    dateline_and_date_errors,
    load_fixtures,
    score_document,
)
from sitrep.clean import clean
from sitrep.records import Article

FIXTURES = load_fixtures(FIXTURE_DIR) + load_fixtures(HELDOUT_DIR)


def test_wire_fixtures_are_present() -> None:
    assert len(load_fixtures(FIXTURE_DIR)) >= 30
    assert len(load_fixtures(HELDOUT_DIR)) >= 20


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.set_name + "/" + f.name)
def test_wire_fixture_captions_separated_exactly(fixture: WireFixture) -> None:
    assert score_document(fixture, clean(Article(text=fixture.text))).errors == []


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.set_name + "/" + f.name)
def test_wire_fixture_dateline_and_publication_date(fixture: WireFixture) -> None:
    assert dateline_and_date_errors(fixture, clean(Article(text=fixture.text))) == []
