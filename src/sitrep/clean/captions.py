"""Photo captions: recognised by their credit line or, lacking one, by their form.

A wire caption reads "<people> <present tense verb> … in <Place>, <Country>, <Weekday>,
<Month> <d>, <yyyy>. <context>. (AP Photo/Name)". The credit forms live in
``sitrep/data/credits.toml``; the form cues below score a paragraph that has no credit.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from sitrep.clean.calendar import MONTH, FullDate
from sitrep.clean.dateline import parse_dateline
from sitrep.clean.paragraphs import is_near_duplicate, normalised, word_set
from sitrep.records import Caption, Span

# Words that must appear near a caption's end for any credit pattern to be tried (a fast
# filter: most paragraphs have none of them).
_CREDIT_HINTS = ("AP", "AFP", "Getty", "REUTERS", "EPA", "Photo", "Picture", "Image", "Photograph")
_TAIL_CHARS = 160
# Where a dateline may start inside a paragraph, after a caption's credit: "…(AP Photo) MOSCOW".
_MID_DATELINE = re.compile(r"(?<=[).A-Za-z])[ \t.]+(?=[A-Z][A-Z'’.\-]+[A-Z.][ ,(]|\()")

# A caption's own full date at the end of its first sentence: ", Saturday, Nov. 7, 2020."
_TRAILING_DATE = re.compile(
    rf"(?P<lead>,|\b(?:on|since|until|by|before|after|from|in|of)\b|[A-Z][\w'’-]*)\s+"
    rf"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    rf"(?:{MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{MONTH},?\s+\d{{4}})\.(?=\s|$)"
)
_YEAR_ENDS_SENTENCE = re.compile(r"\d{4}\.(?:\s|$)")
_TRAILING_DATE_CHARS = 60
_FILE_PHOTO = re.compile(
    r"^(?:FILE\s*(?:PHOTO)?\s*[-—–:]|FILE PHOTO\b|File photo\b|In this (?:file |undated |handout )?"
    r"(?:photo|image|picture|handout)|This (?:handout )?(?:photo|image|picture|video grab) "
    r"(?:provided|released|taken|made|obtained|distributed)|An? (?:handout|still) image)"
)
_SEEN = re.compile(r"\b(?:is|are) (?:seen|pictured|shown|photographed|silhouetted|reflected)\b")
_CAPTION_VERBS = re.compile(
    r"\b(?:stands?|walks?|sits?|gathers?|carr(?:y|ies)|looks?|holds?|waits?|rides?|inspects?|"
    r"mourns?|weeps?|prays?|attends?|flees?|works?|reacts?|passes|march(?:es)?|search(?:es)?|"
    r"clears?|chants?|waves?|cross(?:es)?|rests?|queues?|patrols?|burns?|rises?|lies|lie|"
    r"pushes|push|collects?|removes?|helps?|hugs?|embraces?|cries|cry|tends?|guards?)\b"
)
_ATTRIBUTION = re.compile(r"\b(?:said|says|told|according to|reported)\b")
_QUOTE_MARKS = ('"', "“", "”")
# Score at or above which a credit-less paragraph is a caption (see ``caption_form_score``).
CAPTION_FORM_THRESHOLD = 3
_MAX_CAPTION_WORDS = 90


@dataclass(frozen=True, slots=True)
class CreditLine:
    """A photo credit as found: its text, the outlet it names, and its span."""

    credit: str
    outlet: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _CreditForm:
    outlet: str | None
    at_end: re.Pattern[str]
    anywhere: re.Pattern[str]


@cache
def _credit_forms() -> tuple[_CreditForm, ...]:
    data = resources.files("sitrep.data").joinpath("credits.toml").read_bytes()
    forms = []
    for entry in tomllib.loads(data.decode("utf-8"))["credit"]:
        pattern = entry["pattern"]
        forms.append(
            _CreditForm(
                outlet=entry["outlet"] or None,
                at_end=re.compile(rf"(?:{pattern})[\s.]*\Z"),
                anywhere=re.compile(pattern),
            )
        )
    return tuple(forms)


def credit_at_end(text: str, span: Span) -> CreditLine | None:
    """The photo credit that ends the paragraph ``span``, if any."""
    tail_start = max(span.start, span.end - _TAIL_CHARS)
    tail = text[tail_start : span.end]
    if not any(hint in tail for hint in _CREDIT_HINTS):
        return None
    for form in _credit_forms():
        match = form.at_end.search(tail)
        if match:
            return CreditLine(
                match.group("credit").strip(),
                form.outlet,
                tail_start + match.start(),
                span.end,
            )
    return None


def credit_before_dateline(text: str, span: Span) -> CreditLine | None:
    """A credit followed, in the same paragraph, by a dateline: a caption a scraper glued on."""
    paragraph = span.slice(text)
    if not any(hint in paragraph for hint in _CREDIT_HINTS):
        return None
    for candidate in _MID_DATELINE.finditer(text, span.start, span.end):
        dateline_start = candidate.end()
        if parse_dateline(text, dateline_start, span.end) is None:
            continue
        caption_end = dateline_start
        while caption_end > span.start and text[caption_end - 1] in " .\t":
            caption_end -= 1
        credit = credit_at_end(text, Span(span.start, caption_end))
        if credit:
            return credit
    return None


def caption_form_score(paragraph: str) -> int:
    """How much a credit-less paragraph reads like a caption; captions score 3 or more.

    +3 a "FILE -" / "In this photo" opening; +3 a trailing ", <Place>, <Weekday>, <date>."
    (+2 when the place runs straight into the date); +2 "is seen" / "are seen";
    +1 a present-tense scene verb; -1 each for an attribution verb and for quotation marks.
    """
    if len(paragraph.split()) > _MAX_CAPTION_WORDS or parse_dateline(paragraph, 0, len(paragraph)):
        return 0
    score = 0
    if _FILE_PHOTO.match(paragraph):
        score += 3
    year_end = _YEAR_ENDS_SENTENCE.search(paragraph)
    trailing = year_end and _TRAILING_DATE.search(
        paragraph, max(0, year_end.start() - _TRAILING_DATE_CHARS), year_end.end()
    )
    if trailing:
        lead = trailing.group("lead")
        if lead == ",":
            score += 3
        elif lead[0].isupper():
            score += 2
    if _SEEN.search(paragraph):
        score += 2
    if _CAPTION_VERBS.search(paragraph, 0, 120):
        score += 1
    if _ATTRIBUTION.search(paragraph):
        score -= 1
    if any(mark in paragraph for mark in _QUOTE_MARKS):
        score -= 1
    return score


@dataclass(frozen=True, slots=True)
class CaptionInstance:
    """One occurrence of a caption: its whole span and where its credit line starts."""

    span: Span
    credit: CreditLine | None


def group_captions(
    text: str, instances: Sequence[CaptionInstance], full_dates: Sequence[FullDate]
) -> tuple[Caption, ...]:
    """Deduplicate caption occurrences: same text (or the same text edited), credit and date.

    A caption's date is the first full date in it that agrees with its weekday (``full_dates``
    are those of the whole text).
    """
    groups: list[tuple[str, frozenset[str], Caption]] = []
    for instance in instances:
        caption_end = instance.credit.start if instance.credit else instance.span.end
        caption_text = text[instance.span.start : caption_end].strip()
        credit = instance.credit.credit if instance.credit else None
        key = normalised(caption_text)
        exact = next((caption for k, _, caption in groups if k == key), None)
        caption_date = exact.date if exact else _first_date_in(instance.span, full_dates)
        words = word_set(key)
        for index, (group_key, group_words, caption) in enumerate(groups):
            same_photo = caption.credit == credit and caption.date == caption_date
            if same_photo and (key == group_key or is_near_duplicate(words, (group_words,))):
                spans = (*caption.spans, instance.span)
                groups[index] = (group_key, group_words, Caption(caption.text, credit, caption_date, spans))
                break
        else:
            first = Caption(caption_text, credit, caption_date, (instance.span,))
            groups.append((key, words, first))
    return tuple(caption for _, _, caption in groups)


def _first_date_in(span: Span, full_dates: Sequence[FullDate]) -> date | None:
    return next(
        (
            found.value
            for found in full_dates
            if span.start <= found.start < span.end and found.weekday_agrees
        ),
        None,
    )
