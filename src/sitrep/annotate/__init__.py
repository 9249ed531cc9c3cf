"""Stage 3, annotate: a ``Document`` to ``Annotated`` (sentences, tokens, parse, entities)."""

from sitrep.annotate.pipeline import annotate, load_model, model_name

__all__ = ["annotate", "load_model", "model_name"]
