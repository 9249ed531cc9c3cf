"""Shared fixtures. Every text here is composed for these tests (no outlet's copy)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.clean import clean
from sitrep.records import Article, Document

FIXTURES = Path(__file__).parent / "fixtures"


def cleaned(text: str) -> Document:
    return clean(Article(text=text))


def body_texts(document: Document) -> list[str]:
    text = document.article.text
    return [span.slice(text) for span in document.body]


@pytest.fixture(scope="session")
def wire_story() -> str:
    """An AP-style story with interleaved, repeated captions (composed for the tests)."""
    return (FIXTURES / "story_ap_style.txt").read_text(encoding="utf-8")
