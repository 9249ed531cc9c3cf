"""Full calendar dates ("Saturday, Nov. 7, 2020", "7 November 2020", "2020-11-07") and bare
weekdays, as news prints them: what cleaning needs to date captions and infer a publication day.

Relative and partial dates ("Friday", "Sept. 27", "last week") are resolved later, against the
publication date, by the resolve stage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_MONTH_NUMBERS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sept(?:ember|\.)?|Sep\.?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_YEAR = r"(?:1[89]|20)\d{2}"

FULL_DATE = re.compile(
    rf"(?:(?P<weekday>{WEEKDAY}),?\s+)?"
    rf"(?:(?P<month>{MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>{_YEAR})"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{MONTH}),?\s+(?P<year2>{_YEAR})"
    rf"|(?P<iso>{_YEAR}-[01]\d-[0-3]\d))\b"
)
_YEAR_ONLY = re.compile(rf"{_YEAR}\b")  # the boundary before it is checked by hand: faster
# "Wednesday, September 30th, " is the longest text a full date puts before its year.
_LONGEST_BEFORE_YEAR = 40
BARE_WEEKDAY = re.compile(rf"(?<!\w)(?P<weekday>{WEEKDAY})\b(?!,?\s+(?:{MONTH}\s+\d|\d))")
_WEEKDAY_NAMES = tuple(name.capitalize() for name in WEEKDAYS)
# A reporting verb up to four words before a weekday: "said Monday", "said in a statement on
# Monday". Not "declared": "declared Monday a day of mourning" looks ahead.
_REPORTED_BEFORE = re.compile(
    r"\b(?:said|says|told|announced|reported|added|confirmed|stated|claimed|denied|wrote|"
    r"posted|tweeted)\b(?:\s+[\w’']+){0,4}?\s+\Z"
)
_REPORTED_WINDOW = 50


@dataclass(frozen=True, slots=True)
class WeekdayMention:
    """A weekday named on its own; ``reported`` when it dates a report: "said Monday",
    "told reporters on Monday" (news names the day of its own reporting that way)."""

    weekday: int
    reported: bool
    start: int


@dataclass(frozen=True, slots=True)
class FullDate:
    """A calendar date written out with its year; ``weekday_agrees`` is False when the text
    names a weekday that the date does not fall on (a typo, or not the date it seems)."""

    value: date
    start: int
    end: int
    weekday_agrees: bool


def find_full_dates(text: str, start: int = 0, end: int | None = None) -> list[FullDate]:
    """Every valid full date in ``text[start:end]``, with offsets into ``text``.

    Every full date holds a year, so only the few windows around a year are searched: matching
    the whole pattern at every position is what would make cleaning slow.
    """
    stop = len(text) if end is None else end
    found: list[FullDate] = []
    searched_to = start
    for year in _YEAR_ONLY.finditer(text, start, stop):
        if year.start() > 0 and text[year.start() - 1].isalnum():
            continue
        window_start = max(searched_to, year.start() - _LONGEST_BEFORE_YEAR)
        match = FULL_DATE.search(text, window_start, min(stop, year.end() + len("-11-07")))
        if match is None or not match.start() <= year.start() < match.end():
            continue
        searched_to = match.end()
        value = _date_of(match)
        if value is None:
            continue
        weekday = match.group("weekday")
        agrees = weekday is None or WEEKDAYS[value.weekday()] == weekday.lower()
        found.append(FullDate(value, match.start(), match.end(), agrees))
    return found


def find_bare_weekdays(text: str, start: int = 0, end: int | None = None) -> list[WeekdayMention]:
    """Weekdays (Monday 0) named on their own, not as part of a full date, in text order.

    Found with ``str.find`` per weekday and checked with the pattern where found: a regex scan
    of every position costs more than cleaning can spare.
    """
    stop = len(text) if end is None else end
    found: list[WeekdayMention] = []
    for number, name in enumerate(_WEEKDAY_NAMES):
        position = text.find(name, start, stop)
        while position != -1:
            if BARE_WEEKDAY.match(text, position, stop):
                line_start = text.rfind("\n", start, position) + 1
                window = max(start, line_start, position - _REPORTED_WINDOW)
                reported = _REPORTED_BEFORE.search(text, window, position) is not None
                found.append(WeekdayMention(number, reported, position))
            position = text.find(name, position + len(name), stop)
    return sorted(found, key=lambda mention: mention.start)


def month_number(name: str) -> int:
    """1-12 for any month name or news abbreviation: "Nov.", "Sept.", "September"."""
    key = name.rstrip(".").lower()
    return _MONTH_NUMBERS[key[:3]]


def days_back_to(weekday: int, day: date) -> int:
    """How many days before ``day`` (0-6) its most recent ``weekday`` falls."""
    return (day.weekday() - weekday) % 7


def nearest_day(month: int, day_of_month: int, anchor: date) -> date | None:
    """The date with this month and day closest to ``anchor`` (a year-less dateline date)."""
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(date(year, month, day_of_month))
        except ValueError:
            continue
    return min(candidates, key=lambda d: abs(d - anchor), default=None)


def add_days(day: date, days: int) -> date:
    return day + timedelta(days=days)


def _date_of(match: re.Match[str]) -> date | None:
    try:
        if match.group("iso"):
            return date.fromisoformat(match.group("iso"))
        if match.group("month"):
            month, day, year = match.group("month"), match.group("day"), match.group("year")
        else:
            month, day, year = match.group("month2"), match.group("day2"), match.group("year2")
        return date(int(year), month_number(month), int(day))
    except ValueError:
        return None  # "Feb. 30, 2021": not a date; the resolve stage reports such text
