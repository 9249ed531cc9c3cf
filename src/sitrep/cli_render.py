"""Rich tables of an article record, for ``sitrep extract --format table``."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from sitrep.records import ArticleRecord

if TYPE_CHECKING:
    from sitrep.store import StoredEvent

# Width of output to a pipe or a file (a terminal's own width is kept, and so is $COLUMNS):
# rich's 80 would wrap every line longer than that mid-sentence.
PIPED_WIDTH = 160


def make_console(*, stderr: bool = False) -> Console:
    """A console as wide as the terminal, or ``PIPED_WIDTH`` when the output goes elsewhere."""
    console = Console(stderr=stderr)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console.width = PIPED_WIDTH
    return console


def render_table(record: ArticleRecord, console: Console) -> None:
    """Print the article's facts, story, deduplicated captions, places, dates, quotes, events."""
    document = record.document
    text = document.article.text
    console.print(Panel(_facts(record), title=f"article {record.id}", title_align="left"))

    story = _titled("Story")
    story.add_column("#", justify="right", style="dim", no_wrap=True)
    story.add_column("paragraph", ratio=1)
    for number, span in enumerate(document.body, start=1):
        story.add_row(str(number), Text(span.slice(text)))
    console.print(story)

    if document.captions:
        captions = _titled("Captions")
        captions.add_column("×", justify="right", no_wrap=True)
        captions.add_column("date", no_wrap=True)
        captions.add_column("credit", ratio=1)
        captions.add_column("caption", ratio=4)
        for caption in document.captions:
            captions.add_row(
                str(caption.count),
                caption.date.isoformat() if caption.date else "",
                Text(caption.credit or ""),
                Text(caption.text),
            )
        console.print(captions)
    if document.repeated:
        console.print(f"[dim]{len(document.repeated)} repeated story paragraph(s) dropped[/dim]")
    _places(record, console)
    _dates(record, console)
    _quotes(record, console)
    _events(record, console)
    console.print()


def _quotes(record: ArticleRecord, console: Console) -> None:
    if not record.quotes:
        return
    table = _titled("Quotes")
    for column in ("speaker", "title", "channel", "said"):
        table.add_column(column, ratio=3 if column == "said" else 1)
    for quote in record.quotes:
        said = f"“{quote.text}”" if quote.direct else quote.text
        table.add_row(
            Text(quote.speaker or "—"),
            Text(quote.speaker_title or ""),
            Text(quote.channel or ""),
            Text(said),
        )
    console.print(table)


def _events(record: ArticleRecord, console: Console) -> None:
    if not record.events:
        return
    table = _titled("Events")
    for column in ("what", "when", "where", "who → whom", "killed", "according to"):
        table.add_column(column)
    for event in record.events:
        what = event.subtype or event.type
        if event.background:
            what += " (background)"
        actors = " → ".join(a.name for a in (event.actor1, event.actor2) if a) or "—"
        killed = event.fatalities.best if event.fatalities else None
        claim = event.claim
        according = claim.by or claim.status
        if claim.disputed_by:
            according += f" (disputed by {', '.join(claim.disputed_by)})"
        table.add_row(
            Text(what),
            event.date.isoformat() if event.date else "",
            Text(event.location.name or event.location.text if event.location else ""),
            Text(actors),
            "" if killed is None else str(killed),
            Text(according),
        )
    console.print(table)


def _places(record: ArticleRecord, console: Console) -> None:
    """Each distinct place once: where the text names it, what it resolved to, its role."""
    if not record.places:
        return
    table = _titled("Places")
    for column in ("name in text", "×", "place", "kind", "role", "precision", "lat, lon", "why"):
        table.add_column(column, justify="right" if column == "×" else "left")
    seen: dict[tuple[str, str, str | None], int] = {}
    rows: dict[tuple[str, str, str | None], list[str]] = {}
    for place in record.places:
        key: tuple[str, str, str | None] = (place.text, place.role, place.relation)
        seen[key] = seen.get(key, 0) + 1
        if key in rows:
            continue
        where = "" if place.lat is None else f"{place.lat:.3f}, {place.lon:.3f}"
        resolved = f"{place.name} ({place.country})" if place.name else f"— {place.reason}"
        precision = f"{place.precision} ({place.relation})" if place.relation else place.precision
        why = place.reason if place.name else ""
        rows[key] = [
            place.text,
            resolved,
            place.kind or "",
            place.role,
            precision,
            where,
            why or "",
        ]
    for key, row in rows.items():
        table.add_row(Text(row[0]), str(seen[key]), *(Text(cell) for cell in row[1:]))
    console.print(table)


def _dates(record: ArticleRecord, console: Console) -> None:
    if not record.dates:
        return
    table = _titled("Dates")
    for column in ("expression", "in", "value", "precision"):
        table.add_column(column)
    for mention in record.dates:
        if mention.value:
            value = mention.value.isoformat()
            if mention.end_value:
                value += f" to {mention.end_value.isoformat()}"
        else:
            value = mention.duration or f"— {mention.reason}"
        table.add_row(Text(mention.text), mention.segment, value, mention.precision)
    console.print(table)


def _titled(title: str) -> Table:
    """A full-width table with its title on the left, as every section of the output is."""
    return Table(title=title, expand=True, title_justify="left")


def _facts(record: ArticleRecord) -> Group:
    document = record.document
    article = document.article
    dateline = document.dateline
    where = "none"
    if dateline:
        parts = [p for p in (dateline.place, dateline.region, dateline.date_text) if p]
        where = ", ".join(parts) + (f" ({dateline.outlet})" if dateline.outlet else "")
        where += "  [dim]reporting location, not an event place[/dim]"
    published = document.published.isoformat() if document.published else "unknown"
    rows = [
        ("source", Text(article.source.path or article.source.url or "<stdin>", overflow="fold")),
        ("title", Text(article.title or "")),
        ("outlet", Text(document.outlet or "unknown")),
        ("published", Text.from_markup(f"{published}  [dim]({document.published_basis})[/dim]")),
        ("dateline", Text.from_markup(where)),
        (
            "paragraphs",
            Text(f"{len(document.body)} story, {len(document.captions)} distinct captions"),
        ),
    ]
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    for name, value in rows:
        grid.add_row(name, value)
    return Group(grid)


def render_stored_events(events: list[StoredEvent], console: Console) -> None:
    """Events from the store: one row each, with its cluster's status and how many articles
    report it."""
    table = _titled(f"{len(events)} event(s)")
    table.add_column("date", no_wrap=True)
    for column in ("what", "where", "who → whom", "killed", "status", "articles"):
        table.add_column(column)
    for stored in events:
        event, cluster = stored.event, stored.cluster
        location = event.location
        actors = " → ".join(actor.name for actor in (event.actor1, event.actor2) if actor)
        killed = event.fatalities.best if event.fatalities else None
        table.add_row(
            event.date.isoformat() if event.date else "",
            Text(event.subtype or event.type),
            Text((location.name or location.text) if location else ""),
            Text(actors or "—"),
            "" if killed is None else str(killed),
            cluster.status,
            str(len({report.article_id for report in cluster.sources})),
        )
    console.print(table)
