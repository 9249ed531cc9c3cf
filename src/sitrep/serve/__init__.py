"""``sitrep serve``: the store in the browser (map, timeline, evidence) and a REST API."""

from sitrep.serve.app import create_app
from sitrep.serve.config import DEFAULT_MAX_UPLOAD_BYTES

__all__ = ["DEFAULT_MAX_UPLOAD_BYTES", "create_app"]
