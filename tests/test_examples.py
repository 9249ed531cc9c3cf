"""The bundled examples: what `make demo` runs must work, and stay free of outlets' text."""

from __future__ import annotations

import json
from pathlib import Path

from sitrep import Article, InputError, process, process_many, read_inputs

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
# The demo articles; examples/corpus (the linking corpus) is checked on its own below.
DEMO = [str(path) for path in sorted(EXAMPLES.iterdir()) if path.name != "corpus"]


def test_examples_all_process_without_error() -> None:
    results = list(read_inputs(DEMO))
    errors = [str(r) for r in results if isinstance(r, InputError)]
    assert errors == []
    records = [process(r) for r in results if isinstance(r, Article)]
    assert len(records) >= 10
    for record in records:
        document = record.document
        assert document.body, record.document.article.source
        assert document.published is not None, document.article.source


def test_examples_plain_text_stories_have_datelines_captions_and_dates() -> None:
    for path in sorted(EXAMPLES.glob("*.txt")):
        [article] = [r for r in read_inputs([str(path)]) if isinstance(r, Article)]
        document = process(article).document
        assert document.dateline is not None, path.name
        assert document.captions, path.name
        # The file name carries the publication date the text implies.
        assert document.published is not None
        assert document.published.isoformat() in path.name, path.name


def test_examples_batched_processing_gives_the_same_records() -> None:
    articles = [r for r in read_inputs(DEMO) if isinstance(r, Article)]
    one_by_one = [process(article).to_dict() for article in articles]
    assert [record.to_dict() for record in process_many(articles)] == one_by_one


def test_examples_linking_corpus_reads_and_its_gold_names_its_articles() -> None:
    for split in ("dev", "test"):
        folder = EXAMPLES / "corpus" / split
        texts = sorted(folder.glob("*.txt"))
        results = list(read_inputs([str(path) for path in texts]))
        assert all(isinstance(result, Article) for result in results), split
        gold = [json.loads(line) for line in (folder / "gold.jsonl").read_text().splitlines()]
        assert {row["file"] for row in gold} == {path.name for path in texts}, split
