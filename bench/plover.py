"""PLOVER event types against the PLOVER gold standard records (``plover_examples.jsonl``).

    python -m bench.plover [PATH] [--limit N] [--out bench/out]

Each record (one sentence, most from the CAMEO 1.1b3 manual's examples, coded by the Open Event
Data Alliance; CC BY-SA 4.0, read here and never copied) is processed as an article published on
its date; the PLOVER type of its first event that is not background (else its first event) is
compared with the gold ``event_plover_current``. A record with no event counts wrong. Figures:
accuracy over all records, over the statement-like types (all but the violent ASSAULT, PROTEST
and COERCE) and over the violent ones; coverage (the share with any event); per gold type, how
many were right and what they were most often taken for; the same accuracies for a trivial
baseline that gives every record the commonest gold type. The sentences are no tuning split:
the rules are written from the PLOVER and CAMEO verb classes, not from them.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from sitrep.pipeline import process_many
from sitrep.records import Article
from sitrep.resolve.gazetteer import open_gazetteer

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATH = ROOT.parent / "shared" / "eval" / "plover_examples.jsonl"
VIOLENT = frozenset({"ASSAULT", "PROTEST", "COERCE"})
NONE = "none"


@dataclass(slots=True)
class PloverScore:
    """Gold and found PLOVER types, one pair a record (``none``: no event found)."""

    pairs: list[tuple[str, str]] = field(default_factory=list)

    def accuracy(self, subset: frozenset[str] | None = None, *, exclude: bool = False) -> float:
        """Accuracy over the records whose gold type is in ``subset`` (or not, ``exclude``)."""
        chosen = [
            (gold, found)
            for gold, found in self.pairs
            if subset is None or (gold in subset) != exclude
        ]
        return sum(gold == found for gold, found in chosen) / len(chosen) if chosen else 0.0

    def figures(self) -> dict[str, float]:
        n = len(self.pairs) or 1
        return {
            "accuracy": self.accuracy(),
            "statement_accuracy": self.accuracy(VIOLENT, exclude=True),
            "violent_accuracy": self.accuracy(VIOLENT),
            "coverage": sum(found != NONE for _, found in self.pairs) / n,
        }

    def baseline(self) -> PloverScore:
        """Every record given the commonest gold type."""
        majority = Counter(gold for gold, _ in self.pairs).most_common(1)[0][0]
        return PloverScore([(gold, majority) for gold, _ in self.pairs])


def score(path: Path, limit: int | None) -> PloverScore:
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle][:limit]
    articles = [
        Article(
            text=row["text"], published=date.fromisoformat(row["date"]), published_basis="given"
        )
        for row in rows
    ]
    result = PloverScore()
    for row, record in zip(rows, process_many(articles, gazetteer=open_gazetteer()), strict=True):
        events = [e for e in record.events if not e.background] or list(record.events)
        found = (events[0].plover or NONE) if events else NONE
        result.pairs.append((row["events"][0]["event_plover_current"], found))
    return result


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args(argv)
    console = Console()
    if not args.path.exists():
        console.print(f"no gold set at {args.path}: nothing to measure")
        return
    result = score(args.path, args.limit)
    baseline = result.baseline()
    figures, base = result.figures(), baseline.figures()
    by_type: dict[str, dict[str, Any]] = {}
    for gold, count in sorted(Counter(g for g, _ in result.pairs).items()):
        wrong = Counter(f for g, f in result.pairs if g == gold and f != gold)
        by_type[gold] = {
            "records": count,
            "right": sum(1 for g, f in result.pairs if g == gold == f),
            "taken_for": dict(wrong.most_common(3)),
        }
    confusion = Counter(f"{g} -> {f}" for g, f in result.pairs if g != f)
    report = {
        "path": str(args.path),
        "records": len(result.pairs),
        "sitrep": figures,
        "majority_baseline": {"type": baseline.pairs[0][1], **base},
        "by_type": by_type,
        "confusion": dict(confusion.most_common()),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "plover.json").write_text(json.dumps(report, indent=2) + "\n")

    table = Table(title=f"PLOVER types of {len(result.pairs)} gold sentences")
    table.add_column("system")
    for column in ("accuracy", "statement-like", "violent", "coverage"):
        table.add_column(column, justify="right")
    keys = ("accuracy", "statement_accuracy", "violent_accuracy", "coverage")
    table.add_row("sitrep", *(f"{figures[key]:.3f}" for key in keys))
    table.add_row(f"majority ({baseline.pairs[0][1]})", *(f"{base[key]:.3f}" for key in keys))
    console.print(table)
    types = Table(title="By gold type")
    for column in ("gold", "records", "right", "most often taken for"):
        types.add_column(column, justify="left" if column != "records" else "right")
    for gold, row in by_type.items():
        taken = ", ".join(f"{found} {n}" for found, n in row["taken_for"].items())
        types.add_row(gold, str(row["records"]), str(row["right"]), taken)
    console.print(types)
    for pair, count in confusion.most_common(10):
        console.print(f"{count:5d}  {pair}", highlight=False)
    console.print(f"written to {args.out / 'plover.json'}")


if __name__ == "__main__":
    main()
