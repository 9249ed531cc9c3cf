"""Stage ``export``: the store's events as ACLED-compatible CSV, GeoJSON, Parquet or JSON Lines.

Every writer takes the event objects ``sitrep.store.iter_events`` yields (SCHEMA.md's event
with ``article_id`` and ``cluster``) and writes the file whole or not at all: it writes a
temporary file beside the target and renames it into place.
"""

from sitrep.export.writers import ExportFormat, export_events

__all__ = ["ExportFormat", "export_events"]
