from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from sitrep.cli import app

STORY = (
    "Residents carry water past a damaged block in Kherson, Ukraine, Saturday, March 4, 2023. "
    "(AP Photo/Tomas Lindqvist)\n"
    "KHERSON, Ukraine (AP) — Russian shelling killed four civilians in a market in the southern "
    "city of Kherson, the regional governor said Sunday.\n"
    "Residents carry water past a damaged block in Kherson, Ukraine, Saturday, March 4, 2023. "
    "(AP Photo/Tomas Lindqvist)\n"
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def story_file(tmp_path: Path) -> Path:
    path = tmp_path / "kherson.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def test_cli_extract_json_is_the_article_record(runner: CliRunner, story_file: Path) -> None:
    result = runner.invoke(app, ["extract", str(story_file)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["schema"] == "sitrep.article/1"
    article = record["article"]
    assert article["published"] == "2023-03-05"
    assert article["published_basis"] == "inferred"
    assert article["dateline"]["place"] == "KHERSON"
    assert article["source"] == {"path": str(story_file), "url": None, "outlet": "AP"}
    assert len(article["body"]) == 1
    [caption] = article["captions"]
    assert caption["count"] == 2
    assert caption["credit"] == "AP Photo/Tomas Lindqvist"
    assert caption["date"] == "2023-03-04"
    for span in caption["spans"]:
        assert article["text"][span["start"] : span["end"]].startswith("Residents carry water")


def test_cli_extract_jsonl_one_line_per_article(
    runner: CliRunner, story_file: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.txt"
    other.write_text(STORY.replace("four", "five"), encoding="utf-8")
    result = runner.invoke(app, ["extract", str(story_file), str(other), "--format", "jsonl"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [json.loads(line)["article"]["source"]["path"] for line in lines] == [
        str(story_file),
        str(other),
    ]


def test_cli_extract_json_of_several_articles_is_an_array(
    runner: CliRunner, story_file: Path
) -> None:
    result = runner.invoke(app, ["extract", str(story_file), str(story_file)])
    assert [r["article"]["id"] for r in json.loads(result.stdout)] == [
        json.loads(runner.invoke(app, ["extract", str(story_file)]).stdout)["article"]["id"]
    ] * 2


def test_cli_extract_table_shows_story_captions_and_dateline(
    runner: CliRunner, story_file: Path
) -> None:
    result = runner.invoke(app, ["extract", str(story_file), "--format", "table"])
    assert result.exit_code == 0
    assert "KHERSON, Ukraine (AP)" in result.stdout
    assert "2023-03-05" in result.stdout and "inferred" in result.stdout
    assert "Captions" in result.stdout and "Lindqvist" in result.stdout


def test_cli_extract_bad_items_get_one_line_each_and_the_batch_goes_on(
    runner: CliRunner, story_file: Path, tmp_path: Path
) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "big.txt").write_text(STORY * 200, encoding="utf-8")
    inputs = ["empty.txt", "photo.txt", "missing.txt", "big.txt"]
    result = runner.invoke(
        app,
        [
            "extract",
            *(str(tmp_path / n) for n in inputs),
            str(story_file),
            "--format",
            "jsonl",
            "--max-bytes",
            "10000",
        ],
    )
    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 4
    for name, line in zip(inputs, errors, strict=True):
        assert line.startswith(f"error {tmp_path / name}: ")
    assert "binary data (a PNG image)" in errors[1]
    assert "over the limit of 10,000 bytes" in errors[3]
    assert json.loads(result.stdout)["article"]["source"]["path"] == str(story_file)


def test_cli_extract_published_option(runner: CliRunner, story_file: Path) -> None:
    result = runner.invoke(app, ["extract", str(story_file), "--published", "2023-03-06"])
    article = json.loads(result.stdout)["article"]
    assert (article["published"], article["published_basis"]) == ("2023-03-06", "given")


def test_cli_extract_invalid_published_is_a_usage_error(
    runner: CliRunner, story_file: Path
) -> None:
    result = runner.invoke(app, ["extract", str(story_file), "--published", "March 6"])
    assert result.exit_code == 2
    assert "not a date like 2020-11-08" in result.stderr


def test_cli_extract_reads_standard_input(runner: CliRunner) -> None:
    result = runner.invoke(app, ["extract", "-"], input=STORY.encode("utf-16"))
    assert result.exit_code == 0
    article = json.loads(result.stdout)["article"]
    assert article["source"]["path"] is None
    assert article["text"] == STORY


def test_cli_extract_rerun_gives_the_same_record(runner: CliRunner, story_file: Path) -> None:
    first = runner.invoke(app, ["extract", str(story_file)]).stdout
    assert runner.invoke(app, ["extract", str(story_file)]).stdout == first


def test_cli_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("sitrep ")


def test_cli_choices_that_mirror_the_library_stay_equal() -> None:
    # The CLI repeats these so that `sitrep extract` need not import the store or the exports.
    from sitrep.cli import DEFAULT_DB, ExportChoice
    from sitrep.export import ExportFormat
    from sitrep.store import DEFAULT_DB as STORE_DEFAULT_DB

    assert DEFAULT_DB == STORE_DEFAULT_DB
    assert [choice.value for choice in ExportChoice] == [fmt.value for fmt in ExportFormat]


FRENCH = (
    "Les bombardements russes ont tué quatre civils dans un marché de la ville de Kherson, "
    "dans le sud de l'Ukraine, a déclaré dimanche le gouverneur de la région. Les secours "
    "ont travaillé toute la nuit pour dégager les décombres du bâtiment détruit par les obus."
)


@pytest.mark.parametrize("command", ["extract", "ingest", "events", "export", "serve", "spark"])
def test_cli_help_at_80_columns_shows_whole_options_one_default_and_examples(
    runner: CliRunner, command: str
) -> None:
    from sitrep.cli import EXAMPLES

    result = runner.invoke(app, [command, "--help"], terminal_width=80)
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    group: Any = typer.main.get_command(app)
    words = {word.strip(",") for word in result.stdout.split()}
    for parameter in group.commands[command].params:
        if parameter.param_type_name == "option":
            assert {*parameter.opts, *parameter.secondary_opts} <= words, parameter.opts
    assert all(example in result.stdout for example in EXAMPLES[command])
    for line in result.stdout.splitlines():
        assert line.count("default") <= 1, line


def test_cli_not_english_names_the_option_that_reads_it_anyway(
    runner: CliRunner, tmp_path: Path
) -> None:
    french = tmp_path / "fr.txt"
    french.write_text(FRENCH, encoding="utf-8")
    refused = runner.invoke(app, ["ingest", str(french), "--db", str(tmp_path / "s.db")])
    assert refused.exit_code == 1
    assert "not English" in refused.stderr and "--no-language-check" in refused.stderr
    assert "nothing stored: all 1 item(s) failed" in refused.stderr
    read = runner.invoke(
        app,
        ["ingest", str(french), "--db", str(tmp_path / "s.db"), "--no-language-check"],
    )
    assert read.exit_code == 0, read.output
    assert read.stderr.startswith("1 article(s) stored")


def test_cli_inputs_without_an_article_are_an_error_not_silence(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.7")
    extracted = runner.invoke(app, ["extract", str(tmp_path)])
    assert extracted.exit_code == 1
    assert (
        extracted.stderr
        == f"error no article in {tmp_path}: no file of a kind sitrep reads (see --help)\n"
    )
    ingested = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(tmp_path / "s.db")])
    assert ingested.exit_code == 1
    assert f"no article in {tmp_path}" in ingested.stderr


def test_cli_json_lines_of_something_else_are_one_line_not_one_per_record(
    runner: CliRunner, story_file: Path, tmp_path: Path
) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"file": "a.txt", "type": "battles"}\n' * 30, encoding="utf-8")
    walked = runner.invoke(app, ["extract", str(tmp_path), "--format", "jsonl"])
    assert walked.exit_code == 0, walked.output
    assert len(walked.stdout.splitlines()) == 1  # the story; the gold file is passed over
    named = runner.invoke(app, ["extract", str(gold)])
    assert named.exit_code == 1
    assert named.stderr.count("error") == 1 and 'no "text" or "html" field' in named.stderr


def test_cli_piped_summary_is_one_line(runner: CliRunner, story_file: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(story_file), "--db", str(tmp_path / "s.db")])
    [summary] = result.stderr.splitlines()
    assert summary.startswith("1 article(s) stored") and summary.endswith("clusters")


def test_cli_verbose_logs_each_batch_and_its_time(
    runner: CliRunner, story_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    runner.invoke(app, ["--verbose", "extract", str(story_file)])
    assert any(r.message.startswith("processed 1 article(s) in") for r in caplog.records)
    caplog.clear()
    runner.invoke(app, ["extract", str(story_file)])
    assert not [r for r in caplog.records if r.levelname == "DEBUG"]
