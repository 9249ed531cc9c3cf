"""Event typing against the CASE 2021 shared task 2 snippets (fine-grained ACLED sub-event types).

    python -m bench.case2021 [--split test] [--eval-dir ../shared/eval]

Sub-task 1: the 25 ACLED classes (records whose label maps to an ACLED sub-event type). Each
snippet is typed three ways, on its words alone: as the extractor types a sentence
(``sitrep.extract.events.classify``: the rules weighed against the learned model; a snippet it
leaves untyped counts against its class), by the learned model's most probable of the 25
classes (the task as its organisers set it: every snippet has a class), and by the rules
alone. Weighted F1 as the task defines it (per-class F1 weighted by the number of gold
snippets of the class).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console

from sitrep.extract.events import classify
from sitrep.extract.events.classifier import type_model
from sitrep.extract.events.rules import acled_act
from sitrep.records import ACLED_SUBTYPES

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EVAL = ROOT.parent / "shared" / "eval"


def weighted_f1(pairs: list[tuple[str, str]]) -> tuple[float, float]:
    """Weighted F1 and accuracy of (gold, predicted) label pairs."""
    gold_counts = Counter(gold for gold, _ in pairs)
    predicted_counts = Counter(predicted for _, predicted in pairs)
    hits = Counter(gold for gold, predicted in pairs if gold == predicted)
    total = 0.0
    for label, support in gold_counts.items():
        precision = hits[label] / predicted_counts[label] if predicted_counts[label] else 0.0
        recall = hits[label] / support
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        total += f1 * support
    return total / len(pairs), sum(hits.values()) / len(pairs)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--split", choices=("dev", "test"), default="test")
    args = parser.parse_args(argv)
    console = Console()
    path = args.eval_dir / "case2021_task2_test.jsonl"
    if not path.exists():
        console.print(f"no gold set at {path}: nothing to measure")
        return
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    rows = [r for r in rows if r["split"] == args.split and r["acled_sub_event_type"]]
    model = type_model()
    subtypes = frozenset(ACLED_SUBTYPES)
    ways: dict[str, list[tuple[str, str]]] = {
        "extractor": [],
        "model, best of 25": [],
        "rules alone": [],
    }
    for row in rows:
        gold, text = row["acled_sub_event_type"], row["text"]
        found = classify(text)
        act = acled_act(text)
        ways["extractor"].append((gold, (found[0] if found else None) or "none"))
        ways["model, best of 25"].append((gold, model.best(text, among=subtypes)[0]))
        ways["rules alone"].append((gold, (act.rule.subtype if act else None) or "none"))
    console.print(f"CASE 2021 task 2, sub-task 1 ({args.split}): {len(rows)} snippets")
    for name, pairs in ways.items():
        f1, accuracy = weighted_f1(pairs)
        console.print(
            f"  {name}: weighted F1 {f1:.3f}, accuracy {accuracy:.3f}, "
            f"untyped {sum(p == 'none' for _, p in pairs)}",
            highlight=False,
        )
    mistakes = Counter(p for p in ways["extractor"] if p[0] != p[1])
    for (gold, predicted), count in mistakes.most_common(10):
        console.print(f"{count:4d}  {gold} -> {predicted}", highlight=False)


if __name__ == "__main__":
    main()
