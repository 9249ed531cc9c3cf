"""The bytes the page's views answer (``/api/v1/clusters``, ``/timeline``, ``/map``) on a small
store: what the page's script reads stays the same, key order and all, whatever types the
reads are built from.

The store: a Kharkiv strike claimed by the governor (AP), denied by the Russian ministry the
same day (Reuters) and confirmed by UN monitors two days later (AFP), one cluster; a protest in
Tbilisi from an article without an outlet; a battle near Goma whose claimant and URL carry
markup; and an article with an undated protest and a placeless strategic development.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sitrep.serve import create_app, reads
from sitrep.store import Store
from tests.serve.conftest import LOCAL
from tests.store.builders import event, record

with warnings.catch_warnings():
    # Starlette 1.x asks for httpx2 instead of httpx, which still works (and spaCy brings it).
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

GOVERNOR = "Олег Синєгубов"
MARKUP = '<img src=x onerror="window.__pwned=1">'
MARKUP_URL = "javascript:window.__pwned=1"
KHARKIV = ("Kharkiv", 49.98081, 36.25272)
STRIKE: dict[str, Any] = {
    "type": "explosions_remote_violence",
    "day": "2024-03-05",
    "place": KHARKIV,
    "actors": ("Military Forces of Russia",),
}


def _fill(location: str) -> None:
    undated = event("ev-undated", type="protests", place=("Lviv", 49.83826, 24.02324))
    undated |= {"date": None, "date_precision": None}
    nowhere = event("ev-nowhere", type="strategic_developments", actors=("Wagner Group",))
    nowhere["location"] = None
    with Store(location) as store:
        claim = event("ev-claim", status="claimed", by=GOVERNOR, killed=3, **STRIKE)
        store.add(
            record("art-claim", claim, url="https://apnews.example/kharkiv", published="2024-03-05")
        )
        denial = event("ev-denial", status="denied", by="Russian Defence Ministry", **STRIKE)
        store.add(record("art-denial", denial, outlet="Reuters", published="2024-03-05"))
        confirmation = event(
            "ev-confirm", status="confirmed", by="UN monitoring mission", killed=4, **STRIKE
        )
        store.add(record("art-confirm", confirmation, outlet="AFP", published="2024-03-07"))
        protest = event(
            "ev-protest",
            type="protests",
            day="2024-04-01",
            place=("Tbilisi", 41.69411, 44.83368),
            country="GE",
        )
        store.add(record("art-protest", protest, outlet=None, published="2024-04-01"))
        battle = event(
            "ev-hostile",
            type="battles",
            day="2024-01-19",
            country="CD",
            place=("Goma", -1.67409, 29.22845),
            status="claimed",
            by=MARKUP,
        )
        store.add(record("art-hostile", battle, url=MARKUP_URL, published="2024-01-19"))
        store.add(record("art-other", undated, nowhere, published="2024-03-06"))


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    """On SQLite: the order of map points, cells and a day's counts is the database's."""
    location = str(tmp_path / "views.db")
    _fill(location)
    app = create_app(location)
    with TestClient(app, base_url=LOCAL) as test_client:
        yield test_client
    app.state.config.store.close()


def _source(
    article: str, outlet: str | None, url: str | None, day: str, by: str | None, stance: str
) -> dict[str, Any]:
    return {
        "article_id": article,
        "outlet": outlet,
        "url": url,
        "published": day,
        "claim_by": by,
        "stance": stance,
    }


def _change(status: str, since: str, article: str, by: str | None) -> dict[str, Any]:
    return {"status": status, "since": since, "article_id": article, "by": by}


def _alone(
    cluster_id: str,
    kind: str,
    day: str | None,
    article: str,
    published: str,
    outlet: str | None = "AP",
) -> dict[str, Any]:
    """A cluster of one neutral report."""
    return {
        "id": cluster_id,
        "status": "reported",
        "history": [_change("reported", published, article, None)],
        "type": kind,
        "date": day,
        "size": 1,
        "event_ids": [cluster_id],
        "sources": [_source(article, outlet, None, published, None, "reports")],
    }


PROTEST = _alone("ev-protest", "protests", "2024-04-01", "art-protest", "2024-04-01", None)
STRIKE_CLUSTER = {
    "id": "ev-claim",
    "status": "confirmed",
    "history": [
        _change("claimed", "2024-03-05", "art-claim", GOVERNOR),
        _change("disputed", "2024-03-05", "art-denial", "Russian Defence Ministry"),
        _change("confirmed", "2024-03-07", "art-confirm", "UN monitoring mission"),
    ],
    "type": "explosions_remote_violence",
    "date": "2024-03-05",
    "size": 3,
    "event_ids": ["ev-claim", "ev-confirm", "ev-denial"],
    "sources": [
        _source(
            "art-claim", "AP", "https://apnews.example/kharkiv", "2024-03-05", GOVERNOR, "asserts"
        ),
        _source("art-denial", "Reuters", None, "2024-03-05", "Russian Defence Ministry", "denies"),
        _source("art-confirm", "AFP", None, "2024-03-07", "UN monitoring mission", "confirms"),
    ],
}
NOWHERE = _alone("ev-nowhere", "strategic_developments", "2024-03-05", "art-other", "2024-03-06")
HOSTILE = {
    "id": "ev-hostile",
    "status": "claimed",
    "history": [_change("claimed", "2024-01-19", "art-hostile", MARKUP)],
    "type": "battles",
    "date": "2024-01-19",
    "size": 1,
    "event_ids": ["ev-hostile"],
    "sources": [_source("art-hostile", "AP", MARKUP_URL, "2024-01-19", MARKUP, "asserts")],
}
UNDATED = _alone("ev-undated", "protests", None, "art-other", "2024-03-06")
POINTS = [
    ["ev-claim", 49.98081, 36.25272, "explosions_remote_violence"],
    ["ev-denial", 49.98081, 36.25272, "explosions_remote_violence"],
    ["ev-confirm", 49.98081, 36.25272, "explosions_remote_violence"],
    ["ev-protest", 41.69411, 44.83368, "protests"],
    ["ev-hostile", -1.67409, 29.22845, "battles"],
    ["ev-undated", 49.83826, 24.02324, "protests"],
]

VIEWS: dict[str, Any] = {
    "/api/v1/clusters": {
        "items": [PROTEST, STRIKE_CLUSTER, NOWHERE, HOSTILE, UNDATED],
        "next": None,
    },
    "/api/v1/clusters?limit=2&offset=1": {"items": [STRIKE_CLUSTER, NOWHERE], "next": 3},
    "/api/v1/clusters?status=confirmed&type=explosions_remote_violence": {
        "items": [STRIKE_CLUSTER],
        "next": None,
    },
    "/api/v1/clusters?since=2024-01-01&until=2024-03-05": {
        "items": [STRIKE_CLUSTER, NOWHERE, HOSTILE],
        "next": None,
    },
    "/api/v1/timeline": {
        "days": [
            {"date": "2024-01-19", "counts": {"battles": 1}},
            {
                "date": "2024-03-05",
                "counts": {"explosions_remote_violence": 3, "strategic_developments": 1},
            },
            {"date": "2024-04-01", "counts": {"protests": 1}},
        ],
        "undated": 1,
        "total": 7,
    },
    "/api/v1/timeline?country=UA&status=reported": {"days": [], "undated": 1, "total": 1},
    "/api/v1/map": {"total": 6, "points": POINTS, "cells": []},
    "/api/v1/map?bbox=20,-10,40,45&type=battles": {
        "total": 1,
        "points": [["ev-hostile", -1.67409, 29.22845, "battles"]],
        "cells": [],
    },
}


def _as_served(payload: Any) -> bytes:
    """JSON as the API writes it: compact, UTF-8, keys in the order given."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@pytest.mark.parametrize("path", list(VIEWS))
def test_views_answer_the_same_bytes(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, response.text
    assert response.json() == VIEWS[path]
    assert response.content == _as_served(VIEWS[path])


def test_map_cells_answer_the_same_bytes(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reads, "POINT_LIMIT", 1)
    expected = {
        "total": 6,
        "points": [],
        "cells": [
            {"lat": -1.67409, "lon": 29.22845, "count": 1},
            {"lat": 41.69411, "lon": 44.83368, "count": 1},
            {"lat": 49.83826, "lon": 24.02324, "count": 1},
            {"lat": 49.98081, "lon": 36.25272, "count": 3},
        ],
    }
    assert client.get("/api/v1/map", params={"zoom": 3}).content == _as_served(expected)


def test_markup_in_a_cluster_is_served_as_json_text_never_as_html(client: TestClient) -> None:
    response = client.get("/api/v1/clusters", params={"type": "battles"})
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.json()["items"][0]["sources"][0]["claim_by"] == MARKUP
