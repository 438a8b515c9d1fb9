"""A short-lived, explicitly invalidated cache of access-token checks.

Why: every API request carries an access token, and checking it against the live session and
user row (so logout, disable and role changes act at once) cost one database round trip per
request through the auth service's small pool; 50 HMI clients queued on it. A session that was
found valid a moment ago is, unless something changed it, still valid now.

Rules (docs/security.md):

* Only successful checks are cached, keyed by the exact access token that passed (signature,
  claims and the database check), each for at most ``ttl_s`` (``ACCESS_CACHE_TTL_S``) of
  monotonic time, and never past the token's or the session's expiry (a hit skips the JWT
  decode too: it is the same string that was verified).
* Every change made through this process that can withdraw or alter access (logout, password
  change or reset, refresh-token reuse, disable, role change) calls :meth:`invalidate` after
  its transaction committed: the next request of any session is checked against the database.
* A check that was reading the database while an invalidation happened does not store its
  (possibly stale) result: entries are stored only if the generation read before the query is
  still current.
* Changes made by another process (``oilfield user`` on the same box) are not seen here until
  the entry ages out: ``ttl_s`` is the bound on how long such a revocation may take.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime

from edge_server.auth.models import Principal

#: Longest a cached "this session is valid" answer is used (seconds).
ACCESS_CACHE_TTL_S = 2.0
MAX_ENTRIES = 10_000


class AccessCache:
    def __init__(
        self, ttl_s: float = ACCESS_CACHE_TTL_S, *, max_entries: int = MAX_ENTRIES,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ttl_s = ttl_s
        self._max = max_entries
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: dict[str, tuple[Principal, datetime, float]] = {}
        self._generation = 0

    @property
    def generation(self) -> int:
        """Read before querying the database; pass to :meth:`put`."""
        return self._generation

    def get(self, token: str, now: datetime) -> Principal | None:
        """The principal ``token`` was found to be less than ``ttl_s`` ago, if neither the
        token nor the session (as read then) has expired by ``now`` (the service's clock)."""
        entry = self._entries.get(token)
        if entry is None:
            return None
        principal, valid_until, stored = entry
        if self._clock() - stored >= self.ttl_s or valid_until <= now:
            return None
        return principal

    def put(self, generation: int, token: str, principal: Principal,
            valid_until: datetime) -> None:
        """Remember a successful check; ``valid_until``: the earlier of the token's and the
        session's expiry."""
        if self.ttl_s <= 0:
            return
        with self._lock:
            if generation != self._generation:
                return  # an invalidation ran while this check read the database
            if len(self._entries) >= self._max:
                self._entries.clear()
            self._entries[token] = (principal, valid_until, self._clock())

    def invalidate(self) -> None:
        """Forget every entry (after a change that may withdraw access has committed)."""
        with self._lock:
            self._generation += 1
            self._entries.clear()
