"""Article records and events as SCHEMA.md gives them, with only what a test or a benchmark
varies: the one builder the store's, the linker's and the API's tests and ``bench.linking`` use."""

from __future__ import annotations

from typing import Any

from sitrep.records import PortableEvent, PortableRecord
from sitrep.store import ClusterSummary, StoredEvent


def event(
    event_id: str,
    *,
    type: str = "explosions_remote_violence",
    day: str = "2024-03-05",
    place: tuple[str, float, float] = ("Kharkiv", 49.98081, 36.25272),
    country: str = "UA",
    admin1: str | None = "07",
    precision: str = "exact",
    actors: tuple[str, ...] = (),
    status: str = "reported",
    by: str | None = None,
    disputed_by: tuple[str, ...] = (),
    killed: int | None = None,
    background: bool = False,
    evidence: tuple[int, int] = (0, 10),
) -> dict[str, Any]:
    """One event object as SCHEMA.md gives it, with only what a test varies."""
    name, lat, lon = place
    kinds = ("state_forces", "state_forces")
    return {
        "id": event_id,
        "type": type,
        "subtype": None,
        "plover": None,
        "date": day,
        "date_precision": "day",
        "location": {
            "text": name,
            "geonameid": None,
            "name": name,
            "lat": lat,
            "lon": lon,
            "country": country,
            "admin1": admin1,
            "precision": precision,
        },
        "actor1": {"name": actors[0], "kind": kinds[0], "country": country} if actors else None,
        "actor2": (
            {"name": actors[1], "kind": kinds[1], "country": None} if len(actors) > 1 else None
        ),
        "fatalities": {"best": killed, "low": killed, "high": killed, "text": None},
        "claim": {"by": by, "by_title": None, "status": status, "disputed_by": list(disputed_by)},
        "evidence": [{"start": evidence[0], "end": evidence[1]}],
        "background": background,
        "confidence": 0.5,
    }


def as_stored(data: dict[str, Any], *, article_id: str = "a1") -> StoredEvent:
    """The event object ``data`` as the store gives it before linking: alone in its cluster."""
    return StoredEvent(
        PortableEvent.from_dict(data), article_id, "", ClusterSummary(data["id"], "reported")
    )


def record(
    article_id: str,
    *events: dict[str, Any],
    text: str = "Fighting was reported in the area on Tuesday, officials said.",
    url: str | None = None,
    outlet: str | None = "AP",
    published: str = "2024-03-06",
) -> PortableRecord:
    """An article record (SCHEMA.md) holding ``events``."""
    return PortableRecord.from_dict(
        article_json(article_id, *events, text=text, url=url, outlet=outlet, published=published)
    )


def article_json(
    article_id: str,
    *events: dict[str, Any],
    text: str = "Fighting was reported in the area on Tuesday, officials said.",
    url: str | None = None,
    outlet: str | None = "AP",
    published: str = "2024-03-06",
) -> dict[str, Any]:
    """The JSON of ``record``'s record, for a test that changes it before it is read."""
    return {
        "schema": "sitrep.article/1",
        "article": {
            "id": article_id,
            "text": text,
            "source": {"path": None, "url": url, "outlet": outlet},
            "title": None,
            "published": published,
            "published_basis": "given",
            "dateline": None,
            "body": [{"start": 0, "end": len(text)}],
            "captions": [],
            "repeated": [],
        },
        "places": [],
        "dates": [],
        "quotes": [],
        "events": list(events),
    }
