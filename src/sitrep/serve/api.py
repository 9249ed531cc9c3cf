"""The REST API under ``/api/v1``: reads of events, articles and clusters, and one write.

Reads answer with an ETag and ``Cache-Control: no-cache`` (a client revalidates and gets 304
when nothing changed). Pages of results are ``{"items": [...], "next": OFFSET | null}``: pass
``next`` as ``offset`` for the following page.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from sitrep.errors import InputError
from sitrep.records import EventType
from sitrep.serve.config import Config
from sitrep.serve.http import cached_json, check_token
from sitrep.serve.reads import Box, ClusterQuery, clusters, map_view, search, timeline
from sitrep.serve.upload import ArticleIn, ArticleOut, parse_article, read_limited, store_article
from sitrep.store import EventQuery, Near, find_events, get_event

MAX_LIMIT = 500
ClusterStatus = Literal["reported", "claimed", "disputed", "confirmed"]
Limit = Annotated[
    int, Query(ge=1, le=MAX_LIMIT, description=f"Items per page (at most {MAX_LIMIT}).")
]
Offset = Annotated[int, Query(ge=0, description="Where the page starts: a previous page's next.")]
Id = Annotated[str, Query(max_length=64)]

router = APIRouter(tags=["store"])


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
    event_type: Annotated[EventType | None, Query(alias="type")] = None,
    since: Annotated[date | None, Query(description="First day, YYYY-MM-DD.")] = None,
    until: Annotated[date | None, Query(description="Last day, YYYY-MM-DD.")] = None,
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
    return EventQuery(
        country=country,
        type=event_type,
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
    return cached_json(request, {"items": page.items, "next": page.next})


@router.get("/events/{event_id}", responses={404: {"description": "No such event"}})
def read_event(request: Request, config: Config, event_id: str) -> Response:
    """One event with its article id, evidence text and cluster."""
    found = get_event(config.store, event_id)
    if found is None:
        raise HTTPException(404, f"no event {event_id!r}")
    return cached_json(request, found)


@router.get("/articles/{article_id}", responses={404: {"description": "No such article"}})
def read_article(request: Request, config: Config, article_id: str) -> Response:
    """An article's whole record (SCHEMA.md): text, captions, places, dates, quotes, events."""
    found = config.store.article(article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return cached_json(request, found)


@router.get("/clusters", response_model=ClusterPage)
def list_clusters(
    request: Request,
    config: Config,
    status: ClusterStatus | None = None,
    cluster_type: Annotated[EventType | None, Query(alias="type")] = None,
    since: date | None = None,
    until: date | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    """Reports of the same event grouped, newest first, with their sources and status."""
    query = ClusterQuery(status, cluster_type, since, until, limit, offset)
    page = clusters(config.store, query)
    return cached_json(request, {"items": page.items, "next": page.next})


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
    return cached_json(request, {"items": page.items, "next": page.next})


@router.get("/timeline", response_model=Timeline)
def read_timeline(request: Request, config: Config, query: Filters) -> Response:
    """Events per day and type (the page's timeline)."""
    return cached_json(request, timeline(config.store, query))


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
    return cached_json(request, map_view(config.store, query, _box(bbox), zoom))


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
        401: {"description": "No token, or a wrong one"},
        403: {"description": "The server was started without a token"},
        413: {"description": "The body is over the size limit"},
        422: {"description": "Malformed JSON, or text that is not an article"},
    },
)
async def post_article(request: Request, config: Config) -> JSONResponse:
    """Process one article (``{"text" | "html", "url", "title", "published"}``) and store it
    with its events. Needs ``Authorization: Bearer TOKEN``."""
    check_token(request, config.token)
    upload = parse_article(await read_limited(request, config.max_upload_bytes))
    try:
        result = await run_in_threadpool(
            store_article, config.store, upload, config.max_upload_bytes
        )
    except InputError as exc:
        raise HTTPException(422, exc.reason) from None
    return JSONResponse(result.model_dump(), status_code=201 if result.stored else 200)
