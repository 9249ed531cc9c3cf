"""The rule files of ``sitrep/data``: one loader that reads each and checks it against its
schema, so that a mistyped entry stops sitrep at start with one line naming the file, the
entry and the field (a ``ConfigurationError``), never a ``KeyError`` deep in a run.

Each TOML rule file holds either a list of tables (``[[rule]]``, ``[[actor]]``…), a list of
strings or a table of strings; ``SCHEMAS`` says which, and for a list of tables the type of
each field, whether it is required and whether its strings are regular expressions (compiled
here once to be checked). ``acled.toml`` and ``geonames_features.toml`` have parsers of their
own that check more (``export.acled_data``, ``resolve.gazetteer._policy``), and
``places_curated.csv`` is read by the gazetteer build; ``tests/test_data_files.py`` loads every
file of the folder through one of them.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from sitrep.errors import ConfigurationError


@dataclass(frozen=True, slots=True)
class Field:
    """A field of a table: its type (``list`` means a list of strings), whether every table
    must have it, whether its strings are regular expressions, and the values it may take."""

    kind: type
    required: bool = True
    regex: bool = False
    choices: frozenset[str] = frozenset()  # a string's allowed values, where it has a few


@dataclass(frozen=True, slots=True)
class Tables:
    """A file whose ``key`` is a list of tables with ``fields``; no two tables share the value
    of the ``unique`` field, if one is named (two entries for one actor would split its
    aliases)."""

    key: str
    fields: Mapping[str, Field]
    unique: str | None = None


@dataclass(frozen=True, slots=True)
class Strings:
    """A file whose ``key`` is a list of strings."""

    key: str


@dataclass(frozen=True, slots=True)
class Aliases:
    """A file whose ``key`` is a table of strings to strings."""

    key: str


_RULE = {
    "subtype": Field(str, required=False),
    "type": Field(str, required=False),
    "plover": Field(str),
    "all": Field(list, regex=True),
    "none": Field(list, required=False, regex=True),
    "defers": Field(bool, required=False),
}
_CUE = {"why": Field(str), "pattern": Field(str, regex=True)}

SCHEMAS: dict[str, tuple[Tables | Strings | Aliases, ...]] = {
    "events.toml": (Tables("rule", _RULE),),
    "statements.toml": (Tables("rule", _RULE),),
    "actors.toml": (
        Tables(
            "actor",
            {
                "name": Field(str),
                "kind": Field(str),
                "country": Field(str, required=False),
                "aliases": Field(list),
            },
            unique="name",
        ),
        Tables(
            "force",
            {
                "country": Field(str),
                "kind": Field(str, choices=frozenset({"state_forces", "police"})),
                "aliases": Field(list),
            },
        ),
    ),
    "credits.toml": (
        Tables(
            "credit",
            {"outlet": Field(str), "hints": Field(list), "pattern": Field(str, regex=True)},
        ),
    ),
    "readers.toml": (Tables("american", _CUE), Tables("commonwealth", _CUE)),
    "titles.toml": (Strings("titles"),),
    "outlets.toml": (Aliases("alias"),),
}


@cache
def load(name: str) -> dict[str, Any]:
    """The data of rule file ``name`` of ``sitrep/data``, checked against ``SCHEMAS``."""
    try:
        content = resources.files("sitrep.data").joinpath(name).read_bytes()
        data = tomllib.loads(content.decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigurationError(f"{name}: cannot be read as TOML ({exc})") from exc
    validate(name, data)
    return data


def validate(name: str, data: dict[str, Any]) -> None:
    """Raise ``ConfigurationError`` naming the file, the entry and the field where ``data``
    (rule file ``name``, parsed) breaks its schema."""
    schema = SCHEMAS.get(name)
    if schema is None:
        raise ConfigurationError(f"{name}: no schema for this data file in sitrep.datafiles")
    for part in schema:
        _check(name, part, data.get(part.key))


def _check(name: str, part: Tables | Strings | Aliases, value: Any) -> None:
    where = f"{name} [{part.key}]"
    if isinstance(part, Aliases):
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            raise ConfigurationError(f"{where}: must be a table of names")
        return
    if not isinstance(value, list) or not value:
        raise ConfigurationError(f"{where}: missing or empty")
    if isinstance(part, Strings):
        if not all(isinstance(item, str) for item in value):
            raise ConfigurationError(f"{where}: must be a list of strings")
        return
    seen: dict[Any, int] = {}
    for number, entry in enumerate(value, start=1):
        if not isinstance(entry, dict):
            raise ConfigurationError(f"{where} entry {number}: must be a table")
        _check_entry(f"{where} entry {number}", part.fields, entry)
        if part.unique is not None:
            first = seen.setdefault(entry[part.unique], number)
            if first != number:
                raise ConfigurationError(
                    f"{where} entry {number}: {part.unique} {entry[part.unique]!r} repeats "
                    f"entry {first}"
                )


def _check_entry(where: str, fields: Mapping[str, Field], entry: dict[str, Any]) -> None:
    for key in entry.keys() - fields.keys():
        raise ConfigurationError(f"{where}: unknown field {key!r}")
    for key, field in fields.items():
        if key not in entry:
            if field.required:
                raise ConfigurationError(f"{where}: missing {key!r}")
            continue
        value = entry[key]
        if field.kind is list:
            typed = isinstance(value, list) and all(isinstance(item, str) for item in value)
        else:
            typed = isinstance(value, field.kind)
        if not typed:
            kind = "a list of strings" if field.kind is list else field.kind.__name__
            raise ConfigurationError(f"{where}: {key!r} must be {kind}")
        if field.choices and value not in field.choices:
            raise ConfigurationError(f"{where}: {key!r} must be one of {sorted(field.choices)}")
        if field.regex:
            for pattern in value if field.kind is list else [value]:
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise ConfigurationError(f"{where}: {key!r} {pattern!r}: {exc}") from exc
