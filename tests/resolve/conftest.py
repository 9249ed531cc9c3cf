"""One small gazetteer per test session, restricted to a few countries (a few seconds to build):
Armenia, Azerbaijan, Georgia, Lebanon, Ukraine, Russia and Turkey, the places of composed
stories like the seed's. Nothing here needs the network or ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.resolve.gazetteer import Gazetteer, build_gazetteer, load_gazetteer

COUNTRIES = frozenset({"AM", "AZ", "GE", "LB", "UA", "RU", "TR"})


@pytest.fixture(scope="session")
def gazetteer_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gazetteer") / "gazetteer.sqlite3"
    build_gazetteer(path, countries=COUNTRIES)
    return path


@pytest.fixture(scope="session")
def gazetteer(gazetteer_path: Path) -> Gazetteer:
    return load_gazetteer(gazetteer_path, countries=COUNTRIES)


# A second, larger gazetteer for stories set in the United States (a few seconds more, built
# only when a test asks for it), with the countries its stories name beside it.
AMERICAN = frozenset({"US", "GE", "RU", "SY", "LB", "DE", "IQ", "KE", "SA", "CA"})


@pytest.fixture(scope="session")
def american_gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return small_gazetteer(tmp_path_factory, AMERICAN)


def small_gazetteer(factory: pytest.TempPathFactory, countries: frozenset[str]) -> Gazetteer:
    """A gazetteer of ``countries`` alone, for stories set in them (a few seconds to build)."""
    path = factory.mktemp("gazetteer-" + "-".join(sorted(countries))) / "gazetteer.sqlite3"
    build_gazetteer(path, countries=countries)
    return load_gazetteer(path, countries=countries)
