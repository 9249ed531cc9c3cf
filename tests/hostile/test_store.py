"""Concurrent writers: processes that open a new store at once and store the same or different
articles at once (``sitrep ingest`` runs, the web app's uploads) all succeed, store each article
once and link its events as one process would.

Every test runs real processes (spawned, so nothing is shared but the database) on SQLite and
on PostgreSQL (a new database each, see ``tests/store/conftest.py``).
"""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from sitrep.records import PortableRecord
from sitrep.store import EventQuery, Store, iter_events
from sitrep.store.tables import SourceRow
from tests.store.conftest import event, record, store_location

__all__ = ["store_location"]

KHARKIV = ("Kharkiv", 49.98081, 36.25272)
ODESA = ("Odesa", 46.47747, 30.73262)
ARTICLES = 8


def corpus() -> list[PortableRecord]:
    """Eight articles, each with one event: the even ones report a strike in Kharkiv, the odd
    ones a strike in Odesa, so linking makes two clusters of four whatever the order."""
    return [
        record(
            f"a{number}",
            event(f"e{number}", place=ODESA if number % 2 else KHARKIV),
            url=f"https://news.example.org/{number}",
        )
        for number in range(ARTICLES)
    ]


def store_all(location: str, records: list[PortableRecord], start: Any) -> None:
    """One writer process: wait for the others, open the (new) store and add every record."""
    start.wait(timeout=60)
    with Store(location) as store:
        for data in records:
            store.add(data)


def run_writers(location: str, shares: list[list[PortableRecord]]) -> list[int | None]:
    """Start one process per share at the same moment; their exit codes."""
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(len(shares))
    processes = [
        context.Process(target=store_all, args=(location, share, start)) for share in shares
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
        if process.is_alive():  # stuck: fail the test, leave no process behind
            process.kill()
            process.join()
    return [process.exitcode for process in processes]


def contents(location: str) -> tuple[dict[str, int], int, list[list[str]]]:
    """The store's counts, its sources, and its clusters as sorted lists of event ids."""
    with Store(location) as store:
        with store.session() as session:
            sources = session.scalar(select(func.count()).select_from(SourceRow)) or 0
        clusters: dict[str, list[str]] = {}
        for data in iter_events(store, EventQuery()):
            clusters.setdefault(data.cluster.id, []).append(data.event.id)
        return store.counts(), sources, sorted(sorted(ids) for ids in clusters.values())


EXPECTED = (
    {"articles": ARTICLES, "events": ARTICLES, "clusters": 2},
    ARTICLES,
    [["e0", "e2", "e4", "e6"], ["e1", "e3", "e5", "e7"]],
)


@pytest.mark.parametrize("processes", [2, 4])
@pytest.mark.parametrize("inputs", ["same", "disjoint"])
def test_processes_writing_a_new_store_at_once_store_every_article_once(
    store_location: str, processes: int, inputs: str
) -> None:
    records = corpus()
    if inputs == "same":
        shares = [records] * processes
    else:
        shares = [records[number::processes] for number in range(processes)]
    assert run_writers(store_location, shares) == [0] * processes
    assert contents(store_location) == EXPECTED
    with Store(store_location) as store:
        assert not any(store.add(data).stored for data in records)
    assert contents(store_location) == EXPECTED


def test_two_ingests_of_the_same_texts_at_once_both_succeed(
    store_location: str, tmp_path: Path
) -> None:
    inputs = tmp_path / "corpus"
    inputs.mkdir()
    for town in ("Kharkiv", "Odesa"):
        (inputs / f"{town}.txt").write_text(
            f"{town.upper()}, Ukraine (AP) — Russian shelling killed two civilians in {town} "
            "on Tuesday, the regional governor said.\n",
            encoding="utf-8",
        )
    command = [sys.executable, "-m", "sitrep", "ingest", str(inputs), "--db", store_location]
    command += ["--workers", "1"]
    runs = [subprocess.Popen(command, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    errors = [run.communicate(timeout=120)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], errors
    with Store(store_location) as store:
        first = store.counts()
    assert first["articles"] == 2
    again = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert "0 article(s) stored" in again.stderr and "2 already stored" in again.stderr
    with Store(store_location) as store:
        assert store.counts() == first
