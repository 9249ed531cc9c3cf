"""Paragraphs of a text, and which of them repeat.

Scraped news comes one paragraph a line, or in blocks separated by blank lines whose lines may
be hard-wrapped. A block is one paragraph when its lines are wrapped: the text has blank lines,
no line is longer than a terminal's width, and most lines fill the block's width (running on
without ending a sentence, or so full that a full stop at the end is chance). Otherwise each
line is a paragraph.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence

from sitrep.records import Span

_BLOCK_BREAK = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = (".", "!", "?", '"', "”", "’", "'", ":", ")", "]")
# Hard-wrapped text is wrapped at 72-80 columns; a line longer than this was not wrapped.
_MAX_WRAPPED_LINE = 100
# A wrapped line fills most of the width; a short line ends a paragraph or is a headline.
_MIN_WRAPPED_FILL = 0.6
_FULL_WIDTH_FILL = 0.85
# Share of shared words above which two paragraphs are the same paragraph, edited.
NEAR_DUPLICATE_SIMILARITY = 0.8
# How many earlier paragraphs (or captions) a paragraph is compared with for near-duplicates.
NEAR_DUPLICATE_WINDOW = 500
# Paragraphs shorter than this many words repeat only when identical: short lines ("Read more")
# are too alike to judge.
_MIN_WORDS_FOR_NEAR = 8


def has_blank_lines(text: str) -> bool:
    """Whether the text separates paragraphs by blank lines (so a block's lines belong together)."""
    return _BLOCK_BREAK.search(text.strip()) is not None


def split_paragraphs(text: str) -> list[Span]:
    """Spans of the paragraphs of ``text``, trimmed of surrounding whitespace, in order."""
    if not has_blank_lines(text):
        return list(_line_spans(text, 0, len(text)))
    spans: list[Span] = []
    position = 0
    for block_break in [*_BLOCK_BREAK.finditer(text), None]:
        block_end = block_break.start() if block_break else len(text)
        spans.extend(_block_paragraphs(text, position, block_end))
        if block_break:
            position = block_break.end()
    return spans


def _block_paragraphs(text: str, start: int, end: int) -> Iterable[Span]:
    lines = list(_line_spans(text, start, end))
    if len(lines) > 1 and _is_hard_wrapped([s.slice(text) for s in lines]):
        yield Span(lines[0].start, lines[-1].end)
    else:
        yield from lines


def _line_spans(text: str, start: int, end: int) -> Iterable[Span]:
    position = start
    while position < end:
        newline = text.find("\n", position, end)
        line_end = end if newline == -1 else newline
        span = _trimmed(text, position, line_end)
        if span:
            yield span
        position = line_end + 1


def _is_hard_wrapped(lines: Sequence[str]) -> bool:
    width = max(len(line) for line in lines)
    if width > _MAX_WRAPPED_LINE:
        return False
    wrapping = sum(1 for line in lines[:-1] if _wraps(line, width))
    return wrapping * 2 > len(lines) - 1


def _wraps(line: str, width: int) -> bool:
    """A line that runs on: near the full width, and either not ending a sentence or filling
    the width so closely that its full stop is chance."""
    if len(line) < _MIN_WRAPPED_FILL * width:
        return False
    return not line.endswith(_SENTENCE_END) or len(line) >= _FULL_WIDTH_FILL * width


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def word_set(text: str) -> frozenset[str]:
    """The paragraph's lower-cased words, as near-duplicate detection compares them."""
    return frozenset(text.lower().split())


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two word sets."""
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


def _nearly_equal(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two word sets are near-duplicates (sets of unlike sizes never are)."""
    smaller, larger = sorted((len(a), len(b)))
    return (
        smaller >= NEAR_DUPLICATE_SIMILARITY * larger
        and similarity(a, b) >= NEAR_DUPLICATE_SIMILARITY
    )


class NearDuplicateIndex:
    """Word sets, each found again by a later set that nearly equals it, among the last
    ``NEAR_DUPLICATE_WINDOW`` filed, without comparing every pair.

    A scraper repeats a paragraph within a page (a sidebar, a caption, the page pasted twice),
    and no article runs to that many paragraphs: only a book-length text, where comparing
    every pair would cost the square of its length, meets the window. Exact repeats are
    another matter, found anywhere by their text.

    Prefix filtering: two sets of similarity at least ``t`` share at least ``t`` times the
    larger one's words, so, with words ranked rarest first over the whole ``collection``,
    their first ``n - floor(t * n) + 1`` words (``n`` each one's size) meet. Each set is filed
    under those few rare words, and a new set is compared only with the sets filed under its
    own: the answer is the one that comparing it with each of the window's sets gives.
    """

    def __init__(self, collection: Iterable[frozenset[str]]) -> None:
        self._frequency = Counter(word for words in collection for word in words)
        self._sets: list[frozenset[str]] = []
        self._filed: dict[str, list[int]] = {}

    def add(self, words: frozenset[str]) -> int:
        """File ``words``; its number, counted from 0 in the order of adding."""
        number = len(self._sets)
        self._sets.append(words)
        for word in self._prefix(words):
            self._filed.setdefault(word, []).append(number)
        return number

    def near_duplicates(self, words: frozenset[str]) -> list[int]:
        """The numbers of the sets of the window that ``words`` nearly equals, in order."""
        oldest = len(self._sets) - NEAR_DUPLICATE_WINDOW
        filed: set[int] = set()
        for word in self._prefix(words):
            numbers = self._filed.get(word, [])
            filed.update(numbers[bisect_left(numbers, oldest) :])
        return [n for n in sorted(filed) if _nearly_equal(words, self._sets[n])]

    def _prefix(self, words: frozenset[str]) -> list[str]:
        rarest_first = sorted(words, key=lambda word: (self._frequency[word], word))
        return rarest_first[: len(words) - math.floor(NEAR_DUPLICATE_SIMILARITY * len(words)) + 1]


def normalised(text: str) -> str:
    return " ".join(text.split()).casefold()


def unique_paragraphs(text: str, spans: Sequence[Span]) -> tuple[list[Span], list[Span]]:
    """Split ``spans`` into first occurrences and repeats (exact or near-duplicate) of them."""
    word_sets = [word_set(span.slice(text)) for span in spans]
    comparable = [words for words in word_sets if len(words) >= _MIN_WORDS_FOR_NEAR]
    earlier = NearDuplicateIndex(comparable)
    kept: list[Span] = []
    repeats: list[Span] = []
    seen_exact: set[str] = set()
    for span, words in zip(spans, word_sets, strict=True):
        key = span.slice(text)
        near = len(words) >= _MIN_WORDS_FOR_NEAR
        if key in seen_exact or (near and earlier.near_duplicates(words)):
            repeats.append(span)
            continue
        seen_exact.add(key)
        if near:
            earlier.add(words)
        kept.append(span)
    return kept, repeats
