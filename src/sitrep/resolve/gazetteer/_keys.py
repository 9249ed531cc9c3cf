"""Lookup keys: how a place name, as written, becomes what the names table is searched by.

Three keys per name, each looser than the one before:

``exact``
    Unicode-normalised (NFC), case-folded, whitespace collapsed, a leading "the" dropped.
    "Şuşa" stays "şuşa".
``folded``
    Transliterated to ASCII with anyascii (accents and other scripts folded: "Şuşa" ->
    "susa", "Київ" -> "kyiv"), lower case, dots and apostrophes removed ("U.S." -> "us",
    "Mariupol'" -> "mariupol"), other punctuation and hyphens turned into single spaces, runs
    of single letters joined ("U. S." -> "us"), a leading "the" dropped.
``skeleton``
    The folded key with spaces removed, common transliteration variants merged (``SKELETON_RULES``),
    every run of vowels (``y`` counts as one) replaced by one ``a``, a final ``h`` after a
    vowel dropped and doubled letters collapsed. "Nabatiyeh" and "Nabatieh" both give
    "nabata"; "Kiev" and "Kyiv" both give "kav"; "Shusha" and "Şuşa" both give "sasa".
    It is deliberately loose, so the gazetteer asks it only when the stricter keys find
    nothing (see ``Gazetteer.candidates``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

__all__ = [
    "exact_key",
    "fold",
    "folded_key",
    "is_code_like",
    "is_latin_script",
    "is_url_like",
    "skeleton_key",
]

_SPACES = re.compile(r"\s+")
_ELIDED = re.compile(r"[.'`´ʼ’‘]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_LEADING_THE = re.compile(r"^the\s+")

# Transliteration variants merged in the skeleton key, applied in this order to the folded key
# (spaces removed). Each pair is written the way English-language news spells the same sound
# from Cyrillic, Arabic, Turkish or Azerbaijani sources: Zhytomyr/Jitomir, Kharkiv/Harkiv,
# Shusha/Şuşa (folded "susa"), Çeşme/Cheshme (folded "cesme"), Kyiv/Kiew, Qatar/Katar.
# Rules that would merge distinct consonants more broadly (x->h, c->k, j->y) flood the
# candidates and are left out.
SKELETON_RULES: tuple[tuple[str, str], ...] = (
    ("dzh", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("gh", "g"),
    ("sh", "s"),
    ("ch", "c"),
    ("tch", "c"),
    ("ph", "f"),
    ("th", "t"),
    ("dh", "d"),
    ("ck", "k"),
    ("q", "k"),
    ("w", "v"),
)
_SKELETON_RULE_PATTERN = re.compile("|".join(sorted((a for a, _ in SKELETON_RULES), key=len)[::-1]))
_SKELETON_RULE_MAP = dict(SKELETON_RULES)
_VOWEL_RUNS = re.compile(r"[aeiouy]+")
_FINAL_H = re.compile(r"(?<=a)h$")
_DOUBLED = re.compile(r"(.)\1+")

_CODE_LIKE = re.compile(r"[A-Z0-9]{3,4}|\d+")
_URL_LIKE = re.compile(r"://|^www\.|\.(com|org|net|html?)\b", re.IGNORECASE)


def _drop_the(key: str) -> str:
    return _LEADING_THE.sub("", key, count=1)


def exact_key(name: str) -> str:
    """The name as written, up to case, Unicode form and spacing."""
    key = _SPACES.sub(" ", unicodedata.normalize("NFC", name).casefold()).strip()
    return _drop_the(key)


def _join_single_letters(words: list[str]) -> list[str]:
    """``["u", "s", "army"]`` -> ``["us", "army"]``: initials spelt with spaces or dots."""
    joined: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if len(word) == 1:
            run.append(word)
            continue
        if run:
            joined.extend(["".join(run)] if len(run) > 1 else run)
            run = []
        if word:
            joined.append(word)
    return joined


def fold(name: str) -> str:
    """Accent-, script- and punctuation-folded key (see the module docstring)."""
    text = anyascii(name).lower() if not name.isascii() else name.lower()
    text = _ELIDED.sub("", text)
    words = _NON_ALNUM.sub(" ", text).split()
    return _drop_the(" ".join(_join_single_letters(words)))


# Queries repeat (the same places recur across articles); the build calls ``fold`` directly.
folded_key = lru_cache(maxsize=65536)(fold)


def skeleton_key(folded: str) -> str:
    """Transliteration-tolerant key of an already folded key (see the module docstring)."""
    text = folded.replace(" ", "")
    text = _SKELETON_RULE_PATTERN.sub(lambda match: _SKELETON_RULE_MAP[match.group(0)], text)
    text = _VOWEL_RUNS.sub("a", text)
    text = _FINAL_H.sub("", text)
    return _DOUBLED.sub(r"\1", text)


def _is_latin_char(char: str) -> bool:
    # Basic Latin to Latin Extended-B, IPA (Azerbaijani "ə"), spacing modifiers ("ʻ"),
    # combining marks, Latin Extended Additional (Vietnamese), Latin Extended-C and -D.
    code = ord(char)
    return (
        code < 0x370
        or 0x1E00 <= code <= 0x1EFF
        or 0x2C60 <= code <= 0x2C7F
        or 0xA720 <= code <= 0xA7FF
    )


def is_latin_script(name: str) -> bool:
    """Whether every letter of ``name`` is Latin (a name English news could print as is)."""
    return name.isascii() or all(_is_latin_char(c) for c in name if c.isalpha())


def is_code_like(name: str) -> bool:
    """IATA/ICAO/FAA-style codes ("KBP", "UKBB") and bare numbers, not names."""
    return _CODE_LIKE.fullmatch(name) is not None


def is_url_like(name: str) -> bool:
    return _URL_LIKE.search(name) is not None
