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
