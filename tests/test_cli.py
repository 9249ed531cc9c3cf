from __future__ import annotations

import json
from pathlib import Path

import pytest
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
