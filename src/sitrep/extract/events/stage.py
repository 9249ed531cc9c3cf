"""The event stage: each sentence's mention typed, placed, dated, given actors, toll and
claim, then merged into one event per act."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date

from sitrep.extract.events.actors import sentence_actors, statement_officials
from sitrep.extract.events.claims import sentence_claim, sentence_stance
from sitrep.extract.events.factuality import BACKGROUND
from sitrep.extract.events.kinds import sentence_kind
from sitrep.extract.events.merge import merge_continuations, with_intervention
from sitrep.extract.events.place import main_country, nearby_places
from sitrep.extract.events.when import event_date
from sitrep.extract.tolls import read_toll
from sitrep.records import (
    Actor,
    Annotated,
    Count,
    DateMention,
    Event,
    EventType,
    PlaceMention,
    Quote,
    Sentence,
    Span,
)
from sitrep.resolve.gazetteer import Gazetteer


def extract_events(
    annotated: Annotated,
    gazetteer: Gazetteer,
    *,
    dates: Sequence[DateMention] = (),
    places: Sequence[PlaceMention] = (),
    quotes: Sequence[Quote] = (),
) -> tuple[Event, ...]:
    """The events the article reports, one per sentence that reports one, in text order."""
    document = annotated.document
    text = document.article.text
    events = []
    stances = [sentence_stance(annotated, sentence) for sentence in annotated.sentences]
    typed = [
        (sentence, stance.kind if stance else sentence_kind(annotated, sentence))
        for sentence, stance in zip(annotated.sentences, stances, strict=True)
    ]
    nearby = nearby_places(annotated, places)
    for index, (sentence, found) in enumerate(typed):
        sentence_text = text[sentence.start : sentence.end]
        if found is None:
            continue
        subtype, event_type, plover = found
        place = nearby[index]
        country = place.country if place else main_country(places)
        officials = (
            statement_officials(annotated, sentence, gazetteer, places)
            if event_type == "statement"
            else []
        )
        actors = sentence_actors(sentence_text, gazetteer, country, event_type, officials)
        when, precision = event_date(annotated, sentence, dates)
        toll = read_toll(text, sentence.start, sentence.end).killed or _toll_after(
            annotated, typed, index
        )
        claim = sentence_claim(sentence, quotes, place)
        stance = stances[index]
        if stance is not None:
            claim = stance.claim(claim)
        events.append(
            Event(
                id=_event_id(document.article.id, sentence.start, subtype or event_type),
                type=event_type,
                subtype=subtype,
                plover=plover,
                date=when,
                date_precision=precision,
                location=place,
                actor1=actors[0] if actors else None,
                actor2=actors[1] if len(actors) > 1 else None,
                fatalities=toll,
                claim=claim,
                evidence=(Span(sentence.start, sentence.end),),
                background=bool(BACKGROUND.search(sentence_text)),
                confidence=_confidence(place, actors, when),
            )
        )
    return tuple(with_intervention(annotated, merge_continuations(annotated, events)))


def _toll_after(
    annotated: Annotated,
    typed: list[tuple[Sentence, tuple[str | None, EventType, str] | None]],
    index: int,
) -> Count | None:
    """The killed count of the sentences that go on about an event ("One person died, five
    were injured."): those after it in its paragraph, up to the next event."""
    text = annotated.document.article.text
    sentence = typed[index][0]
    paragraph = next(
        (p for p in annotated.document.body if p.start <= sentence.start < p.end), None
    )
    if paragraph is None:
        return None
    for following, found in typed[index + 1 :]:
        if following.start >= paragraph.end or found is not None:
            return None
        killed = read_toll(text, following.start, following.end).killed
        if killed is not None:
            return killed
    return None


def _event_id(article_id: str, start: int, kind: str) -> str:
    return hashlib.sha256(f"{article_id}:{start}:{kind}".encode()).hexdigest()[:16]


def _confidence(place: PlaceMention | None, actors: list[Actor], when: date | None) -> float:
    return 0.4 + 0.2 * (place is not None) + 0.2 * bool(actors) + 0.2 * (when is not None)
