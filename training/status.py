"""Train the claim status model from the project's composed wire stories' gold coding.

    python -m training.status [--data bench/data/wire_events/dev]
                              [--out src/sitrep/data/models/claim_status.json] [--c 0.3]

Every story of ``--data`` (the wire benchmark's dev split: composed, CC0) is read through the
pipeline with the claim rules alone (``read_annotated(..., rules_only=True)``); its events are
matched to the gold ones as the benchmark matches them (``bench.event_gold.match``), and each
matched current event is one example: the signs of ``sitrep.extract.events.status.claim_features``
and the gold claim status. A multinomial logistic regression (scikit-learn, L-BFGS:
deterministic for the same data) is fitted to them. Before that, the same fit is
cross-validated with each batch of 30 stories (one author's) held out in turn, and the card
records how often the rules and the model then agree with the gold status. Test stories are
never read.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

from bench.event_gold import match as match_events
from bench.wire_events import load_stories, story_articles
from sitrep.annotate import annotate_many
from sitrep.clean import clean
from sitrep.extract.events.status import STATUSES, StatusModel, allowed, claim_features
from sitrep.pipeline import read_annotated
from sitrep.records import ClaimStatus, Event
from sitrep.resolve.gazetteer import open_gazetteer

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data" / "wire_events" / "dev"
OUT = ROOT / "src" / "sitrep" / "data" / "models" / "claim_status.json"
BATCH = 30  # stories per author's batch: the cross-validation's groups
MIN_EXAMPLES = 2  # a feature seen fewer times is dropped


class Example:
    """One matched event: its features, its gold status, the rules' status, its story."""

    def __init__(self, event: Event, text: str, gold: ClaimStatus, story: str) -> None:
        self.features = claim_features(text, event)
        self.event = event
        self.gold = gold
        self.group = int(story.rsplit("-", 1)[1]) // BATCH


def examples(directory: Path) -> tuple[list[Example], str]:
    """The examples of every story in ``directory`` and a digest of its files."""
    digest = hashlib.sha256()
    for path in sorted(directory.glob("*.json")):
        digest.update(path.read_bytes() + path.with_suffix(".txt").read_bytes())
    stories = load_stories(directory)
    articles = story_articles(stories)
    gazetteer = open_gazetteer()
    found: list[Example] = []
    annotated = annotate_many(clean(article) for article in articles)
    for (story, text), one in zip(stories, annotated, strict=True):
        events = read_annotated(one, gazetteer, rules_only=True).events
        current = [gold for gold in story.events if gold.current]
        for gold, event in match_events(current, [e for e in events if not e.background]):
            if gold.status in STATUSES and event.claim.status in STATUSES:
                found.append(Example(event, text, gold.status, story.id))
    return found, digest.hexdigest()[:16]


def fit(train: Sequence[Example], c: float) -> StatusModel:
    counts = Counter(feature for example in train for feature in example.features)
    vocabulary = sorted(feature for feature, n in counts.items() if n >= MIN_EXAMPLES)
    index = {feature: column for column, feature in enumerate(vocabulary)}
    rows, columns = [], []
    for row, example in enumerate(train):
        for feature in example.features:
            if feature in index:
                rows.append(row)
                columns.append(index[feature])
    matrix = csr_matrix((np.ones(len(rows)), (rows, columns)), shape=(len(train), len(vocabulary)))
    labels = [example.gold for example in train]
    model = LogisticRegression(C=c, max_iter=5000).fit(matrix, labels)
    classes = tuple(cast(ClaimStatus, str(label)) for label in model.classes_)
    coef = model.coef_ if len(classes) > 2 else np.vstack([-model.coef_[0], model.coef_[0]])
    intercept = (
        model.intercept_ if len(classes) > 2 else [-model.intercept_[0], model.intercept_[0]]
    )
    weights = {
        feature: tuple(round(float(w), 6) for w in coef[:, column])
        for feature, column in index.items()
    }
    return StatusModel(classes, tuple(round(float(b), 6) for b in intercept), weights, {})


def cross_validated(examples: Sequence[Example], c: float) -> dict[str, Any]:
    """Agreement with the gold status, each author's batch scored by a model fitted without it
    (none with one batch alone)."""
    groups = sorted({example.group for example in examples})
    right_rules = sum(example.event.claim.status == example.gold for example in examples)
    checked: dict[str, Any] = {
        "events": len(examples),
        "rules": round(right_rules / len(examples), 3),
        "model": None,
    }
    if len(groups) < 2:
        return checked
    right_model = 0
    for group in groups:
        model = fit([e for e in examples if e.group != group], c)
        for example in (e for e in examples if e.group == group):
            scores = model.scores(example.features)
            choice = max(
                allowed(example.event.claim, example.features), key=lambda s: scores.get(s, -1e9)
            )
            right_model += choice == example.gold
    return checked | {"model": round(right_model / len(examples), 3)}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--c", type=float, default=0.3, help="inverse regularisation strength")
    args = parser.parse_args(argv)
    found, digest = examples(args.data)
    if not found:
        raise SystemExit(f"{args.data}: no matched events to learn from")
    checked = cross_validated(found, args.c)
    model = fit(found, args.c)
    card = {
        "data": f"{args.data.relative_to(ROOT) if args.data.is_relative_to(ROOT) else args.data}",
        "data_sha256_16": digest,
        "licence": "CC0-1.0 (the project's composed wire stories)",
        "examples": len(found),
        "gold_statuses": dict(sorted(Counter(e.gold for e in found).items())),
        "c": args.c,
        "cross_validated_by_author_batch": checked,
        "retrain": "make train",
    }
    out = StatusModel(model.classes, model.intercept, model.weights, card)
    partial = args.out.with_suffix(".partial")
    partial.write_text(json.dumps(out.to_dict(), indent=1) + "\n", encoding="utf-8")
    partial.replace(args.out)
    print(json.dumps(card, indent=1))


if __name__ == "__main__":
    main()
