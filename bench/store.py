"""Query speed of the event store on 100,000 events, SQLite and PostgreSQL.

    python -m bench.store [--events 100000] [--postgres URL] [--repeat 7] [--out bench/out]

The store is filled with synthetic events (``fill_store``): articles of five events each,
spread over 40 countries, two years, every event type, 60 actors, every cluster status, with
evidence sentences of realistic length. Rows go in by bulk insert (the linking of ``Store.add``
is not what is measured here). Each query of ``sitrep events`` runs ``--repeat`` times; the
median wall time is reported, with the filters the issue names. PostgreSQL is measured when
``--postgres`` (or ``SITREP_BENCH_POSTGRES_URL``) gives a server; the database is created and
dropped by the benchmark.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

from sitrep.batching import batched
from sitrep.records import PortableEvent
from sitrep.store import EventQuery, Near, Store, find_events, get_event
from sitrep.store.db import _event_row, _LinkKeys  # the rows Store.add writes
from sitrep.store.tables import ArticleRow, ClusterRow, EventRow

ROOT = Path(__file__).resolve().parent.parent
TYPES = (
    "battles",
    "explosions_remote_violence",
    "violence_against_civilians",
    "protests",
    "riots",
    "strategic_developments",
    "statement",
)
STATUSES = ("reported", "reported", "reported", "claimed", "disputed", "confirmed")
EVENTS_PER_ARTICLE = 5
WORDS = [
    "shelling",
    "hit",
    "residential",
    "district",
    "overnight",
    "regional",
    "governor",
    "said",
    "rescuers",
    "searched",
    "rubble",
    "drone",
    "strike",
    "market",
    "village",
    "fighters",
    "attacked",
    "checkpoint",
    "police",
    "dispersed",
    "protesters",
    "capital",
    "demanded",
    "release",
    "army",
    "said",
    "positions",
    "captured",
    "town",
    "officials",
    "denied",
]


def _countries(rng: random.Random) -> list[tuple[str, float, float]]:
    codes = [f"{chr(65 + n // 26)}{chr(65 + n % 26)}" for n in range(40)]  # AA, AB, … BN
    return [(code, rng.uniform(-30, 55), rng.uniform(-80, 120)) for code in codes]


def synthetic_events(count: int, seed: int = 7) -> Iterator[dict[str, Any]]:
    """``count`` event objects as SCHEMA.md gives them, reproducibly random."""
    rng = random.Random(seed)
    countries = _countries(rng)
    actors = [f"Armed Group {n}" for n in range(60)]
    start = date(2023, 1, 1)
    for number in range(count):
        country, lat, lon = rng.choice(countries)
        evidence = " ".join(rng.choices(WORDS, k=rng.randint(18, 40))).capitalize() + "."
        killed = rng.choice((None, None, 0, 1, 2, 5, 12))
        yield {
            "id": f"{number:016x}",
            "type": rng.choice(TYPES),
            "subtype": None,
            "plover": None,
            "date": (start + timedelta(days=rng.randrange(730))).isoformat(),
            "date_precision": "day",
            "location": {
                "text": f"Town {number % 5000}",
                "geonameid": None,  # synthetic towns: no gazetteer row
                "name": f"Town {number % 5000}",
                "lat": lat + rng.uniform(-3, 3),
                "lon": lon + rng.uniform(-3, 3),
                "country": country,
                "admin1": str(rng.randrange(20)),
                "precision": "exact",
            },
            "actor1": {"name": rng.choice(actors), "kind": "rebels", "country": country},
            "actor2": None,
            "fatalities": {"best": killed, "low": killed, "high": killed, "text": None},
            "claim": {"by": None, "by_title": None, "status": "reported", "disputed_by": []},
            "evidence": [{"start": 0, "end": len(evidence)}],
            "background": rng.random() < 0.1,
            "confidence": 0.5,
            "_evidence_text": evidence,
            "_status": rng.choice(STATUSES),
        }


def fill_store(location: str, events: int, *, batch: int = 5000) -> Store:
    """A store at ``location`` holding ``events`` synthetic events (bulk insert)."""
    store = Store(location)
    insert_synthetic(store, events, batch=batch)
    return store


def insert_synthetic(store: Store, events: int, *, batch: int = 5000) -> None:
    """``events`` synthetic events in ``store`` by bulk insert, each in a cluster of its own,
    with every column ``Store.add`` writes (the linking keys among them: ``_event_row``)."""
    now = datetime.now(UTC).replace(tzinfo=None)
    for chunk in batched(synthetic_events(events), batch):
        _insert(store, chunk, now)


_NO_DAYS = _LinkKeys(published=None, named_days=())  # synthetic articles name no other day


def _insert(store: Store, events: list[dict[str, Any]], now: datetime) -> None:
    articles: dict[str, dict[str, Any]] = {}
    event_rows: list[dict[str, Any]] = []
    clusters: list[dict[str, Any]] = []
    for event in events:
        evidence_text = event.pop("_evidence_text")
        status = event.pop("_status")
        article_id = f"{int(event['id'], 16) // EVENTS_PER_ARTICLE:015x}a"
        articles.setdefault(article_id, _article(article_id, event, evidence_text, now))
        event_rows.append(
            _event_row(article_id, evidence_text, PortableEvent.from_dict(event), _NO_DAYS)
        )
        clusters.append(
            {
                "id": event["id"],
                "status": status,
                "type": event["type"],
                "date": date.fromisoformat(event["date"]),
                "size": 1,
                "sources": {"reports": [{"article_id": article_id, "stance": "reports"}]},
            }
        )
    with store.session() as session:
        statement = insert(ArticleRow).prefix_with(_ignore(store))
        session.execute(statement, list(articles.values()))
        session.execute(insert(EventRow), event_rows)
        session.execute(insert(ClusterRow), clusters)


def _ignore(store: Store) -> str:
    return "OR IGNORE" if store.url.get_backend_name() == "sqlite" else ""


def _article(article_id: str, event: dict[str, Any], text: str, now: datetime) -> dict[str, Any]:
    return {
        "id": article_id,
        "text": text,
        "title": None,
        "outlet": "Example News",
        "published": date.fromisoformat(event["date"]),
        "published_basis": "given",
        "record": {"article": {"id": article_id, "text": text}},
        "ingested_at": now,
    }


QUERIES: dict[str, EventQuery] = {
    "newest 100 (no filter)": EventQuery(limit=100),
    "country": EventQuery(country="AH", limit=100),
    "type + date range": EventQuery(
        type="battles", since=date(2024, 3, 1), until=date(2024, 3, 31), limit=100
    ),
    "near (50 km)": EventQuery(limit=100),  # point set per store below
    "actor": EventQuery(actor="group 42", limit=100),
    "status": EventQuery(status="disputed", limit=100),
    "text": EventQuery(text="checkpoint police", limit=100),
    "all filters": EventQuery(
        country="AH", type="battles", since=date(2023, 6, 1), status="reported", limit=100
    ),
    "page 50 (offset 5,000)": EventQuery(limit=100, offset=5000),
}


def _time(run: Callable[[], object], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000


def measure(store: Store, repeat: int) -> dict[str, dict[str, float]]:
    near_event = next(iter(find_events(store, EventQuery(limit=1)).items)).event
    location = near_event.location  # every generated event is placed
    assert location is not None and location.lat is not None and location.lon is not None
    results: dict[str, dict[str, float]] = {}
    for name, query in QUERIES.items():
        if name.startswith("near"):
            query = EventQuery(near=Near(location.lat, location.lon, 50), limit=100)
        found = len(find_events(store, query).items)
        milliseconds = _time(lambda q=query: find_events(store, q), repeat)  # type: ignore[misc]
        results[name] = {"ms": milliseconds, "found": found}
    event_id = near_event.id
    results["one event by id"] = {
        "ms": _time(lambda: get_event(store, event_id), repeat),
        "found": 1,
    }
    return results


def _postgres_database(url: str) -> tuple[str, Callable[[], None]]:
    name = f"sitrep_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()

    return make_url(url).set(database=name).render_as_string(hide_password=False), drop


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--postgres", default=os.environ.get("SITREP_BENCH_POSTGRES_URL"))
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {"events": args.events, "machine": platform.platform()}
    backends: list[tuple[str, str, Callable[[], None]]] = []
    sqlite_path = args.out / "bench-store.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{sqlite_path}{suffix}").unlink(missing_ok=True)
    backends.append(("sqlite", str(sqlite_path), lambda: None))
    if args.postgres:
        location, drop = _postgres_database(args.postgres)
        backends.append(("postgresql", location, drop))
    for backend, location, cleanup in backends:
        try:
            started = time.perf_counter()
            with fill_store(location, args.events) as store:
                fill_seconds = time.perf_counter() - started
                report[backend] = {"fill_s": fill_seconds, "queries": measure(store, args.repeat)}
        finally:
            cleanup()
    (args.out / "store.json").write_text(json.dumps(report, indent=2) + "\n")
    _print(report, [name for name, _, _ in backends])


def _print(report: dict[str, Any], backends: list[str]) -> None:
    table = Table(title=f"Queries on {report['events']:,} events (median ms)")
    table.add_column("query")
    for backend in backends:
        table.add_column(backend, justify="right")
        table.add_column("found", justify="right")
    for name in report[backends[0]]["queries"]:
        cells = []
        for backend in backends:
            result = report[backend]["queries"][name]
            cells += [f"{result['ms']:.1f}", str(int(result["found"]))]
        table.add_row(name, *cells)
    Console().print(table)


if __name__ == "__main__":
    main()
