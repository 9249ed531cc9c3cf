"""Exports: ACLED-compatible CSV, GeoJSON (RFC 7946), Parquet and JSON Lines, written whole."""

from __future__ import annotations

import csv
import json
import os
import re
import stat
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner, Result

from sitrep.cli import app
from sitrep.errors import StoreError
from sitrep.export import GEONAMES_CREDIT, ExportFormat, export_events
from sitrep.export.acled import acled_row
from sitrep.resolve.gazetteer import Gazetteer
from sitrep.store import EventQuery, Store, StoredEvent, iter_events
from tests.resolve.conftest import gazetteer, gazetteer_path
from tests.store.builders import as_stored, event, record

__all__ = ["gazetteer", "gazetteer_path"]

KHARKIV = 706483  # GeoNames: in Kharkiv Raion (admin2 6312) of Kharkivska oblast (admin1 07)
# ACLED's export columns, in ACLED's order (ACLED Codebook 2023 and its data export tool).
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
]  # fmt: skip
URL = "https://apnews.com/article/kharkiv"
TEXT = "Russian shelling killed four people in Kharkiv on Tuesday, the governor said."


@pytest.fixture
def events(store: Store) -> list[StoredEvent]:
    killed = event(
        "e1",
        actors=("Military Forces of Russia", "Civilians (Ukraine)"),
        killed=4,
        evidence=(0, len(TEXT)),
    )
    killed["location"]["geonameid"] = KHARKIV
    killed["actor2"]["kind"] = "civilians"
    statement = event("e2", type="statement", place=("Kyiv", 50.45466, 30.5238), admin1="12")
    unplaced = event("e3", type="battles")
    unplaced["location"] = None
    store.add(record("a1", killed, statement, unplaced, text=TEXT, outlet="AP", url=URL))
    return list(iter_events(store, EventQuery()))


def _acled(
    events: list[StoredEvent], path: Path, gazetteer: Gazetteer, **options: Any
) -> list[dict[str, str]]:
    export_events(events, ExportFormat.acled, path, gazetteer=gazetteer, **options)
    return list(csv.DictReader(path.open(encoding="utf-8", newline="")))


def test_acled_csv_has_acleds_current_columns_in_order(
    events: list[StoredEvent], tmp_path: Path, gazetteer: Gazetteer
) -> None:
    path = tmp_path / "events.csv"
    export_events(events, ExportFormat.acled, path, gazetteer=gazetteer)
    with path.open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == ACLED_COLUMNS


def test_acled_csv_fills_each_column_as_acled_does(
    events: list[StoredEvent], tmp_path: Path, gazetteer: Gazetteer
) -> None:
    rows = _acled(events, tmp_path / "events.csv", gazetteer)
    assert len(rows) == 2  # the statement has no ACLED type
    row = next(r for r in rows if r["actor1"])
    assert re.fullmatch(r"UKR\d+", row["event_id_cnty"])
    assert (row["event_date"], row["year"], row["time_precision"]) == ("2024-03-05", "2024", "1")
    assert (row["disorder_type"], row["event_type"]) == (
        "Political violence",
        "Explosions/Remote violence",
    )
    assert (row["actor1"], row["inter1"], row["actor2"], row["inter2"]) == (
        "Military Forces of Russia",
        "1",
        "Civilians (Ukraine)",
        "7",
    )
    assert (row["assoc_actor_1"], row["assoc_actor_2"], row["interaction"]) == ("", "", "17")
    assert row["civilian_targeting"] == "Civilian targeting"
    assert (row["iso"], row["region"], row["country"]) == ("804", "Europe", "Ukraine")
    assert (row["admin1"], row["admin2"], row["admin3"]) == (
        "Kharkivska oblast",
        "Kharkiv Raion",
        "",
    )
    assert (float(row["latitude"]), float(row["longitude"])) == (49.98081, 36.25272)
    assert (row["location"], row["geo_precision"]) == ("Kharkiv", "1")
    assert (row["source"], row["source_scale"], row["notes"]) == ("AP", "International", TEXT)
    assert (row["fatalities"], row["tags"]) == ("4", "status=reported")


def test_acled_csv_leaves_unknown_values_empty(
    events: list[StoredEvent], tmp_path: Path, gazetteer: Gazetteer
) -> None:
    row = next(r for r in _acled(events, tmp_path / "e.csv", gazetteer) if not r["actor1"])
    assert re.fullmatch(r"XXX\d+", row["event_id_cnty"])  # no country known
    for column in ("inter1", "inter2", "interaction", "iso", "region", "latitude", "fatalities"):
        assert row[column] == "", column
    assert row["civilian_targeting"] == "" and row["timestamp"] == ""


def test_acled_ids_are_the_same_at_every_export(
    events: list[StoredEvent], tmp_path: Path, gazetteer: Gazetteer
) -> None:
    first = [r["event_id_cnty"] for r in _acled(events, tmp_path / "1.csv", gazetteer)]
    again = [r["event_id_cnty"] for r in _acled(events[::-1], tmp_path / "2.csv", gazetteer)]
    assert sorted(first) == sorted(again) and len(set(first)) == 2


@pytest.mark.parametrize(
    ("kind1", "kind2", "inter"),
    [("protesters", None, 60), ("rebels", "state_forces", 12), ("rioters", "rioters", 55)],
)
def test_acled_interaction_is_both_codes_smaller_first_or_ten_times_a_lone_one(
    kind1: str, kind2: str | None, inter: int, gazetteer: Gazetteer
) -> None:
    data = event("e9", type="protests", actors=("A", "B") if kind2 else ("A",))
    data["actor1"]["kind"] = kind1
    if kind2:
        data["actor2"]["kind"] = kind2
    row = acled_row(as_stored(data), gazetteer)
    assert row is not None and row["interaction"] == inter
    assert row["civilian_targeting"] == ""


@pytest.mark.parametrize(
    ("type_", "subtype", "disorder"),
    [
        ("protests", "Peaceful protest", "Demonstrations"),
        ("protests", "Excessive force against protesters", "Political violence; Demonstrations"),
        ("riots", "Violent demonstration", "Demonstrations"),
        ("riots", "Mob violence", "Political violence"),
        ("battles", "Armed clash", "Political violence"),
        ("strategic_developments", "Arrests", "Strategic developments"),
    ],
)
def test_acled_disorder_type_follows_the_event_and_sub_event_type(
    type_: str, subtype: str, disorder: str, gazetteer: Gazetteer
) -> None:
    data = event("e9", type=type_)
    data["subtype"] = subtype
    row = acled_row(as_stored(data), gazetteer)
    assert row is not None and row["disorder_type"] == disorder


def test_acled_fatalities_are_zero_only_when_the_text_says_nobody_died(
    gazetteer: Gazetteer,
) -> None:
    rows = [acled_row(as_stored(event("e9", killed=killed)), gazetteer) for killed in (0, None)]
    assert [row["fatalities"] for row in rows if row] == [0, None]


def test_background_events_are_left_out_of_acled_unless_asked_for(
    store: Store, tmp_path: Path, gazetteer: Gazetteer
) -> None:
    tally = event("e5", killed=2000, day="2015-01-01", background=True)
    store.add(record("a5", tally, event("e6", killed=3)))
    stored = list(iter_events(store, EventQuery()))
    assert [r["fatalities"] for r in _acled(stored, tmp_path / "a.csv", gazetteer)] == ["3"]
    rows = _acled(stored, tmp_path / "b.csv", gazetteer, with_background=True)
    tagged = {r["fatalities"]: r["tags"] for r in rows}
    assert tagged == {"3": "status=reported", "2000": "status=reported; background"}
    export_events(stored, ExportFormat.parquet, tmp_path / "all.parquet", gazetteer=gazetteer)
    assert pq.read_table(tmp_path / "all.parquet").num_rows == 2  # flagged, not left out


def test_acled_csv_credits_geonames_in_a_first_line_only_when_asked(
    events: list[StoredEvent], tmp_path: Path, gazetteer: Gazetteer
) -> None:
    path = tmp_path / "events.csv"
    export_events(events, ExportFormat.acled, path, gazetteer=gazetteer, credit_line=True)
    first, header = path.read_text(encoding="utf-8").splitlines()[:2]
    assert first == f"# source: {GEONAMES_CREDIT}" and "GeoNames" in first
    assert header.startswith('"event_id_cnty"')
    export_events(events, ExportFormat.acled, path, gazetteer=gazetteer)
    assert "GeoNames" not in path.read_text(encoding="utf-8")


def test_geojson_is_a_feature_collection_with_lon_lat_points(
    events: list[StoredEvent], tmp_path: Path, gazetteer: Gazetteer
) -> None:
    path = tmp_path / "events.geojson"
    assert export_events(events, ExportFormat.geojson, path, gazetteer=gazetteer) == 3
    collection = json.loads(path.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    assert collection["credit"] == GEONAMES_CREDIT
    features = {f["id"]: f for f in collection["features"]}
    assert features["e1"]["geometry"] == {"type": "Point", "coordinates": [36.25272, 49.98081]}
    assert features["e3"]["geometry"] is None
    properties = features["e1"]["properties"]
    assert (properties["fatalities"], properties["cluster_status"]) == (4, "reported")
    assert (properties["date"], properties["outlet"], properties["url"]) == (
        "2024-03-05",
        "AP",
        URL,
    )
    assert (properties["country_name"], properties["admin1_name"], properties["admin2_name"]) == (
        "Ukraine",
        "Kharkivska oblast",
        "Kharkiv Raion",
    )


def test_parquet_has_typed_dates_place_names_outlets_and_the_credit(
    events: list[StoredEvent], tmp_path: Path, gazetteer: Gazetteer
) -> None:
    path = tmp_path / "events.parquet"
    export_events(events, ExportFormat.parquet, path, gazetteer=gazetteer)
    table = pq.read_table(path)
    assert sorted(table.column("id").to_pylist()) == ["e1", "e2", "e3"]
    assert table.schema.field("latitude").type == "double"
    assert table.schema.field("date").type == "date32[day]"
    assert pq.read_metadata(path).metadata[b"credit"] == GEONAMES_CREDIT.encode()
    row = next(r for r in table.to_pylist() if r["id"] == "e1")
    assert row["date"] == date(2024, 3, 5)
    assert (row["outlet"], row["url"], row["admin1"], row["admin1_name"]) == (
        "AP",
        URL,
        "07",
        "Kharkivska oblast",
    )


def test_jsonl_holds_every_event_as_the_store_gives_it(
    events: list[StoredEvent], tmp_path: Path
) -> None:
    export_events(events, ExportFormat.jsonl, tmp_path / "events.jsonl")
    lines = (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [found.to_dict() for found in events]


def test_an_empty_store_exports_empty_files(
    store: Store, tmp_path: Path, gazetteer: Gazetteer
) -> None:
    for fmt in (ExportFormat.parquet, ExportFormat.geojson):
        path = tmp_path / f"empty.{fmt}"
        assert export_events(iter_events(store, EventQuery()), fmt, path, gazetteer=gazetteer) == 0
    assert pq.read_table(tmp_path / "empty.parquet").num_rows == 0
    assert json.loads((tmp_path / "empty.geojson").read_text())["features"] == []


def test_a_failed_export_leaves_the_old_file_untouched(
    events: list[StoredEvent], tmp_path: Path, gazetteer: Gazetteer
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    path = out / "events.jsonl"
    path.write_text("previous export\n")

    def failing() -> Iterator[StoredEvent]:  # the store fails halfway through
        yield from events
        raise StoreError("the store went away")

    with pytest.raises(StoreError):
        export_events(failing(), ExportFormat.geojson, path, gazetteer=gazetteer)
    assert path.read_text() == "previous export\n"
    assert list(out.iterdir()) == [path]


@pytest.fixture
def stored(tmp_path: Path, gazetteer: Gazetteer, monkeypatch: pytest.MonkeyPatch) -> str:
    """A SQLite store of one strike and one background tally, for `sitrep export`; the ACLED
    and GeoJSON exports read the tests' small gazetteer."""
    monkeypatch.setattr("sitrep.export.writers.open_gazetteer", lambda: gazetteer)
    location = str(tmp_path / "store.db")
    tally = event("e5", killed=2000, day="2015-01-01", background=True)
    with Store(location) as store:
        store.add(record("a1", event("e1", killed=4), tally, text=TEXT))
    return location


def _export(db: str, *options: str) -> Result:
    return CliRunner().invoke(app, ["export", "--db", db, *options])


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("out.csv", lambda text: text.startswith('"event_id_cnty"')),
        ("out.geojson", lambda text: json.loads(text)["type"] == "FeatureCollection"),
        ("out.json", lambda text: json.loads(text)["type"] == "FeatureCollection"),
        ("out.jsonl", lambda text: json.loads(text.splitlines()[0])["id"] in {"e1", "e5"}),
    ],
)
def test_export_takes_the_format_from_the_extension(
    stored: str, tmp_path: Path, name: str, check: Callable[[str], bool]
) -> None:
    result = _export(stored, "-o", str(tmp_path / name))
    assert result.exit_code == 0, result.output
    assert check((tmp_path / name).read_text(encoding="utf-8"))


def test_export_refuses_a_format_its_file_name_contradicts(stored: str, tmp_path: Path) -> None:
    trap = tmp_path / "trap.geojson"
    result = _export(stored, "-o", str(trap), "--format", "acled")
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"error {trap}: a .geojson file holds geojson, not acled; change the format or the file name"
    ]
    assert not trap.exists()
    assert _export(stored, "-o", str(tmp_path / "events"), "-f", "jsonl").exit_code == 0


def test_export_refuses_a_missing_folder_instead_of_creating_it(
    stored: str, tmp_path: Path
) -> None:
    target = tmp_path / "typo" / "events.csv"
    result = _export(stored, "-o", str(target))
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1
    assert f"the folder {target.parent} does not exist" in result.output
    assert not target.parent.exists()


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_exported_files_get_the_permissions_of_the_umask(
    stored: str, tmp_path: Path, umask: int, mode: int
) -> None:
    previous = os.umask(umask)
    try:
        for name in ("e.csv", "e.parquet", "e.jsonl"):
            assert _export(stored, "-o", str(tmp_path / name)).exit_code == 0
            assert stat.S_IMODE((tmp_path / name).stat().st_mode) == mode, name
    finally:
        os.umask(previous)


def test_export_stamps_acled_rows_with_when_they_were_stored_and_skips_background(
    stored: str, tmp_path: Path
) -> None:
    before = int(time.time())
    path = tmp_path / "events.csv"
    assert _export(stored, "-o", str(path)).exit_code == 0
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    assert [row["fatalities"] for row in rows] == ["4"]
    assert before - 600 <= int(rows[0]["timestamp"]) <= time.time() + 1
    assert _export(stored, "-o", str(path), "--with-background", "--credit-line").exit_code == 0
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# source:") and len(lines) == 4


def test_export_asks_for_a_format_a_name_does_not_give(stored: str, tmp_path: Path) -> None:
    result = _export(stored, "-o", str(tmp_path / "events.txt"))
    assert result.exit_code == 2 and "give a format" in result.output
    assert not (tmp_path / "events.txt").exists()


def test_export_writes_one_row_per_event_listing_every_outlet_unless_per_report(
    stored: str, tmp_path: Path
) -> None:
    follow_up = "The toll from Tuesday's shelling of Kharkiv rose to six, officials said."
    with Store(stored) as store:
        store.add(
            record(
                "a2",
                event("e6", killed=6),
                text=follow_up,
                outlet="Reuters",
                published="2024-03-07",
            )
        )
    path = tmp_path / "events.csv"
    assert _export(stored, "-o", str(path)).exit_code == 0
    [row] = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    assert (row["source"], row["fatalities"]) == ("AP; Reuters", "6")
    assert row["notes"] == follow_up[:10]  # the evidence of the report giving most fields
    assert _export(stored, "-o", str(path), "--per-report").exit_code == 0
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    assert sorted(row["fatalities"] for row in rows) == ["4", "6"]
