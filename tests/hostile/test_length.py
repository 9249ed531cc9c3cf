"""Cost against text length: no stage up to quotes compares every pair of a text's paragraphs,
sentences or place names, so a long text costs in proportion to its length.

Counted, not timed (timings on a loaded machine prove nothing): the lines of sitrep's code a
stage runs, each loop turn counted, on a composed text and on one four times as long. Work in
proportion to length runs about four times the lines; work over every pair about sixteen. ``bench/length.py`` has the timings.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

import sitrep
from sitrep.annotate import annotate, load_model
from sitrep.annotate.pipeline import MAX_SEGMENT_CHARS, segments
from sitrep.clean import clean, paragraphs
from sitrep.extract.quotes import extract_quotes
from sitrep.records import Annotated, Article
from sitrep.resolve import resolve_dates
from sitrep.resolve.gazetteer import Candidate, Gazetteer
from sitrep.resolve.geoparse import resolve_places
from sitrep.resolve.places import NameToResolve, PlaceResolver
from tests.resolve.conftest import gazetteer, gazetteer_path

__all__ = ["gazetteer", "gazetteer_path"]

# Four times the text may cost this many times the steps: linear work gives about 4.
LINEAR = 5.0
SITREP = str(Path(sitrep.__file__).parent)
PARAGRAPHS = 24
# Places of the test gazetteer's countries.
TOWNS = (
    "Kharkiv", "Kupiansk", "Kherson", "Odesa", "Sumy", "Belgorod", "Kursk", "Yerevan",
    "Gyumri", "Vardenis", "Ganja", "Tbilisi", "Gori", "Beirut", "Tyre", "Sidon",
)  # fmt: skip
SENTENCES = (
    "Artillery shelled {town} on {day}, killing {n} civilians and wounding {m} others, "
    "officials said.",
    '"We heard explosions all night," said {speaker}, a resident of {town}.',
    "About {m} protesters marched near {town} on {day}, and police arrested {n} of them.",
    "The ministry accused rebels of attacking positions outside {town}, but they denied it.",
    "An air strike hit a market in {town} on March {n}, according to {speaker}.",
    "Fighting has displaced {m} families from villages around {town} since January.",
)
SPEAKERS = ("Anna Petrenko", "Colonel Ahmed Hassan", "Mayor Ihor Terekhov", "Leila Haddad")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def composed(paragraphs: int, *, seed: int = 7) -> str:
    """A wire story: a dateline, then ``paragraphs`` paragraphs of conflict news."""
    rng = random.Random(seed)
    return "KHARKIV, Ukraine (AP) — " + "\n\n".join(
        " ".join(
            template.format(
                town=rng.choice(TOWNS),
                day=rng.choice(DAYS),
                speaker=rng.choice(SPEAKERS),
                n=rng.randint(2, 28),
                m=rng.randint(30, 900),
            )
            for template in rng.sample(SENTENCES, 3)
        )
        for _ in range(paragraphs)
    )


def steps(work: Callable[[], object]) -> int:
    """How many lines of sitrep's own code ``work`` runs, a loop's lines once a turn (a line
    tracer's count: comprehensions and generators included, the libraries left out)."""
    count = 0

    def line(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        count += event == "line"
        return line

    def call(frame: FrameType, event: str, arg: Any) -> Any:
        return line if frame.f_code.co_filename.startswith(SITREP) else None

    previous = sys.gettrace()
    sys.settrace(call)
    try:
        work()
    finally:
        sys.settrace(previous)
    return count


def growth(work: Callable[[int], object], size: int) -> float:
    """The steps of ``work`` at four times ``size`` over its steps at ``size``, once warm."""
    work(size)  # caches filled and modules loaded before counting
    return steps(lambda: work(4 * size)) / steps(lambda: work(size))


@pytest.fixture(scope="module")
def parsed() -> dict[int, Annotated]:
    """The composed story and one four times as long, parsed."""
    return {
        size: annotate(clean(Article(text=composed(size)))) for size in (PARAGRAPHS, 4 * PARAGRAPHS)
    }


def test_near_duplicate_search_cost_grows_linearly(monkeypatch: pytest.MonkeyPatch) -> None:
    """Paragraphs much alike (the few templates of ``composed``), each compared with the
    earlier ones of the window only: with a window of 20, 200 and 800 paragraphs are a long
    text."""
    monkeypatch.setattr(paragraphs, "NEAR_DUPLICATE_WINDOW", 20)

    def work(size: int) -> object:
        return clean(Article(text=composed(size, seed=size)))

    assert growth(work, 200) < LINEAR


@pytest.mark.parametrize(
    "stage",
    [
        pytest.param(lambda annotated, gazetteer: resolve_dates(annotated), id="dates"),
        pytest.param(resolve_places, id="places"),
        pytest.param(
            lambda annotated, gazetteer: extract_quotes(annotated, resolve_dates(annotated)),
            id="quotes",
        ),
    ],
)
def test_stage_cost_grows_linearly(
    stage: Callable[[Annotated, Gazetteer], object],
    parsed: dict[int, Annotated],
    gazetteer: Gazetteer,
) -> None:
    assert growth(lambda size: stage(parsed[size], gazetteer), PARAGRAPHS) < LINEAR


class _ManyPlaces:
    """A stand-in gazetteer that knows any name, as three towns scattered over the globe; one
    name in five matched loosely (by its skeleton)."""

    def candidates(
        self, name: str, *, limit: int = 50, skeleton: str = "fallback"
    ) -> list[Candidate]:
        rng = random.Random(name)
        loose = rng.random() < 0.2
        return [
            Candidate(
                geonameid=rng.randrange(1, 10**7),
                name=name,
                ascii_name=name,
                lat=rng.uniform(-60, 70),
                lon=rng.uniform(-180, 180),
                kind="city",
                country_code=rng.choice(("UA", "RU", "SD", "SY", "YE", "ML")),
                admin1_code=str(rng.randrange(10)),
                admin2_code=None,
                feature_class="P",
                feature_code=None,
                population=rng.randrange(1_000, 1_000_000),
                source="test",
                matched_by="skeleton" if loose else "exact",
            )
            for _ in range(3)
        ][:limit]

    def demonym(self, name: str) -> None:
        return None


def _names(count: int) -> Iterator[NameToResolve]:
    for number in range(count):
        yield NameToResolve(f"Town{number}")
        yield NameToResolve(f"Town{number}")  # named again, as stories do


def test_place_coherence_cost_grows_linearly_with_distinct_names() -> None:
    """Every name's candidates are scored against the picks of all the others (spatial
    coherence): from counts and a grid, not by a look at every other pick."""
    places = _ManyPlaces()

    def work(size: int) -> object:
        resolver = PlaceResolver(places)  # type: ignore[arg-type]
        return resolver.resolve(list(_names(size)))

    assert growth(work, 150) < LINEAR


def test_a_paragraph_longer_than_spacy_takes_is_parsed_in_pieces() -> None:
    """One line of 1.2 million characters (over spaCy's ``max_length``) goes to the parser in
    pieces it takes, cut between words, that hold every word in order."""
    text = " ".join(composed(4 * PARAGRAPHS).split()) + " "
    text = (text * (1_200_000 // len(text) + 1)).strip()
    document = clean(Article(text=text))
    pieces = [span for span, _ in segments(document)]
    assert len(text) > load_model().max_length
    assert all(span.end - span.start <= MAX_SEGMENT_CHARS for span in pieces)
    assert " ".join(span.slice(text) for span in pieces).split() == text.split()
