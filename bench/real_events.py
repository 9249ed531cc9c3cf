"""Events of published articles (``../shared/eval/geoparsing``) against a reader's coding of
them (``bench/data/real_events``).

    python -m bench.real_events [--split dev|test] [--errors] [--eval-dir ../shared/eval]

The coding (``bench/data/EVENT_GOLD.md``) holds each article's corpus id and its events with
evidence as offsets; the texts stay in ``../shared``. Each article is processed as it is, with
no publication date (the corpora give none; sitrep infers one where the text allows). Scored
as ``bench.wire_events`` scores the composed stories. ``--errors`` is for dev only.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console

from bench.event_gold import Scores, parse_story, report, score_story
from sitrep.pipeline import process_many
from sitrep.records import Article, Source
from sitrep.resolve.gazetteer import open_gazetteer

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data" / "real_events"
DEFAULT_EVAL = ROOT.parent / "shared" / "eval"
CORPORA = {
    "geowebnews": "geowebnews.jsonl",
    "tr_news": "tr_news.jsonl",
    "lgl": "lgl.jsonl",
    "geovirus": "geovirus.jsonl",
}


def load_coding(directory: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path in sorted(directory.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            rows.extend(json.loads(line) for line in handle if line.strip())
    return rows


def load_texts(eval_dir: Path, ids: set[str]) -> dict[str, dict[str, Any]]:
    records = {}
    for name in CORPORA.values():
        path = eval_dir / "geoparsing" / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                if record["id"] in ids:
                    records[record["id"]] = record
    return records


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--split", choices=("dev", "test"), default="test")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--errors", action="store_true", help="list every error (dev only)")
    args = parser.parse_args(argv)
    console = Console()
    if args.errors and args.split == "test":
        parser.error("the test articles are blind: --errors lists dev errors only")
    coding = [row for row in load_coding(args.data) if row["split"] == args.split]
    texts = load_texts(args.eval_dir, {row["id"] for row in coding})
    if not texts:
        console.print(f"no articles found under {args.eval_dir}: nothing to measure")
        return
    coding = [row for row in coding if row["id"] in texts]
    stories = [parse_story(row) for row in coding]
    articles = [
        Article(
            text=texts[story.id]["text"],
            title=texts[story.id].get("title"),
            source=Source(path=story.id, url=texts[story.id].get("url")),
        )
        for story in stories
    ]
    scores = Scores()
    records = process_many(articles, gazetteer=open_gazetteer())
    for story, article, record in zip(stories, articles, records, strict=True):
        score_story(scores, story, record.events, article.text)
    out = ROOT / "bench" / "out" / f"real_events_{args.split}.json"
    report(console, f"Real articles, {args.split}", scores, out, errors=args.errors)


if __name__ == "__main__":
    main()
