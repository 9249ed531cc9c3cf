"""The web app of ``sitrep serve``: the page, the REST API under ``/api/v1`` and the static files.

Nothing is fetched from elsewhere at run time: the script, the stylesheet and the country
borders are built into ``static/`` (``make static``), and map tiles are drawn only when a tile
URL is configured. Every response carries a Content-Security-Policy that lets only the app's own
script run, so article text, whatever markup it holds, is only ever shown as text.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from sitrep import __version__
from sitrep.errors import ConfigurationError, SitrepError, StoreError
from sitrep.serve import api, pages
from sitrep.serve.config import DEFAULT_MAX_UPLOAD_BYTES, ServeConfig
from sitrep.serve.http import (
    LOOPBACK_HOSTS,
    SecurityHeaders,
    TrustedHosts,
    content_security_policy,
    error_body,
    http_error,
    valid_token,
    validation_error,
)
from sitrep.serve.jobs import UploadLanes
from sitrep.store import Store

API_PREFIX = "/api/v1"


def create_app(
    store_location: str,
    token: str | None = None,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
    tile_url: str | None = None,
    *,
    tile_attribution: str | None = None,
    allowed_hosts: Iterable[str] = LOOPBACK_HOSTS,
) -> FastAPI:
    """The app serving the store at ``store_location`` (opened now, closed at shutdown).

    ``token``: what ``POST /api/v1/articles`` needs as ``Authorization: Bearer``; None (or
    empty) takes no writes. ``tile_url``: a ``{z}/{x}/{y}`` template of map tiles; None draws
    only the shipped country borders. ``allowed_hosts``: the names a request's Host header may
    give (others get 400); ``"*"`` admits any.
    """
    if token and not valid_token(token):
        raise ValueError("the token must be printable ASCII without spaces at either end")
    store = Store(store_location)
    uploads = UploadLanes()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        uploads.close()
        store.close()

    app = FastAPI(
        title="sitrep",
        version=__version__,
        summary="Conflict events read from news, with the evidence behind every field.",
        docs_url=None,  # Swagger UI and ReDoc load their scripts from a CDN
        redoc_url=None,
        openapi_url=f"{API_PREFIX}/openapi.json",
        lifespan=lifespan,
    )
    app.state.config = ServeConfig(
        store=store,
        uploads=uploads,
        token=token or None,
        max_upload_bytes=max_upload_bytes,
        tile_url=tile_url or None,
        tile_attribution=tile_attribution,
    )
    app.include_router(api.router, prefix=API_PREFIX)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=pages.STATIC), name="static")
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(SitrepError, _sitrep_error)
    app.add_middleware(TrustedHosts, hosts=allowed_hosts)
    app.add_middleware(SecurityHeaders, csp=content_security_policy(tile_url))
    return app


async def _sitrep_error(request: Request, exc: Exception) -> Response:
    """A store that cannot be read or a missing model: the server's fault, said plainly."""
    status = 503 if isinstance(exc, StoreError | ConfigurationError) else 500
    return JSONResponse(error_body(status, str(exc)), status)
