"""Speed of the web app on a store of 100,000 events: API reads and the page's first render.

    python -m bench.web [--events 100000] [--repeat 15] [--renders 7] [--out bench/out]

The store is ``bench.store``'s synthetic one (40 countries, two years, every type), kept in
``bench/out/web-store.db`` and rebuilt only when its size differs. The app runs under uvicorn
on a loopback port, as ``sitrep serve`` runs it. Each API read is timed at the client (HTTP
included), ``--repeat`` times, median reported. The first render is timed in Debian's chromium
(``SITREP_TEST_CHROMIUM`` or ``chromium`` on the PATH) through Playwright, each time in a fresh
browser context (empty cache): from navigation start to the first paint with content, and to
the page being ready (map, timeline and the first 100 table rows drawn).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from rich.console import Console
from rich.table import Table

from bench.store import fill_store
from sitrep.serve import create_app
from sitrep.store import Store

ROOT = Path(__file__).resolve().parent.parent
# Headless chromium on a machine with no outside network: no background connections (the
# browser tests launch it with these flags too).
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
# The reads the page makes on load, then the other routes with filters the issue names.
READS = {
    "GET / (the page's HTML)": "/",
    "events, newest 100": "/api/v1/events?limit=100",
    "events, country + type": "/api/v1/events?country=AH&type=battles&limit=100",
    "events, status disputed": "/api/v1/events?status=disputed&limit=100",
    "events, actor": "/api/v1/events?actor=group%2042&limit=100",
    "events, text": "/api/v1/events?text=checkpoint%20police&limit=100",
    "events, page at offset 5,000": "/api/v1/events?limit=100&offset=5000",
    "event by id": "/api/v1/events/{event_id}",
    "article by id": "/api/v1/articles/{article_id}",
    "clusters, newest 50": "/api/v1/clusters",
    "search q=checkpoint police": "/api/v1/search?q=checkpoint%20police",
    "timeline, whole store": "/api/v1/timeline",
    "timeline, one country": "/api/v1/timeline?country=AH",
    "map, world (zoom 2)": "/api/v1/map?bbox=-180,-85,180,85&zoom=2",
    "map, one region (zoom 6)": "/api/v1/map?bbox={region}&zoom=6",
}


def open_store(path: Path, events: int) -> str:
    """The benchmark store at ``path``, filled with ``events`` events unless it already is."""
    location = str(path)
    if path.exists():
        with Store(location) as store:
            if store.counts()["events"] == events:
                return location
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    fill_store(location, events).close()
    return location


@contextmanager
def serving(location: str, token: str | None = None) -> Iterator[str]:
    """The app on the store at ``location``, served by uvicorn in a thread on a free port (the
    browser tests serve it the same way)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(location, token=token)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _median_ms(timings: list[float]) -> float:
    return round(statistics.median(timings) * 1000, 1)


def time_reads(base: str, repeat: int) -> dict[str, dict[str, Any]]:
    results: dict[str, dict[str, Any]] = {}
    with httpx.Client(base_url=base, timeout=60) as client:
        first = client.get("/api/v1/events?limit=1").json()["items"][0]
        location = first["location"]
        lat, lon = location["lat"], location["lon"]
        region = f"{lon - 4},{lat - 3},{lon + 4},{lat + 3}"
        fill = {"event_id": first["id"], "article_id": first["article_id"], "region": region}
        for name, template in READS.items():
            path = template.format(**fill)
            timings, size = [], 0
            for _ in range(repeat):
                started = time.perf_counter()
                response = client.get(path)
                timings.append(time.perf_counter() - started)
                response.raise_for_status()
                size = len(response.content)
            results[name] = {"ms": _median_ms(timings), "bytes": size}
        results["events, newest 100, 304 revalidation"] = _revalidation(client, repeat)
    return results


def _revalidation(client: httpx.Client, repeat: int) -> dict[str, Any]:
    etag = client.get("/api/v1/events?limit=100").headers["etag"]
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get("/api/v1/events?limit=100", headers={"If-None-Match": etag})
        timings.append(time.perf_counter() - started)
        assert response.status_code == 304
    return {"ms": _median_ms(timings), "bytes": 0}


def time_renders(url: str, renders: int, chromium: str) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    ready, painted = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
        for _ in range(renders + 1):  # the first warms the server's caches and is not counted
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            page = context.new_page()
            page.goto(url)
            page.wait_for_selector("body[data-ready]", timeout=60_000)
            marks = page.evaluate(
                "() => ({ready: performance.getEntriesByName('sitrep-ready')[0].startTime,"
                " paint: performance.getEntriesByName('first-contentful-paint')[0].startTime})"
            )
            ready.append(marks["ready"])
            painted.append(marks["paint"])
            context.close()
        browser.close()
    return {
        "first_contentful_paint_ms": round(statistics.median(painted[1:]), 1),
        "ready_ms": round(statistics.median(ready[1:]), 1),
        "ready_ms_all": [round(value, 1) for value in ready[1:]],
    }


def _chromium() -> str | None:
    return os.environ.get("SITREP_TEST_CHROMIUM") or shutil.which("chromium")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--renders", type=int, default=7)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    location = open_store(args.out / "web-store.db", args.events)
    report: dict[str, Any] = {
        "events": args.events,
        "machine": f"{platform.platform()}, {os.cpu_count()} cores",
    }
    with serving(location) as base:
        report["reads"] = time_reads(base, args.repeat)
        chromium = _chromium()
        report["render"] = time_renders(f"{base}/", args.renders, chromium) if chromium else None
    (args.out / "web.json").write_text(json.dumps(report, indent=2) + "\n")
    _print(report)


def _print(report: dict[str, Any]) -> None:
    table = Table(title=f"The web app on {report['events']:,} events (median ms)")
    table.add_column("read")
    table.add_column("ms", justify="right")
    table.add_column("bytes", justify="right")
    for name, result in report["reads"].items():
        table.add_row(name, f"{result['ms']:.1f}", f"{result['bytes']:,}")
    console = Console()
    console.print(table)
    render = report["render"]
    if render is None:
        console.print("first render: not measured (no chromium; set SITREP_TEST_CHROMIUM)")
    else:
        console.print(
            f"first render: first contentful paint {render['first_contentful_paint_ms']:.0f} ms, "
            f"ready (map, timeline, table) {render['ready_ms']:.0f} ms"
        )


if __name__ == "__main__":
    main()
