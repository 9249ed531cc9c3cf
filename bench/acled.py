"""Events against ACLED's own coding of its event descriptions (``acled_notes.jsonl``).

    python -m bench.acled [--split test] [--eval-dir ../shared/eval] [--limit N]

Each ACLED note is processed as an article; its first event that is not background is compared
with ACLED's coding: event type, sub-event type, date, place within 25 km of ACLED's point,
fatalities where ACLED gives them (no count read is 0), and actor kinds (ACLED's inter codes:
1 state forces or police, 2 rebels, 3-4 militias, 5 rioters, 6 protesters, 7 civilians,
8 external), over the actor slots ACLED fills. A note with no event counts wrong everywhere.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.table import Table

from sitrep.pipeline import process
from sitrep.records import Actor, Article
from sitrep.resolve.gazetteer import open_gazetteer
from sitrep.resolve.geometry import haversine_km

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EVAL = ROOT.parent / "shared" / "eval"
TYPES = {
    "Battles": "battles",
    "Explosions/Remote violence": "explosions_remote_violence",
    "Violence against civilians": "violence_against_civilians",
    "Protests": "protests",
    "Riots": "riots",
    "Strategic developments": "strategic_developments",
}
INTER = {
    "state_forces": {1}, "police": {1}, "government": {1}, "rebels": {2}, "militia": {3, 4},
    "rioters": {5}, "protesters": {6}, "civilians": {7}, "external": {8},
    # An unidentified armed group is ACLED's political militia (inter 3).
    "unknown": {3},
}  # fmt: skip


@dataclass(slots=True)
class AcledScore:
    split: str
    notes: int = 0
    no_event: int = 0
    type_ok: int = 0
    subtype_ok: int = 0
    date_ok: int = 0
    place_ok: int = 0
    with_toll: int = 0
    toll_ok: int = 0
    actor_slots: int = 0
    actor_ok: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    def figures(self) -> dict[str, float]:
        n = self.notes or 1
        return {
            "type": self.type_ok / n,
            "subtype": self.subtype_ok / n,
            "date": self.date_ok / n,
            "place_25km": self.place_ok / n,
            "toll": self.toll_ok / self.with_toll if self.with_toll else float("nan"),
            "actor_kind": self.actor_ok / self.actor_slots if self.actor_slots else float("nan"),
        }


def _actor_ok(actor: Actor | None, inter: int | None) -> bool:
    return actor is not None and inter in INTER.get(actor.kind, set())


def score(path: Path, split: str, limit: int | None) -> AcledScore:
    result = AcledScore(split)
    gazetteer = open_gazetteer()
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    rows = [row for row in rows if row["split"] == split][:limit]
    for row in rows:
        record = process(Article(text=row["notes"]), gazetteer=gazetteer)
        events = [e for e in record.events if not e.background] or list(record.events)
        result.notes += 1
        if not events:
            result.no_event += 1
            result.with_toll += row["fatalities"] is not None
            result.actor_slots += bool(row["inter1"]) + bool(row["inter2"])
            result.confusion[(row["sub_event_type"], "none")] += 1
            continue
        event = events[0]
        result.type_ok += event.type == TYPES[row["event_type"]]
        result.subtype_ok += event.subtype == row["sub_event_type"]
        result.confusion[(row["sub_event_type"], event.subtype or event.type)] += 1
        result.date_ok += event.date == date.fromisoformat(row["event_date"])
        place = event.location
        if place is not None and place.lat is not None and place.lon is not None:
            distance = haversine_km(place.lat, place.lon, row["latitude"], row["longitude"])
            result.place_ok += distance <= 25
        if row["fatalities"] is not None:
            result.with_toll += 1
            best = event.fatalities.best if event.fatalities else None
            result.toll_ok += (best or 0) == row["fatalities"]
        for actor, inter in ((event.actor1, row["inter1"]), (event.actor2, row["inter2"])):
            if inter:
                result.actor_slots += 1
                result.actor_ok += _actor_ok(actor, inter)
    return result


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--split", choices=("dev", "test"), default="test")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args(argv)
    console = Console()
    path = args.eval_dir / "acled_notes.jsonl"
    if not path.exists():
        console.print(f"no gold set at {path}: nothing to measure")
        return
    result = score(path, args.split, args.limit)
    figures = result.figures()
    args.out.mkdir(parents=True, exist_ok=True)
    confusion = {f"{gold} -> {found}": n for (gold, found), n in result.confusion.items()}
    report = {**asdict(result), "confusion": confusion, **figures}
    (args.out / f"acled_{args.split}.json").write_text(json.dumps(report, indent=2) + "\n")
    title = f"ACLED notes ({args.split}): {result.notes}, {result.no_event} with no event found"
    table = Table(title=title)
    for column in ("type", "subtype", "date", "place ≤25 km", "toll", "actor kind"):
        table.add_column(column, justify="right")
    keys = ("type", "subtype", "date", "place_25km", "toll", "actor_kind")
    table.add_row(*(f"{figures[key]:.3f}" for key in keys))
    console.print(table)
    for (gold, found), count in result.confusion.most_common(12):
        if gold != found:
            console.print(f"{count:5d}  {gold} -> {found}", highlight=False)


if __name__ == "__main__":
    main()
