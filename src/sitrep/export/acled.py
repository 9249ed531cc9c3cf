"""ACLED's columns for an event: ACLED's current export format (Codebook 2023, section 3;
names and order as ACLED's own CSV), each column a name and the function that fills it.
docs/exports.md says what sitrep puts in each. sitrep's ``statement`` and ``displacement``
events have no ACLED type: the CSV leaves them out."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sitrep.export.acled_data import Country, country, source_scale
from sitrep.export.places import PlaceNames, place_names
from sitrep.records import (
    ACLED_EVENT_TYPES,
    DISORDER_TYPES,
    SUBTYPE_DISORDER_TYPES,
    Actor,
    Location,
    PortableEvent,
)
from sitrep.resolve.gazetteer import Gazetteer
from sitrep.store import StoredEvent

# ACLED interaction codes by actor kind: 1 state forces (police too), 2 rebels, 3 political
# militias (and unidentified armed groups), 5 rioters, 6 protesters, 7 civilians, 8 external.
INTER = {
    "state_forces": 1,
    "police": 1,
    "government": 1,
    "rebels": 2,
    "militia": 3,
    "unknown": 3,
    "rioters": 5,
    "protesters": 6,
    "civilians": 7,
    "external": 8,
}
UNKNOWN_COUNTRY = "XXX"  # ISO 3166's code for "unspecified", in event_id_cnty
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
_GEO_PRECISION = {"exact": 1, "near": 2, "region": 3, "country": 3}


@dataclass(frozen=True, slots=True)
class _Coded:
    """An event with what its columns are read from: its country's codes and place names."""

    stored: StoredEvent
    country: Country | None
    places: PlaceNames

    @property
    def event(self) -> PortableEvent:
        return self.stored.event

    @property
    def location(self) -> Location | None:
        return self.stored.event.location

    def inter(self, actor: Actor | None) -> int | None:
        return INTER.get(actor.kind) if actor else None

    def outlets(self) -> list[str]:
        """The outlets of every report of the event (ACLED lists its sources the same way)."""
        return self.stored.cluster.outlets()


def _event_id_cnty(coded: _Coded) -> str:
    """ACLED's id: the country's alpha-3 code and a number. The number is sitrep's event id
    (16 hex digits) read as one number, so it is the same at every export and unique."""
    event_id = coded.event.id
    try:
        number = int(event_id, 16)
    except ValueError:  # an id not made by sitrep (one written by hand)
        number = int(hashlib.sha256(event_id.encode()).hexdigest()[:16], 16)
    return f"{coded.country.iso3 if coded.country else UNKNOWN_COUNTRY}{number}"


def _disorder_type(coded: _Coded) -> str:
    subtype = coded.event.subtype
    return SUBTYPE_DISORDER_TYPES.get(subtype or "") or DISORDER_TYPES[coded.event.type]


def _interaction(coded: _Coded) -> int | None:
    """Both actors' codes, the smaller first (12: state forces and rebels); 10 times the code
    of a lone actor (60: protesters alone); none without an actor."""
    actors = (coded.event.actor1, coded.event.actor2)
    codes = sorted(code for code in map(coded.inter, actors) if code)
    if len(codes) == 2:
        return codes[0] * 10 + codes[1]
    return codes[0] * 10 if codes else None


def _fatalities(coded: _Coded) -> int | None:
    """The killed count; none when the text gives none (0 only when it says nobody died)."""
    toll = coded.event.fatalities
    return toll.best if toll else None


def _tags(coded: _Coded) -> str:
    """What sitrep knows of the claim, as ACLED's ``key=value`` tags joined by ``; ``."""
    claim = coded.event.claim
    tags = [f"status={coded.stored.cluster.status}"]
    if claim.by:
        tags.append(f"claimed by={claim.by}")
    if claim.disputed_by:
        tags.append(f"disputed by={', '.join(claim.disputed_by)}")
    if coded.event.background:
        tags.append("background")
    return "; ".join(tags)


def _source_scale(coded: _Coded) -> str:
    outlets = coded.outlets()
    return source_scale(outlets) if outlets else ""


def _location(coded: _Coded) -> str:
    location = coded.location
    return (location.name or location.text) if location else ""


def _actor_name(actor: Actor | None) -> str:
    return actor.name if actor else ""


COLUMNS_FILLED: tuple[tuple[str, Callable[[_Coded], Any]], ...] = (
    ("event_id_cnty", _event_id_cnty),
    ("event_date", lambda c: c.event.date.isoformat() if c.event.date else ""),
    ("year", lambda c: c.event.date.year if c.event.date else None),
    ("time_precision", lambda c: _TIME_PRECISION.get(c.event.date_precision or "", 3)),
    ("disorder_type", _disorder_type),
    ("event_type", lambda c: ACLED_EVENT_TYPES[c.event.type]),
    ("sub_event_type", lambda c: c.event.subtype or ""),
    ("actor1", lambda c: _actor_name(c.event.actor1)),
    ("assoc_actor_1", lambda c: ""),  # sitrep names no associated actors
    ("inter1", lambda c: c.inter(c.event.actor1)),
    ("actor2", lambda c: _actor_name(c.event.actor2)),
    ("assoc_actor_2", lambda c: ""),
    ("inter2", lambda c: c.inter(c.event.actor2)),
    ("interaction", _interaction),
    ("civilian_targeting", lambda c: "Civilian targeting" if c.inter(c.event.actor2) == 7 else ""),
    ("iso", lambda c: c.country.numeric if c.country else None),
    ("region", lambda c: c.country.region if c.country else ""),
    ("country", lambda c: c.places.country or (c.location and c.location.country) or ""),
    ("admin1", lambda c: c.places.admin1 or ""),
    ("admin2", lambda c: c.places.admin2 or ""),
    ("admin3", lambda c: ""),  # the gazetteer has no third-level divisions
    ("location", _location),
    ("latitude", lambda c: c.location.lat if c.location else None),
    ("longitude", lambda c: c.location.lon if c.location else None),
    ("geo_precision", lambda c: _GEO_PRECISION.get(c.location.precision, 3) if c.location else 3),
    ("source", lambda c: "; ".join(c.outlets())),
    ("source_scale", _source_scale),
    ("notes", lambda c: c.stored.evidence_text),
    ("fatalities", _fatalities),
    ("tags", _tags),
    ("timestamp", lambda c: c.stored.stored_at),
)
COLUMNS = tuple(name for name, _ in COLUMNS_FILLED)


def acled_row(event: StoredEvent, gazetteer: Gazetteer) -> dict[str, Any] | None:
    """The ACLED row of an event, or None for a type ACLED does not code. An empty cell (None)
    is a value sitrep does not know."""
    if event.event.type not in ACLED_EVENT_TYPES:
        return None
    location = event.event.location
    code = location.country if location else None
    coded = _Coded(event, country(code) if code else None, place_names(location, gazetteer))
    return {name: fill(coded) for name, fill in COLUMNS_FILLED}
