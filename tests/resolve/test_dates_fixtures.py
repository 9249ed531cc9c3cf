"""The project's date fixtures gate CI: value accuracy floor, and nothing found that is no date."""

from __future__ import annotations

from bench.timex import FIXTURES, score_fixtures


def test_dates_fixture_values_meet_the_floor() -> None:
    assert FIXTURES.exists()
    result = score_fixtures()
    assert result.expressions >= 100
    assert result.correct / result.expressions >= 0.95, result.errors
    assert result.spurious == 0, result.errors
