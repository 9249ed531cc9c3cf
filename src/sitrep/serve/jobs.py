"""Uploads processed off the request path, in two lanes, each one article at a time.

spaCy pipelines are not documented as thread-safe, so no two articles are processed at once in
one process: small uploads (most articles) are processed by a worker thread of the server's
process; large ones by a worker thread that hands the processing to a worker process of their
own, so that a large upload never holds back a small one. A request never waits for its turn
in a thread of its own: it queues a job and either answers at once (202) or awaits the job's
future, which holds no thread. So a large upload delays only the large uploads queued after it,
never the reads (which run in the server's thread pool), the small uploads, nor the answer to
another upload that asked not to wait.
"""

from __future__ import annotations

import logging
import queue
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from typing import Literal, TypeVar

from sitrep.errors import InputError
from sitrep.serve.upload import ArticleOut

logger = logging.getLogger(__name__)

JobStatus = Literal["queued", "running", "done", "failed"]
Work = Callable[[], ArticleOut]
_In = TypeVar("_In")
_Out = TypeVar("_Out")

# Uploads waiting for the worker beyond this many are refused (503) until it catches up.
QUEUE_CAPACITY = 100
# Jobs remembered for GET /api/v1/jobs/{id}; past this many the oldest finished ones are dropped.
KEPT_JOBS = 1000
# An upload of this many bytes or more goes to the large lane: a long article takes seconds to
# process (about 0.25 s per 1,000 words on one core, ``bench.length``), a short one a fraction.
LARGE_UPLOAD_BYTES = 100_000


@dataclass(frozen=True, slots=True)
class Job:
    """One upload: ``id`` is random (unguessable), ``future`` gives its result or its error."""

    id: str
    future: Future[ArticleOut]

    @property
    def status(self) -> JobStatus:
        if self.future.done():
            return "failed" if self.error is not None else "done"
        return "running" if self.future.running() else "queued"

    @property
    def error(self) -> BaseException | None:
        """What the job failed with: ``CancelledError`` when the server stopped before its turn."""
        if self.future.cancelled():
            return CancelledError()
        return self.future.exception() if self.future.done() else None


class UploadQueue:
    """Jobs run in the order they came, by a worker thread started with the first one."""

    def __init__(self, capacity: int = QUEUE_CAPACITY) -> None:
        self._waiting: queue.Queue[tuple[Job, Work] | None] = queue.Queue(capacity)
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._worker: threading.Thread | None = None

    def submit(self, work: Work) -> Job:
        """Queue ``work``; raises ``queue.Full`` when ``capacity`` jobs are already waiting."""
        job = Job(secrets.token_urlsafe(16), Future())
        self._waiting.put_nowait((job, work))
        with self._lock:
            self._jobs[job.id] = job
            self._forget_old_jobs()
            if self._worker is None:
                self._worker = threading.Thread(
                    target=self._run, name="sitrep-uploads", daemon=True
                )
                self._worker.start()
        return job

    def job(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def close(self) -> None:
        """Cancel the jobs still waiting and stop the worker after the job in hand."""
        with self._lock:
            worker, self._worker = self._worker, None
        while True:
            try:
                waiting = self._waiting.get_nowait()
            except queue.Empty:
                break
            if waiting is not None:
                waiting[0].future.cancel()
        if worker is not None:
            self._waiting.put(None)
            worker.join()

    def _forget_old_jobs(self) -> None:
        while len(self._jobs) > KEPT_JOBS:
            oldest = next(iter(self._jobs.values()))
            if not oldest.future.done():
                return
            self._jobs.popitem(last=False)

    def _run(self) -> None:
        while (waiting := self._waiting.get()) is not None:
            job, work = waiting
            if not job.future.set_running_or_notify_cancel():
                continue
            try:
                job.future.set_result(work())
            except Exception as exc:  # the job's error, given to whoever asks for it
                if not isinstance(exc, InputError):
                    logger.exception("upload %s failed", job.id)
                job.future.set_exception(exc)


Lane = Literal["small", "large"]


class UploadLanes:
    """The two lanes: small uploads processed in this process, large ones in a worker process
    (started at the first large upload: loading its models takes a few seconds)."""

    def __init__(
        self, capacity: int = QUEUE_CAPACITY, large_bytes: int = LARGE_UPLOAD_BYTES
    ) -> None:
        self.small = UploadQueue(capacity)
        self.large = UploadQueue(capacity)
        self.large_bytes = large_bytes
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def lane(self, size: int) -> Lane:
        """The lane of an upload of ``size`` bytes."""
        return "large" if size >= self.large_bytes else "small"

    def submit(self, work: Work, lane: Lane) -> Job:
        """Queue ``work`` in ``lane``; raises ``queue.Full`` when that lane is full."""
        return (self.large if lane == "large" else self.small).submit(work)

    def job(self, job_id: str) -> Job | None:
        return self.small.job(job_id) or self.large.job(job_id)

    def apart(self, task: Callable[[_In], _Out], item: _In) -> _Out:
        """``task(item)`` run in the worker process (``task`` must be importable there)."""
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(1, mp_context=get_context("spawn"))
            pool = self._pool
        return pool.submit(task, item).result()

    def close(self) -> None:
        self.small.close()
        self.large.close()
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(cancel_futures=True)
