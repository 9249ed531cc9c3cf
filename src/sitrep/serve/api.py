"""The REST API under ``/api/v1``: reads of events, articles and clusters, and one write.

Reads answer with an ETag and ``Cache-Control: no-cache`` (a client revalidates and gets 304
when nothing changed). Pages of results are ``{"items": [...], "next": OFFSET | null}``: pass
``next`` as ``offset`` for the following page. Every error is ``ErrorOut``; no parameter holds a
control character.
"""

from __future__ import annotations

import asyncio
import functools
import queue
import re
from concurrent.futures import CancelledError
from dataclasses import replace
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, BeforeValidator

from sitrep.errors import BadFilter, ConfigurationError, InputError, StoreError
from sitrep.link import ClusterStatus
from sitrep.records import EventType
from sitrep.serve.config import Config
from sitrep.serve.http import (
    ErrorDetail,
    ErrorOut,
    cached_json,
    check_token,
    reject_control_characters,
)
from sitrep.serve.jobs import Job, JobStatus
from sitrep.serve.reads import Box, ClusterQuery, clusters, map_view, search, timeline
from sitrep.serve.upload import (
    ArticleIn,
    ArticleOut,
    parse_article,
    processed,
    read_limited,
    store_article,
)
from sitrep.store import EventQuery, Near, Page, StoredEvent, find_events, get_event
from sitrep.store.query import StoredCluster, parse_event_type

MAX_LIMIT = 500
# Far past any store, and small enough that offset + limit fits SQL's 64-bit integers.
MAX_OFFSET = 1_000_000_000
Limit = Annotated[
    int, Query(ge=1, le=MAX_LIMIT, description=f"Items per page (at most {MAX_LIMIT}).")
]
Offset = Annotated[
    int,
    Query(ge=0, le=MAX_OFFSET, description="Where the page starts: a previous page's next."),
]
Id = Annotated[str, Query(max_length=64)]
ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_day(value: object) -> object:
    """Only YYYY-MM-DD: pydantic alone would also read ``0.0`` as a Unix time (1970-01-01)."""
    if isinstance(value, str) and not ISO_DAY.fullmatch(value):
        raise ValueError("give a date like 2024-03-05")
    return value


Day = Annotated[date, BeforeValidator(_iso_day)]

router = APIRouter(
    tags=["store"],
    dependencies=[Depends(reject_control_characters)],
    responses={
        400: {"description": "A Host header the server does not answer to", "model": ErrorOut},
        422: {"description": "A bad parameter", "model": ErrorOut},
        503: {"description": "The store cannot be read", "model": ErrorOut},
    },
)


class EventPage(BaseModel):
    """Events as SCHEMA.md gives them, each with ``article_id``, ``evidence_text``, ``cluster``."""

    items: list[dict[str, Any]]
    next: int | None


class ClusterPage(BaseModel):
    items: list[dict[str, Any]]
    next: int | None


class Timeline(BaseModel):
    days: list[dict[str, Any]]
    undated: int
    total: int


class MapView(BaseModel):
    """``points`` are ``[id, lat, lon, type]``; past a few thousand, ``cells`` with counts."""

    total: int
    points: list[list[Any]]
    cells: list[dict[str, Any]]


def event_query(
    country: Annotated[
        str | None, Query(pattern="^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2 code.")
    ] = None,
    event_type: Annotated[
        str | None,
        Query(
            alias="type",
            max_length=100,
            description="An event type in any case: sitrep's (battles), ACLED's (Battles) or an "
            "ACLED sub-event type (Armed clash).",
        ),
    ] = None,
    since: Annotated[Day | None, Query(description="First day, YYYY-MM-DD.")] = None,
    until: Annotated[Day | None, Query(description="Last day, YYYY-MM-DD.")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="Part of a name.")] = None,
    status: Annotated[ClusterStatus | None, Query(description="The cluster's status.")] = None,
    text: Annotated[str | None, Query(max_length=200, description="Words of the evidence.")] = None,
    lat: Annotated[float | None, Query(ge=-90, le=90, description="With lon: near here.")] = None,
    lon: Annotated[float | None, Query(ge=-180, le=180)] = None,
    radius_km: Annotated[float, Query(gt=0, le=20_000)] = 25.0,
    article_id: Id | None = None,
    cluster_id: Id | None = None,
    background: Annotated[bool, Query(description="Include background events.")] = True,
) -> EventQuery:
    """The event filters, shared by the events, the timeline and the map."""
    if (lat is None) != (lon is None):
        raise HTTPException(422, "lat and lon go together")
    try:  # checked as `sitrep events --type` checks it
        kind, subtype = parse_event_type(event_type) if event_type else (None, None)
    except BadFilter as exc:
        raise HTTPException(422, f"type: {exc}") from None
    return EventQuery(
        country=country,
        type=kind,
        subtype=subtype,
        since=since,
        until=until,
        near=None if lat is None or lon is None else Near(lat, lon, radius_km),
        actor=actor,
        status=status,
        text=text,
        article_id=article_id,
        cluster_id=cluster_id,
        include_background=background,
    )


Filters = Annotated[EventQuery, Depends(event_query)]


@router.get("/events", response_model=EventPage)
def list_events(
    request: Request, config: Config, query: Filters, limit: Limit = 50, offset: Offset = 0
) -> Response:
    """Stored events matching every filter given, newest first."""
    page = find_events(config.store, replace(query, limit=limit, offset=offset))
    return cached_json(request, _page(page))


@router.get(
    "/events/{event_id}", responses={404: {"description": "No such event", "model": ErrorOut}}
)
def read_event(request: Request, config: Config, event_id: str) -> Response:
    """One event with its article id, evidence text and cluster."""
    found = get_event(config.store, event_id)
    if found is None:
        raise HTTPException(404, f"no event {event_id!r}")
    return cached_json(request, found.to_dict())


@router.get(
    "/articles/{article_id}",
    responses={404: {"description": "No such article", "model": ErrorOut}},
)
def read_article(request: Request, config: Config, article_id: str) -> Response:
    """An article's whole record (SCHEMA.md): text, captions, places, dates, quotes, events."""
    found = config.store.article(article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return cached_json(request, found.to_dict())


@router.get("/clusters", response_model=ClusterPage)
def list_clusters(
    request: Request,
    config: Config,
    status: ClusterStatus | None = None,
    cluster_type: Annotated[EventType | None, Query(alias="type")] = None,
    since: Day | None = None,
    until: Day | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    """Reports of the same event grouped, newest first, with their sources, status and the
    history of the status (``{status, since, article_id, by}``, oldest first)."""
    query = ClusterQuery(status, cluster_type, since, until, limit, offset)
    return cached_json(request, _page(clusters(config.store, query)))


@router.get("/search", response_model=EventPage)
def search_events(
    request: Request,
    config: Config,
    q: Annotated[str, Query(min_length=1, max_length=200, description="Words to find.")],
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    """Events where every word appears in the evidence, an actor, the sub-event type, the
    article's title, or is the country code."""
    page = search(config.store, q, limit=limit, offset=offset)
    return cached_json(request, _page(page))


def _page(page: Page[StoredEvent] | Page[StoredCluster]) -> dict[str, Any]:
    """An ``EventPage``'s or a ``ClusterPage``'s JSON."""
    return {"items": [item.to_dict() for item in page.items], "next": page.next}


@router.get("/timeline", response_model=Timeline)
def read_timeline(request: Request, config: Config, query: Filters) -> Response:
    """Events per day and type (the page's timeline)."""
    return cached_json(request, timeline(config.store, query).to_dict())


@router.get("/map", response_model=MapView)
def read_map(
    request: Request,
    config: Config,
    query: Filters,
    bbox: Annotated[
        str | None, Query(pattern=r"^[-\d.]+,[-\d.]+,[-\d.]+,[-\d.]+$", description="W,S,E,N.")
    ] = None,
    zoom: Annotated[int, Query(ge=0, le=20)] = 2,
) -> Response:
    """Located events in the box: points, or grid cells with counts when there are many."""
    return cached_json(request, map_view(config.store, query, _box(bbox), zoom).to_dict())


def _box(bbox: str | None) -> Box | None:
    if bbox is None:
        return None
    try:
        west, south, east, north = (float(part) for part in bbox.split(","))
    except ValueError:
        raise HTTPException(422, "bbox: give four numbers, west,south,east,north") from None
    if east - west >= 360:
        west, east = -180.0, 180.0
    return Box(max(west, -180.0), max(south, -90.0), min(east, 180.0), min(north, 90.0))


class JobOut(BaseModel):
    """An upload's job: ``result`` once ``done``, ``error`` (as an error response would give
    it) once ``failed``."""

    id: str
    status: JobStatus
    result: ArticleOut | None
    error: ErrorDetail | None


WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "No token, or a wrong one", "model": ErrorOut},
    403: {"description": "The server was started without a token", "model": ErrorOut},
}


@router.post(
    "/articles",
    status_code=201,
    response_model=ArticleOut,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": ArticleIn.model_json_schema()}},
        }
    },
    responses={
        200: {"description": "The store already held this text", "model": ArticleOut},
        202: {"description": "Queued (Prefer: respond-async): see Location", "model": JobOut},
        **WRITE_ERRORS,
        413: {"description": "The body is over the size limit", "model": ErrorOut},
        422: {"description": "Malformed JSON, or text that is not an article", "model": ErrorOut},
        503: {"description": "Too many uploads waiting, or no store", "model": ErrorOut},
    },
)
async def post_article(request: Request, config: Config) -> JSONResponse:
    """Process one article (``{"text" | "html", "url", "title", "published"}``) and store it
    with its events. Needs ``Authorization: Bearer TOKEN``. With ``Prefer: respond-async`` the
    answer is 202 at once, with the job to ask in ``Location``."""
    check_token(request, config.token)
    body = await read_limited(request, config.max_upload_bytes)
    upload = parse_article(body)
    lane = config.uploads.lane(len(body))
    work = functools.partial(store_article, config.store, upload, config.max_upload_bytes)
    if lane == "large":  # processed in the worker process, stored here
        work = functools.partial(work, functools.partial(config.uploads.apart, processed))
    try:
        job = config.uploads.submit(work, lane)
    except queue.Full:
        raise HTTPException(
            503, "too many uploads are waiting: try again later", headers={"Retry-After": "30"}
        ) from None
    if _prefers_async(request):
        location = request.url_for("read_job", job_id=job.id).path
        headers = {"Location": location, "Preference-Applied": "respond-async"}
        return JSONResponse(_job_out(job).model_dump(), status_code=202, headers=headers)
    try:  # awaited without holding a thread; shielded: a client that leaves drops no upload
        result = await asyncio.shield(asyncio.wrap_future(job.future))
    except Exception as exc:
        raise HTTPException(*_failure(exc)) from None
    return JSONResponse(result.model_dump(), status_code=201 if result.stored else 200)


@router.get(
    "/jobs/{job_id}",
    response_model=JobOut,
    responses={**WRITE_ERRORS, 404: {"description": "No such job", "model": ErrorOut}},
)
def read_job(request: Request, config: Config, job_id: str) -> JSONResponse:
    """Where an upload stands: ``queued``, ``running``, ``done`` (with the stored article's and
    events' ids) or ``failed`` (with the error). Needs the token; kept for the last 1,000
    uploads."""
    check_token(request, config.token)
    job = config.uploads.job(job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id!r}")
    return JSONResponse(_job_out(job).model_dump(), headers={"Cache-Control": "no-store"})


def _prefers_async(request: Request) -> bool:
    """``Prefer: respond-async`` (RFC 7240), among other preferences or alone."""
    preferences = request.headers.get("prefer", "").replace(";", ",").split(",")
    return any(preference.strip().lower() == "respond-async" for preference in preferences)


def _job_out(job: Job) -> JobOut:
    status = job.status
    if status == "done":
        return JobOut(id=job.id, status=status, result=job.future.result(), error=None)
    if status == "failed":
        code, message = _failure(job.error)
        return JobOut(
            id=job.id, status=status, result=None, error=ErrorDetail(status=code, message=message)
        )
    return JobOut(id=job.id, status=status, result=None, error=None)


def _failure(exc: BaseException | None) -> tuple[int, str]:
    """The status and message an upload's error gets: the uploader's fault (422), the server's
    state (503), or a fault of sitrep's, told in the server's log, not to the client (500)."""
    if isinstance(exc, InputError):
        return 422, exc.reason
    if isinstance(exc, StoreError | ConfigurationError):
        return 503, str(exc)
    if isinstance(exc, CancelledError):
        return 503, "the server stopped before the upload's turn: send it again"
    return 500, "the article could not be processed: the server's log says why"
