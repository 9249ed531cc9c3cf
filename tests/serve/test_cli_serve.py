"""``sitrep serve``: options reach the app and uvicorn; bad ones fail before serving."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest
import typer.main
import uvicorn
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.serve import DEFAULT_MAX_UPLOAD_BYTES

with warnings.catch_warnings():
    # Starlette 1.x asks for httpx2 instead of httpx, which still works (and spaCy brings it).
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, dict[str, Any]]]:
    """What ``uvicorn.run`` was called with, instead of serving."""
    calls: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda application, **kw: calls.append((application, kw)))
    return calls


def test_cli_serve_passes_every_option(
    started: list[tuple[Any, dict[str, Any]]], store_path: str
) -> None:
    args = ["serve", "--db", store_path, "--host", "0.0.0.0", "--port", "8123", "--token", "t0k"]
    args += ["--max-upload-bytes", "1000", "--tile-url", "https://tiles.example/{z}/{x}/{y}.png"]
    args += ["--tile-attribution", "© Example"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    application, options = started[0]
    assert options["host"] == "0.0.0.0"
    assert options["port"] == 8123
    config = application.state.config
    assert (config.token, config.max_upload_bytes) == ("t0k", 1000)
    assert (config.tile_url, config.tile_attribution) == (
        "https://tiles.example/{z}/{x}/{y}.png",
        "© Example",
    )
    config.store.close()


def test_cli_serve_takes_the_token_from_the_environment(
    started: list[tuple[Any, dict[str, Any]]], store_path: str
) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", store_path], env={"SITREP_TOKEN": "env-t"})
    assert result.exit_code == 0, result.output
    application, options = started[0]
    assert (options["host"], options["port"]) == ("127.0.0.1", 8000)
    assert application.state.config.token == "env-t"
    application.state.config.store.close()


def test_cli_serve_refuses_a_token_browsers_cannot_send(
    started: list[tuple[Any, dict[str, Any]]], store_path: str
) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", store_path, "--token", "clé"])
    assert result.exit_code == 2
    assert "printable ASCII" in result.output
    assert started == []


def test_cli_serve_a_store_that_cannot_open_is_one_error_line(
    started: list[tuple[Any, dict[str, Any]]], tmp_path: Path
) -> None:
    where = str(tmp_path / "no" / "such" / "dir.db")
    result = CliRunner().invoke(app, ["serve", "--db", where, "--create"])
    assert result.exit_code == 2
    assert "cannot open the store" in result.output
    assert started == []


def test_cli_serve_a_mistyped_store_is_refused_unless_created(
    started: list[tuple[Any, dict[str, Any]]], tmp_path: Path
) -> None:
    where = tmp_path / "nosuch.db"
    refused = CliRunner().invoke(app, ["serve", "--db", str(where)])
    assert refused.exit_code == 2
    assert "no store at" in refused.output and not where.exists()
    assert started == []
    created = CliRunner().invoke(app, ["serve", "--db", str(where), "--create"])
    assert created.exit_code == 0 and where.exists() and len(started) == 1


def test_cli_serve_default_upload_limit_is_the_apps() -> None:
    command: Any = typer.main.get_command(app)
    option = next(p for p in command.commands["serve"].params if p.name == "max_upload_bytes")
    assert option.default == DEFAULT_MAX_UPLOAD_BYTES


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.5", "myhost.example"])
def test_cli_serve_beyond_loopback_without_a_token_refuses_to_start(
    started: list[tuple[Any, dict[str, Any]]], store_path: str, host: str
) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", store_path, "--host", host])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert f"--host {host}: other machines could read the store" in lines[0]
    assert started == []


@pytest.mark.parametrize("args", [["--public"], ["--token", "t0k"]])
def test_cli_serve_beyond_loopback_with_a_token_or_public_starts(
    started: list[tuple[Any, dict[str, Any]]], store_path: str, args: list[str]
) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", store_path, "--host", "0.0.0.0", *args])
    assert result.exit_code == 0, result.output
    started[0][0].state.config.store.close()


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "::1"])
def test_cli_serve_on_loopback_needs_no_token(
    started: list[tuple[Any, dict[str, Any]]], store_path: str, host: str
) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", store_path, "--host", host])
    assert result.exit_code == 0, result.output
    started[0][0].state.config.store.close()


def test_cli_serve_answers_to_loopback_its_address_and_allowed_hosts(
    started: list[tuple[Any, dict[str, Any]]], store_path: str
) -> None:
    args = ["serve", "--db", store_path, "--host", "192.168.1.5", "--public"]
    args += ["--allowed-host", "sitrep.example.org", "--allowed-host", "10.0.0.7"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    application = started[0][0]
    with TestClient(application) as client:
        for host in ("localhost", "::1", "192.168.1.5", "sitrep.example.org", "10.0.0.7:8000"):
            assert client.get("/api/v1/events", headers={"Host": host}).status_code == 200, host
        assert client.get("/api/v1/events", headers={"Host": "evil.example"}).status_code == 400
