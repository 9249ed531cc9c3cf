"""Merge: one event per act in a story, and what later sentences add to it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from sitrep.extract.events.actors import POLICE
from sitrep.extract.events.rules import VIOLENT
from sitrep.records import (
    Actor,
    Annotated,
    DateMention,
    Event,
    PlaceMention,
    Span,
)

_INTERVENTION = re.compile(
    r"\b(?:detain|arrest|dispers|prevent|tear gas|water cannon|rubber bullets|broke up|"
    r"blocked|removed|beat)",
    re.IGNORECASE,
)


def with_intervention(annotated: Annotated, events: list[Event]) -> list[Event]:
    """A protest whose paragraph goes on to say the police broke it up is a protest with
    intervention, the police its second actor."""
    text = annotated.document.article.text
    refined = []
    for event in events:
        if event.subtype == "Peaceful protest":
            paragraph = next(
                (p for p in annotated.document.body if p.start <= event.evidence[0].start < p.end),
                None,
            )
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
        and _paragraph_of(annotated, previous) is not None
        and _paragraph_of(annotated, previous) == _paragraph_of(annotated, event)
    )


def _same_place(a: PlaceMention | None, b: PlaceMention | None) -> bool:
    if a is None or b is None:
        return a is b
    return (a.geonameid, a.name) == (b.geonameid, b.name)


def _paragraph_of(annotated: Annotated, event: Event) -> Span | None:
    start = event.evidence[0].start
    return next((p for p in annotated.document.body if p.start <= start < p.end), None)


def merge_reports(events: list[Event], dates: Sequence[DateMention]) -> list[Event]:
    """One event per act in the whole story: a later report of an act the story has already
    reported (the lead after the headline, a follow-up paragraph, a caption) joins it, and a
    denial or confirmation of it ("The army denied shelling the camp") becomes its claim
    status. Two reports are of one act when they are of the same event type, at the same place
    (or one names none) and on the same day, or one of them names no day of its own (a
    headline dated only by its publication)."""
    merged: list[Event] = []
    for event in events:
        target = next(
            (
                index
                for index in range(len(merged) - 1, -1, -1)
                if _same_act(merged[index], event, dates)
            ),
            None,
        )
        if target is None:
            merged.append(event)
        elif event.claim.status in ("denied", "confirmed"):
            merged[target] = _answered(merged[target], event)
        else:
            merged[target] = _joined(merged[target], event, dates)
    return merged


def _same_act(kept: Event, event: Event, dates: Sequence[DateMention]) -> bool:
    if (
        kept.type == "statement"
        or kept.type != event.type
        or kept.background
        or event.background
        or kept.claim.status in ("denied", "confirmed")
    ):
        return False
    if (
        kept.location is not None
        and event.location is not None
        and not _same_place(kept.location, event.location)
    ):
        return False
    if kept.date == event.date:
        return True
    return not (_names_its_day(kept, dates) and _names_its_day(event, dates))


def _names_its_day(event: Event, dates: Sequence[DateMention]) -> bool:
    return any(
        span.start <= d.start < span.end
        for span in event.evidence
        for d in dates
        if d.value and d.precision == "day"
    )


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


def _joined(kept: Event, event: Event, dates: Sequence[DateMention]) -> Event:
    """Two reports of one act as one event: the day and the type of the report that names its
    day (the lead, not the headline), the first toll, place and actors, each filled in from
    the other where missing."""
    first, second = (
        (event, kept)
        if _names_its_day(event, dates) and not _names_its_day(kept, dates)
        else (kept, event)
    )
    actors = [a for a in (first.actor1, first.actor2) if a]
    for actor in (second.actor1, second.actor2):
        if actor and len(actors) < 2 and actor.name not in {a.name for a in actors}:
            actors.append(actor)
    claim = first.claim if first.claim.status != "reported" else second.claim
    return replace(
        first,
        id=kept.id,
        location=first.location or second.location,
        actor1=actors[0] if actors else None,
        actor2=actors[1] if len(actors) > 1 else None,
        fatalities=first.fatalities or second.fatalities,
        claim=claim,
        evidence=kept.evidence + event.evidence,
    )
