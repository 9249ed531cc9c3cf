"""Uploads are processed off the request path: a slow one holds back neither reads nor the
answer to another upload, and its job tells how it went.

The slow upload is made slow at the seam ``api.store_article`` (the worker's work), which waits
for the test to release it; the app is driven in process by httpx's ASGI transport, so that
many requests are in flight at once.
"""

from __future__ import annotations

import dataclasses
import os
import threading
from collections.abc import AsyncIterator, Iterator
from typing import Any

import anyio
import httpx
import pytest
from fastapi import FastAPI

from sitrep.serve import api
from sitrep.serve.jobs import UploadLanes
from sitrep.serve.upload import ArticleIn, ArticleOut, processed, store_article
from sitrep.store import Store
from tests.serve.conftest import LOCAL, TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
ASYNC = {**AUTH, "Prefer": "respond-async"}
# More uploads waiting at once than the server's thread pool has threads (40).
WAITING_UPLOADS = 45
# An answer that comes within this is prompt; one held behind the slow upload never comes.
PROMPT_S = 5.0


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def release() -> Iterator[threading.Event]:
    """Set to let the slow upload finish (and set at the end in any case)."""
    event = threading.Event()
    yield event
    event.set()


@pytest.fixture
def slow(monkeypatch: pytest.MonkeyPatch, release: threading.Event) -> threading.Event:
    """Processing waits for ``release`` on the upload whose text says "slow"; returns the event
    set when that upload is being processed."""
    started = threading.Event()

    def store_article(_store: Store, upload: ArticleIn, _max_bytes: int) -> ArticleOut:
        if upload.text == "slow":
            started.set()
            release.wait(30)
        return ArticleOut(article_id=f"art-{upload.text}", stored=True, event_ids=[])

    monkeypatch.setattr(api, "store_article", store_article)
    return started


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=LOCAL, timeout=60) as http:
        yield http


async def post(client: httpx.AsyncClient, text: str, headers: dict[str, str]) -> httpx.Response:
    return await client.post("/api/v1/articles", json={"text": text}, headers=headers)


async def finished_job(client: httpx.AsyncClient, location: str) -> dict[str, Any]:
    while True:
        job: dict[str, Any] = (await client.get(location, headers=AUTH)).json()
        if job["status"] in ("done", "failed"):
            return job
        await anyio.sleep(0.02)


@pytest.mark.anyio
async def test_uploads_a_slow_one_holds_back_neither_reads_nor_other_uploads(
    client: httpx.AsyncClient, slow: threading.Event, release: threading.Event
) -> None:
    answers: list[httpx.Response] = []

    async def upload(text: str) -> None:
        answers.append(await post(client, text, AUTH))

    async with anyio.create_task_group() as waiting:
        waiting.start_soon(upload, "slow")
        await anyio.to_thread.run_sync(slow.wait, 10)
        for number in range(WAITING_UPLOADS):
            waiting.start_soon(upload, f"queued-{number}")
        await anyio.sleep(0.2)  # every upload is in and waiting for its turn
        with anyio.fail_after(PROMPT_S):
            read = await client.get("/api/v1/events")
            small = await post(client, "small", ASYNC)
            queued = (await client.get(small.headers["location"], headers=AUTH)).json()
        release.set()
    assert read.status_code == 200
    assert small.status_code == 202
    assert small.json()["status"] == "queued"
    assert queued["status"] == "queued"
    assert sorted(answer.status_code for answer in answers) == [201] * (WAITING_UPLOADS + 1)
    with anyio.fail_after(PROMPT_S):
        job = await finished_job(client, small.headers["location"])
    assert job["result"] == {"article_id": "art-small", "stored": True, "event_ids": []}


@pytest.mark.anyio
async def test_uploads_a_job_that_fails_says_why(client: httpx.AsyncClient) -> None:
    accepted = await post(client, "Too short.", ASYNC)
    assert accepted.status_code == 202
    assert accepted.headers["preference-applied"] == "respond-async"
    with anyio.fail_after(PROMPT_S):
        job = await finished_job(client, accepted.headers["location"])
    assert job["status"] == "failed"
    assert job["error"]["status"] == 422
    assert "no readable text" in job["error"]["message"]


@pytest.mark.anyio
async def test_uploads_jobs_need_the_token_and_unknown_ones_get_404(
    client: httpx.AsyncClient,
) -> None:
    accepted = await post(client, "Too short.", ASYNC)
    assert (await client.get(accepted.headers["location"])).status_code == 401
    unknown = await client.get("/api/v1/jobs/nope", headers=AUTH)
    assert unknown.json() == {"error": {"status": 404, "message": "no job 'nope'"}}


@pytest.mark.anyio
async def test_uploads_over_the_queue_capacity_get_503(
    app: FastAPI, client: httpx.AsyncClient, slow: threading.Event, release: threading.Event
) -> None:
    app.state.config = dataclasses.replace(app.state.config, uploads=UploadLanes(capacity=1))
    await post(client, "slow", ASYNC)
    await anyio.to_thread.run_sync(slow.wait, 10)
    assert (await post(client, "waits", ASYNC)).status_code == 202
    refused = await post(client, "one too many", ASYNC)
    assert refused.status_code == 503
    assert refused.headers["retry-after"] == "30"
    assert "too many uploads" in refused.json()["error"]["message"]
    release.set()
    app.state.config.uploads.close()


@pytest.mark.anyio
async def test_uploads_a_large_one_in_hand_holds_back_no_small_one(
    app: FastAPI,
    client: httpx.AsyncClient,
    monkeypatch: pytest.MonkeyPatch,
    release: threading.Event,
) -> None:
    """A large upload goes to a lane of its own: while it is being processed, a small upload
    is processed and answered."""
    app.state.config = dataclasses.replace(app.state.config, uploads=UploadLanes(large_bytes=1000))
    started = threading.Event()

    def store_article(
        _store: Store, upload: ArticleIn, _max_bytes: int, *_processor: object
    ) -> ArticleOut:
        if _processor:  # the large lane's
            started.set()
            release.wait(30)
        return ArticleOut(article_id=f"art-{len(upload.text or '')}", stored=True, event_ids=[])

    monkeypatch.setattr(api, "store_article", store_article)
    large = await post(client, "x" * 2000, ASYNC)
    await anyio.to_thread.run_sync(started.wait, 10)
    with anyio.fail_after(PROMPT_S):
        small = await post(client, "small", AUTH)
    assert large.status_code == 202 and small.status_code == 201
    assert (await client.get(large.headers["location"], headers=AUTH)).json()["status"] == (
        "running"
    )
    release.set()
    with anyio.fail_after(PROMPT_S):
        assert (await finished_job(client, large.headers["location"]))["status"] == "done"
    app.state.config.uploads.close()


def test_uploads_a_large_one_is_processed_in_a_worker_process(store_path: str) -> None:
    """The large lane's processing really runs in a process of its own, and what it finds is
    stored as a small upload's would be."""
    lanes = UploadLanes(large_bytes=1000)
    text = (
        "KYIV, Ukraine (AP) — Russian forces shelled the city of Kharkiv on Monday, killing "
        "three civilians, the regional governor said.\n\n"
    ) + "Residents said the shelling had lasted for hours. " * 30
    upload = ArticleIn(text=text)
    store = Store(store_path)
    try:
        worker = lanes.apart(_process_id, None)
        result = store_article(store, upload, 100_000, lambda a: lanes.apart(processed, a))
    finally:
        lanes.close()
        store.close()
    assert worker != os.getpid()
    assert result.stored and result.event_ids


def _process_id(_: object) -> int:
    return os.getpid()
