"""Train the event typing model from the project's composed sentences.

    python training/train.py [--data training/events] [--out src/sitrep/data/models/event_types.npz]
                             [--c 2.0]

Reads every ``*.jsonl`` of ``--data`` (``{"text", "label", "form"}``, labels: ACLED's sub-event
types verbatim, ``statement`` or ``none``), computes each sentence's features with the same
function that scores them at run time (``sitrep.extract.events.classifier.features``), weighs
them by TF-IDF (sublinear term frequency, smoothed IDF, unit length) and fits a multinomial
logistic regression (scikit-learn, L-BFGS: deterministic for the same data). Features seen in
fewer than two sentences are dropped. The model and a card of what it was trained on are
written to ``--out``; ``docs/event_model.md`` holds the figures.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from sitrep.extract.events.classifier import NONE, STATEMENT, TypeModel, features, save_model
from sitrep.records import ACLED_SUBTYPES

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "training" / "events"
OUT = ROOT / "src" / "sitrep" / "data" / "models" / "event_types.npz"
LABELS = frozenset((*ACLED_SUBTYPES, STATEMENT, NONE))
MIN_SENTENCES = 2


def load_examples(directory: Path) -> tuple[list[str], list[str], str]:
    """The sentences and labels of every file, in file order, and a digest of the files."""
    texts, labels = [], []
    digest = hashlib.sha256()
    for path in sorted(directory.glob("*.jsonl")):
        raw = path.read_bytes()
        digest.update(raw)
        for number, line in enumerate(raw.decode("utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            if row["label"] not in LABELS:
                raise SystemExit(f"{path}:{number}: unknown label {row['label']!r}")
            texts.append(row["text"])
            labels.append(row["label"])
    return texts, labels, digest.hexdigest()[:16]


def tfidf(rows: list[list[str]], index: dict[str, int], idf: np.ndarray[Any, Any]) -> csr_matrix:
    """The TF-IDF matrix of featurised sentences, as ``TypeModel.probabilities`` computes it."""
    data: list[float] = []
    columns: list[int] = []
    pointers = [0]
    for row in rows:
        counts = Counter(index[f] for f in row if f in index)
        weights = np.array(
            [(1.0 + math.log(n)) * idf[c] for c, n in counts.items()], dtype=np.float64
        )
        norm = np.linalg.norm(weights) or 1.0
        columns.extend(counts)
        data.extend((weights / norm).tolist())
        pointers.append(len(columns))
    return csr_matrix((data, columns, pointers), shape=(len(rows), len(index)))


def fit(texts: list[str], labels: list[str], c: float) -> TypeModel:
    rows = [features(text) for text in texts]
    frequency = Counter(f for row in rows for f in set(row))
    vocabulary = sorted(f for f, n in frequency.items() if n >= MIN_SENTENCES)
    index = {feature: column for column, feature in enumerate(vocabulary)}
    n = len(rows)
    idf = np.array([math.log((1 + n) / (1 + frequency[f])) + 1 for f in vocabulary])
    matrix = tfidf(rows, index, idf)
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(matrix, labels)
    return TypeModel(
        classes=tuple(str(label) for label in model.classes_),
        index=index,
        idf=idf.astype(np.float32),
        coef=model.coef_.astype(np.float32),
        intercept=model.intercept_.astype(np.float32),
        card={},
    )


def cross_validated_accuracy(texts: list[str], labels: list[str], c: float) -> float:
    """Five-fold accuracy on the training sentences (seeded folds; the vocabulary of all)."""
    rows = [features(text) for text in texts]
    frequency = Counter(f for row in rows for f in set(row))
    vocabulary = sorted(f for f, n in frequency.items() if n >= MIN_SENTENCES)
    index = {feature: column for column, feature in enumerate(vocabulary)}
    idf = np.array([math.log((1 + len(rows)) / (1 + frequency[f])) + 1 for f in vocabulary])
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=13)
    predicted = cross_val_predict(
        LogisticRegression(C=c, max_iter=3000), tfidf(rows, index, idf), labels, cv=folds
    )
    return float(np.mean(np.array(predicted) == np.array(labels)))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--c",
        type=float,
        default=2.0,
        help="inverse regularisation strength (2: best of 2, 8, 32 on CASE 2021 dev)",
    )
    parser.add_argument("--cv", action="store_true", help="also report five-fold accuracy")
    args = parser.parse_args(argv)
    texts, labels, digest = load_examples(args.data)
    model = fit(texts, labels, args.c)
    card = {
        "data": str(args.data.relative_to(ROOT) if args.data.is_relative_to(ROOT) else args.data),
        "data_sha256": digest,
        "sentences": len(texts),
        "labels": dict(sorted(Counter(labels).items())),
        "features": len(model.index),
        "c": args.c,
        "licence": "CC0-1.0 (training sentences composed by the project)",
    }
    if args.cv:
        card["cv_accuracy"] = round(cross_validated_accuracy(texts, labels, args.c), 4)
    save_model(args.out, replace(model, card=card))
    print(json.dumps(card, indent=2))


if __name__ == "__main__":
    main()
