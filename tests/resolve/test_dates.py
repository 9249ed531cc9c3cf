from __future__ import annotations

from datetime import date

import pytest

from sitrep.records import DateMention
from sitrep.resolve import find_dates

SUNDAY = date(2020, 11, 8)


def dates_in(sentence: str, anchor: date | None = SUNDAY) -> list[DateMention]:
    return find_dates(sentence, 0, len(sentence), anchor)


def only(sentence: str, anchor: date | None = SUNDAY) -> DateMention:
    [mention] = dates_in(sentence, anchor)
    return mention


@pytest.mark.parametrize(
    ("sentence", "text", "value", "precision"),
    [
        ("The president said Sunday.", "Sunday", date(2020, 11, 8), "day"),
        ("The army withdrew on Friday.", "Friday", date(2020, 11, 6), "day"),
        ("Talks will resume on Friday.", "Friday", date(2020, 11, 13), "day"),
        ("It happened last Sunday.", "last Sunday", date(2020, 11, 1), "day"),
        ("They meet next Tuesday.", "next Tuesday", date(2020, 11, 10), "day"),
        ("Shelling resumed on Saturday night.", "Saturday night", date(2020, 11, 7), "day"),
        ("A shell struck the house next door Saturday.", "Saturday", date(2020, 11, 7), "day"),
        ("Fighting started on Sept. 27.", "Sept. 27", date(2020, 9, 27), "day"),
        ("Clashes began on Dec. 20.", "Dec. 20", date(2019, 12, 20), "day"),
        ("The vote is scheduled for Dec. 20.", "Dec. 20", date(2020, 12, 20), "day"),
        ("On 5 November the town fell.", "5 November", date(2020, 11, 5), "day"),
        ("Photo taken Saturday, Nov. 7, 2020.", "Saturday, Nov. 7, 2020", date(2020, 11, 7), "day"),
        ("It was signed on 9 November 2020.", "9 November 2020", date(2020, 11, 9), "day"),
        ("It was signed on the 2nd of November.", "2nd of November", date(2020, 11, 2), "day"),
        ("It was signed on 2nd November 2019.", "2nd November 2019", date(2019, 11, 2), "day"),
        ("A bomb went off on the 14th, police said.", "the 14th", date(2020, 10, 14), "day"),
        ("The bomb went off on the 3rd.", "the 3rd", date(2020, 11, 3), "day"),
        ("Talks will resume on the 20th.", "the 20th", date(2020, 11, 20), "day"),
        ("Data as of 2020-11-01.", "2020-11-01", date(2020, 11, 1), "day"),
        ("The strike came yesterday.", "yesterday", date(2020, 11, 7), "day"),
        ("Sirens sounded last night.", "last night", date(2020, 11, 7), "day"),
        ("Two days ago the road was cut.", "Two days ago", date(2020, 11, 6), "day"),
        ("Fighting intensified last week.", "last week", date(2020, 10, 26), "week"),
        ("Earlier this month, talks failed.", "Earlier this month", date(2020, 11, 1), "month"),
        ("The town fell last month.", "last month", date(2020, 10, 1), "month"),
        ("The siege began in August.", "August", date(2020, 8, 1), "month"),
        ("The siege began in December.", "December", date(2019, 12, 1), "month"),
        ("In January, a bomber struck.", "January", date(2020, 1, 1), "month"),
        ("Since 2014 the front has held.", "2014", date(2014, 1, 1), "year"),
        ("It was founded in November 2016.", "November 2016", date(2016, 11, 1), "month"),
        ("It has been held since 1994.", "1994", date(1994, 1, 1), "year"),
        ("The war ended in 2016.", "2016", date(2016, 1, 1), "year"),
    ],
)
def test_dates_resolve_against_the_publication_date(
    sentence: str, text: str, value: date, precision: str
) -> None:
    mention = only(sentence)
    assert (mention.text, mention.value, mention.precision) == (text, value, precision)
    assert sentence[mention.start : mention.end] == text


def test_dates_ranges_have_both_ends() -> None:
    mention = only("Fighting raged between Sept. 27 and Nov. 10.")
    assert (mention.precision, mention.value, mention.end_value) == (
        "range",
        date(2020, 9, 27),
        date(2020, 11, 10),
    )
    short = only("Talks ran Nov. 2-4.")
    assert (short.value, short.end_value) == (date(2020, 11, 2), date(2020, 11, 4))
    # two days and the year after the second: the year is both days'
    for sentence in (
        "Troops killed 40 people on November 28 and 29, 2017.",
        "Troops killed 40 people on 28 and 29 November 2017.",
    ):
        both = only(sentence)
        assert (both.value, both.end_value) == (date(2017, 11, 28), date(2017, 11, 29))


@pytest.mark.parametrize(
    ("sentence", "duration"),
    [
        ("Fighting has raged for more than a month.", "P1M"),
        ("The town was shelled for three days.", "P3D"),
        ("They have fought for weeks.", "PXW"),
    ],
)
def test_dates_durations_are_not_dates(sentence: str, duration: str) -> None:
    mention = only(sentence)
    assert (mention.precision, mention.value, mention.duration) == ("duration", None, duration)


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("The attack on Feb. 30 was denied.", "not a calendar date"),
        ("The dam will be finished on March 3, 2087.", "more than 10 years after"),
    ],
)
def test_dates_that_cannot_be_placed_keep_their_text_and_a_reason(
    sentence: str, reason: str
) -> None:
    mention = only(sentence)
    assert mention.value is None
    assert mention.reason is not None and reason in mention.reason


def test_dates_relative_ones_need_a_publication_date() -> None:
    mention = only("The strike came on Friday.", anchor=None)
    assert mention.value is None and mention.reason is not None
    absolute = only("It was signed on 9 November 2020.", anchor=None)
    assert absolute.value == date(2020, 11, 9)


def test_dates_numbers_that_are_not_dates_are_left_alone() -> None:
    assert dates_in("Shelling killed 12 people and wounded 2020 others, it said.") == []
    assert dates_in("May God protect them, she said.") == []
    # a part of a day with no day named is no date
    assert dates_in("We heard heavy weapons from early morning until late evening.") == []


def test_dates_a_month_and_day_told_after_last_year_is_last_years() -> None:
    [_, day] = dates_in("Last year, protesters stormed parliament on June 25.")
    assert day.value == date(2019, 6, 25)
    [day, _] = dates_in("On June 20, protesters marched; last year ten died.")
    assert day.value == date(2020, 6, 20)


@pytest.mark.parametrize(
    ("sentence", "last"),
    [
        ("The roof collapsed in November.", date(2020, 11, 30)),
        ("The roof collapsed in February.", date(2020, 2, 29)),
        ("The war ended in 2016.", date(2016, 12, 31)),
        ("Fighting raged between Sept. 27 and Nov. 10.", date(2020, 11, 10)),
        ("The town was shelled on Monday.", date(2020, 11, 2)),
    ],
)
def test_dates_know_the_last_day_of_the_period_they_name(sentence: str, last: date) -> None:
    assert only(sentence).last_day == last
