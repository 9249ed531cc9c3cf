"""Importing GeoNames' own dump files into a gazetteer that ``Gazetteer`` opens like the built one.

The imported file has the built file's tables and keys (``_build``), so nothing downstream
changes. It is layered: first the built gazetteer (its places, names, curated rows, aliases and
demonyms), then the dumps' places, each replacing the built row of the same GeoNames id (a
population of 0, GeoNames' "unknown", keeps the built one) and adding its names to those the
row had. ``geonames_features.toml`` says which features are kept and as which kind (``_policy``).
``admin1CodesASCII.txt`` and ``admin2Codes.txt`` name the admin areas and ``countryInfo.txt``
the countries, whatever the dump rows call them; a dump's own ``alternatenames`` column is used
only when no alternate-names file is imported (that file is the column's source, with
languages).

Memory stays bounded whatever the dump's size: lines are streamed (zip members through
``zipfile.open``), rows go to SQLite in batches, names and their keys are staged as they come
and sorted into the indexed tables by SQLite once at the end (a sort that spills to temporary
files), never held in a dict. Which geonameids have a place is a bitmap (``_PlaceIds``, one bit
per id, 16 MB at most), so the alternate names of places the policy left out are dropped before
their keys are computed. Everything is written to a new file beside the target, staging tables
to a scratch file beside it, and the new file replaces the target (``os.replace``) only when
complete and checked: an import that is interrupted or fails leaves the previous gazetteer as it
was. Neither file is ever read by anyone else while being written, so both are written without
a journal or syncs (one ``fsync`` at the end), with a large page cache.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from sitrep.errors import GazetteerError
from sitrep.resolve.gazetteer import _geonames, _policy
from sitrep.resolve.gazetteer._build import (
    GAZETTEER_VERSION,
    IMPORT_ORIGIN,
    INDEX_SQL,
    TABLES_SQL,
    checksum,
    keys_digest,
    name_keys,
    remove_stale_temporaries,
)
from sitrep.resolve.gazetteer._geonames import BadLines, DumpFile, Reading, dump_lines, recognise
from sitrep.resolve.gazetteer._policy import FeaturePolicy, feature_policy
from sitrep.resolve.gazetteer._sources import _admin1_variants, fold_ascii, index_names
from sitrep.resolve.gazetteer._store import Gazetteer, imported_path, load_gazetteer

__all__ = ["ImportProgress", "ImportReport", "SourceReport", "import_geonames"]

logger = logging.getLogger(__name__)

_BATCH = 10_000
# SQLite's page cache for the new file, in KiB; its sorter may use as much again.
_CACHE_KIB = 256 * 1024
_STAGING = """
CREATE TABLE scratch.staged_names (key TEXT, place INTEGER, flags INTEGER);
CREATE TABLE scratch.staged_place_names (place INTEGER, name TEXT);
"""
_COPY_BASE = """
INSERT INTO main.places SELECT * FROM base.places;
INSERT INTO main.demonyms SELECT * FROM base.demonyms;
INSERT INTO scratch.staged_names SELECT key, place, flags FROM base.names;
INSERT INTO scratch.staged_place_names SELECT place, name FROM base.place_names;
"""
_UPSERT_PLACE = """
INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET
    name = excluded.name, ascii_name = excluded.ascii_name, lat = excluded.lat,
    lon = excluded.lon, country = excluded.country, admin1 = excluded.admin1,
    admin2 = excluded.admin2, feature_class = excluded.feature_class,
    feature_code = excluded.feature_code, kind = excluded.kind,
    population = CASE WHEN excluded.population > 0 THEN excluded.population
                      ELSE places.population END,
    source = excluded.source
"""
# One sort per table; the same key of a place staged twice (its name and an alternate name)
# becomes one row with both kinds of key.
_ASSEMBLE = """
INSERT INTO names SELECT key, place, flags FROM scratch.staged_names
WHERE true ORDER BY key, place
ON CONFLICT (key, place) DO UPDATE SET flags = flags | excluded.flags;
INSERT OR IGNORE INTO place_names SELECT place, name FROM scratch.staged_place_names
ORDER BY place, name;
"""
# GeoNames ids run to about 13 million; ids past this (none today) are looked up in SQLite.
_BITMAP_IDS = 1 << 27
_CODE_EXAMPLE = {"admin1": "UA.05", "admin2": "UA.05.1412"}
_NON_ADMIN_KINDS = frozenset({"country", "admin1", "admin2"})


class ImportProgress(Protocol):
    """Told how an import goes: the file (or stage) at hand, its rows and bad lines so far, and
    bytes read of its total (None for a stage with no size)."""

    def __call__(self, stage: str, rows: int, bad: int, done: int, total: int | None) -> None: ...


@dataclass(frozen=True, slots=True)
class SourceReport:
    """One imported file: what it is, its size, digest and date, and what it gave."""

    file: str
    kind: str
    size: int
    sha256: str
    modified: str
    rows: int
    kept: int
    bad: int
    bad_lines: str
    latest_change: str | None

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


@dataclass(frozen=True, slots=True)
class ImportReport:
    path: Path
    seconds: float
    places: int
    names: int
    checksum: str
    sources: tuple[SourceReport, ...]
    admin_areas_without_place: int


@dataclass(frozen=True, slots=True)
class _AdminCode:
    country: str
    admin1: str
    admin2: str | None
    name: str
    ascii_name: str


@dataclass(frozen=True, slots=True)
class _Country:
    iso2: str
    name: str
    population: int


@dataclass(slots=True)
class _Codes:
    """What the small files say: admin areas' and countries' names by geonameid."""

    admin: dict[int, _AdminCode] = field(default_factory=dict)
    countries: dict[int, _Country] = field(default_factory=dict)


class _PlaceIds:
    """The geonameids the places table holds: a bitmap for ids under ``_BITMAP_IDS``, grown to
    the largest id seen, and a query for any other id."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.bits = bytearray()

    def add(self, geonameid: int) -> None:
        if 0 <= geonameid < _BITMAP_IDS:
            byte = geonameid >> 3
            if byte >= len(self.bits):
                self.bits.extend(bytes(max(byte + 1 - len(self.bits), len(self.bits) // 2)))
            self.bits[byte] |= 1 << (geonameid & 7)

    def __contains__(self, geonameid: int) -> bool:
        if 0 <= geonameid < _BITMAP_IDS:
            byte = geonameid >> 3
            return byte < len(self.bits) and bool(self.bits[byte] >> (geonameid & 7) & 1)
        query = "SELECT 1 FROM main.places WHERE id = ?"
        return self.connection.execute(query, (geonameid,)).fetchone() is not None


@lru_cache(maxsize=1 << 18)
def _keys_of(name: str, drop_codes: bool) -> tuple[tuple[str, int], ...]:
    """One name's lookup keys, or none when it is not worth indexing (``index_names``)."""
    if not index_names([name], drop_codes=drop_codes):
        return ()
    return tuple(name_keys([name]).items())


class _Stager:
    """Rows for the places table and the staging tables, written in batches."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.ids = _PlaceIds(connection)
        self.places: list[tuple[Any, ...]] = []
        self.names: list[tuple[str, int, int]] = []
        self.place_names: list[tuple[int, str]] = []

    def place(self, row: tuple[Any, ...], names: Iterable[str], *, drop_codes: bool) -> None:
        self.places.append(row)
        self.ids.add(row[0])
        self.add_names(row[0], names, drop_codes=drop_codes)

    def add_names(self, place: int, names: Iterable[str], *, drop_codes: bool) -> None:
        """Stage the names and their keys (a key staged twice is merged by ``_ASSEMBLE``)."""
        for raw in names:
            name = raw.strip()
            found = _keys_of(name, drop_codes) if name else ()
            if found:
                self.place_names.append((place, name))
                self.names.extend([(key, place, flags) for key, flags in found])

    def alternate(self, place: int, name: str, *, drop_codes: bool) -> bool:
        """Stage an alternate name of a place the table holds; False for any other place."""
        if place not in self.ids:
            return False
        self.add_names(place, (name,), drop_codes=drop_codes)
        return True

    def full(self) -> bool:
        return len(self.places) + len(self.names) >= _BATCH

    def flush(self) -> None:
        execute = self.connection.executemany
        execute(_UPSERT_PLACE, self.places)
        execute("INSERT INTO scratch.staged_names VALUES (?, ?, ?)", self.names)
        execute("INSERT INTO scratch.staged_place_names VALUES (?, ?)", self.place_names)
        for batch in (self.places, self.names, self.place_names):
            batch.clear()


def _parse_place(fields: list[str]) -> tuple[int, float, float, int] | str:
    """(geonameid, lat, lon, population) of a places line, or why the line is malformed."""
    try:
        geonameid = int(fields[0])
    except ValueError:
        return f"geonameid {fields[0][:40]!r} is not a number"
    try:
        lat, lon = float(fields[4]), float(fields[5])
    except ValueError:
        return f"coordinates {fields[4][:20]!r}, {fields[5][:20]!r} are not numbers"
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        return f"coordinates {lat}, {lon} are out of range"
    try:
        population = int(fields[14] or 0)
    except ValueError:
        return f"population {fields[14][:20]!r} is not a number"
    if not fields[1].strip():
        return "the name is empty"
    return geonameid, lat, lon, population


@dataclass(slots=True)
class _FileResult:
    kept: int = 0
    latest_change: str = ""


class _Importer:
    """Reads each file into the open connection (see the module docstring)."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        policy: FeaturePolicy,
        progress: ImportProgress | None,
        *,
        use_alternate_column: bool,
    ) -> None:
        self.connection = connection
        self.policy = policy
        self.progress = progress
        self.use_alternate_column = use_alternate_column
        self.stager = _Stager(connection)
        self.codes = _Codes()

    def _report(self, reading: Reading, rows: int) -> None:
        if self.progress is not None:
            name = reading.dump.path.name
            self.progress(name, rows, reading.bad.count, reading.done_bytes, reading.total_bytes)

    def read(self, dump: DumpFile) -> tuple[Reading, _FileResult]:
        reading = Reading(dump, total_bytes=0)
        result = _FileResult()
        rows = 0
        for number, fields in dump_lines(dump, reading):
            rows += 1
            self._row(reading, number, fields, result)
            if self.stager.full():
                self.stager.flush()
                self._report(reading, rows)
        self.stager.flush()
        self._report(reading, rows)
        return reading, result

    def _row(self, reading: Reading, number: int, fields: list[str], result: _FileResult) -> None:
        kind = reading.dump.kind
        if kind == "places":
            self._place(reading.dump, number, fields, reading.bad, result)
        elif kind == "alternate_names":
            self._alternate(number, fields, reading.bad, result)
        elif kind == "countries":
            self._country(number, fields, reading.bad, result)
        else:
            self._admin_code(kind, number, fields, reading.bad, result)

    def _place(
        self, dump: DumpFile, number: int, fields: list[str], bad: BadLines, result: _FileResult
    ) -> None:
        parsed = _parse_place(fields)
        if isinstance(parsed, str):
            bad.add(number, parsed)
            return
        kind = self.policy.kind_of(fields[6], fields[7])
        if kind is None:
            return
        geonameid, lat, lon, population = parsed
        name = fields[1].strip()
        row = (
            geonameid,
            name,
            fields[2].strip() or fold_ascii(name),
            lat,
            lon,
            fields[8] or None,
            fields[10] or None,
            fields[11] or None,
            fields[6],
            fields[7] or None,
            kind,
            population,
            f"GeoNames {dump.path.name}",
        )
        names = [name] if fields[2] == name else [name, fields[2]]
        if self.use_alternate_column and fields[3]:
            names.extend(fields[3].split(","))
        self.stager.place(row, names, drop_codes=kind not in _NON_ADMIN_KINDS)
        result.kept += 1
        result.latest_change = max(result.latest_change, fields[18])

    def _alternate(
        self, number: int, fields: list[str], bad: BadLines, result: _FileResult
    ) -> None:
        language = fields[2]
        if language in self.policy.skip_languages:
            return
        try:
            place = int(fields[1])
        except ValueError:
            bad.add(number, f"geonameid {fields[1][:40]!r} is not a number")
            return
        if self.stager.alternate(place, fields[3], drop_codes=language != "abbr"):
            result.kept += 1

    def _country(self, number: int, fields: list[str], bad: BadLines, result: _FileResult) -> None:
        try:
            geonameid, population = int(fields[16]), int(fields[7] or 0)
        except ValueError:
            bad.add(number, f"geonameid {fields[16][:40]!r} or population is not a number")
            return
        self.codes.countries[geonameid] = _Country(fields[0].strip(), fields[4].strip(), population)
        result.kept += 1

    def _admin_code(
        self, kind: str, number: int, fields: list[str], bad: BadLines, result: _FileResult
    ) -> None:
        parts = fields[0].split(".")
        if len(parts) != (2 if kind == "admin1" else 3) or not all(parts):
            bad.add(
                number,
                f"code {fields[0][:40]!r} is not like {_CODE_EXAMPLE[kind]}",
            )
            return
        try:
            geonameid = int(fields[3])
        except ValueError:
            bad.add(number, f"geonameid {fields[3][:40]!r} is not a number")
            return
        admin2 = parts[2] if kind == "admin2" else None
        name = fields[1].strip()
        ascii_name = fields[2].strip() or fold_ascii(name)
        self.codes.admin[geonameid] = _AdminCode(parts[0], parts[1], admin2, name, ascii_name)
        result.kept += 1

    def apply_codes(self, country_ids: set[int]) -> int:
        """Name admin areas and countries as the code files do; returns the admin areas of the
        code files that no imported or built row has (no point to give them)."""
        missing = 0
        execute = self.connection.execute
        for geonameid, code in self.codes.admin.items():
            row = execute("SELECT name FROM places WHERE id = ?", (geonameid,)).fetchone()
            if row is None:
                missing += 1
                continue
            kind = "admin1" if code.admin2 is None else "admin2"
            execute(
                "UPDATE places SET name = ?, ascii_name = ?, kind = ?, country = ?, admin1 = ?, "
                "admin2 = ? WHERE id = ?",
                (
                    code.name,
                    code.ascii_name,
                    kind,
                    code.country,
                    code.admin1,
                    code.admin2,
                    geonameid,
                ),
            )
            names = [code.name, code.ascii_name, str(row[0])]
            if kind == "admin1":
                names.extend(_admin1_variants(names, ()))
            self.stager.add_names(geonameid, names, drop_codes=False)
        for geonameid, country in self.codes.countries.items():
            execute(
                "UPDATE places SET kind = 'country', country = ?, name = ?, ascii_name = ?, "
                "population = CASE WHEN ? > 0 THEN ? ELSE population END WHERE id = ?",
                (
                    country.iso2,
                    country.name,
                    fold_ascii(country.name),
                    country.population,
                    country.population,
                    geonameid,
                ),
            )
            self.stager.add_names(geonameid, [country.name], drop_codes=False)
        self.stager.flush()
        self._one_country_per_code(country_ids | set(self.codes.countries))
        return missing

    def _one_country_per_code(self, country_ids: set[int]) -> None:
        """Other political entities (``PCLD``…) that no country list names become regions, so
        ``Gazetteer.country(code)`` finds one place."""
        self.connection.execute("CREATE TEMP TABLE country_ids (id INTEGER PRIMARY KEY)")
        self.connection.executemany(
            "INSERT INTO country_ids VALUES (?)", ((i,) for i in sorted(country_ids))
        )
        self.connection.execute(
            "UPDATE places SET kind = 'region' WHERE kind = 'country' "
            "AND id NOT IN (SELECT id FROM country_ids)"
        )


def _file_digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _code_digest() -> str:
    digest = hashlib.sha256()
    for module in (_geonames, _policy):
        digest.update(Path(module.__file__ or "").read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()


def _fingerprint(
    dumps: Sequence[DumpFile], digests: Sequence[str], base: Gazetteer
) -> dict[str, Any]:
    """Everything the imported file's content depends on."""
    return {
        "version": GAZETTEER_VERSION,
        "origin": IMPORT_ORIGIN,
        "keys": keys_digest(),
        "code_sha256": _code_digest(),
        "policy_sha256": hashlib.sha256(_policy.policy_bytes()).hexdigest(),
        "base_checksum": base.checksum,
        "files": [
            {"name": dump.path.name, "size": dump.path.stat().st_size, "sha256": digest}
            for dump, digest in zip(dumps, digests, strict=True)
        ],
    }


def _recognise_all(files: Sequence[Path]) -> list[DumpFile]:
    dumps = sorted((recognise(Path(file)) for file in files), key=lambda dump: dump.order)
    names = [dump.path.name for dump in dumps]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise GazetteerError(f"{twice[0]}: given twice")
    for dump in dumps:
        if not dump.path.is_file():
            raise GazetteerError(f"{dump.path}: no such file")
    return dumps


def _source_report(
    dump: DumpFile, digest: str, reading: Reading, result: _FileResult
) -> SourceReport:
    stat = dump.path.stat()
    return SourceReport(
        file=dump.path.name,
        kind=reading.dump.kind,
        size=stat.st_size,
        sha256=digest,
        modified=datetime.fromtimestamp(stat.st_mtime, UTC).date().isoformat(),
        rows=reading.lines,
        kept=result.kept,
        bad=reading.bad.count,
        bad_lines=reading.bad.summary(),
        latest_change=result.latest_change or None,
    )


@dataclass(frozen=True, slots=True)
class _Job:
    dumps: list[DumpFile]
    digests: list[str]
    base: Gazetteer
    progress: ImportProgress | None


def _write(connection: sqlite3.Connection, job: _Job) -> tuple[list[SourceReport], int]:
    """Fill the open (empty) file; the scratch and base files are attached."""
    connection.executescript(TABLES_SQL + _STAGING + _COPY_BASE)
    country_ids = {
        int(row[0])
        for row in connection.execute("SELECT id FROM base.places WHERE kind = 'country'")
    }
    connection.execute("DETACH DATABASE base")
    importer = _Importer(
        connection,
        feature_policy(),
        job.progress,
        use_alternate_column=not any(d.kind == "alternate_names" for d in job.dumps),
    )
    for (geonameid,) in connection.execute("SELECT id FROM main.places"):  # the base's
        importer.stager.ids.add(geonameid)
    reports = []
    for dump, digest in zip(job.dumps, job.digests, strict=True):
        reading, result = importer.read(dump)
        reports.append(_source_report(dump, digest, reading, result))
        if reading.bad.count:
            logger.warning(
                "%s: %d bad line(s): %s", dump.path.name, reading.bad.count, reading.bad.summary()
            )
    missing = importer.apply_codes(country_ids)
    if job.progress is not None:
        job.progress("indexing names", 0, 0, 0, None)
    connection.executescript(INDEX_SQL + _ASSEMBLE)
    connection.execute("DETACH DATABASE scratch")
    return reports, missing


def _meta(
    connection: sqlite3.Connection,
    fingerprint: dict[str, Any],
    reports: list[SourceReport],
    base: Gazetteer,
) -> dict[str, str]:
    places = connection.execute("SELECT count(*) FROM places").fetchone()[0]
    names = connection.execute("SELECT count(*) FROM names").fetchone()[0]
    meta = {
        "version": GAZETTEER_VERSION,
        "origin": IMPORT_ORIGIN,
        "checksum": checksum(fingerprint),
        "keys": fingerprint["keys"],
        "fingerprint": json.dumps(fingerprint, sort_keys=True),
        "imported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "places": str(places),
        "names": str(names),
        "sources": json.dumps([report.to_dict() for report in reports]),
        "base": f"{base.path} ({base.checksum})",
    }
    connection.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    connection.commit()
    return meta


def _check(path: Path, expected_places: int) -> None:
    """The new file opens as a gazetteer and finds one of its own places by name."""
    gazetteer = Gazetteer(path)
    try:
        row = gazetteer._query("SELECT id, name FROM places WHERE id >= 0 LIMIT 1", ())
        if int(gazetteer.meta.get("places", -1)) != expected_places or not row:
            raise GazetteerError(f"the imported gazetteer {path} is incomplete")
        if row[0][0] not in {c.geonameid for c in gazetteer.candidates(row[0][1], limit=1000)}:
            raise GazetteerError(f"the imported gazetteer {path} does not find its own places")
    finally:
        gazetteer.close()


def _connect(temporary: Path, scratch: Path, base: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(temporary.resolve().as_uri(), uri=True)
    for pragma in (
        "journal_mode = OFF",
        "synchronous = OFF",
        f"cache_size = -{_CACHE_KIB}",
        "temp_store = FILE",
    ):
        connection.execute(f"PRAGMA {pragma}")
    connection.execute("ATTACH DATABASE ? AS scratch", (str(scratch),))
    connection.execute("PRAGMA scratch.journal_mode = OFF")
    connection.execute("PRAGMA scratch.synchronous = OFF")
    connection.execute("ATTACH DATABASE ? AS base", (f"{base.resolve().as_uri()}?mode=ro",))
    return connection


def _import_into(temporary: Path, job: _Job) -> ImportReport:
    started = time.perf_counter()
    scratch = temporary.with_name(f"{temporary.stem}.scratch.tmp")
    try:
        connection = _connect(temporary, scratch, job.base.path)
        try:
            reports, missing = _write(connection, job)
            meta = _meta(
                connection, _fingerprint(job.dumps, job.digests, job.base), reports, job.base
            )
        finally:
            connection.close()
    finally:
        scratch.unlink(missing_ok=True)
    with temporary.open("rb+") as written:
        os.fsync(written.fileno())
    _check(temporary, int(meta["places"]))
    return ImportReport(
        path=temporary,
        seconds=time.perf_counter() - started,
        places=int(meta["places"]),
        names=int(meta["names"]),
        checksum=meta["checksum"],
        sources=tuple(reports),
        admin_areas_without_place=missing,
    )


def import_geonames(
    files: Sequence[Path],
    *,
    path: Path | None = None,
    base: Gazetteer | None = None,
    progress: ImportProgress | None = None,
) -> ImportReport:
    """Import GeoNames dump files into the gazetteer at ``path`` (default: the imported
    gazetteer's place in the cache dir, which ``open_gazetteer`` then uses), replacing any file
    there atomically, and only once the import is complete.

    ``base`` is the built gazetteer the import is layered on (default: the built default, built
    first if needed). A bad line is counted and skipped; a file that cannot be read (a zip cut
    short, an unknown name) raises ``GazetteerError`` naming it, and the file at ``path`` stays
    as it was.
    """
    target = path if path is not None else imported_path()
    dumps = _recognise_all(files)
    base_gazetteer = base if base is not None else load_gazetteer()
    digests = [_file_digest(dump.path) for dump in dumps]
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(target)
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(handle)
    temporary = Path(name)
    try:
        report = _import_into(temporary, _Job(dumps, digests, base_gazetteer, progress))
        temporary.chmod(0o644)  # mkstemp makes it private; it is a cache of public data
        temporary.replace(target)
    except sqlite3.Error as exc:
        temporary.unlink(missing_ok=True)
        raise GazetteerError(f"cannot write the gazetteer at {target} ({exc})") from exc
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    logger.info("imported %d places from %d file(s) into %s", report.places, len(dumps), target)
    return ImportReport(
        target,
        report.seconds,
        report.places,
        report.names,
        report.checksum,
        report.sources,
        report.admin_areas_without_place,
    )
