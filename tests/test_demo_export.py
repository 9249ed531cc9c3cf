"""`make demo`'s ACLED export: one row per event, and no two rows for one event.

The test runs the demo's own `sitrep ingest` and `sitrep export` lines, read from the Makefile
(so that it follows them when they change), on the bundled examples into a temporary folder.
"""

from __future__ import annotations

import csv
import itertools
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.resolve.geometry import haversine_km

ROOT = Path(__file__).resolve().parent.parent
# Two rows within this distance, of one type, day and first actor, are one event told twice
# (issue 15's test of the export; fixed here, not moved with the linking rules' own number).
SAME_PLACE_KM = 25.0


def demo_commands(demo_dir: Path) -> list[list[str]]:
    """The `sitrep ingest` and `sitrep export` lines of the Makefile's `demo` recipe, writing
    into ``demo_dir`` instead of demo/."""
    lines = (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
    start = next(number for number, line in enumerate(lines) if line.startswith("demo:"))
    recipe = itertools.takewhile(lambda line: line.startswith("\t"), lines[start + 1 :])
    commands = []
    for line in recipe:
        words = shlex.split(line.replace("$(DEMO_DIR)", str(demo_dir)))
        if words[0] == "$(BIN)/sitrep" and words[1] in ("ingest", "export"):
            commands.append(words[1:])
    assert [words[0] for words in commands] == ["ingest", "export"], "the demo recipe changed"
    return commands


def _same_event(first: dict[str, str], second: dict[str, str]) -> bool:
    """Whether two ACLED rows describe one event: same event type, day and actor1, placed
    within ``SAME_PLACE_KM`` of each other."""
    keys = ("event_type", "event_date", "actor1")
    if any(first[key] != second[key] for key in keys):
        return False
    if not (first["latitude"] and second["latitude"]):
        return False
    points = (first["latitude"], first["longitude"], second["latitude"], second["longitude"])
    return haversine_km(*(float(value) for value in points)) <= SAME_PLACE_KM


def _described(line: int, row: dict[str, str]) -> str:
    return (
        f"line {line}: {row['event_id_cnty']} {row['event_type']} {row['event_date']} "
        f"{row['actor1']!r} at {row['location']!r} ({row['source']}): {row['notes'][:120]!r}"
    )


@pytest.fixture(scope="module")
def demo_rows(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[int, dict[str, str]]]:
    """The rows of the demo's ACLED CSV, each with its line number in the file."""
    demo_dir = tmp_path_factory.mktemp("demo")
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)  # the Makefile's paths are the repository's
        for command in demo_commands(demo_dir):
            result = runner.invoke(app, command)
            assert result.exit_code == 0, f"sitrep {shlex.join(command)}: {result.output}"
    csv_path = next(demo_dir.glob("*.csv"))
    with csv_path.open(encoding="utf-8", newline="") as handle:
        return list(enumerate(csv.DictReader(handle), start=2))


def test_demo_export_has_rows(demo_rows: list[tuple[int, dict[str, str]]]) -> None:
    assert len(demo_rows) > 100


def test_demo_export_has_one_row_per_event(demo_rows: list[tuple[int, dict[str, str]]]) -> None:
    lines: dict[str, list[int]] = {}
    for line, row in demo_rows:
        lines.setdefault(row["event_id_cnty"], []).append(line)
    assert {key: found for key, found in lines.items() if len(found) > 1} == {}


def test_demo_export_has_no_two_rows_for_one_event(
    demo_rows: list[tuple[int, dict[str, str]]],
) -> None:
    twice = [
        f"{_described(*first)}\n  and {_described(*second)}"
        for first, second in itertools.combinations(demo_rows, 2)
        if _same_event(first[1], second[1])
    ]
    assert not twice, "rows describing one event:\n" + "\n".join(twice)
