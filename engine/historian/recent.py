"""RecentSamples: the last hour of every tag's samples in memory, so live trends skip the database.

Why: most trend requests in a control room are live ones (the last 10 minutes or hour, up to
now), polled by every trend screen. Each was a PostgreSQL query on the box that also scans the
field and stores its history; under load the trend was the one read that missed the API's
50 ms goal, waiting on the database (docs/performance.md, API). The samples it needs have all
just passed through the engine: the historian writer hands each accepted batch here too, and a
raw-tier trend is computed from memory with the SQL's rules (``query.trend``: buckets aligned
on ``start``, min/max/average/last over GOOD samples, the others counted, empty buckets left
out). Ranges that need a rollup tier, or reach before the cache's horizon, go to the database.

Completeness, the rule every answer rests on: from ``horizon`` on, the cache holds every sample
the historian holds or will hold, and nothing it will not (duplicates of a (tag, ts) keep the
first, like the table's ``ON CONFLICT DO NOTHING``). It holds because

* every sample reaches ``historian.samples`` through ``HistorianWriter.submit`` (which calls
  :meth:`RecentSamples.add`), except spill files left by an earlier process, whose samples are
  older than this process's start;
* at start the cache covers only [start, ...). ``preload`` then reads the last ``keep`` before
  the start from the database, after the writer has replayed those spill files. Samples of that
  earlier span that arrive meanwhile (a device's own store-and-forward, a late batch not yet
  committed) are kept aside and merged in, so none is missed whether the read saw them or not;
* samples are dropped only from the old end (older than ``now - keep``, or less when
  ``max_rows`` is reached), and the horizon moves up with them. Later samples older than the
  horizon are left to the database.

The cache may hold more than the table in one case: rows the writer had to drop when the
database and the spill disk were both unavailable (counted in its ``dropped_rows``). Memory:
~22 bytes a row plus slack; ``max_rows`` bounds it (4 M rows: ~1,100 tags at 1 Hz for an hour).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt
import psycopg
from psycopg import sql

from engine.historian.copy_encoder import UNIX_EPOCH, Columns, datetime_to_us, us_to_datetime
from engine.historian.query import Sample, TrendPoint, bucket_width
from engine.historian.rollups import MINUTE

log = logging.getLogger(__name__)

_US = timedelta(microseconds=1)
_PG_EPOCH_US = 946_684_800_000_000  # 2000-01-01 - 1970-01-01: COPY BINARY counts from 2000
_TRIM_EVERY_S = 5.0
_PRELOAD_SLICE = timedelta(minutes=10)  # bounds the COPY buffer of one preload query
# One fixed-width COPY BINARY row: field count, then (length, value) per field. The value is
# coalesced to NaN and its NULL flag sent apart, so every row has the same size.
_ROW = np.dtype([
    ("n", ">i2"), ("l_tag", ">i4"), ("tag", ">i4"), ("l_ts", ">i4"), ("ts", ">i8"),
    ("l_v", ">i4"), ("v", ">f8"), ("l_null", ">i4"), ("null", "u1"), ("l_q", ">i4"),
    ("q", ">i2"),
])
# How far before the preloaded span the per-tag "sample before" is looked for: covers
# heartbeats (max_interval_s) up to this long; longer lookbacks ask the table.
_BEFORE_LOOKBACK = timedelta(days=1)
_BEFORE = """
SELECT t.id, s.ts, s.value, s.quality FROM tags t
CROSS JOIN LATERAL (
    SELECT ts, value, quality FROM historian.samples
    WHERE tag_id = t.id AND ts < %(lo)s AND ts >= %(floor)s ORDER BY ts DESC LIMIT 1
) s
"""
_COPY_HEADER = 19  # signature (11), flags (4), extension length (4)
_PRELOAD = sql.SQL(
    "COPY (SELECT tag_id, ts, coalesce(value, 'NaN'::float8), value IS NULL, quality "
    "FROM historian.samples WHERE ts >= {lo} AND ts < {hi}) TO STDOUT (FORMAT BINARY)"
)


class _Series:
    """One tag's samples in time order: ``[lo, hi)`` of three arrays with spare room at the end,
    so the usual sample (newer than the last) is three stores."""

    __slots__ = ("hi", "lo", "q", "ts", "v")

    def __init__(self, cap: int = 64) -> None:
        self.ts = np.empty(cap, np.int64)
        self.v = np.empty(cap, np.float64)
        self.q = np.empty(cap, np.int16)
        self.lo = self.hi = 0

    def __len__(self) -> int:
        return self.hi - self.lo

    def add(self, ts: int, v: float, q: int) -> bool:
        """Append, or insert when out of order; False (and nothing kept) for a duplicate ts."""
        hi = self.hi
        if hi > self.lo and ts <= self.ts[hi - 1]:
            return self._insert(ts, v, q)
        if hi == len(self.ts):
            self._make_room()
            hi = self.hi
        self.ts[hi] = ts
        self.v[hi] = v
        self.q[hi] = q
        self.hi = hi + 1
        return True

    def _insert(self, ts: int, v: float, q: int) -> bool:
        i = self.lo + int(np.searchsorted(self.ts[self.lo:self.hi], ts))
        if i < self.hi and self.ts[i] == ts:
            return False
        if self.hi == len(self.ts):
            before = self.lo
            self._make_room()
            i -= before - self.lo
        for a in (self.ts, self.v, self.q):
            a[i + 1:self.hi + 1] = a[i:self.hi].copy()
        self.ts[i], self.v[i], self.q[i] = ts, v, q
        self.hi += 1
        return True

    def _make_room(self) -> None:
        n = self.hi - self.lo
        cap = len(self.ts)
        new_cap = cap if self.lo >= cap // 2 else cap * 2  # slide down when half is dead
        for name in ("ts", "v", "q"):
            old = getattr(self, name)
            new = old if new_cap == cap else np.empty(new_cap, old.dtype)
            new[:n] = old[self.lo:self.hi]
            setattr(self, name, new)
        self.lo, self.hi = 0, n

    def prepend(self, ts: npt.NDArray[np.int64], v: npt.NDArray[np.float64],
                q: npt.NDArray[np.int16]) -> None:
        """Put older samples (all before the first held) in front."""
        n = self.hi - self.lo
        total = len(ts) + n
        cap = max(64, 1 << (total + total // 4).bit_length())
        for name, older in (("ts", ts), ("v", v), ("q", q)):
            old = getattr(self, name)
            new = np.empty(cap, old.dtype)
            new[:len(older)] = older
            new[len(older):total] = old[self.lo:self.hi]
            setattr(self, name, new)
        self.lo, self.hi = 0, total

    def trim(self, cutoff_us: int) -> tuple[int, float, int] | None:
        """Forget samples older than ``cutoff_us``; give back memory once most is unused.
        Returns the newest sample forgotten (the one before the new start), if any."""
        drop = int(np.searchsorted(self.ts[self.lo:self.hi], cutoff_us))
        last = None
        if drop:
            i = self.lo + drop - 1
            last = int(self.ts[i]), float(self.v[i]), int(self.q[i])
        self.lo += drop
        n = self.hi - self.lo
        if n == 0:
            self.lo = self.hi = 0
        if len(self.ts) > 256 and n < len(self.ts) // 4:
            cap = max(64, 1 << (2 * n).bit_length())
            for name in ("ts", "v", "q"):
                old = getattr(self, name)
                new = np.empty(cap, old.dtype)
                new[:n] = old[self.lo:self.hi]
                setattr(self, name, new)
            self.lo, self.hi = 0, n
        return last

    def window(self, lo_us: int, hi_us: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Copies of the samples in [lo_us, hi_us)."""
        ts = self.ts[self.lo:self.hi]
        i, j = np.searchsorted(ts, (lo_us, hi_us))
        a, b = self.lo + int(i), self.lo + int(j)
        return self.ts[a:b].copy(), self.v[a:b].copy(), self.q[a:b].copy()


@dataclass(frozen=True)
class TrendColumns:
    """A trend as columns, one entry per bucket, for a caller that serialises them without a
    Python object per bucket (the API: ~3x less CPU for 300 buckets than ``TrendPoint``s).
    Values are NaN where ``count`` is 0 (``TrendPoint`` has None there)."""

    t_us: npt.NDArray[np.int64]  # bucket start, µs since 1970 (UTC)
    vmin: npt.NDArray[np.float64]
    vmax: npt.NDArray[np.float64]
    avg: npt.NDArray[np.float64]
    last: npt.NDArray[np.float64]
    count: npt.NDArray[np.int64]
    nbad: npt.NDArray[np.int64]

    def __len__(self) -> int:
        return len(self.t_us)

    def points(self) -> list[TrendPoint]:
        out = []
        for b_us, lo, hi, a, lv, c, k in zip(
            self.t_us.tolist(), self.vmin.tolist(), self.vmax.tolist(), self.avg.tolist(),
            self.last.tolist(), self.count.tolist(), self.nbad.tolist(), strict=True,
        ):
            t = UNIX_EPOCH + timedelta(microseconds=b_us)
            out.append(TrendPoint(t, lo, hi, a, lv, c, k) if c else
                       TrendPoint(t, None, None, None, None, 0, k))
        return out


def _no_buckets() -> TrendColumns:
    none, zero = np.empty(0), np.empty(0, np.int64)
    return TrendColumns(zero, none, none, none, none, zero, zero)


def trend_from_samples(
    ts: npt.NDArray[np.int64], v: npt.NDArray[np.float64], q: npt.NDArray[np.integer],
    start_us: int, width_us: int,
) -> TrendColumns:
    """``query.trend``'s buckets over samples in time order, all within [start, end).

    GOOD is quality 0 with a value (NaN stands for NULL, as the writer stores it).
    """
    n = len(ts)
    if n == 0:
        return _no_buckets()
    bucket = (ts - start_us) // width_us
    firsts = np.flatnonzero(np.concatenate(([True], bucket[1:] != bucket[:-1])))
    good = (q == 0) & ~np.isnan(v)
    count = np.add.reduceat(good.astype(np.int64), firsts)
    size = np.diff(np.append(firsts, n))
    empty_bucket = count == 0
    vmin = np.minimum.reduceat(np.where(good, v, np.inf), firsts)
    vmax = np.maximum.reduceat(np.where(good, v, -np.inf), firsts)
    with np.errstate(invalid="ignore", divide="ignore"):
        avg = np.add.reduceat(np.where(good, v, 0.0), firsts) / count
    last_i = np.maximum.reduceat(np.where(good, np.arange(n), -1), firsts)
    last = v[np.maximum(last_i, 0)]
    for a in (vmin, vmax, avg, last):
        a[empty_bucket] = np.nan
    return TrendColumns(bucket[firsts] * width_us + start_us, vmin, vmax, avg, last, count,
                        size - count)


class RecentSamples:
    """The last ``keep`` of every tag's samples, for live trends (module docstring)."""

    def __init__(self, keep: timedelta = timedelta(hours=1), max_rows: int = 4_000_000,
                 *, now_us: int | None = None) -> None:
        if keep <= timedelta(0):
            raise ValueError("keep must be positive")
        self.keep_us = keep // _US
        self.max_rows = max_rows
        start = int(time.time() * 1e6) if now_us is None else now_us
        self._lock = threading.Lock()
        self._series: dict[int, _Series] = {}
        self._rows = 0
        self._complete_from = start  # every sample from here on has come through add()
        self._trimmed_to = start - self.keep_us  # nothing older is kept
        self._preload_from = start - self.keep_us
        # Samples of [preload_from, start) seen before the preload: merged in by preload().
        self._aside: list[Columns] | None = []
        self._aside_rows = 0
        self._next_trim = time.monotonic() + _TRIM_EVERY_S
        self._short_logged = False
        self._disabled = False
        self.duplicates = 0
        self.served = 0  # trends answered from memory
        # Per tag, the last sample older than the horizon (kept when trimming, loaded at the
        # preload): the value a trend starting near the horizon starts from. Known for
        # lookbacks reaching back to _before_floor (None: not loaded, ask the table).
        self._before: dict[int, tuple[int, float, int]] = {}
        self._before_floor: int | None = None

    # -- state -------------------------------------------------------------------------------
    @property
    def horizon_us(self) -> int:
        """From here on (µs since 1970) the cache holds every sample the historian has."""
        return max(self._complete_from, self._trimmed_to)

    @property
    def preloaded(self) -> bool:
        """The span before this process started is loaded (or no longer needed)."""
        return self._aside is None

    def skip_preload(self) -> None:
        """Give the span before the start up: live trends from memory begin at the start."""
        with self._lock:
            self._aside, self._aside_rows = None, 0

    def disable(self) -> None:
        """Stop answering (its feed failed): every trend goes to the database."""
        with self._lock:
            self._disabled = True
            self._series.clear()
            self._rows = 0
            self._aside = None

    def stats(self) -> dict[str, Any]:
        with self._lock:
            horizon = self.horizon_us
            return {"rows": self._rows, "tags": len(self._series), "preloaded": self.preloaded,
                    "trends_served": self.served,
                    "from": us_to_datetime(horizon).isoformat(),
                    "enabled": not self._disabled}

    # -- producer side -----------------------------------------------------------------------
    def add(self, cols: Columns) -> None:
        """Samples the historian accepted (``HistorianWriter.submit``)."""
        if len(cols) == 0:
            return
        with self._lock:
            if self._disabled:
                return
            horizon = self.horizon_us
            keep = cols.ts_us >= horizon
            if self._aside is not None:
                early = ~keep & (cols.ts_us >= max(self._preload_from, self._trimmed_to))
                if early.any():
                    self._keep_aside(cols.take(early))
            if not keep.all():
                cols = cols.take(keep)
            added = 0
            series = self._series
            for tag, t, v, q in zip(cols.tag_ids.tolist(), cols.ts_us.tolist(),
                                    cols.values.tolist(), cols.qualities.tolist(), strict=True):
                s = series.get(tag)
                if s is None:
                    s = series[tag] = _Series()
                if s.add(t, v, q):
                    added += 1
            self._rows += added
            self.duplicates += len(cols) - added
            if time.monotonic() >= self._next_trim or self._rows > self.max_rows:
                self._trim_locked(int(time.time() * 1e6))

    def _keep_aside(self, cols: Columns) -> None:
        assert self._aside is not None
        self._aside.append(cols)
        self._aside_rows += len(cols)
        if self._aside_rows > self.max_rows // 10:
            # A device's store-and-forward is pouring in old data faster than the database can
            # be read: give the earlier span up rather than hold it all twice.
            log.warning("recent samples: %d samples from before the start arrived before the "
                        "preload; live trends start at the engine's start", self._aside_rows)
            self._aside, self._aside_rows = None, 0

    def trim(self, now_us: int | None = None) -> None:
        """Forget what is older than ``keep`` (or what exceeds ``max_rows``)."""
        with self._lock:
            self._trim_locked(int(time.time() * 1e6) if now_us is None else now_us)

    def _trim_locked(self, now_us: int) -> None:
        self._next_trim = time.monotonic() + _TRIM_EVERY_S
        cutoff = now_us - self.keep_us
        if self._rows > self.max_rows:
            # Keep the newest max_rows, assuming a steady rate over what is held.
            held = max(1, now_us - self.horizon_us)
            cutoff = max(cutoff, now_us - int(held * 0.9 * self.max_rows / self._rows))
            if not self._short_logged:
                self._short_logged = True
                log.warning("recent samples: %d rows exceed max_rows %d; live trends from "
                            "memory cover %.0f minutes instead of %.0f", self._rows,
                            self.max_rows, (now_us - cutoff) / 60e6, self.keep_us / 60e6)
        if cutoff <= self._trimmed_to:
            return
        self._trimmed_to = cutoff
        rows = 0
        for tag in list(self._series):
            s = self._series[tag]
            gone = s.trim(cutoff)
            if gone is not None:
                self._before[tag] = gone
            if len(s) == 0:
                del self._series[tag]
            rows += len(s)
        self._rows = rows
        if self._aside is not None and cutoff >= self._complete_from:
            self._aside, self._aside_rows = None, 0  # the span before the start is gone anyway

    # -- preload -----------------------------------------------------------------------------
    def preload(self, conn: psycopg.Connection[Any]) -> int:
        """Load [start - keep, start) from the database: once, after the writer replayed the
        spill files of earlier processes. Returns the rows loaded; raises on database errors
        (call again later: samples seen meanwhile stay aside)."""
        with self._lock:
            if self._aside is None:
                return 0
            lo = max(self._preload_from, self._trimmed_to)
            hi = self._complete_from
        parts = []
        t = lo
        while t < hi:
            u = min(hi, t + _PRELOAD_SLICE // _US)
            parts.append(_read_span(conn, t, u))
            t = u
        floor = lo - _BEFORE_LOOKBACK // _US
        before = {int(tag): (datetime_to_us(ts), float("nan") if v is None else float(v), int(q))
                  for tag, ts, v, q in conn.execute(_BEFORE, {
                      "lo": us_to_datetime(lo), "floor": us_to_datetime(floor)})}
        with self._lock:
            if self._aside is None:
                return 0
            loaded = _merge(parts, self._aside, max(lo, self._trimmed_to))
            rows = 0
            for tag, (ts, v, q) in loaded.items():
                s = self._series.get(tag)
                if s is None:
                    s = self._series[tag] = _Series()
                s.prepend(ts, v, q)
                rows += len(ts)
            self._rows += rows
            self._complete_from = lo
            self._aside, self._aside_rows = None, 0
            # the samples before the loaded span; newer ones kept by a trim meanwhile win
            for tag, sample in before.items():
                kept = self._before.get(tag)
                if kept is None or kept[0] < sample[0]:
                    self._before[tag] = sample
            self._before_floor = floor
        log.info("recent samples: %d rows of the last %.0f minutes loaded for live trends",
                 rows, (hi - lo) / 60e6)
        return rows

    # -- reading -----------------------------------------------------------------------------
    def prior(self, tag_id: int, start: datetime,
              lookback: timedelta) -> tuple[bool, Sample | None]:
        """``query.prior`` from memory: (known, sample). Not known when the span to look in
        reaches before the horizon and memory has nothing there (the table may)."""
        start_us = datetime_to_us(start)
        lo_us = start_us - lookback // _US
        with self._lock:
            if self._disabled:
                return False, None
            s = self._series.get(tag_id)
            found = _prior_in(s, start_us) if s is not None else None
            horizon = self.horizon_us
            if found is None and start_us >= horizon and self._before_floor is not None \
                    and lo_us >= self._before_floor:
                found = self._before.get(tag_id)  # the last one before the horizon
                if found is None:
                    return True, None  # none since the floor
        if found is not None:  # the last sample before start
            if found[0] < lo_us:
                return True, None  # none in the span looked in
            ts, v, q = found
            return True, Sample(us_to_datetime(ts), None if v != v else v, q)
        if lo_us >= horizon:
            return True, None  # memory covers the whole span: there is none
        return False, None


    def trend(self, tag_id: int, start: datetime, end: datetime,
              buckets: int) -> list[TrendPoint] | None:
        """``query.trend(conn, tag_id, start, end, buckets)`` from memory, or None when the
        range needs the database (before the horizon, or a bucket a rollup tier would serve)."""
        cols = self.trend_columns(tag_id, start, end, buckets)
        return None if cols is None else cols.points()

    def trend_columns(self, tag_id: int, start: datetime, end: datetime,
                      buckets: int) -> TrendColumns | None:
        """:meth:`trend` as columns."""
        if end <= start:
            return _no_buckets()
        width = bucket_width(start, end, buckets)
        if width >= MINUTE:
            return None  # query.plan_segments reads a rollup tier: its buckets differ
        start_us, end_us = datetime_to_us(start), datetime_to_us(end)
        with self._lock:
            if self._disabled or start_us < self.horizon_us:
                return None
            s = self._series.get(tag_id)
            self.served += 1
            if s is None:
                return _no_buckets()
            ts, v, q = s.window(start_us, end_us)
        return trend_from_samples(ts, v, q, start_us, width // _US)


def _prior_in(s: _Series, start_us: int) -> tuple[int, float, int] | None:
    """The last sample of ``s`` before ``start_us``."""
    i = s.lo + int(np.searchsorted(s.ts[s.lo:s.hi], start_us)) - 1
    if i < s.lo:
        return None
    return int(s.ts[i]), float(s.v[i]), int(s.q[i])


def _read_span(conn: psycopg.Connection[Any], lo_us: int, hi_us: int) -> np.ndarray:
    """Rows of ``historian.samples`` in [lo_us, hi_us) as a ``_ROW`` array (one COPY)."""
    stmt = _PRELOAD.format(lo=sql.Literal(us_to_datetime(lo_us)),
                           hi=sql.Literal(us_to_datetime(hi_us)))
    buf = bytearray()
    with conn.cursor() as cur, cur.copy(stmt) as copy:
        for chunk in copy:
            buf += chunk
    body = memoryview(buf)[_COPY_HEADER:len(buf) - 2]  # header, then the -1 trailer
    if len(body) % _ROW.itemsize:
        raise ValueError(f"unexpected COPY row layout ({len(body)} bytes)")
    return np.frombuffer(body, _ROW)


def _merge(parts: Sequence[np.ndarray], aside: Sequence[Columns],
           floor_us: int) -> dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Per tag, the database's rows and then those kept aside (in arrival order), sorted by
    time, the first of each (tag, ts) kept: what the table ends up holding."""
    tags = [p["tag"].astype(np.int64) for p in parts] + [c.tag_ids.astype(np.int64) for c in aside]
    ts = [p["ts"].astype(np.int64) + _PG_EPOCH_US for p in parts] + [c.ts_us for c in aside]
    vals = [np.where(p["null"] != 0, np.nan, p["v"].astype(np.float64)) for p in parts]
    vals += [c.values for c in aside]
    quals = [p["q"].astype(np.int16) for p in parts] + [c.qualities for c in aside]
    if not tags:
        return {}
    tag = np.concatenate(tags)
    t = np.concatenate(ts)
    v = np.concatenate(vals)
    q = np.concatenate(quals)
    keep = t >= floor_us
    tag, t, v, q = tag[keep], t[keep], v[keep], q[keep]
    out: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
    if len(tag) == 0:
        return out
    order = np.lexsort((np.arange(len(t)), t, tag))  # stable: the database's row first
    tag, t, v, q = tag[order], t[order], v[order], q[order]
    first = np.concatenate(([True], (tag[1:] != tag[:-1]) | (t[1:] != t[:-1])))
    tag, t, v, q = tag[first], t[first], v[first], q[first]
    bounds = np.flatnonzero(np.concatenate(([True], tag[1:] != tag[:-1], [True])))
    for a, b in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
        out[int(tag[a])] = (t[a:b].copy(), v[a:b].copy(), q[a:b].copy())
    return out
