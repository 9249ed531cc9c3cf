"""Cost against text length: ``process`` on composed news of 1,000 to 1,000,000 words.

    python -m bench.length [--max-words N] [--skip-events] [--out bench/out]

Each text is a wire story composed here (never stored): a dateline, then paragraphs of two or
three sentences drawn from a few templates of conflict news (shelling, air strikes, protests,
arrests, accusations and denials, quotations, displacement), each filled with other places,
actors, dates and numbers, so the text names many places and events as a long report would.
Every size runs ``process`` on one core (the best of three runs up to 10,000 words, one run
above) and reports seconds, seconds per 1,000 words and each stage's share of the time (the
stages as ``process`` calls them). The figure that matters is the growth: seconds per 1,000
words of the largest text over those of the smallest, at most 2 where the cost grows in
proportion to length (below 1: a short text pays spaCy's fixed costs).
Sizes over ``--max-words`` are skipped; ``--skip-events`` times ``process`` with the event stage
left out (it returns no events), to measure the other stages where that one is too slow. The
default ``--max-bytes`` of ``extract`` and ``ingest`` (5,000,000) refuses the 1,000,000-word
text (about 6.2 MB): ``process`` is timed directly, as with the limit raised.
"""

from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import random  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Iterator, Sequence  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from datetime import date, timedelta  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from sitrep import pipeline  # noqa: E402
from sitrep.annotate import model_name  # noqa: E402
from sitrep.pipeline import load_models, process  # noqa: E402
from sitrep.records import Article  # noqa: E402
from sitrep.resolve.gazetteer import open_gazetteer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SIZES = (1_000, 10_000, 100_000, 1_000_000)
# The functions ``process`` calls, by their names in ``sitrep.pipeline``, in order.
STAGES = (
    "clean",
    "annotate",
    "resolve_dates",
    "resolve_places",
    "extract_quotes",
    "extract_events",
)
PUBLISHED = date(2024, 3, 4)
# Texts this short take under a few seconds: the best of a few runs is kept.
REPEATS, REPEAT_UP_TO = 3, 10_000

# (town, region, country): places the gazetteer knows, from several conflicts.
PLACES = (
    ("Kharkiv", "Kharkiv", "Ukraine"),
    ("Kupiansk", "Kharkiv", "Ukraine"),
    ("Avdiivka", "Donetsk", "Ukraine"),
    ("Bakhmut", "Donetsk", "Ukraine"),
    ("Kherson", "Kherson", "Ukraine"),
    ("Zaporizhzhia", "Zaporizhzhia", "Ukraine"),
    ("Odesa", "Odesa", "Ukraine"),
    ("Sumy", "Sumy", "Ukraine"),
    ("Belgorod", "Belgorod", "Russia"),
    ("Idlib", "Idlib", "Syria"),
    ("Aleppo", "Aleppo", "Syria"),
    ("Deir ez-Zor", "Deir ez-Zor", "Syria"),
    ("El Fasher", "North Darfur", "Sudan"),
    ("Omdurman", "Khartoum", "Sudan"),
    ("Wad Madani", "Gezira", "Sudan"),
    ("Nyala", "South Darfur", "Sudan"),
    ("Taiz", "Taiz", "Yemen"),
    ("Hodeidah", "Hodeidah", "Yemen"),
    ("Marib", "Marib", "Yemen"),
    ("Goma", "North Kivu", "Congo"),
    ("Bunia", "Ituri", "Congo"),
    ("Mogadishu", "Banaadir", "Somalia"),
    ("Kismayo", "Lower Juba", "Somalia"),
    ("Maiduguri", "Borno", "Nigeria"),
    ("Djibo", "Sahel", "Burkina Faso"),
    ("Gao", "Gao", "Mali"),
    ("Mandalay", "Mandalay", "Myanmar"),
    ("Lashio", "Shan", "Myanmar"),
    ("Stepanakert", "Nagorno-Karabakh", "Azerbaijan"),
    ("Khan Younis", "Gaza Strip", "Palestine"),
    ("Jenin", "West Bank", "Palestine"),
    ("Peshawar", "Khyber Pakhtunkhwa", "Pakistan"),
)
ATTACKERS = (
    "Russian forces",
    "Ukrainian troops",
    "government forces",
    "the Rapid Support Forces",
    "Houthi rebels",
    "al-Shabab militants",
    "unidentified gunmen",
    "the army",
    "rebel fighters",
    "Islamic State militants",
)
SPEAKERS = (
    ("Governor Oleh Syniehubov", "Syniehubov"),
    ("Colonel Ahmed Hassan", "Hassan"),
    ("Amina Yusuf, a local council member", "Yusuf"),
    ("Maria Petrenko, a nurse at the city hospital", "Petrenko"),
    ("the regional police chief, Ibrahim Musa", "Musa"),
    ("U.N. spokesperson Stephane Dujarric", "Dujarric"),
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Sentences of conflict news; each paragraph takes two or three of them.
SENTENCES = (
    "{attacker} shelled {town}, a town in the {region} region, on {weekday}, killing {n} "
    "civilians and wounding {m} others, local officials said.",
    "An air strike hit a market about {km} kilometers north of {town} on {day}, and at least "
    "{n} people died, {speaker} told reporters.",
    '"We heard explosions all night and nobody could sleep," said {speaker}. "The shelter near '
    '{town} is full."',
    "About {big} protesters marched through central {town} on {weekday} demanding the release "
    "of detained activists, and police fired tear gas and arrested {m} people.",
    "The defence ministry in {capital} accused {attacker} of attacking positions near {town} "
    "and said its forces had repelled the assault, but {attacker2} denied the claim.",
    "Fighting has displaced more than {big} people from the {region} region since {month}, "
    "according to the United Nations.",
    "{attacker} seized two villages outside {town} after heavy clashes that left {n} fighters "
    "dead on both sides, {speaker2} said on {weekday}.",
    "A roadside bomb exploded near a checkpoint on the road from {town} to {town2} on {day}, "
    "killing {n} soldiers, and no group claimed responsibility.",
    "Drone attacks on the power grid around {town} left {big} homes without electricity, the "
    "regional energy company said, and repairs could take weeks.",
    "{speaker} said that {n} bodies had been recovered from the rubble of a school in {town} "
    "and that the search would continue through the night.",
    "Residents of {town2} fled toward {town} as the front moved closer, and aid groups warned "
    "of shortages of food, water and medicine in {country}.",
    "Security forces detained {m} men suspected of planning attacks in {town} and {town2}, "
    "the interior ministry said on {day}.",
)
CAPITALS = {
    "Ukraine": "Kyiv",
    "Russia": "Moscow",
    "Syria": "Damascus",
    "Sudan": "Khartoum",
    "Yemen": "Sanaa",
    "Congo": "Kinshasa",
    "Somalia": "Mogadishu",
    "Nigeria": "Abuja",
    "Burkina Faso": "Ouagadougou",
    "Mali": "Bamako",
    "Myanmar": "Naypyidaw",
    "Azerbaijan": "Baku",
    "Palestine": "Ramallah",
    "Pakistan": "Islamabad",
}


def compose_text(words: int, *, seed: int = 13) -> str:
    """A wire story of about ``words`` words: a dateline and paragraphs of conflict news."""
    rng = random.Random(seed)
    paragraphs = ["KHARKIV, Ukraine (AP) — " + _paragraph(rng)]
    count = len(paragraphs[0].split())
    while count < words:
        paragraph = _paragraph(rng)
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return "Fighting spreads across several fronts\n\n" + "\n\n".join(paragraphs) + "\n"


def _paragraph(rng: random.Random) -> str:
    """Two or three sentences about one country's conflict."""
    country = rng.choice(PLACES)[2]
    places = [place for place in PLACES if place[2] == country]
    templates = rng.sample(SENTENCES, rng.randint(2, 3))
    return " ".join(_sentence(rng, template, places) for template in templates)


def _sentence(rng: random.Random, template: str, places: Sequence[tuple[str, str, str]]) -> str:
    town, region, country = rng.choice(places)
    town2 = rng.choice([p for p in places if p[0] != town] or PLACES)[0]
    day = PUBLISHED - timedelta(days=rng.randint(1, 6))
    attacker, attacker2 = rng.sample(ATTACKERS, 2)
    (speaker, _), (speaker2, _) = rng.sample(SPEAKERS, 2)
    sentence = template.format(
        attacker=attacker,
        attacker2=attacker2,
        town=town,
        town2=town2,
        region=region,
        country=country,
        capital=CAPITALS[country],
        weekday=WEEKDAYS[day.weekday()],
        day=f"{day:%B} {day.day}",
        month=f"{PUBLISHED - timedelta(days=rng.randint(30, 700)):%B %Y}",
        speaker=speaker,
        speaker2=speaker2,
        n=rng.randint(2, 40),
        m=rng.randint(3, 90),
        km=rng.randint(5, 30),
        big=f"{rng.randint(2, 90) * 1000:,}",
    )
    return sentence[0].upper() + sentence[1:]


@contextmanager
def timed_stages(*, skip_events: bool = False) -> Iterator[dict[str, float]]:
    """Seconds spent in each stage ``process`` calls, while the block runs: the stage functions
    of ``sitrep.pipeline`` are wrapped with a timer (``extract_events`` replaced by one that
    finds none, with ``skip_events``) and restored afterwards."""
    seconds = dict.fromkeys(STAGES, 0.0)
    originals = {name: getattr(pipeline, name) for name in STAGES}
    stages = {**originals, "extract_events": _no_events} if skip_events else originals

    def timer(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                seconds[name] += time.perf_counter() - start

        return timed

    for name, function in stages.items():
        setattr(pipeline, name, timer(name, function))
    try:
        yield seconds
    finally:
        for name, function in originals.items():
            setattr(pipeline, name, function)


def _no_events(*args: Any, **kwargs: Any) -> tuple[()]:
    return ()


def measure(words: int, *, skip_events: bool = False) -> dict[str, Any]:
    text = compose_text(words)
    article = Article(text=text, published=PUBLISHED)
    gazetteer = open_gazetteer()
    runs = []
    for _ in range(REPEATS if words <= REPEAT_UP_TO else 1):
        with timed_stages(skip_events=skip_events) as stages:
            start = time.perf_counter()
            record = process(article, gazetteer=gazetteer)
            runs.append((time.perf_counter() - start, stages))
    seconds, stages = min(runs, key=lambda run: run[0])
    actual = len(text.split())
    return {
        "words": actual,
        "characters": len(text),
        "seconds": seconds,
        "seconds_per_1000_words": seconds / actual * 1000,
        "stage_seconds_per_1000_words": {
            name: stage / actual * 1000 for name, stage in stages.items()
        },
        "stage_shares": {name: stage / seconds for name, stage in stages.items()},
        "places": len(record.places),
        "dates": len(record.dates),
        "quotes": len(record.quotes),
        "events": len(record.events),
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--max-words", type=int, default=SIZES[-1])
    parser.add_argument("--skip-events", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args(argv)

    load_models()
    process(Article(text=compose_text(300), published=PUBLISHED))  # load spaCy and the gazetteer
    results = [
        measure(words, skip_events=args.skip_events) for words in SIZES if words <= args.max_words
    ]
    rates = [result["seconds_per_1000_words"] for result in results]
    report = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "model": model_name(),
        "events": not args.skip_events,
        "sizes": results,
        "per_word_growth": rates[-1] / rates[0],
    }
    args.out.mkdir(parents=True, exist_ok=True)
    name = "length_without_events.json" if args.skip_events else "length.json"
    (args.out / name).write_text(json.dumps(report, indent=2) + "\n")

    title = "process() against text length, one core" + (", no events" if args.skip_events else "")
    table = Table(title=title)
    for column in ("words", "characters", "seconds", "s / 1,000 words", *STAGES, "events"):
        table.add_column(column, justify="right")
    for result in results:
        table.add_row(
            f"{result['words']:,}",
            f"{result['characters']:,}",
            f"{result['seconds']:,.1f}",
            f"{result['seconds_per_1000_words']:.3f}",
            *(f"{result['stage_shares'][name]:.1%}" for name in STAGES),
            f"{result['events']:,}",
        )
    console = Console(width=max(Console().width, 140))
    console.print(table)
    console.print(
        f"growth (seconds per 1,000 words, largest text over smallest): "
        f"{report['per_word_growth']:.2f}; model {report['model']}; "
        f"{report['machine']}"
    )
    console.print(f"written to {args.out / name}")


if __name__ == "__main__":
    main()
