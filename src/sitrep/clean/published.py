"""The publication date, when neither the caller nor the page's metadata gave it.

Wire stories call the day they are published, and the days of the week before it, by their
weekday ("said Sunday"), and date their photos in full ("Saturday, Nov. 7, 2020"). So the
story was published on or after the latest full date it prints, ``L``, and on the day of the
week that follows which makes the weekdays it names most recent: the day ``P`` in
``[L, L + 6]`` minimising, over every mention of a weekday, the days from that weekday back to
``P``, plus two days for each day ``P`` lies after ``L`` (photos are seldom older than a day or
two; the weight keeps one forward-looking mention, "Monday will be a day of mourning", from
moving the date). Ties go to the earlier day; a story that names no weekday was published on
``L``. A dateline that carries a day ("WASHINGTON, Nov 8 (Reuters) -") is the publication day.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from sitrep.clean.calendar import add_days, days_back_to, month_number, nearest_day

_WEEK = 7
_DAYS_AFTER_LATEST_COST = 2


def infer_published(
    full_dates: Iterable[date], weekdays: Sequence[int], dateline_date: str | None
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


def _cost(day: date, latest: date, weekdays: Sequence[int]) -> int:
    back = sum(days_back_to(weekday, day) for weekday in weekdays)
    return back + _DAYS_AFTER_LATEST_COST * (day - latest).days


def _month_and_day(text: str) -> tuple[int, int]:
    first, second = text.split()
    if first.isdigit():
        return month_number(second), int(first)
    return month_number(first), int(second)
