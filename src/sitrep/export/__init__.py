"""Stage ``export``: the store's events as ACLED-compatible CSV, GeoJSON, Parquet or JSON Lines.

Every writer takes the ``StoredEvent``s that ``sitrep.store.iter_events`` or ``iter_clusters``
yield (``with_stored_at`` adds when each was stored) and writes the file whole or not at all:
it writes a new file beside the target and renames it into place.
``docs/exports.md`` describes every column.
"""

from sitrep.export.places import GEONAMES_CREDIT
from sitrep.export.stored import with_stored_at
from sitrep.export.writers import ExportFormat, export_events, format_for

__all__ = ["GEONAMES_CREDIT", "ExportFormat", "export_events", "format_for", "with_stored_at"]
