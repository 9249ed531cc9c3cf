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

Sentences in the future or conditional ("threatened to strike") become ``statement`` events.
Figures on ACLED's own event descriptions are in ``bench/README.md`` (``python -m bench.acled``).
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections import Counter
from collections.abc import Sequence
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
# Lower case on purpose: "May" is a month.
_FUTURE = re.compile(
    r"\b(?:will|would|could|may|might|threaten\w*|vow\w*|plans? to|planning to|called for|"
    r"calls for|warned (?:it|they|that)|intends? to|is set to|are set to)\b"
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
    r"fighter jets?)"
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


@dataclass(frozen=True, slots=True)
class _Rule:
    subtype: str
    type: EventType
    plover: str
    patterns: tuple[re.Pattern[str], ...]
    exclusions: tuple[re.Pattern[str], ...] = ()


@dataclass(frozen=True, slots=True)
class _NamedActor:
    name: str
    kind: ActorKind
    country: str | None
    pattern: re.Pattern[str]


@cache
def _rules() -> tuple[_Rule, ...]:
    data = resources.files("sitrep.data").joinpath("events.toml").read_bytes()
    return tuple(
        _Rule(
            entry["subtype"],
            entry["type"],
            entry["plover"],
            tuple(re.compile(pattern, re.IGNORECASE) for pattern in entry["all"]),
            tuple(re.compile(pattern, re.IGNORECASE) for pattern in entry.get("none", [])),
        )
        for entry in tomllib.loads(data.decode("utf-8"))["rule"]
    )


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


@cache
def _any_trigger() -> re.Pattern[str]:
    """Every rule's first pattern in one: most sentences match none, and are done at once."""
    return re.compile("|".join(f"(?:{rule.patterns[0].pattern})" for rule in _rules()), re.I)


def classify(sentence: str) -> tuple[str, EventType, str] | None:
    """The ACLED sub-event type, event type and PLOVER type a sentence reports, if any."""
    if not _any_trigger().search(sentence) or _NOT_EVENTS.search(sentence):
        return None
    for rule in _rules():
        if all(p.search(sentence) for p in rule.patterns) and not any(
            p.search(sentence) for p in rule.exclusions
        ):
            return rule.subtype, rule.type, rule.plover
    return None


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
    story_places = [p for p in places if p.role == "event" and p.lat is not None]
    typed = [
        (sentence, classify(text[sentence.start : sentence.end]))
        for sentence in annotated.sentences
    ]
    for index, (sentence, found) in enumerate(typed):
        sentence_text = text[sentence.start : sentence.end]
        if found is None:
            continue
        subtype: str | None = found[0]
        event_type, plover = found[1], found[2]
        if _FUTURE.search(sentence_text):
            subtype, event_type, plover = None, "statement", "THREATEN"
        place = _place(sentence, places) or (story_places[0] if story_places else None)
        country = place.country if place else _main_country(places)
        actors = _actors(sentence_text, gazetteer, country, event_type)
        when, precision = _date(annotated, sentence, dates)
        toll = read_toll(text, sentence.start, sentence.end).killed or _toll_after(
            annotated, typed, index
        )
        claim = _claim(sentence, quotes, place)
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
    return tuple(_with_intervention(annotated, events))


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


def _toll_after(
    annotated: Annotated,
    typed: list[tuple[Sentence, tuple[str, EventType, str] | None]],
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
    published = annotated.document.published
    return published, "day" if published else None


def _actors(
    sentence: str, gazetteer: Gazetteer, location_country: str | None, event_type: EventType
) -> list[Actor]:
    """The actors a sentence names, in order, each once."""
    found: list[tuple[int, Actor]] = []
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
