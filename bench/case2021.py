"""Event typing against the CASE 2021 shared task 2 snippets (fine-grained ACLED sub-event types).

    python -m bench.case2021 [--split test] [--eval-dir ../shared/eval] [--per-class]

Sub-task 1: the 25 ACLED classes (records whose label maps to an ACLED sub-event type). Each
snippet is typed three ways, on its words alone: as the extractor types a sentence
(``sitrep.extract.events.classify``: the rules weighed against the learned model; a snippet it
leaves untyped counts against its class), by the learned model's most probable of the 25
classes (the task as its organisers set it: every snippet has a class), and by the rules
alone. Weighted F1 as the task defines it (per-class F1 weighted by the number of gold
snippets of the class). ``--per-class`` adds each class's support, recall and F1 for the
extractor and the model, and the model's commonest confusions (figures only, no snippet).
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


def per_class(pairs: list[tuple[str, str]]) -> dict[str, tuple[int, float, float]]:
    """Each gold class's support, recall and F1 among (gold, predicted) pairs."""
    gold_counts = Counter(gold for gold, _ in pairs)
    predicted_counts = Counter(predicted for _, predicted in pairs)
    hits = Counter(gold for gold, predicted in pairs if gold == predicted)
    figures = {}
    for label, support in gold_counts.items():
        precision = hits[label] / predicted_counts[label] if predicted_counts[label] else 0.0
        recall = hits[label] / support
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        figures[label] = (support, recall, f1)
    return figures


def print_per_class(console: Console, ways: dict[str, list[tuple[str, str]]]) -> None:
    """Support, recall and F1 of each class, the extractor beside the model, weakest first."""
    extractor = per_class(ways["extractor"])
    model = per_class(ways["model, best of 25"])
    console.print("  support  extractor R / F1   model R / F1   class", highlight=False)
    for label in sorted(model, key=lambda name: (model[name][2], name)):
        support, recall, f1 = extractor[label]
        _, model_recall, model_f1 = model[label]
        console.print(
            f"  {support:7d}  {recall:5.2f} / {f1:4.2f}     {model_recall:5.2f} / {model_f1:4.2f}"
            f"    {label}",
            highlight=False,
        )
    confusions = Counter(p for p in ways["model, best of 25"] if p[0] != p[1])
    console.print("the model's commonest confusions:", highlight=False)
    for (gold, predicted), count in confusions.most_common(15):
        console.print(f"{count:4d}  {gold} -> {predicted}", highlight=False)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--split", choices=("dev", "test"), default="test")
    parser.add_argument("--per-class", action="store_true", help="each class's figures")
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
    if args.per_class:
        print_per_class(console, ways)


if __name__ == "__main__":
    main()
