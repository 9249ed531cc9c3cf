"""Caption separation, datelines and inferred publication dates on the gold wire fixtures.

    python -m bench.captions [--out bench/out]

Scores each fixture set (``tests/fixtures/wire``: development; ``wire_heldout``: written
later, blind to the code) per caption occurrence: precision (no story paragraph taken for a
caption) and recall (no caption left in the story), then dateline and publication-date accuracy.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench.wire import (
    FIXTURE_DIR,
    HELDOUT_DIR,
    CaptionScore,
    dateline_and_date_errors,
    load_fixtures,
    score_document,
)
from sitrep.clean import clean
from sitrep.records import Article

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class SetScore:
    set: str
    texts: int
    caption_occurrences: int
    caption_precision: float
    caption_recall: float
    dateline_accuracy: float
    published_accuracy: float
    errors: list[str]


def score_set(directory: Path) -> SetScore:
    fixtures = load_fixtures(directory)
    captions = CaptionScore()
    datelines = dates = 0
    errors: list[str] = []
    for fixture in fixtures:
        document = clean(Article(text=fixture.text))
        score = score_document(fixture, document)
        captions.true_positive += score.true_positive
        captions.false_positive += score.false_positive
        captions.false_negative += score.false_negative
        errors += score.errors
        wrong = dateline_and_date_errors(fixture, document)
        errors += wrong
        datelines += not any(": dateline " in error for error in wrong)
        dates += not any(": published " in error for error in wrong)
    return SetScore(
        set=directory.name,
        texts=len(fixtures),
        caption_occurrences=captions.true_positive + captions.false_negative,
        caption_precision=captions.precision,
        caption_recall=captions.recall,
        dateline_accuracy=datelines / len(fixtures),
        published_accuracy=dates / len(fixtures),
        errors=errors,
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args(argv)
    results = [score_set(directory) for directory in (FIXTURE_DIR, HELDOUT_DIR)]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "captions.json").write_text(
        json.dumps([asdict(result) for result in results], indent=2) + "\n"
    )

    table = Table(title="Wire fixtures")
    for column in ("set", "texts", "captions", "precision", "recall", "dateline", "published"):
        table.add_column(column, justify="left" if column == "set" else "right")
    for result in results:
        table.add_row(
            result.set,
            str(result.texts),
            str(result.caption_occurrences),
            f"{result.caption_precision:.3f}",
            f"{result.caption_recall:.3f}",
            f"{result.dateline_accuracy:.3f}",
            f"{result.published_accuracy:.3f}",
        )
    console = Console()
    console.print(table)
    for result in results:
        for error in result.errors:
            console.print(f"[red]{error}[/red]", highlight=False)
    console.print(f"written to {args.out / 'captions.json'}")


if __name__ == "__main__":
    main()
