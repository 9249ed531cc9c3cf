"""Stage 4, resolve: expressions put on the calendar (dates) and on the map (places).

Its parts are imported on first use: ``sitrep.resolve.gazetteer`` alone (the command line's
gazetteer commands, its --help) need not load the geoparser.
"""

from typing import TYPE_CHECKING

from sitrep.lazy import lazy_names

if TYPE_CHECKING:
    from sitrep.resolve.dates import find_dates, resolve_dates
    from sitrep.resolve.geoparse import find_place_names, resolve_places
    from sitrep.resolve.places import NameToResolve, PlaceResolver, ResolverWeights

_LAZY = {
    "find_dates": "sitrep.resolve.dates",
    "resolve_dates": "sitrep.resolve.dates",
    "find_place_names": "sitrep.resolve.geoparse",
    "resolve_places": "sitrep.resolve.geoparse",
    "NameToResolve": "sitrep.resolve.places",
    "PlaceResolver": "sitrep.resolve.places",
    "ResolverWeights": "sitrep.resolve.places",
}


__getattr__ = lazy_names(__name__, _LAZY)


__all__ = [
    "NameToResolve",
    "PlaceResolver",
    "ResolverWeights",
    "find_dates",
    "find_place_names",
    "resolve_dates",
    "resolve_places",
]
