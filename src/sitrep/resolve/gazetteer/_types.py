"""The gazetteer's records: a place as stored, and a place offered as a candidate for a name."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

__all__ = ["KINDS", "Candidate", "MatchKind", "Place", "PlaceKind"]

PlaceKind = Literal[
    "city",
    "admin1",
    "admin2",
    "country",
    "region",
    "continent",
    "river",
    "sea",
    "mountains",
    "crossing",
    "landmark",
]
KINDS: frozenset[str] = frozenset(get_args(PlaceKind))

# How a candidate's name matched the query, strictest first (see ``_keys``).
MatchKind = Literal["exact", "folded", "skeleton"]


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry.

    ``geonameid`` is the GeoNames id, or a negative synthetic id for a row of the curated table.
    ``feature_class``/``feature_code`` follow GeoNames (``P``/``PPL…`` for cities — the package
    data carry no finer code, so cities have ``feature_code`` None — ``A``/``ADM1``, ``A``/``PCLI``,
    ``L``/``CONT``…). ``population`` is GeoNames' for cities, countries and continents; for admin
    areas it is the sum of the cities500 populations inside (an underestimate); None when unknown.
    ``source`` says where the row and its point come from.
    """

    geonameid: int
    name: str
    ascii_name: str
    lat: float
    lon: float
    country_code: str | None
    admin1_code: str | None
    admin2_code: str | None
    feature_class: str | None
    feature_code: str | None
    kind: PlaceKind
    population: int | None
    source: str


@dataclass(frozen=True, slots=True)
class Candidate(Place):
    """A place whose name (or one of its alternate names) matched a looked-up name."""

    matched_by: MatchKind
