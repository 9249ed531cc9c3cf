"""The keys the store finds a new event's candidates by, so that linking never scans the store.

Every stored event has a **cell** (a square of ``CELL_DEGREES`` of latitude and longitude,
numbered) and an **area** (its country and admin1 code, "UA.07"). The candidates of a new event
are the stored events dated in its window (``day_window``) and either in a cell near its point
(``cells_near``: every cell a point within ``LinkRules.km`` can fall in) or, when one of the two
is placed at a region, in its area. Both lookups are indexed (cell, date and first possible
day; area, date and first possible day), so only the rows that match are read.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from sitrep.link.rules import DEFAULT_RULES, EventFacts, LinkRules
from sitrep.resolve.geometry import EARTH_RADIUS_KM

CELL_DEGREES = 0.5  # about 55 km of latitude: a point's neighbours are in the 3 × 3 around it
_KM_PER_DEGREE = EARTH_RADIUS_KM * math.pi / 180
_COLUMNS = round(360 / CELL_DEGREES)


def cell_of(lat: float, lon: float) -> int:
    """The number of the cell holding a point."""
    row = math.floor((lat + 90) / CELL_DEGREES)
    column = math.floor((lon + 180) / CELL_DEGREES) % _COLUMNS
    return row * _COLUMNS + column


def cells_near(lat: float, lon: float, km: float = DEFAULT_RULES.km) -> list[int]:
    """Every cell holding a point within ``km`` of this one (more columns near the poles)."""
    rows = math.ceil(km / _KM_PER_DEGREE / CELL_DEGREES)
    cos_lat = max(math.cos(math.radians(min(abs(lat) + rows * CELL_DEGREES, 89.9))), 1e-3)
    columns = min(math.ceil(km / (_KM_PER_DEGREE * cos_lat) / CELL_DEGREES), _COLUMNS // 2)
    row = math.floor((lat + 90) / CELL_DEGREES)
    column = math.floor((lon + 180) / CELL_DEGREES)
    return sorted(
        {
            (row + dr) * _COLUMNS + (column + dc) % _COLUMNS
            for dr in range(-rows, rows + 1)
            for dc in range(-columns, columns + 1)
        }
    )


def area_of(country: str | None, admin1: str | None) -> str | None:
    """The key of a province ("UA.07"), or None when either code is unknown."""
    return f"{country}.{admin1}" if country and admin1 else None


def day_window(facts: EventFacts, rules: LinkRules = DEFAULT_RULES) -> tuple[date, date, date]:
    """Which stored events may share a possible day with ``facts`` (gate 3): those dated from
    ``first`` to ``last`` whose first possible day is ``latest_start`` or before. ``last`` is
    ``rules.said_days`` after ``latest_start``, as a stored event's possible days reach that
    far back before its date; the index covers all three columns."""
    assert facts.date is not None and facts.earliest is not None
    slack = timedelta(days=rules.days)
    latest_start = facts.date + slack
    return facts.earliest - slack, latest_start + timedelta(days=rules.said_days), latest_start
