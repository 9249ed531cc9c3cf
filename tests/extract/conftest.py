"""The small session gazetteer of tests/resolve, shared with the extract tests."""

from tests.resolve.conftest import gazetteer, gazetteer_path

__all__ = ["gazetteer", "gazetteer_path"]
