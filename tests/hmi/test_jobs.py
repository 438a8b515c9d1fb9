"""JobRunner: work runs off the event loop's thread (the loop keeps ticking), progress arrives
on the loop's thread, cancel stops the work at its next report, a newer job supersedes an older
one, and errors arrive as messages (a ValueError as the user's input problem)."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import pytest

from hmi.components.engineering.jobs import JobRunner, Progress


class Recorder:
    def __init__(self, runner: JobRunner) -> None:
        self.events: list[tuple[Any, ...]] = []
        self.threads: set[int] = set()
        for name in ("started", "progressed", "finished", "failed", "cancelled"):
            getattr(runner, name).connect(lambda *a, n=name: self._on(n, *a))

    def _on(self, name: str, *args: Any) -> None:
        self.threads.add(threading.get_ident())
        self.events.append((name, *args))

    def names(self) -> list[str]:
        return [e[0] for e in self.events]


def slow_sum(progress: Progress, n: int, step_s: float) -> int:
    total = 0
    for i in range(n):
        time.sleep(step_s)
        total += i
        progress((i + 1) / n, f"step {i + 1}")
    return total


async def test_runs_off_the_loop_and_reports_on_it() -> None:
    runner = JobRunner()
    rec = Recorder(runner)
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    t = asyncio.ensure_future(ticker())
    results: list[int] = []
    job = runner.start("sum", slow_sum, 10, 0.03, on_done=results.append)
    assert runner.busy
    assert await job.future == 45
    await asyncio.sleep(0.05)  # let the done callbacks run
    t.cancel()
    assert ticks >= 10  # the loop was not blocked by the 0.3 s of work
    assert results == [45]
    assert rec.names()[0] == "started" and rec.names()[-1] == "finished"
    fractions = [e[1] for e in rec.events if e[0] == "progressed"]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert rec.threads == {threading.get_ident()}
    assert not runner.busy


async def test_cancel_stops_the_work_at_its_next_report() -> None:
    runner = JobRunner()
    rec = Recorder(runner)
    seen: list[int] = []

    def work(progress: Progress) -> None:
        for i in range(1000):
            time.sleep(0.005)
            seen.append(i)
            progress(i / 1000)

    job = runner.start("long", work)
    await asyncio.sleep(0.1)
    runner.cancel()
    with pytest.raises(Exception):  # noqa: B017 - the Cancelled raised in the worker
        await job.future
    await asyncio.sleep(0.05)
    assert len(seen) < 500
    assert rec.names()[-1] == "cancelled"
    assert "finished" not in rec.names()


async def test_a_new_job_supersedes_the_running_one() -> None:
    runner = JobRunner()
    rec = Recorder(runner)
    done: list[int] = []
    first = runner.start("a", slow_sum, 50, 0.01, on_done=done.append)
    await asyncio.sleep(0.05)
    second = runner.start("b", slow_sum, 3, 0.01, on_done=done.append)
    await second.future
    with pytest.raises(Exception):  # noqa: B017
        await first.future
    await asyncio.sleep(0.05)
    assert done == [3]  # the stale result of the first never lands
    assert [e for e in rec.events if e[0] == "finished"] == [("finished", "b", 3)]


async def test_errors_become_messages() -> None:
    runner = JobRunner()
    rec = Recorder(runner)

    def bad_input(progress: Progress) -> None:
        raise ValueError("API gravity must be between 6 and 80")

    def bug(progress: Progress) -> None:
        raise ZeroDivisionError("division by zero")

    for work in (bad_input, bug):
        job = runner.start(work.__name__, work)
        with pytest.raises(Exception):  # noqa: B017
            await job.future
        await asyncio.sleep(0.02)
    failed = [e for e in rec.events if e[0] == "failed"]
    assert failed == [("failed", "bad_input", "API gravity must be between 6 and 80"),
                      ("failed", "bug", "ZeroDivisionError: division by zero")]


async def test_a_result_the_model_refuses_is_reported() -> None:
    runner = JobRunner()
    rec = Recorder(runner)

    def refuse(_result: int) -> None:
        raise RuntimeError("stale inputs")

    job = runner.start("x", slow_sum, 1, 0.0, on_done=refuse)
    await job.future
    await asyncio.sleep(0.02)
    assert rec.events[-1] == ("failed", "x", "RuntimeError: stale inputs")
