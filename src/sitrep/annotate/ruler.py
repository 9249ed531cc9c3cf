"""The model's attribute ruler with its patterns looked up by token, same annotations.

spaCy's ``AttributeRuler`` runs a ``Matcher`` that tries each of its patterns at every token:
the English model's 179 patterns (its tag map and exceptions: ``[{"TAG": "NN"}]`` sets
``NOUN``; ``[{"LOWER": "gon"}, {"LOWER": "na"}]`` sets lemmas) cost about 19 µs a token, 12%
of the parse (0.21 of 1.71 CPU seconds on ``bench.throughput``'s 15 articles). Nearly every
pattern fixes its first token's tag, lower-case form, dependency or whitespace, so here a
pattern is found by that value and tried only where it can match: the same matches, in the
same order, set by spaCy's own ``set_token_attrs``, at under a third of the cost (0.06 s
instead of 0.21 on the same articles). A ruler with a pattern this lookup does not read (an
operator, another attribute or predicate) falls back to spaCy's matcher whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, ORTH, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

FACTORY = "sitrep_indexed_attribute_ruler"

# The token attributes a pattern may test, in the order of the columns of ``Doc.to_array``;
# a pattern that tests anything else falls back to spaCy's matcher.
_COLUMNS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3, "ORTH": 4, "TEXT": 4}
_ARRAY = [TAG, LOWER, DEP, IS_SPACE, ORTH]
# Which equality a pattern is filed under when its first token has several: the rarest
# value first (a word, then a tag, a dependency, whitespace).
_KEY_ORDER = (4, 1, 0, 2, 3)

_Row = Sequence[int]
_Match = tuple[int, int, int, int]  # entry, match id, start, end: as AttributeRuler.match


@dataclass(frozen=True, slots=True)
class _Check:
    """One test of one token: its attribute's column and what the value must be. A regular
    expression's answers are kept by value: a word is tested once per process."""

    column: int
    how: str  # "eq", "in", "not_in" or "regex"
    value: Any
    answers: dict[int, bool] = field(default_factory=dict, compare=False)

    def passes(self, row: _Row, strings: Any) -> bool:
        found = row[self.column]
        if self.how == "eq":
            return bool(found == self.value)
        if self.how == "in":
            return found in self.value
        if self.how == "not_in":
            return found not in self.value
        answer = self.answers.get(found)
        if answer is None:
            answer = self.answers[found] = self.value.search(strings[found]) is not None
        return answer


@dataclass(frozen=True, slots=True)
class _Pattern:
    """One matcher pattern of the ruler's entry ``rule``: a fixed run of token tests.
    ``rest``: the tests left once the one it is filed under (``_keys``) has passed, with the
    offset of their token."""

    rule: int
    match_id: int
    tokens: tuple[tuple[_Check, ...], ...]
    rest: tuple[tuple[int, _Check], ...] = ()

    def matches_at(self, rows: Sequence[_Row], start: int, strings: Any) -> bool:
        """Whether the pattern matches at ``start``, its filing test passed already."""
        if start + len(self.tokens) > len(rows):
            return False
        return all(check.passes(rows[start + offset], strings) for offset, check in self.rest)


@dataclass(frozen=True, slots=True)
class _Lookup:
    """The patterns filed by a value their first token must have (a table per column), and
    those with no such value, tried everywhere."""

    tables: tuple[tuple[int, dict[int, list[_Pattern]]], ...]
    everywhere: tuple[_Pattern, ...]

    def matches(self, doc: Doc) -> list[_Match]:
        """What ``AttributeRuler.match`` gives: (entry, match id, start, end), sorted."""
        rows = doc.to_array(_ARRAY).tolist()
        strings = doc.vocab.strings
        found: set[_Match] = set()
        for start, row in enumerate(rows):
            for column, table in self.tables:
                for pattern in table.get(row[column], ()):
                    if pattern.matches_at(rows, start, strings):
                        found.add(
                            (pattern.rule, pattern.match_id, start, start + len(pattern.tokens))
                        )
            for pattern in self.everywhere:
                if pattern.matches_at(rows, start, strings):
                    found.add((pattern.rule, pattern.match_id, start, start + len(pattern.tokens)))
        return sorted(found)


def _value_id(value: Any) -> int | None:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str | int):
        return get_string_id(value)
    return None


def _check(attribute: str, value: Any) -> _Check | None:
    """The test of one attribute of a token pattern, None where the lookup cannot read it."""
    column = _COLUMNS.get(attribute.upper())
    if column is None:
        return None
    if not isinstance(value, dict):
        found = _value_id(value)
        return None if found is None else _Check(column, "eq", found)
    if len(value) != 1:
        return None
    ((how, argument),) = value.items()
    if how == "REGEX" and isinstance(argument, str) and column != 3:
        return _Check(column, "regex", re.compile(argument))
    if how in ("IN", "NOT_IN") and isinstance(argument, list):
        ids = [_value_id(item) for item in argument]
        if any(found is None for found in ids):
            return None
        return _Check(column, how.lower(), frozenset(ids))
    return None


def _token_checks(token: Any) -> tuple[_Check, ...] | None:
    """The tests of one token of a pattern, None where the lookup cannot read one."""
    if not isinstance(token, dict) or not token:
        return None
    checks = []
    for attribute, value in token.items():
        check = _check(attribute, value)
        if check is None:
            return None
        checks.append(check)
    return tuple(checks)


def _pattern_checks(pattern: Any) -> tuple[tuple[_Check, ...], ...] | None:
    """The tests of each token of a pattern, None where the lookup cannot read one."""
    tokens = []
    for token in pattern or [None]:
        checks = _token_checks(token)
        if checks is None:
            return None
        tokens.append(checks)
    return tuple(tokens)


def _filing(tokens: tuple[tuple[_Check, ...], ...]) -> tuple[_Check | None, list[int]]:
    """The test of its first token a pattern is filed under and the values it is filed by:
    one of its equalities, else the values of one of its sets; none where it has neither."""
    first = tokens[0]
    for how in ("eq", "in"):
        for column in _KEY_ORDER:
            for check in first:
                if check.column == column and check.how == how:
                    return check, [check.value] if how == "eq" else sorted(check.value)
    return None, []


def build_lookup(entries: Iterable[tuple[int, int, list[Any], int]]) -> _Lookup | None:
    """The lookup of a ruler's entries (entry, match id, its matcher patterns, its token
    index), None where one of them is beyond it."""
    tables: dict[int, dict[int, list[_Pattern]]] = {}
    everywhere: list[_Pattern] = []
    for rule, match_id, patterns, index in entries:
        for pattern in patterns:
            tokens = _pattern_checks(pattern)
            if tokens is None or not -len(tokens) <= index < len(tokens):
                return None
            filed, values = _filing(tokens)
            rest = tuple(
                (offset, check)
                for offset, token in enumerate(tokens)
                for check in token
                if check is not filed
            )
            compiled = _Pattern(rule, match_id, tokens, rest)
            if filed is None:
                everywhere.append(compiled)
                continue
            table = tables.setdefault(filed.column, {})
            for value in values:
                table.setdefault(value, []).append(compiled)
    return _Lookup(tuple(sorted(tables.items())), tuple(everywhere))


class IndexedAttributeRuler(AttributeRuler):
    """``AttributeRuler`` whose patterns are looked up by token (the module's docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._lookup: _Lookup | None = None
        self._looked_up = False

    def add(self, patterns: Any, attrs: dict[Any, Any], index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._looked_up = False

    def clear(self) -> None:
        super().clear()
        self._looked_up = False

    def _current_lookup(self) -> _Lookup | None:
        if not self._looked_up:
            strings = self.vocab.strings
            self._lookup = build_lookup(
                (rule, strings[str(rule)], self.matcher.get(str(rule))[1], index)
                for rule, index in enumerate(self.indices)
            )
            self._looked_up = True
        return self._lookup

    def match(self, doc: Doc) -> list[_Match]:
        lookup = self._current_lookup()
        return super().match(doc) if lookup is None else lookup.matches(doc)

    def set_annotations(self, doc: Doc, matches: list[_Match]) -> None:
        """As ``AttributeRuler.set_annotations``, with no ``Span`` made per match: every
        entry's token index lies within its patterns (``build_lookup``)."""
        if self._current_lookup() is None:
            super().set_annotations(doc, matches)  # type: ignore[no-untyped-call]
            return
        for rule, _, start, end in matches:
            index = self.indices[rule]
            set_token_attrs(doc[start + index if index >= 0 else end + index], self.attrs[rule])


@Language.factory(
    FACTORY,
    default_config={
        "validate": False,
        "scorer": {"@scorers": "spacy.attribute_ruler_scorer.v1"},
    },
)
def make_indexed_attribute_ruler(
    nlp: Language, name: str, validate: bool, scorer: Callable[..., Any] | None
) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(nlp.vocab, name, validate=validate, scorer=scorer)


def index_attribute_ruler(nlp: Any, name: str = "attribute_ruler") -> None:
    """Replace the pipeline's attribute ruler ``name`` by an ``IndexedAttributeRuler`` with
    the same patterns, in the same place; a pipeline without one is left as it is."""
    if name not in nlp.pipe_names or isinstance(nlp.get_pipe(name), IndexedAttributeRuler):
        return
    patterns = nlp.get_pipe(name).patterns
    ruler = nlp.replace_pipe(name, FACTORY)
    ruler.add_patterns(patterns)
