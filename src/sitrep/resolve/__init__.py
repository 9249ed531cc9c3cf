"""Stage 4, resolve: expressions put on the calendar (dates) and on the map (places)."""

from sitrep.resolve.dates import find_dates, resolve_dates
from sitrep.resolve.geoparse import find_place_names, resolve_places
from sitrep.resolve.places import NameToResolve, PlaceResolver, ResolverWeights

__all__ = [
    "NameToResolve",
    "PlaceResolver",
    "ResolverWeights",
    "find_dates",
    "find_place_names",
    "resolve_dates",
    "resolve_places",
]
