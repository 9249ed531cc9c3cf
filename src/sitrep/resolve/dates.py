"""Time expressions found in the text and put on the calendar.

Each expression resolves against an anchor: the day the story was filed (its dateline's day,
"Sopore, Nov 10:", where that falls just before publication) or else published, a caption's
own full date for that caption ("Friday" in a caption dated "Saturday, Nov. 7, 2020" is Nov. 6).
The conventions, as news uses them:

- a bare weekday is the most recent such day on or before the anchor ("said Sunday" in a story
  published on a Sunday is that Sunday); "last Friday" is the most recent one before it; "next
  Friday", or a weekday in a sentence about the future ("talks will resume on Friday"), is the
  next one after it;
- a month and day without a year ("Sept. 27"), or a day alone ("on the 14th"), is the nearest
  such date not after the anchor, or not before it in a sentence about the future;
- weeks, months and years are given by their first day with ``precision`` saying which;
- "between Sept. 27 and Nov. 10" is a ``range``; "for more than a month" is a ``duration``.

An expression that cannot be put on the calendar keeps its text, with ``value`` None and a
``reason``: an impossible date ("Feb. 30"), one more than ten years after the anchor, or a
relative one when the publication date is unknown.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sitrep.clean.calendar import MONTH, WEEKDAY, WEEKDAYS, month_number
from sitrep.clean.published import story_day
from sitrep.numbers import NUMBER, parse_number
from sitrep.records import Annotated, Caption, DateMention, DatePrecision, SegmentKind

_YEAR = r"(?:1[6-9]|20|21|22)\d{2}"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_MONTH_DAY = rf"(?:{MONTH}\s+{_DAY}|{_DAY}\s+(?:of\s+)?{MONTH})"
_FULL = rf"(?:(?:{WEEKDAY}),?\s+)?{_MONTH_DAY},?\s+{_YEAR}|{_YEAR}-[01]\d-[0-3]\d"
_MONTH_NAME = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|"
    r"November|December)"
)
_FUTURE = re.compile(
    r"\b(?:will|shall|is due|are due|due to|scheduled|set to|expected to|plans? to|"
    r"to be held|upcoming|next(?!\s+(?:door|to)\b)|tomorrow|as (?:soon|early) as|until|would)\b|"
    r"'ll\b",
    re.IGNORECASE,
)
# Every pattern needs one of these: a sentence with none of them is skipped at once.
_MAY_HOLD_A_DATE = re.compile(
    r"\d|day|night|morning|evening|afternoon|week|month|year|decade|hour|ago|now|tomorrow|"
    r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec",
    re.IGNORECASE,
)
_FUTURE_NEAR = 25
_FUTURE_WINDOW = 50
# A reporting or other past-tense verb right before the expression: "said Friday", "announced
# Wednesday", "attended a rally Thursday" stay in the past whatever else the sentence says.
_PAST_JUST_BEFORE = re.compile(
    r"\b(?:said|told|announced|reported|predicted|declared|added|confirmed|was|were|"
    r"[a-z]+ed)\b(?:\s+[\w'’-]+){0,3}?\s+(?:on\s+|late\s+|early\s+)?\Z",
    re.IGNORECASE,
)
_FAR_FUTURE_YEARS = 10
_UNIT_CODES = {"hour": "H", "day": "D", "week": "W", "month": "M", "year": "Y", "decade": "Y"}


@dataclass(frozen=True, slots=True)
class _Found:
    name: str
    match: re.Match[str]

    @property
    def span(self) -> tuple[int, int]:
        return self.match.span("expr")


# Patterns, each with the expression in group ``expr`` (prepositions such as "on", "in",
# "since" and "for" stay outside it, as TimeML marks them). Where two overlap, the longer wins.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        (
            "range",
            rf"(?:\b(?:between|from)\s+)(?P<expr>(?P<a>{_FULL}|{_MONTH_DAY})\s+"
            rf"(?:and|to|until|through)\s+(?P<b>{_FULL}|{_MONTH_DAY}|\d{{1,2}}(?!\d)))",
        ),
        (
            "range",
            rf"\b(?P<expr>(?P<a>{_MONTH_DAY})\s*[-–]\s*(?P<b>{_MONTH_DAY}|\d{{1,2}}(?!\d))"
            rf"(?:,?\s+(?P<year>{_YEAR}))?)",
        ),
        (
            "year_range",
            rf"(?i:\b(?:between|from)\s+)(?P<expr>(?P<y1>{_YEAR})\s+(?:and|to|until|through)\s+"
            rf"(?P<y2>{_YEAR}))\b",
        ),
        (  # two days of one month and year: "on November 28 and 29, 2020", "28 and 29 May 2021"
            "range",
            rf"\b(?P<expr>(?P<a>{_MONTH_DAY})\s+and\s+(?P<b>\d{{1,2}})(?!\d),?\s+(?P<year>{_YEAR}))",
        ),
        (
            "range",
            rf"\b(?P<expr>(?P<d1>\d{{1,2}})\s+and\s+(?P<d2>\d{{1,2}})\s+(?P<month>{MONTH}),?\s+"
            rf"(?P<year>{_YEAR}))\b",
        ),
        ("year_range", rf"\b(?P<expr>(?P<y1>{_YEAR})\s*[-–]\s*(?P<y2>{_YEAR}))\b"),
        (
            "range",
            rf"\b(?P<expr>(?P<d1>\d{{1,2}})\s*[-–]\s*(?P<d2>\d{{1,2}})\s+(?P<month>{MONTH})"
            rf"(?:,?\s+(?P<year>{_YEAR}))?)\b",
        ),
        (
            "weekday_range",
            rf"(?i:\b(?:between|from)\s+)(?P<expr>(?P<w1>{WEEKDAY})\s+(?:and|to|until|through)\s+"
            rf"(?P<w2>{WEEKDAY}))\b",
        ),
        ("full", rf"\b(?P<expr>{_FULL})\b"),
        ("month_day", rf"\b(?P<expr>(?:(?P<weekday>{WEEKDAY}),?\s+)?{_MONTH_DAY})\b"),
        ("month_year", rf"\b(?P<expr>(?P<month>{MONTH}),?\s+(?P<year>{_YEAR}))\b"),
        (
            "day_of_month",
            # not "the 20th Infantry Battalion", "on the 5th floor", "since the 19th century"
            rf"(?i:\b(?:on|since|until)\s+)(?P<expr>the\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th))\b"
            rf"(?!\s+(?:of\s+)?(?:{MONTH})|\s+[A-Z]|\s+(?i:century|anniversary|birthday|floor|"
            r"round|time|day|week|month|year|of\s+(?:the|a|an|its|their|his|her)\b))",
        ),
        (
            "month",
            rf"\b(?i:in|since|until|by|during|from|of|through)\s+"
            rf"(?P<expr>(?:(?P<mod>early|late|mid-?|last|next|this)\s*)?{_MONTH_NAME})\b(?!\s+\d)",
        ),
        (
            "month",
            rf"\b(?P<expr>(?P<mod>early|late|mid-?|last|next|this)\s*{_MONTH_NAME})\b(?!\s+\d)",
        ),
        (
            "year",
            rf"\b(?i:in|since|by|until|from|of|before|after|during|through|to)\s+"
            rf"(?P<expr>(?:(?P<mod>early|late|mid-?)\s*)?(?P<year>{_YEAR}))\b(?![-,]?\d)",
        ),
        (  # a year that names an act: "the 2019 bombing", "over 2019 Jolo cathedral bombing"
            "year",
            rf"\b(?i:the|its|their|over|after|for)\s+(?P<expr>(?P<year>{_YEAR}))"
            r"\s+(?=[A-Za-z][a-z]+\s)",
        ),
        ("decade", r"\b(?P<expr>(?:the\s+)?(?P<decade>(?:1[6-9]|20)\d0)s)\b"),
        (
            "weekday",
            rf"\b(?P<expr>(?:(?P<mod>last|next|this|early|late)\s+)?(?P<weekday>{WEEKDAY})"
            r"(?:\s+(?P<part>morning|afternoon|evening|night))?)\b",
        ),
        (
            "relative",
            r"(?i)\b(?P<expr>yesterday|today|tonight|tomorrow|"
            r"(?P<daypart>this|last)\s+(?:morning|afternoon|evening|night)|"
            r"(?:(?P<when>earlier|later)\s+)?(?P<which>last|this|next|the\s+previous|"
            r"the\s+following)\s+(?P<period>week|month|year|weekend))\b",
        ),
        (
            "ago",
            rf"(?i)\b(?P<expr>(?P<n>{NUMBER}|a|an)\s+(?P<unit>day|week|month|year)s?\s+"
            r"(?P<dir>ago|earlier|before|later))\b",
        ),
        (
            "duration",
            rf"(?i)\b(?:for|over|in|lasted|lasting|after|within)\s+(?:the\s+(?:past|last|next)\s+)?"
            rf"(?P<expr>(?:(?P<q>more than|less than|nearly|almost|about|around|over|at least)\s+)?"
            rf"(?P<n>{NUMBER}|a|an|several|a few)?\s*"
            r"(?P<unit>hour|day|week|month|year|decade)s?)\b",
        ),
    )
)


def find_dates(text: str, start: int, end: int, anchor: date | None) -> list[DateMention]:
    """Time expressions in ``text[start:end]`` (a sentence), resolved against ``anchor``."""
    if not _MAY_HOLD_A_DATE.search(text, start, end):
        return []
    found = _non_overlapping(_candidates(text, start, end))
    return [
        _resolve(
            item,
            text,
            _year_before(anchor)
            if item.name in _IN_YEAR and _LAST_YEAR.search(text, start, item.span[0])
            else anchor,
            _future(text, start, item.span[0]),
        )
        for item in found
    ]


# "Last year, protesters stormed parliament on June 25": a month and day told after "last
# year" in its sentence is last year's.
_LAST_YEAR = re.compile(r"\b(?:last year|a year (?:ago|earlier))\b", re.IGNORECASE)
_IN_YEAR = frozenset({"month_day", "month"})


def _year_before(anchor: date | None) -> date | None:
    return None if anchor is None else date(anchor.year - 1, 12, 31)


def _future(text: str, sentence_start: int, position: int) -> bool:
    """Whether the words just before an expression put it in the future: "will resume on
    Friday", "scheduled for Dec. 20", "as early as Tuesday", but not "said Friday"."""
    near_start = max(sentence_start, position - _FUTURE_NEAR)
    if _FUTURE.search(text, near_start, position):
        return True
    window_start = max(sentence_start, position - _FUTURE_WINDOW)
    if _PAST_JUST_BEFORE.search(text, window_start, position):
        return False
    return _FUTURE.search(text, window_start, position) is not None


def resolve_dates(annotated: Annotated) -> tuple[DateMention, ...]:
    """Every time expression of the story and its captions (each distinct caption once)."""
    document = annotated.document
    text = document.article.text
    mentions: list[DateMention] = []
    captions = sorted(document.captions, key=lambda caption: caption.spans[0].start)
    caption_starts = [caption.spans[0].start for caption in captions]
    day = story_day(document)
    for sentence in annotated.sentences:
        anchor = day
        if sentence.segment == "caption":
            anchor = _caption_date(captions, caption_starts, sentence.start) or anchor
        for mention in find_dates(text, sentence.start, sentence.end, anchor):
            mentions.append(_in_segment(mention, sentence.segment))
    return tuple(mentions)


def _caption_date(captions: Sequence[Caption], starts: list[int], position: int) -> date | None:
    """The date of the caption (of ``captions``, in text order, parsed where they start at
    ``starts``) whose parsed text holds ``position``."""
    before = bisect_right(starts, position) - 1
    if before >= 0 and position < captions[before].spans[0].end:
        return captions[before].date
    return None


def _in_segment(mention: DateMention, segment: SegmentKind) -> DateMention:
    if segment == mention.segment:
        return mention
    return DateMention(
        mention.text,
        mention.start,
        mention.end,
        mention.value,
        mention.precision,
        mention.end_value,
        mention.duration,
        mention.reason,
        segment,
    )


def _candidates(text: str, start: int, end: int) -> Iterator[_Found]:
    for name, pattern in _PATTERNS:
        for match in pattern.finditer(text, start, end):
            yield _Found(name, match)


def _non_overlapping(found: Iterator[_Found]) -> list[_Found]:
    """Longest first, then leftmost; drop whatever overlaps an expression already taken."""
    ordered = sorted(found, key=lambda f: (-(f.span[1] - f.span[0]), f.span[0]))
    taken: list[_Found] = []
    for item in ordered:
        a, b = item.span
        if all(b <= t.span[0] or a >= t.span[1] for t in taken):
            taken.append(item)
    return sorted(taken, key=lambda f: f.span[0])


def _resolve(item: _Found, text: str, anchor: date | None, future: bool) -> DateMention:
    start, end = item.span
    expression = text[start:end]
    precision, value, end_value, duration, reason = _RESOLVERS[item.name](
        item.match, anchor, future
    )
    if value is not None and anchor is not None and value.year > anchor.year + _FAR_FUTURE_YEARS:
        value, end_value = None, None
        reason = f"more than {_FAR_FUTURE_YEARS} years after the publication date"
    return DateMention(expression, start, end, value, precision, end_value, duration, reason)


# Each resolver returns (precision, value, end_value, duration, reason).
_Resolved = tuple[DatePrecision, date | None, date | None, str | None, str | None]
_NO_ANCHOR = "relative to a publication date that is unknown"
_NOT_A_DATE = "not a calendar date"


def _full(match: re.Match[str], anchor: date | None, future: bool) -> _Resolved:
    value = _full_date(match.group("expr"))
    return ("day", value, None, None, None if value else _NOT_A_DATE)


def _full_date(expression: str) -> date | None:
    """The date of "Saturday, Nov. 7, 2020", "7 November 2020" or "2020-11-07"; None if none."""
    expression = expression.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", expression):
            return date.fromisoformat(expression)
        words = _date_words(expression)
        numbers = [int(w) for w in words if w.isdigit()]
        month_word = next(w for w in words if not w.isdigit() and w.lower() != "of")
        day, year = (numbers[0], numbers[1]) if len(numbers) == 2 else (numbers[0], None)
        return date(year or 1, month_number(month_word), day) if year else None
    except (ValueError, StopIteration, KeyError, IndexError):
        return None


def _date_words(expression: str) -> list[str]:
    """The words and numbers of a date, without its weekday or ordinal suffixes ("Friday,
    14th of March" -> "14", "of", "March")."""
    plain = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b", "", expression.strip())
    return re.findall(r"[A-Za-z]+\.?|\d+", re.sub(rf"^{WEEKDAY},?\s+", "", plain))


def _month_day_near(expression: str, anchor: date | None, future: bool) -> _Resolved:
    words = _date_words(expression)
    try:
        day = next(int(w) for w in words if w.isdigit())
        month = month_number(next(w for w in words if not w.isdigit() and w.lower() != "of"))
    except (StopIteration, KeyError):
        return ("day", None, None, None, _NOT_A_DATE)
    if not _valid_month_day(month, day):
        return ("day", None, None, None, _NOT_A_DATE)
    if anchor is None:
        return ("day", None, None, None, _NO_ANCHOR)
    years = (anchor.year, anchor.year + 1) if future else (anchor.year, anchor.year - 1)
    for year in years:
        try:
            value = date(year, month, day)
        except ValueError:
            continue  # Feb. 29 outside a leap year
        if (value >= anchor) if future else (value <= anchor):
            return ("day", value, None, None, None)
    return ("day", None, None, None, _NOT_A_DATE)


def _valid_month_day(month: int, day: int) -> bool:
    try:
        date(2024, month, day)  # a leap year: Feb. 29 is a date in some years
    except ValueError:
        return False
    return True


def _month_day(match: re.Match[str], anchor: date | None, future: bool) -> _Resolved:
    return _month_day_near(match.group("expr"), anchor, future)


def _range(match: re.Match[str], anchor: date | None, future: bool) -> _Resolved:
    groups = match.groupdict()
    if groups.get("d1"):  # "12-14 March"
        first = f"{groups['d1']} {groups['month']}"
        second = f"{groups['d2']} {groups['month']}"
    else:
        first, second = groups["a"], groups["b"]
    year = groups.get("year")
    if second.isdigit():
        second = _swap_day(first, int(second))  # "Nov. 7-9"
    start = _dated(first, year, anchor, future)
    end = _dated(second, year, start, True) if start else None
    if start is None or end is None or end < start:
        return ("range", None, None, None, _NO_ANCHOR if anchor is None else _NOT_A_DATE)
    return ("range", start, end, None, None)


def _dated(expression: str, year: str | None, anchor: date | None, future: bool) -> date | None:
    """A range's end: a full date, a month and day in the range's year, or the nearest one."""
    full = _full_date(f"{expression} {year}" if year else expression)
    return full or _month_day_near(expression, anchor, future)[1]


def _year_range(match: re.Match[str], anchor: date | None, future: bool) -> _Resolved:
    first, last = int(match.group("y1")), int(match.group("y2"))
    if last < first:
        return ("range", None, None, None, _NOT_A_DATE)
    return ("range", date(first, 1, 1), date(last, 12, 31), None, None)


def _weekday_range(match: re.Match[str], anchor: date | None, future: bool) -> _Resolved:
    if anchor is None:
        return ("range", None, None, None, _NO_ANCHOR)
    first, last = (WEEKDAYS.index(match.group(g).lower()) for g in ("w1", "w2"))
    end = anchor - timedelta(days=(anchor.weekday() - last) % 7)
    start = end - timedelta(days=(last - first) % 7)
    return ("range", start, end, None, None)


def _swap_day(month_day: str, day: int) -> str:
    """ "Nov. 7" and 9 -> "Nov. 9": the second end of "Nov. 7-9"."""
    return re.sub(r"\d{1,2}(?:st|nd|rd|th)?", str(day), month_day, count=1)


def _day_of_month(match: re.Match[str], anchor: date | None, future: bool) -> _Resolved:
    """ "on the 14th": the nearest 14th not after the anchor (not before it, in the future)."""
    if anchor is None:
        return ("day", None, None, None, _NO_ANCHOR)
    day = int(match.group("day"))
    step = 1 if future else -1
    year, month = anchor.year, anchor.month
    for _ in range(3):  # the 31st may skip a month
        try:
            value = date(year, month, day)
        except ValueError:
            value = None
        if value is not None and ((value >= anchor) if future else (value <= anchor)):
            return ("day", value, None, None, None)
        month += step
        year, month = (year + (month - 1) // 12, (month - 1) % 12 + 1)
    return ("day", None, None, None, _NOT_A_DATE)


def _month_year(match: re.Match[str], anchor: date | None, future: bool) -> _Resolved:
    value = date(int(match.group("year")), month_number(match.group("month")), 1)
    return ("month", value, None, None, None)


def _month(match: re.Match[str], anchor: date | None, future: bool) -> _Resolved:
    if anchor is None:
        return ("month", None, None, None, _NO_ANCHOR)
    month = month_number(match.group("month"))
    modifier = (match.group("mod") or "").rstrip("-")
    if modifier == "next" or (future and modifier != "last"):
        year = anchor.year if month >= anchor.month else anchor.year + 1
    elif modifier == "last":
        year = anchor.year if month < anchor.month else anchor.year - 1
    else:
        year = anchor.year if month <= anchor.month else anchor.year - 1
    return ("month", date(year, month, 1), None, None, None)


def _year(match: re.Match[str], anchor: date | None, future: bool) -> _Resolved:
    return ("year", date(int(match.group("year")), 1, 1), None, None, None)


def _decade(match: re.Match[str], anchor: date | None, future: bool) -> _Resolved:
    first = int(match.group("decade"))
    return ("range", date(first, 1, 1), date(first + 9, 12, 31), None, None)


def _weekday(match: re.Match[str], anchor: date | None, future: bool) -> _Resolved:
    if anchor is None:
        return ("day", None, None, None, _NO_ANCHOR)
    weekday = WEEKDAYS.index(match.group("weekday").lower())
    modifier = match.group("mod")
    back = (anchor.weekday() - weekday) % 7
    if modifier == "next" or (future and modifier != "last"):
        ahead = (weekday - anchor.weekday()) % 7
        if modifier == "next":
            ahead = ahead or 7
        return ("day", anchor + timedelta(days=ahead), None, None, None)
    if modifier == "last":
        back = back or 7
    return ("day", anchor - timedelta(days=back), None, None, None)


def _relative(match: re.Match[str], anchor: date | None, future: bool) -> _Resolved:
    word = match.group("expr").lower()
    period = match.group("period")
    precision: DatePrecision = "day" if period is None else _PERIOD_PRECISION[period.lower()]
    if anchor is None:
        return (precision, None, None, None, _NO_ANCHOR)
    if period is None:
        offset = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
        if match.group("daypart") and match.group("daypart").lower() == "last":
            offset = -1  # "last night": the night before the story
        return ("day", anchor + timedelta(days=offset), None, None, None)
    which = " ".join(match.group("which").lower().split())
    step = {"last": -1, "the previous": -1, "this": 0, "next": 1, "the following": 1}[which]
    return (precision, _shift_period(anchor, period.lower(), step), None, None, None)


_PERIOD_PRECISION: dict[str, DatePrecision] = {
    "week": "week",
    "weekend": "week",
    "month": "month",
    "year": "year",
}


def _shift_period(anchor: date, period: str, step: int) -> date:
    if period in ("week", "weekend"):
        monday = anchor - timedelta(days=anchor.weekday())
        return monday + timedelta(weeks=step)
    if period == "month":
        months = anchor.year * 12 + anchor.month - 1 + step
        return date(months // 12, months % 12 + 1, 1)
    return date(anchor.year + step, 1, 1)


def _ago(match: re.Match[str], anchor: date | None, future: bool) -> _Resolved:
    unit = match.group("unit").lower()
    precision: DatePrecision = "day" if unit == "day" else _PERIOD_PRECISION[unit]
    if anchor is None:
        return (precision, None, None, None, _NO_ANCHOR)
    count = _count(match.group("n"))
    if count is None:
        return (precision, None, None, None, _NOT_A_DATE)
    sign = 1 if match.group("dir").lower() == "later" else -1
    if unit == "day":
        return ("day", anchor + timedelta(days=sign * count), None, None, None)
    if unit == "week":
        return ("week", _shift_period(anchor, "week", sign * count), None, None, None)
    if unit == "month":
        return ("month", _shift_period(anchor, "month", sign * count), None, None, None)
    return ("year", date(anchor.year + sign * count, 1, 1), None, None, None)


def _duration(match: re.Match[str], anchor: date | None, future: bool) -> _Resolved:
    unit = match.group("unit").lower()
    amount = match.group("n")
    count = _count(amount) if amount and amount.lower() not in ("several", "a few") else None
    if unit == "decade" and count is not None:
        count *= 10
    length = "X" if count is None else str(count)
    prefix = "PT" if unit == "hour" else "P"
    return ("duration", None, None, f"{prefix}{length}{_UNIT_CODES[unit]}", None)


def _count(amount: str) -> int | None:
    return 1 if amount.lower() in ("a", "an") else parse_number(amount)


_RESOLVERS: dict[str, Callable[[re.Match[str], date | None, bool], _Resolved]] = {
    "range": _range,
    "year_range": _year_range,
    "weekday_range": _weekday_range,
    "full": _full,
    "month_day": _month_day,
    "month_year": _month_year,
    "day_of_month": _day_of_month,
    "month": _month,
    "year": _year,
    "decade": _decade,
    "weekday": _weekday,
    "relative": _relative,
    "ago": _ago,
    "duration": _duration,
}
