"""Language identification, so that non-English text is refused with the language named.

py3langid ships its model inside the package: nothing is downloaded.
"""

from __future__ import annotations

from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from sitrep.errors import NotEnglish

# Enough characters to be sure; more only costs time.
_SAMPLE_CHARS = 1200
# Shorter texts (a caption, a headline) are not judged: names alone can look like any language.
_MIN_CHARS = 200
# A text is refused only when the identifier is this sure it is not English: English wire copy
# dense with foreign names scores low for every language, and must pass.
_MIN_CONFIDENCE = 0.9


@cache
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """The ISO 639-1 code of the text's language and the identifier's confidence (0-1)."""
    language, confidence = _identifier().classify(text[:_SAMPLE_CHARS])
    return str(language), float(confidence)


def check_english(text: str, item: str) -> None:
    """Raise ``NotEnglish`` when ``text`` is confidently in another language."""
    if len(text) < _MIN_CHARS:
        return
    language, confidence = detect_language(text)
    if language != "en" and confidence >= _MIN_CONFIDENCE:
        raise NotEnglish(item, language, confidence)
