"""The names of an event's country and admin areas, from the codes its location carries."""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.records import Location
from sitrep.resolve.gazetteer import Gazetteer

# GeoNames' licence (CC BY 4.0) asks every output that shows its places to credit it.
GEONAMES_CREDIT = "Place names and coordinates: GeoNames (https://www.geonames.org/), CC BY 4.0"


@dataclass(frozen=True, slots=True)
class PlaceNames:
    """English names of a location's country, admin1 and admin2; None where unknown."""

    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None


def place_names(location: Location | None, gazetteer: Gazetteer | None) -> PlaceNames:
    """The names the gazetteer gives a location's codes (admin2 through the place's GeoNames
    row: the location carries no admin2 code of its own); no names without a gazetteer."""
    country = location.country if location else None
    if location is None or gazetteer is None or not country:
        return PlaceNames()
    country_place = gazetteer.country(country)
    admin1_code = location.admin1
    admin1 = gazetteer.admin1(country, admin1_code) if admin1_code else None
    geonameid = location.geonameid
    place = gazetteer.get(geonameid) if geonameid is not None else None
    admin2 = None
    if admin1_code and place is not None and place.admin2_code:
        admin2 = gazetteer.admin2(country, admin1_code, place.admin2_code)
    return PlaceNames(
        country_place.name if country_place else None,
        admin1.name if admin1 else None,
        admin2.name if admin2 else None,
    )
