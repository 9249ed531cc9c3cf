"""Whom a story was written for, from its spelling and conventions (``sitrep/data/readers.toml``):
the publication's own signal of where its lone place names lie."""

from __future__ import annotations

import re
from functools import cache

from sitrep import datafiles
from sitrep.resolve.places import Readers


@cache
def _cues() -> dict[str, list[re.Pattern[str]]]:
    table = datafiles.load("readers.toml")
    return {
        side: [re.compile(entry["pattern"]) for entry in table[side]]
        for side in ("american", "commonwealth")
    }


def readers_of(text: str) -> Readers | None:
    """American readers when the story's American cues outnumber its Commonwealth ones, readers
    outside the United States when the reverse holds, None when neither says."""
    cues = _cues()
    american = sum(len(p.findall(text)) for p in cues["american"])
    commonwealth = sum(len(p.findall(text)) for p in cues["commonwealth"])
    if american > commonwealth:
        return Readers("US")
    if commonwealth > american:
        return Readers("US", inside=False)
    return None
