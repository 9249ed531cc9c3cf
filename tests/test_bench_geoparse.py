"""The geoparsing benchmark's country of a gold point (issue 21's "far, wrong country")."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bench.geoparse import _TownCountries


def test_a_gold_point_is_in_the_country_of_the_nearest_town(tmp_path: Path) -> None:
    path = tmp_path / "towns.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE places (lat REAL, lon REAL, country TEXT, kind TEXT)")
        connection.executemany(
            "INSERT INTO places VALUES (?, ?, ?, ?)",
            [
                (38.0, -84.5, "US", "city"),  # a Kentucky town
                (38.3, -84.2, "US", "admin2"),
                (37.9, -84.3, "XX", "country"),  # a country's point is no town
            ],
        )
    towns = _TownCountries(path)
    assert towns.country_at(37.85, -84.34) == "US"  # 19 km from the town
    assert towns.country_at(45.0, -84.3) is None  # no town within 50 km
