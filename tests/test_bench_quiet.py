"""The false-event benchmark counts current ACLED-typed events apart from statements."""

from __future__ import annotations

import json
from pathlib import Path

from bench.quiet_news import main


def test_a_conflict_story_among_business_news_is_counted(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    rows = [
        {
            "id": "a",
            "published": "2024-03-05",
            "text": "The airline said on Monday it had ordered twenty new jets.",
        },
        {
            "id": "b",
            "published": "2024-03-05",
            "text": "Gunmen killed four soldiers at a checkpoint in Mali on Monday, officials said.",
        },
    ]
    corpus.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    main(["--corpus", str(corpus), "--out", str(tmp_path)])
    figures = json.loads((tmp_path / "quiet_news.json").read_text())
    assert figures["articles"] == 2
    assert figures["articles with a current event"] == 1
    assert figures["current events per 10 articles"] == 5.0
