"""Fetching one URL (a page or a feed), safe to point at any address a document names.

Only ``http`` and ``https`` are fetched. Redirects are followed here, a few at most, and every
hop is checked as the first was: its scheme, and every address its host resolves to. A host
on a loopback, private, link-local, multicast, unspecified, reserved or otherwise non-public
address is refused unless the caller allows private addresses (``--allow-private-addresses``),
so that a URL in a feed or a redirect cannot make sitrep read the machine it runs on or its
network. The address checked is the one connected to: a second DNS answer cannot slip past.

One deadline bounds the whole fetch (every redirect, the headers and the body), however slowly
a server sends; the body is read in chunks and cut at the size limit, so no more than the limit
and one chunk is ever held. Proxies (``http_proxy``) are not used: a proxy would resolve the
host itself, out of reach of the address check.
"""

from __future__ import annotations

import http.client
import io
import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from urllib.parse import SplitResult, urljoin, urlsplit

from sitrep.errors import InputError, InputTooLarge
from sitrep.read.decode import FEED_SIZE_FACTOR

DEADLINE_S = 20.0
MAX_REDIRECTS = 5
_CHUNK_BYTES = 64 * 1024
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_SCHEMES = ("http", "https")
_ALLOW_HINT = "pass --allow-private-addresses to fetch it"

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# Why a connection to this address and port is refused, or None when it is allowed.
AddressCheck = Callable[[IPAddress, int], str | None]


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str
    body: bytes
    content_type: str


def is_url(name: str) -> bool:
    return name.startswith(("http://", "https://"))


def is_feed_type(content_type: str) -> bool:
    """An RSS, Atom or other XML document, not an (X)HTML page."""
    return "html" not in content_type and any(
        kind in content_type for kind in ("rss", "atom", "xml")
    )


def body_limit(content_type: str, max_bytes: int) -> int:
    """The most bytes of a body read: a page is one item, a feed (or what may be one) many."""
    if "html" in content_type or content_type.startswith("text/plain"):
        return max_bytes
    return max_bytes * FEED_SIZE_FACTOR


def non_public_address(address: IPAddress, port: int) -> str | None:
    """Why ``address`` is not public (any port), or None when it is."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    if address.is_loopback:
        return "a loopback address"
    if address.is_link_local:
        return "a link-local address"
    if address.is_multicast:
        return "a multicast address"
    if address.is_unspecified:
        return "an unspecified address"
    if address.is_reserved:
        return "a reserved address"
    if address.is_private:
        return "a private address"
    return None if address.is_global else "a non-public address"


def fetch(
    url: str,
    max_bytes: int,
    *,
    allow_private: bool = False,
    deadline_s: float = DEADLINE_S,
    address_check: AddressCheck = non_public_address,
) -> Fetched:
    """The body of ``url``, after at most ``MAX_REDIRECTS`` redirects. A refused scheme or
    address, an unreachable host, an HTTP error, an oversized body or a fetch that outlasts
    ``deadline_s`` raise an ``InputError`` naming ``url``."""
    guard = _Guard(url, deadline_s, None if allow_private else address_check)
    for _ in range(MAX_REDIRECTS + 1):
        target = _http_url(guard)
        connection = _open(target, guard)
        try:
            response = _get(connection, target, guard)
            if response.status in _REDIRECT_STATUSES:
                guard.location = urljoin(guard.location, _location(response, guard))
                continue
            if not 200 <= response.status < 300:
                raise guard.error(f"HTTP {response.status} {response.reason}")
            content_type = response.headers.get("Content-Type", "").lower()
            body = _body(response, guard, body_limit(content_type, max_bytes))
            return Fetched(url=guard.location, body=body, content_type=content_type)
        finally:
            connection.close()
            guard.stop_watchdog()
    raise InputError(url, f"more than {MAX_REDIRECTS} redirects")


class _Guard:
    """One fetch: its URL and where it has been redirected to, its deadline, its address check,
    and the watchdog of its open connection."""

    def __init__(self, url: str, deadline_s: float, check: AddressCheck | None) -> None:
        self.url = url
        self.location = url
        self.deadline_s = deadline_s
        self.deadline = time.monotonic() + deadline_s
        self.check = check
        self._watchdog: _Watchdog | None = None

    def error(self, reason: str) -> InputError:
        """An error naming the URL given, and the redirect it was met at."""
        hop = "" if self.location == self.url else f"redirected to {self.location}: "
        return InputError(self.url, hop + reason)

    def remaining(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise self.expired()
        return left

    def expired(self) -> InputError:
        return self.error(f"not fetched within {self.deadline_s:g} s, the time limit")

    def connect(
        self,
        address: tuple[str, int],
        timeout: float | None = None,
        source_address: tuple[str, int] | None = None,
    ) -> socket.socket:
        """``socket.create_connection`` for http.client, to vetted addresses only, within what
        is left of the deadline (``timeout`` and ``source_address`` are http.client's)."""
        host, port = address
        failure: OSError | None = None
        for vetted in self._vetted(host, port):
            try:
                sock = socket.create_connection((vetted, port), timeout=self.remaining())
            except OSError as exc:
                failure = exc
                continue
            self._watchdog = _Watchdog(sock, max(self.deadline - time.monotonic(), 0.0))
            return sock
        raise failure or OSError(f"{host} has no address")

    def stop_watchdog(self) -> None:
        if self._watchdog is not None:
            self._watchdog.stop()
            self._watchdog = None

    def _vetted(self, host: str, port: int) -> list[str]:
        """Every address ``host`` resolves to, when the check allows them all."""
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        if self.check is None:
            return addresses
        for address in addresses:
            refusal = self.check(ipaddress.ip_address(address), port)
            if refusal:
                shown = host if host == address else f"{host} ({address})"
                raise self.error(f"refused: {shown} is {refusal} ({_ALLOW_HINT})")
        return addresses


class _Watchdog:
    """Shuts a connection down at the deadline, whatever it is waiting for: a timeout on each
    read cannot bound a server that sends one byte just before each would expire."""

    def __init__(self, sock: socket.socket, seconds: float) -> None:
        self._sock = sock.dup()  # survives TLS wrapping, which detaches the original
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        with suppress(OSError):
            self._sock.shutdown(socket.SHUT_RDWR)

    def stop(self) -> None:
        self._timer.cancel()
        self._timer.join()
        self._sock.close()


class _HTTPConnection(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, guard: _Guard) -> None:
        super().__init__(host, port, timeout=guard.remaining())
        self._create_connection = guard.connect


class _HTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, guard: _Guard) -> None:
        super().__init__(host, port, timeout=guard.remaining())
        self._create_connection = guard.connect


def _http_url(guard: _Guard) -> SplitResult:
    target = urlsplit(guard.location)
    if target.scheme not in _SCHEMES:
        raise guard.error("refused: only http and https URLs are fetched")
    if not target.hostname:
        raise guard.error("refused: the URL names no host")
    return target


def _open(target: SplitResult, guard: _Guard) -> http.client.HTTPConnection:
    kind = _HTTPSConnection if target.scheme == "https" else _HTTPConnection
    try:  # the port always given: http.client would read "::1" as host ":" and port 1
        port = target.port or (443 if target.scheme == "https" else 80)
        return kind(target.hostname or "", port, guard)
    except ValueError as exc:  # a port that is not a number
        raise guard.error(f"cannot fetch ({exc})") from None


def _get(
    connection: http.client.HTTPConnection, target: SplitResult, guard: _Guard
) -> http.client.HTTPResponse:
    path = target.path or "/"
    if target.query:
        path += f"?{target.query}"
    with _translated(guard):
        connection.request("GET", path, headers={"User-Agent": "sitrep"})
        return connection.getresponse()


def _location(response: http.client.HTTPResponse, guard: _Guard) -> str:
    location = response.headers.get("Location")
    if not location:
        raise guard.error(f"HTTP {response.status} redirect without a Location")
    return location


def _body(response: http.client.HTTPResponse, guard: _Guard, limit: int) -> bytes:
    """The body, read a chunk at a time and refused as soon as it passes ``limit``."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(guard, limit)
    body = io.BytesIO()  # its getvalue() shares the buffer: the body is never held twice
    with _translated(guard):
        while chunk := response.read1(_CHUNK_BYTES):
            if body.tell() + len(chunk) > limit:
                raise _too_large(guard, limit)
            body.write(chunk)
        guard.remaining()  # an end of the body forced by the watchdog is no end
    return body.getvalue()


def _too_large(guard: _Guard, limit: int) -> InputTooLarge:
    error = guard.error(f"larger than {limit:,} bytes (raise it with --max-bytes)")
    return InputTooLarge(error.item, error.reason)


@contextmanager
def _translated(guard: _Guard) -> Iterator[None]:
    """Network and protocol errors as an ``InputError`` naming the URL; one met after the
    deadline (the watchdog shut the connection) says the time limit was passed."""
    try:
        yield
    except (OSError, http.client.HTTPException) as exc:
        if time.monotonic() >= guard.deadline:
            raise guard.expired() from None
        raise guard.error(f"cannot fetch ({exc})") from None
