"""Docs as tests: every command and option is documented, and the README's commands exist."""

from __future__ import annotations

import csv
import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner, Result

from sitrep.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> dict[str, Any]:
    group: Any = typer.main.get_command(app)
    return dict(group.commands)


def test_docs_every_command_has_help_and_a_readme_section() -> None:
    for name, command in _commands().items():
        assert command.help, name
        assert f"### `sitrep {name}`" in README, name


def test_docs_every_option_is_in_the_readme() -> None:
    for name, command in _commands().items():
        for parameter in command.params:
            if parameter.param_type_name == "option":
                assert any(opt in README for opt in parameter.opts), (name, parameter.opts)


def test_docs_readme_opens_with_the_demo_and_test_commands() -> None:
    first_block = README.split("```sh", 1)[1].split("```", 1)[0]
    assert "make demo" in first_block and "make test" in first_block
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in re.findall(r"make (\w+)", README):
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), target


def test_docs_ci_runs_the_readme_test_command() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
CLI_MD = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
# Options of other programs that docs/spark.md names beside spark-submit's own command lines.
OTHER_PROGRAMS_OPTIONS = {"--py-files", "--files", "--deploy-mode", "--archives"}


def _sh_lines(text: str) -> list[str]:
    """The lines of the ```sh blocks of a document."""
    blocks = re.findall(r"^```sh\n(.*?)^```", text, re.MULTILINE | re.DOTALL)
    return [line for block in blocks for line in block.splitlines()]


def _options_by_command() -> dict[str, set[str]]:
    """Every command path ("events", "gazetteer info") and "" (sitrep itself) with its options."""
    group: Any = typer.main.get_command(app)
    found: dict[str, set[str]] = {}

    def walk(command: Any, path: str) -> None:
        options = {opt for p in command.params for opt in (*p.opts, *p.secondary_opts)}
        found[path] = options | {"--help"}
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{path} {name}".strip())

    walk(group, "")
    return found


def _sitrep_invocations(text: str) -> list[str]:
    """Every `sitrep …` code span, and every code line starting `sitrep` with the indented
    lines that continue it."""
    blocks = re.findall(r"^```(?:sh)?\n(.*?)^```", text, re.MULTILINE | re.DOTALL)
    joined = [re.sub(r"\n\s+", " ", block) for block in blocks]
    lines = [line for block in joined for line in block.splitlines()]
    return re.findall(r"`(sitrep [^`\n]*)`", text) + [
        line for line in lines if line.startswith("sitrep ")
    ]


def test_docs_name_only_commands_and_options_that_exist() -> None:
    commands = _options_by_command()
    every_option = set().union(*commands.values())
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for line in _sitrep_invocations(text):
            names = [word for word in line.split()[1:3] if re.fullmatch(r"[a-z]+", word)]
            path = " ".join(names) if " ".join(names) in commands else " ".join(names[:1])
            assert path in commands, (doc.name, line)
            for option in re.findall(r"--[a-z][\w-]*", line):
                assert option in commands[path] | commands[""], (doc.name, line, option)
        for span in re.findall(r"`(--[a-z][\w-]*)", text):
            assert span in every_option | OTHER_PROGRAMS_OPTIONS, (doc.name, span)


def test_docs_cite_only_documents_that_exist() -> None:
    for doc in DOCS:
        for cited in re.findall(r"[\w/.-]+\.md\b", doc.read_text(encoding="utf-8")):
            assert (ROOT / cited).exists() or (doc.parent / cited).exists(), (doc.name, cited)


def test_docs_cli_md_shows_each_commands_help_examples() -> None:
    from sitrep.cli import EXAMPLES

    assert set(EXAMPLES) == set(_commands())
    for name, examples in EXAMPLES.items():
        assert f"## `sitrep {name}`" in CLI_MD, name
        for example in examples:
            assert example in _sh_lines(CLI_MD), example


# Examples that need what a test has not: a server left running, the network, Spark and Java,
# or GeoNames' dump files.
def _needs_more_than_a_test(words: list[str]) -> bool:
    return (
        words[1] in ("serve", "spark")
        or words[1:3] == ["gazetteer", "import"]
        or any(word.startswith("http") for word in words)
    )


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the bundled examples, where the documented commands write their files."""
    folder = tmp_path_factory.mktemp("docs")
    (folder / "examples").symlink_to(ROOT / "examples")
    return folder


def _run(line: str, folder: Path, monkeypatch: pytest.MonkeyPatch) -> Result:
    """One documented command line, run in ``folder``; `< FILE` feeds standard input."""
    words = shlex.split(line)
    stdin = None
    if "<" in words:
        at = words.index("<")
        stdin = (folder / words[at + 1]).read_bytes()
        words = words[:at]
    monkeypatch.chdir(folder)
    return CliRunner().invoke(app, words[1:], input=stdin)


def test_docs_walkthrough_runs_on_the_examples(
    scratch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    section = README.split("## From your own files to a spreadsheet and QGIS", 1)[1]
    lines = _sh_lines(section.split("\n## ", 1)[0])
    assert [line.split()[1] for line in lines] == ["ingest", "events", "export", "export"]
    for line in lines:
        result = _run(line, scratch, monkeypatch)
        assert result.exit_code == 0, (line, result.output)
    with (scratch / "news.csv").open(encoding="utf-8") as csv_file:
        rows = list(csv.DictReader(csv_file))
    assert len(rows) > 50 and rows[0]["event_type"]
    geojson = json.loads((scratch / "news.geojson").read_text(encoding="utf-8"))
    assert geojson["type"] == "FeatureCollection" and len(geojson["features"]) > 50


def test_docs_every_cli_md_example_runs(scratch: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ran = 0
    for line in _sh_lines(CLI_MD):
        if _needs_more_than_a_test(shlex.split(line)):
            continue
        result = _run(line, scratch, monkeypatch)
        assert result.exit_code == 0, (line, result.output)
        ran += 1
    assert ran >= 9
