"""Scan timing rules: drift-free due times, skip-not-burst overruns, jittered backoff."""

from __future__ import annotations

import pytest

from domain.scheduling import backoff_delay, due_time, next_cycle


def test_on_time_poll_runs_next_cycle():
    assert next_cycle(100.0, 1.0, 0, 100.3) == (1, 0)
    assert next_cycle(100.0, 1.0, 4, 105.0) == (5, 0)


def test_overrun_skips_missed_cycles_and_counts_them():
    # cycle 0 ran from 100.0 to 102.5: cycles 1 and 2 were missed, 3 is next (due 103.0)
    assert next_cycle(100.0, 1.0, 0, 102.5) == (3, 2)
    nxt, skipped = next_cycle(10.0, 0.1, 7, 10.95)
    assert due_time(10.0, 0.1, nxt) >= 10.95 and skipped == nxt - 8


def test_due_times_do_not_accumulate_error():
    assert due_time(0.0, 0.1, 10_000) == pytest.approx(1000.0)


def test_backoff_grows_to_cap_with_jitter():
    assert backoff_delay(1, rand=lambda: 0.0) == 0.25
    assert backoff_delay(1, rand=lambda: 0.999) == pytest.approx(0.5, abs=1e-3)
    assert backoff_delay(3, rand=lambda: 0.999) == pytest.approx(2.0, abs=1e-2)
    assert backoff_delay(50, rand=lambda: 0.999) <= 30.0
    assert backoff_delay(50, rand=lambda: 0.0) == 15.0
    assert backoff_delay(0, rand=lambda: 0.5) == 0.0
