"""Exports: ACLED-compatible CSV, GeoJSON (RFC 7946), Parquet and JSON Lines, written whole."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from sitrep.export import ExportFormat, export_events
from sitrep.resolve.gazetteer import Gazetteer
from sitrep.store import EventQuery, Store, iter_events
from tests.resolve.conftest import gazetteer, gazetteer_path
from tests.store.conftest import event, record

__all__ = ["gazetteer", "gazetteer_path"]

TEXT = "Russian shelling killed four people in Kharkiv on Tuesday, the governor said."


@pytest.fixture
def events(store: Store) -> list[dict[str, Any]]:
    killed = event(
        "e1",
        actors=("Military Forces of Russia", "Civilians (Ukraine)"),
        killed=4,
        evidence=(0, len(TEXT)),
    )
    statement = event("e2", type="statement", place=("Kyiv", 50.45466, 30.5238), admin1="12")
    unplaced = event("e3", type="battles")
    unplaced["location"] = None
    store.add(record("a1", killed, statement, unplaced, text=TEXT, outlet="AP"))
    return list(iter_events(store, EventQuery()))


def test_acled_csv_has_acleds_columns_and_codes(
    events: list[dict[str, Any]], tmp_path: Path, gazetteer: Gazetteer
) -> None:
    path = tmp_path / "events.csv"
    written = export_events(events, ExportFormat.acled, path, gazetteer=gazetteer)
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert written == len(rows) == 2  # the statement has no ACLED type
    row = next(r for r in rows if r["event_id_cnty"] == "e1")
    assert row["event_type"] == "Explosions/Remote violence"
    assert row["event_date"] == "2024-03-05" and row["time_precision"] == "1"
    assert (row["actor1"], row["inter1"], row["inter2"]) == ("Military Forces of Russia", "1", "1")
    assert (row["country"], row["admin1"], row["location"]) == (
        "Ukraine",
        "Kharkivska oblast",
        "Kharkiv",
    )
    assert float(row["latitude"]) == pytest.approx(49.98081)
    assert (row["fatalities"], row["source"], row["notes"]) == ("4", "AP", TEXT)


def test_geojson_is_a_feature_collection_with_lon_lat_points(
    events: list[dict[str, Any]], tmp_path: Path
) -> None:
    path = tmp_path / "events.geojson"
    assert export_events(events, ExportFormat.geojson, path) == 3
    collection = json.loads(path.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    features = {f["id"]: f for f in collection["features"]}
    assert features["e1"]["geometry"] == {"type": "Point", "coordinates": [36.25272, 49.98081]}
    assert features["e3"]["geometry"] is None
    assert features["e1"]["properties"]["fatalities"] == 4
    assert features["e1"]["properties"]["cluster_status"] == "reported"


def test_parquet_and_jsonl_hold_every_event(events: list[dict[str, Any]], tmp_path: Path) -> None:
    export_events(events, ExportFormat.parquet, tmp_path / "events.parquet")
    table = pq.read_table(tmp_path / "events.parquet")
    assert sorted(table.column("id").to_pylist()) == ["e1", "e2", "e3"]
    assert table.schema.field("latitude").type == "double"
    export_events(events, ExportFormat.jsonl, tmp_path / "events.jsonl")
    lines = (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == events


def test_an_empty_store_exports_empty_files(store: Store, tmp_path: Path) -> None:
    for fmt in (ExportFormat.parquet, ExportFormat.geojson):
        path = tmp_path / f"empty.{fmt}"
        assert export_events(iter_events(store, EventQuery()), fmt, path) == 0
    assert pq.read_table(tmp_path / "empty.parquet").num_rows == 0
    assert json.loads((tmp_path / "empty.geojson").read_text())["features"] == []


def test_a_failed_export_leaves_the_old_file_untouched(
    events: list[dict[str, Any]], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    path = out / "events.jsonl"
    path.write_text("previous export\n")
    broken = [*events, {"no": "id"}]
    with pytest.raises(KeyError):
        export_events(broken, ExportFormat.geojson, path)
    assert path.read_text() == "previous export\n"
    assert list(out.iterdir()) == [path]
