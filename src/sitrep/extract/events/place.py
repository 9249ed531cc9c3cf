"""Place: where an event happened, the most specific place its sentence or story ties to it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from sitrep.records import (
    Annotated,
    PlaceMention,
    Sentence,
)

_SPECIFICITY = {"city": 0, "landmark": 0, "crossing": 0, "admin2": 1, "admin1": 2, "region": 2}


def _place(sentence: Sentence, places: Sequence[PlaceMention]) -> PlaceMention | None:
    inside = [
        p
        for p in places
        if sentence.start <= p.start < sentence.end and p.role == "event" and p.lat is not None
    ]
    return min(inside, key=lambda p: (_SPECIFICITY.get(p.kind or "", 3), p.start), default=None)


def nearby_places(
    annotated: Annotated, places: Sequence[PlaceMention]
) -> list[PlaceMention | None]:
    """Each sentence's place: its own most specific one; where it names none, or only a country,
    the last town or region named before it in that country ("JNIM said its fighters had
    overrun the post" after "a post near the town of Niono"); else the story's first place
    below country level, else its first place."""
    located = [p for p in places if p.role == "event" and p.lat is not None]
    below_country = [p for p in located if p.kind != "country"]
    story = below_country[0] if below_country else (located[0] if located else None)
    result: list[PlaceMention | None] = []
    last: PlaceMention | None = None
    for sentence in annotated.sentences:
        own = _place(sentence, located)
        if own is not None and own.kind != "country":
            last = own
            result.append(own)
        elif last is not None and (own is None or own.country == last.country):
            result.append(last)
        else:
            result.append(own or story)
    return result


def main_country(places: Sequence[PlaceMention]) -> str | None:
    countries = Counter(p.country for p in places if p.role != "dateline" and p.country)
    return countries.most_common(1)[0][0] if countries else None
