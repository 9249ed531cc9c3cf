"""The four export formats, each written whole or not at all."""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from sitrep.batching import batched
from sitrep.export.acled import COLUMNS, acled_row
from sitrep.resolve.gazetteer import Gazetteer, open_gazetteer

_PARQUET_BATCH = 5000


class ExportFormat(StrEnum):
    acled = "acled"
    geojson = "geojson"
    parquet = "parquet"
    jsonl = "jsonl"


def export_events(
    events: Iterable[dict[str, Any]],
    fmt: ExportFormat,
    path: Path,
    *,
    gazetteer: Gazetteer | None = None,
) -> int:
    """Write ``events`` to ``path`` in ``fmt``; returns how many rows or features were written."""
    with _replacing(path) as temporary:
        if fmt is ExportFormat.parquet:
            return _write_parquet(events, temporary)
        with temporary.open("w", encoding="utf-8", newline="") as handle:
            if fmt is ExportFormat.acled:
                return _write_acled(events, handle, gazetteer or open_gazetteer())
            if fmt is ExportFormat.geojson:
                return _write_geojson(events, handle)
            return _write_jsonl(events, handle)


@contextmanager
def _replacing(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path`` that replaces it when the block succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)


def _write_acled(events: Iterable[dict[str, Any]], handle: IO[str], gazetteer: Gazetteer) -> int:
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


def _write_geojson(events: Iterable[dict[str, Any]], handle: IO[str]) -> int:
    """An RFC 7946 FeatureCollection, written feature by feature (any size fits)."""
    handle.write('{"type": "FeatureCollection", "features": [\n')
    written = 0
    for event in events:
        if written:
            handle.write(",\n")
        json.dump(_feature(event), handle, ensure_ascii=False)
        written += 1
    handle.write("\n]}\n")
    return written


def _feature(event: dict[str, Any]) -> dict[str, Any]:
    location = event.get("location") or {}
    geometry = None
    if location.get("lat") is not None and location.get("lon") is not None:
        # RFC 7946: longitude first; six decimals are about 10 cm.
        geometry = {
            "type": "Point",
            "coordinates": [round(location["lon"], 6), round(location["lat"], 6)],
        }
    return {"type": "Feature", "id": event["id"], "geometry": geometry, "properties": flat(event)}


def _write_jsonl(events: Iterable[dict[str, Any]], handle: IO[str]) -> int:
    written = 0
    for event in events:
        handle.write(json.dumps(event, ensure_ascii=False) + "\n")
        written += 1
    return written


def _write_parquet(events: Iterable[dict[str, Any]], path: Path) -> int:
    writer: pq.ParquetWriter | None = None
    written = 0
    try:
        for batch in batched((flat(event) for event in events), _PARQUET_BATCH):
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


def _get(*keys: str) -> Callable[[dict[str, Any]], Any]:
    def getter(event: dict[str, Any]) -> Any:
        value: Any = event
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        return value

    return getter


# One flat column per field, shared by Parquet and GeoJSON properties.
_FLAT: tuple[tuple[str, pa.DataType, Callable[[dict[str, Any]], Any]], ...] = (
    ("id", pa.string(), _get("id")),
    ("article_id", pa.string(), _get("article_id")),
    ("cluster_id", pa.string(), _get("cluster", "id")),
    ("cluster_status", pa.string(), _get("cluster", "status")),
    ("cluster_size", pa.int32(), lambda e: len(e.get("cluster", {}).get("sources", []))),
    ("type", pa.string(), _get("type")),
    ("subtype", pa.string(), _get("subtype")),
    ("plover", pa.string(), _get("plover")),
    ("date", pa.string(), _get("date")),
    ("date_precision", pa.string(), _get("date_precision")),
    ("location", pa.string(), _get("location", "name")),
    ("location_text", pa.string(), _get("location", "text")),
    ("geonameid", pa.int64(), _get("location", "geonameid")),
    ("latitude", pa.float64(), _get("location", "lat")),
    ("longitude", pa.float64(), _get("location", "lon")),
    ("country", pa.string(), _get("location", "country")),
    ("admin1", pa.string(), _get("location", "admin1")),
    ("location_precision", pa.string(), _get("location", "precision")),
    ("actor1", pa.string(), _get("actor1", "name")),
    ("actor1_kind", pa.string(), _get("actor1", "kind")),
    ("actor1_country", pa.string(), _get("actor1", "country")),
    ("actor2", pa.string(), _get("actor2", "name")),
    ("actor2_kind", pa.string(), _get("actor2", "kind")),
    ("actor2_country", pa.string(), _get("actor2", "country")),
    ("fatalities", pa.int64(), _get("fatalities", "best")),
    ("fatalities_low", pa.int64(), _get("fatalities", "low")),
    ("fatalities_high", pa.int64(), _get("fatalities", "high")),
    ("claim_by", pa.string(), _get("claim", "by")),
    ("claim_status", pa.string(), _get("claim", "status")),
    ("background", pa.bool_(), _get("background")),
    ("confidence", pa.float64(), _get("confidence")),
    ("evidence_text", pa.string(), _get("evidence_text")),
)
PARQUET_SCHEMA = pa.schema([(name, kind) for name, kind, _ in _FLAT])


def flat(event: dict[str, Any]) -> dict[str, Any]:
    """The event as one flat row (nested fields joined with ``_``)."""
    return {name: getter(event) for name, _, getter in _FLAT}
