"""sitrep: conflict news to traceable event records.

>>> from sitrep import Article, process
>>> record = process(Article(text="KYIV, Ukraine (Reuters) - Shelling hit the city on Friday."))
>>> record.document.dateline.place
'KYIV'
"""

import logging
import typing

from sitrep.errors import (
    BinaryInput,
    ConfigurationError,
    EmptyInput,
    GazetteerError,
    InputError,
    InputTooLarge,
    MalformedInput,
    ModelDamaged,
    ModelNotInstalled,
    NotEnglish,
    SitrepError,
    UndecodableInput,
)
from sitrep.lazy import lazy_names as _lazy_names
from sitrep.records import (
    Annotated,
    Article,
    ArticleRecord,
    Caption,
    Dateline,
    Document,
    Entity,
    PortableRecord,
    Sentence,
    Source,
    Span,
    Token,
)

if typing.TYPE_CHECKING:
    from sitrep.pipeline import process, process_many
    from sitrep.read import ReadOptions, read_bytes, read_inputs

__version__ = "0.1.0"

# Imported on first use: the pipeline loads spaCy, NumPy and trafilatura, which a command
# line's --help, or a program that only reads records, need not wait for.
_LAZY = {
    "process": "sitrep.pipeline",
    "process_many": "sitrep.pipeline",
    "ReadOptions": "sitrep.read",
    "read_bytes": "sitrep.read",
    "read_inputs": "sitrep.read",
}


__getattr__ = _lazy_names(__name__, _LAZY)


# The library logs through module loggers and leaves handling to the application (the CLI).
logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "Annotated",
    "Article",
    "ArticleRecord",
    "BinaryInput",
    "Caption",
    "ConfigurationError",
    "Dateline",
    "Document",
    "EmptyInput",
    "Entity",
    "GazetteerError",
    "InputError",
    "InputTooLarge",
    "MalformedInput",
    "ModelDamaged",
    "ModelNotInstalled",
    "NotEnglish",
    "PortableRecord",
    "ReadOptions",
    "Sentence",
    "SitrepError",
    "Source",
    "Span",
    "Token",
    "UndecodableInput",
    "__version__",
    "process",
    "process_many",
    "read_bytes",
    "read_inputs",
]
