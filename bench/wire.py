"""Gold wire fixtures (``tests/fixtures/wire``) and scoring of caption separation against them.

Format (see ``tests/fixtures/wire/README.md``): ``#! key: value`` header lines, then the text;
a caption paragraph starts with ``⟦C⟧``; a caption glued to a story paragraph on the same line
ends with ``⟦/C⟧``. Scoring is per caption occurrence, by where each starts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bench.counts import MatchCounts
from sitrep.clean import clean
from sitrep.records import Article, Document

CAPTION_OPEN = "⟦C⟧"
CAPTION_CLOSE = "⟦/C⟧"
FIXTURE_DIR = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "wire"
HELDOUT_DIR = FIXTURE_DIR.parent / "wire_heldout"


@dataclass(frozen=True, slots=True)
class WireFixture:
    set_name: str
    name: str
    text: str
    caption_starts: frozenset[int]
    headers: dict[str, str]


@dataclass(slots=True)
class CaptionScore(MatchCounts):
    errors: list[str] = field(default_factory=list)


def load_fixture(path: Path) -> WireFixture:
    headers: dict[str, str] = {}
    lines = path.read_text(encoding="utf-8").split("\n")
    while lines and lines[0].startswith("#! "):
        key, _, value = lines.pop(0)[3:].partition(":")
        headers[key.strip()] = value.strip()
    text_parts: list[str] = []
    captions: set[int] = set()
    position = 0
    for line in lines:
        if line.startswith(CAPTION_OPEN):
            line = line[len(CAPTION_OPEN) :]
            captions.add(position)
            caption, _, story = line.partition(CAPTION_CLOSE)
            line = f"{caption.rstrip()} {story.lstrip()}" if story else caption
        text_parts.append(line + "\n")
        position += len(line) + 1
    text = "".join(text_parts).lstrip("\n")
    offset = sum(len(p) for p in text_parts) - len(text)
    return WireFixture(
        set_name=path.parent.name,
        name=path.name,
        text=text,
        caption_starts=frozenset(s - offset for s in captions),
        headers=headers,
    )


def load_fixtures(directory: Path = FIXTURE_DIR) -> list[WireFixture]:
    return [load_fixture(path) for path in sorted(directory.glob("*.txt"))]


def score_document(fixture: WireFixture, document: Document) -> CaptionScore:
    """Caption occurrences found versus gold, by start offset."""
    score = CaptionScore()
    found = {span.start for caption in document.captions for span in caption.spans}
    for start in sorted(found | fixture.caption_starts):
        excerpt = fixture.text[start : start + 60].replace("\n", " ")
        if start in found and start in fixture.caption_starts:
            score.true_positive += 1
        elif start in found:
            score.false_positive += 1
            score.errors.append(f"{fixture.name}: story taken for a caption: {excerpt!r}")
        else:
            score.false_negative += 1
            score.errors.append(f"{fixture.name}: caption left in the story: {excerpt!r}")
    return score


def dateline_and_date_errors(fixture: WireFixture, document: Document) -> list[str]:
    """Where the dateline or the publication date differs from the fixture's gold headers."""
    errors = []
    dateline = document.dateline
    found = "none"
    if dateline:
        place = ", ".join(part for part in (dateline.place, dateline.region) if part)
        found = f"{place} | {dateline.outlet or ''}".strip()
    gold = fixture.headers["dateline"]
    if gold != "none":
        place, _, outlet = (part.strip() for part in gold.partition("|"))
        gold = f"{place} | {outlet}".strip()
    if found != gold:
        errors.append(f"{fixture.name}: dateline {found!r}, gold {gold!r}")
    published = document.published.isoformat() if document.published else "unknown"
    if published != fixture.headers["published"]:
        errors.append(f"{fixture.name}: published {published}, gold {fixture.headers['published']}")
    return errors


def score_all(fixtures: list[WireFixture]) -> CaptionScore:
    total = CaptionScore()
    for fixture in fixtures:
        score = score_document(fixture, clean(Article(text=fixture.text)))
        total.true_positive += score.true_positive
        total.false_positive += score.false_positive
        total.false_negative += score.false_negative
        total.errors.extend(score.errors)
    return total
