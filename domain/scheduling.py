"""Scan timing rules, kept apart from the event loop so they can be tested without clocks.

Drift-free schedule: cycle ``k`` of a scan class is due at ``start + k * period`` on a monotonic
clock. Sleeping "period after the last poll ended" would drift by the poll time every cycle;
anchoring on the start keeps 1 s samples on the second for days. When a poll overruns one or
more due times, the missed cycles are skipped (and counted) rather than polled back to back:
a burst of catch-up polls would only load a device that is already slow.

Reconnect backoff: exponential from ``base`` to ``cap`` with jitter, so that a field of RTUs
behind one radio link that drops does not reconnect in lock step when it comes back.
"""

from __future__ import annotations

import math
from collections.abc import Callable


def next_cycle(start: float, period: float, done_cycle: int, now: float) -> tuple[int, int]:
    """The cycle to run after ``done_cycle`` finished at ``now``, and how many were skipped.

    The next cycle is the first one still due at or after ``now``; cycles whose due time has
    already passed are skipped, never bunched.
    """
    if period <= 0:
        raise ValueError("period must be > 0")
    following = done_cycle + 1
    # Small tolerance: a poll that ends a hair after its due time is not an overrun.
    late_by = now - (start + following * period)
    if late_by <= 1e-9:
        return following, 0
    first_future = done_cycle + 1 + math.ceil(late_by / period - 1e-9)
    return first_future, first_future - following


def due_time(start: float, period: float, cycle: int) -> float:
    """Monotonic time at which ``cycle`` is due."""
    return start + cycle * period


def backoff_delay(
    failures: int,
    *,
    base: float = 0.5,
    cap: float = 30.0,
    rand: Callable[[], float],
) -> float:
    """Delay before reconnect attempt number ``failures`` (1 = first retry).

    ``min(cap, base * 2**(failures-1))`` scaled by a jitter factor in [0.5, 1.0): never less
    than half the nominal delay (the device gets real rest) and never above ``cap``.
    """
    if failures < 1:
        return 0.0
    nominal = min(cap, base * 2.0 ** min(failures - 1, 62))
    return nominal * (0.5 + 0.5 * rand())
