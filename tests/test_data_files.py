"""Every data file sitrep ships loads through its checking loader, and a broken entry stops
with one line naming the file, the entry and the field."""

from __future__ import annotations

from importlib import resources

import pytest

from sitrep import datafiles
from sitrep.errors import ConfigurationError
from sitrep.export.acled_data import parse_acled_data
from sitrep.resolve.gazetteer._policy import parse_policy

# The files with parsers of their own (see sitrep.datafiles) and the model folder.
_OWN_PARSERS = {
    "acled.toml": parse_acled_data,
    "geonames_features.toml": parse_policy,
}
_NOT_RULES = {"places_curated.csv", "models", "__pycache__"}


def _shipped() -> list[str]:
    return sorted(p.name for p in resources.files("sitrep.data").iterdir())


def test_every_data_file_has_a_checking_loader() -> None:
    covered = set(datafiles.SCHEMAS) | set(_OWN_PARSERS) | _NOT_RULES
    assert set(_shipped()) - covered == set()


@pytest.mark.parametrize("name", sorted(datafiles.SCHEMAS))
def test_every_rule_file_loads_and_passes_its_schema(name: str) -> None:
    assert datafiles.load(name)


@pytest.mark.parametrize("name", sorted(_OWN_PARSERS))
def test_the_files_with_parsers_of_their_own_pass_them(name: str) -> None:
    assert _OWN_PARSERS[name](resources.files("sitrep.data").joinpath(name).read_bytes())


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"rule": [{"plover": "ASSAULT"}]}, "events.toml [rule] entry 1: missing 'all'"),
        (
            {"rule": [{"plover": "ASSAULT", "all": ["(unclosed"]}]},
            "events.toml [rule] entry 1: 'all' '(unclosed'",
        ),
        (
            {"rule": [{"plover": "ASSAULT", "all": "killed"}]},
            "'all' must be a list of strings",
        ),
        ({"rule": [{"plover": "ASSAULT", "all": ["x"], "nones": []}]}, "unknown field 'nones'"),
        ({}, "events.toml [rule]: missing or empty"),
    ],
)
def test_a_broken_rule_names_its_file_entry_and_field(
    data: dict[str, object], message: str
) -> None:
    with pytest.raises(ConfigurationError, match=message.replace("(", r"\(").replace("[", r"\[")):
        datafiles.validate("events.toml", data)


def test_a_state_force_entry_needs_its_country() -> None:
    data = {
        "actor": [{"name": "Al Shabaab", "kind": "rebels", "aliases": ["al-Shabaab"]}],
        "force": [{"kind": "state_forces", "aliases": ["KDF"]}],
    }
    with pytest.raises(
        ConfigurationError, match=r"actors.toml \[force\] entry 1: missing 'country'"
    ):
        datafiles.validate("actors.toml", data)


def test_a_state_force_entry_s_kind_is_one_the_extractor_builds() -> None:
    data = {
        "actor": [{"name": "Al Shabaab", "kind": "rebels", "aliases": ["al-Shabaab"]}],
        "force": [{"country": "KE", "kind": "army", "aliases": ["KDF"]}],
    }
    with pytest.raises(ConfigurationError, match=r"\[force\] entry 1: 'kind' must be one of"):
        datafiles.validate("actors.toml", data)


def test_an_actor_is_one_entry_whose_aliases_are_all_in_it() -> None:
    data = {
        "actor": [
            {"name": "Al Shabaab", "kind": "rebels", "aliases": ["al-Shabaab"]},
            {"name": "Al Shabaab", "kind": "rebels", "aliases": ["Harakat al-Shabaab"]},
        ],
        "force": [{"country": "KE", "kind": "state_forces", "aliases": ["KDF"]}],
    }
    with pytest.raises(
        ConfigurationError, match=r"\[actor\] entry 2: name 'Al Shabaab' repeats entry 1"
    ):
        datafiles.validate("actors.toml", data)
