"""Photo captions: recognised by their credit line or, lacking one, by their form.

A wire caption reads "<people> <present tense verb> … in <Place>, <Country>, <Weekday>,
<Month> <d>, <yyyy>. <context>. (AP Photo/Name)". The credit forms live in
``sitrep/data/credits.toml``; the form cues below score a paragraph that has no credit.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from sitrep import datafiles
from sitrep.clean.calendar import MONTH, FullDate
from sitrep.clean.dateline import parse_dateline
from sitrep.clean.paragraphs import NearDuplicateIndex, normalised, word_set
from sitrep.records import Caption, Span

_TAIL_CHARS = 160
# The longest credit without parentheses ("Ukrainian Presidential Press Service/via REUTERS").
_LONGEST_BARE_CREDIT = 90
# Where a story may start inside a paragraph, after a caption's credit: any sentence after a
# bracketed credit ("…(AP Photo) Hundreds fled"), a dateline after a bare one ("…REUTERS/Name
# KYIV, Ukraine (Reuters) -").
_GLUE_POINT = re.compile(
    r"(?<=\))[ \t.]+(?=[A-Z(“\"])|(?<=[.A-Za-z])[ \t.]+(?=[A-Z][A-Z'’.\-/]+[A-Z.][ ,(]|\()"
)

# A caption's own full date at the end of its first sentence: ", Saturday, Nov. 7, 2020."
_TRAILING_DATE = re.compile(
    rf"(?P<lead>,|\b(?:on|since|until|by|before|after|from|in|of)\b|[A-Z][\w'’-]*)\s+"
    rf"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    rf"(?:{MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{MONTH},?\s+\d{{4}})\.(?=\s|$)"
)
_TRAILING_DATE_CHARS = 60
_FILE_PHOTO = re.compile(
    r"^(?:FILE\s*(?:PHOTO)?\s*[-—–:]|FILE PHOTO\b|File photo\b|"
    r"(?:(?:Photo|PHOTO) )?(?:Photo|PHOTO|Picture|Caption|caption|CAPTION)\s*:|"
    r"In this (?:file |undated |handout )?"
    r"(?:photo|image|picture|handout)|This (?:handout )?(?:photo|image|picture|video grab) "
    r"(?:provided|released|taken|made|obtained|distributed)|An? (?:handout|still) image)"
)
_SEEN_WORDS = (" seen", " pictured", " shown", " photographed", " silhouetted", " reflected")
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
_SEEN_SCORE = 2
_VERB_SCORE = 1
# Captions run to two or three sentences; a longer paragraph is story.
_MAX_CAPTION_CHARS = 600


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
    hints: tuple[str, ...]
    at_end: re.Pattern[str]


@cache
def _credit_forms() -> tuple[_CreditForm, ...]:
    return tuple(
        _CreditForm(
            outlet=entry["outlet"] or None,
            hints=tuple(entry["hints"]),
            at_end=re.compile(rf"(?:{entry['pattern']})[\s.]*\Z"),
        )
        for entry in datafiles.load("credits.toml")["credit"]
    )


@cache
def _any_credit_hint() -> re.Pattern[str]:
    hints = {hint for form in _credit_forms() for hint in form.hints}
    return re.compile("|".join(re.escape(hint) for hint in sorted(hints)))


def _may_end_with_credit(tail: str) -> bool:
    """Credits end in ")" or a capitalised name; a story paragraph mostly ends "…, he said."."""
    last_word = tail.rstrip(" .\t\n").rpartition(" ")[2]
    return bool(last_word) and (last_word.endswith(")") or last_word[0].isupper())


def credit_at_end(text: str, span: Span) -> CreditLine | None:
    """The photo credit that ends the paragraph ``span``, if any."""
    tail_start = max(span.start, span.end - _TAIL_CHARS)
    tail = text[tail_start : span.end]
    if not _may_end_with_credit(tail):
        return None
    # A credit is short: match only where it can start. A bracketed credit starts at the last
    # "(", a bare one within the last _LONGEST_BARE_CREDIT characters.
    bracketed = tail.rstrip(" .").endswith(")")
    start = max(0, tail.rfind("(")) if bracketed else max(0, len(tail) - _LONGEST_BARE_CREDIT)
    for form in _credit_forms():
        if not any(hint in tail for hint in form.hints):
            continue
        match = form.at_end.match(tail, start) if bracketed else form.at_end.search(tail, start)
        if match:
            return CreditLine(
                match.group("credit").strip(), form.outlet, tail_start + match.start(), span.end
            )
    return None


def credit_before_story(text: str, span: Span) -> CreditLine | None:
    """A caption a scraper glued onto a story paragraph: its credit, then the story's next
    sentence in the same paragraph. A bracketed credit may be followed by any sentence
    ("…(AP Photo) Hundreds fled…"); a bare one ("REUTERS/Name") only by a dateline, since
    where its name ends is otherwise unknowable."""
    if not _any_credit_hint().search(text, span.start, span.end):
        return None
    for candidate in _GLUE_POINT.finditer(text, span.start, span.end):
        story_start = candidate.end()
        caption_end = candidate.start()
        bracketed = text[caption_end - 1] == ")"
        if not bracketed and parse_dateline(text, story_start, span.end) is None:
            continue
        credit = credit_at_end(text, Span(span.start, caption_end))
        if credit and (not bracketed or text[credit.start] == "("):
            return credit
    return None


def caption_form_score(paragraph: str) -> int:
    """How much a credit-less paragraph reads like a caption; captions score 3 or more.

    +3 a "FILE -" / "Photo:" / "In this photo" opening; +3 a trailing ", <Place>, <Weekday>,
    <date>." (+2 when the place runs straight into the date); +2 "is seen" / "are seen";
    +1 a present-tense scene verb; -1 each for an attribution verb and for quotation marks.
    A paragraph that opens with a dateline, or is longer than captions run, scores 0.
    """
    if len(paragraph) > _MAX_CAPTION_CHARS:
        return 0
    score = 3 if _FILE_PHOTO.match(paragraph) else 0
    score += _trailing_date_score(paragraph)
    if any(word in paragraph for word in _SEEN_WORDS) and _SEEN.search(paragraph):
        score += _SEEN_SCORE
    if score + _VERB_SCORE < CAPTION_FORM_THRESHOLD:
        return score  # cannot reach the threshold: skip the costlier cues
    if _CAPTION_VERBS.search(paragraph, 0, 120):
        score += _VERB_SCORE
    if _ATTRIBUTION.search(paragraph):
        score -= 1
    if any(mark in paragraph for mark in _QUOTE_MARKS):
        score -= 1
    if score >= CAPTION_FORM_THRESHOLD and parse_dateline(paragraph, 0, len(paragraph)):
        return 0
    return score


def _sentence_ending_year(paragraph: str) -> int:
    """Where a sentence ends on four digits ("…, 2020."), or -1 (str.find beats a regex scan)."""
    dot = paragraph.find(".")
    while dot != -1:
        if dot >= 4 and paragraph[dot - 4 : dot].isdigit():
            return dot
        dot = paragraph.find(".", dot + 1)
    return -1


def _trailing_date_score(paragraph: str) -> int:
    year_end = _sentence_ending_year(paragraph)
    if year_end < 0:
        return 0
    trailing = _TRAILING_DATE.search(
        paragraph, max(0, year_end - _TRAILING_DATE_CHARS), year_end + 2
    )
    if trailing is None:
        return 0
    lead = trailing.group("lead")
    if lead == ",":
        return 3
    return 2 if lead[0].isupper() else 0


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
    are those of the whole text, in text order).
    """
    starts = [found.start for found in full_dates]
    keyed = [(instance, _caption_text(text, instance)) for instance in instances]
    earlier = NearDuplicateIndex(word_set(normalised(caption_text)) for _, caption_text in keyed)
    groups: list[Caption] = []
    first_of_text: dict[str, int] = {}  # the first group of each normalised text
    of_photo: dict[tuple[str, str | None, date | None], int] = {}  # by text, credit and date
    for instance, caption_text in keyed:
        credit = instance.credit.credit if instance.credit else None
        key = normalised(caption_text)
        same_text = first_of_text.get(key)
        caption_date = (
            groups[same_text].date
            if same_text is not None
            else _first_date_in(instance.span, full_dates, starts)
        )
        words = word_set(key)
        alike = [
            number
            for number in earlier.near_duplicates(words)
            if groups[number].credit == credit and groups[number].date == caption_date
        ]
        exact = of_photo.get((key, credit, caption_date))
        group = min(alike if exact is None else [*alike, exact], default=None)
        if group is None:
            number = earlier.add(words)
            first_of_text.setdefault(key, number)
            of_photo.setdefault((key, credit, caption_date), number)
            groups.append(Caption(caption_text, credit, caption_date, (instance.span,)))
        else:
            caption = groups[group]
            spans = (*caption.spans, instance.span)
            groups[group] = Caption(caption.text, credit, caption_date, spans)
    return tuple(groups)


def _caption_text(text: str, instance: CaptionInstance) -> str:
    caption_end = instance.credit.start if instance.credit else instance.span.end
    return text[instance.span.start : caption_end].strip()


def _first_date_in(span: Span, full_dates: Sequence[FullDate], starts: list[int]) -> date | None:
    """The first of ``full_dates`` (in text order, starting at ``starts``) inside ``span``
    whose weekday agrees."""
    index = bisect_left(starts, span.start)
    while index < len(full_dates) and full_dates[index].start < span.end:
        if full_dates[index].weekday_agrees:
            return full_dates[index].value
        index += 1
    return None
