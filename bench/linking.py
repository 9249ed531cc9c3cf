"""Linking: pairwise precision and recall of event clusters on the composed linking corpus.

    python -m bench.linking [--split dev|test] [--corpus examples/corpus] [--out bench/out]

The corpus (``examples/corpus``, composed for the project, CC0) holds articles written in pairs
and triples about the same events, with a gold cluster per (article, event) in ``gold.jsonl``.
Each article is processed (publication date from its file name) and stored; the store links.

Each gold event is matched to the article's stored event that reports it: not background, a
linkable type, dated within a day and placed within 25 km of the gold point (or at a region
holding it); one of a type compatible with the gold type first, then the nearest in date, then
in distance, and a stored event matches at most one gold event. Figures:

- **end to end**: pairs of gold events in different articles that share a gold cluster, and
  pairs of matched stored events that share a store cluster. Precision counts predicted pairs
  that are gold pairs; recall counts gold pairs whose matched events were linked (a gold event
  with no match loses its pairs);
- **rules alone**: ``sitrep.link.same_event`` run on the gold events themselves (clustered by
  single link), which separates the linking rules from extraction errors;
- **status**: for gold clusters with a claim, denial or confirmation, whether the store
  cluster's status is the gold one (confirmed > disputed > claimed > reported).
"""

from __future__ import annotations

import argparse
import itertools
import json
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from sitrep.link import LINK_KM, EventFacts, same_event
from sitrep.link.rules import compatible_types
from sitrep.pipeline import process
from sitrep.records import Article, Source
from sitrep.resolve.geometry import haversine_km
from sitrep.store import EventQuery, Store, iter_events

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / "examples" / "corpus"
_STATUS_BY_STANCE = (("confirms", "confirmed"), ("denies", "disputed"), ("asserts", "claimed"))


@dataclass(frozen=True, slots=True)
class Gold:
    key: int
    file: str
    cluster: str
    type: str
    date: date
    lat: float
    lon: float
    country: str
    stance: str


def load_gold(folder: Path) -> list[Gold]:
    with (folder / "gold.jsonl").open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [
        Gold(
            key=n,
            file=row["file"],
            cluster=row["cluster"],
            type=row["type"],
            date=date.fromisoformat(row["date"]),
            lat=row["lat"],
            lon=row["lon"],
            country=row["country"],
            stance=row["stance"],
        )
        for n, row in enumerate(rows)
    ]


def ingest_folder(folder: Path, store: Store) -> dict[str, str]:
    """Process and store every article; returns article id by file name."""
    ids = {}
    for path in sorted(folder.glob("*.txt")):
        published = date.fromisoformat(path.stem.rsplit("_", 1)[1])
        article = Article(
            text=path.read_text(encoding="utf-8"),
            source=Source(path=path.name),
            published=published,
            published_basis="given",
        )
        record = process(article).to_dict()
        store.add(record)
        ids[path.name] = record["article"]["id"]
    return ids


def _distance(gold: Gold, event: dict[str, Any]) -> float | None:
    location = event.get("location") or {}
    if location.get("lat") is None:
        return None
    return haversine_km(gold.lat, gold.lon, location["lat"], location["lon"])


def match(golds: list[Gold], events: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """Gold key -> the stored event of the same article that reports it."""
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event in events:
        by_article[event["article_id"]].append(event)
    matched: dict[int, dict[str, Any]] = {}
    used: set[str] = set()
    options = []
    for gold in golds:
        for event in by_article.get(gold.file, []):
            facts = EventFacts.of(event, event["article_id"])
            distance = _distance(gold, event)
            if not facts.linkable or facts.date is None or distance is None:
                continue
            days = abs((facts.date - gold.date).days)
            if days <= 1 and distance <= LINK_KM:
                other_type = not compatible_types(facts.type, gold.type)
                options.append((other_type, days, distance, gold.key, event))
    for *_, key, event in sorted(options, key=lambda o: o[:3]):
        if key not in matched and event["id"] not in used:
            matched[key] = event
            used.add(event["id"])
    return matched


def _gold_pairs(golds: list[Gold]) -> set[tuple[int, int]]:
    return {
        (a.key, b.key)
        for a, b in itertools.combinations(golds, 2)
        if a.cluster == b.cluster and a.file != b.file
    }


def _scores(predicted: set[tuple[int, int]], gold: set[tuple[int, int]]) -> dict[str, float]:
    hits = len(predicted & gold)
    precision = hits / len(predicted) if predicted else 1.0
    recall = hits / len(gold) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "predicted_pairs": len(predicted),
        "gold_pairs": len(gold),
    }


def end_to_end(golds: list[Gold], matched: dict[int, dict[str, Any]]) -> dict[str, float]:
    predicted = {
        (a.key, b.key)
        for a, b in itertools.combinations(golds, 2)
        if a.file != b.file
        and a.key in matched
        and b.key in matched
        and matched[a.key]["cluster"]["id"] == matched[b.key]["cluster"]["id"]
    }
    return _scores(predicted, _gold_pairs(golds))


def rules_alone(golds: list[Gold]) -> dict[str, float]:
    facts = {gold.key: _gold_facts(gold) for gold in golds}
    parent = {gold.key: gold.key for gold in golds}

    def root(key: int) -> int:
        while parent[key] != key:
            key = parent[key]
        return key

    for a, b in itertools.combinations(golds, 2):
        if same_event(facts[a.key], facts[b.key]):
            parent[root(a.key)] = root(b.key)
    predicted = {
        (a.key, b.key)
        for a, b in itertools.combinations(golds, 2)
        if a.file != b.file and root(a.key) == root(b.key)
    }
    return _scores(predicted, _gold_pairs(golds))


def _gold_facts(gold: Gold) -> EventFacts:
    return EventFacts(
        id=str(gold.key),
        article_id=gold.file,
        type=gold.type,
        subtype=None,
        date=gold.date,
        date_precision="day",
        lat=gold.lat,
        lon=gold.lon,
        country=gold.country,
        admin1=None,
        precision="exact",
        actors=frozenset(),
        actor_count=0,
        background=False,
    )


def status_accuracy(golds: list[Gold], matched: dict[int, dict[str, Any]]) -> dict[str, Any]:
    clusters: dict[str, list[Gold]] = defaultdict(list)
    for gold in golds:
        clusters[gold.cluster].append(gold)
    rows = []
    for cluster, members in sorted(clusters.items()):
        stances = {gold.stance for gold in members}
        if stances <= {"reports"}:
            continue
        expected = next(status for stance, status in _STATUS_BY_STANCE if stance in stances)
        found = {matched[g.key]["cluster"]["status"] for g in members if g.key in matched}
        rows.append({"cluster": cluster, "gold": expected, "found": sorted(found)})
    correct = sum(row["found"] == [row["gold"]] for row in rows)
    return {"clusters": len(rows), "correct": correct, "rows": rows}


def run(folder: Path) -> dict[str, Any]:
    golds = load_gold(folder)
    with tempfile.TemporaryDirectory() as temporary, Store(f"{temporary}/link.db") as store:
        ids = ingest_folder(folder, store)
        file_of = {article_id: name for name, article_id in ids.items()}
        events = [
            {**event, "article_id": file_of[event["article_id"]]}
            for event in iter_events(store, EventQuery())
        ]
    matched = match(golds, events)
    return {
        "articles": len(ids),
        "gold_events": len(golds),
        "gold_clusters": len({gold.cluster for gold in golds}),
        "matched": len(matched),
        "end_to_end": end_to_end(golds, matched),
        "rules_alone": rules_alone(golds),
        "status": status_accuracy(golds, matched),
    }


def _print(split: str, report: dict[str, Any]) -> None:
    console = Console()
    table = Table(
        title=f"Linking, {split}: {report['articles']} articles, {report['gold_events']} gold "
        f"events in {report['gold_clusters']} clusters; {report['matched']} matched"
    )
    for column in ("", "precision", "recall", "F1", "predicted pairs", "gold pairs"):
        table.add_column(column, justify="right")
    for name in ("end_to_end", "rules_alone"):
        s = report[name]
        table.add_row(
            name.replace("_", " "),
            f"{s['precision']:.3f}",
            f"{s['recall']:.3f}",
            f"{s['f1']:.3f}",
            str(s["predicted_pairs"]),
            str(s["gold_pairs"]),
        )
    console.print(table)
    status = report["status"]
    console.print(f"cluster status right: {status['correct']}/{status['clusters']}")
    for row in status["rows"]:
        console.print(f"  {row['cluster']}: gold {row['gold']}, found {row['found']}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args(argv)
    report = run(args.corpus / args.split)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"linking-{args.split}.json").write_text(json.dumps(report, indent=2) + "\n")
    _print(args.split, report)


if __name__ == "__main__":
    main()
