"""Merge: one event per act in a story, and what later sentences add to it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from sitrep.extract.events import territory
from sitrep.extract.events.actors import ONE_SIDED, POLICE
from sitrep.extract.events.factuality import ARMED, BORROWED, ORGANISED, recalls_history
from sitrep.extract.events.place import more_specific, own_place
from sitrep.extract.events.rules import TYPE_FAMILY, VIOLENT, plover_of
from sitrep.extract.events.spans import ByStart, paragraph_at, sentence_index_at
from sitrep.extract.events.when import is_report_day
from sitrep.records import (
    ACLED_SUBTYPES,
    Actor,
    Annotated,
    Claim,
    Count,
    DateMention,
    Event,
    PlaceMention,
    Sentence,
    Span,
)
from sitrep.resolve.geometry import haversine_km

# (A crowd that dispersed of itself, "before dispersing" or "dispersed peacefully", met none.)
_INTERVENTION = re.compile(
    r"\b(?:detain|arrest|(?<!before )(?<!then )(?<!and )dispers(?!ed peacefully|ing peacefully)|"
    r"prevent|tear gas|water cannon|rubber bullets|broke up|blocked|removed|beat)",
    re.IGNORECASE,
)


def with_intervention(annotated: Annotated, events: list[Event]) -> list[Event]:
    """A protest whose paragraph goes on to say the police broke it up is a protest with
    intervention, the police its second actor."""
    text = annotated.document.article.text
    refined = []
    for event in events:
        if event.subtype == "Peaceful protest":
            found = paragraph_at(annotated, event.evidence[0].start)
            paragraph = found[1] if found else None
            rest = text[event.evidence[0].end : paragraph.end] if paragraph else ""
            if POLICE.search(rest) and _INTERVENTION.search(rest):
                police = Actor(
                    f"Police Forces of {event.actor1.country}" if event.actor1 else "Police Forces",
                    "police",
                    event.actor1.country if event.actor1 else None,
                )
                event = replace(
                    event,
                    subtype="Protest with intervention",
                    actor2=event.actor2 or police,
                )
        refined.append(event)
    return refined


def fold_recalled(events: list[Event], text: str) -> list[Event]:
    """One event per act, even when the story both recalls it ("after this morning's strike
    on Kharkiv") and reports it ("A missile struck a warehouse in Kharkiv at 9:30"): a
    recalled act of the same type, day and place as a reported one joins the report, and
    gives it the sides and toll it does not tell ("two men killed in an Israeli drone strike a
    day earlier" … "The two were killed on Sunday evening when a drone fired a missile"). A
    running total is no such act ("Cattle raids and child abductions … have killed hundreds
    of people in recent years")."""
    events = list(events)
    totals = {
        index
        for index, event in enumerate(events)
        if event.background
        and recalls_history(" ".join(span.slice(text) for span in event.evidence))
    }
    folded: list[Event] = []
    by_day: dict[tuple[str, date | None], list[int]] = {}  # the folded acts of each type and day
    for position, event in enumerate(events):
        told = next(
            (
                index
                for index in by_day.get((event.type, event.date), [])
                if _same_day_act(folded[index], event)
                and folded[index].background != event.background
            ),
            None,
        )
        if position in totals:
            told = None
        if told is None:
            by_day.setdefault((event.type, event.date), []).append(len(folded))
            folded.append(event)
            continue
        kept = folded[told]
        current, recalled = (event, kept) if kept.background else (kept, event)
        evidence = tuple(sorted(kept.evidence + event.evidence, key=lambda span: span.start))
        folded[told] = replace(
            current,
            evidence=evidence,
            actor1=current.actor1 or recalled.actor1,
            actor2=current.actor2 or (recalled.actor2 if current.actor1 is None else None),
            fatalities=current.fatalities or recalled.fatalities,
        )
    return folded


def _same_day_act(a: Event, b: Event) -> bool:
    return (
        a.type == b.type
        and a.type in VIOLENT
        and a.date is not None
        and a.date == b.date
        and a.date_precision == b.date_precision == "day"
        and (a.location is None or b.location is None or _near(a.location, b.location))
    )


def fold_responses(annotated: Annotated, events: list[Event], lead: str) -> list[Event]:
    """What a story reports as the response to its acts is part of them, as ACLED codes it:
    arrests at a protest or a riot the same day and place are its intervention ("At least 47
    people were arrested"; not those of suspects, which is police work on a crime), and the
    security moves a story about violence or a crowd tells ("tactical teams had been
    deployed to the area", "reinforcements arrived") are no act of their own: they are one
    only in a story that reports nothing else, and whose headline and lead (``lead``) are not
    about drills or a disaster ("had deployed forces to monitor" the exercises)."""
    text = annotated.document.article.text
    crowds = [e for e in events if e.type in ("protests", "riots") and not e.background]
    acts = [e for e in events if e.type != "statement" and not e.background]
    answered = [e for e in acts if e.subtype != "Change to group/activity"]
    borrowed = bool(BORROWED.search(lead))
    folded: list[Event] = []
    for event in events:
        crowd = next((c for c in crowds if _arrests_at(event, c, text)), None)
        if crowd is not None:
            index = next(i for i, kept in enumerate(folded) if kept.id == crowd.id)
            folded[index] = _intervened(folded[index], event)
        elif not (
            (borrowed or any(_same_country(e, event) for e in answered))
            and _security_move(event, text)
        ):
            folded.append(event)
    return folded


def _same_country(act: Event, move: Event) -> bool:
    """Whether a security move can answer an act: troops pulling out of Uvira answer no grenade
    thrown in Bujumbura, across the border."""
    if act.location is None or move.location is None:
        return True
    if {"region", "admin1"} & {act.location.kind, move.location.kind}:
        return True  # a region or a province ("the Sahel", read as Burkina's) may be either's
    return act.location.country == move.location.country


# A change of an armed group's own, which is no security move ("announced it was dissolving
# itself and that its fighters would join the army", fighters who surrender or burn their
# rifles).
_GROUP_CHANGE = re.compile(
    r"\b(?:dissolv\w* (?:itself|themselves)|disband\w*|defect\w*|split from|merg\w* (?:into|with)|"
    r"(?:fighters|members|militants|insurgents|rebels|combatants|jihadists|bandits|militiamen)\b"
    r"[^.;]{0,60}?\bsurrender(?:ed|s)?\b|laid down (?:their|its) (?:arms|weapons)|"
    r"(?:burned|burnt|destroyed) their|"
    r"(?:would|will|to) (?:join|be (?:folded|integrated|absorbed|merged) into) (?:the )?"
    r"(?:[\w’-]+ ){0,3}?(?:ranks|army|forces|military))",
    re.IGNORECASE,
)


def _security_move(event: Event, text: str) -> bool:
    return (
        event.subtype == "Change to group/activity"
        and _GROUP_CHANGE.search(event.evidence[0].slice(text)) is None
    )


def _arrests_at(event: Event, crowd: Event, text: str) -> bool:
    return (
        event.subtype == "Arrests"
        and "suspect" not in event.evidence[0].slice(text).lower()
        and not event.background
        and event.date == crowd.date
        and (
            event.location is None
            or crowd.location is None
            or _near(event.location, crowd.location)
        )
        and crowd.evidence[0].start < event.evidence[0].start
    )


def _intervened(crowd: Event, arrests: Event) -> Event:
    """A crowd's act with the arrests made at it: a peaceful protest becomes one with
    intervention, the arresting force its second actor."""
    evidence = tuple(sorted(crowd.evidence + arrests.evidence, key=lambda span: span.start))
    if crowd.subtype != "Peaceful protest":
        return replace(crowd, evidence=evidence)
    police = next((a for a in (arrests.actor1, arrests.actor2) if a and a.kind in ORGANISED), None)
    return replace(
        crowd,
        subtype="Protest with intervention",
        actor2=crowd.actor2 or police,
        evidence=evidence,
    )


def merge_continuations(annotated: Annotated, events: list[Event]) -> list[Event]:
    """One event per act: a violent sentence that goes on about the violent event just before
    it, in the same paragraph, on the same day and at the same place ("Russian forces shelled
    Vuhledar. One woman was killed."), adds its evidence to that event, and its toll and
    second actor where the event has none."""
    merged: list[Event] = []
    for event in events:
        previous = merged[-1] if merged else None
        if previous is not None and _continues(annotated, previous, event):
            actors = {a.name for a in (previous.actor1, previous.actor2) if a}
            newcomer = next(
                (a for a in (event.actor2, event.actor1) if a and a.name not in actors), None
            )
            merged[-1] = replace(
                previous,
                evidence=previous.evidence + event.evidence,
                fatalities=previous.fatalities or event.fatalities,
                actor2=previous.actor2 or newcomer,
            )
            continue
        merged.append(event)
    return merged


def _continues(annotated: Annotated, previous: Event, event: Event) -> bool:
    return (
        previous.type in VIOLENT
        and event.type in VIOLENT
        and not previous.background
        and not event.background
        and previous.date == event.date
        and _same_place(previous.location, event.location)
        and event.claim.status == previous.claim.status
        # parts of one sentence were told apart as acts of their own ("Suicide bomber kills 10
        # in Baidoa; army retakes Shabelle town")
        and sentence_index_at(annotated, previous.evidence[-1].start)
        != sentence_index_at(annotated, event.evidence[0].start)
        and _paragraph_of(annotated, previous) is not None
        and _paragraph_of(annotated, previous) == _paragraph_of(annotated, event)
    )


def _same_place(a: PlaceMention | None, b: PlaceMention | None) -> bool:
    if a is None or b is None:
        return a is b
    return (a.geonameid, a.name) == (b.geonameid, b.name)


def goes_on(annotated: Annotated, events: Sequence[Event], event: Event) -> bool:
    """Whether violence goes on about the last event kept, in its paragraph ("Russian forces
    shelled Kharkiv. Four civilians were killed."): in scope as that event is."""
    if not events:
        return False
    last = events[-1]
    paragraph = _paragraph_of(annotated, last)
    return (
        last.type in VIOLENT
        and event.type in VIOLENT
        and not last.background
        and paragraph is not None
        and paragraph == _paragraph_of(annotated, event)
    )


def _paragraph_of(annotated: Annotated, event: Event) -> Span | None:
    start = event.evidence[0].start
    found = paragraph_at(annotated, start)
    return found[1] if found else None


class _Index:
    """Where a story names days and event places, sorted once, so that asking whether a
    report names its own day or place costs a look-up, not a scan of the story."""

    def __init__(
        self,
        dates: Sequence[DateMention],
        places: Sequence[PlaceMention],
        text: str,
        captions: Sequence[Span] = (),
    ) -> None:
        self._days = ByStart((d for d in dates if d.value and d.precision == "day"), _start)
        self._places = ByStart((p for p in places if p.role == "event"), _start)
        self._text = text
        self._captions = captions

    def photographed_after(self, kept: Event, event: Event) -> bool:
        """Whether ``event`` is a caption's view of ``kept``'s act the day after it: "Rescuers
        search the rubble of a building hit by a Russian glide bomb in Sumy, October 6" is
        dated by the photograph, a day after the strike the story tells."""
        start = event.evidence[0].start
        return (
            kept.date is not None
            and event.date is not None
            and (event.date - kept.date).days == 1
            and any(span.start <= start < span.end for span in self._captions)
        )

    def latest_toll(self, first: Count | None, second: Count | None) -> Count | None:
        """Of two reports' tolls, the story's latest figure: one the words give as risen ("rose
        to 17"), over one they give as first said ("initially said nine"); else the first."""
        if first is None or second is None:
            return first or second
        rank = {id(c): self._toll_rank(c) for c in (first, second)}
        return second if rank[id(second)] > rank[id(first)] else first

    def _toll_rank(self, count: Count) -> int:
        before = self._text[max(0, count.start - 60) : count.start]
        if _RISEN.search(before):
            return 1
        return -1 if _FIRST_SAID.search(before) else 0

    def names_its_day(self, event: Event, *, said: bool = True) -> bool:
        """Whether a report names a day for its act; with ``said`` false, the day it was said
        ("said on Friday it had seized") does not count: it dates the act where nothing else
        does, but does not tell it apart from the same act told with its own day."""
        return any(
            said or not is_report_day(self._text, day)
            for span in event.evidence
            for day in self._days.within(span.start, span.end)
        )

    def places_in(self, event: Event) -> list[PlaceMention]:
        return [p for span in event.evidence for p in self._places.within(span.start, span.end)]


# A toll given as the latest ("the death toll rose to 17") or as the first said ("officials
# initially said nine people had been killed").
_RISEN = re.compile(
    r"\b(?:rose|risen|rises|climbed|climbs|increased|jumped|reached|now stands at|to at least)"
    r"(?: to)?\s*(?:at least |more than )?\Z",
    re.IGNORECASE,
)
_FIRST_SAID = re.compile(r"\b(?:initially|at first|earlier|originally)\b", re.IGNORECASE)


def _start(mention: DateMention | PlaceMention) -> int:
    return mention.start


# How many of the last acts told a report may join, besides the headline's: a report tells of
# an act near where the story told it (the window keeps the cost in proportion to a story's
# length; no story of the benchmarks has so many acts).
_RECENT_ACTS = 60


def merge_reports(
    annotated: Annotated,
    events: list[Event],
    dates: Sequence[DateMention],
    located: Sequence[PlaceMention],
) -> list[Event]:
    """One event per act in the whole story (``located``: the places an event can be at,
    ``place.event_places``; a name placed nowhere or in a country the story gives no sign of,
    "Madina hospital", is no sign of another place): a later report of an act the story has already
    reported (the lead after the headline, a follow-up paragraph, a caption) joins it, and a
    denial or confirmation of it ("The army denied shelling the camp") becomes its claim
    status. Two reports are of one act when they are of the same event type (any violence,
    for a denial), at the same place or one inside or near the other, and on the same day or
    one names no day of its own. A sentence that opens "Separately", "Elsewhere", "Earlier"…
    reports another act. The headline's events join the story's first report of the same
    kind wherever it is (``_summary_for``): a headline summarises, it never adds an act of its
    own; so does a photo caption. A violent sentence that names neither a place nor a day of
    its own ("The injured were taken to hospital") goes on about the story's last violent
    act."""
    text = annotated.document.article.text
    headline = _headline(annotated)
    captions = [span for caption in annotated.document.captions for span in caption.spans]
    index_ = _Index(dates, located, text, captions)
    merged: list[Event] = []
    summaries: set[int] = set()  # the headline's events that no report has joined yet
    for event in events:
        if ANOTHER_ACT.match(text, event.evidence[0].start):
            merged.append(event)
            continue
        answer = event.claim.status in ("denied", "confirmed")
        recent = range(len(merged) - 1, max(-1, len(merged) - 1 - _RECENT_ACTS), -1)
        older = sorted((i for i in summaries if i <= len(merged) - 1 - _RECENT_ACTS), reverse=True)
        own_places = index_.places_in(event)
        summary = _summary_for(
            merged,
            [i for i in (*recent, *older) if i in summaries],
            event,
            summarising=_in(event, headline) or _in_caption(annotated, event),
        )
        told_in = sentence_index_at(annotated, event.evidence[0].start)
        candidates = [
            index
            for index in (*recent, *older)
            if answer or not _told_in(annotated, merged[index], told_in)
        ]
        # the act a report goes on about (one at its very place first: "near" holds two towns
        # of one story), else the headline's or caption's it summarises
        acts = [
            index
            for index in candidates
            if _same_act(
                merged[index],
                event,
                index_,
                loose=answer
                or _crowd_fired_on(merged[index], event, text)
                or (
                    _continues_story(merged[index], event, index_, own_places)
                    and _no_new_side(merged[index], event)
                    # a headline's act of another type is another act it summarises
                    and (index not in summaries or merged[index].type == event.type)
                ),
                anywhere=answer and not own_places,
            )
        ]
        target = next(
            (i for i in acts if _same_place(merged[i].location, event.location)),
            acts[0] if acts else summary if summary in candidates else None,
        )
        if target is None:
            if _in(event, headline) or _in_caption(annotated, event):
                summaries.add(len(merged))
            merged.append(event)
        elif answer:
            merged[target] = _answered(merged[target], event)
            if event.claim.status == "denied" and not _in(event, headline):
                # the lead that tells the claim and its denial ("X said they captured Dabat, a
                # claim the government denied") reports the headline's act
                summaries.discard(target)
        elif target in summaries:
            if not (_in(event, headline) or _in_caption(annotated, event)):
                summaries.discard(target)  # a report of the story's own joined it
            merged[target] = _joined(event, merged[target], index_, keep=event)
        else:
            merged[target] = _gravest(
                _joined(merged[target], event, index_, keep=merged[target]), event, text
            )
    # A caption shows an act the story reports; one that joined none is a photograph's words
    # ("Policemen inspect the wreckage"), unless it reports violence of its own: a toll, or
    # armed sides ("three civilians were killed by Azerbaijani shelling", in a caption alone).
    told = any(
        index not in summaries and not event.background and event.type != "statement"
        for index, event in enumerate(merged)
    )
    return [
        event
        for index, event in enumerate(merged)
        if not (index in summaries and _in_caption(annotated, event) and not _reports(event))
        and not (index in summaries and told and _in(event, headline))
    ]


def _told_in(annotated: Annotated, event: Event, sentence: int) -> bool:
    """Whether a report of ``event`` lies in the ``sentence``-th sentence: the parts of one
    sentence were told apart as acts of their own ("Suicide bomber kills 10 in Baidoa; army
    retakes Shabelle town")."""
    return any(sentence_index_at(annotated, span.start) == sentence for span in event.evidence)


# A sentence or paragraph that opens on another act.
ANOTHER_ACT = re.compile(
    r"\s*(?:separately|elsewhere|meanwhile|in (?:a|another) (?:separate )?(?:incident|attack)|"
    r"earlier|later|hours later|also on|in a separate)\b",
    re.IGNORECASE,
)


def _summary_for(
    merged: Sequence[Event], summaries: Sequence[int], event: Event, *, summarising: bool
) -> int | None:
    """The headline's or caption's event (of ``summaries``, indexes into ``merged`` in the
    order they are tried) that a report of the same kind joins: the first in the report's
    country ("Russian drones hit Kyiv region; Ukraine strikes refinery in Saratov" summarises
    two acts), else the first, unless the report is a summary too (``summarising``); of a
    headline's acts, one of the report's own type first ("Suicide bomber kills 10 in Baidoa;
    army retakes Shabelle town")."""
    kin = sorted(
        (
            index
            for index in summaries
            if _same_kind(merged[index], event) and not _days_before(event, merged[index])
        ),
        key=lambda index: (
            merged[index].type != event.type,
            merged[index].subtype != event.subtype,
        ),
    )
    home = (index for index in kin if not _other_countries(merged[index], event))
    return next(home, kin[0] if kin and not summarising else None)


def _days_before(event: Event, summary: Event) -> bool:
    """Whether ``event`` happened days before the headline's or caption's ``summary`` was
    dated (more than ``_SUMMARY_REACH_DAYS``): a headline tells the story's news, not the
    "drone strike last week" its sixth paragraph recalls."""
    return (
        event.date is not None
        and summary.date is not None
        and (summary.date - event.date).days > _SUMMARY_REACH_DAYS
    )


# A Monday headline's act may be Friday's ("on Friday" in its lead).
_SUMMARY_REACH_DAYS = 3


def _other_countries(kept: Event, event: Event) -> bool:
    countries = {e.location.country for e in (kept, event) if e.location is not None}
    return len(countries) > 1


def _continues_story(
    kept: Event, event: Event, index: _Index, own_places: Sequence[PlaceMention]
) -> bool:
    """Whether a sentence of violence or of a crowd's act goes on about ``kept``: it names
    neither a day of its own nor a place away from ``kept``'s ("At least 30 people were
    injured", "The students were protesting against…", "…said the director of Mogadishu's
    main hospital"); ``own_places``: the event places it names."""
    return (
        (event.type in TYPE_FAMILY or _crowd_looting(kept, event) or _raid_burning(kept, event))
        and not index.names_its_day(event)
        and not any(
            not (kept.location is not None and _near(kept.location, place)) for place in own_places
        )
    )


def _no_new_side(kept: Event, event: Event) -> bool:
    """Whether ``event`` names no armed side that ``kept`` lacks: "its troops clashed with
    Russian units" after a Russian shelling is another act, between other sides. The police
    who break up a crowd ("Police fired tear gas to disperse them") are part of its act."""
    known = {a.name for a in (kept.actor1, kept.actor2) if a}
    crowd = TYPE_FAMILY.get(kept.type) == "crowd"
    return all(
        a.name in known
        or a.kind not in ORGANISED
        or a.kind == "unknown"
        or (crowd and a.kind == "police")
        for a in (event.actor1, event.actor2)
        if a
    )


def _reports(event: Event) -> bool:
    """Whether a caption's event is violence it reports itself: a toll or an armed side."""
    armed = any(a.kind in ORGANISED for a in (event.actor1, event.actor2) if a)
    return event.type in VIOLENT and (event.fatalities is not None or armed)


def _in_caption(annotated: Annotated, event: Event) -> bool:
    start = event.evidence[0].start
    return any(
        span.start <= start < span.end
        for caption in annotated.document.captions
        for span in caption.spans
    )


def _gravest(joined: Event, event: Event, text: str) -> Event:
    """A crowd's act as a later report tells it, where that is graver: a march that police
    broke up, a crowd that turned violent or looted (ACLED codes a demonstration whose
    participants turn to violence or destruction a riot, whoever else used force); the crowd
    is then rioters."""
    graver = "Violent demonstration" if _crowd_looting(joined, event) else event.subtype
    if graver is None or _GRAVITY.get(graver, -1) <= _GRAVITY.get(joined.subtype or "", 99):
        return joined
    told = event.evidence[0].slice(text)
    if joined.subtype != "Peaceful protest" and not (
        graver in _RIOTS and _CROWD_VIOLENCE.search(told) and not _AUTHORITIES_ALLEGE.search(told)
    ):
        return joined  # a crowd met with force turns riot only where its own violence is told
    crowd, other = joined.actor1, joined.actor2
    if graver in _RIOTS and other is not None and other.kind in _CROWDS:
        crowd, other = other, crowd  # the force that killed protesters came first; rioters do
    if graver in _RIOTS and crowd is not None and crowd.kind == "protesters":
        crowd = replace(crowd, name=crowd.name.replace("Protesters", "Rioters"), kind="rioters")
    return replace(
        joined,
        type=ACLED_SUBTYPES[graver],
        subtype=graver,
        plover=plover_of(graver),
        actor1=crowd,
        actor2=other,
    )


def _headline(annotated: Annotated) -> Span | None:
    """The headline: what stands before the dateline, else a first paragraph that does not end
    as a sentence does."""
    document = annotated.document
    text = document.article.text
    if document.dateline is not None and document.dateline.start > 0:
        return Span(0, document.dateline.start)
    if document.body:
        first = document.body[0]
        words = text[first.start : first.end].strip()
        if words and words[-1] not in ".!?\"”'’" and len(words.split()) <= 20:
            return first
    return None


def _in(event: Event, span: Span | None) -> bool:
    return span is not None and span.start <= event.evidence[0].start < span.end


def _same_kind(kept: Event, event: Event) -> bool:
    return (
        not kept.background
        and not event.background
        and (kept.type == event.type or (kept.type in VIOLENT and event.type in VIOLENT))
    )


# How grave a crowd's act is, as a later report can make it: a protest broken up, met with
# lethal force, a crowd turned violent.
_GRAVITY = {
    "Peaceful protest": 0, "Protest with intervention": 1, "Excessive force against protesters": 2,
    "Mob violence": 3, "Violent demonstration": 3,
}  # fmt: skip
_RIOTS = frozenset({"Mob violence", "Violent demonstration"})
# A crowd's own violence or destruction ("hurled stones at officers", "Several shops were
# looted"), where police chasing it ("running battles") is not.
_CROWD_VIOLENCE = re.compile(
    r"\b(?:hurl\w*|threw|throw\w*|pelt\w*|stones?|rocks?|petrol bombs?|molotov|"
    r"set (?:fire|ablaze)|torch\w*|burn\w*|loot\w*|ransack\w*|vandali[sz]\w*|smash\w*|"
    r"(?<!past )(?<!through )barricades?|attacked|stormed)\b",  # "push past barricades": no harm
    re.IGNORECASE,
)


# The authorities' account of a crowd they fired on ("A spokesman for the provincial government
# said the protesters had thrown stones at police"): their defence, not the crowd's act told.
_AUTHORITIES_ALLEGE = re.compile(
    r"\b(?:police|government|authorities|officials?|ministry|spokes(?:man|woman|person)|"
    r"governor|army|military)\b[^.;]{0,80}?\b(?:said|says|claimed|alleged|accused)\b[^.;]{0,20}?"
    r"\b(?:the )?(?:protesters|demonstrators|crowd|students|marchers|mob)\b",
    re.IGNORECASE,
)


def _kin(kept: Event, event: Event) -> bool:
    """Whether two types can be one act's: one family, or the hurt of a crowd's act."""
    family = TYPE_FAMILY.get(kept.type)
    if family is None:
        return False
    return (
        family == TYPE_FAMILY.get(event.type)
        or (family == "crowd" and event.type == "violence_against_civilians")
        or _crowd_looting(kept, event)
        or _raid_burning(kept, event)
        or _force_on_crowd(kept, event)
    )


# A later report of the force a crowd met, told as an attack: "Hundreds of people had gathered
# on Saturday to stop an eradication team … when forces fired into the crowd".
_FIRED_ON_CROWD = re.compile(
    r"\b(?:fired|opened fire|shot)\b[^.;]{0,30}?\b(?:into|on|at|upon) (?:the |a )?"
    r"(?:crowd|protesters|demonstrators|marchers)\b",
    re.IGNORECASE,
)


def _crowd_fired_on(kept: Event, event: Event, text: str) -> bool:
    return (
        kept.type == "protests"
        and event.type == "violence_against_civilians"
        and bool(_FIRED_ON_CROWD.search(event.evidence[0].slice(text)))
    )


def _force_on_crowd(kept: Event, event: Event) -> bool:
    """Whether ``event`` is gunfire that only the state's forces are named in, told after
    they met a crowd with force ("deaths from police gunfire", "police had fired only rubber
    bullets"): that crowd's act, not a clash."""
    sides = [a for a in (event.actor1, event.actor2) if a]
    return (
        kept.subtype in ("Excessive force against protesters", "Protest with intervention")
        and event.type == "battles"
        and bool(sides)
        and all(a.kind in ("police", "state_forces") for a in sides)
    )


def _crowd_looting(kept: Event, event: Event) -> bool:
    """Whether ``event`` is looting or destruction that no armed side is named for, told after
    a crowd's act ("Several shops were looted"): the crowd's own, as ACLED codes a riot."""
    return (
        TYPE_FAMILY.get(kept.type) == "crowd"
        and event.subtype == "Looting/property destruction"
        and not any(a.kind in ORGANISED for a in (event.actor1, event.actor2) if a)
    )


def _raid_burning(kept: Event, event: Event) -> bool:
    """Whether ``event`` is looting or burning by the side of an attack just told, or by no
    side named ("The attackers also set fire to dozens of homes"): part of the raid, which
    ACLED codes as the attack alone."""
    attackers = {kept.actor1.name} if kept.actor1 else set()
    return (
        kept.type in ("violence_against_civilians", "battles")
        and event.subtype == "Looting/property destruction"
        and all(
            a.name in attackers or a.kind not in ORGANISED or a.kind == "unknown"
            for a in (event.actor1,)
            if a
        )
    )


def _same_act(
    kept: Event, event: Event, index: _Index, *, loose: bool = False, anywhere: bool = False
) -> bool:
    """Whether ``event`` reports the act ``kept`` reports: the same type (a kindred one, when
    ``loose``), at the same place or one inside or near the other's (any place, when
    ``anywhere``: a denial that names none, "its forces 'do not use' chemical weapons"), on
    the same day or one naming no day. A report of an act the story denied before telling it
    ("rejected Russian claims that its forces had taken Ocheretyne… The ministry announced
    Sunday that…") is the act, disputed."""
    violent = loose and _kin(kept, event)
    if (
        kept.type == "statement"
        or (kept.type != event.type and not violent)
        or _other_development(kept, event)
        or kept.background
        or event.background
        or kept.claim.status == "confirmed"
        or (kept.claim.status == "denied" and event.claim.status in ("denied", "confirmed"))
    ):
        return False
    if (
        not anywhere
        and kept.location is not None
        and event.location is not None
        and not _near(kept.location, event.location)
    ) or _other_attackers(kept, event):
        return False
    if (
        kept.date == event.date
        or (
            # a denial is dated by the day it was made, often the day after the act it denies
            kept.claim.status == "denied"
            and kept.date is not None
            and event.date is not None
            and abs((kept.date - event.date).days) <= 1
        )
        or index.photographed_after(kept, event)
    ):
        return True
    return not (index.names_its_day(kept, said=False) and index.names_its_day(event, said=False))


def _other_development(kept: Event, event: Event) -> bool:
    """Whether two strategic developments are of other sub-types at other places: an arrest
    raid in one camp and settlers' burning of olive groves in a village nearby are two acts
    (one coup, told as a seizure of power and as the president's arrest, is one)."""
    return (
        kept.type == event.type == "strategic_developments"
        and None not in (kept.subtype, event.subtype)
        and kept.subtype != event.subtype
        and kept.location is not None
        and event.location is not None
        and not _same_place(kept.location, event.location)
    )


def _other_attackers(kept: Event, event: Event) -> bool:
    """Whether two one-sided acts are each by a side the story names, and not the same side
    nor one's target: "An Israeli drone strike killed three" and "Hezbollah said it had
    targeted the base with 30 rockets" are two acts, wherever the second is placed. A denial
    or a confirmation answers whoever the report named, and a state's own forces named in a
    report of a strike at home are more often its teller than its author ("Ukraine's air force
    said"): neither parts two reports."""
    first, second = kept.actor1, event.actor1
    return (
        event.claim.status not in ("denied", "confirmed")
        and kept.type in ONE_SIDED
        and event.type in ONE_SIDED
        and first is not None
        and second is not None
        and first.kind in _FOREIGN_OR_ARMED_GROUP
        and second.kind in _FOREIGN_OR_ARMED_GROUP
        and first.name != second.name
        and second.name != (kept.actor2.name if kept.actor2 else None)
        and first.name != (event.actor2.name if event.actor2 else None)
    )


_FOREIGN_OR_ARMED_GROUP = ARMED - {"state_forces"}


_NEAR_KM = 50.0  # two towns this close are one place to a reader of one story
_AREAS = frozenset({"country", "admin1", "admin2", "region"})


def _near(a: PlaceMention, b: PlaceMention) -> bool:
    """Whether two places can be where one act happened: the same place, an area and a place
    in its country (the headline's "Sagaing", the lead's village), or places close together."""
    if _same_place(a, b):
        return True
    if (_area(a) or _area(b)) and a.country and a.country == b.country:
        return a.kind == "country" or b.kind == "country" or a.admin1 == b.admin1
    if None in (a.lat, a.lon, b.lat, b.lon):
        return False
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= _NEAR_KM


def _area(place: PlaceMention) -> bool:
    """Whether the story names an area: a province stands at its town ("Sagaing region" at
    Sagaing town, ``place._as_town``) with a region's precision, and holds the villages of
    the province all the same."""
    return place.kind in _AREAS or place.precision in ("region", "country")


def _answered(event: Event, answer: Event) -> Event:
    """The event as a denial or a confirmation leaves it: disputed, with the denier; confirmed
    only by someone other than its claimant."""
    claim = event.claim
    by = answer.claim.by
    if answer.claim.status == "denied":
        deniers = claim.disputed_by + ((by,) if by and by not in claim.disputed_by else ())
        if by is not None and by == claim.by:
            return replace(event, evidence=event.evidence + answer.evidence)
        claim = replace(claim, status="disputed", disputed_by=deniers)
    elif by is None or by != claim.by:
        claim = replace(claim, status="confirmed")
    return replace(event, claim=claim, evidence=event.evidence + answer.evidence)


def _joined_claim(first: Claim, second: Claim) -> Claim:
    """The claim of two reports of one act: a report that denies it ("…; rebels deny") and one
    that tells it make it disputed, by the teller and the denier; a party's claim that another
    named source also tells (residents, officials, the group that struck) is reported; else
    the first report's claim that is more than reported, else the second's; of two plain
    reports, the one that says who told it (the lead's "the army said", not the headline)."""
    denials = [c for c in (first, second) if c.status == "denied"]
    if len(denials) == 1:
        told = second if denials[0] is first else first
        denier = (denials[0].by,) if denials[0].by and denials[0].by != told.by else ()
        disputers = told.disputed_by + tuple(d for d in denier if d not in told.disputed_by)
        return replace(told, status="disputed", disputed_by=disputers)
    if first.status == second.status == "reported":
        return first if first.by or not second.by else second
    named_apart = first.by is not None and second.by is not None and first.by != second.by
    if {first.status, second.status} == {"claimed", "reported"} and named_apart:
        return first if first.status == "reported" else second
    return first if first.status != "reported" else second


_CROWDS = frozenset({"protesters", "rioters"})


def _day_rank(index: _Index, event: Event) -> tuple[bool, bool]:
    return index.names_its_day(event, said=False), index.names_its_day(event)


def _joined(kept: Event, event: Event, index: _Index, *, keep: Event) -> Event:
    """Two reports of one act as one event, under ``keep``'s id and type: the day of the
    report that names its day (the lead, not the headline; the act's, not its denial's; the
    act's own day before the day a claim of it was said), the most specific place, the
    first toll and actors, each filled in from the other where missing (a crowd once: the
    rioters and "them" that police dispersed are one side; an unidentified group is the side
    the other report names; a taking's taker first)."""
    first, second = (
        (event, kept)
        if _day_rank(index, event) > _day_rank(index, kept)
        or (kept.claim.status == "denied" and event.claim.status != "denied")
        else (kept, event)
    )
    places = [p for p in (first.location, second.location) if p is not None]
    # a town, then a province standing at its town, then an area; of two alike, the one told
    # later, which tells more ("the clashes took place in rural areas of Tame" after "Arauca")
    place = min(places, key=lambda p: (p.kind in _AREAS, _area(p), -p.start)) if places else None
    # the sides of the report of the kept type first: a crowd's, not those of the force it met
    # told as an attack
    lead, other = (second, first) if first.type != keep.type == second.type else (first, second)
    actors = _named_for_unidentified(lead, other)
    for actor in (other.actor1, other.actor2):
        if (
            actor
            and len(actors) < 2
            and not _unidentified_attacker(actor, other, actors)
            and actor.name not in {a.name for a in actors}
            and not (actor.kind in _CROWDS and any(a.kind in _CROWDS for a in actors))
        ):
            actors.append(actor)
    claim = _joined_claim(first.claim, second.claim)
    actor1, actor2 = territory.taker_first(
        keep.subtype, actors[0] if actors else None, actors[1] if len(actors) > 1 else None, place
    )
    return replace(
        first,
        id=keep.id,
        type=keep.type,
        subtype=keep.subtype,
        plover=keep.plover,
        location=place,
        actor1=actor1,
        actor2=actor2,
        fatalities=index.latest_toll(kept.fatalities, event.fatalities),
        claim=claim,
        evidence=tuple(sorted(kept.evidence + event.evidence, key=lambda span: span.start)),
    )


def _unidentified_attacker(actor: Actor, event: Event, actors: list[Actor]) -> bool:
    """Whether ``actor`` is ``event``'s unnamed attacker ("when two bombs hit") where the other
    report names an armed side: the same attacker, not a second side."""
    return (
        actor is event.actor1 and actor.kind == "unknown" and any(a.kind in ARMED for a in actors)
    )


def _named_for_unidentified(first: Event, second: Event) -> list[Actor]:
    """``first``'s sides, an unidentified group replaced by the side the other report names in
    its place ("the group said" after "The Arakan Army said it had captured the town")."""
    actors = []
    for own, other in ((first.actor1, second.actor1), (first.actor2, second.actor2)):
        if (
            own is not None
            and own.kind == "unknown"
            and other is not None
            and other.kind in ARMED  # police who answer an attack did not make it
            and other not in (first.actor1, first.actor2)
        ):
            own = other
        if own is not None:
            actors.append(own)
    return actors


# A sentence that goes on about the act just told, by its name ("The attack hit…").
_SEQUEL = re.compile(
    r"\s*(?:the|that|this) (?:[\w-]+ ){0,2}?(?:attack|strike|airstrike|bombardment|blast|"
    r"explosion|bombing|shelling|raid|assault|ambush|shooting|massacre)s?\b",
    re.IGNORECASE,
)


def placed_by_sequel(
    annotated: Annotated, events: list[Event], located: ByStart[PlaceMention]
) -> list[Event]:
    """An act placed only at an area ("authorities in Michoacán state said") is at the town
    the next sentence about it names ("The attack hit the village of El Alcalde on the
    outskirts of Apatzingán"): a sentence that opens on "the attack", "the strike"… and
    reports no act of its own places the story's last violent act, where the town lies in
    that act's area."""
    text = annotated.document.article.text
    placed = list(events)
    for sentence in annotated.sentences:
        if not _SEQUEL.match(text, sentence.start) or _tells_act(placed, sentence):
            continue
        place = own_place(annotated, sentence, located)
        before = [i for i, e in enumerate(placed) if e.evidence[0].start < sentence.start]
        if place is None or not before:
            continue
        act = placed[before[-1]]
        if (
            act.type in VIOLENT
            and not act.background
            and (act.location is None or _inside(place, act.location))
        ):
            evidence = sorted(
                (*act.evidence, Span(sentence.start, sentence.end)), key=lambda s: s.start
            )
            placed[before[-1]] = replace(act, location=place, evidence=tuple(evidence))
    return placed


def _inside(place: PlaceMention, area: PlaceMention) -> bool:
    """Whether ``place`` is a finer place within ``area`` (its country, or its province where
    ``area`` is a province or stands for one)."""
    return (
        more_specific(place, area)
        and place.country == area.country
        and (area.kind == "country" or place.admin1 == area.admin1)
    )


def _tells_act(events: Sequence[Event], sentence: Sentence) -> bool:
    """Whether ``sentence`` reports a current act of its own (history told beside the sequel,
    "where the cartel has been fighting local gangs", is not one)."""
    return any(
        sentence.start <= span.start < sentence.end
        for event in events
        if not event.background
        for span in event.evidence
    )
