"""The four export formats, each written whole or not at all."""

from __future__ import annotations

import csv
import json
import os
import secrets
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from sitrep.batching import batched
from sitrep.errors import ExportError
from sitrep.export.acled import COLUMNS, acled_row
from sitrep.export.places import GEONAMES_CREDIT, PlaceNames, place_names
from sitrep.resolve.gazetteer import Gazetteer, open_gazetteer
from sitrep.store import StoredEvent

_PARQUET_BATCH = 5000


class ExportFormat(StrEnum):
    acled = "acled"
    geojson = "geojson"
    parquet = "parquet"
    jsonl = "jsonl"


# The format a file name's extension stands for.
EXTENSIONS = {
    ".csv": ExportFormat.acled,
    ".geojson": ExportFormat.geojson,
    ".json": ExportFormat.geojson,
    ".parquet": ExportFormat.parquet,
    ".jsonl": ExportFormat.jsonl,
    ".ndjson": ExportFormat.jsonl,
}


def format_for(path: Path, given: ExportFormat | None) -> ExportFormat:
    """The format to write ``path`` in: ``given``, or the one its extension stands for. A
    ``given`` format that the extension contradicts, or a folder that does not exist, raises
    ``ExportError``: an export is never written into a file named for another format."""
    _check_folder(path)
    implied = EXTENSIONS.get(path.suffix.lower())
    if given is None:
        if implied is None:
            known = ", ".join(EXTENSIONS)
            raise ExportError(f"{path}: give a format (the name ends in none of {known})")
        return implied
    if implied is not None and given is not implied:
        raise ExportError(
            f"{path}: a {path.suffix} file holds {implied}, not {given}; "
            "change the format or the file name"
        )
    return given


def export_events(
    events: Iterable[StoredEvent],
    fmt: ExportFormat,
    path: Path,
    *,
    gazetteer: Gazetteer | None = None,
    with_background: bool = False,
    credit_line: bool = False,
) -> int:
    """Write ``events`` to ``path`` in ``fmt``; returns how many rows or features were written.

    The ACLED CSV leaves out background events (history, running totals) unless
    ``with_background``, and starts with a ``# source:`` line crediting GeoNames with
    ``credit_line``; the other formats hold every event and credit GeoNames in their metadata.
    """
    _check_folder(path)
    if fmt is ExportFormat.jsonl:
        with _replacing(path) as temporary, _text(temporary) as handle:
            return _write_jsonl(events, handle)
    places = gazetteer or open_gazetteer()
    with _replacing(path) as temporary:
        if fmt is ExportFormat.parquet:
            return _write_parquet(events, temporary, places)
        with _text(temporary) as handle:
            if fmt is ExportFormat.geojson:
                return _write_geojson(events, handle, places)
            if not with_background:
                events = (event for event in events if not event.event.background)
            return _write_acled(events, handle, places, credit_line=credit_line)


def _check_folder(path: Path) -> None:
    """A missing folder is a mistyped path more often than a wish: it is not created."""
    if not path.parent.is_dir():
        raise ExportError(f"{path}: the folder {path.parent} does not exist")


def _text(path: Path) -> IO[str]:
    return path.open("w", encoding="utf-8", newline="")


@contextmanager
def _replacing(path: Path) -> Iterator[Path]:
    """A new file beside ``path`` that replaces it when the block succeeds. It is created with
    the permissions the umask gives any new file (``tempfile.mkstemp`` would make it 0600)."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}")
    os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    try:
        yield temporary
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)


def _write_acled(
    events: Iterable[StoredEvent], handle: IO[str], gazetteer: Gazetteer, *, credit_line: bool
) -> int:
    if credit_line:
        handle.write(f"# source: {GEONAMES_CREDIT}\n")
    rows = (acled_row(event, gazetteer) for event in events)
    return write_csv(handle, COLUMNS, (row for row in rows if row is not None))


# Characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def write_csv(handle: IO[str], columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> int:
    """Write ``rows`` as CSV under a header of ``columns``; returns how many rows were written.

    Every CSV sitrep writes goes through here. A text cell is taken from an article (an outlet
    from a page's ``og:site_name``, an evidence sentence), so one that a spreadsheet would read
    as a formula (``=HYPERLINK(…)``) is prefixed with ``'`` as OWASP recommends; text cells are
    quoted. Numbers (coordinates, counts) are written as they are, negative or not.
    """
    writer = csv.DictWriter(handle, fieldnames=columns, quoting=csv.QUOTE_NONNUMERIC)
    writer.writeheader()
    written = 0
    for row in rows:
        writer.writerow({column: _inert(value) for column, value in row.items()})
        written += 1
    return written


def _inert(value: Any) -> Any:
    """``value``, with a text that starts like a formula made plain text."""
    if isinstance(value, str) and value.startswith(_FORMULA_TRIGGERS):
        return "'" + value
    return value


def _write_geojson(
    events: Iterable[StoredEvent], handle: IO[str], gazetteer: Gazetteer | None
) -> int:
    """An RFC 7946 FeatureCollection, written feature by feature (any size fits), with
    GeoNames' credit as a member of its own."""
    handle.write('{"type": "FeatureCollection", ')
    handle.write(f'"credit": {json.dumps(GEONAMES_CREDIT)}, "features": [\n')
    written = 0
    for event in events:
        if written:
            handle.write(",\n")
        json.dump(_feature(event, gazetteer), handle, ensure_ascii=False, default=_json_value)
        written += 1
    handle.write("\n]}\n")
    return written


def _json_value(value: Any) -> str:
    """A date as JSON: its ISO form."""
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _feature(event: StoredEvent, gazetteer: Gazetteer | None) -> dict[str, Any]:
    location = event.event.location
    geometry = None
    if location and location.lat is not None and location.lon is not None:
        # RFC 7946: longitude first; six decimals are about 10 cm.
        geometry = {
            "type": "Point",
            "coordinates": [round(location.lon, 6), round(location.lat, 6)],
        }
    properties = flat(event, gazetteer)
    return {"type": "Feature", "id": event.event.id, "geometry": geometry, "properties": properties}


def _write_jsonl(events: Iterable[StoredEvent], handle: IO[str]) -> int:
    written = 0
    for event in events:
        handle.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
        written += 1
    return written


def _write_parquet(events: Iterable[StoredEvent], path: Path, gazetteer: Gazetteer | None) -> int:
    writer: pq.ParquetWriter | None = None
    written = 0
    try:
        for batch in batched((flat(event, gazetteer) for event in events), _PARQUET_BATCH):
            table = pa.Table.from_pylist(batch, schema=PARQUET_SCHEMA)
            if writer is None:
                writer = pq.ParquetWriter(path, PARQUET_SCHEMA)
            writer.write_table(table)
            written += len(batch)
        if writer is None:
            pq.write_table(PARQUET_SCHEMA.empty_table(), path)
    finally:
        if writer is not None:
            writer.close()
    return written


_Getter = Callable[[StoredEvent, PlaceNames], Any]


def _field(part: str, name: str) -> _Getter:
    """The field ``name`` of the event's ``part`` (its location, an actor, its toll): None when
    the event has none."""

    def getter(stored: StoredEvent, _names: PlaceNames) -> Any:
        found = getattr(stored.event, part)
        return None if found is None else getattr(found, name)

    return getter


def _report(name: str) -> _Getter:
    """A field of the event's own report among its cluster's sources (its article's outlet,
    URL)."""

    def getter(stored: StoredEvent, _names: PlaceNames) -> Any:
        report = stored.own_report()
        return None if report is None else getattr(report, name)

    return getter


def _outlets(stored: StoredEvent, _names: PlaceNames) -> str | None:
    """The outlets of every report of the event (its cluster), in publication order."""
    return "; ".join(stored.cluster.outlets()) or None


# One flat column per field, shared by Parquet, GeoJSON properties and `sitrep events` CSV.
_FLAT: tuple[tuple[str, pa.DataType, _Getter], ...] = (
    ("id", pa.string(), lambda e, _: e.event.id),
    ("article_id", pa.string(), lambda e, _: e.article_id),
    ("outlet", pa.string(), _report("outlet")),
    ("url", pa.string(), _report("url")),
    ("cluster_id", pa.string(), lambda e, _: e.cluster.id),
    ("cluster_status", pa.string(), lambda e, _: e.cluster.status),
    ("cluster_size", pa.int32(), lambda e, _: len(e.cluster.sources)),
    ("sources", pa.string(), _outlets),
    ("type", pa.string(), lambda e, _: e.event.type),
    ("subtype", pa.string(), lambda e, _: e.event.subtype),
    ("plover", pa.string(), lambda e, _: e.event.plover),
    ("date", pa.date32(), lambda e, _: e.event.date),
    ("date_precision", pa.string(), lambda e, _: e.event.date_precision),
    ("location", pa.string(), _field("location", "name")),
    ("location_text", pa.string(), _field("location", "text")),
    ("geonameid", pa.int64(), _field("location", "geonameid")),
    ("latitude", pa.float64(), _field("location", "lat")),
    ("longitude", pa.float64(), _field("location", "lon")),
    ("country", pa.string(), _field("location", "country")),
    ("country_name", pa.string(), lambda _, names: names.country),
    ("admin1", pa.string(), _field("location", "admin1")),
    ("admin1_name", pa.string(), lambda _, names: names.admin1),
    ("admin2_name", pa.string(), lambda _, names: names.admin2),
    ("location_precision", pa.string(), _field("location", "precision")),
    ("actor1", pa.string(), _field("actor1", "name")),
    ("actor1_kind", pa.string(), _field("actor1", "kind")),
    ("actor1_country", pa.string(), _field("actor1", "country")),
    ("actor2", pa.string(), _field("actor2", "name")),
    ("actor2_kind", pa.string(), _field("actor2", "kind")),
    ("actor2_country", pa.string(), _field("actor2", "country")),
    ("fatalities", pa.int64(), _field("fatalities", "best")),
    ("fatalities_low", pa.int64(), _field("fatalities", "low")),
    ("fatalities_high", pa.int64(), _field("fatalities", "high")),
    ("claim_by", pa.string(), lambda e, _: e.event.claim.by),
    ("claim_status", pa.string(), lambda e, _: e.event.claim.status),
    ("background", pa.bool_(), lambda e, _: e.event.background),
    ("confidence", pa.float64(), lambda e, _: e.event.confidence),
    ("evidence_text", pa.string(), lambda e, _: e.evidence_text),
)
PARQUET_SCHEMA = pa.schema(
    [(name, kind) for name, kind, _ in _FLAT], metadata={"credit": GEONAMES_CREDIT}
)


def flat(event: StoredEvent, gazetteer: Gazetteer | None = None) -> dict[str, Any]:
    """The event as one flat row (nested fields joined with ``_``); the ``_name`` columns are
    empty without a gazetteer."""
    names = place_names(event.event.location, gazetteer)
    return {name: getter(event, names) for name, _, getter in _FLAT}
