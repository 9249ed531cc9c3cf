"""The ``sitrep`` command: thin adapters over the library, one library call per command."""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, get_args
from typing import Annotated as Arg

import typer
from rich.progress import (
    BarColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from sitrep import __version__
from sitrep.batching import batched
from sitrep.cli_gazetteer import GazetteerOption, use_gazetteer
from sitrep.cli_gazetteer import app as gazetteer_app
from sitrep.cli_render import make_console, render_stored_events, render_table
from sitrep.errors import BadFilter, ConfigurationError, ExportError, InputError, StoreError
from sitrep.link import ClusterStatus
from sitrep.read.limits import DEFAULT_MAX_BYTES
from sitrep.records import ArticleRecord, EventType
from sitrep.resolve.gazetteer import Gazetteer, open_gazetteer

if TYPE_CHECKING:
    from sitrep.export import ExportFormat
    from sitrep.ingest import IngestStats, ItemFailure
    from sitrep.read import ReadResult
    from sitrep.scale import JobSummary
    from sitrep.store import EventQuery, Near, Store

logger = logging.getLogger("sitrep")

# Examples that each command's help ends with; docs/cli.md shows the same (a test checks it,
# and runs each on the bundled examples).
EXAMPLES = {
    "extract": (
        "sitrep extract examples/ap_elfasher_2024-05-12.txt --format table",
        "sitrep extract examples/html --format jsonl",
        "sitrep extract - --published 2021-05-05 < examples/ips_geneva_2021-05-05.txt",
    ),
    "ingest": (
        "sitrep ingest examples/ --db news.db --published-from-name",
        "sitrep ingest examples/feed/conflict_feed.xml --db news.db --workers 1",
        "sitrep ingest https://example.org/news/rss.xml --db news.db",
    ),
    "events": (
        "sitrep events --db news.db --limit 20",
        "sitrep events --db news.db --country UA --since 2023-08-01",
        "sitrep events --db news.db --type battles --format csv",
    ),
    "export": (
        "sitrep export --db news.db --format acled -o events.csv",
        "sitrep export --db news.db --format geojson -o events.geojson",
    ),
    "serve": (
        "sitrep serve --db news.db",
        "sitrep serve --db news.db --port 8080 --token s3cret",
    ),
    "spark": (
        "sitrep spark crawl.warc.gz --out tables/",
        "sitrep spark 'corpus/*.jsonl' --out tables/ --master 'local[4]'",
    ),
    "gazetteer": (
        "sitrep gazetteer info",
        "sitrep gazetteer import allCountries.zip",
    ),
}


def _examples(command: str) -> str:
    """The help's closing paragraph; ``\\b`` keeps click from rewrapping its lines."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in EXAMPLES[command])


app = typer.Typer(
    help="sitrep: turn conflict news into traceable event records.",
    epilog="\b\nStart with `sitrep COMMAND --help`; docs/cli.md has examples of each command.",
    no_args_is_help=True,
    add_completion=False,
    # click's own help layout: at 80 columns it never cuts an option's name, as rich's does.
    rich_markup_mode=None,
)
app.add_typer(gazetteer_app, name="gazetteer", epilog=_examples("gazetteer"))
_err = make_console(stderr=True)
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
    verbose: Arg[
        bool,
        typer.Option("--verbose", "-v", help="Log each stage's start and each batch's time."),
    ] = False,
    version: Arg[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """sitrep reads news articles and writes their records (docs/record.md)."""
    timed = "%(relativeCreated)6.0f ms " if verbose else ""
    logging.basicConfig(level=logging.WARNING, format=f"{timed}%(levelname)s %(name)s: %(message)s")
    # sitrep's own debug lines only: other libraries' would drown them.
    logger.setLevel(logging.DEBUG if verbose else logging.NOTSET)


# Options that several commands share: how inputs are read.
PublishedOption = Arg[
    str | None,
    typer.Option(
        help="Publication date (YYYY-MM-DD) of every input, overriding metadata and inference."
    ),
]
MaxBytesOption = Arg[int, typer.Option(help="Refuse any item larger than this many bytes.", min=1)]
PublishedFromNameOption = Arg[
    bool,
    typer.Option(
        "--published-from-name",
        help="Take a file's publication date from an ISO date in its name "
        "(ap_kharkiv_2024-03-04.txt) when no metadata gives one.",
    ),
]
LanguageCheckOption = Arg[bool, typer.Option(help="Refuse text that is confidently not English.")]


@app.command(epilog=_examples("extract"))
def extract(
    inputs: Arg[
        list[str],
        typer.Argument(
            help="Text, HTML, JSON Lines or RSS/Atom files, directories (read recursively), "
            "or - for standard input.",
            show_default=False,
        ),
    ],
    published: PublishedOption = None,
    published_from_name: PublishedFromNameOption = False,
    output_format: Arg[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            help="json: one object (an array for several articles); jsonl: one per line; "
            "table: readable tables.",
        ),
    ] = OutputFormat.json,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    language_check: LanguageCheckOption = True,
    gazetteer_file: GazetteerOption = None,
) -> None:
    """Read articles and print their records. Bad items are reported and skipped; the exit
    status is 1 when any item failed or no article was read."""
    from sitrep.read import ReadOptions, article_count, read_inputs

    options = ReadOptions(
        max_bytes=max_bytes,
        published=_parse_published(published),
        check_language=language_check,
        published_from_name=published_from_name,
    )
    failures = done = 0
    records: list[ArticleRecord] = []
    logger.debug("loading the models and the gazetteer")
    _load_models()
    use_gazetteer(gazetteer_file)
    gazetteer = _open_gazetteer()
    results = _process_all(read_inputs(inputs, options), gazetteer)
    for result in _with_progress(results, article_count(inputs)):
        if isinstance(result, InputError):
            failures += 1
            _print_error(result)
            continue
        done += 1
        if output_format is OutputFormat.jsonl:
            sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
        else:
            records.append(result)
    _write(records, output_format)
    if output_format is OutputFormat.table or _err.is_terminal:
        _err.print(f"{done} article(s) extracted, {failures} item(s) failed", highlight=False)
    if not done and not failures:
        _print_nothing_read(inputs)
    if failures or not done:
        raise typer.Exit(code=1)


def _print_nothing_read(inputs: list[str]) -> None:
    """One line for inputs that held no article and no bad item: empty or unreadable folders."""
    _err.print(
        f"[red]error[/red] no article in {' '.join(inputs)}: no file of a kind sitrep reads "
        "(see --help)",
        markup=True,
        highlight=False,
        soft_wrap=True,
    )


def _progress(*extra: TextColumn) -> Progress:
    """A progress bar on standard error, shown only on a terminal, gone when done; with the
    time left where the total is known (files of one article each)."""
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        *extra,
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=_err,
        transient=True,
        disable=not _err.is_terminal,
    )


def _load_models() -> None:
    """The event typing model, or one line saying which file is missing or damaged."""
    from sitrep.pipeline import load_models

    try:
        load_models()
    except ConfigurationError as exc:
        _err.print(f"[red]error[/red] {exc}", markup=True, highlight=False, soft_wrap=True)
        raise typer.Exit(code=2) from exc


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
    """Records and errors in input order; articles are parsed in batches (faster)."""
    from sitrep.pipeline import process_batch

    for chunk in batched(results, _BATCH):
        articles = [result for result in chunk if not isinstance(result, InputError)]
        started = time.perf_counter()
        records = iter(process_batch(articles, gazetteer=gazetteer))
        logger.debug(
            "processed %d article(s) in %.2f s, from %s",
            len(articles),
            time.perf_counter() - started,
            articles[0].source.path or articles[0].source.url if articles else "-",
        )
        for result in chunk:
            yield result if isinstance(result, InputError) else next(records)


def _with_progress(
    results: Iterator[ArticleRecord | InputError], total: int | None = None
) -> Iterator[ArticleRecord | InputError]:
    """Show articles done (of ``total``, where known) on a terminal; stay silent in a pipe."""
    with _progress(TextColumn("{task.completed} articles")) as progress:
        task = progress.add_task("extracting", total=total)
        for result in results:
            progress.advance(task)
            yield result


def _write(records: list[ArticleRecord], output_format: OutputFormat) -> None:
    if output_format is OutputFormat.table:
        console = make_console()
        for record in records:
            render_table(record, console)
    elif output_format is OutputFormat.json and records:
        data = records[0].to_dict() if len(records) == 1 else [r.to_dict() for r in records]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _parse_published(value: str | None) -> date | None:
    return _parse_day(value, "--published")


# sitrep.store.DEFAULT_DB (a test keeps them equal). The store, the exports and the ingest are
# imported by the commands that use them: `sitrep extract` starts faster without SQLAlchemy.
DEFAULT_DB = "sitrep.db"
DbOption = Arg[
    str,
    typer.Option(
        "--db",
        envvar="SITREP_DB",
        help="The store: a SQLite file, or a URL such as postgresql+psycopg://user@host/db.",
    ),
]


@app.command(epilog=_examples("ingest"))
def ingest(
    inputs: Arg[
        list[str],
        typer.Argument(
            help="Files, directories, JSON Lines, RSS/Atom feeds, WARC/ARC files, http(s) "
            "URLs of pages and feeds, or the --out folder of a `sitrep spark` run.",
            show_default=False,
        ),
    ],
    db: DbOption = DEFAULT_DB,
    workers: Arg[
        int,
        typer.Option(
            help="Processes parsing articles (default: every core).", min=1, show_default=False
        ),
    ] = os.cpu_count() or 1,
    published: PublishedOption = None,
    published_from_name: PublishedFromNameOption = False,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    language_check: LanguageCheckOption = True,
    allow_private_addresses: Arg[
        bool,
        typer.Option(
            "--allow-private-addresses",
            help="Fetch URLs (and redirects) to loopback, private and other non-public "
            "addresses, refused by default.",
        ),
    ] = False,
    gazetteer_file: GazetteerOption = None,
) -> None:
    """Process articles into a store and link their events. Reports of the same event are
    linked across articles; articles already stored are skipped, so an interrupted run resumes
    where it stopped. The exit status is 1 when any item failed or nothing was stored."""
    from sitrep.ingest import article_total
    from sitrep.ingest import ingest as run_ingest
    from sitrep.read import ReadOptions

    options = ReadOptions(
        max_bytes=max_bytes,
        published=_parse_published(published),
        published_from_name=published_from_name,
        check_language=language_check,
        allow_private_addresses=allow_private_addresses,
    )
    logger.debug("loading the models")
    _load_models()
    use_gazetteer(gazetteer_file)
    logger.debug("ingesting into %s with %d worker(s)", db, workers)
    with _open_store(db) as store, _progress(_INGEST_COLUMNS) as progress:
        gazetteer = _open_gazetteer() if workers == 1 else None
        task = progress.add_task("ingesting", total=article_total(inputs), events=0, rate=0.0)
        started = time.monotonic()

        def report(stats: IngestStats) -> None:
            rate = stats.seen / max(time.monotonic() - started, 1e-9)
            progress.update(task, completed=stats.seen, events=stats.events, rate=rate)

        stats = run_ingest(
            inputs,
            store,
            workers=workers,
            options=options,
            on_error=_print_error,
            on_progress=report,
            gazetteer=gazetteer,
        )
        totals = store.counts()
    _err.print(
        f"{stats.stored} article(s) stored ({stats.events} events), {stats.already_stored} "
        f"already stored, {stats.failed} item(s) failed; the store holds {totals['articles']} "
        f"articles, {totals['events']} events in {totals['clusters']} clusters",
        highlight=False,
        soft_wrap=True,
    )
    if stats.stored and _err.is_terminal:  # what to do next, for a person at a terminal
        _err.print(
            f"next: sitrep events --db {db}  |  sitrep export --db {db} -o events.csv  |  "
            f"sitrep serve --db {db}",
            highlight=False,
            soft_wrap=True,
        )
    if not stats.seen:
        _print_nothing_read(inputs)
    elif not stats.stored and not stats.already_stored:
        _err.print(f"nothing stored: all {stats.failed} item(s) failed, see above", highlight=False)
    if stats.failed or not stats.seen:
        raise typer.Exit(code=1)


_INGEST_COLUMNS = TextColumn(
    "{task.completed} articles, {task.fields[events]} events, {task.fields[rate]:.1f} articles/s"
)


# The filters `events` and `export` share (sitrep.store.EventQuery). Each value is checked by the
# helpers the web API uses (sitrep.store.query.parse_*): a bad one is one line, exit status 2.
CountryOption = Arg[
    str | None, typer.Option(help="A country by name or ISO 3166-1 alpha-2 code: Ukraine, UA.")
]
TypeOption = Arg[
    str | None,
    typer.Option(
        "--type",
        help=f"An event type, in any case: sitrep's ({', '.join(get_args(EventType))}), "
        "ACLED's (Battles, Explosions/Remote violence…) or an ACLED sub-event type (Armed clash…).",
    ),
]
SinceOption = Arg[str | None, typer.Option(help="First day (YYYY-MM-DD).")]
UntilOption = Arg[str | None, typer.Option(help="Last day (YYYY-MM-DD).")]
NearOption = Arg[
    str | None, typer.Option(help='A place name ("Kharkiv") or "LAT,LON" (with --radius).')
]
RadiusOption = Arg[float, typer.Option(help="Kilometres around --near.", min=0)]
ActorOption = Arg[str | None, typer.Option(help="Part of an actor's name.")]
StatusOption = Arg[
    str | None,
    typer.Option(help=f"The event's cluster status: {', '.join(get_args(ClusterStatus))}."),
]
TextOption = Arg[str | None, typer.Option(help="Words in the evidence sentences.")]
_Parsed = TypeVar("_Parsed")


def _event_query(
    *,
    country: str | None,
    event_type: str | None,
    since: str | None,
    until: str | None,
    near: str | None,
    radius: float,
    actor: str | None,
    status: str | None,
    text: str | None,
) -> EventQuery:
    """The filters as the store takes them, each value checked before the store is opened."""
    from sitrep.store import EventQuery
    from sitrep.store.query import parse_country, parse_event_type, parse_status

    kind = _checked("--type", parse_event_type, event_type)
    return EventQuery(
        country=_checked("--country", lambda name: parse_country(name, _open_gazetteer()), country),
        type=kind[0] if kind else None,
        subtype=kind[1] if kind else None,
        since=_parse_day(since, "--since"),
        until=_parse_day(until, "--until"),
        near=_checked("--near", lambda place: _near(place, radius), near),
        actor=actor,
        status=_checked("--status", parse_status, status),
        text=text,
    )


def _checked(option: str, parse: Callable[[str], _Parsed], value: str | None) -> _Parsed | None:
    """``parse(value)``, or one error line naming the option and exit status 2."""
    if value is None:
        return None
    try:
        return parse(value)
    except BadFilter as exc:
        _err.print(
            f"[red]error[/red] {option}: {exc}", markup=True, highlight=False, soft_wrap=True
        )
        raise typer.Exit(code=2) from None


class EventsFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


@app.command(epilog=_examples("events"))
def events(
    db: DbOption = DEFAULT_DB,
    country: CountryOption = None,
    event_type: TypeOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    near: NearOption = None,
    radius: RadiusOption = 25.0,
    actor: ActorOption = None,
    status: StatusOption = None,
    text: TextOption = None,
    limit: Arg[int, typer.Option(help="At most this many events (newest first).", min=1)] = 1000,
    output_format: Arg[EventsFormat, typer.Option("--format", "-f")] = EventsFormat.table,
) -> None:
    """List stored events, newest first, with the filters given. ``--format csv`` writes the
    columns of the ACLED export (`sitrep export`), for the events ACLED codes."""
    from sitrep.export import with_stored_at
    from sitrep.export.acled import COLUMNS, acled_row
    from sitrep.export.writers import write_csv
    from sitrep.store import find_events
    from sitrep.store.query import empty_reason

    query = _event_query(
        country=country, event_type=event_type, since=since, until=until, near=near,
        radius=radius, actor=actor, status=status, text=text,
    )  # fmt: skip
    with _open_store(db, existing=True) as store:
        page = find_events(store, replace(query, limit=limit))
        empty = None if page.items else empty_reason(store, query)
        if output_format is EventsFormat.csv:  # stored_at is read from the open store
            gazetteer = _open_gazetteer()
            rows = (acled_row(event, gazetteer) for event in with_stored_at(store, page.items))
            write_csv(sys.stdout, COLUMNS, (row for row in rows if row is not None))
    if output_format is EventsFormat.json:
        items = [event.to_dict() for event in page.items]
        sys.stdout.write(json.dumps(items, ensure_ascii=False, indent=2) + "\n")
    elif output_format is EventsFormat.table and page.items:
        render_stored_events(page.items, make_console())
    if empty:
        _err.print(empty, highlight=False, soft_wrap=True)
    if page.next is not None:
        _err.print(f"showing the first {limit} events; raise --limit for more", highlight=False)


class ExportChoice(StrEnum):
    """``sitrep.export.ExportFormat``'s values (a test keeps them equal), without importing it."""

    acled = "acled"
    geojson = "geojson"
    parquet = "parquet"
    jsonl = "jsonl"


@app.command(
    epilog=_examples("export"),
    short_help="Write the stored events as ACLED CSV, GeoJSON, Parquet or JSONL.",
)
def export(
    output: Arg[Path, typer.Option("--output", "-o", help="File to write.")],
    db: DbOption = DEFAULT_DB,
    export_format: Arg[
        ExportChoice | None,
        typer.Option("--format", "-f", help="Default: from the extension of --output."),
    ] = None,
    with_background: Arg[
        bool, typer.Option(help="Put background events (history, running totals) in ACLED CSV.")
    ] = False,
    credit_line: Arg[
        bool, typer.Option(help="Start ACLED CSV with a '# source:' line crediting GeoNames.")
    ] = False,
    per_report: Arg[
        bool,
        typer.Option(help="One row per report of an event, not one per event (its cluster)."),
    ] = False,
    country: CountryOption = None,
    event_type: TypeOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    near: NearOption = None,
    radius: RadiusOption = 25.0,
    actor: ActorOption = None,
    status: StatusOption = None,
    text: TextOption = None,
) -> None:
    """Write the stored events (every one, or those the filters select, as `sitrep events`
    does) as ACLED-compatible CSV, GeoJSON, Parquet or JSON Lines: one row per event, its
    reports' outlets in it, or with --per-report one row per report."""
    from sitrep.export import export_events, with_stored_at
    from sitrep.store import find_events, iter_clusters, iter_events
    from sitrep.store.query import empty_reason

    fmt = _export_format(output, export_format)
    query = _event_query(
        country=country, event_type=event_type, since=since, until=until, near=near,
        radius=radius, actor=actor, status=status, text=text,
    )  # fmt: skip
    with _open_store(db, existing=True) as store:
        rows = iter_events(store, query) if per_report else iter_clusters(store, query)
        events = with_stored_at(store, rows)
        written = export_events(
            events, fmt, output, with_background=with_background, credit_line=credit_line
        )
        matched = written or find_events(store, replace(query, limit=1)).items
        empty = None if matched else empty_reason(store, query)
    _err.print(f"{written} event(s) written to {output}", highlight=False)
    if empty:
        _err.print(empty, highlight=False, soft_wrap=True)


def _export_format(output: Path, given: ExportChoice | None) -> ExportFormat:
    """The format to write ``output`` in, or one error line and exit status 2."""
    from sitrep.export import ExportFormat, format_for

    try:
        return format_for(output, ExportFormat(given.value) if given else None)
    except ExportError as exc:
        _err.print(f"[red]error[/red] {exc}", markup=True, highlight=False, soft_wrap=True)
        raise typer.Exit(code=2) from None


def _open_store(db: str, *, existing: bool = False) -> Store:
    """The store, or one error line and exit status 2. ``existing``: a command that only reads
    never creates one (a mistyped path would read as an empty store)."""
    from sitrep.store import Store, open_existing

    try:
        return open_existing(db) if existing else Store(db)
    except StoreError as exc:
        _err.print(f"[red]error[/red] {exc}", markup=True, highlight=False, soft_wrap=True)
        raise typer.Exit(code=2) from None


# What a "not English" error (sitrep.errors.NotEnglish) starts with, and how to override it.
_NOT_ENGLISH = "not English"
_NOT_ENGLISH_HINT = " (--no-language-check reads it anyway)"


def _print_error(error: InputError | ItemFailure) -> None:
    hint = _NOT_ENGLISH_HINT if error.reason.startswith(_NOT_ENGLISH) else ""
    _err.print(f"[red]error[/red] {error}{hint}", markup=True, highlight=False, soft_wrap=True)


def _near(value: str, radius: float) -> Near:
    """A point from "LAT,LON" or a place name (its most populous namesake)."""
    from sitrep.store import Near

    parts = value.split(",")
    if len(parts) == 2:
        try:
            return Near(float(parts[0]), float(parts[1]), radius)
        except ValueError:
            pass
    candidates = _open_gazetteer().candidates(value, limit=1, skeleton="never")
    if not candidates:
        raise BadFilter(f"no place called {value!r} is known to the gazetteer")
    place = candidates[0]
    return Near(place.lat, place.lon, radius, place=f"{place.name} ({place.country_code})")


def _parse_day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date like 2020-11-08", param_hint=option
        ) from None


@app.command(epilog=_examples("serve"))
def serve(
    db: DbOption = DEFAULT_DB,
    host: Arg[str, typer.Option(help="Address to listen on (0.0.0.0: every interface).")] = (
        "127.0.0.1"
    ),
    port: Arg[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    token: Arg[
        str | None,
        typer.Option(
            envvar="SITREP_TOKEN",
            help="Bearer token that POST /api/v1/articles and the page's upload need; "
            "without one the server takes no writes.",
            show_default=False,
        ),
    ] = None,
    max_upload_bytes: Arg[
        int, typer.Option(help="Refuse an uploaded article larger than this many bytes.", min=1)
    ] = 2_000_000,  # sitrep.serve.DEFAULT_MAX_UPLOAD_BYTES (not imported: FastAPI loads slowly)
    tile_url: Arg[
        str | None,
        typer.Option(
            envvar="SITREP_TILE_URL",
            help="Map tiles, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png; without one "
            "the map draws only the shipped country borders.",
        ),
    ] = None,
    tile_attribution: Arg[
        str | None, typer.Option(help="Credit shown for the tiles (e.g. © OpenStreetMap).")
    ] = None,
    allowed_host: Arg[
        list[str] | None,
        typer.Option(
            help="A name the server answers to besides localhost, 127.0.0.1, ::1 and --host "
            "(repeat for more; * for any): requests giving another Host get 400.",
            show_default=False,
        ),
    ] = None,
    public: Arg[
        bool,
        typer.Option(
            "--public", help="Listen beyond loopback without --token: anyone may read the store."
        ),
    ] = False,
    create: Arg[
        bool,
        typer.Option(
            "--create", help="Start on a new, empty store where --db names none (with --token)."
        ),
    ] = False,
) -> None:
    """Serve the store in the browser and as a REST API. The page shows the events on a map
    and a timeline, with filters and each event's evidence; the API is under /api/v1."""
    import uvicorn

    from sitrep.serve import create_app
    from sitrep.serve.config import check_exposure, served_hosts

    try:
        check_exposure(host, token, public=public)
    except ConfigurationError as exc:
        _err.print(f"[red]error[/red] {exc}", markup=True, highlight=False, soft_wrap=True)
        raise typer.Exit(code=2) from None
    # A store that cannot be opened, or a mistyped path: one error line, exit 2.
    _open_store(db, existing=not create).close()
    hosts = served_hosts(host, allowed_host or [])
    try:
        application = create_app(
            db,
            token,
            max_upload_bytes,
            tile_url,
            tile_attribution=tile_attribution,
            allowed_hosts=hosts,
        )
    except ValueError as exc:  # a token that browsers cannot send
        raise typer.BadParameter(str(exc), param_hint="--token") from None
    _err.print(f"serving {db} at http://{host}:{port}/ to Host {', '.join(hosts)}", highlight=False)
    uvicorn.run(application, host=host, port=port, log_level="warning")


@app.command(epilog=_examples("spark"))
def spark(
    inputs: Arg[
        list[str],
        typer.Argument(
            help="WARC/ARC files and JSON Lines (.jsonl, .ndjson, gzipped or not), directories "
            "or globs of them: local paths or Hadoop URIs (hdfs://, s3a://…).",
            show_default=False,
        ),
    ],
    out: Arg[
        str,
        typer.Option(
            "--out",
            "-o",
            help="Folder or URI for the tables (articles, events, errors, summary); a run "
            "replaces them.",
            show_default=False,
        ),
    ],
    master: Arg[
        str | None,
        typer.Option(
            help="Spark master: local[2], local[*], spark://HOST:7077, yarn… (default: "
            "spark-submit's, else local[*]).",
            show_default=False,
        ),
    ] = None,
    conf: Arg[
        list[str] | None,
        typer.Option(
            "--conf",
            help="A Spark setting KEY=VALUE, e.g. spark.executor.memory=4g (repeatable).",
            show_default=False,
        ),
    ] = None,
    partitions: Arg[
        int | None,
        typer.Option(
            help="Partitions the articles are spread over (default: 4 per core).",
            min=1,
            show_default=False,
        ),
    ] = None,
    published: PublishedOption = None,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    language_check: LanguageCheckOption = True,
    published_from_name: PublishedFromNameOption = False,
    report: Arg[
        Path | None,
        typer.Option(help="Also write the run's summary as JSON to this file.", show_default=False),
    ] = None,
    gazetteer_file: GazetteerOption = None,
) -> None:
    """Process corpora on Apache Spark into Parquet tables. Reads WARC and JSON Lines inputs
    and writes the articles, events and errors as Parquet (docs/spark.md). The exit status is 1
    when any item failed."""
    from sitrep.read import ReadOptions
    from sitrep.scale import run_spark

    options = ReadOptions(
        max_bytes=max_bytes,
        published=_parse_published(published),
        published_from_name=published_from_name,
        check_language=language_check,
    )
    settings = _spark_settings(conf or [])
    use_gazetteer(gazetteer_file)
    try:
        summary = run_spark(
            inputs, out, master=master, conf=settings, options=options, partitions=partitions
        )
    except ConfigurationError as exc:  # no pyspark, no Java
        _err.print(f"[red]error[/red] {exc}", markup=True, highlight=False, soft_wrap=True)
        raise typer.Exit(code=2) from None
    _print_spark_summary(summary)
    if report is not None:
        report.write_text(json.dumps(summary.to_dict(), indent=2) + "\n", encoding="utf-8")
    if summary.totals.errors:
        raise typer.Exit(code=1)


def _spark_settings(values: list[str]) -> dict[str, str]:
    settings: dict[str, str] = {}
    for value in values:
        key, equals, setting = value.partition("=")
        if not equals or not key.strip():
            raise typer.BadParameter(f"{value!r} is not KEY=VALUE", param_hint="--conf")
        settings[key.strip()] = setting
    return settings


# Inputs listed one per row in the summary; more are only totalled (each is in OUT/summary).
_SPARK_INPUT_ROWS = 20


def _print_spark_summary(summary: JobSummary) -> None:
    """The first error lines, a row per input, then the totals, on standard error."""
    for failure in summary.errors:
        _print_error(InputError(failure.item, failure.reason))
    totals = summary.totals
    if totals.errors > len(summary.errors):
        more = totals.errors - len(summary.errors)
        _err.print(f"… and {more} more error(s) in {summary.out}/errors", highlight=False)
    if 1 < len(summary.inputs) <= _SPARK_INPUT_ROWS:
        table = Table("input", "articles", "duplicates", "events", "errors", box=None)
        for name, counts in sorted(summary.inputs.items()):
            numbers = (counts.articles, counts.duplicates, counts.events, counts.errors)
            table.add_row(name, *(str(number) for number in numbers))
        _err.print(table)
    _err.print(
        f"{totals.articles} article(s) written ({totals.events} events) to {summary.out}, "
        f"{totals.duplicates} duplicate text(s), {totals.errors} item(s) failed; "
        f"{summary.seconds:.1f} s",
        highlight=False,
    )
