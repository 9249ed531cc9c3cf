"""Article to Document: story paragraphs apart from captions, repeats dropped, the dateline,
the outlet and the publication date."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from datetime import date

from sitrep.clean.calendar import (
    FullDate,
    find_bare_weekdays,
    find_full_dates,
)
from sitrep.clean.captions import (
    CAPTION_FORM_THRESHOLD,
    CaptionInstance,
    caption_form_score,
    credit_at_end,
    credit_before_story,
    group_captions,
)
from sitrep.clean.dateline import parse_byline, parse_dateline
from sitrep.clean.paragraphs import (
    has_blank_lines,
    normalised,
    split_paragraphs,
    unique_paragraphs,
)
from sitrep.clean.published import infer_published
from sitrep.records import Article, Dateline, Document, PublishedBasis, Span

# A dateline opens one of the first story paragraphs (a scraped page may put an outlet's name,
# a headline and a byline before it).
_DATELINE_SEARCH_PARAGRAPHS = 4


def clean(article: Article) -> Document:
    """Separate the story from its captions and read the dateline and publication date."""
    text = article.text
    instances, body = _separate_captions(text, split_paragraphs(text), article.caption_texts)
    body, repeated = unique_paragraphs(text, body)
    full_dates = [found for found in find_full_dates(text) if found.weekday_agrees]
    captions = group_captions(text, instances, full_dates)
    dateline = _find_dateline(text, body)
    published, basis = _published(article, body, dateline, full_dates)
    return Document(
        article=article,
        body=tuple(body),
        captions=captions,
        dateline=dateline,
        published=published,
        published_basis=basis,
        outlet=_outlet(article, dateline, instances),
        repeated=tuple(repeated),
    )


def _separate_captions(
    text: str, paragraphs: Sequence[Span], caption_texts: Sequence[str]
) -> tuple[list[CaptionInstance], list[Span]]:
    marked = {normalised(caption) for caption in caption_texts}
    blocks = has_blank_lines(text)
    captions: list[CaptionInstance] = []
    body: list[Span] = []
    for span in paragraphs:
        credit = credit_at_end(text, span)
        if credit:
            if blocks and body and _same_block(text, body[-1], span):
                span = Span(body.pop().start, span.end)  # "…in Tripoli.\nPicture taken… REUTERS/X"
            captions.append(CaptionInstance(span, credit))
            continue
        glued = credit_before_story(text, span)
        if glued:
            captions.append(CaptionInstance(Span(span.start, glued.end), glued))
            body.append(Span(_skip_separator(text, glued.end, span.end), span.end))
            continue
        paragraph = span.slice(text)
        if (marked and normalised(paragraph) in marked) or (
            caption_form_score(paragraph) >= CAPTION_FORM_THRESHOLD
        ):
            captions.append(CaptionInstance(span, None))
        else:
            body.append(span)
    return captions, body


def _same_block(text: str, before: Span, after: Span) -> bool:
    """Whether two paragraphs are lines of one block (no blank line between them)."""
    return text.count("\n", before.end, after.start) == 1


def _skip_separator(text: str, start: int, end: int) -> int:
    while start < end and text[start] in " .\t":
        start += 1
    return start


def _find_dateline(text: str, body: Sequence[Span]) -> Dateline | None:
    """The dateline of one of the first paragraphs, else the place of a byline there."""
    first = body[:_DATELINE_SEARCH_PARAGRAPHS]
    for parse in (parse_dateline, parse_byline):
        dateline = next(
            (found for span in first if (found := parse(text, span.start, span.end))), None
        )
        if dateline:
            return dateline
    return None


def _published(
    article: Article, body: Sequence[Span], dateline: Dateline | None, full_dates: list[FullDate]
) -> tuple[date | None, PublishedBasis]:
    if article.published:
        return article.published, article.published_basis
    text = article.text
    starts = [span.start for span in body]
    weekdays = [
        mention for mention in find_bare_weekdays(text) if _inside(mention.start, body, starts)
    ]
    inferred = infer_published(
        (found.value for found in full_dates), weekdays, dateline.date_text if dateline else None
    )
    return (inferred, "inferred") if inferred else (None, "unknown")


def _inside(position: int, spans: Sequence[Span], starts: list[int]) -> bool:
    """Whether ``position`` is inside one of ``spans`` (in text order, starting at ``starts``)."""
    index = bisect_right(starts, position) - 1
    return index >= 0 and position < spans[index].end


def _outlet(
    article: Article, dateline: Dateline | None, captions: Sequence[CaptionInstance]
) -> str | None:
    """The story's outlet: its dateline's, else the page's, else the one most photos credit."""
    if dateline and dateline.outlet:
        return dateline.outlet
    if article.source.outlet:
        return article.source.outlet
    credited = Counter(c.credit.outlet for c in captions if c.credit and c.credit.outlet)
    return credited.most_common(1)[0][0] if credited else None
