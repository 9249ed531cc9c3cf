"""Throughput of cleaning and of the whole ``extract``, against bare spaCy on the same texts.

    python -m bench.throughput [--corpus PATH.jsonl] [--seconds 5] [--out bench/out]

Two sets of articles, reported apart and together: ``wire``, the bundled plain-text examples
(wire stories with interleaved, repeated captions), and ``corpus``, the 500-700-word articles
of ``--corpus`` (default: the shared Wikinews corpus, when present; plain stories with no
captions). Everything runs on one core (thread pools pinned to one thread). Each measurement
runs for at least ``--seconds``; spaCy and ``extract`` are measured twice, alternately, and the
better run of each is kept. The figure that matters is ``extract`` articles/s over bare
``nlp.pipe`` articles/s on the same texts: ``extract`` parses a repeated caption once, so on
``wire`` it can beat bare spaCy, while ``corpus`` shows its overhead alone. Two stages are
also timed alone on articles parsed beforehand, each as a share of ``extract``'s time: date
resolution with the toll reader, and quotes with events (the issue's budget: under 15%).
"""

from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from dataclasses import asdict, dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from sitrep.annotate import annotate, model_name  # noqa: E402
from sitrep.annotate.pipeline import stock_model  # noqa: E402
from sitrep.clean import clean  # noqa: E402
from sitrep.extract import read_toll  # noqa: E402
from sitrep.extract.events import extract_events  # noqa: E402
from sitrep.extract.quotes import extract_quotes  # noqa: E402
from sitrep.pipeline import process_many  # noqa: E402
from sitrep.read import read_bytes  # noqa: E402
from sitrep.records import Article  # noqa: E402
from sitrep.resolve import resolve_dates  # noqa: E402
from sitrep.resolve.gazetteer import open_gazetteer  # noqa: E402
from sitrep.resolve.geoparse import resolve_places  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "wikinews_en_newsreader.jsonl"
MIN_WORDS, MAX_WORDS = 500, 700


@dataclass(frozen=True, slots=True)
class Rate:
    name: str
    articles: int
    words: int
    seconds: float

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds


def bench_sets(corpus: Path | None) -> dict[str, list[str]]:
    """The bundled wire examples and the corpus's 500-700-word articles, by set."""
    examples = sorted((ROOT / "examples").glob("*.txt"))
    sets = {"wire": [path.read_text(encoding="utf-8") for path in examples]}
    if corpus and corpus.exists():
        with corpus.open(encoding="utf-8") as handle:
            texts = (json.loads(line)["text"] for line in handle)
            sets["corpus"] = [t for t in texts if MIN_WORDS <= len(t.split()) <= MAX_WORDS]
    return sets


def measure(
    name: str, texts: Sequence[str], run: Callable[[Sequence[str]], None], seconds: float
) -> Rate:
    """Run over ``texts`` again and again for at least ``seconds``."""
    words_per_round = sum(len(text.split()) for text in texts)
    rounds = 0
    start = time.perf_counter()
    while True:
        run(texts)
        rounds += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return Rate(name, rounds * len(texts), rounds * words_per_round, elapsed)


def run_clean(texts: Sequence[str]) -> None:
    for text in texts:
        clean(Article(text=text))


def run_extract(texts: Sequence[str]) -> None:
    """What ``sitrep extract`` does: decode and check each item, then every stage (parsing in
    batches, as the CLI does), then serialise each record."""
    articles = [
        article
        for number, text in enumerate(texts)
        for article in read_bytes(text.encode("utf-8"), f"bench-{number}")
        if isinstance(article, Article)
    ]
    for record in process_many(articles):
        json.dumps(record.to_dict())


def run_spacy(texts: Sequence[str]) -> None:
    """Bare spaCy: the model as its package ships it (``extract`` looks its attribute ruler's
    patterns up by token, ``sitrep.annotate.ruler``)."""
    for _ in stock_model().pipe(texts):
        pass


def dates_and_tolls(texts: Sequence[str]) -> Callable[[Sequence[str]], None]:
    """Date resolution and the toll reader over every sentence, on articles parsed beforehand."""
    annotated = [annotate(clean(Article(text=text))) for text in texts]

    def run(_: Sequence[str]) -> None:
        for document in annotated:
            resolve_dates(document)
            text = document.document.article.text
            for sentence in document.sentences:
                read_toll(text, sentence.start, sentence.end)

    return run


def quotes_and_events(texts: Sequence[str]) -> Callable[[Sequence[str]], None]:
    """Quotes and events, on articles parsed, dated and placed beforehand: what the two
    extractors add to ``extract``."""
    gazetteer = open_gazetteer()
    prepared = []
    for text in texts:
        annotated = annotate(clean(Article(text=text)))
        prepared.append((annotated, resolve_dates(annotated), resolve_places(annotated, gazetteer)))

    def run(_: Sequence[str]) -> None:
        for annotated, dates, places in prepared:
            quotes = extract_quotes(annotated, dates)
            extract_events(annotated, gazetteer, dates=dates, places=places, quotes=quotes)

    return run


def bench_set(name: str, texts: Sequence[str], seconds: float) -> dict[str, object]:
    clean_rate = measure("clean", texts, run_clean, seconds)
    dates_rate = measure("dates + tolls", texts, dates_and_tolls(texts), seconds)
    quotes_rate = measure("quotes + events", texts, quotes_and_events(texts), seconds)
    spacy_runs, extract_runs = [], []
    for _ in range(2):
        spacy_runs.append(measure("spaCy nlp.pipe", texts, run_spacy, seconds))
        extract_runs.append(measure("extract", texts, run_extract, seconds))
    spacy_rate = max(spacy_runs, key=lambda r: r.articles_per_second)
    extract_rate = max(extract_runs, key=lambda r: r.articles_per_second)
    words = [len(text.split()) for text in texts]
    return {
        "set": name,
        "articles": len(texts),
        "words_min": min(words),
        "words_max": max(words),
        "rates": {
            rate.name: {
                **asdict(rate),
                "articles_per_second": rate.articles_per_second,
                "words_per_second": rate.words_per_second,
            }
            for rate in (clean_rate, spacy_rate, extract_rate, dates_rate, quotes_rate)
        },
        "extract_over_spacy": extract_rate.articles_per_second / spacy_rate.articles_per_second,
        "dates_tolls_share_of_extract": extract_rate.articles_per_second
        / dates_rate.articles_per_second,
        "quotes_events_share_of_extract": extract_rate.articles_per_second
        / quotes_rate.articles_per_second,
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args(argv)

    sets = bench_sets(args.corpus)
    sets["all"] = [text for texts in sets.values() for text in texts]
    run_extract(sets["all"][:3])  # load the models and warm caches before timing
    run_spacy(sets["all"][:3])
    results = [bench_set(name, texts, args.seconds) for name, texts in sets.items()]
    report = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "model": model_name(),
        "sets": results,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "throughput.json").write_text(json.dumps(report, indent=2) + "\n")

    table = Table(title="Throughput on one core (articles/s; words/s)")
    columns = (
        "set",
        "articles",
        "words",
        "clean",
        "spaCy nlp.pipe",
        "extract",
        "ratio",
        "dates+tolls",
        "quotes+events",
    )
    for column in columns:
        table.add_column(column, justify="left" if column == "set" else "right")
    for result in results:
        rates = result["rates"]
        assert isinstance(rates, dict)
        cells = [
            f"{rates[name]['articles_per_second']:,.1f}; {rates[name]['words_per_second']:,.0f}"
            for name in ("clean", "spaCy nlp.pipe", "extract")
        ]
        table.add_row(
            str(result["set"]),
            str(result["articles"]),
            f"{result['words_min']}-{result['words_max']}",
            *cells,
            f"{result['extract_over_spacy']:.3f}",
            f"{result['dates_tolls_share_of_extract']:.1%} of extract",
            f"{result['quotes_events_share_of_extract']:.1%} of extract",
        )
    console = Console(width=max(Console().width, 140))
    console.print(table)
    console.print(
        f"ratio = extract / bare spaCy; dates+tolls, quotes+events = their time as a share of "
        f"extract's; "
        f"model {report['model']}; {report['machine']}"
    )
    console.print(f"written to {args.out / 'throughput.json'}")


if __name__ == "__main__":
    main()
