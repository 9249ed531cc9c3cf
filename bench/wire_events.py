"""Events of the project's composed wire stories (``bench/data/wire_events``) against their gold.

    python -m bench.wire_events [--split dev|test] [--errors]

Each story is processed as an article published on its gold publication date; its events are
matched to the gold ones as ``bench.event_gold`` describes: event precision, recall and F1,
then sub-type, date, killed (best, exact), actor kinds, claim status on the matched events,
background on every matched pair, and events found in stories that report none. The test
stories were written blind (``bench/data/wire_events/README.md``): ``--errors`` lists the
errors of the dev split only, so that nothing is tuned on test.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console

from bench.event_gold import GoldStory, Scores, parse_story, report, score_story
from sitrep.pipeline import process_many
from sitrep.records import Article, Source
from sitrep.resolve.gazetteer import open_gazetteer

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data" / "wire_events"


def load_stories(directory: Path) -> list[tuple[GoldStory, str]]:
    """Every story of a split folder: its gold coding and its text."""
    stories = []
    for gold_path in sorted(directory.glob("*.json")):
        raw = json.loads(gold_path.read_text(encoding="utf-8"))
        text = gold_path.with_suffix(".txt").read_text(encoding="utf-8")
        stories.append((parse_story(raw), text))
    return stories


def story_articles(stories: Sequence[tuple[GoldStory, str]]) -> list[Article]:
    """Each story as the article it is: published on its gold publication date."""
    return [
        Article(
            text=text,
            source=Source(path=f"{story.id}.txt"),
            published=story.published,
            published_basis="given" if story.published else "unknown",
        )
        for story, text in stories
    ]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--split", choices=("dev", "test"), default="test")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--errors", action="store_true", help="list every error (dev only)")
    args = parser.parse_args(argv)
    console = Console()
    if args.errors and args.split == "test":
        parser.error("the test stories are blind: --errors lists dev errors only")
    stories = load_stories(args.data / args.split)
    if not stories:
        console.print(f"no stories in {args.data / args.split}: nothing to measure")
        return
    scores = Scores()
    records = process_many(story_articles(stories), gazetteer=open_gazetteer())
    for (story, text), record in zip(stories, records, strict=True):
        score_story(scores, story, record.events, text)
    out = ROOT / "bench" / "out" / f"wire_events_{args.split}.json"
    report(console, f"Wire stories, {args.split}", scores, out, errors=args.errors)


if __name__ == "__main__":
    main()
