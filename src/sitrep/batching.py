"""``batched``: a stream cut into lists of at most ``size`` (``itertools.batched`` from 3.12)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items from ``items``, the last one shorter if need be."""
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch
