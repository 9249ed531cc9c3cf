"""``sitrep gazetteer``: import GeoNames' dumps, show which gazetteer is in use, rebuild the
built one. Thin adapters over ``sitrep.resolve.gazetteer`` (docs/gazetteer.md)."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Annotated as Arg

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from sitrep.errors import GazetteerError
from sitrep.resolve.gazetteer import (
    GAZETTEER_VARIABLE,
    ImportReport,
    build_gazetteer,
    default_path,
    import_geonames,
    load_gazetteer,
    select_gazetteer,
)

__all__ = ["GazetteerOption", "app", "use_gazetteer"]

app = typer.Typer(
    help="The place gazetteer: import GeoNames' dump files, show which file is in use, "
    "rebuild the built one (docs/gazetteer.md).",
    no_args_is_help=True,
)
_err = Console(stderr=True)

# The option of the commands that read articles (extract, ingest, spark).
GazetteerOption = Arg[
    Path | None,
    typer.Option(
        "--gazetteer",
        help="Gazetteer file to use (one `sitrep gazetteer import` wrote), instead of "
        "$SITREP_GAZETTEER, the imported one in the cache dir or the built one.",
        exists=True,
        dir_okay=False,
        show_default=False,
    ),
]


def use_gazetteer(path: Path | None) -> None:
    """Make ``path`` the gazetteer of this process and of the worker processes and local Spark
    executors it starts (they inherit ``$SITREP_GAZETTEER``)."""
    if path is not None:
        os.environ[GAZETTEER_VARIABLE] = str(path.resolve())


def _fail(exc: GazetteerError) -> typer.Exit:
    _err.print(f"[red]error[/red] {exc}", markup=True, highlight=False, soft_wrap=True)
    return typer.Exit(code=2)


def _import_progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[rows]:,} rows, {task.fields[rate]:,.0f} rows/s"),
        TextColumn("{task.fields[bad]:,} bad lines"),
        TimeElapsedColumn(),
        console=_err,
        disable=not _err.is_terminal,
    )


def _print_import(report: ImportReport) -> None:
    for source in report.sources:
        if source.bad:
            _err.print(
                f"{source.file}: {source.bad:,} bad line(s) skipped: {source.bad_lines}",
                highlight=False,
                soft_wrap=True,
            )
    if report.admin_areas_without_place:
        _err.print(
            f"{report.admin_areas_without_place:,} admin area(s) of the code files have no row "
            "in the dumps or the built gazetteer (no point to give them): left out",
            highlight=False,
        )
    bad = sum(source.bad for source in report.sources)
    _err.print(
        f"{report.places:,} places ({report.names:,} name keys) from {len(report.sources)} "
        f"file(s) imported into {report.path} in {report.seconds:.0f} s; {bad:,} bad line(s)",
        highlight=False,
    )


@app.command("import")
def import_command(
    files: Arg[
        list[Path],
        typer.Argument(
            help="GeoNames dump files as downloaded, zipped or not: allCountries.zip, XX.zip, "
            "cities500.zip, alternateNamesV2.zip, admin1CodesASCII.txt, admin2Codes.txt, "
            "countryInfo.txt.",
            exists=True,
            dir_okay=False,
            show_default=False,
        ),
    ],
    output: Arg[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="File to write (default: the imported gazetteer in the cache dir, which "
            "every command then uses).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Import GeoNames' dump files (give them all at once) into a gazetteer, layered on the built
    one. The previous file stays in place until the import is complete."""
    try:
        with _err.status("opening the built gazetteer (building it first if needed)"):
            base = load_gazetteer()
        tasks: dict[str, TaskID] = {}
        started: dict[str, float] = {}
        with _import_progress() as progress:

            def report(stage: str, rows: int, bad: int, done: int, total: int | None) -> None:
                if stage not in tasks:
                    tasks[stage] = progress.add_task(stage, total=total, rows=0, rate=0.0, bad=0)
                    started[stage] = time.monotonic()
                rate = rows / max(time.monotonic() - started[stage], 1e-9)
                progress.update(tasks[stage], completed=done, rows=rows, rate=rate, bad=bad)

            result = import_geonames(files, path=output, base=base, progress=report)
    except GazetteerError as exc:
        raise _fail(exc) from None
    _print_import(result)


@app.command()
def info(
    gazetteer: Arg[
        Path | None,
        typer.Option(
            "--gazetteer", help="Describe this file instead of the one in use.", show_default=False
        ),
    ] = None,
) -> None:
    """Which gazetteer file is in use and why, what it was made from, its size and counts."""
    path, choice = select_gazetteer(gazetteer)
    typer.echo(f"gazetteer: {path} ({_WHY[choice]})")
    if not path.is_file():
        typer.echo("not built yet: it is built on first use, or by `sitrep gazetteer build`")
        return
    try:
        opened = load_gazetteer(path, build=False)
    except GazetteerError as exc:
        if choice != "built":
            raise _fail(exc) from None
        typer.echo(f"{exc}: it is rebuilt on next use, or by `sitrep gazetteer build`")
        return
    meta = opened.meta
    made = meta.get("imported_at") or meta.get("built_at", "?")
    kind = "imported from GeoNames dumps" if opened.imported else "built from PyPI packages"
    typer.echo(f"{kind} at {made}")
    typer.echo(
        f"places: {int(meta.get('places', 0)):,}  name keys: {int(meta.get('names', 0)):,}  "
        f"size: {path.stat().st_size / 2**20:,.1f} MB"
    )
    typer.echo(f"checksum: {opened.checksum}")
    for source in json.loads(meta.get("sources", "[]")):
        latest = (
            f", rows changed up to {source['latest_change']}" if source["latest_change"] else ""
        )
        typer.echo(
            f"  {source['file']}: {source['kind']}, {source['size'] / 2**20:,.1f} MB, file dated "
            f"{source['modified']}{latest}, {source['rows']:,} lines, {source['kept']:,} kept, "
            f"{source['bad']:,} bad, sha256 {source['sha256'][:16]}…"
        )
    if "base" in meta:
        typer.echo(f"  layered on the built gazetteer {meta['base']}")
    if "fingerprint" in meta and not opened.imported:
        packages = json.loads(meta["fingerprint"]).get("packages", {})
        typer.echo("  " + ", ".join(f"{name} {version}" for name, version in packages.items()))


_WHY = {
    "given": "named by --gazetteer",
    "SITREP_GAZETTEER": f"named by ${GAZETTEER_VARIABLE}",
    "imported": "imported with `sitrep gazetteer import`",
    "built": "the built default",
}


@app.command()
def build() -> None:
    """(Re)build the built gazetteer from the installed PyPI packages and the curated table
    (about 30 s). An imported gazetteer, when there is one, stays the one in use."""
    path = default_path()
    try:
        with _err.status("building the gazetteer") as status:
            report = build_gazetteer(
                path,
                progress=lambda stage, done, total: status.update(
                    f"building the gazetteer: {stage} ({done}/{total})"
                ),
            )
    except OSError as exc:
        raise _fail(GazetteerError(f"cannot write the gazetteer at {path} ({exc})")) from None
    except GazetteerError as exc:
        raise _fail(exc) from None
    _err.print(
        f"{report.places:,} places ({report.names:,} name keys) built into {path} in "
        f"{report.seconds:.0f} s",
        highlight=False,
    )
