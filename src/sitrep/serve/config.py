"""What one running app serves: the open store and the settings of ``sitrep serve``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from sitrep.store import Store

# An article's HTML page is rarely over 1 MB; a larger upload is refused with 413.
DEFAULT_MAX_UPLOAD_BYTES = 2_000_000


@dataclass(frozen=True, slots=True)
class ServeConfig:
    """``token`` None: the app takes no writes. ``tile_url`` None: borders only, no tiles."""

    store: Store
    token: str | None
    max_upload_bytes: int
    tile_url: str | None
    tile_attribution: str | None


def get_config(request: Request) -> ServeConfig:
    """The app's configuration, for routes (a FastAPI dependency)."""
    config = request.app.state.config
    assert isinstance(config, ServeConfig)
    return config


Config = Annotated[ServeConfig, Depends(get_config)]
