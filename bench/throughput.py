"""Throughput of cleaning and of the whole ``extract``, against bare spaCy on the same texts.

    python -m bench.throughput [--corpus PATH.jsonl] [--seconds 5] [--out bench/out]

Articles: the bundled plain-text examples and, when ``--corpus`` (default: the shared Wikinews
corpus, if present) is given, its articles of 500-700 words. Everything runs on one core
(thread pools pinned to one thread). Each measurement runs for at least ``--seconds``; spaCy and
``extract`` are measured twice, alternately, and the better run of each is kept. The figure that
matters is ``extract`` articles/s over bare ``nlp.pipe`` articles/s on the same texts.
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

from sitrep.annotate import load_model, model_name  # noqa: E402
from sitrep.clean import clean  # noqa: E402
from sitrep.pipeline import process  # noqa: E402
from sitrep.read import read_bytes  # noqa: E402
from sitrep.records import Article  # noqa: E402

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


def bench_texts(corpus: Path | None) -> list[str]:
    """The bundled examples plus the corpus's 500-700-word articles."""
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "examples").glob("*.txt"))]
    if corpus and corpus.exists():
        with corpus.open(encoding="utf-8") as handle:
            for line in handle:
                text = json.loads(line)["text"]
                if MIN_WORDS <= len(text.split()) <= MAX_WORDS:
                    texts.append(text)
    return texts


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
    """What ``sitrep extract`` does per item: decode, check, clean, parse, serialise."""
    for number, text in enumerate(texts):
        for article in read_bytes(text.encode("utf-8"), f"bench-{number}"):
            if isinstance(article, Article):
                json.dumps(process(article).to_dict())


def run_spacy(texts: Sequence[str]) -> None:
    for _ in load_model().pipe(texts):
        pass


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args(argv)

    texts = bench_texts(args.corpus)
    run_extract(texts[:3])  # load the model and warm caches before timing
    clean_rate = measure("clean", texts, run_clean, args.seconds)
    spacy_runs = []
    extract_runs = []
    for _ in range(2):
        spacy_runs.append(measure("spaCy nlp.pipe", texts, run_spacy, args.seconds))
        extract_runs.append(measure("extract", texts, run_extract, args.seconds))
    spacy_rate = max(spacy_runs, key=lambda r: r.articles_per_second)
    extract_rate = max(extract_runs, key=lambda r: r.articles_per_second)
    ratio = extract_rate.articles_per_second / spacy_rate.articles_per_second

    words = [len(text.split()) for text in texts]
    result = {
        "machine": f"{platform.machine()} {platform.processor() or ''} "
        f"{os.cpu_count()} cores, Python {platform.python_version()}".strip(),
        "model": model_name(),
        "articles": len(texts),
        "words_min": min(words),
        "words_max": max(words),
        "rates": [
            {
                **asdict(rate),
                "articles_per_second": rate.articles_per_second,
                "words_per_second": rate.words_per_second,
            }
            for rate in (clean_rate, spacy_rate, extract_rate)
        ],
        "extract_over_spacy": ratio,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "throughput.json").write_text(json.dumps(result, indent=2) + "\n")

    table = Table(title=f"{len(texts)} articles of {min(words)}-{max(words)} words, one core")
    table.add_column("stage")
    table.add_column("articles/s", justify="right")
    table.add_column("words/s", justify="right")
    for rate in (clean_rate, spacy_rate, extract_rate):
        table.add_row(
            rate.name, f"{rate.articles_per_second:,.1f}", f"{rate.words_per_second:,.0f}"
        )
    console = Console()
    console.print(table)
    console.print(f"extract / bare spaCy = [bold]{ratio:.3f}[/bold]  ({result['model']})")
    console.print(f"written to {args.out / 'throughput.json'}")


if __name__ == "__main__":
    main()
