"""Last-value cache: the newest value of every tag, for screens, alarms and the API.

The scanner writes every reading here (the storage filter only thins what goes to the
historian). A read never returns something old as good: each tag has a staleness limit (by
default 3 x its scan period, never below a floor) and a value not refreshed within it reads
back with quality STALE, or worse if it already was worse. So a scanner task that hangs, or a
device that silently stops being polled, shows up on every screen without anyone having to
write a BAD sample.

Writers run on the event loop, readers may be other threads (the API server), so every access
goes through one lock; entries are immutable tuples so a reader never sees half an update.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from domain.tags import Quality

DEFAULT_STALE_FLOOR_S = 2.0
STALE_PERIODS = 3.0


@dataclass(frozen=True, slots=True)
class LastValue:
    """A tag's latest state as a reader sees it.

    ``ts`` is when the reading was taken, ``good_ts`` when the tag last read GOOD (None if never);
    both are seconds since the epoch. ``value`` is NaN when the quality carries no value.
    """

    value: float
    quality: Quality
    ts: float
    good_ts: float | None


class LastValueCache:
    """Thread-safe map of tag id -> latest reading, with staleness applied on read.

    ``clock`` returns seconds since the epoch (injectable for tests).
    """

    def __init__(
        self,
        *,
        stale_floor_s: float = DEFAULT_STALE_FLOOR_S,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._lock = threading.Lock()
        self._entries: dict[int, LastValue] = {}
        self._limits: dict[int, float] = {}
        self._floor = stale_floor_s
        self._clock = clock

    def set_scan_period(self, tag_ids: Iterable[int], period_s: float) -> None:
        """Declare how often these tags are refreshed: they go STALE after 3 periods."""
        limit = max(self._floor, STALE_PERIODS * period_s)
        with self._lock:
            for tag_id in tag_ids:
                self._limits[tag_id] = limit

    def stale_limit(self, tag_id: int) -> float:
        with self._lock:
            return self._limits.get(tag_id, self._floor)

    def update(
        self,
        tag_ids: Sequence[int],
        ts: float,
        values: Sequence[float],
        qualities: Sequence[int],
    ) -> None:
        """Record one scan's readings (all taken at ``ts``, seconds since the epoch)."""
        with self._lock:
            entries = self._entries
            for tag_id, value, q in zip(tag_ids, values, qualities, strict=True):
                quality = Quality(q)
                prev = entries.get(tag_id)
                if quality is Quality.GOOD:
                    good_ts: float | None = ts
                else:
                    good_ts = prev.good_ts if prev is not None else None
                entries[tag_id] = LastValue(float(value), quality, ts, good_ts)

    def _apply_staleness(self, tag_id: int, entry: LastValue, now: float) -> LastValue:
        limit = self._limits.get(tag_id, self._floor)
        if now - entry.ts > limit and entry.quality < Quality.STALE:
            return LastValue(entry.value, Quality.STALE, entry.ts, entry.good_ts)
        return entry

    def get(self, tag_id: int) -> LastValue | None:
        """The tag's latest value, or None if it was never scanned."""
        now = self._clock()
        with self._lock:
            entry = self._entries.get(tag_id)
            return None if entry is None else self._apply_staleness(tag_id, entry, now)

    def get_many(self, tag_ids: Iterable[int]) -> dict[int, LastValue]:
        """Latest values of the tags that have one, read under one lock (a consistent view)."""
        now = self._clock()
        with self._lock:
            out: dict[int, LastValue] = {}
            for tag_id in tag_ids:
                entry = self._entries.get(tag_id)
                if entry is not None:
                    out[tag_id] = self._apply_staleness(tag_id, entry, now)
            return out

    def snapshot(self) -> Mapping[int, LastValue]:
        """Every tag's latest value."""
        now = self._clock()
        with self._lock:
            return {
                tag_id: self._apply_staleness(tag_id, entry, now)
                for tag_id, entry in self._entries.items()
            }

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)


def is_shown_as_good(entry: LastValue | None) -> bool:
    """True only for a fresh GOOD value: what a screen may draw as a normal number."""
    return entry is not None and entry.quality is Quality.GOOD and not math.isnan(entry.value)
