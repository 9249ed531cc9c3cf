"""Properties that hold for any text: cleaning never fails, and every span points into it."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.records import Span
from tests.conftest import cleaned

PIECES = [
    "MOSCOW (AP) — ",
    "KYIV, Ukraine (Reuters) - ",
    "(AP Photo/Ann Berg)",
    " REUTERS/Stringer",
    "Saturday, Nov. 7, 2020.",
    "Feb. 30, 2021",
    " are seen ",
    "said Sunday",
    "FILE - ",
    "\n",
    "\n\n",
    " ",
    "—",
    "Shelling killed three civilians",
]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=30)), max_size=25).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_clean_spans_lie_inside_the_text_and_never_overlap(text: str) -> None:
    document = cleaned(text)
    spans: list[Span] = [*document.body, *document.repeated]
    spans += [span for caption in document.captions for span in caption.spans]
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
        assert span.slice(text).strip() == span.slice(text)
    ordered = sorted(spans, key=lambda s: s.start)
    for before, after in itertools.pairwise(ordered):
        assert before.end <= after.start
    if document.dateline:
        assert 0 <= document.dateline.start < document.dateline.end <= len(text)


@settings(max_examples=200, deadline=None)
@given(texts)
def test_clean_keeps_every_word_somewhere(text: str) -> None:
    document = cleaned(text)
    covered = [False] * len(text)
    spans = [*document.body, *document.repeated]
    spans += [span for caption in document.captions for span in caption.spans]
    for span in spans:
        covered[span.start : span.end] = [True] * (span.end - span.start)
    # Whatever is left out of every span is separator: whitespace, or dots between a glued
    # caption and its story.
    assert all(
        ch.isspace() or ch == "." for ch, kept in zip(text, covered, strict=True) if not kept
    )
