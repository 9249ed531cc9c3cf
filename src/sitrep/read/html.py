"""HTML to article text and metadata: whole pages with trafilatura, feed fragments with lxml."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date

import lxml.etree
import lxml.html
import trafilatura

from sitrep.errors import MalformedInput
from sitrep.read.decode import scrub

logger = logging.getLogger(__name__)

# Ask trafilatura for the date the page declares, not one guessed from its text: a date inferred
# from the story itself is clean's job, and is labelled "inferred" there.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}

_BLOCK_TAGS = frozenset(
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption",
        "pre", "tr", "br", "section", "article", "header",
    }
)  # fmt: skip
_SPACES = re.compile(r"[ \t\u00a0]+")


@dataclass(frozen=True, slots=True)
class PageText:
    """What an HTML page yields: its main text and the metadata the page itself declares."""

    text: str
    title: str | None
    url: str | None
    outlet: str | None
    published: date | None
    captions: tuple[str, ...]


def page_to_text(html: str, item: str, *, url: str | None = None) -> PageText:
    """Main text and metadata of a whole news page.

    Photo captions (``<figcaption>``) are kept as paragraphs of their own so that the cleaning
    stage can recognise them: a caption is evidence too, it just is not the story.
    """
    tree = _parse(html, item)
    captions = _lift_figcaptions(tree)
    try:
        result = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except (ValueError, TypeError, lxml.etree.LxmlError) as exc:
        raise MalformedInput(item, f"malformed HTML ({exc})") from exc
    if result is not None and not isinstance(result, dict):
        result = result.as_dict()
    if not isinstance(result, dict) or not str(result.get("text") or "").strip():
        raise MalformedInput(item, "malformed HTML or no article text found in the page")
    return PageText(
        text=str(result["text"]),
        title=result.get("title") or None,
        url=result.get("url") or url,
        outlet=result.get("sitename") or None,
        published=_iso_date(result.get("date")),
        captions=captions,
    )


def fragment_to_text(html: str, item: str) -> str:
    """Text of an HTML fragment (a feed item's content): one paragraph per block element."""
    try:
        root = lxml.html.fragment_fromstring(scrub(html, item, "HTML"), create_parent="div")
    except (ValueError, lxml.etree.LxmlError) as exc:
        raise MalformedInput(item, f"malformed HTML in feed item ({exc})") from exc
    parts: list[str] = []
    _collect_text(root, parts)
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _parse(html: str, item: str) -> lxml.html.HtmlElement:
    try:
        tree = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.LxmlError) as exc:
        raise MalformedInput(item, f"malformed HTML ({exc})") from exc
    if tree is None or tree.find(".//body") is None:
        raise MalformedInput(item, "malformed HTML (no <body>)")
    return tree


def _lift_figcaptions(tree: lxml.html.HtmlElement) -> tuple[str, ...]:
    """trafilatura drops ``<figure>``: put each caption in its place as a plain paragraph, and
    return the captions' texts so that cleaning knows them for captions."""
    captions = []
    for figure in list(tree.iter("figure")):
        caption = figure.find(".//figcaption")
        if caption is not None:
            paragraph = lxml.html.Element("p")
            paragraph.text = " ".join(caption.text_content().split())
            figure.addprevious(paragraph)
            captions.append(paragraph.text)
        figure.drop_tree()
    return tuple(captions)


def _collect_text(element: lxml.html.HtmlElement, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in ("script", "style"):
        if element.tail:
            parts.append(element.tail)
        return
    block = tag in _BLOCK_TAGS
    if block:
        parts.append("\n")
    if element.text:
        parts.append(element.text)
    for child in element:
        _collect_text(child, parts)
    if block:
        parts.append("\n")
    if element.tail:
        parts.append(element.tail)


def _iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        logger.debug("ignoring unparseable page date %r", value)
        return None
