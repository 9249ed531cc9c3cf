"""The REST API under /api/v1, through FastAPI's TestClient on a small SQLite store."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any, get_args

import pytest
from fastapi import FastAPI

from sitrep.link import ClusterStatus
from sitrep.records import EVENT_TYPE_NAMES, EventType
from sitrep.serve import create_app, reads
from sitrep.serve.pages import TYPE_COLOURS
from sitrep.store import EventQuery, Store
from tests.serve.conftest import LOCAL, STRIKE_SENTENCE, TOKEN, sample_records
from tests.store.builders import event, record

with warnings.catch_warnings():
    # Starlette 1.x asks for httpx2 instead of httpx, which still works (and spaCy brings it).
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url=LOCAL) as test_client:
        yield test_client


def ids(response: Any) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


def test_api_events_come_newest_first_with_article_and_cluster(client: TestClient) -> None:
    body = client.get("/api/v1/events").json()
    assert [item["date"] for item in body["items"]] == [
        "2024-03-05",
        "2024-03-05",
        "2024-02-12",
        "2024-01-19",
    ]
    assert body["next"] is None
    strike = next(item for item in body["items"] if item["id"] == "ev-strike-ap")
    assert strike["article_id"] == "art-strike"
    assert strike["evidence_text"] == STRIKE_SENTENCE
    assert strike["cluster"]["status"] == "disputed"
    assert len(strike["cluster"]["sources"]) == 2


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"type": "protests"}, {"ev-protest"}),
        ({"type": "Protests"}, {"ev-protest"}),  # ACLED's spelling, as `sitrep events` takes
        ({"type": "Battles"}, {"ev-hostile"}),
        ({"country": "ua"}, {"ev-strike-ap", "ev-strike-rtrs"}),
        ({"status": "disputed"}, {"ev-strike-ap", "ev-strike-rtrs"}),
        ({"status": "reported"}, {"ev-protest", "ev-hostile"}),
        ({"actor": "m23"}, {"ev-hostile"}),
        ({"text": "CHECKPOINT"}, {"ev-hostile"}),
        ({"since": "2024-02-01", "until": "2024-02-29"}, {"ev-protest"}),
        ({"lat": 50.0, "lon": 36.2, "radius_km": 10}, {"ev-strike-ap", "ev-strike-rtrs"}),
        ({"article_id": "art-denial"}, {"ev-strike-rtrs"}),
        ({"cluster_id": "ev-strike-ap"}, {"ev-strike-ap", "ev-strike-rtrs"}),
        ({"type": "riots"}, set()),
    ],
)
def test_api_events_filter_by_query_parameters(
    client: TestClient, params: dict[str, Any], expected: set[str]
) -> None:
    assert set(ids(client.get("/api/v1/events", params=params))) == expected


def test_api_events_paginate_with_next(client: TestClient) -> None:
    seen: list[str] = []
    offset: int | None = 0
    while offset is not None:
        body = client.get("/api/v1/events", params={"limit": 3, "offset": offset}).json()
        seen += [item["id"] for item in body["items"]]
        offset = body["next"]
    assert len(seen) == len(set(seen)) == 4
    assert ids(client.get("/api/v1/events", params={"limit": 4})) == seen


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("limit=501", "limit: Input should be less than or equal to 500"),
        ("type=picnic", "type: 'picnic' is not an event type: give sitrep's (battles, "),
        ("since=yesterday", "since: give a date like 2024-03-05"),
        ("until=0.0", "until: give a date like 2024-03-05"),
        ("since=2024-02-30", "since: Input should be a valid date"),
        ("lat=50", "lat and lon go together"),
        ("country=Ukraine", "country: String should match pattern"),
        (f"offset={2**63}", "offset: Input should be less than or equal to 1000000000"),
        ("actor=n)%00qqqq", "actor: control characters are not allowed"),
        ("text=a%0Ab", "text: control characters are not allowed"),
        ("text=%C2%85", "text: control characters are not allowed"),
    ],
)
def test_api_bad_query_parameters_get_422_with_a_message(
    client: TestClient, query: str, message: str
) -> None:
    response = client.get(f"/api/v1/events?{query}")
    assert response.status_code == 422
    assert message in response.json()["error"]["message"]


@pytest.mark.parametrize("path", [f"/api/v1/clusters?offset={2**63}", "/api/v1/events/a%00b"])
def test_api_out_of_range_and_control_characters_get_422_everywhere(
    client: TestClient, path: str
) -> None:
    response = client.get(path)
    assert response.status_code == 422
    assert response.json()["error"]["status"] == 422


def test_api_event_and_article_by_id(client: TestClient) -> None:
    found = client.get("/api/v1/events/ev-protest").json()
    assert found["location"]["name"] == "Khartoum"
    assert found["cluster"]["status"] == "reported"
    article = client.get(f"/api/v1/articles/{found['article_id']}").json()
    assert article["article"]["text"].startswith("KHARTOUM (AFP)")
    assert [e["id"] for e in article["events"]] == ["ev-protest"]


@pytest.mark.parametrize("kind", ["event", "article"])
def test_api_unknown_ids_get_404_in_the_error_shape(client: TestClient, kind: str) -> None:
    response = client.get(f"/api/v1/{kind}s/nope")
    assert response.status_code == 404
    assert response.json() == {"error": {"status": 404, "message": f"no {kind} 'nope'"}}


def test_api_clusters_list_status_sources_and_events(client: TestClient) -> None:
    body = client.get("/api/v1/clusters").json()
    assert len(body["items"]) == 3
    strike = body["items"][0]
    assert strike["status"] == "disputed"
    assert strike["size"] == 2
    assert strike["event_ids"] == ["ev-strike-ap", "ev-strike-rtrs"]
    assert sorted(source["stance"] for source in strike["sources"]) == ["asserts", "denies"]
    assert ids(client.get("/api/v1/clusters", params={"status": "disputed"})) == ["ev-strike-ap"]
    paged = client.get("/api/v1/clusters", params={"limit": 2}).json()
    assert paged["next"] == 2


def test_api_clusters_give_the_history_of_their_status(client: TestClient) -> None:
    # The AP report carries the governor's claim and the ministry's denial: disputed at once.
    strike = client.get("/api/v1/clusters").json()["items"][0]
    history = [{"status": "disputed", "since": "2024-03-05", "article_id": "art-strike",
                "by": "Oleh Syniehubov"}]  # fmt: skip
    assert strike["history"] == history
    assert client.get("/api/v1/events/ev-strike-rtrs").json()["cluster"]["history"] == history


def test_api_search_matches_every_word_across_fields(client: TestClient) -> None:
    # "market" is in both strike reports; "shelling" only in the AP one; the title counts too.
    assert set(ids(client.get("/api/v1/search", params={"q": "kharkiv market"}))) == {
        "ev-strike-ap",
        "ev-strike-rtrs",
    }
    assert ids(client.get("/api/v1/search", params={"q": "Shelling hits"})) == ["ev-strike-ap"]
    assert ids(client.get("/api/v1/search", params={"q": "protesters sd"})) == ["ev-protest"]
    assert ids(client.get("/api/v1/search", params={"q": "100%_"})) == []
    assert client.get("/api/v1/search").status_code == 422


def test_api_timeline_counts_events_per_day_and_type(client: TestClient) -> None:
    body = client.get("/api/v1/timeline").json()
    assert body["total"] == 4
    assert body["days"][-1] == {"date": "2024-03-05", "counts": {"explosions_remote_violence": 2}}
    only_sudan = client.get("/api/v1/timeline", params={"country": "SD"}).json()
    assert only_sudan["days"] == [{"date": "2024-02-12", "counts": {"protests": 1}}]


def test_api_map_gives_points_then_cells_when_there_are_many(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = client.get("/api/v1/map").json()
    assert sorted(point[0] for point in body["points"]) == [
        "ev-hostile",
        "ev-protest",
        "ev-strike-ap",
        "ev-strike-rtrs",
    ]
    east_africa = client.get("/api/v1/map", params={"bbox": "20,-10,40,20"}).json()
    assert {point[0] for point in east_africa["points"]} == {"ev-hostile", "ev-protest"}
    monkeypatch.setattr(reads, "POINT_LIMIT", 1)
    cells = client.get("/api/v1/map", params={"zoom": 3}).json()["cells"]
    assert sum(cell["count"] for cell in cells) == 4
    kharkiv = next(cell for cell in cells if cell["count"] == 2)
    assert kharkiv["lat"] == pytest.approx(49.98081)


def test_api_reads_carry_an_etag_and_answer_304(client: TestClient, store_path: str) -> None:
    first = client.get("/api/v1/events")
    etag = first.headers["etag"]
    assert first.headers["cache-control"] == "no-cache"
    again = client.get("/api/v1/events", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    with Store(store_path) as store:
        store.add(record("art-new", event("ev-new", day="2024-04-01"), published="2024-04-01"))
    changed = client.get("/api/v1/events", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["etag"] != etag
    assert changed.json()["items"][0]["id"] == "ev-new"


def test_api_openapi_document_lists_every_route(client: TestClient) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ("/events", "/events/{event_id}", "/articles/{article_id}", "/clusters", "/search"):
        assert "get" in paths[f"/api/v1{path}"]
    post = paths["/api/v1/articles"]["post"]
    assert "text" in post["requestBody"]["content"]["application/json"]["schema"]["properties"]
    assert {"401", "413", "422"} <= set(post["responses"])


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.2", ""])
def test_api_other_hosts_get_400(client: TestClient, host: str) -> None:
    """A page that rebinds its own name to a loopback server sends that name: it reads nothing."""
    for path in ("/", "/api/v1/events"):
        response = client.get(path, headers={"Host": host})
        assert response.status_code == 400
        assert "not a name of this server" in response.json()["error"]["message"]


@pytest.mark.parametrize("host", ["localhost:8000", "127.0.0.1", "[::1]:8000", "LOCALHOST"])
def test_api_loopback_hosts_are_served(client: TestClient, host: str) -> None:
    assert client.get("/api/v1/events", headers={"Host": host}).status_code == 200


def test_api_allowed_hosts_extend_and_replace_loopback(store_path: str) -> None:
    app = create_app(store_path, allowed_hosts=["sitrep.example.org"])
    with TestClient(app, base_url="http://sitrep.example.org") as client:
        assert client.get("/api/v1/events").status_code == 200
        assert client.get("/api/v1/events", headers={"Host": "localhost"}).status_code == 400
    with TestClient(create_app(store_path, allowed_hosts=["*"])) as client:
        assert client.get("/api/v1/events").status_code == 200


def test_api_every_response_carries_the_security_headers(client: TestClient) -> None:
    for path in ("/", "/api/v1/events", "/static/app.js", "/api/v1/events/nope"):
        headers = client.get(path).headers
        assert "script-src 'self'" in headers["content-security-policy"], path
        assert headers["x-content-type-options"] == "nosniff"


# --- writes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": TOKEN},
        {"Authorization": "Bearer tëst".encode()},
        {"Authorization": "Basic x"},
    ],
)
def test_api_writes_without_the_token_get_401(client: TestClient, headers: dict[str, Any]) -> None:
    response = client.post("/api/v1/articles", json={"text": "x"}, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert "token" in response.json()["error"]["message"]


def test_api_writes_are_refused_when_the_server_has_no_token(store_path: str) -> None:
    with TestClient(create_app(store_path), base_url=LOCAL) as client:
        response = client.post("/api/v1/articles", json={"text": "x"}, headers=AUTH)
    assert response.status_code == 403
    assert "--token" in response.json()["error"]["message"]


@pytest.mark.parametrize("token", ["tëst", " padded", "tab\tin", ""])
def test_api_tokens_are_printable_ascii(store_path: str, token: str) -> None:
    if token:
        with pytest.raises(ValueError, match="printable ASCII"):
            create_app(store_path, token=token)
    else:  # an empty token is no token: no writes
        assert create_app(store_path, token=token).state.config.token is None


def test_api_upload_over_the_limit_gets_413(client: TestClient) -> None:
    response = client.post("/api/v1/articles", json={"text": "word " * 1000}, headers=AUTH)
    assert response.status_code == 413
    assert "4,000 bytes" in response.json()["error"]["message"]


def test_api_upload_over_the_limit_without_content_length_gets_413(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(100):
            yield b"word " * 20
        yield b'"}'

    response = client.post("/api/v1/articles", content=chunks(), headers=AUTH)
    assert response.status_code == 413


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"text": "unfinished', "malformed JSON: Unterminated string"),
        (b"\xff\xfe", "malformed JSON"),
        (b'["text"]', "must be a JSON object"),
        (b"{}", 'give exactly one of "text" and "html"'),
        (b'{"text": "a", "html": "<p>b</p>"}', 'give exactly one of "text" and "html"'),
        (b'{"text": 5}', "text: Input should be a valid string"),
        (b'{"text": "x", "author": "me"}', "author: Extra inputs are not permitted"),
        (b'{"text": "x", "published": "soon"}', "published: Input should be a valid date"),
        (b'{"text": "Too short."}', "no readable text"),
    ],
)
def test_api_bad_uploads_get_422_with_a_message(
    client: TestClient, body: bytes, message: str
) -> None:
    response = client.post(
        "/api/v1/articles", content=body, headers={**AUTH, "Content-Type": "application/json"}
    )
    assert response.status_code == 422
    assert message in response.json()["error"]["message"]


@pytest.mark.parametrize(
    "body", [b"[" * 100_000, b'{"text": ' + b"[" * 50_000 + b"]" * 50_000 + b"}"]
)
def test_api_deeply_nested_uploads_get_422(store_path: str, body: bytes) -> None:
    with TestClient(create_app(store_path, token=TOKEN), base_url=LOCAL) as client:
        response = client.post("/api/v1/articles", content=body, headers=AUTH)
    assert response.status_code == 422
    assert response.json()["error"]["message"] == "malformed JSON: nested too deeply"


UPLOAD = (
    "KYIV, Ukraine (AP) — Russian drones struck an energy facility in Kharkiv on Friday, "
    "killing two workers, the regional governor said."
)


def test_api_upload_processes_and_stores_one_article(client: TestClient) -> None:
    payload = {"text": UPLOAD, "title": "Drones hit Kharkiv", "published": "2024-03-08"}
    response = client.post("/api/v1/articles", json=payload, headers=AUTH)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["stored"] is True
    assert body["event_ids"]
    stored = client.get(f"/api/v1/articles/{body['article_id']}").json()
    assert stored["article"]["title"] == "Drones hit Kharkiv"
    assert stored["article"]["source"]["path"] is None
    listed = ids(client.get("/api/v1/events", params={"article_id": body["article_id"]}))
    assert listed == body["event_ids"]
    again = client.post("/api/v1/articles", json=payload, headers=AUTH)
    assert again.status_code == 200
    assert again.json()["stored"] is False


def test_api_upload_reads_an_html_page_without_a_url(client: TestClient) -> None:
    page = f"<html><head><title>Drones</title></head><body><article><p>{UPLOAD}</p></article></body></html>"
    response = client.post("/api/v1/articles", json={"html": page}, headers=AUTH)
    assert response.status_code == 201, response.text
    stored = client.get(f"/api/v1/articles/{response.json()['article_id']}").json()
    assert stored["article"]["text"].strip() == UPLOAD
    assert stored["article"]["source"]["url"] is None


# --- the page -----------------------------------------------------------------------------


def test_page_has_a_labelled_control_for_every_filter(client: TestClient) -> None:
    page = client.get("/").text
    for name in ("country", "type", "actor", "status", "text", "since", "until"):
        assert f'<label for="f-{name}">' in page
        assert f'id="f-{name}" name="{name}"' in page
    assert '<option value="UA">Ukraine (UA)</option>' in page
    assert "4 articles, 4 events, 3 clusters" in page


def test_page_offers_every_type_and_status_with_the_servers_names_and_colours(
    client: TestClient,
) -> None:
    page = client.get("/").text
    for kind in get_args(EventType):
        name, colour = EVENT_TYPE_NAMES[kind], TYPE_COLOURS[kind]
        assert f'<option value="{kind}">{name}</option>' in page
        assert f'data-type="{kind}" data-colour="{colour}"' in page
    for status in get_args(ClusterStatus):
        assert f'<option value="{status}">{status}</option>' in page


def test_page_escapes_what_it_is_given(store_path: str) -> None:
    app = create_app(store_path, tile_url="https://{s}.tiles.example/{z}/{x}/{y}.png",
                     tile_attribution='"><script>alert(1)</script>')  # fmt: skip
    with TestClient(app, base_url=LOCAL) as client:
        response = client.get("/")
    assert "<script>alert(1)" not in response.text
    assert "&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    assert (
        "img-src 'self' data: https://*.tiles.example"
        in response.headers["content-security-policy"]
    )


def test_page_serves_the_built_script_and_borders(client: TestClient) -> None:
    page = client.get("/").text
    for name in ("app.js", "app.css", "countries-110m.json"):
        assert f"/static/{name}?v=" in page
        assert client.get(f"/static/{name}").status_code == 200
    assert "cdn" not in client.get("/static/app.js").text.lower()


def test_api_reads_agree_on_sqlite_and_postgresql(
    store_location: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The queries the API adds to the store's (timeline, map cells, clusters, search)."""
    with Store(store_location) as store:
        for data in sample_records():
            store.add(data)
        assert reads.timeline(store, EventQuery(status="disputed")).total == 2
        monkeypatch.setattr(reads, "POINT_LIMIT", 1)
        cells = reads.map_view(store, EventQuery(), None, 3).cells
        assert sorted(cell.count for cell in cells) == [1, 1, 2]
        assert len(reads.clusters(store, reads.ClusterQuery(status="reported")).items) == 2
        found = reads.search(store, "market", limit=1)
        assert found.next == 1
        assert reads.countries(store) == ["CD", "SD", "UA"]
