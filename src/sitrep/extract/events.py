"""Events: each sentence that reports political violence, a protest or a strategic development,
with its ACLED type, date, place, actors, toll and claim.

A first, rule-based version. Per sentence of the story and of each distinct caption:

- the type: the first rule of ``data/events.toml`` whose patterns all match;
- the date: the day the sentence names, else the caption's date (in a caption), else the
  publication date; precision from the expression;
- the place: the most specific place the sentence names in an event role (a city over a
  province over a country), else the paragraph's, else the story's first;
- the actors, in the order the sentence names them: state forces from a demonym or a country
  ("Azerbaijani forces", "military forces of Armenia"), named groups (``data/actors.toml``),
  police, protesters, civilians, unidentified gunmen; a state's forces acting in another
  country are ``external``;
- the toll: the killed count of the toll reader;
- the claim: the speaker of a quotation or report that carries the sentence; ``disputed`` when
  another speaker denies or contradicts it;
- ``background`` for history and running totals ("has left hundreds dead", "since 1994").

Statements (``type = "statement"``, with their PLOVER type in ``plover``):

- violence in the future or conditional reports none yet: the parse shows its word under a
  future or modal auxiliary or a verb of threatening, planning or calling for ("threatened to
  strike", "called for rallies", "protesters will march"). The sentence is a statement, typed
  by the rules of ``data/statements.toml`` (REQUEST for "called for"), else THREATEN;
- a sentence with no ACLED trigger is a statement when a rule of ``data/statements.toml`` names
  its act (ACCUSE, REQUEST, REJECT, AGREE, CONSULT...) and it names a political actor (a
  government, an official, a named person, a country, a group). Reporting verbs alone ("said")
  are attribution, not acts. The act whose trigger sits nearest the root of the parse wins; a
  negated cooperative act ("will not attend the talks") is a REJECT; a material act in the
  future is an expressed intent: AGREE for aid or a withdrawal, THREATEN for sanctions;
- a statement whose verb governs the violence it names ("condemned the shelling", "denied
  shelling the town", "urged an end to the air strikes") is the statement, not the violence,
  unless the rule defers to it (an accusation reports the violence it alleges). Protesters stay
  protesters whatever they demand ("protesters demanded", "rallied, demanding");
- a few non-violent acts keep the ACLED type the rule gives them: raids, curfews and
  movements of forces are a strategic development, "Change to group/activity" (COERCE,
  MOBILIZE).

Figures on ACLED's own event descriptions are in ``bench/README.md`` (``python -m bench.acled``),
on PLOVER's example sentences too (``python -m bench.plover``).
"""

from __future__ import annotations

import hashlib
import itertools
import re
import tomllib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from importlib import resources

from sitrep.extract.tolls import read_toll
from sitrep.records import (
    Actor,
    ActorKind,
    Annotated,
    Claim,
    ClaimStatus,
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

_SPECIFICITY = {"city": 0, "landmark": 0, "crossing": 0, "admin2": 1, "admin1": 2, "region": 2}
_NOT_EVENTS = re.compile(
    r"\b(?:price war|trade war|war of words|battle for (?:market|the)|market share|"
    r"shares? (?:were |was )?(?:killed|hit)|killed (?:the|a) (?:bill|deal|proposal|motion))",
    re.IGNORECASE,
)
_BACKGROUND = re.compile(
    r"\b(?:ha(?:s|ve) left|since (?:\d{4}|the (?:start|beginning|outbreak))|so far|in total|"
    r"over the past|in recent (?:weeks|months|years)|ha(?:s|ve) (?:killed|displaced) more|"
    r"the (?:war|conflict|fighting) (?:has|have)|under .{0,40} control since|ha(?:s|ve) been "
    r"(?:under|killed) since)",
    re.IGNORECASE,
)
_STATE_NOUNS = (
    r"(?i:forces|army|troops|military|soldiers|servicem[ae]n|border guards|air forces?|navy|"
    r"artillery|units|armed forces|drones?|warplanes?|jets?|uavs?|helicopters?|aircraft|"
    r"fighter jets?|side|positions)"
)
_STATE_BY_DEMONYM = re.compile(
    rf"\b(?P<word>[A-Z][a-z]+(?:ian|ani|ese|ish|ean|an|i|ic|n))\s+(?:\w+\s+)?"
    rf"(?:{_STATE_NOUNS}|shelling|strikes?|airstrikes?|air strikes?|fire|attacks?|bombardment)\b"
)
_STATE_BY_COUNTRY = re.compile(
    rf"\b(?:(?:military|armed) forces of|forces of|army of|troops of)\s+(?:the\s+)?"
    rf"(?P<country>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)|\b(?P<owner>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)'s\s+"
    rf"{_STATE_NOUNS}\b"
)
# Forces named by their government, not their country: the state of the place they act in.
_REGIME = re.compile(
    r"\b(?:regime|government forces|government troops|pro-government forces|state forces)\b",
    re.IGNORECASE,
)
_REBELS = re.compile(
    r"\b(?:opposition rebels|rebels|insurgents|opposition fighters|opposition factions|"
    r"opposition groups?)\b",
    re.IGNORECASE,
)
_POLICE = re.compile(
    r"\b(?:police(?:m[ae]n|\s+officers?)?|security forces|law enforcement|riot police)\b",
    re.IGNORECASE,
)
_PROTESTERS = re.compile(
    r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ied|ies)|picket\w*|activists|residents|"
    r"gathered|a group of people)\b",
    re.IGNORECASE,
)
_RIOTERS = re.compile(r"\b(?:rioters|mob)\b", re.IGNORECASE)
_CIVILIANS = re.compile(
    r"\b(?:civilians?|residents?|villagers?|a (?:man|woman|child|boy|girl)|men|women|children|"
    r"farmers?|shepherds?|passengers|worshippers|pilgrims|journalists?|family|people|doctors?|"
    r"nurses?|teachers?|(?:the )?head of|mayor|officials?|priest|activists?|employees|workers)\b",
    re.IGNORECASE,
)
_UNIDENTIFIED = re.compile(
    r"\b(?:gunmen|unidentified (?:armed )?(?:men|gunmen|assailants|attackers|group)|"
    r"unknown (?:armed )?(?:men|gunmen|assailants|attackers)|armed men|militants)\b",
    re.IGNORECASE,
)
_INTERVENTION = re.compile(
    r"\b(?:detain|arrest|dispers|prevent|tear gas|water cannon|rubber bullets|broke up|"
    r"blocked|removed|beat)",
    re.IGNORECASE,
)
_AGENT_BEFORE = re.compile(r"\bby\s+(?:the\s+|an?\s+)?(?:\w+\s+)?\Z", re.IGNORECASE)
_DENIAL = re.compile(
    r"\b(?:denied|denies|deny|rejected|false|not true|continuing|continues|fake|lies)\b",
    re.IGNORECASE,
)


# Statement actors: officials and bodies that speak for a state or a group.
_OFFICIALS = (
    r"(?:government|cabinet|administration|authorities|(?:foreign |defen[cs]e |interior )?"
    r"ministry|(?:prime |foreign |defen[cs]e |interior )?minister|president|presidency|premier|"
    r"chancellor|officials?|spokes(?:man|woman|person)|diplomats?|ambassador|envoy|embassy|"
    r"parliament|lawmakers|legislature|leaders?(?:hip)?|prosecutors?|court)"
)
_OFFICIALS_OF_STATE = re.compile(
    rf"\b(?P<word>[A-Z][a-z]+(?:ian|ani|ese|ish|ean|an|i|ic|n))\s+(?:\w+\s+)?(?i:{_OFFICIALS})\b|"
    rf"\b(?P<owner>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)['’]s\s+(?:\w+\s+)?(?i:{_OFFICIALS})\b|"
    rf"\b(?i:{_OFFICIALS})\s+of\s+(?:the\s+)?(?P<country>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"
)
_OFFICIALS_ALONE = re.compile(rf"\b{_OFFICIALS}\b", re.IGNORECASE)
_GROUPS = re.compile(
    r"\b(?:protesters|demonstrators|activists|opposition|(?:trade |labou?r )?unions?|"
    r"political part(?:y|ies)|army|military|troops|armed forces|militants|rebels)\b",
    re.IGNORECASE,
)
# Named organisations that are political: states' bodies, parties, movements, international
# bodies and acronyms ("NATO", "OSCE"), not companies.
_POLITICAL_ORG = re.compile(
    r"(?i:\b(?:ministry|government|council|parliament|assembly|congress|senate|party|front|"
    r"movement|union|nations|organi[sz]ation|committee|commission|court|army|forces|police|"
    r"league|alliance|coalition|brigades?|guard|office|agency|bank|fund|department|house|"
    r"kremlin|pentagon|embassy)\b)|^(?:[Tt]he\s+)?[A-Z]{2,6}$"
)
_CROWDS = re.compile(r"\b(?:protesters|demonstrators|activists)\b", re.IGNORECASE)
_FUTURE_AUX = frozenset({"will", "would", "'ll", "could", "may", "might", "shall"})
_FUTURE_VERBS = frozenset(
    {"plan", "intend", "prepare", "expect", "aim", "seek", "want", "threaten", "vow", "warn",
     "pledge", "promise", "call", "urge", "demand", "ask"}
)  # fmt: skip
# A cooperative act that is negated is a rejection ("will not attend the talks"); a material act
# in the future is an intent: to cooperate (AGREE) or to coerce (THREATEN).
_COOPERATIVE = frozenset({"AGREE", "SUPPORT", "CONSULT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
_INTENT = {
    "AID": "AGREE", "COOPERATE": "AGREE", "CONCEDE": "AGREE", "RETREAT": "AGREE",
    "CONSULT": "AGREE", "SANCTION": "THREATEN", "COERCE": "THREATEN", "MOBILIZE": "THREATEN",
    "PROTEST": "THREATEN",
}  # fmt: skip
_VIOLENT: frozenset[EventType] = frozenset(
    {"battles", "explosions_remote_violence", "violence_against_civilians"}
)
# Verbs by which a party denies an act or someone confirms it: the sentence then reports the
# act, with that claim status ("The army denied shelling the camp", "UN monitors confirmed the
# strike"), so that a denial or a confirmation in one article meets the claim in another.
_STANCE_VERBS: dict[str, ClaimStatus] = {
    "deny": "denied",
    "dismiss": "denied",
    "refute": "denied",
    "confirm": "confirmed",
    "verify": "confirmed",
    "corroborate": "confirmed",
}
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Rule:
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
        ``beginnings`` are the sentence's word beginnings (``_beginnings``): a rule none of
        whose leads is among them cannot match, and costs no regular expression."""
        if self.leads is not None and self.leads.isdisjoint(beginnings):
            return []
        if not all(p.search(sentence) for p in self.patterns) or any(
            p.search(sentence) for p in self.exclusions
        ):
            return []
        return [match.start() for match in self.patterns[0].finditer(sentence)]


@dataclass(frozen=True, slots=True)
class _Act:
    """The act a sentence reports: its rule and where its trigger stands."""

    rule: _Rule
    start: int


@dataclass(frozen=True, slots=True)
class _NamedActor:
    name: str
    kind: ActorKind
    country: str | None
    pattern: re.Pattern[str]


@cache
def _load_rules(name: str) -> tuple[_Rule, ...]:
    """The rules of a data file: ``events.toml`` (each with its ACLED sub-event type and event
    type) or ``statements.toml`` (statements: no sub-event type)."""
    data = resources.files("sitrep.data").joinpath(name).read_bytes()
    return tuple(
        _Rule(
            entry.get("subtype"),
            entry.get("type", "statement"),
            entry["plover"],
            tuple(re.compile(pattern, re.IGNORECASE) for pattern in entry["all"]),
            tuple(re.compile(pattern, re.IGNORECASE) for pattern in entry.get("none", [])),
            entry.get("defers", False),
            _leads(entry["all"][0]),
        )
        for entry in tomllib.loads(data.decode("utf-8"))["rule"]
    )


def _rules() -> tuple[_Rule, ...]:
    return _load_rules("events.toml")


def _statement_rules() -> tuple[_Rule, ...]:
    return _load_rules("statements.toml")


@cache
def _named_actors() -> tuple[_NamedActor, ...]:
    data = resources.files("sitrep.data").joinpath("actors.toml").read_bytes()
    actors = []
    for entry in tomllib.loads(data.decode("utf-8"))["actor"]:
        aliases = "|".join(re.escape(alias).replace("'", "['’]") for alias in entry["aliases"])
        actors.append(
            _NamedActor(
                entry["name"],
                entry["kind"],
                entry.get("country"),
                re.compile(rf"\b(?:{aliases})\b"),
            )
        )
    return tuple(actors)


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
        return {letters.group(0)[:_LEAD].lower()}
    literal = re.match(r"\\([^\w\s])|([^\w\s\\.()\[\]|?*+{}^$])", pattern)
    if literal:
        return {literal.group(1) or literal.group(2)}
    return None


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


def _beginnings(sentence: str) -> frozenset[str]:
    """The first one to six characters of each word of the sentence, lower case, and its
    punctuation marks: what a rule's leads are looked up in."""
    words = re.findall(r"\w+|[^\w\s]", sentence.lower())
    return frozenset(word[:size] for word in words for size in range(1, _LEAD + 1))


def _acled_act(sentence: str, beginnings: frozenset[str] | None = None) -> _Act | None:
    """The first rule of ``events.toml`` the sentence matches, at its first trigger."""
    beginnings = _beginnings(sentence) if beginnings is None else beginnings
    for rule in _rules():
        starts = rule.triggers(sentence, beginnings)
        if starts:
            return None if _NOT_EVENTS.search(sentence) else _Act(rule, starts[0])
    return None


def classify(sentence: str) -> tuple[str, EventType, str] | None:
    """The ACLED sub-event type, event type and PLOVER type a sentence reports, if any."""
    act = _acled_act(sentence)
    if act is None or act.rule.subtype is None:
        return None
    return act.rule.subtype, act.rule.type, act.rule.plover


def _statement_acts(sentence: str, beginnings: frozenset[str] | None = None) -> list[_Act]:
    """Every trigger of every statement rule the sentence matches, rules in file order."""
    beginnings = _beginnings(sentence) if beginnings is None else beginnings
    acts = [
        _Act(rule, start)
        for rule in _statement_rules()
        for start in rule.triggers(sentence, beginnings)
    ]
    return [] if acts and _NOT_EVENTS.search(sentence) else acts


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
    stances = [_stance(annotated, sentence) for sentence in annotated.sentences]
    typed = [
        (sentence, stance.kind if stance else _kind(annotated, sentence))
        for sentence, stance in zip(annotated.sentences, stances, strict=True)
    ]
    nearby = _nearby_places(annotated, places)
    for index, (sentence, found) in enumerate(typed):
        sentence_text = text[sentence.start : sentence.end]
        if found is None:
            continue
        subtype, event_type, plover = found
        place = nearby[index]
        country = place.country if place else _main_country(places)
        officials = (
            _officials(annotated, sentence, gazetteer, places) if event_type == "statement" else []
        )
        actors = _actors(sentence_text, gazetteer, country, event_type, officials)
        when, precision = _date(annotated, sentence, dates)
        toll = read_toll(text, sentence.start, sentence.end).killed or _toll_after(
            annotated, typed, index
        )
        claim = _claim(sentence, quotes, place)
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
                background=bool(_BACKGROUND.search(sentence_text)),
                confidence=_confidence(place, actors, when),
            )
        )
    return tuple(_with_intervention(annotated, _merge_continuations(annotated, events)))


def _kind(annotated: Annotated, sentence: Sentence) -> tuple[str | None, EventType, str] | None:
    """The ACLED sub-event type, event type and PLOVER type the sentence reports, if any."""
    text = annotated.document.article.text[sentence.start : sentence.end]
    beginnings = _beginnings(text)
    violence = _acled_act(text, beginnings)
    acts = _statement_acts(text, beginnings)
    statement = _statement(annotated, sentence, acts)
    if violence is not None:
        rule = violence.rule
        trigger = _token_at(annotated, sentence, violence.start)
        if trigger is not None and _future(annotated, sentence, trigger):
            if statement is not None:
                return None, "statement", statement.plover
            # An agreement or a withdrawal to come is an intent to cooperate, violence a threat.
            intent = "AGREE" if rule.plover in _COOPERATIVE else "THREATEN"
            return None, "statement", intent
        deferring = rule.type in _VIOLENT
        if (
            statement is not None
            and statement.plover != rule.plover
            and not (statement.rule.defers and deferring)
            and any(
                _governs(annotated, sentence, act.start, violence.start)
                for act in acts
                if not (act.rule.defers and deferring)
            )
            and not (
                rule.type in ("protests", "riots")
                and _is_subject(annotated, sentence, violence.start)
            )
        ):
            return statement.kind
        return rule.subtype, rule.type, rule.plover
    if statement is not None and _names_political_actor(annotated, sentence, text):
        return statement.kind
    return None


@dataclass(frozen=True, slots=True)
class _Stance:
    """A violent act that a party denies or someone confirms, and who."""

    rule: _Rule
    status: ClaimStatus
    by: str | None

    @property
    def kind(self) -> tuple[str | None, EventType, str]:
        return self.rule.subtype, self.rule.type, self.rule.plover

    def claim(self, carried: Claim) -> Claim:
        """The claim: the denier or confirmer, else the speaker who reports the sentence."""
        if self.by:
            return Claim(self.by, None, self.status)
        return Claim(carried.by, carried.by_title, self.status)


def _stance(annotated: Annotated, sentence: Sentence) -> _Stance | None:
    """A violent act governed by a verb of denial or confirmation, if the sentence has one:
    the first rule of ``events.toml``, at any of its triggers, that such a verb governs."""
    text = annotated.document.article.text[sentence.start : sentence.end]
    tokens = annotated.tokens
    verbs = [
        (index, status)
        for index in range(sentence.token_start, sentence.token_end)
        if (status := _STANCE_VERBS.get(tokens[index].lemma.lower()))
    ]
    if not verbs or _NOT_EVENTS.search(text):
        return None
    beginnings = _beginnings(text)
    for rule in _rules():
        if rule.type not in _VIOLENT:
            continue
        for start in rule.triggers(text, beginnings):
            for index, status in verbs:
                if _governs(annotated, sentence, tokens[index].start - sentence.start, start):
                    return _Stance(rule, status, _subject(annotated, sentence, index))
    return None


def _subject(annotated: Annotated, sentence: Sentence, index: int) -> str | None:
    """The words of the subject of the verb at token ``index``: its head with the words before
    it and an "of"/"for" phrase after it ("a spokesman for the rebels"), not the dateline nor a
    time ("Russian troops on Wednesday" is "Russian troops")."""
    tokens = annotated.tokens
    dateline = annotated.document.dateline
    body_start = dateline.end if dateline else 0
    for child in _children(annotated, sentence, index):
        if tokens[child].dep not in ("nsubj", "nsubjpass") or tokens[child].start < body_start:
            continue
        first, last = _subtree(annotated, sentence, child)
        last = child
        for part in _children(annotated, sentence, child):
            if part > child and tokens[part].text.lower() in ("of", "for"):
                last = max(last, _subtree(annotated, sentence, part)[1])
        words = annotated.document.article.text[tokens[first].start : tokens[last].end]
        return _LEADING_ARTICLE.sub("", words.strip()) or None
    return None


def _subtree(annotated: Annotated, sentence: Sentence, index: int) -> tuple[int, int]:
    """The first and last token of the phrase headed by token ``index``."""
    first = last = index
    for child in _children(annotated, sentence, index):
        low, high = _subtree(annotated, sentence, child)
        first, last = min(first, low), max(last, high)
    return first, last


@dataclass(frozen=True, slots=True)
class _Statement:
    """A statement's rule, its PLOVER type (an intent or a refusal may change the rule's) and
    where its trigger stands in the sentence."""

    rule: _Rule
    plover: str
    start: int

    @property
    def kind(self) -> tuple[str | None, EventType, str]:
        """A ``statement``, unless the rule names an ACLED sub-event type for the act as it
        stands (security measures are a "Change to group/activity"); an intent or a refusal
        is a statement whatever the act."""
        if self.rule.subtype is not None and self.plover == self.rule.plover:
            return self.rule.subtype, self.rule.type, self.plover
        return None, "statement", self.plover


def _statement(annotated: Annotated, sentence: Sentence, acts: list[_Act]) -> _Statement | None:
    """The statement of the sentence's ``acts``: the trigger nearest the root of the parse,
    then the earliest, then the first rule's. A negated cooperative act is a rejection (a
    negated accusation or threat is none); a material act in the future is an intent."""
    ranked = sorted(acts, key=lambda act: (_depth(annotated, sentence, act.start), act.start))
    for act in ranked:
        token = _token_at(annotated, sentence, act.start)
        plover = act.rule.plover
        if token is not None and _negated(annotated, sentence, token):
            if plover not in _COOPERATIVE:
                continue
            plover = "REJECT"
        elif plover in _INTENT and token is not None and _future(annotated, sentence, token):
            plover = _INTENT[plover]
        return _Statement(act.rule, plover, act.start)
    return None


def _governs(annotated: Annotated, sentence: Sentence, head: int, offset: int) -> bool:
    """Whether the word at offset ``head`` governs the word at ``offset`` in the parse, along
    arcs that are not coordination: "condemned the shelling", "resigned after weeks of
    protests"; not "rejected the truce and shelled the town", nor "protested, demanding"."""
    ruler = _token_at(annotated, sentence, head)
    index = _token_at(annotated, sentence, offset)
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


def _is_subject(annotated: Annotated, sentence: Sentence, offset: int) -> bool:
    """Whether the word at ``offset`` is a subject: protesters who demand are protesting."""
    index = _token_at(annotated, sentence, offset)
    return index is not None and annotated.tokens[index].dep in ("nsubj", "nsubjpass")


def _token_at(annotated: Annotated, sentence: Sentence, offset: int) -> int | None:
    """The token at ``offset`` of the sentence's text (or the first after it)."""
    position = sentence.start + offset
    for index in range(sentence.token_start, sentence.token_end):
        if annotated.tokens[index].end > position:
            return index
    return None


def _depth(annotated: Annotated, sentence: Sentence, offset: int) -> int:
    """How many arcs of the parse separate the token at ``offset`` from the sentence's root."""
    index = _token_at(annotated, sentence, offset)
    if index is None:
        return len(annotated.tokens)
    depth = 0
    while annotated.tokens[index].head != index and depth < sentence.token_end:
        index = annotated.tokens[index].head
        depth += 1
    return depth


def _children(annotated: Annotated, sentence: Sentence, index: int) -> list[int]:
    tokens = annotated.tokens
    return [
        i for i in range(sentence.token_start, sentence.token_end) if tokens[i].head == index != i
    ]


def _negated(annotated: Annotated, sentence: Sentence, index: int) -> bool:
    """Whether the act at token ``index``, or the verb it is the object of ("would not attend
    the talks"), is negated."""
    tokens = annotated.tokens
    heads = [index]
    if tokens[index].dep in ("dobj", "xcomp", "attr") and tokens[index].head != index:
        heads.append(tokens[index].head)
    return any(
        tokens[i].dep == "neg" for head in heads for i in _children(annotated, sentence, head)
    )


def _future(annotated: Annotated, sentence: Sentence, index: int) -> bool:
    """Whether the act at token ``index`` is still to come: it, or a verb it depends on, has a
    future or modal auxiliary ("would release") or is a plan ("plans to impose")."""
    tokens = annotated.tokens
    for _ in range(sentence.token_end - sentence.token_start):
        if tokens[index].lemma.lower() in _FUTURE_VERBS or any(
            tokens[i].dep == "aux" and tokens[i].text.lower() in _FUTURE_AUX
            for i in _children(annotated, sentence, index)
        ):
            return True
        if tokens[index].head == index:
            return False
        index = tokens[index].head
    return False


def _names_political_actor(annotated: Annotated, sentence: Sentence, text: str) -> bool:
    """Whether the sentence names someone whose acts are political: a person, a country or a
    nationality, a political organisation, an official or a government body, a group."""
    for entity in annotated.entities:
        if sentence.start <= entity.start < sentence.end and (
            entity.label in ("PERSON", "NORP", "GPE")
            or (entity.label == "ORG" and _POLITICAL_ORG.search(entity.text))
        ):
            return True
    generic = (_OFFICIALS_ALONE, _GROUPS, _REBELS, _POLICE, _REGIME, _STATE_BY_DEMONYM)
    return any(p.search(text) for p in generic) or any(
        named.pattern.search(text) for named in _named_actors()
    )


_ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "iobj", "poss", "conj", "appos"})
_ACTOR_PREPOSITIONS = frozenset({"with", "against", "to", "on", "by", "between", "from"})
_PLACE_PREPOSITIONS = frozenset(
    {"in", "at", "near", "through", "into", "across", "outside", "inside", "around", "along"}
)


def _officials(
    annotated: Annotated,
    sentence: Sentence,
    gazetteer: Gazetteer,
    places: Sequence[PlaceMention],
) -> list[tuple[int, Actor]]:
    """The political actors of a statement, with their offsets in the sentence: a country
    named as subject or object stands for its government ("accused Russia"), as do its
    officials ("Ukraine's foreign ministry", "Russian officials", "Russian President Vladimir
    Putin"); a named person; a political organisation. Officials of no named state keep their
    organisation's own name where the tagger gives one ("the Foreign Ministry"), else they are
    a government of unknown country: the dateline is where the reporter is, not whose
    officials speak."""
    text = annotated.document.article.text[sentence.start : sentence.end]
    tokens = annotated.tokens
    entities = [
        (e.start - sentence.start, e.end - sentence.start, e)
        for e in annotated.entities
        if sentence.start <= e.start < sentence.end
    ]
    place_starts = {p.start - sentence.start for p in places}
    found: list[tuple[int, Actor]] = []
    taken: list[tuple[int, int]] = []  # stretches read as a state's officials
    titles: dict[int, bool] = {}  # where a title ends: whether its state is known
    for match in _OFFICIALS_OF_STATE.finditer(text):
        if match.group("word"):
            iso2 = gazetteer.demonym(match.group("word"))
        else:
            candidates = gazetteer.candidates(
                match.group("owner") or match.group("country"), limit=3, skeleton="never"
            )
            iso2 = next((c.country_code for c in candidates if c.kind == "country"), None)
        if iso2:
            found.append((match.start(), _government(gazetteer, iso2)))
            taken.append((match.start(), match.end()))
            titles[match.end()] = True
    names = [start for start, _, e in entities if e.label == "PERSON"]
    organisations = [(start, end) for start, end, e in entities if e.label == "ORG"]
    for match in _OFFICIALS_ALONE.finditer(text):
        at = match.start()
        if any(start <= at < end for start, end in taken):
            continue
        titles.setdefault(match.end(), False)
        titled_name = any(0 <= name - match.end() <= 2 for name in names)
        named_body = any(start <= at < end for start, end in organisations)
        if not titled_name and not named_body:
            found.append((at, _government(gazetteer, None)))
            taken.append((at, match.end()))
    for place in places:
        at = place.start - sentence.start
        if not 0 <= at < len(text) or place.kind != "country" or not place.country:
            continue
        index = _token_at(annotated, sentence, at)
        if index is None:
            continue
        token = tokens[index]
        if token.dep in _ACTOR_DEPS or (
            token.dep == "pobj" and tokens[token.head].text.lower() in _ACTOR_PREPOSITIONS
        ):
            found.append((at, _government(gazetteer, place.country)))
    for at, until, entity in entities:
        if (
            entity.label == "PERSON"
            and at not in place_starts
            and not _in_place_phrase(annotated, sentence, at)
        ):
            title = next((known for end, known in titles.items() if 0 <= at - end <= 2), None)
            if title is not True and not gazetteer.demonym(entity.text):
                kind: ActorKind = "unknown" if title is None else "government"
                found.append((at, Actor(entity.text, kind, None)))
        elif (
            entity.label == "ORG"
            and _POLITICAL_ORG.search(entity.text)
            and not any(start < until and at < end for start, end in taken)
            and not any(named.pattern.search(entity.text) for named in _named_actors())
        ):
            found.append((at, Actor(re.sub(r"^[Tt]he\s+", "", entity.text), "unknown", None)))
    return found


def _in_place_phrase(annotated: Annotated, sentence: Sentence, offset: int) -> bool:
    """Whether the word at ``offset`` follows "in", "near", "through"...: a place the tagger
    took for a name ("through the Rafah crossing")."""
    index = _token_at(annotated, sentence, offset)
    tokens = annotated.tokens
    while index is not None and tokens[index].dep == "compound" and tokens[index].head != index:
        index = tokens[index].head
    return (
        index is not None
        and tokens[index].dep == "pobj"
        and tokens[tokens[index].head].text.lower() in _PLACE_PREPOSITIONS
    )


def _government(gazetteer: Gazetteer, iso2: str | None) -> Actor:
    if iso2 is None:
        return Actor("Government (unknown country)", "government", None)
    return Actor(f"Government of {_country_name(gazetteer, iso2)}", "government", iso2)


def _with_intervention(annotated: Annotated, events: list[Event]) -> list[Event]:
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
            if _POLICE.search(rest) and _INTERVENTION.search(rest):
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


def _merge_continuations(annotated: Annotated, events: list[Event]) -> list[Event]:
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
        previous.type in _VIOLENT
        and event.type in _VIOLENT
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


def _place(sentence: Sentence, places: Sequence[PlaceMention]) -> PlaceMention | None:
    inside = [
        p
        for p in places
        if sentence.start <= p.start < sentence.end and p.role == "event" and p.lat is not None
    ]
    return min(inside, key=lambda p: (_SPECIFICITY.get(p.kind or "", 3), p.start), default=None)


def _nearby_places(
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


def _main_country(places: Sequence[PlaceMention]) -> str | None:
    countries = Counter(p.country for p in places if p.role != "dateline" and p.country)
    return countries.most_common(1)[0][0] if countries else None


def _date(
    annotated: Annotated, sentence: Sentence, dates: Sequence[DateMention]
) -> tuple[date | None, str | None]:
    inside = [
        d
        for d in dates
        if sentence.start <= d.start < sentence.end and d.value and d.precision != "duration"
    ]
    if inside:
        best = min(
            inside, key=lambda d: ("day", "week", "month", "range", "year").index(d.precision)
        )
        precision = "day" if best.precision == "range" else best.precision
        return best.value, precision
    if sentence.segment == "caption":
        for caption in annotated.document.captions:
            if caption.spans[0].start <= sentence.start < caption.spans[0].end and caption.date:
                return caption.date, "day"
    earlier = _paragraph_day(annotated, sentence, dates)
    if earlier is not None:
        return earlier, "day"
    published = annotated.document.published
    return published, "day" if published else None


def _paragraph_day(
    annotated: Annotated, sentence: Sentence, dates: Sequence[DateMention]
) -> date | None:
    """The last day named earlier in the sentence's paragraph: "Gunmen attacked the village on
    Sunday. They burned 40 houses." dates both sentences to Sunday."""
    for paragraph in annotated.document.body:
        if paragraph.start <= sentence.start < paragraph.end:
            before = [
                d
                for d in dates
                if paragraph.start <= d.start < sentence.start and d.value and d.precision == "day"
            ]
            return before[-1].value if before else None
    return None


def _actors(
    sentence: str,
    gazetteer: Gazetteer,
    location_country: str | None,
    event_type: EventType,
    officials: Sequence[tuple[int, Actor]] = (),
) -> list[Actor]:
    """The actors a sentence names, in order, each once; ``officials`` are a statement's
    political actors, with their offsets in the sentence."""
    found: list[tuple[int, Actor]] = list(officials)
    for match in _STATE_BY_DEMONYM.finditer(sentence):
        iso2 = gazetteer.demonym(match.group("word"))
        if iso2:
            found.append((match.start(), _state(gazetteer, iso2, location_country)))
    for match in _STATE_BY_COUNTRY.finditer(sentence):
        name = match.group("country") or match.group("owner")
        country = gazetteer.candidates(name, limit=3, skeleton="never")
        place = next((c for c in country if c.kind == "country"), None)
        if place and place.country_code:
            found.append((match.start(), _state(gazetteer, place.country_code, location_country)))
    for named in _named_actors():
        hit = named.pattern.search(sentence)
        if hit:
            found.append((hit.start(), Actor(named.name, named.kind, named.country)))
    where = location_country
    generic: list[tuple[re.Pattern[str], str, ActorKind]] = [
        (_REGIME, "Military Forces of {}", "state_forces"),
        (_POLICE, "Police Forces of {}", "police"),
        (_REBELS, "Opposition Rebels ({})", "rebels"),
        (_RIOTERS, "Rioters ({})", "rioters"),
        (_UNIDENTIFIED, "Unidentified Armed Group ({})", "militia"),
    ]
    if event_type == "protests":
        generic.insert(0, (_PROTESTERS, "Protesters ({})", "protesters"))
    elif event_type == "statement":  # "officials" and "people" are no victims here
        generic.insert(0, (_CROWDS, "Protesters ({})", "protesters"))
    else:
        generic.append((_CIVILIANS, "Civilians ({})", "civilians"))
    for pattern, template, kind in generic:
        hit = pattern.search(sentence)
        if hit:
            label = _country_name(gazetteer, where) if where else "unknown country"
            found.append((hit.start(), Actor(template.format(label), kind, where)))
    # The agent of a passive ("positions were shelled by the Azerbaijani forces") comes first.
    found.sort(key=lambda item: (not _AGENT_BEFORE.search(sentence, 0, item[0]), item[0]))
    ordered: list[Actor] = []
    for _, actor in found:
        if actor.name not in (a.name for a in ordered):
            ordered.append(actor)
    if (
        event_type == "strategic_developments"
        and where
        and len(ordered) == 1
        and ordered[0].kind == "external"
    ):
        ordered.insert(0, _state(gazetteer, where, where))  # its weapon was downed at home
    crowds: dict[str, ActorKind] = {"protests": "protesters", "riots": "rioters"}
    crowd = crowds.get(event_type)
    if crowd and not any(a.kind == crowd for a in ordered):
        label = _country_name(gazetteer, where) if where else "unknown country"
        name = "Protesters ({})" if crowd == "protesters" else "Rioters ({})"
        ordered.insert(0, Actor(name.format(label), crowd, where))
    return ordered[:2]


def _state(gazetteer: Gazetteer, iso2: str, location_country: str | None) -> Actor:
    kind: ActorKind = "state_forces"
    if location_country and iso2 != location_country:
        kind = "external"
    return Actor(f"Military Forces of {_country_name(gazetteer, iso2)}", kind, iso2)


def _country_name(gazetteer: Gazetteer, iso2: str) -> str:
    country = gazetteer.country(iso2)
    return country.name if country else iso2


def _claim(sentence: Sentence, quotes: Sequence[Quote], place: PlaceMention | None) -> Claim:
    """The speaker whose words carry the sentence; disputed when another speaker denies or
    contradicts it about the same place ("fighting in Shushi is continuing")."""
    carrying = [
        q
        for q in quotes
        if q.speaker
        and (
            (q.start <= sentence.start < q.end or sentence.start <= q.start < sentence.end)
            or (q.speaker_span and sentence.start <= q.speaker_span.start < sentence.end)
        )
    ]
    if not carrying:
        return Claim(None, None, "reported")
    speaker = carrying[0]
    deniers = tuple(
        dict.fromkeys(
            q.speaker
            for q in quotes
            if q.speaker
            and q.speaker != speaker.speaker
            and (_DENIAL.search(q.text) or (q.cue or "").lower().startswith("den"))
            and (place is None or place.text in q.text or (place.name or "") in q.text)
        )
    )
    if deniers:
        named = tuple(name for name in deniers if name)
        return Claim(speaker.speaker, speaker.speaker_title, "disputed", named)
    return Claim(speaker.speaker, speaker.speaker_title, "claimed")


def _event_id(article_id: str, start: int, kind: str) -> str:
    return hashlib.sha256(f"{article_id}:{start}:{kind}".encode()).hexdigest()[:16]


def _confidence(place: PlaceMention | None, actors: list[Actor], when: date | None) -> float:
    return 0.4 + 0.2 * (place is not None) + 0.2 * bool(actors) + 0.2 * (when is not None)
