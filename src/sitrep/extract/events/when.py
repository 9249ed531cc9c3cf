"""Date: the day an event happened."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sitrep.extract.events.mentions import Mention
from sitrep.records import (
    Annotated,
    DateMention,
    Sentence,
)


def event_date(
    annotated: Annotated, mention: Mention, dates: Sequence[DateMention]
) -> tuple[date | None, str | None]:
    """The day of a mention's act: the most precise date it names; else its caption's date;
    else the last day named earlier in its paragraph; else the publication date."""
    sentence = mention.sentence
    inside = [d for d in dates if mention.covers(d.start) and d.value and d.precision != "duration"]
    if inside:
        best = min(
            inside, key=lambda d: ("day", "week", "month", "range", "year").index(d.precision)
        )
        precision = "day" if best.precision == "range" else best.precision
        return best.value, precision
    if sentence.segment == "caption":
        for caption in annotated.document.captions:
            if caption.spans[0].start <= sentence.start < caption.spans[0].end and caption.date:
                return caption.date, "day"
    earlier = _paragraph_day(annotated, sentence, dates)
    if earlier is not None:
        return earlier, "day"
    published = annotated.document.published
    return published, "day" if published else None


def _paragraph_day(
    annotated: Annotated, sentence: Sentence, dates: Sequence[DateMention]
) -> date | None:
    """The last day named earlier in the sentence's paragraph: "Gunmen attacked the village on
    Sunday. They burned 40 houses." dates both sentences to Sunday."""
    for paragraph in annotated.document.body:
        if paragraph.start <= sentence.start < paragraph.end:
            before = [
                d
                for d in dates
                if paragraph.start <= d.start < sentence.start and d.value and d.precision == "day"
            ]
            return before[-1].value if before else None
    return None
