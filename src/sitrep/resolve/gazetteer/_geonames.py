"""GeoNames' dump files as downloaded from its export directory (``export/dump``): which file
is which, and their lines, streamed one at a time from the file or from inside its zip.

Recognised by name, then checked by columns:

``allCountries.zip``, ``XX.zip`` (a country), ``cities500.zip`` (or 1000…), ``no-country.zip``
    the places table: 19 tab-separated columns (geonameid, name, asciiname, alternatenames,
    latitude, longitude, feature class, feature code, country code, cc2, admin1..admin4 codes,
    population, elevation, dem, timezone, modification date);
``alternateNamesV2.zip``, ``alternateNames.zip``
    alternateNameId, geonameid, isolanguage, alternate name, isPreferredName, isShortName,
    isColloquial, isHistoric (and, in V2, from and to): 8 or 10 columns. The per-country
    ``alternatenames/XX.zip`` shares its name with a country's places, so an ``XX`` file is
    told apart by its columns;
``admin1CodesASCII.txt``, ``admin2Codes.txt``
    code (``UA.05``, ``UA.05.1412``), name, ASCII name, geonameid;
``countryInfo.txt``
    19 columns, ISO code first, geonameid 17th; lines starting with ``#`` are comments.

Each file may be zipped or not. A line that is not UTF-8 or has the wrong number of columns is
a ``BadLine`` for the caller to count; a zip that is cut short or corrupt is a
``GazetteerError`` naming the file.
"""

from __future__ import annotations

import contextlib
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Literal, cast

from sitrep.errors import GazetteerError

__all__ = [
    "COLUMNS",
    "BadLines",
    "DumpFile",
    "FileKind",
    "Reading",
    "dump_lines",
    "recognise",
]

FileKind = Literal["countries", "admin1", "admin2", "places", "alternate_names"]
# The order files are read in: codes and countries first, so that places can be named by
# them, alternate names last, so that they join the places already stored.
_ORDER: dict[FileKind, int] = {
    "countries": 0,
    "admin1": 1,
    "admin2": 2,
    "places": 3,
    "alternate_names": 4,
}
COLUMNS: dict[FileKind, tuple[int, ...]] = {
    "countries": (19,),
    "admin1": (4,),
    "admin2": (4,),
    "places": (19,),
    "alternate_names": (10, 8),
}
_NAMES: tuple[tuple[re.Pattern[str], FileKind], ...] = (
    (re.compile(r"allCountries|[A-Z]{2}|no-country|cities\d+"), "places"),
    (re.compile(r"alternateNames(V2)?", re.IGNORECASE), "alternate_names"),
    (re.compile(r"admin1CodesASCII", re.IGNORECASE), "admin1"),
    (re.compile(r"admin2Codes", re.IGNORECASE), "admin2"),
    (re.compile(r"countryInfo", re.IGNORECASE), "countries"),
)
_EXPECTED = (
    "allCountries.zip, XX.zip, cities500.zip, alternateNamesV2.zip, admin1CodesASCII.txt, "
    "admin2Codes.txt or countryInfo.txt"
)
_BUFFER = 1 << 20
# Errors a zip member raises when its data is cut short or damaged mid-stream.
_STREAM_ERRORS = (zipfile.BadZipFile, EOFError, zlib.error, OSError)
_EXAMPLES = 5


@dataclass(frozen=True, slots=True)
class DumpFile:
    path: Path
    kind: FileKind

    @property
    def order(self) -> tuple[int, str]:
        return _ORDER[self.kind], self.path.name


def recognise(path: Path) -> DumpFile:
    """Which GeoNames file ``path`` is, from its name (``XX`` files are checked by columns)."""
    stem, suffix = path.stem, path.suffix.lower()
    if suffix in (".zip", ".txt"):
        for pattern, kind in _NAMES:
            if pattern.fullmatch(stem):
                return DumpFile(path, kind)
    raise GazetteerError(f"{path}: not a GeoNames file sitrep imports (expected {_EXPECTED})")


@dataclass(slots=True)
class BadLines:
    """Malformed lines of one file: how many, and the first few with their reasons."""

    count: int = 0
    examples: list[str] = field(default_factory=list)

    def add(self, number: int, reason: str) -> None:
        self.count += 1
        if len(self.examples) < _EXAMPLES:
            self.examples.append(f"line {number}: {reason}")

    def summary(self) -> str:
        more = self.count - len(self.examples)
        return "; ".join(self.examples) + (f"; and {more} more" if more > 0 else "")


def _member(archive: zipfile.ZipFile, path: Path) -> zipfile.ZipInfo:
    """The data file inside a GeoNames zip: ``<stem>.txt``, else its only other ``.txt``."""
    texts = [
        info
        for info in archive.infolist()
        if info.filename.endswith(".txt") and not info.filename.startswith("iso-languagecodes")
    ]
    for info in texts:
        if Path(info.filename).stem == path.stem:
            return info
    if len(texts) == 1:
        return texts[0]
    raise GazetteerError(f"{path}: the zip holds no {path.stem}.txt")


@contextlib.contextmanager
def _open_stream(dump: DumpFile) -> Iterator[tuple[BinaryIO, int]]:
    """The file's data as a binary stream, and its size in bytes (uncompressed)."""
    if dump.path.suffix.lower() != ".zip":
        with dump.path.open("rb", buffering=_BUFFER) as handle:
            yield handle, dump.path.stat().st_size
        return
    try:
        archive = zipfile.ZipFile(dump.path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise GazetteerError(
            f"{dump.path}: not a complete zip file ({exc}): download it again"
        ) from exc
    with archive:
        member = _member(archive, dump.path)
        with archive.open(member) as raw:
            yield io.BufferedReader(cast(io.RawIOBase, raw), _BUFFER), member.file_size


def _check_columns(dump: DumpFile, fields: list[str]) -> DumpFile:
    """The file's kind, by the columns of its first line: an ``XX`` file of alternate names."""
    count = len(fields)
    if count in COLUMNS[dump.kind]:
        return dump
    if dump.kind == "places" and count in COLUMNS["alternate_names"]:
        return DumpFile(dump.path, "alternate_names")
    expected = " or ".join(str(n) for n in COLUMNS[dump.kind])
    raise GazetteerError(
        f"{dump.path}: its first line has {count} columns, not {expected}: not the GeoNames "
        "file its name says"
    )


@dataclass(slots=True)
class Reading:
    """Where a streamed file stands: its kind (known after the first line), lines, bytes."""

    dump: DumpFile
    total_bytes: int
    bad: BadLines = field(default_factory=BadLines)
    lines: int = 0
    done_bytes: int = 0


def dump_lines(dump: DumpFile, reading: Reading) -> Iterator[tuple[int, list[str]]]:
    """(line number, columns) of every data line; bad lines go to ``reading.bad``.

    ``reading.dump`` is replaced by the kind the first line's columns show.
    """
    number = 0
    checked = False
    try:
        with _open_stream(dump) as (stream, size):
            reading.total_bytes = size
            for number, raw in enumerate(stream, start=1):
                reading.lines = number
                reading.done_bytes += len(raw)
                if raw.startswith(b"#") or not raw.strip():
                    continue
                try:
                    text = raw.rstrip(b"\r\n").decode("utf-8")
                except UnicodeDecodeError as exc:
                    reading.bad.add(number, f"not UTF-8 (byte {exc.start})")
                    continue
                fields = text.split("\t")
                if not checked:
                    reading.dump = _check_columns(reading.dump, fields)
                    checked = True
                if len(fields) not in COLUMNS[reading.dump.kind]:
                    expected = " or ".join(str(n) for n in COLUMNS[reading.dump.kind])
                    reading.bad.add(number, f"{len(fields)} columns, not {expected}")
                    continue
                yield number, fields
    except _STREAM_ERRORS as exc:
        raise GazetteerError(
            f"{dump.path}: cut short, corrupt or unreadable after line {number} ({exc}): "
            "download it again"
        ) from exc
