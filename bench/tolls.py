"""The toll reader against gold sentences: exact best, exact best/low/high, and false counts.

    python -m bench.tolls [--out bench/out]

Gold: ``tests/fixtures/tolls.jsonl`` (development) and ``tests/fixtures/tolls_heldout.jsonl``
(written later, blind to the code). A sentence counts as exact when every kind (killed,
wounded, missing, detained, displaced) matches: no count where gold has none, and the same
figure where it has one. "False counts" are counts read where gold has none (a date, an age or
a unit number read as a toll).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from sitrep.extract import read_toll
from sitrep.records import Count, TollKind

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SETS = {"dev": FIXTURES / "tolls.jsonl", "heldout": FIXTURES / "tolls_heldout.jsonl"}
KINDS: tuple[TollKind, ...] = ("killed", "wounded", "missing", "detained", "displaced")


@dataclass(slots=True)
class TollScore:
    set: str
    sentences: int = 0
    exact_best: int = 0
    exact_all: int = 0
    killed_gold: int = 0
    killed_exact_best: int = 0
    false_counts: int = 0
    errors: list[str] = field(default_factory=list)


def load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _figures(count: Count | None) -> dict[str, int | None] | None:
    return None if count is None else {"best": count.best, "low": count.low, "high": count.high}


def score(name: str, items: list[dict[str, Any]]) -> TollScore:
    result = TollScore(name)
    for item in items:
        toll = read_toll(item["sentence"])
        best_ok = all_ok = True
        for kind in KINDS:
            gold, found = item[kind], _figures(toll.get(kind))
            if gold is None and found is not None:
                result.false_counts += 1
            if (gold is None) != (found is None) or (
                gold and found and gold["best"] != found["best"]
            ):
                best_ok = False
            if gold != found:
                all_ok = False
                result.errors.append(
                    f"{item['id']} {kind}: gold {gold}, read {found}: {item['sentence']}"
                )
        if item["killed"] is not None:
            result.killed_gold += 1
            found_killed = _figures(toll.get("killed"))
            result.killed_exact_best += bool(
                found_killed and found_killed["best"] == item["killed"]["best"]
            )
        result.sentences += 1
        result.exact_best += best_ok
        result.exact_all += all_ok
    return result


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args(argv)
    results = [score(name, load(path)) for name, path in SETS.items() if path.exists()]

    sentences = [item["sentence"] for path in SETS.values() if path.exists() for item in load(path)]
    start = time.perf_counter()
    rounds = 0
    while time.perf_counter() - start < 2.0:
        for sentence in sentences:
            read_toll(sentence)
        rounds += 1
    per_second = rounds * len(sentences) / (time.perf_counter() - start)

    args.out.mkdir(parents=True, exist_ok=True)
    report = {"sets": [asdict(r) for r in results], "sentences_per_second": per_second}
    (args.out / "tolls.json").write_text(json.dumps(report, indent=2) + "\n")
    table = Table(title="Toll reader")
    for column in (
        "set",
        "sentences",
        "exact best",
        "exact best/low/high",
        "killed exact best",
        "false counts",
    ):
        table.add_column(column, justify="left" if column == "set" else "right")
    for r in results:
        table.add_row(
            r.set,
            str(r.sentences),
            f"{r.exact_best / r.sentences:.3f}",
            f"{r.exact_all / r.sentences:.3f}",
            f"{r.killed_exact_best}/{r.killed_gold}",
            str(r.false_counts),
        )
    console = Console()
    console.print(table)
    for r in results:
        for error in r.errors:
            console.print(f"[red]{r.set}[/red] {error}", highlight=False)
    console.print(f"{per_second:,.0f} sentences/s; written to {args.out / 'tolls.json'}")


if __name__ == "__main__":
    main()
