"""How much memory a probe held: the hostile-input tests assert bounds on it, never on time."""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def peak_bytes(run: Callable[[], T]) -> tuple[T, int]:
    """What ``run`` returns, and the most memory Python held while it ran."""
    tracemalloc.start()
    try:
        result = run()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
