"""Merge: one event per act in a story, and what later sentences add to it."""

from __future__ import annotations

import re
from dataclasses import replace

from sitrep.extract.events.actors import POLICE
from sitrep.extract.events.rules import VIOLENT
from sitrep.records import (
    Actor,
    Annotated,
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
