"""The records that flow between sitrep's stages.

Every stage is a function from one of these records to the next (see DESIGN.md):

    read      -> Article
    clean     -> Document
    annotate  -> Annotated
    process() -> ArticleRecord   (what the CLI, the store, the web app and Spark all get)

``ArticleRecord.portable()`` gives the record without its parse, as its JSON gives it
(``PortableRecord``, read back by ``PortableRecord.from_dict``): what the store keeps and links.

Records are frozen, slotted dataclasses of plain values: they never hold spaCy objects, so they
pickle and serialise anywhere. Offsets are character offsets into ``Article.text``, end exclusive.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Span:
        return cls(data["start"], data["end"])


@dataclass(frozen=True, slots=True)
class Source:
    """Where an article came from: a file, a URL, an item of a feed or a JSON Lines file."""

    path: str | None = None
    url: str | None = None
    outlet: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {"path": self.path, "url": self.url, "outlet": self.outlet}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Source:
        return cls(data.get("path"), data.get("url"), data.get("outlet"))


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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Dateline:
        return cls(
            place=data.get("place"),
            outlet=data.get("outlet"),
            start=data["start"],
            end=data["end"],
            region=data.get("region"),
            date_text=data.get("date_text"),
        )


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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Caption:
        spans = tuple(Span.from_dict(span) for span in data.get("spans", ()))
        return cls(data["text"], data.get("credit"), _day(data.get("date")), spans)


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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PlaceMention:
        return cls(
            text=data["text"],
            start=data["start"],
            end=data["end"],
            segment=data.get("in") or "body",
            geonameid=data.get("geonameid"),
            name=data.get("name"),
            lat=data.get("lat"),
            lon=data.get("lon"),
            country=data.get("country"),
            admin1=data.get("admin1"),
            kind=data.get("kind"),
            role=data.get("role") or "event",
            precision=data.get("precision") or "exact",
            score=data.get("score") or 0.0,
            relation=data.get("relation"),
            reason=data.get("reason"),
        )


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

    @property
    def last_day(self) -> date | None:
        """The last day of the period the expression names ("in November": November 30)."""
        if self.value is None:
            return None
        if self.precision == "month":
            following = (self.value.replace(day=28) + timedelta(days=4)).replace(day=1)
            return following - timedelta(days=1)
        if self.precision == "year":
            return self.value.replace(month=12, day=31)
        if self.precision == "week":
            return self.value + timedelta(days=6)
        if self.precision == "range":
            return self.end_value
        return self.value if self.precision == "day" else None

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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DateMention:
        return cls(
            text=data["text"],
            start=data["start"],
            end=data["end"],
            value=_day(data.get("value")),
            precision=data.get("precision") or "day",
            end_value=_day(data.get("end_value")),
            duration=data.get("duration"),
            reason=data.get("reason"),
            segment=data.get("in") or "body",
        )


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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Quote:
        span = data.get("speaker_span")
        return cls(
            text=data["text"],
            start=data["start"],
            end=data["end"],
            speaker=data.get("speaker"),
            speaker_title=data.get("speaker_title"),
            speaker_span=Span.from_dict(span) if span else None,
            cue=data.get("cue"),
            channel=data.get("channel"),
            date=_day(data.get("date")),
            direct=bool(data.get("direct")),
        )


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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Actor:
        return cls(data["name"], data.get("kind") or "unknown", data.get("country"))


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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Claim:
        disputed_by = tuple(data.get("disputed_by") or ())
        return cls(data.get("by"), data.get("by_title"), data["status"], disputed_by)


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

    def portable(self) -> PortableEvent:
        """The event as its JSON gives it (the place's point and the toll's figures, without
        their offsets)."""
        return PortableEvent(
            id=self.id,
            type=self.type,
            subtype=self.subtype,
            plover=self.plover,
            date=self.date,
            date_precision=self.date_precision,
            location=Location.of(self.location) if self.location else None,
            actor1=self.actor1,
            actor2=self.actor2,
            fatalities=Fatalities.of(self.fatalities),
            claim=self.claim,
            evidence=self.evidence,
            background=self.background,
            confidence=round(self.confidence, 3),
        )

    def to_dict(self) -> dict[str, Any]:
        return self.portable().to_dict()


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event happened, as the event's JSON gives it: the place mention's text, GeoNames
    place, point and precision, without its offsets."""

    text: str
    geonameid: int | None
    name: str | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    precision: PlacePrecision

    @classmethod
    def of(cls, place: PlaceMention) -> Location:
        return cls(
            place.text,
            place.geonameid,
            place.name,
            place.lat,
            place.lon,
            place.country,
            place.admin1,
            place.precision,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "geonameid": self.geonameid,
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
            "admin1": self.admin1,
            "precision": self.precision,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Location:
        return cls(
            text=data.get("text") or "",
            geonameid=data.get("geonameid"),
            name=data.get("name"),
            lat=data.get("lat"),
            lon=data.get("lon"),
            country=data.get("country"),
            admin1=data.get("admin1"),
            precision=data.get("precision") or "exact",
        )


@dataclass(frozen=True, slots=True)
class Fatalities:
    """An event's killed count as its JSON gives it (``Count``'s figures and phrase); all None
    when the text gives no toll."""

    best: int | None = None
    low: int | None = None
    high: int | None = None
    text: str | None = None

    @classmethod
    def of(cls, count: Count | None) -> Fatalities:
        return cls() if count is None else cls(count.best, count.low, count.high, count.text)

    def to_dict(self) -> dict[str, Any]:
        return {"best": self.best, "low": self.low, "high": self.high, "text": self.text}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Fatalities:
        return cls(data.get("best"), data.get("low"), data.get("high"), data.get("text"))


@dataclass(frozen=True, slots=True)
class PortableEvent:
    """An ``Event`` as its JSON gives it (SCHEMA.md's event), what the store keeps and links:
    ``from_dict(event.to_dict())`` gives it back, and ``to_dict`` writes the same JSON.

    ``fatalities`` is None only for a cluster's event whose reports give no toll.
    """

    id: str
    type: EventType
    subtype: str | None
    plover: str | None
    date: date | None
    date_precision: str | None
    location: Location | None
    actor1: Actor | None
    actor2: Actor | None
    fatalities: Fatalities | None
    claim: Claim
    evidence: tuple[Span, ...]
    background: bool
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "subtype": self.subtype,
            "plover": self.plover,
            "date": self.date.isoformat() if self.date else None,
            "date_precision": self.date_precision,
            "location": self.location.to_dict() if self.location else None,
            "actor1": self.actor1.to_dict() if self.actor1 else None,
            "actor2": self.actor2.to_dict() if self.actor2 else None,
            "fatalities": self.fatalities.to_dict() if self.fatalities else None,
            "claim": self.claim.to_dict(),
            "evidence": [span.to_dict() for span in self.evidence],
            "background": self.background,
            "confidence": self.confidence,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PortableEvent:
        location, toll = data.get("location"), data.get("fatalities")
        actor1, actor2 = data.get("actor1"), data.get("actor2")
        return cls(
            id=data["id"],
            type=data["type"],
            subtype=data.get("subtype"),
            plover=data.get("plover"),
            date=_day(data.get("date")),
            date_precision=data.get("date_precision"),
            location=Location.from_dict(location) if location else None,
            actor1=Actor.from_dict(actor1) if actor1 else None,
            actor2=Actor.from_dict(actor2) if actor2 else None,
            fatalities=Fatalities.from_dict(toll) if toll is not None else None,
            claim=Claim.from_dict(data["claim"]),
            evidence=tuple(Span.from_dict(span) for span in data.get("evidence", ())),
            background=bool(data.get("background")),
            confidence=data.get("confidence") or 0.0,
        )


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

    def portable(self) -> PortableRecord:
        """The record without its parse: what its JSON holds, cheap to send to another process
        and to store."""
        return PortableRecord(
            id=self.id,
            document=self.document,
            dates=self.dates,
            places=self.places,
            quotes=self.quotes,
            events=tuple(event.portable() for event in self.events),
        )

    def to_dict(self) -> dict[str, Any]:
        return self.portable().to_dict()


@dataclass(frozen=True, slots=True)
class PortableRecord:
    """An ``ArticleRecord`` as its JSON gives it (SCHEMA.md): what ``Store.add`` takes, what a
    Spark run writes and what the store keeps. ``from_dict(record.to_dict())`` gives it back and
    ``to_dict`` writes the same JSON, byte for byte.

    ``id`` is the article's id as the record gives it (the content hash of its text for every
    record sitrep writes). A record read back from JSON has the document's fields, not the
    article's as read: its ``document.article`` carries the publication date only when it was
    given or came with the page's metadata, and no caption texts of its container.
    """

    id: str
    document: Document
    dates: tuple[DateMention, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[PortableEvent, ...] = ()

    @property
    def article(self) -> Article:
        return self.document.article

    @property
    def source(self) -> Source:
        """Where the article came from, with the outlet its document names (the dateline's,
        else the container's, else the agency most photos credit)."""
        source = self.document.article.source
        return Source(source.path, source.url, self.document.outlet)

    def to_dict(self) -> dict[str, Any]:
        doc = self.document
        article = doc.article
        dateline = doc.dateline
        return {
            "schema": SCHEMA_VERSION,
            "article": {
                "id": self.id,
                "text": article.text,
                "source": self.source.to_dict(),
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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PortableRecord:
        """The record of SCHEMA.md's JSON object ``data`` (parsed)."""
        head = data["article"]
        source = Source.from_dict(head.get("source") or {})
        published = _day(head.get("published"))
        basis: PublishedBasis = head.get("published_basis") or "unknown"
        given = basis in ("given", "metadata")
        article = Article(
            text=head["text"],
            source=source,
            title=head.get("title"),
            published=published if given else None,
            published_basis=basis if given else "unknown",
        )
        dateline = head.get("dateline")
        document = Document(
            article=article,
            body=tuple(Span.from_dict(span) for span in head.get("body", ())),
            captions=tuple(Caption.from_dict(caption) for caption in head.get("captions", ())),
            dateline=Dateline.from_dict(dateline) if dateline else None,
            published=published,
            published_basis=basis,
            outlet=source.outlet,
            repeated=tuple(Span.from_dict(span) for span in head.get("repeated", ())),
        )
        return cls(
            id=head["id"],
            document=document,
            dates=tuple(DateMention.from_dict(item) for item in data.get("dates", ())),
            places=tuple(PlaceMention.from_dict(item) for item in data.get("places", ())),
            quotes=tuple(Quote.from_dict(item) for item in data.get("quotes", ())),
            events=tuple(PortableEvent.from_dict(item) for item in data.get("events", ())),
        )


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
