from __future__ import annotations

from datetime import date

from sitrep import Article, process

STORY = (
    "Rescuers search the rubble in Odesa, Ukraine, Saturday, May 6, 2023. A strike there on "
    "Friday killed two. (AP Photo/Ann Berg)\n"
    "ODESA, Ukraine (AP) — A missile strike killed two workers, officials said Sunday.\n"
)


def test_dates_in_captions_resolve_against_the_caption_date() -> None:
    record = process(Article(text=STORY))
    assert record.document.published == date(2023, 5, 7)
    by_text = {(m.text, m.segment): m.value for m in record.dates}
    assert by_text[("Friday", "caption")] == date(2023, 5, 5)
    assert by_text[("Sunday", "body")] == date(2023, 5, 7)


def test_dates_are_in_the_json_record() -> None:
    data = process(Article(text=STORY)).to_dict()
    sunday = next(d for d in data["dates"] if d["text"] == "Sunday")
    assert sunday["value"] == "2023-05-07" and sunday["precision"] == "day"
    assert STORY[sunday["start"] : sunday["end"]] == "Sunday"


def test_dates_count_from_the_day_the_dateline_says_the_story_was_filed() -> None:
    story = (
        "Sopore, Nov 10: Two policemen were injured this evening when militants hurled a grenade "
        "at a bunker. Police said a vehicle was set on fire yesterday.\n"
    )
    record = process(Article(text=story, published=date(2026, 11, 11), published_basis="given"))
    by_text = {m.text: m.value for m in record.dates}
    assert by_text["this evening"] == date(2026, 11, 10)
    assert by_text["yesterday"] == date(2026, 11, 9)
    [grenade] = [e for e in record.events if e.subtype == "Grenade"]
    assert grenade.date == date(2026, 11, 10)


def test_dates_a_dateline_s_day_long_before_publication_leaves_the_publication_date() -> None:
    story = "Sopore, Nov 10: Two policemen were injured yesterday in a grenade attack.\n"
    record = process(Article(text=story, published=date(2026, 11, 30), published_basis="given"))
    assert {m.text: m.value for m in record.dates}["yesterday"] == date(2026, 11, 29)
