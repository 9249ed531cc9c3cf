"""Look-ups by offset: what starts in a stretch of the story, which paragraph holds an offset.

The event stage asks these questions for every mention; sorted once and bisected, they cost
a story time in proportion to its length, not to its length squared.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Generic, TypeVar

from sitrep.records import Annotated, Entity, Span

T = TypeVar("T")


class ByStart(Generic[T]):
    """Items (dates, places, quotes) sorted by the offset where each starts."""

    def __init__(self, items: Iterable[T], start: Callable[[T], int]) -> None:
        self._items = sorted(items, key=start)
        self._starts = [start(item) for item in self._items]

    def within(self, start: int, end: int) -> Sequence[T]:
        """The items that start in ``[start, end)``, in order."""
        return self._items[bisect_left(self._starts, start) : bisect_left(self._starts, end)]

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)


def paragraph_at(annotated: Annotated, offset: int) -> tuple[int, Span] | None:
    """The body paragraph that holds ``offset``, with its index, if any (paragraphs are in
    text order)."""
    body = annotated.document.body
    index = bisect_right(body, offset, key=lambda paragraph: paragraph.start) - 1
    if index >= 0 and offset < body[index].end:
        return index, body[index]
    return None


def entities_within(annotated: Annotated, start: int, end: int) -> Sequence[Entity]:
    """The named entities that start in ``[start, end)`` (the annotator gives them in text
    order)."""
    entities = annotated.entities
    first = bisect_left(entities, start, key=lambda entity: entity.start)
    last = bisect_left(entities, end, key=lambda entity: entity.start)
    return entities[first:last]


def sentence_index_at(annotated: Annotated, offset: int) -> int:
    """The index of the sentence that holds ``offset`` (sentences are in text order)."""
    return bisect_right(annotated.sentences, offset, key=lambda sentence: sentence.start) - 1
