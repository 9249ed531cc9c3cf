"""The ``sitrep`` command: thin adapters over the library, one library call per command."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from typing import Annotated as Arg

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from sitrep import __version__
from sitrep.cli_render import render_table
from sitrep.errors import InputError, SitrepError
from sitrep.pipeline import process, process_many
from sitrep.read import DEFAULT_MAX_BYTES, ReadOptions, ReadResult, read_inputs
from sitrep.records import Article, ArticleRecord
from sitrep.resolve.gazetteer import Gazetteer, open_gazetteer

logger = logging.getLogger("sitrep")

app = typer.Typer(
    help="sitrep: turn conflict news into traceable event records.",
    no_args_is_help=True,
    add_completion=False,
)
_err = Console(stderr=True)
# Articles parsed together: larger batches make spaCy faster, smaller ones keep output flowing.
_BATCH = 16


class OutputFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sitrep {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    verbose: Arg[bool, typer.Option("--verbose", "-v", help="Log what each stage does.")] = False,
    version: Arg[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """sitrep reads news articles and writes their records (see SCHEMA.md)."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


@app.command()
def extract(
    inputs: Arg[
        list[str],
        typer.Argument(
            help="Text, HTML, JSON Lines or RSS/Atom files, directories (read recursively), "
            "or - for standard input.",
            show_default=False,
        ),
    ],
    published: Arg[
        str | None,
        typer.Option(
            help="Publication date (YYYY-MM-DD) of every input, overriding metadata and inference."
        ),
    ] = None,
    output_format: Arg[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            help="json: one object (an array for several articles); jsonl: one per line; "
            "table: readable tables.",
        ),
    ] = OutputFormat.json,
    max_bytes: Arg[
        int, typer.Option(help="Refuse any item larger than this many bytes.", min=1)
    ] = DEFAULT_MAX_BYTES,
    language_check: Arg[
        bool, typer.Option(help="Refuse text that is confidently not English.")
    ] = True,
) -> None:
    """Read articles and print their records. Bad items are reported and skipped; the exit
    status is 1 when any item failed."""
    options = ReadOptions(
        max_bytes=max_bytes,
        published=_parse_published(published),
        check_language=language_check,
    )
    failures = done = 0
    records: list[ArticleRecord] = []
    gazetteer = _open_gazetteer()
    for result in _with_progress(_process_all(read_inputs(inputs, options), gazetteer)):
        if isinstance(result, InputError):
            failures += 1
            _err.print(f"[red]error[/red] {result}", markup=True, highlight=False, soft_wrap=True)
            continue
        done += 1
        if output_format is OutputFormat.jsonl:
            sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
        else:
            records.append(result)
    _write(records, output_format)
    if output_format is OutputFormat.table or _err.is_terminal:
        _err.print(f"{done} article(s) extracted, {failures} item(s) failed", highlight=False)
    if failures:
        raise typer.Exit(code=1)


def _progress(*extra: TextColumn) -> Progress:
    """A progress bar on standard error, shown only on a terminal, gone when done."""
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        *extra,
        TimeElapsedColumn(),
        console=_err,
        transient=True,
        disable=not _err.is_terminal,
    )


def _open_gazetteer() -> Gazetteer:
    """The gazetteer, with a progress bar while it is built (once per machine, about 20 s)."""
    with _progress() as progress:
        task = progress.add_task("building the place gazetteer (once)", total=None)

        def report(stage: str, done: int, total: int) -> None:
            progress.update(
                task, description=f"building the gazetteer: {stage}", completed=done, total=total
            )

        return open_gazetteer(progress=report)


def _process_all(
    results: Iterator[ReadResult], gazetteer: Gazetteer
) -> Iterator[ArticleRecord | InputError]:
    """Records and errors in input order; articles are parsed in batches (faster), and a batch
    that fails is redone an article at a time so one bad article fails alone."""
    for chunk in _chunks(results, _BATCH):
        articles = [result for result in chunk if not isinstance(result, InputError)]
        try:
            done: list[ArticleRecord | InputError] = list(
                process_many(articles, gazetteer=gazetteer)
            )
        except SitrepError:
            done = [_process_one(article, gazetteer) for article in articles]
        records = iter(done)
        for result in chunk:
            yield result if isinstance(result, InputError) else next(records)


def _process_one(article: Article, gazetteer: Gazetteer) -> ArticleRecord | InputError:
    try:
        return process(article, gazetteer=gazetteer)
    except SitrepError as exc:
        return InputError(article.source.path or article.source.url or "<input>", str(exc))


def _chunks(results: Iterator[ReadResult], size: int) -> Iterator[list[ReadResult]]:
    chunk: list[ReadResult] = []
    for result in results:
        chunk.append(result)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _with_progress(
    results: Iterator[ArticleRecord | InputError],
) -> Iterator[ArticleRecord | InputError]:
    """Show articles done and their rate on a terminal; stay silent in a pipe."""
    with _progress(TextColumn("{task.completed} articles")) as progress:
        task = progress.add_task("extracting", total=None)
        for result in results:
            progress.advance(task)
            yield result


def _write(records: list[ArticleRecord], output_format: OutputFormat) -> None:
    if output_format is OutputFormat.table:
        console = Console()
        for record in records:
            render_table(record, console)
    elif output_format is OutputFormat.json and records:
        data = records[0].to_dict() if len(records) == 1 else [r.to_dict() for r in records]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _parse_published(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date like 2020-11-08", param_hint="--published"
        ) from None
