"""The publication date, when neither the caller nor the page's metadata gave it.

Wire stories call the day they are published, and the days of the week before it, by their
weekday ("said Sunday"), and date their photos in full ("Saturday, Nov. 7, 2020"). So the
story was published on or after the latest full date it prints, and on the day, among the week
that follows, that makes the weekdays it names most recent: the day ``P`` in ``[L, L + 6]``
(``L`` the latest full date) minimising the days from each named weekday to ``P`` plus the
days from ``L`` to ``P``. A story that names no weekday was published on ``L``. A dateline
that carries a day ("WASHINGTON, Nov 8 (Reuters) -") is the publication day itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sitrep.clean.calendar import add_days, days_back_to, month_number, nearest_day

_WEEK = 7


def infer_published(
    full_dates: Iterable[date], weekdays: set[int], dateline_date: str | None
) -> date | None:
    """The inferred publication day, or None when the text prints no full date."""
    latest = max(full_dates, default=None)
    if latest is None:
        return None
    if dateline_date:
        month, day = _month_and_day(dateline_date)
        return nearest_day(month, day, latest) or latest
    candidates = [add_days(latest, offset) for offset in range(_WEEK)]
    return min(candidates, key=lambda day: _cost(day, latest, weekdays))


def _cost(day: date, latest: date, weekdays: set[int]) -> int:
    return sum(days_back_to(weekday, day) for weekday in weekdays) + (day - latest).days


def _month_and_day(text: str) -> tuple[int, int]:
    first, second = text.split()
    if first.isdigit():
        return month_number(second), int(first)
    return month_number(first), int(second)
