"""Stage 3, annotate: a ``Document`` to ``Annotated`` (sentences, tokens, parse, entities)."""

from sitrep.annotate.pipeline import annotate, annotate_many, load_model, model_name

__all__ = ["annotate", "annotate_many", "load_model", "model_name"]
