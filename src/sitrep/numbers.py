"""Numbers as news writes them: "12", "1,200", "twelve", "twenty-one", "a hundred", "a dozen".

Shared by the date resolver (durations, "three days ago") and the toll reader.
"""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

_UNIT_WORD = "|".join(sorted(_UNITS, key=len, reverse=True))
_TENS_WORD = "|".join(_TENS)
_SMALL = rf"(?:(?:{_TENS_WORD})(?:[- ](?:{_UNIT_WORD}))?|{_UNIT_WORD})"
_SCALE_WORD = "|".join(_SCALES)

# A number in figures or words: "12", "1,200", "2.5 million", "twenty-one", "a hundred",
# "three hundred and twenty", "a dozen", "two dozen", "half a dozen"; never a clock's
# figures ("10:15").
NUMBER = (
    r"(?<![\d:])(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?!\d|:\d)(?:\s+(?:million|billion))?"
    rf"|(?:half\s+a\s+dozen|(?:a|one|two|three|four|five)\s+dozen)"
    rf"|(?:(?:a|{_SMALL})\s+(?:{_SCALE_WORD})(?:\s+(?:and\s+)?{_SMALL})?|{_SMALL})"
)
NUMBER_RE = re.compile(rf"\b(?:{NUMBER})\b", re.IGNORECASE)


def parse_number(text: str) -> int | None:
    """The value of a number phrase matched by ``NUMBER``, or None."""
    phrase = " ".join(text.lower().replace("-", " ").split())
    if not phrase:
        return None
    if phrase[0].isdigit():
        return _parse_figures(phrase)
    if phrase.endswith("dozen"):
        head = phrase.removesuffix("dozen").strip()
        if head == "half a":
            return 6
        multiplier = 1 if head in ("a", "") else _UNITS.get(head)
        return None if multiplier is None else 12 * multiplier
    return _parse_words(phrase.split())


def _parse_figures(phrase: str) -> int | None:
    figures, _, scale = phrase.partition(" ")
    try:
        value = float(figures.replace(",", ""))
    except ValueError:
        return None
    return round(value * _SCALES.get(scale, 1))


def _parse_words(words: list[str]) -> int | None:
    total = current = 0
    for word in words:
        if word in ("and", "a"):
            current = current or (1 if word == "a" else 0)
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _SCALES:
            scale = _SCALES[word]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
        else:
            return None
    return total + current
