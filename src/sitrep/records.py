"""The records that flow between sitrep's stages.

Every stage is a function from one of these records to the next (see DESIGN.md):

    read      -> Article
    clean     -> Document
    annotate  -> Annotated
    process() -> ArticleRecord   (what the CLI, the store, the web app and Spark all get)

Records are frozen, slotted dataclasses of plain values: they never hold spaCy objects, so they
pickle and serialise anywhere. Offsets are character offsets into ``Article.text``, end exclusive.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

SCHEMA_VERSION = "sitrep.article/1"

PublishedBasis = Literal["given", "metadata", "inferred", "unknown"]
SegmentKind = Literal["body", "caption"]
DatePrecision = Literal["day", "week", "month", "year", "range", "duration"]
PlaceRole = Literal["event", "dateline", "context", "origin", "organisation"]
PlacePrecision = Literal["exact", "near", "region", "country"]
TollKind = Literal["killed", "wounded", "missing", "detained", "displaced"]


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` of ``Article.text``."""

    start: int
    end: int

    def slice(self, text: str) -> str:
        return text[self.start : self.end]

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Source:
    """Where an article came from: a file, a URL, an item of a feed or a JSON Lines file."""

    path: str | None = None
    url: str | None = None
    outlet: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {"path": self.path, "url": self.url, "outlet": self.outlet}


@dataclass(frozen=True, slots=True)
class Article:
    """One decoded news article, as read: the text and what its container said about it.

    ``text`` is the exact input text after decoding and newline normalisation (for an HTML page,
    the main text extracted from it); every offset in later records points into it.
    ``published`` is set only when the caller gave it or the container's metadata carried it.
    ``caption_texts`` are texts the container marked as captions (an HTML ``<figcaption>``).
    """

    text: str
    source: Source = field(default_factory=Source)
    title: str | None = None
    published: date | None = None
    published_basis: PublishedBasis = "unknown"
    caption_texts: tuple[str, ...] = ()
    _id: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # hashed once: every event of a long text asks for it
        object.__setattr__(self, "_id", hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16])

    @property
    def id(self) -> str:
        """Content hash: the same text is the same article, whatever its URL or file name."""
        return self._id


@dataclass(frozen=True, slots=True)
class Dateline:
    """``MOSCOW (AP) —``: where the reporter filed from, and for whom. Not an event location."""

    place: str | None
    outlet: str | None
    start: int
    end: int
    region: str | None = None
    date_text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "place": self.place,
            "region": self.region,
            "outlet": self.outlet,
            "date_text": self.date_text,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class Caption:
    """A photo caption, deduplicated: its text once, its credit and date, every place it stood."""

    text: str
    credit: str | None
    date: date | None
    spans: tuple[Span, ...]

    @property
    def count(self) -> int:
        return len(self.spans)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "credit": self.credit,
            "count": self.count,
            "date": self.date.isoformat() if self.date else None,
            "spans": [span.to_dict() for span in self.spans],
        }


@dataclass(frozen=True, slots=True)
class Document:
    """An article split into story and captions, with its dateline and publication date.

    ``body`` holds each story paragraph once; ``repeated`` the later copies of paragraphs that a
    scraper repeated (exactly or nearly), dropped from the story but kept traceable.
    """

    article: Article
    body: tuple[Span, ...]
    captions: tuple[Caption, ...]
    dateline: Dateline | None
    published: date | None
    published_basis: PublishedBasis
    outlet: str | None
    repeated: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Token:
    """A token with its parse. ``head`` indexes ``Annotated.tokens`` (itself for a root)."""

    start: int
    end: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    ent_type: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: its characters and its tokens ``Annotated.tokens[token_start:token_end]``."""

    start: int
    end: int
    token_start: int
    token_end: int
    segment: SegmentKind


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity as the statistical model tagged it (labels are spaCy's OntoNotes set)."""

    start: int
    end: int
    text: str
    label: str
    segment: SegmentKind


@dataclass(frozen=True, slots=True)
class Annotated:
    """A document with its sentences, tokens and entities; each caption is parsed once."""

    document: Document
    sentences: tuple[Sentence, ...]
    tokens: tuple[Token, ...]
    entities: tuple[Entity, ...]


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place name in the text and the GeoNames place it stands for.

    ``role`` says what the place is to the story: ``dateline`` (where the reporter filed from),
    ``context`` (a capital standing for its government, "Moscow denied"), ``event`` otherwise.
    ``precision`` is ``near`` for "10 kilometers south of X" or "near X": the point is then X's,
    moved by the distance and bearing where the text gives them, and ``relation`` holds the
    words that say so. A name with no candidate keeps its text, null coordinates and a
    ``reason``. ``score`` is the resolver's margin of confidence (higher is surer).
    """

    text: str
    start: int
    end: int
    segment: Literal["body", "caption", "dateline"]
    geonameid: int | None
    name: str | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    kind: str | None
    role: PlaceRole
    precision: PlacePrecision
    score: float
    relation: str | None = None
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "in": self.segment,
            "geonameid": self.geonameid,
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
            "admin1": self.admin1,
            "kind": self.kind,
            "role": self.role,
            "precision": self.precision,
            "relation": self.relation,
            "score": round(self.score, 3),
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class DateMention:
    """A time expression and the calendar date it stands for.

    ``value`` is the first day of the period (``precision`` says which: a day, the Monday of a
    week, the first of a month, the first of January); a ``range`` ends on ``end_value``. A
    ``duration`` ("for more than a month") is no date: ``value`` is None and ``duration`` holds
    its ISO 8601 length (``P1M``). When the expression cannot be put on the calendar (no
    publication date to count from, "Feb. 30", a year far in the future) ``value`` is None and
    ``reason`` says why.
    """

    text: str
    start: int
    end: int
    value: date | None
    precision: DatePrecision
    end_value: date | None = None
    duration: str | None = None
    reason: str | None = None
    segment: SegmentKind = "body"

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value.isoformat() if self.value else None,
            "precision": self.precision,
            "end_value": self.end_value.isoformat() if self.end_value else None,
            "duration": self.duration,
            "reason": self.reason,
            "in": self.segment,
        }


@dataclass(frozen=True, slots=True)
class Quote:
    """Something said: a direct quotation (``direct``) or reported speech, with who said it.

    ``start``/``end`` are the words said (inside the quotation marks for a direct quotation);
    ``speaker_span`` is where the speaker is named (a pronoun's antecedent keeps the pronoun's
    span); ``cue`` is the reporting word ("said", "according to").
    """

    text: str
    start: int
    end: int
    speaker: str | None
    speaker_title: str | None
    speaker_span: Span | None
    cue: str | None
    channel: str | None
    date: date | None
    direct: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "speaker_title": self.speaker_title,
            "text": self.text,
            "channel": self.channel,
            "date": self.date.isoformat() if self.date else None,
            "start": self.start,
            "end": self.end,
            "direct": self.direct,
            "cue": self.cue,
            "speaker_span": self.speaker_span.to_dict() if self.speaker_span else None,
        }


@dataclass(frozen=True, slots=True)
class Count:
    """How many, UCDP-style: ``best`` estimate, ``low`` and ``high`` reliable bounds (None:
    open or unknown). ``text`` is the phrase the figure was read from; when the figure cannot
    be trusted (an absurd magnitude) all three are None and ``reason`` says why."""

    best: int | None
    low: int | None
    high: int | None
    text: str
    start: int
    end: int
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "best": self.best,
            "low": self.low,
            "high": self.high,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class Toll:
    """The counts one sentence gives, each kind apart: killed never mixes with wounded."""

    killed: Count | None = None
    wounded: Count | None = None
    missing: Count | None = None
    detained: Count | None = None
    displaced: Count | None = None

    def get(self, kind: TollKind) -> Count | None:
        count: Count | None = getattr(self, kind)
        return count


ActorKind = Literal[
    "state_forces", "rebels", "militia", "police", "government", "civilians", "protesters",
    "rioters", "external", "unknown",
]  # fmt: skip
EventType = Literal[
    "battles", "explosions_remote_violence", "violence_against_civilians", "protests", "riots",
    "strategic_developments", "displacement", "statement",
]  # fmt: skip
ClaimStatus = Literal["reported", "claimed", "disputed", "denied", "confirmed"]
# ACLED's 25 sub-event types, verbatim, each with its event type: the one list the extractor,
# the typing model, its training and the benchmarks use.
ACLED_SUBTYPES: dict[str, EventType] = {
    "Armed clash": "battles",
    "Government regains territory": "battles",
    "Non-state actor overtakes territory": "battles",
    "Air/drone strike": "explosions_remote_violence",
    "Shelling/artillery/missile attack": "explosions_remote_violence",
    "Remote explosive/landmine/IED": "explosions_remote_violence",
    "Suicide bomb": "explosions_remote_violence",
    "Grenade": "explosions_remote_violence",
    "Chemical weapon": "explosions_remote_violence",
    "Attack": "violence_against_civilians",
    "Abduction/forced disappearance": "violence_against_civilians",
    "Sexual violence": "violence_against_civilians",
    "Peaceful protest": "protests",
    "Protest with intervention": "protests",
    "Excessive force against protesters": "protests",
    "Violent demonstration": "riots",
    "Mob violence": "riots",
    "Agreement": "strategic_developments",
    "Arrests": "strategic_developments",
    "Change to group/activity": "strategic_developments",
    "Disrupted weapons use": "strategic_developments",
    "Headquarters or base established": "strategic_developments",
    "Looting/property destruction": "strategic_developments",
    "Non-violent transfer of territory": "strategic_developments",
    "Other": "strategic_developments",
}
# ACLED's label of each of its six event types (Codebook 2023); sitrep's ``displacement`` and
# ``statement`` are not ACLED's, and the ACLED CSV leaves them out.
ACLED_EVENT_TYPES: dict[EventType, str] = {
    "battles": "Battles",
    "explosions_remote_violence": "Explosions/Remote violence",
    "violence_against_civilians": "Violence against civilians",
    "protests": "Protests",
    "riots": "Riots",
    "strategic_developments": "Strategic developments",
}
# Every event type's name, as people read it (the web page, messages).
EVENT_TYPE_NAMES: dict[EventType, str] = {
    **ACLED_EVENT_TYPES,
    "displacement": "Displacement",
    "statement": "Statements",
}
# ACLED's disorder type of each of its event types, and of the sub-event types that differ from
# their event type's (Codebook 2023, "Disorder type").
POLITICAL_VIOLENCE = "Political violence"
DEMONSTRATIONS = "Demonstrations"
DISORDER_TYPES: dict[EventType, str] = {
    "battles": POLITICAL_VIOLENCE,
    "explosions_remote_violence": POLITICAL_VIOLENCE,
    "violence_against_civilians": POLITICAL_VIOLENCE,
    "protests": DEMONSTRATIONS,
    "riots": DEMONSTRATIONS,
    "strategic_developments": "Strategic developments",
}
SUBTYPE_DISORDER_TYPES: dict[str, str] = {
    "Mob violence": POLITICAL_VIOLENCE,
    "Excessive force against protesters": f"{POLITICAL_VIOLENCE}; {DEMONSTRATIONS}",
}
# The groups of event types whose reports of one act may differ in type (a lead's air strike, a
# later "the attack killed…"; a march that turned into a riot): ACLED's disorder types.
VIOLENCE_TYPES: frozenset[EventType] = frozenset(
    kind for kind, disorder in DISORDER_TYPES.items() if disorder == POLITICAL_VIOLENCE
)
DEMONSTRATION_TYPES: frozenset[EventType] = frozenset(
    kind for kind, disorder in DISORDER_TYPES.items() if disorder == DEMONSTRATIONS
)


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acted, under a stable name ("Military Forces of Azerbaijan"), with kind and country."""

    name: str
    kind: ActorKind
    country: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "country": self.country}


@dataclass(frozen=True, slots=True)
class Claim:
    """Who reports an event, and whether the other side disputes it."""

    by: str | None
    by_title: str | None
    status: ClaimStatus
    disputed_by: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "by": self.by,
            "by_title": self.by_title,
            "status": self.status,
            "disputed_by": list(self.disputed_by),
        }


@dataclass(frozen=True, slots=True)
class Event:
    """One event: what happened, who to whom, where, when, how many died, according to whom.

    ``location`` is the place mention the event sits at (None when the text names none);
    ``evidence`` the spans it was read from.
    """

    id: str
    type: EventType
    subtype: str | None
    plover: str | None
    date: date | None
    date_precision: str | None
    location: PlaceMention | None
    actor1: Actor | None
    actor2: Actor | None
    fatalities: Count | None
    claim: Claim
    evidence: tuple[Span, ...]
    background: bool
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        place = self.location
        location = None
        if place is not None:
            location = {
                "text": place.text,
                "geonameid": place.geonameid,
                "name": place.name,
                "lat": place.lat,
                "lon": place.lon,
                "country": place.country,
                "admin1": place.admin1,
                "precision": place.precision,
            }
        toll = self.fatalities
        return {
            "id": self.id,
            "type": self.type,
            "subtype": self.subtype,
            "plover": self.plover,
            "date": self.date.isoformat() if self.date else None,
            "date_precision": self.date_precision,
            "location": location,
            "actor1": self.actor1.to_dict() if self.actor1 else None,
            "actor2": self.actor2.to_dict() if self.actor2 else None,
            "fatalities": {
                "best": toll.best if toll else None,
                "low": toll.low if toll else None,
                "high": toll.high if toll else None,
                "text": toll.text if toll else None,
            },
            "claim": self.claim.to_dict(),
            "evidence": [span.to_dict() for span in self.evidence],
            "background": self.background,
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """The output contract of SCHEMA.md for one article.

    Every stage after ``annotate`` adds its part: dates and places (resolve), quotes and
    events (extract).
    """

    annotated: Annotated
    dates: tuple[DateMention, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()

    @property
    def document(self) -> Document:
        return self.annotated.document

    @property
    def id(self) -> str:
        return self.document.article.id

    def to_dict(self) -> dict[str, Any]:
        doc = self.document
        article = doc.article
        dateline = doc.dateline
        source = Source(article.source.path, article.source.url, doc.outlet)
        return {
            "schema": SCHEMA_VERSION,
            "article": {
                "id": article.id,
                "text": article.text,
                "source": source.to_dict(),
                "title": article.title,
                "published": doc.published.isoformat() if doc.published else None,
                "published_basis": doc.published_basis,
                "dateline": dateline.to_dict() if dateline else None,
                "body": [span.to_dict() for span in doc.body],
                "captions": [caption.to_dict() for caption in doc.captions],
                "repeated": [span.to_dict() for span in doc.repeated],
            },
            "places": [place.to_dict() for place in self.places],
            "dates": [mention.to_dict() for mention in self.dates],
            "quotes": [quote.to_dict() for quote in self.quotes],
            "events": [event.to_dict() for event in self.events],
        }
