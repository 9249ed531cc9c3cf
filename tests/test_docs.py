"""Docs as tests: every command and option is documented, and the README's commands exist."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer.main

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
