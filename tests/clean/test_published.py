from __future__ import annotations

from datetime import date

import pytest

from sitrep.clean import clean
from sitrep.records import Article
from tests.conftest import cleaned

CAPTION = "Troops fire artillery near Kupiansk, Ukraine, Saturday, Nov. 7, 2020. (AP Photo)"


@pytest.mark.parametrize(
    ("story", "expected"),
    [
        # The story calls the day after its latest photo "Sunday": published that Sunday.
        ("KYIV (AP) — The army said Sunday that it had retaken the village.", date(2020, 11, 8)),
        # "Friday" lies before the photo's Saturday: published on the Saturday itself.
        ("KYIV (AP) — The army said Friday that it had retaken the village.", date(2020, 11, 7)),
        # No weekday named: published on the latest date it prints.
        ("KYIV (AP) — The army said it had retaken the village.", date(2020, 11, 7)),
        (
            "KYIV (AP) — The army said Tuesday it had retaken the village it lost on Monday.",
            date(2020, 11, 10),
        ),
    ],
)
def test_published_inferred_from_dates_and_weekdays(story: str, expected: date) -> None:
    document = cleaned(f"{CAPTION}\n{story}")
    assert (document.published, document.published_basis) == (expected, "inferred")


def test_published_from_a_dateline_that_carries_the_day() -> None:
    text = "WASHINGTON, Nov 12 (Reuters) - The deal signed on Nov. 7, 2020 held, officials said."
    assert cleaned(text).published == date(2020, 11, 12)


def test_published_ignores_a_full_date_whose_weekday_is_wrong() -> None:
    text = (
        "KYIV (AP) — Talks set for Tuesday, Nov. 7, 2021 were called off, it said on May 2, 2021."
    )
    assert cleaned(text).published == date(2021, 5, 2)


def test_published_unknown_when_the_text_prints_no_full_date() -> None:
    document = cleaned("BEIRUT — Israeli strikes hit two villages on Friday, officials said.")
    assert (document.published, document.published_basis) == (None, "unknown")


@pytest.mark.parametrize("basis", ["given", "metadata"])
def test_published_given_or_from_metadata_wins_over_inference(basis: str) -> None:
    article = Article(
        text=f"{CAPTION}\nKYIV (AP) — The army said Sunday it had retaken the village.",
        published=date(2020, 11, 9),
        published_basis=basis,  # type: ignore[arg-type]
    )
    document = clean(article)
    assert (document.published, document.published_basis) == (date(2020, 11, 9), basis)
