"""The rules as data: ``data/events.toml`` (ACLED sub-event types) and ``data/statements.toml``
(statements), loaded and validated by one loader, and looked up by the first letters of their
triggers."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from sitrep import datafiles
from sitrep.extract.events.factuality import BORROWED, NOT_EVENTS
from sitrep.records import (
    EventType,
)

VIOLENT: frozenset[EventType] = frozenset(
    {"battles", "explosions_remote_violence", "violence_against_civilians"}
)
# Families of event types whose reports of one act can differ in type: violence (a lead's air
# strike, a later "the attack killed…"), and a crowd's acts (a march that turned violent).
TYPE_FAMILY: dict[str, str] = {
    "battles": "violence", "explosions_remote_violence": "violence",
    "violence_against_civilians": "violence", "protests": "crowd", "riots": "crowd",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule of ``events.toml`` (an ACLED sub-event type) or of ``statements.toml`` (a
    statement, no sub-event type). ``defers``: a statement that leaves the violence a sentence
    also names to be the event."""

    subtype: str | None
    type: EventType
    plover: str
    patterns: tuple[re.Pattern[str], ...]
    exclusions: tuple[re.Pattern[str], ...] = ()
    defers: bool = False
    leads: frozenset[str] | None = None

    def triggers(self, sentence: str, beginnings: frozenset[str]) -> list[int]:
        """Where the rule's trigger (its first pattern) stands, if the whole rule matches.
        ``beginnings`` are the sentence's word beginnings (``word_beginnings``): a rule none of
        whose leads is among them cannot match, and costs no regular expression."""
        if self.leads is not None and self.leads.isdisjoint(beginnings):
            return []
        return self.starts(sentence)

    def starts(self, sentence: str) -> list[int]:
        """Where the rule's trigger stands, if the whole rule matches (its leads unread)."""
        if not all(p.search(sentence) for p in self.patterns) or any(
            p.search(sentence) for p in self.exclusions
        ):
            return []
        return [match.start() for match in self.patterns[0].finditer(sentence)]


@dataclass(frozen=True, slots=True)
class Act:
    """The act a sentence reports: its rule and where its trigger stands."""

    rule: Rule
    start: int


@dataclass(frozen=True, slots=True)
class _RuleBook:
    """The rules of a data file, in file order, and which of them each lead begins
    (``Rule.leads``): the rules a sentence may match are found from its word beginnings,
    not by trying each rule's leads in turn. On the 1,751 sentences of ``bench.throughput``'s
    articles and the wire dev stories, 12,843 of 117,317 pairs of a sentence and a rule can
    match; ``acled_act`` and ``statement_acts`` read them all in 0.29 CPU seconds instead of
    0.33 (best of 7 runs)."""

    rules: tuple[Rule, ...]
    by_lead: dict[str, tuple[int, ...]]
    everywhere: frozenset[int]  # rules with no leads: tried in every sentence

    @classmethod
    def of(cls, rules: tuple[Rule, ...]) -> _RuleBook:
        by_lead: dict[str, list[int]] = {}
        for position, rule in enumerate(rules):
            for lead in rule.leads or ():
                by_lead.setdefault(lead, []).append(position)
        everywhere = frozenset(i for i, rule in enumerate(rules) if rule.leads is None)
        return cls(rules, {lead: tuple(found) for lead, found in by_lead.items()}, everywhere)

    def candidates(self, beginnings: frozenset[str]) -> list[Rule]:
        """The rules, in file order, that may match a sentence with these word beginnings."""
        found = set(self.everywhere)
        for lead in self.by_lead.keys() & beginnings:
            found.update(self.by_lead[lead])
        return [self.rules[position] for position in sorted(found)]


@cache
def _rule_book(name: str) -> _RuleBook:
    return _RuleBook.of(_load_rules(name))


@cache
def _load_rules(name: str) -> tuple[Rule, ...]:
    """The rules of a data file: ``events.toml`` (each with its ACLED sub-event type and event
    type) or ``statements.toml`` (statements: no sub-event type)."""
    return tuple(
        Rule(
            entry.get("subtype"),
            entry.get("type", "statement"),
            entry["plover"],
            tuple(re.compile(pattern, re.IGNORECASE) for pattern in entry["all"]),
            tuple(re.compile(pattern, re.IGNORECASE) for pattern in entry.get("none", [])),
            entry.get("defers", False),
            _leads(entry["all"][0]),
        )
        for entry in datafiles.load(name)["rule"]
    )


def event_rules() -> tuple[Rule, ...]:
    return _load_rules("events.toml")


@cache
def _subtype_rules() -> dict[str, Rule]:
    """The first rule of each ACLED sub-event type in ``events.toml``."""
    found: dict[str, Rule] = {}
    for rule in event_rules():
        if rule.subtype is not None:
            found.setdefault(rule.subtype, rule)
    return found


def plover_of(subtype: str) -> str | None:
    """The PLOVER type of an ACLED sub-event type, as its first rule gives it ("Other" has
    none)."""
    rule = _subtype_rules().get(subtype)
    return rule.plover if rule else None


_LEAD = 6  # letters of a lead: enough to tell most triggers apart, few to look up


def _leads(pattern: str) -> frozenset[str] | None:
    """How a match of ``pattern`` can begin: the first (up to six) letters of each of its
    alternatives, lower case, read from the pattern's text. None when the pattern does not
    begin at a word boundary or an alternative begins with anything but a literal ("\\S", a
    class): every sentence must then be tried."""
    if not pattern.startswith("\\b"):  # a match may begin inside a word
        return None
    leads = _alternatives_leads(pattern)
    return frozenset(leads) if leads is not None else None


def _alternatives_leads(pattern: str) -> set[str] | None:
    leads: set[str] = set()
    for alternative in _split_alternatives(pattern):
        found = _alternative_leads(alternative)
        if found is None:
            return None
        leads |= found
    return leads


def _alternative_leads(pattern: str) -> set[str] | None:
    while pattern.startswith("\\b") or pattern.startswith(("(?<!", "(?<=", "(?=", "(?!")):
        pattern = pattern[2:] if pattern.startswith("\\b") else pattern[_group_end(pattern) :]
    if pattern.startswith("("):
        end = _group_end(pattern)
        inner = _alternatives_leads(pattern[3 if pattern.startswith("(?:") else 1 : end - 1])
        if inner is None or pattern[end : end + 1] not in ("?", "*"):
            return inner
        after = _alternative_leads(pattern[end + 1 :].removeprefix("?"))  # optional group
        return None if after is None else inner | after
    letters = re.match(r"[A-Za-z]+(?![?*{])|[A-Za-z]*(?=[A-Za-z][?*{])", pattern)
    if letters and letters.group(0):
        return _extended(letters.group(0), pattern[letters.end() :])
    literal = re.match(r"\\([^\w\s])|([^\w\s\\.()\[\]|?*+{}^$])", pattern)
    if literal:
        return {literal.group(1) or literal.group(2)}
    return None


def _extended(letters: str, rest: str) -> set[str]:
    """The leads of ``letters`` followed by ``rest``: the letters, and where they are shorter
    than a lead and a group that must match follows them, the letters with each of its
    alternatives' leads, when these are letters too ("h(?:eld|olds?)": "held" and "hold", not
    "h", which begins a word of most sentences). On ``bench.throughput``'s 458 sentences the
    statement rules so looked up are tried 1,992 times instead of 2,299 (71 match), and their
    regular expressions take a quarter less time."""
    if len(letters) < _LEAD and rest.startswith("("):
        end = _group_end(rest)
        if rest[end : end + 1] not in ("?", "*", "{"):
            inner = _alternatives_leads(rest[3 if rest.startswith("(?:") else 1 : end - 1])
            if inner and all(lead.isalpha() for lead in inner):
                return {(letters + lead)[:_LEAD].lower() for lead in inner}
    return {letters[:_LEAD].lower()}


def _split_alternatives(pattern: str) -> list[str]:
    """The alternatives of ``pattern`` at its top level (inside no group or class)."""
    cuts = [index for index, char, depth in _structure(pattern) if char == "|" and depth == 0]
    bounds = [-1, *cuts, len(pattern)]
    return [pattern[start + 1 : end] for start, end in itertools.pairwise(bounds)]


def _group_end(pattern: str) -> int:
    """Where the group that ``pattern`` begins with ends (just after its parenthesis)."""
    for index, char, depth in _structure(pattern):
        if char == ")" and depth == 0:
            return index + 1
    return len(pattern)


def _structure(pattern: str) -> Iterator[tuple[int, str, int]]:
    """Each character of a regular expression that is neither escaped nor inside a character
    class, with the depth of groups after it: what the pattern's structure is made of."""
    depth, index, in_class = 0, 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        else:
            in_class = char == "["
            depth += {"(": 1, ")": -1}.get(char, 0)
            yield index, char, depth
        index += 1


# The sentences whose word beginnings and ACLED act are kept, for one article at a time
# (``forget_sentences``): its stages ask for a sentence's act again (typing, then
# ``stage._unanchored``; a clause's, then its sentence's): on ``bench.throughput``'s articles
# and the wire dev stories, 532 of 2,559 asks were for a text its article had asked for
# before. An article's texts are far fewer than this.
_SENTENCES_KEPT = 1 << 12


def forget_sentences() -> None:
    """Drop the sentences kept: an article's are seldom another's, and a benchmark that reads
    the same articles again must not find them kept."""
    word_beginnings.cache_clear()
    acled_act.cache_clear()


@lru_cache(maxsize=_SENTENCES_KEPT)
def word_beginnings(sentence: str) -> frozenset[str]:
    """The first one to six characters of each word of the sentence, lower case, and its
    punctuation marks: what a rule's leads are looked up in."""
    words = re.findall(r"\w+|[^\w\s]", sentence.lower())
    return frozenset(word[:size] for word in words for size in range(1, _LEAD + 1))


@lru_cache(maxsize=_SENTENCES_KEPT)
def acled_act(sentence: str) -> Act | None:
    """The first rule of ``events.toml`` the sentence matches, at its first trigger."""
    for rule in _rule_book("events.toml").candidates(word_beginnings(sentence)):
        starts = rule.starts(sentence)
        if starts:
            if NOT_EVENTS.search(sentence) or BORROWED.search(sentence):
                return None
            return Act(rule, starts[0])
    return None


def statement_acts(sentence: str) -> list[Act]:
    """Every trigger of every statement rule the sentence matches, rules in file order."""
    acts = [
        Act(rule, start)
        for rule in _rule_book("statements.toml").candidates(word_beginnings(sentence))
        for start in rule.starts(sentence)
    ]
    return [] if acts and NOT_EVENTS.search(sentence) else acts
