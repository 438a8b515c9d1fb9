"""Long computations off the window's thread, with progress and cancel.

A fit of many wells, a bootstrap of P-bands or a set of nodal sensitivities takes seconds;
run on the Qt thread it would freeze the window (and the alarm banner with it). A
:class:`JobRunner` runs one computation at a time in a worker thread: the work function gets a
:class:`Progress` to report ``(fraction, text)`` and to learn it was cancelled; the runner's
events fire on the asyncio (qasync = Qt) thread, so the widgets update safely.

Threads, not processes: numpy/scipy release the GIL in their kernels and Python switches
threads every few milliseconds, which keeps the window responsive; a process pool would cost
a second of interpreter start per job and needs picklable inputs.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Generic, TypeVar

from hmi.components.events import Event

T = TypeVar("T")
log = logging.getLogger(__name__)
_executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="engineering")


class Cancelled(Exception):
    """Raised inside the work function by :meth:`Progress.__call__` after a cancel."""


class Progress:
    """What the work function calls to report progress; raises :class:`Cancelled` once the
    user cancelled, so the work stops at its next report."""

    def __init__(self, loop: asyncio.AbstractEventLoop,
                 report: Callable[[float, str], None]) -> None:
        self._loop = loop
        self._report = report
        self._cancel = threading.Event()

    def __call__(self, fraction: float, text: str = "") -> None:
        if self._cancel.is_set():
            raise Cancelled
        self._loop.call_soon_threadsafe(self._report, min(max(fraction, 0.0), 1.0), text)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class Job(Generic[T]):
    """One run: its progress object and its asyncio future."""

    def __init__(self, name: str, progress: Progress, future: asyncio.Future[T]) -> None:
        self.name = name
        self.progress = progress
        self.future = future

    def cancel(self) -> None:
        self.progress.cancel()


class JobRunner:
    """Runs one job at a time for a window; starting another cancels the one running.

    Events (on the loop's thread): ``started(name)``, ``progressed(fraction, text)``,
    ``finished(name, result)``, ``failed(name, message)``, ``cancelled(name)``. A work
    function's ``ValueError`` is the user's input being wrong: its message is shown as is.
    """

    def __init__(self) -> None:
        self.started = Event()
        self.progressed = Event()
        self.finished = Event()
        self.failed = Event()
        self.cancelled = Event()
        self.current: Job[Any] | None = None

    @property
    def busy(self) -> bool:
        return self.current is not None and not self.current.future.done()

    def start(self, name: str, work: Callable[..., T], *args: Any,
              on_done: Callable[[T], None] | None = None) -> Job[T]:
        """Run ``work(progress, *args)`` in the worker; ``on_done(result)`` then ``finished``
        on success. Returns the job (await ``job.future`` for the result)."""
        if self.current is not None:
            self.current.cancel()
        loop = asyncio.get_event_loop()
        progress = Progress(loop, lambda f, t: self._progress(job, f, t))
        fut: asyncio.Future[T] = loop.run_in_executor(_executor, work, progress, *args)
        job: Job[T] = Job(name, progress, fut)
        self.current = job
        self.started.emit(name)
        fut.add_done_callback(lambda f: self._done(job, f, on_done))
        return job

    def cancel(self) -> None:
        if self.current is not None:
            self.current.cancel()

    def _progress(self, job: Job[Any], fraction: float, text: str) -> None:
        if job is self.current and not job.progress.cancelled:
            self.progressed.emit(fraction, text)

    def _done(self, job: Job[T], fut: asyncio.Future[T],
              on_done: Callable[[T], None] | None) -> None:
        if job is not self.current:
            return  # superseded: its result is stale
        self.current = None
        if fut.cancelled() or job.progress.cancelled:
            self.cancelled.emit(job.name)
            return
        exc = fut.exception()
        if isinstance(exc, Cancelled):
            self.cancelled.emit(job.name)
        elif isinstance(exc, ValueError):
            self.failed.emit(job.name, str(exc))
        elif exc is not None:
            log.error("engineering job %s failed", job.name, exc_info=exc)
            self.failed.emit(job.name, f"{type(exc).__name__}: {exc}")
        else:
            result = fut.result()
            if on_done is not None:
                try:
                    on_done(result)
                except Exception as e:  # a model refusing the result: show, don't lose it
                    log.exception("engineering job %s: result not applied", job.name)
                    self.failed.emit(job.name, f"{type(e).__name__}: {e}")
                    return
            self.finished.emit(job.name, result)
