"""sitrep's exceptions: one tree, so callers catch what they mean.

    SitrepError
    ├── InputError                 an item that cannot become an article (the batch goes on)
    │   ├── EmptyInput             nothing but whitespace
    │   ├── InputTooLarge          over the size limit
    │   ├── BinaryInput            not text at all (NUL bytes, a PDF, an image…)
    │   ├── UndecodableInput       bytes that no known encoding turns into clean text
    │   ├── MalformedInput         HTML, JSON Lines or a feed that cannot be parsed or holds no text
    │   └── NotEnglish             text in another language (which one is in the message)
    ├── StoreError                 the store cannot be opened, migrated or written
    ├── BadFilter(ValueError)      a query filter value the store cannot match (an unknown type)
    ├── ExportError(ValueError)    an export that cannot be written as asked (format, folder)
    └── ConfigurationError(ValueError)
        ├── ModelNotInstalled      no spaCy English pipeline is installed
        ├── ModelDamaged           a shipped model file is missing or damaged
        └── GazetteerError         the gazetteer cannot be built, written or read

Every ``InputError`` carries the item it is about and a reason, and prints as one line:
``examples/x.bin: binary data (NUL bytes in the first 8 KB)``.
"""

from __future__ import annotations

from typing import Any


class SitrepError(Exception):
    """Base class of every error sitrep raises on purpose."""


class InputError(SitrepError):
    """An input item that cannot be processed; the reason says why in words a user can act on."""

    reason_code = "input"

    def __init__(self, item: str, reason: str) -> None:
        super().__init__(f"{item}: {reason}")
        self.item = item
        self.reason = reason

    def __reduce__(self) -> tuple[Any, tuple[type[InputError], str, str]]:
        """Pickled as class, item and reason, so errors cross from worker processes intact."""
        return _restore_input_error, (type(self), self.item, self.reason)


def _restore_input_error(cls: type[InputError], item: str, reason: str) -> InputError:
    error = cls.__new__(cls)
    InputError.__init__(error, item, reason)
    return error


class EmptyInput(InputError):
    reason_code = "empty"


class InputTooLarge(InputError):
    reason_code = "too_large"


class BinaryInput(InputError):
    reason_code = "binary"


class UndecodableInput(InputError):
    reason_code = "undecodable"


class MalformedInput(InputError):
    reason_code = "malformed"


class NotEnglish(InputError):
    reason_code = "not_english"

    def __init__(self, item: str, language: str, confidence: float) -> None:
        super().__init__(
            item, f"not English (detected language: {language}, confidence {confidence:.2f})"
        )
        self.language = language
        self.confidence = confidence


class StoreError(SitrepError):
    """The store cannot be opened (bad URL, no driver, unreachable server), migrated or written."""


class BadFilter(SitrepError, ValueError):
    """A filter of an event query names nothing the store could hold (an event type, status,
    country or place that does not exist); the message lists what is valid."""


class ExportError(SitrepError, ValueError):
    """An export asked for in a way that cannot work: a format its file name contradicts, a
    folder that does not exist. The message names the file and the fix."""


class ConfigurationError(SitrepError, ValueError):
    """sitrep was set up or called wrongly; the message says how to fix it."""


class ModelNotInstalled(ConfigurationError):
    """No spaCy English pipeline is importable."""


class ModelDamaged(ConfigurationError):
    """A shipped model (``data/models/event_types.npz``, ``data/models/claim_status.json``) is
    missing or damaged; the message names the file and ``make train``."""


class GazetteerError(ConfigurationError):
    """The gazetteer cannot be built (a data package is missing), written or read (damaged)."""
