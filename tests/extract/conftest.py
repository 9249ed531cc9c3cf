"""The small session gazetteers of tests/resolve, shared with the extract tests."""

from tests.resolve.conftest import american_gazetteer, gazetteer, gazetteer_path

__all__ = ["american_gazetteer", "gazetteer", "gazetteer_path"]
