"""Quotation and attribution extraction against PolNeAR (political news, attribution relations).

    python -m bench.quotes [--split test] [--eval-dir ../shared/eval/quotes] [--out bench/out]

Each gold relation's content is the stretch from its first to its last content piece. A found
quote matches a gold relation when their contents overlap; precision is over found quotes,
recall over gold relations (direct ones, with quotation marks, reported apart). Speaker accuracy:
among matched pairs whose gold relation names a source, the share whose speaker span overlaps it
(PolNeAR marks the source as written, a pronoun included).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from sitrep.annotate import annotate
from sitrep.clean import clean
from sitrep.extract.quotes import extract_quotes
from sitrep.records import Article

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EVAL = ROOT.parent / "shared" / "eval" / "quotes"


@dataclass(slots=True)
class QuoteScore:
    split: str
    found: int = 0
    found_matched: int = 0
    gold: int = 0
    gold_matched: int = 0
    gold_direct: int = 0
    gold_direct_matched: int = 0
    with_source: int = 0
    source_correct: int = 0

    def figures(self) -> dict[str, float]:
        precision = self.found_matched / self.found if self.found else 0.0
        recall = self.gold_matched / self.gold if self.gold else 0.0
        total = precision + recall
        return {
            "precision": precision,
            "recall": recall,
            "f1": 2 * precision * recall / total if total else 0.0,
            "direct_recall": self.gold_direct_matched / self.gold_direct
            if self.gold_direct
            else 0.0,
            "speaker_accuracy": self.source_correct / self.with_source if self.with_source else 0.0,
        }


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(path: Path, split: str) -> QuoteScore:
    result = QuoteScore(split)
    with path.open(encoding="utf-8") as handle:
        documents = [json.loads(line) for line in handle]
    for document in (d for d in documents if d["split"] == split):
        annotated = annotate(clean(Article(text=document["text"])))
        found = extract_quotes(annotated)
        gold = [g for g in document["quotes"] if g["content"]]
        spans = [(min(p[0] for p in g["content"]), max(p[1] for p in g["content"])) for g in gold]
        result.found += len(found)
        result.gold += len(gold)
        result.found_matched += sum(
            any(_overlaps((q.start, q.end), span) for span in spans) for q in found
        )
        for relation, span in zip(gold, spans, strict=True):
            matches = [q for q in found if _overlaps((q.start, q.end), span)]
            result.gold_matched += bool(matches)
            result.gold_direct += relation["is_direct"]
            result.gold_direct_matched += relation["is_direct"] and bool(matches)
            if matches and relation["source"]:
                result.with_source += 1
                speaker = matches[0].speaker_span
                result.source_correct += speaker is not None and any(
                    _overlaps((speaker.start, speaker.end), (a, b)) for a, b in relation["source"]
                )
    return result


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--split", choices=("dev", "test"), default="test")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args(argv)
    console = Console()
    path = args.eval_dir / "polnear_dev_test.jsonl"
    if not path.exists():
        console.print(f"no gold set at {path}: nothing to measure")
        return
    result = score(path, args.split)
    figures = result.figures()
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"quotes_{args.split}.json").write_text(
        json.dumps({**asdict(result), **figures}, indent=2) + "\n"
    )
    table = Table(title=f"PolNeAR {args.split}: attribution relations")
    for column in ("found", "gold", "precision", "recall", "F1", "direct recall", "speaker acc."):
        table.add_column(column, justify="right")
    table.add_row(
        str(result.found),
        str(result.gold),
        *(f"{figures[k]:.3f}" for k in ("precision", "recall", "f1", "direct_recall",
                                          "speaker_accuracy")),
    )  # fmt: skip
    console.print(table)


if __name__ == "__main__":
    main()
