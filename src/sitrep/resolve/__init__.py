"""Stage 4, resolve: expressions put on the calendar (dates) and on the map (places)."""

from sitrep.resolve.dates import find_dates, resolve_dates

__all__ = ["find_dates", "resolve_dates"]
