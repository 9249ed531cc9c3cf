"""What one running app serves: the open store, the upload queue and the settings of
``sitrep serve``, and the checks on where it listens."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from sitrep.errors import ConfigurationError
from sitrep.serve.http import LOOPBACK_HOSTS
from sitrep.serve.jobs import UploadLanes
from sitrep.store import Store

# An article's HTML page is rarely over 1 MB; a larger upload is refused with 413.
DEFAULT_MAX_UPLOAD_BYTES = 2_000_000


@dataclass(frozen=True, slots=True)
class ServeConfig:
    """``uploads``: the upload lanes (small ones here, large ones in a worker process).
    ``token`` None: the app takes no writes. ``tile_url`` None: borders only, no tiles."""

    store: Store
    uploads: UploadLanes
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


def check_exposure(bind: str, token: str | None, *, public: bool) -> None:
    """A server reachable from other machines serves the store to anyone who finds it: it needs
    a token (for writes) or ``public``, said on purpose. Raises ``ConfigurationError``."""
    if token or public or _is_loopback(bind):
        return
    raise ConfigurationError(
        f"--host {bind}: other machines could read the store; give --token (or SITREP_TOKEN), "
        "or --public to serve it to anyone"
    )


def served_hosts(bind: str, allowed: Iterable[str]) -> tuple[str, ...]:
    """The Host names the server answers to: loopback's, ``allowed``, and the address it
    listens on when that is one address (not 0.0.0.0 or ::)."""
    hosts = [*LOOPBACK_HOSTS, *allowed]
    if not _is_unspecified(bind):
        hosts.append(bind)
    return tuple(dict.fromkeys(hosts))


def _is_loopback(bind: str) -> bool:
    if bind.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(bind.strip("[]")).is_loopback
    except ValueError:  # a host name: resolved by the server, maybe to another interface
        return False


def _is_unspecified(bind: str) -> bool:
    try:
        return ipaddress.ip_address(bind.strip("[]")).is_unspecified
    except ValueError:
        return False
