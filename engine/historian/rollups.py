"""RollupMaintainer: keeps ``historian.rollup_1m`` and ``rollup_1h`` equal to the raw samples.

Why rollups: a year trend over raw 1 Hz rows reads 31.5 M rows (seconds); over the 1-hour tier it
reads 8,760 (milliseconds). Each tier row holds min, max, sum, count of GOOD samples, the first
and last GOOD value, and the number of samples that were not GOOD (``nbad``), so min/max/avg/last
of any coarser bucket can be derived exactly and bad data is never averaged in.

How it stays exact:
- each tier has a watermark (``historian.rollup_state``): every bucket before it is complete.
  ``run_once(now)`` aggregates closed buckets after the watermark (up to ``now - lag``) with
  ``INSERT ... SELECT ... ON CONFLICT DO UPDATE``, in chunks, one short transaction each;
  the 1-hour tier is computed from the 1-minute tier, never from raw;
- rows arriving behind the watermark (backfill after an outage, spill replay) are recorded by
  the writer in ``historian.rollup_dirty`` in the same transaction as the rows; the maintainer
  recomputes those whole buckets (and the hours containing them);
- the maintainer holds ``FOR UPDATE`` on the watermark rows while it aggregates and the writer
  takes ``FOR SHARE`` on them before committing, so a batch committed concurrently is either
  seen by the aggregate or marked dirty: never missed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import psycopg

from engine.historian.partitions import (
    RAW,
    ROLLUP_1H,
    ROLLUP_1M,
    PartitionCache,
    Tier,
    list_partitions,
)
from engine.store.urls import libpq_url

log = logging.getLogger(__name__)

MINUTE = timedelta(minutes=1)
HOUR = timedelta(hours=1)
ORIGIN = "TIMESTAMPTZ '2000-01-01 00:00:00+00'"

_GOOD = "quality = 0 AND value IS NOT NULL"
RAW_TO_1M = f"""
INSERT INTO historian.rollup_1m AS r
    (tag_id, bucket, vmin, vmax, vsum, vcount, vfirst, vlast, nbad)
SELECT tag_id, date_bin(interval '1 minute', ts, {ORIGIN}),
    min(value) FILTER (WHERE {_GOOD}),
    max(value) FILTER (WHERE {_GOOD}),
    sum(value) FILTER (WHERE {_GOOD}),
    count(*) FILTER (WHERE {_GOOD}),
    (array_agg(value ORDER BY ts) FILTER (WHERE {_GOOD}))[1],
    (array_agg(value ORDER BY ts DESC) FILTER (WHERE {_GOOD}))[1],
    count(*) FILTER (WHERE NOT ({_GOOD}))
FROM historian.samples
WHERE ts >= %(lo)s AND ts < %(hi)s
GROUP BY 1, 2
ON CONFLICT (tag_id, bucket) DO UPDATE SET
    vmin = EXCLUDED.vmin, vmax = EXCLUDED.vmax, vsum = EXCLUDED.vsum,
    vcount = EXCLUDED.vcount, vfirst = EXCLUDED.vfirst, vlast = EXCLUDED.vlast,
    nbad = EXCLUDED.nbad
"""
M1_TO_1H = f"""
INSERT INTO historian.rollup_1h AS r
    (tag_id, bucket, vmin, vmax, vsum, vcount, vfirst, vlast, nbad)
SELECT tag_id, date_bin(interval '1 hour', bucket, {ORIGIN}),
    min(vmin), max(vmax), sum(vsum), sum(vcount),
    (array_agg(vfirst ORDER BY bucket) FILTER (WHERE vfirst IS NOT NULL))[1],
    (array_agg(vlast ORDER BY bucket DESC) FILTER (WHERE vlast IS NOT NULL))[1],
    sum(nbad)
FROM historian.rollup_1m
WHERE bucket >= %(lo)s AND bucket < %(hi)s
GROUP BY 1, 2
ON CONFLICT (tag_id, bucket) DO UPDATE SET
    vmin = EXCLUDED.vmin, vmax = EXCLUDED.vmax, vsum = EXCLUDED.vsum,
    vcount = EXCLUDED.vcount, vfirst = EXCLUDED.vfirst, vlast = EXCLUDED.vlast,
    nbad = EXCLUDED.nbad
"""


def floor_to(ts: datetime, width: timedelta) -> datetime:
    """Start of the UTC bucket of ``width`` (a divisor of a day) containing ``ts``."""
    ts = ts.astimezone(UTC)
    midnight = ts.replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight + ((ts - midnight) // width) * width


def ceil_to(ts: datetime, width: timedelta) -> datetime:
    low = floor_to(ts, width)
    return low if low == ts else low + width


@dataclass
class RollupReport:
    """What one ``run_once`` did (for logs and the health page)."""

    watermark_1m: datetime | None = None
    watermark_1h: datetime | None = None
    rows_1m: int = 0
    rows_1h: int = 0
    dirty_ranges: int = 0
    steps: int = 0
    notes: list[str] = field(default_factory=list)


class RollupMaintainer:
    """Advance and repair the rollup tiers; call ``run_once`` every few seconds or minutes."""

    def __init__(
        self,
        url: str,
        *,
        lag: timedelta = timedelta(seconds=5),
        raw_chunk: timedelta = timedelta(minutes=15),
        rollup_chunk: timedelta = timedelta(days=1),
    ) -> None:
        """``lag``: how long after a minute ends it is considered closed (writer latency);
        ``raw_chunk``: raw time span aggregated per transaction (bounds lock and memory);
        ``rollup_chunk``: 1-minute time span rolled into hours per transaction."""
        self.url = libpq_url(url)
        self.lag = lag
        self.raw_chunk = raw_chunk
        self.rollup_chunk = rollup_chunk
        self._partitions = PartitionCache()

    def run_once(self, now: datetime | None = None) -> RollupReport:
        """Repair dirty ranges, then roll up every closed bucket up to ``now - lag``."""
        now = (now or datetime.now(UTC)).astimezone(UTC)
        report = RollupReport()
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute("SET TimeZone = 'UTC'")
            while self._step(conn, now, report):
                report.steps += 1
        return report

    # One transaction: either one chunk of dirty repair or one chunk of forward progress.
    def _step(self, conn: psycopg.Connection, now: datetime, report: RollupReport) -> bool:
        with conn.transaction():
            wm = self._lock_watermarks(conn)
            if wm is None:
                report.notes.append("rollups maintained by TimescaleDB")
                return False
            wm_1m, wm_1h = wm
            report.watermark_1m, report.watermark_1h = wm_1m, wm_1h
            if wm_1m is not None and self._repair_one(conn, wm_1m, wm_1h, report):
                return True
            return self._advance(conn, now, wm_1m, wm_1h, report)

    @staticmethod
    def _lock_watermarks(
        conn: psycopg.Connection,
    ) -> tuple[datetime | None, datetime | None] | None:
        rows = conn.execute(
            "SELECT tier, watermark, isfinite(watermark) IS FALSE FROM historian.rollup_state "
            "WHERE tier IN ('1m', '1h') ORDER BY tier FOR UPDATE"
        ).fetchall()
        if any(infinite for _, _, infinite in rows):
            return None
        marks = {tier: mark for tier, mark, _ in rows}
        return marks.get("1m"), marks.get("1h")

    def _repair_one(
        self,
        conn: psycopg.Connection,
        wm_1m: datetime,
        wm_1h: datetime | None,
        report: RollupReport,
    ) -> bool:
        row = conn.execute(
            "SELECT id, range_start, range_end FROM historian.rollup_dirty "
            "ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED"
        ).fetchone()
        if row is None:
            return False
        dirty_id, start, end = row
        lo = floor_to(start, MINUTE)
        hi = min(floor_to(end, MINUTE) + MINUTE, wm_1m)
        piece_hi = min(hi, lo + self.raw_chunk)
        if piece_hi < hi:  # leave the rest for the next step (short transactions)
            conn.execute(
                "UPDATE historian.rollup_dirty SET range_start = %s WHERE id = %s",
                (piece_hi, dirty_id),
            )
        else:
            conn.execute("DELETE FROM historian.rollup_dirty WHERE id = %s", (dirty_id,))
            report.dirty_ranges += 1
        if lo < piece_hi:
            report.rows_1m += self._aggregate(conn, RAW_TO_1M, ROLLUP_1M, lo, piece_hi)
            if wm_1h is not None:
                h_lo, h_hi = floor_to(lo, HOUR), min(ceil_to(piece_hi, HOUR), wm_1h)
                if h_lo < h_hi:
                    report.rows_1h += self._aggregate(conn, M1_TO_1H, ROLLUP_1H, h_lo, h_hi)
        return True

    def _advance(
        self,
        conn: psycopg.Connection,
        now: datetime,
        wm_1m: datetime | None,
        wm_1h: datetime | None,
        report: RollupReport,
    ) -> bool:
        target_1m = floor_to(now - self.lag, MINUTE)
        if wm_1m is None:
            first = _first_partition_start(conn)
            if first is None:
                return False  # no data yet
            wm_1m = min(first, target_1m)
            wm_1h = floor_to(wm_1m, HOUR)
        progressed = False
        if wm_1m < target_1m:
            lo = _skip_gap(conn, wm_1m, target_1m)
            hi = min(target_1m, lo + self.raw_chunk)
            report.rows_1m += self._aggregate(conn, RAW_TO_1M, ROLLUP_1M, lo, hi)
            wm_1m, progressed = hi, True
        assert wm_1h is not None
        target_1h = floor_to(wm_1m, HOUR)
        if wm_1h < target_1h:
            # 1-minute rows exist only where raw partitions did: skip the same gaps.
            lo = floor_to(_skip_gap(conn, wm_1h, target_1h), HOUR)
            hi = min(target_1h, lo + self.rollup_chunk)
            report.rows_1h += self._aggregate(conn, M1_TO_1H, ROLLUP_1H, lo, hi)
            wm_1h, progressed = hi, True
        conn.execute(
            "UPDATE historian.rollup_state SET watermark = CASE tier "
            "WHEN '1m' THEN %s::timestamptz ELSE %s::timestamptz END "
            "WHERE tier IN ('1m', '1h')",
            (wm_1m, wm_1h),
        )
        report.watermark_1m, report.watermark_1h = wm_1m, wm_1h
        return progressed

    def _aggregate(
        self, conn: psycopg.Connection, sql: str, tier: Tier, lo: datetime, hi: datetime
    ) -> int:
        days = []
        day = lo.date()
        while day <= (hi - timedelta(microseconds=1)).date():
            days.append(day)
            day += timedelta(days=1)
        self._partitions.ensure_days(conn, tier, days)
        cur = conn.execute(sql, {"lo": lo, "hi": hi})
        return max(cur.rowcount, 0)


def _first_partition_start(conn: psycopg.Connection) -> datetime | None:
    parts = list_partitions(conn, RAW)
    if not parts:
        return None
    return datetime.combine(parts[0][1], datetime.min.time(), tzinfo=UTC)


def _skip_gap(conn: psycopg.Connection, wm: datetime, target: datetime) -> datetime:
    """Jump over days without a raw partition (nothing to aggregate there)."""
    for _name, lower, upper in list_partitions(conn, RAW):
        upper_ts = datetime.combine(upper, datetime.min.time(), tzinfo=UTC)
        if upper_ts <= wm:
            continue
        lower_ts = datetime.combine(lower, datetime.min.time(), tzinfo=UTC)
        return min(max(wm, lower_ts), target)
    return target
