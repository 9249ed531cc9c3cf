"""Date: the day an event happened."""

from __future__ import annotations

import re
from datetime import date, timedelta

from sitrep.clean.published import story_day
from sitrep.extract.events.mentions import Mention
from sitrep.extract.events.rules import acled_act
from sitrep.extract.events.spans import ByStart, paragraph_at
from sitrep.records import (
    Annotated,
    DateMention,
    Sentence,
    Span,
)


def event_date(
    annotated: Annotated, mention: Mention, dates: ByStart[DateMention]
) -> tuple[date | None, str | None]:
    """The day of a mention's act: the most precise date it names; else its caption's date;
    else the last day named earlier in its paragraph; else the publication date. ``dates``:
    the story's dates that have a value."""
    sentence = mention.sentence
    before = _day_before_told(mention, dates)
    if before is not None:
        return before, "day"
    inside = [
        d
        for d in dates.within(sentence.start, sentence.end)
        if mention.covers(d.start) and d.precision != "duration"
    ]
    text = annotated.document.article.text
    published = annotated.document.published
    if published is not None:  # a day still to come is a plan's ("will meet unions on Tuesday")
        inside = [d for d in inside if d.value is None or d.value <= published]
    inside = [
        d
        for d in inside
        if not _SINCE.search(text, max(0, d.start - 70), d.start)
        and not _EARLIER_CLAUSE.search(text, max(0, d.start - 70), d.start)
    ] or inside
    own = [d for d in inside if not is_report_day(text, d)]
    if inside and not own:  # "…, residents said Monday": the lead's act may be told later
        later = _day_after_lead(annotated, sentence, dates)
        if later is not None and all(d.value is None or later <= d.value for d in inside):
            return later, "day"
    inside = _within_named_month(own or inside, text)
    year = next((d for d in inside if _past_year_of_act(text, d, published)), None)
    if year is not None:  # "sentenced on Thursday for the 2019 bombing": the bombing's year
        return year.value, "year"
    if inside:
        best = min(
            inside, key=lambda d: ("day", "week", "month", "range", "year").index(d.precision)
        )
        precision = "day" if best.precision == "range" else best.precision
        if best.precision == "week" and best.value is not None:
            # "occupied the town earlier this week", told in detail next: "the fighting, which
            # began … on Monday"
            named = _named_act_day(text, dates, best.value) or _day_after_lead_in_week(
                annotated, sentence, dates, best.value
            )
            if named is not None:
                return named, "day"
            return _within_week(best.value, best.text, annotated.document.published), precision
        return best.value, precision
    if sentence.segment == "caption":
        for caption in annotated.document.captions:
            if caption.spans[0].start <= sentence.start < caption.spans[0].end and caption.date:
                return caption.date, "day"
    told = _day_told_before(mention, dates)
    if told is not None:
        return told, "day"
    earlier = _paragraph_day(annotated, sentence, dates) or _day_after_lead(
        annotated, sentence, dates
    )
    if earlier is not None:
        return earlier, "day"
    filed = story_day(annotated.document)
    return filed, "day" if filed else None


def _past_year_of_act(text: str, year: DateMention, published: date | None) -> bool:
    """Whether a year before the story's stands before the act it dates ("the 2019 Jolo
    cathedral bombing")."""
    if year.precision != "year" or year.value is None:
        return False
    if published is not None and year.value.year >= published.year:
        return False
    words = _NEXT_WORDS.match(text, year.end)
    return words is not None and (
        acled_act(words.group(0)) is not None or _ACT_NOUN.search(words.group(0)) is not None
    )


_NEXT_WORDS = re.compile(r"(?:\s+[\w'’-]+){1,4}")
_ACT_NOUN = re.compile(
    r"\b(?:bombings?|attacks?|massacres?|shelling|(?:air)?strikes?|ambush(?:es)?|raids?|"
    r"killings?|assassination|clashes|offensive|invasion|siege|coup|uprising|protests?|riots?|"
    r"abduction|kidnapping|shooting|explosion|blast)\b",
    re.IGNORECASE,
)


# A time that points back to a day the story has named: "stormed the school that morning"
# after "killed there on December 16, 2014" ("on the first night" of a siege told before;
# "Hours later, a truck packed with explosives blew up" after "On August 21, a drone…");
# "the next morning" is the day after it.
_THAT_DAY = re.compile(
    r"\b(?:(?P<same>that|the same|the first|later that) (?:morning|day|night|evening|afternoon)|"
    r"(?P<soon>hours|minutes|moments) later|"
    r"the (?:next|following) (?P<next>morning|day|night|evening))\b",
    re.IGNORECASE,
)


# A sentence that opens on the day before the act just told: "A day earlier, commanders of the
# council announced…" after "troops took over the town on Tuesday" is Monday, not the day
# before publication.
_DAY_BEFORE_OPENING = re.compile(
    r"\s*(?:a|one) day (?:earlier|before)\b|\s*the (?:day before|previous day|preceding day)\b",
    re.IGNORECASE,
)


def _day_before_told(mention: Mention, dates: ByStart[DateMention]) -> date | None:
    """The day before the last day the story named, for a sentence that opens on it and names
    no day of its own ("A day earlier, on Thursday, …" is Thursday)."""
    opening = _DAY_BEFORE_OPENING.match(mention.text)
    if opening is None:
        return None
    sentence = mention.sentence
    if any(
        d.start >= sentence.start + opening.end() and d.precision == "day"
        for d in dates.within(sentence.start, sentence.end)
    ):
        return None
    last = _last_day_before(mention, dates)
    return last - timedelta(days=1) if last else None


def _day_told_before(mention: Mention, dates: ByStart[DateMention]) -> date | None:
    """The day a mention's "that morning" or "the next morning" points back to: the last day
    the story names before its sentence (the day after it for "the next")."""
    anaphor = _THAT_DAY.search(mention.text)
    if anaphor is None:
        return None
    last = _last_day_before(mention, dates)
    return last + timedelta(days=1 if anaphor["next"] else 0) if last else None


def _last_day_before(mention: Mention, dates: ByStart[DateMention]) -> date | None:
    """The last day the story names before the mention's sentence."""
    days = [
        d.value
        for d in dates.within(0, mention.sentence.start)
        if d.precision == "day" and d.value is not None
    ]
    return days[-1] if days else None


def _within_named_month(inside: list[DateMention], text: str) -> list[DateMention]:
    """The dates of a sentence less a weekday's rite that falls outside the month it names: "In
    March, gunmen killed 44 worshippers during Friday prayers" was a Friday in March, not the
    last one before publication ("held by the RSF since October" names no month of the act)."""
    months = {
        (d.value.year, d.value.month)
        for d in inside
        if d.precision == "month"
        and d.value
        and not _SINCE_MONTH.search(text, max(0, d.start - 10), d.start)
    }
    if not months:
        return inside
    return [
        d
        for d in inside
        if d.precision != "day"
        or d.value is None
        or (d.value.year, d.value.month) in months
        or not _OF_A_WEEKDAY.match(text, d.end)
    ]


# A weekday that names a rite or a market, not a day: "during Friday prayers", "the Sunday
# service".
_OF_A_WEEKDAY = re.compile(r"\s+(?:prayers?|services?|mass|sermons?|markets?|worship)\b")


_SINCE_MONTH = re.compile(r"\b(?:since|until|till|from)\s+\Z", re.IGNORECASE)


def _within_week(monday: date, text: str, published: date | None) -> date:
    """The day an act of the week that starts on ``monday`` stands at: the weekend's Saturday
    ("last weekend"); the week's Monday for the week still running ("earlier this week", as
    all five dev stories that tell one code it); else the week's Wednesday (its middle, as
    coders date "last week"); never after publication. On the wire stories' dev split, two
    acts "last week" moved to within a day of their coded date."""
    words = text.lower()
    offset = 5 if "weekend" in words else 0 if "this week" in words else 2
    day = monday + timedelta(days=offset)
    return min(day, published) if published is not None else day


# A day that names an act ("the April 5 strike", "Saturday's attack").
_ACT_AFTER_DAY = re.compile(
    r"(?:'s|’s)?\s+(?:\w+\s+)?(?:air ?strikes?|strikes?|attacks?|bombings?|raids?|assaults?|"
    r"ambush|shelling|blasts?|explosions?|clash(?:es)?|fighting|massacre|killings?)\b",
    re.IGNORECASE,
)


def _named_act_day(text: str, dates: ByStart[DateMention], monday: date) -> date | None:
    """The day in the week that starts on ``monday`` that the story gives an act elsewhere
    ("an airstrike last week killed six of its fighters… the fighters were 'martyred' in the
    April 5 strike"), if it names one."""
    sunday = monday + timedelta(days=6)
    return next(
        (
            d.value
            for d in dates
            if d.precision == "day"
            and d.value is not None
            and monday <= d.value <= sunday
            and _ACT_AFTER_DAY.match(text, d.end)
        ),
        None,
    )


# The day a report was made, where its sentence also names the act's own: "Al-Shabab
# acknowledged Wednesday that an airstrike last week killed six of its fighters".
# A day a "since" phrase names is where a comparison starts, not the act's ("said on Sunday
# its forces had captured the village, the latest gain since the fall of Avdiivka last
# month"), unless the sentence names no other ("pressure since Ukraine's army withdrew from
# the town in February" is dated by the withdrawal it recalls; "controlled the base since
# April 7" names its act's day).
_SINCE = re.compile(r"\bsince\s+(?:the|an?|its|their|his|her)\s[^,;.]{0,60}\Z", re.IGNORECASE)
# A clause about what had happened before the act ("retaken two outposts that jihadists had
# overrun last week"): its day is not the act's.
_EARLIER_CLAUSE = re.compile(
    r"(?<!said )(?<!says )(?<!told )(?<!added )(?<!claimed )(?<!announced )(?<!reported )"
    r"\b(?:that|which|who|where)\s+(?:[\w'’-]+\s+){0,4}?had\s+"
    r"(?!on\b|in\b|at\b|by\b|late\b|early\b)(?:been\s+)?\w+(?:\s+[\w'’-]+){0,3}\s*\Z",
    re.IGNORECASE,
)


def is_report_day(text: str, day: DateMention) -> bool:
    """Whether ``day`` is the day something was said ("said on Friday it had seized", "on Monday
    claimed responsibility"), not the day of the act said."""
    return (
        _REPORT_DAY.search(text, max(0, day.start - 40), day.start) is not None
        or _REPORT_VERB_AFTER.match(text, day.end) is not None
    )


# "The Islamic State group on Monday claimed responsibility for a roadside bombing … over the
# weekend": the day before its verb of saying.
_REPORT_VERB_AFTER = re.compile(
    r"\s+(?:claimed|said|announced|denied|acknowledged|confirmed|reported|told)\b"
)


_REPORT_DAY = re.compile(
    r"\b(?:(?:said|says|told|acknowledged|admitted|confirmed|denied|announced|reported|claimed|"
    r"stated|added|insisted|rejected|dismissed)(?:\s+in\s+an?\s+(?:\w+\s+)?statement)?|"
    # "told AFP on Tuesday", "told the BBC on Monday", "told reporters late Friday"
    r"told (?:the )?[\w'’-]+|"
    # "accused Russian forces on Thursday of dropping grenades"
    r"(?:accused|blamed) (?:[\w'’-]+\s+){1,3}?|"
    # "In a statement issued late on Monday", "a statement read on state television on Friday"
    r"statement\s+(?:issued|released|read|posted|published|broadcast)(?:\s+on\s+[\w-]+\s+[\w-]+)?"
    r")\s*(?:on\s+|late\s+(?:on\s+)?|early\s+(?:on\s+)?)?\Z",
    re.IGNORECASE,
)


def _paragraph_day(
    annotated: Annotated, sentence: Sentence, dates: ByStart[DateMention]
) -> date | None:
    """The last day named earlier in the sentence's paragraph ("Gunmen attacked the village on
    Sunday. They burned 40 houses." dates both sentences to Sunday), else in the story's lead
    paragraph: a wire story's later paragraphs go on about the day its lead names."""
    found = paragraph_at(annotated, sentence.start)
    if found is None:
        return None
    index, paragraph = found
    before = [d for d in dates.within(paragraph.start, sentence.start) if d.precision == "day"]
    if before:
        return before[-1].value
    lead = lead_paragraph(annotated)
    if lead is None or index == 0 or lead.start >= paragraph.start:
        return None
    named = [d for d in dates.within(lead.start, lead.end) if d.precision == "day"]
    return named[0].value if named else None


# How far back the paragraph after a lead may date the lead's act.
_LEAD_DAYS_BACK = 7


def _day_after_lead(
    annotated: Annotated, sentence: Sentence, dates: ByStart[DateMention]
) -> date | None:
    """For a headline or lead that names no day ("Bandits have abducted at least 31 persons
    in an overnight raid"), the first day of the act the next paragraph names ("stormed the
    village at about 11pm on Tuesday"): it tells the lead's act in detail. Never a day a thing
    was said, a day to come or one more than a week before publication."""
    lead = lead_paragraph(annotated)
    published = annotated.document.published
    if lead is None or published is None or sentence.start >= lead.end:
        return None
    found = paragraph_at(annotated, lead.start)
    body = annotated.document.body
    if found is None or found[0] + 1 >= len(body):
        return None
    following = body[found[0] + 1]
    text = annotated.document.article.text
    return next(
        (
            d.value
            for d in dates.within(following.start, following.end)
            if d.precision == "day"
            and d.value is not None
            and 0 <= (published - d.value).days <= _LEAD_DAYS_BACK
            and not is_report_day(text, d)
        ),
        None,
    )


def _day_after_lead_in_week(
    annotated: Annotated, sentence: Sentence, dates: ByStart[DateMention], monday: date
) -> date | None:
    """The day the paragraph after the lead names (``_day_after_lead``), where it falls in the
    week the lead's act is dated by."""
    later = _day_after_lead(annotated, sentence, dates)
    return later if later is not None and 0 <= (later - monday).days < 7 else None


def lead_paragraph(annotated: Annotated) -> Span | None:
    """The story's lead: the paragraph the dateline opens, else the first paragraph that ends
    as a sentence does."""
    document = annotated.document
    text = document.article.text
    for paragraph in document.body:
        if document.dateline is not None and paragraph.end <= document.dateline.start:
            continue
        if text[paragraph.start : paragraph.end].rstrip().endswith((".", "”", '"')):
            return paragraph
    return None
