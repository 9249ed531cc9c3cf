"""Precision, recall and F1 from counts: what every matching benchmark reports."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class MatchCounts:
    """True positives, false positives and false negatives of a matching."""

    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        gold = self.true_positive + self.false_negative
        return self.true_positive / gold if gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0
