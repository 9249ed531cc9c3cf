"""Uploads processed off the request path, one at a time, by one worker thread.

spaCy pipelines are not documented as thread-safe, so articles are processed in turn. A request
never waits for its turn in a thread of its own: it queues a job and either answers at once
(202) or awaits the job's future, which holds no thread. So a large upload delays only the
uploads queued after it, never the reads (which run in the server's thread pool) nor the answer
to another upload that asked not to wait.
"""

from __future__ import annotations

import logging
import queue
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import CancelledError, Future
from dataclasses import dataclass
from typing import Literal

from sitrep.errors import InputError
from sitrep.serve.upload import ArticleOut

logger = logging.getLogger(__name__)

JobStatus = Literal["queued", "running", "done", "failed"]
Work = Callable[[], ArticleOut]

# Uploads waiting for the worker beyond this many are refused (503) until it catches up.
QUEUE_CAPACITY = 100
# Jobs remembered for GET /api/v1/jobs/{id}; past this many the oldest finished ones are dropped.
KEPT_JOBS = 1000


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
