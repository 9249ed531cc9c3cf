"""``process``: the one per-article function that the CLI, the store, the web app and Spark call.

It is pure: no database, no network, no state beyond the spaCy model loaded once per process.
"""

from __future__ import annotations

from sitrep.annotate import annotate
from sitrep.clean import clean
from sitrep.records import Article, ArticleRecord
from sitrep.resolve import resolve_dates


def process(article: Article) -> ArticleRecord:
    """Read an article through every stage into its record."""
    annotated = annotate(clean(article))
    return ArticleRecord(annotated, dates=resolve_dates(annotated))
