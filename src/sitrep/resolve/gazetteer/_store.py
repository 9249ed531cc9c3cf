"""Opening the compiled gazetteer (building it first when needed) and looking names up in it.

``open_gazetteer`` picks the file (``select_gazetteer``): the ``path`` argument, else the file
``$SITREP_GAZETTEER`` names, else a gazetteer imported from GeoNames dumps in the cache dir
(``imported_path``), else the built default (``default_path``). The cache dir is
``$SITREP_CACHE_DIR``, else the user cache dir. It checks the file and, when a built one is
missing, unreadable, cut short, of another schema or built from other data or code than what is
installed now, rebuilds it under a lock file, so two processes starting together build it once.
An imported file (or one named by ``$SITREP_GAZETTEER``) is never rebuilt: a problem with it is
a ``GazetteerError`` saying how to fix it. The check reads the ``meta`` table only: opening
takes about a millisecond once the file exists.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import sqlite3
import threading
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any, Literal

from platformdirs import user_cache_dir

from sitrep.errors import GazetteerError
from sitrep.resolve.gazetteer._build import (
    EXACT,
    FOLDED,
    GAZETTEER_VERSION,
    IMPORT_ORIGIN,
    MIN_SKELETON_LENGTH,
    SKELETON,
    BuildProgress,
    build_gazetteer,
    checksum,
    fingerprint,
    keys_digest,
)
from sitrep.resolve.gazetteer._keys import exact_key, folded_key, skeleton_key
from sitrep.resolve.gazetteer._types import Candidate, MatchKind, Place

__all__ = [
    "CACHE_DIR_VARIABLE",
    "GAZETTEER_VARIABLE",
    "Gazetteer",
    "GazetteerChoice",
    "SkeletonMode",
    "clear_gazetteer_cache",
    "default_path",
    "imported_path",
    "load_gazetteer",
    "open_gazetteer",
    "select_gazetteer",
]

logger = logging.getLogger(__name__)

CACHE_DIR_VARIABLE = "SITREP_CACHE_DIR"
GAZETTEER_VARIABLE = "SITREP_GAZETTEER"
FILE_NAME = "gazetteer.sqlite3"
IMPORTED_FILE_NAME = "gazetteer-geonames.sqlite3"

# When the loose skeleton key is asked: only when the stricter keys find nothing (the
# default: it finds "Nabatiyeh" without adding "Peres" and "Poros" to every "Paris"), always,
# or never.
SkeletonMode = Literal["fallback", "always", "never"]

_PLACE_COLUMNS = (
    "p.id, p.name, p.ascii_name, p.lat, p.lon, p.country, p.admin1, p.admin2, "
    "p.feature_class, p.feature_code, p.kind, p.population, p.source"
)
# How a names row matched: 0 exact, 1 folded, 2 skeleton, 9 by a kind of key not asked.
_TIER = f"""CASE
    WHEN n.key = :exact AND n.flags & {EXACT} THEN 0
    WHEN n.key = :folded AND n.flags & {FOLDED} THEN 1
    WHEN n.key = :skeleton AND n.flags & {SKELETON} THEN 2
    ELSE 9 END"""
# Within a kind of match, places of unknown population first (curated regions, seas, rivers:
# listed because news means them), then the most populous.
_ORDER = "tier, p.population IS NOT NULL, p.population DESC, p.id"
# One range scan of the names key per distinct query key; a place found by several keys
# counts by its strictest match. Matches are grouped by id alone, before the places' rows are
# read: a name with thousands of namesakes in an imported dump groups small rows, not whole
# places.
_CANDIDATES_SQL = f"""
WITH matched AS (
    SELECT n.place AS id, MIN({_TIER}) AS tier
    FROM names AS n
    WHERE n.key IN (:exact, :folded, :skeleton)
    GROUP BY n.place
    HAVING tier <= :max_tier
)
SELECT {_PLACE_COLUMNS}, m.tier AS tier
FROM matched AS m JOIN places AS p ON p.id = m.id
ORDER BY {_ORDER}
LIMIT :limit
"""
# The same when every key asked is one string (most names: "Mill Creek" folds to itself): a
# place has one row under it, so nothing needs grouping.
_ONE_KEY_SQL = f"""
SELECT {_PLACE_COLUMNS}, {_TIER} AS tier
FROM names AS n JOIN places AS p ON p.id = n.place
WHERE n.key = :exact AND tier <= :max_tier
ORDER BY {_ORDER}
LIMIT :limit
"""
_MATCH_KINDS: tuple[MatchKind, ...] = ("exact", "folded", "skeleton")
# SQLite caps it at its compile-time maximum (2 GiB in most builds).
_MMAP_BYTES = 1 << 31


def _skeleton(folded: str) -> str:
    """The skeleton key of a folded key, or "" when it is too short to be asked."""
    skeleton = skeleton_key(folded) if folded else ""
    return skeleton if len(skeleton) >= MIN_SKELETON_LENGTH else ""


def _candidates_sql(parameters: dict[str, Any]) -> str:
    """The one-key query where it gives the same rows, else the general one."""
    keys = {parameters["exact"], parameters["folded"], parameters["skeleton"]} - {""}
    return _ONE_KEY_SQL if keys == {parameters["exact"]} else _CANDIDATES_SQL


def _place(row: tuple[Any, ...]) -> Place:
    return Place(*row[:13])


def _candidate(row: tuple[Any, ...]) -> Candidate:
    return Candidate(
        row[0],
        row[1],
        row[2],
        row[3],
        row[4],
        row[5],
        row[6],
        row[7],
        row[8],
        row[9],
        row[10],
        row[11],
        row[12],
        _MATCH_KINDS[row[13]],
    )


class Gazetteer:
    """A compiled gazetteer file, opened read-only; safe to share between threads.

    Each thread gets its own SQLite connection. A ``Gazetteer`` pickles as its path, so a Spark
    task or a worker process reopens the same file instead of copying it.
    """

    def __init__(self, path: Path, *, countries: frozenset[str] | None = None) -> None:
        self.path = path
        self.countries = countries
        self._local = threading.local()
        self.meta: dict[str, str] = dict(self._query("SELECT key, value FROM meta", ()))

    def __repr__(self) -> str:
        return f"Gazetteer({str(self.path)!r}, version={self.version!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_reopen, (self.path, self.countries))

    @property
    def version(self) -> str:
        return str(self.meta.get("version", ""))

    @property
    def checksum(self) -> str:
        return str(self.meta.get("checksum", ""))

    @property
    def imported(self) -> bool:
        """Whether the file was imported from GeoNames dumps (else it was built)."""
        return self.meta.get("origin") == IMPORT_ORIGIN

    def _connection(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            # immutable: the file is only ever replaced by a rename, never changed in place,
            # so SQLite can skip locking and change detection.
            uri = f"{self.path.resolve().as_uri()}?mode=ro&immutable=1"
            connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
            # Pages read through a memory map, not copied into a private cache: a third
            # faster on a large imported file, and shared between the processes reading it.
            connection.execute(f"PRAGMA mmap_size = {_MMAP_BYTES}")
            self._local.connection = connection
        return connection

    # A query's rows by its SQL and parameters, in a gazetteer made by ``remembering``.
    _answers: dict[tuple[str, tuple[Any, ...]], list[Any]] | None = None

    def remembering(self) -> Gazetteer:
        """This gazetteer, sharing its connections, that answers a query it was asked before
        from memory: for the stages of one article, which ask many names twice (places, then
        the places of events: 2,015 queries for 951 distinct on ``bench.throughput``'s 15
        stories). The file is immutable, so the answers are the same; they go with it."""
        twin = object.__new__(Gazetteer)
        twin.__dict__.update(self.__dict__)
        twin._answers = {}
        return twin

    def _query(self, sql: str, parameters: dict[str, Any] | tuple[Any, ...]) -> list[Any]:
        if self._answers is None:
            return self._execute(sql, parameters)
        values = tuple(parameters.items()) if isinstance(parameters, dict) else parameters
        rows = self._answers.get((sql, values))
        if rows is None:
            rows = self._answers[(sql, values)] = self._execute(sql, parameters)
        return rows

    def _execute(self, sql: str, parameters: dict[str, Any] | tuple[Any, ...]) -> list[Any]:
        try:
            return self._connection().execute(sql, parameters).fetchall()
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(
                f"the gazetteer file {self.path} is damaged ({exc}): delete it and sitrep "
                "rebuilds it on next use"
            ) from exc

    def candidates(
        self, name: str, *, limit: int = 50, skeleton: SkeletonMode = "fallback"
    ) -> list[Candidate]:
        """Places that ``name`` may refer to: exact matches, then folded, then skeleton ones.

        Within each kind of match, curated places of unknown population first, then the most
        populous. A name nothing matches gives an empty list. In the default ``fallback`` mode
        the skeleton key is asked only when nothing else matched and the name is not a demonym
        (see ``demonym``).
        """
        exact = exact_key(name)
        if not exact or limit <= 0:
            return []
        folded = folded_key(name)
        parameters = {
            "exact": exact,
            "folded": folded,
            "skeleton": _skeleton(folded) if skeleton == "always" else "",
            "max_tier": 2 if skeleton == "always" else 1,
            "limit": limit,
        }
        rows = self._query(_candidates_sql(parameters), parameters)
        # A demonym ("Russian") has no place of its own; its skeleton would find only namesakes.
        if not rows and skeleton == "fallback":
            skeleton_text = _skeleton(folded)
            if skeleton_text and not self.demonym(name):
                parameters.update(skeleton=skeleton_text, max_tier=2)
                rows = self._query(_candidates_sql(parameters), parameters)
        return [_candidate(row) for row in rows]

    def get(self, geonameid: int) -> Place | None:
        """The place with this GeoNames id (negative for a curated row), if there is one."""
        rows = self._query(f"SELECT {_PLACE_COLUMNS} FROM places AS p WHERE p.id = ?", (geonameid,))
        return _place(rows[0]) if rows else None

    def country(self, iso2: str) -> Place | None:
        """The country with this ISO 3166-1 alpha-2 code ("AZ"), if there is one."""
        rows = self._query(
            f"SELECT {_PLACE_COLUMNS} FROM places AS p WHERE p.kind = 'country' AND p.country = ? "
            "ORDER BY p.population DESC, p.id LIMIT 1",
            (iso2.strip().upper(),),
        )
        return _place(rows[0]) if rows else None

    def admin1(self, iso2: str, code: str) -> Place | None:
        """The first-level division with this code in a country ("AZ", "29"), if known."""
        rows = self._query(
            f"SELECT {_PLACE_COLUMNS} FROM places AS p "
            "WHERE p.kind = 'admin1' AND p.country = ? AND p.admin1 = ? LIMIT 1",
            (iso2.strip().upper(), code),
        )
        return _place(rows[0]) if rows else None

    def admin2(self, iso2: str, admin1: str, admin2: str) -> Place | None:
        """The second-level division with these codes in a country ("UA", "05", "1412")."""
        rows = self._query(
            f"SELECT {_PLACE_COLUMNS} FROM places AS p WHERE p.kind = 'admin2' AND p.country = ? "
            "AND p.admin1 = ? AND p.admin2 = ? LIMIT 1",
            (iso2.strip().upper(), admin1, admin2),
        )
        return _place(rows[0]) if rows else None

    def demonym(self, word: str) -> str | None:
        """ISO2 code of the country a demonym refers to ("Azerbaijani" -> "AZ"), if known.

        Where countries share a demonym ("Congolese"), the more populous one.
        """
        rows = self._query(
            "SELECT country FROM demonyms WHERE key = ? ORDER BY population DESC LIMIT 1",
            (folded_key(word),),
        )
        return str(rows[0][0]) if rows else None

    def names(self, geonameid: int) -> list[str]:
        """Every name the place is indexed under, as written ("Shusha", "Şuşa", "Shushi"…)."""
        rows = self._query("SELECT name FROM place_names WHERE place = ?", (geonameid,))
        return [str(row[0]) for row in rows]

    def close(self) -> None:
        """Close this thread's connection (others close when their thread's data is freed)."""
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
            self._local.connection = None


# --- locating, checking, building ---------------------------------------------------------


def _cache_folder() -> Path:
    return Path(os.environ.get(CACHE_DIR_VARIABLE) or user_cache_dir("sitrep", appauthor=False))


def default_path(countries: Collection[str] | None = None) -> Path:
    """Where the built gazetteer lives: ``$SITREP_CACHE_DIR`` or the user cache dir.

    A gazetteer restricted to some countries gets a file of its own.
    """
    folder = _cache_folder()
    if countries is None:
        return Path(folder) / FILE_NAME
    codes = "-".join(sorted(countries))
    if len(codes) > 40:
        codes = hashlib.sha256(codes.encode()).hexdigest()[:16]
    return Path(folder) / f"gazetteer-{codes}.sqlite3"


def imported_path() -> Path:
    """Where ``sitrep gazetteer import`` writes the gazetteer imported from GeoNames dumps."""
    return _cache_folder() / IMPORTED_FILE_NAME


# Why a gazetteer file is the one in use: named by the caller, by $SITREP_GAZETTEER, imported
# into the cache dir, or the built default.
GazetteerChoice = Literal["given", "SITREP_GAZETTEER", "imported", "built"]


def select_gazetteer(path: Path | None = None) -> tuple[Path, GazetteerChoice]:
    """The gazetteer file to use and why: ``path`` > ``$SITREP_GAZETTEER`` > an imported
    gazetteer in the cache dir > the built default."""
    if path is not None:
        return path, "given"
    named = os.environ.get(GAZETTEER_VARIABLE)
    if named:
        return Path(named).expanduser(), "SITREP_GAZETTEER"
    imported = imported_path()
    if imported.is_file():
        return imported, "imported"
    return default_path(), "built"


def _read_meta(path: Path) -> dict[str, str] | str:
    """The file's ``meta`` table, or why it cannot be read."""
    if not path.is_file():
        return "is missing"
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            page_count = connection.execute("PRAGMA page_count").fetchone()[0]
            page_size = connection.execute("PRAGMA page_size").fetchone()[0]
            meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        return f"is unreadable ({exc})"
    if page_count * page_size != path.stat().st_size:
        return "is cut short or padded"
    return {str(key): str(value) for key, value in meta.items()}


def _problem(path: Path, expected_checksum: str) -> str | None:
    """Why the file at ``path`` cannot be used as it is, or None when it can."""
    meta = _read_meta(path)
    if isinstance(meta, str):
        return meta
    if meta.get("version") != GAZETTEER_VERSION:
        return f"has version {meta.get('version')!r}, not {GAZETTEER_VERSION!r}"
    if meta.get("origin") == IMPORT_ORIGIN:
        if meta.get("keys") != keys_digest():
            return "was imported by a sitrep whose name keys differ from this one's"
        return None
    if meta.get("checksum") != expected_checksum:
        return "was built from other data or code than what is installed"
    return None


@contextlib.contextmanager
def _build_lock(path: Path) -> Iterator[None]:
    """An exclusive lock beside ``path``, so concurrent processes build the file once."""
    try:
        import fcntl
    except ImportError:  # Windows: builds may race; the rename keeps each one whole
        yield
        return
    with path.with_name(f".{path.name}.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _imported(path: Path) -> bool:
    meta = _read_meta(path)
    return isinstance(meta, dict) and meta.get("origin") == IMPORT_ORIGIN


def load_gazetteer(
    path: Path | None = None,
    *,
    countries: Collection[str] | None = None,
    progress: BuildProgress | None = None,
    build: bool = True,
) -> Gazetteer:
    """Open the gazetteer at ``path`` (default: the built default), building or rebuilding it
    first when needed and ``build`` allows. Uncached.

    An imported gazetteer is never rebuilt (its dumps may be gone): a problem with it, or with
    any file when ``build`` is False, raises ``GazetteerError``.
    """
    wanted = frozenset(code.upper() for code in countries) if countries is not None else None
    target = path if path is not None else default_path(wanted)
    expected = checksum(fingerprint(wanted))
    problem = _problem(target, expected)
    if problem is not None and (not build or _imported(target)):
        fix = ": import the GeoNames files again (`sitrep gazetteer import`)"
        raise GazetteerError(f"the gazetteer {target} {problem}{fix if _imported(target) else ''}")
    if problem is not None:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with _build_lock(target):
                problem = _problem(target, expected)  # another process may have built it
                if problem is not None:
                    logger.info("gazetteer %s %s: building it (once, about 30 s)", target, problem)
                    build_gazetteer(target, countries=wanted, progress=progress)
        except OSError as exc:
            raise GazetteerError(
                f"cannot write the gazetteer at {target} ({exc}): set {CACHE_DIR_VARIABLE} to a "
                "writable folder"
            ) from exc
        problem = _problem(target, expected)
        if problem is not None:
            raise GazetteerError(f"the gazetteer just built at {target} {problem}")
    return Gazetteer(target, countries=wanted)


_OPENED: dict[tuple[Path, frozenset[str] | None], Gazetteer] = {}
_OPENED_LOCK = threading.Lock()


def open_gazetteer(
    path: Path | None = None,
    *,
    countries: Collection[str] | None = None,
    progress: BuildProgress | None = None,
    build: bool = True,
) -> Gazetteer:
    """The gazetteer, opened once per process and path (see the module for which file).

    ``countries`` (ISO2 codes) restricts cities and admin areas to those countries, in a file
    of its own: a build of a few seconds, for tests and small deployments.
    ``progress`` is told of each stage of a build, for a progress bar. With ``build`` False a
    ``path`` that is missing or damaged raises ``GazetteerError`` instead of being built; a file
    named by ``$SITREP_GAZETTEER`` is never built.
    """
    wanted = frozenset(code.upper() for code in countries) if countries is not None else None
    if wanted is not None:
        target, choice = path or default_path(wanted), "given"
    else:
        target, choice = select_gazetteer(path)
    target = target.resolve()
    build = build and choice != "SITREP_GAZETTEER"
    with _OPENED_LOCK:
        gazetteer = _OPENED.get((target, wanted))
        if gazetteer is None:
            gazetteer = load_gazetteer(target, countries=wanted, progress=progress, build=build)
            _OPENED[(target, wanted)] = gazetteer
        return gazetteer


def clear_gazetteer_cache() -> None:
    """Forget the gazetteers opened so far (the next ``open_gazetteer`` checks the file again)."""
    with _OPENED_LOCK:
        for gazetteer in _OPENED.values():
            gazetteer.close()
        _OPENED.clear()


def _reopen(path: Path, countries: frozenset[str] | None) -> Gazetteer:
    return open_gazetteer(path, countries=countries)
