"""sitrep: conflict news to traceable event records.

>>> from sitrep import Article, process
>>> record = process(Article(text="KYIV, Ukraine (Reuters) - Shelling hit the city on Friday."))
>>> record.document.dateline.place
'KYIV'
"""

import logging

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
from sitrep.pipeline import process, process_many
from sitrep.read import ReadOptions, read_bytes, read_inputs
from sitrep.records import (
    Annotated,
    Article,
    ArticleRecord,
    Caption,
    Dateline,
    Document,
    Entity,
    Sentence,
    Source,
    Span,
    Token,
)

__version__ = "0.1.0"

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
