"""Fetching one URL (a page or a feed), with a time limit and a size limit.

Only ``sitrep ingest URL`` fetches; ``process`` never touches the network.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass

from sitrep.errors import InputError, InputTooLarge

TIMEOUT_S = 20.0


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str
    body: bytes
    content_type: str


def is_url(name: str) -> bool:
    return name.startswith(("http://", "https://"))


def fetch(url: str, max_bytes: int, *, timeout: float = TIMEOUT_S) -> Fetched:
    """The body of ``url``; an unreachable URL, an HTTP error or an oversized body raise an
    ``InputError`` naming the URL."""
    request = urllib.request.Request(url, headers={"User-Agent": "sitrep"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read(max_bytes * 20 + 1)
            final_url = response.geturl()
            content_type = response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        raise InputError(url, f"HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise InputError(url, f"cannot fetch ({reason})") from None
    if len(body) > max_bytes * 20:
        raise InputTooLarge(url, f"larger than {max_bytes * 20:,} bytes")
    return Fetched(url=final_url, body=body, content_type=content_type.lower())
