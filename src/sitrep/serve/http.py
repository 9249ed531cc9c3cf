"""HTTP plumbing shared by the API and the pages: cached JSON with ETags, one error shape,
security headers, trusted Host names, and the checks on tokens and parameters."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from fastapi import HTTPException, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException as StarletteHTTPException

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Reads may be kept by a client or proxy but must be revalidated (cheap: 304 on a matching ETag).
READ_CACHE = "no-cache"
# Static files carry a content hash in their URL (?v=…), so they can be kept for a day.
STATIC_CACHE = "public, max-age=86400"
# Where FastAPI says a bad parameter was: left out of messages ("limit: …", not "query.limit: …").
_SOURCES = {"body", "query", "path", "header", "cookie"}
# The names a server on loopback answers to unless told more (``--allowed-host``).
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
# C0 and C1 controls and DEL: a NUL cuts a SQLite LIKE pattern short, PostgreSQL refuses it.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def cached_json(request: Request, payload: Any) -> Response:
    """``payload`` as JSON with a strong ETag (a hash of the body); 304 when the client has it."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    etag = f'"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'
    headers = {"ETag": etag, "Cache-Control": READ_CACHE}
    if _matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/json", headers=headers)


def _matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return "*" in tags or etag in tags


def validation_message(errors: Any) -> str:
    """Pydantic's errors as one line: ``limit: Input should be less than or equal to 500``."""
    parts = []
    for error in errors:
        location = list(error.get("loc", ()))
        if location and location[0] in _SOURCES:
            location = location[1:]
        where = ".".join(str(part) for part in location)
        message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts) or "invalid request"


class ErrorDetail(BaseModel):
    status: int
    message: str


class ErrorOut(BaseModel):
    """The API's one error shape: ``{"error": {"status": 404, "message": "…"}}``."""

    error: ErrorDetail


def error_body(status: int, message: str) -> dict[str, Any]:
    """The API's one error shape: ``{"error": {"status": 404, "message": "…"}}``."""
    return {"error": {"status": status, "message": message}}


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    headers = dict(exc.headers or {})
    if exc.status_code == 304:
        return Response(status_code=304, headers=headers)
    return JSONResponse(error_body(exc.status_code, str(exc.detail)), exc.status_code, headers)


async def validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    return JSONResponse(error_body(422, validation_message(exc.errors())), 422)


def reject_control_characters(request: Request) -> None:
    """Query and path parameters (names and values) hold no control character: 422 otherwise."""
    parameters = [*request.query_params.multi_items(), *request.path_params.items()]
    for name, value in parameters:
        if _CONTROL.search(f"{name}{value}"):
            shown = "a parameter name" if _CONTROL.search(name) else name
            raise HTTPException(422, f"{shown}: control characters are not allowed")


def valid_token(token: str) -> bool:
    """Tokens are printable ASCII: browsers send header values as single bytes."""
    return bool(token) and token.isascii() and token.isprintable() and token == token.strip()


def check_token(request: Request, token: str | None) -> None:
    """Writes need ``Authorization: Bearer TOKEN``; a server started without a token takes none."""
    if token is None:
        raise HTTPException(
            403, "this server takes no writes: start it with --token or SITREP_TOKEN"
        )
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    # Starlette decodes header bytes as latin-1: encoding back gives the bytes that were sent.
    sent = given.strip().encode("latin-1")
    valid = scheme.lower() == "bearer" and hmac.compare_digest(sent, token.encode("ascii"))
    if not valid:
        raise HTTPException(
            401,
            "a valid token is needed: send Authorization: Bearer TOKEN",
            headers={"WWW-Authenticate": "Bearer"},
        )


def content_security_policy(tile_url: str | None) -> str:
    """Only the app's own scripts run; images also from the tile server when one is set."""
    images = "'self' data:"
    origin = tile_origin(tile_url)
    if origin:
        images += f" {origin}"
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            f"img-src {images}",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        )
    )


def tile_origin(tile_url: str | None) -> str | None:
    """The origin of a tile URL template for the CSP: ``{s}.tile.example.org`` becomes
    ``*.tile.example.org``."""
    if not tile_url:
        return None
    parts = urlsplit(tile_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    host = parts.netloc
    if "{" in host:
        host = "*." + host.rsplit("}", 1)[1].lstrip(".")
    return f"{parts.scheme}://{host}"


class SecurityHeaders:
    """Adds the CSP and friends to every response, and a day's caching to static files."""

    def __init__(self, app: ASGIApp, *, csp: str) -> None:
        self.app = app
        self.headers = [
            (b"content-security-policy", csp.encode("latin-1")),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
            (b"x-frame-options", b"DENY"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = str(scope.get("path", "")).startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.extend(self.headers)
                if static:
                    headers.append((b"cache-control", STATIC_CACHE.encode("latin-1")))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def host_name(host: str) -> str:
    """The name in a Host header or an ``--allowed-host``, lower case, without port or brackets:
    ``[::1]:8000`` is ``::1``."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].partition("]")[0]
    if host.count(":") == 1:
        return host.partition(":")[0]
    return host


class TrustedHosts:
    """Answers 400 to a request whose Host header names none of ``hosts`` (``*``: any).

    A page on another site that points its own name at this server's address (DNS rebinding)
    makes the browser send that name, so it can read nothing from a server on loopback.
    """

    def __init__(self, app: ASGIApp, *, hosts: Iterable[str]) -> None:
        self.app = app
        self.hosts = frozenset(host_name(host) for host in hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or "*" in self.hosts:
            await self.app(scope, receive, send)
            return
        host = host_name(Headers(scope=scope).get("host", ""))
        if host in self.hosts:
            await self.app(scope, receive, send)
            return
        message = f"Host {host[:100]!r}: not a name of this server (see --allowed-host)"
        await JSONResponse(error_body(400, message), 400)(scope, receive, send)
