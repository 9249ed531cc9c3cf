"""False events on published articles that report no armed conflict.

    python -m bench.quiet_news [--corpus PATH.jsonl] [--list] [--out bench/out]

The default corpus is the shared Wikinews set (``../shared/corpus``): 150 articles on business
and technology (airliners, car makers, stock markets, a phone maker), none of them about armed
conflict, each with its own publication date. Every current ACLED-typed event sitrep finds in
them is a false one: a month read as a march, a product "demonstrated" as a protest, a
"strike" price. Reported: events per ten articles and the share of articles with any (the
event issue's budget for articles with no event: at most one in ten); statements and
background events apart, since they are not drawn or exported as ACLED events. ``--list``
prints each false event's type and sentence.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table

from sitrep.pipeline import process_many
from sitrep.read.sources import read_file
from sitrep.records import Article, ArticleRecord
from sitrep.resolve.gazetteer import open_gazetteer

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "wikinews_en_newsreader.jsonl"


def counts(record: ArticleRecord) -> tuple[int, int, int]:
    """Current ACLED-typed events, background events and statements of one article."""
    current = background = statements = 0
    for event in record.events:
        if event.type == "statement":
            statements += 1
        elif event.background:
            background += 1
        else:
            current += 1
    return current, background, statements


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--list", action="store_true", help="print each false event")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args(argv)
    console = Console()
    if not args.corpus.exists():
        console.print(f"no corpus at {args.corpus}: nothing to measure")
        return
    articles = [a for a in read_file(args.corpus) if isinstance(a, Article)]
    totals = [0, 0, 0]
    with_events = 0
    for record in process_many(articles, gazetteer=open_gazetteer()):
        found = counts(record)
        totals = [total + count for total, count in zip(totals, found, strict=True)]
        with_events += found[0] > 0
        if args.list:
            text = record.document.article.text
            for event in record.events:
                if event.type != "statement" and not event.background:
                    span = event.evidence[0]
                    where = record.document.article.source.path
                    console.print(f"{where}\t{event.subtype}\t{text[span.start : span.end]}")
    figures = {
        "articles": len(articles),
        "articles with a current event": with_events,
        "current events per 10 articles": round(10 * totals[0] / max(len(articles), 1), 2),
        "current events": totals[0],
        "background events": totals[1],
        "statements": totals[2],
    }
    table = Table(title=f"Articles reporting no conflict ({args.corpus.name})")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for name, value in figures.items():
        table.add_row(name, str(value))
    console.print(table)
    args.out.mkdir(parents=True, exist_ok=True)
    out = args.out / "quiet_news.json"
    out.write_text(json.dumps({"corpus": str(args.corpus), **figures}, indent=2) + "\n")


if __name__ == "__main__":
    main()
