"""Stage 5, extract: quotes, events, and the casualty counts events carry."""

from sitrep.extract.tolls import read_toll

__all__ = ["read_toll"]
