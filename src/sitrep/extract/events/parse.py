"""Reading the dependency parse of one sentence: tokens at offsets, heads, subtrees, subjects."""

from __future__ import annotations

import re

from sitrep.records import (
    Annotated,
    Sentence,
)

_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def subject_words(annotated: Annotated, sentence: Sentence, index: int) -> str | None:
    """The words of the subject of the verb at token ``index``: its head with the words before
    it and an "of"/"for" phrase after it ("a spokesman for the rebels"), not the dateline nor a
    time ("Russian troops on Wednesday" is "Russian troops")."""
    tokens = annotated.tokens
    dateline = annotated.document.dateline
    body_start = dateline.end if dateline else 0
    for child in children(annotated, sentence, index):
        if tokens[child].dep not in ("nsubj", "nsubjpass"):
            continue
        if tokens[child].start < body_start:  # the dateline's "Colombia", with "army" its appos
            child = next(
                (
                    c
                    for c in children(annotated, sentence, child)
                    if tokens[c].dep == "appos" and tokens[c].start >= body_start
                ),
                -1,
            )
            if child < 0:
                continue
        first, last = subtree(annotated, sentence, child)
        last = child
        for part in children(annotated, sentence, child):
            if part > child and tokens[part].text.lower() in ("of", "for"):
                last = max(last, subtree(annotated, sentence, part)[1])
        words = annotated.document.article.text[tokens[first].start : tokens[last].end]
        return _LEADING_ARTICLE.sub("", words.strip()) or None
    return None


def subtree(annotated: Annotated, sentence: Sentence, index: int) -> tuple[int, int]:
    """The first and last token of the phrase headed by token ``index``."""
    first = last = index
    for child in children(annotated, sentence, index):
        low, high = subtree(annotated, sentence, child)
        first, last = min(first, low), max(last, high)
    return first, last


def governs(annotated: Annotated, sentence: Sentence, head: int, offset: int) -> bool:
    """Whether the word at offset ``head`` governs the word at ``offset`` in the parse, along
    arcs that are not coordination: "condemned the shelling", "resigned after weeks of
    protests"; not "rejected the truce and shelled the town", nor "protested, demanding"."""
    ruler = token_at(annotated, sentence, head)
    index = token_at(annotated, sentence, offset)
    tokens = annotated.tokens
    if ruler is None or index is None or ruler == index:
        return False
    for _ in range(sentence.token_end - sentence.token_start):
        if tokens[index].dep == "conj" or tokens[index].head == index:
            return False
        index = tokens[index].head
        if index == ruler:
            return True
    return False


def is_subject(annotated: Annotated, sentence: Sentence, offset: int) -> bool:
    """Whether the word at ``offset`` is a subject: protesters who demand are protesting."""
    index = token_at(annotated, sentence, offset)
    return index is not None and annotated.tokens[index].dep in ("nsubj", "nsubjpass")


def token_at(annotated: Annotated, sentence: Sentence, offset: int) -> int | None:
    """The token at ``offset`` of the sentence's text (or the first after it)."""
    position = sentence.start + offset
    for index in range(sentence.token_start, sentence.token_end):
        if annotated.tokens[index].end > position:
            return index
    return None


def parse_depth(annotated: Annotated, sentence: Sentence, offset: int) -> int:
    """How many arcs of the parse separate the token at ``offset`` from the sentence's root."""
    index = token_at(annotated, sentence, offset)
    if index is None:
        return len(annotated.tokens)
    depth = 0
    while annotated.tokens[index].head != index and depth < sentence.token_end:
        index = annotated.tokens[index].head
        depth += 1
    return depth


def children(annotated: Annotated, sentence: Sentence, index: int) -> list[int]:
    tokens = annotated.tokens
    return [
        i for i in range(sentence.token_start, sentence.token_end) if tokens[i].head == index != i
    ]


_PLACE_PREPOSITIONS = frozenset(
    {"in", "at", "near", "through", "into", "across", "outside", "inside", "around", "along"}
)


def in_place_phrase(annotated: Annotated, sentence: Sentence, offset: int) -> bool:
    """Whether the word at ``offset`` follows "in", "near", "through"...: a place the tagger
    took for a name ("through the Rafah crossing")."""
    index = token_at(annotated, sentence, offset)
    tokens = annotated.tokens
    while index is not None and tokens[index].dep == "compound" and tokens[index].head != index:
        index = tokens[index].head
    return (
        index is not None
        and tokens[index].dep == "pobj"
        and tokens[tokens[index].head].text.lower() in _PLACE_PREPOSITIONS
    )
