"""Login attempts per client address, on top of the per-account lockout.

Why both: the lockout stops guessing one account, but an attacker trying one password against
every operator's account never trips it, and each attempt costs ~60 ms of argon2 on a box that
also scans the field. A sliding window per address bounds both. Memory is bounded too (the
oldest addresses are forgotten first), so spoofed-looking address churn cannot grow it.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable


class LoginRateLimiter:
    def __init__(
        self, attempts: int, window_s: float, *, max_addresses: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.attempts = attempts
        self.window_s = window_s
        self._max = max_addresses
        self._clock = clock
        self._lock = threading.Lock()
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()

    def check(self, address: str | None) -> float | None:
        """Count one attempt from ``address``; None if allowed, else seconds to wait."""
        key = address or "?"
        now = self._clock()
        with self._lock:
            hits = self._hits.pop(key, None) or deque()
            while hits and now - hits[0] >= self.window_s:
                hits.popleft()
            self._hits[key] = hits  # most recently seen last
            while len(self._hits) > self._max:
                self._hits.popitem(last=False)
            if len(hits) >= self.attempts:
                return max(0.0, self.window_s - (now - hits[0]))
            hits.append(now)
            return None
