"""The publication date, when neither the caller nor the page's metadata gave it.

Wire stories call the day they are published, and the days of the week before it, by their
weekday ("said Monday"), and date their photos in full ("Saturday, Nov. 7, 2020"). So the
story was published on or after the latest full date it prints, ``L``, on the day ``P`` of
the week ``[L, L + 6]`` that makes the weekdays it names most recent. ``P`` minimises the days
from each named weekday back to ``P`` (three times over for a weekday that dates a report,
"said Monday": that is the day of the reporting), plus a day for each day ``P`` lies after
``L``. Ties go to the earlier day; a story that names no weekday was published on ``L``. A
dateline that carries a day ("WASHINGTON, Nov 8 (Reuters) -") is the publication day.

Measured on the project's wire fixtures (``bench/captions.py`` reports it); a story that
prints only old full dates (a war "that began on Sept. 27, 2020") gets a wrong, early date.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from sitrep.clean.calendar import (
    WeekdayMention,
    add_days,
    days_back_to,
    month_number,
    nearest_day,
)
from sitrep.records import Document

_WEEK = 7
_REPORTED_WEIGHT = 3


def infer_published(
    full_dates: Iterable[date], weekdays: Sequence[WeekdayMention], dateline_date: str | None
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


# A story filed this many days or fewer before it was published is dated by its filing.
_FILED_WITHIN_DAYS = 3


def story_day(document: Document) -> date | None:
    """The day the story's "today", "this evening" and "yesterday" count from: the day its
    dateline says it was filed ("Sopore, Nov 10:" in a paper published on Nov 11) when that
    falls shortly before publication, else the publication date."""
    published = document.published
    dateline = document.dateline
    if dateline is None or not dateline.date_text or published is None:
        return published
    filed = nearest_day(*_month_and_day(dateline.date_text), published)
    if filed is None or not 0 < (published - filed).days <= _FILED_WITHIN_DAYS:
        return published
    return filed


def _cost(day: date, latest: date, weekdays: Sequence[WeekdayMention]) -> int:
    back = sum(
        days_back_to(mention.weekday, day) * (_REPORTED_WEIGHT if mention.reported else 1)
        for mention in weekdays
    )
    return back + (day - latest).days


def _month_and_day(text: str) -> tuple[int, int]:
    """The month and day of a dateline's date ("Nov 8", "5 May", "Jan 11, 2024")."""
    first, second = text.replace(",", " ").split()[:2]
    if first.isdigit():
        return month_number(second), int(first)
    return month_number(first), int(second)
