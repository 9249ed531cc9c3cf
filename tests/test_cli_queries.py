"""``sitrep events`` and ``sitrep export``: the filters they share, checked values, missing
stores and empty results."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.store import Store
from tests.store.builders import event, record

KYIV = ("Kyiv", 50.45, 30.52)
TBILISI = ("Tbilisi", 41.69, 44.83)


@pytest.fixture
def store_path(tmp_path: Path) -> str:
    """Three events: a battle in Kharkiv, an armed clash (a battle) in Kyiv, a protest in Georgia."""
    clash = event("clash", type="battles", day="2024-03-07", place=KYIV)
    clash["subtype"] = "Armed clash"
    path = str(tmp_path / "store.db")
    with Store(path) as store:
        store.add(record("a1", event("battle", type="battles", day="2024-03-05")))
        store.add(record("a2", clash, text="Fighting near Kyiv on Thursday, officials said."))
        protest = event("protest", type="protests", day="2024-03-06", place=TBILISI, country="GE")
        store.add(record("a3", protest, text="Crowds marched in Tbilisi on Wednesday."))
    return path


def event_ids(store_path: str, *filters: str) -> set[str]:
    result = CliRunner().invoke(app, ["events", "--db", store_path, "-f", "json", *filters])
    assert result.exit_code == 0, result.output
    return {found["id"] for found in json.loads(result.stdout)}


def exported_ids(store_path: str, output: Path, *filters: str) -> set[str]:
    args = ["export", "--db", store_path, "-f", "jsonl", "-o", str(output), *filters]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return {json.loads(line)["id"] for line in output.read_text(encoding="utf-8").splitlines()}


@pytest.mark.parametrize(
    ("spelling", "expected"),
    [
        ("battles", {"battle", "clash"}),
        ("Battles", {"battle", "clash"}),
        ("BATTLES", {"battle", "clash"}),
        ("Armed clash", {"clash"}),
        ("armed CLASH", {"clash"}),
        ("Protests", {"protest"}),
    ],
)
def test_cli_events_type_takes_acleds_and_sitreps_spellings(
    store_path: str, spelling: str, expected: set[str]
) -> None:
    assert event_ids(store_path, "--type", spelling) == expected


@pytest.mark.parametrize("country", ["Ukraine", "ukraine", "UA", "ua"])
def test_cli_events_country_takes_a_name_or_a_code(store_path: str, country: str) -> None:
    assert event_ids(store_path, "--country", country) == {"battle", "clash"}


@pytest.mark.parametrize("command", ["events", "export"])
@pytest.mark.parametrize(
    ("option", "value", "named"),
    [
        ("--type", "Armed clah", "(did you mean 'Armed clash'?)"),
        ("--type", "Armed clah", "battles, explosions_remote_violence,"),
        ("--type", "Armed clah", "Battles, Explosions/Remote violence,"),
        ("--status", "dispute", "give one of reported, claimed, disputed, confirmed"),
        ("--country", "Narnia", "'Narnia' is not a country the gazetteer knows"),
        ("--near", "Narnia", "no place called 'Narnia' is known"),
    ],
)
def test_cli_bad_filter_value_is_one_line_naming_the_valid_ones(
    store_path: str, tmp_path: Path, command: str, option: str, value: str, named: str
) -> None:
    output = tmp_path / "out.jsonl"
    extra = ["-o", str(output)] if command == "export" else []
    result = CliRunner().invoke(app, [command, "--db", store_path, *extra, option, value])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error {option}: ") and result.stderr.count("\n") == 1
    assert named in result.stderr
    assert not output.exists()


@pytest.mark.parametrize("command", ["events", "export"])
def test_cli_reading_a_missing_store_is_an_error_and_creates_nothing(
    tmp_path: Path, command: str
) -> None:
    missing = tmp_path / "nosuch.db"
    extra = ["-o", str(tmp_path / "out.csv")] if command == "export" else []
    result = CliRunner().invoke(app, [command, "--db", str(missing), *extra])
    assert result.exit_code == 2
    assert (
        result.stderr == f"error no store at {missing}: no such file (sitrep ingest creates one)\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_cli_export_writes_only_the_filtered_events(store_path: str, tmp_path: Path) -> None:
    output = tmp_path / "out.jsonl"
    assert exported_ids(store_path, output, "--type", "Battles") == {"battle", "clash"}
    assert exported_ids(store_path, output, "--type", "Armed clash") == {"clash"}
    assert exported_ids(store_path, output, "--country", "Georgia") == {"protest"}
    assert exported_ids(store_path, output) == {"battle", "clash", "protest"}


@pytest.mark.parametrize("command", ["events", "export"])
def test_cli_empty_result_names_the_filter_that_emptied_it(
    store_path: str, tmp_path: Path, command: str
) -> None:
    extra = ["-o", str(tmp_path / "out.jsonl"), "-f", "jsonl"] if command == "export" else []
    args = [command, "--db", store_path, *extra, "--type", "riots", "--country", "UA"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0
    assert "0 events: no event has type 'riots' in this store (3 events in all)" in result.stderr


def test_cli_empty_result_of_filters_that_only_together_match_nothing(store_path: str) -> None:
    result = CliRunner().invoke(
        app, ["events", "--db", store_path, "--type", "protests", "-f", "json"]
    )
    assert result.exit_code == 0 and json.loads(result.stdout) != []
    result = CliRunner().invoke(
        app, ["events", "--db", store_path, "--type", "protests", "--country", "UA"]
    )
    assert result.exit_code == 0
    assert result.stderr == (
        "0 events: no event has type 'protests' and is in UA at once in this store "
        "(3 events in all)\n"
    )
