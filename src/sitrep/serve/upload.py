"""``POST /api/v1/articles``: one article in, processed by ``sitrep.pipeline.process`` and stored.

The body is read here rather than by FastAPI so that its size is checked as it arrives (a
client that sends more than the limit is cut off with 413, whatever its Content-Length says),
and so that malformed JSON, nested arrays included, gets a message of its own. Processing runs
in ``sitrep.serve.jobs``' lanes: small uploads in the server's process, large ones in a worker
process of their own.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from fastapi import HTTPException, Request
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from sitrep.pipeline import process
from sitrep.read import ReadOptions
from sitrep.read.sources import article_from_record
from sitrep.records import Article, PortableRecord
from sitrep.serve.http import validation_message
from sitrep.store import Store


class ArticleIn(BaseModel):
    """One article: its text or an HTML page, and what is known about it."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, description="The article's plain text.")
    html: str | None = Field(default=None, description="An HTML page (its main text is read).")
    url: str | None = Field(default=None, max_length=2048)
    title: str | None = Field(default=None, max_length=1000)
    published: date | None = Field(default=None, description="Publication date, YYYY-MM-DD.")

    @model_validator(mode="after")
    def _one_body(self) -> ArticleIn:
        if (self.text is None) == (self.html is None):
            raise ValueError('give exactly one of "text" and "html"')
        return self


class ArticleOut(BaseModel):
    """What the upload did: ``stored`` is false when the store already held this text."""

    article_id: str
    stored: bool
    event_ids: list[str]


async def read_limited(request: Request, limit: int) -> bytes:
    """The raw body, refused with 413 as soon as it is known to exceed ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise _too_large(limit)
    return bytes(body)


def _too_large(limit: int) -> HTTPException:
    return HTTPException(413, f"the body is larger than the limit of {limit:,} bytes")


def parse_article(body: bytes) -> ArticleIn:
    """The upload's JSON as an ``ArticleIn``; 422 with what is wrong otherwise."""
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise HTTPException(422, f"malformed JSON: {_json_reason(exc)}") from None
    except RecursionError:  # the decoder's depth limit: about 1,000 nested arrays or objects
        raise HTTPException(422, "malformed JSON: nested too deeply") from None
    if not isinstance(data, dict):
        raise HTTPException(422, 'the body must be a JSON object with "text" or "html"')
    try:
        return ArticleIn.model_validate(data)
    except ValidationError as exc:
        raise HTTPException(422, validation_message(exc.errors())) from None


def _json_reason(exc: ValueError) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at line {exc.lineno} column {exc.colno}"
    return "not UTF-8"


Processor = Callable[[Article], PortableRecord]


def processed(article: Article) -> PortableRecord:
    """The record of one article, without its parse (what a worker process runs and sends
    back)."""
    return process(article).portable()


def store_article(
    store: Store, upload: ArticleIn, max_bytes: int, processor: Processor = processed
) -> ArticleOut:
    """Read, process (by ``processor``: here, or in a worker process) and store one article
    (raises ``InputError`` for text that is not an article: too short, not English, over the
    limit). Processing here is not thread-safe: one upload lane's worker runs it."""
    record_in = upload.model_dump(mode="json", exclude_none=True)
    article = article_from_record(record_in, "upload", ReadOptions(max_bytes=max_bytes))
    # The item name is for messages only: an upload has no path.
    article = replace(article, source=replace(article.source, path=None))
    record = processor(article)
    added = store.add(record)
    event_ids = [event.id for event in record.events]
    return ArticleOut(article_id=added.article_id, stored=added.stored, event_ids=event_ids)
