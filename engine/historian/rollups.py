"""RollupMaintainer: keeps ``historian.rollup_1m``, ``rollup_10m`` and ``rollup_1h`` equal to raw.

Why rollups: a year trend over raw 1 Hz rows reads 31.5 M rows (seconds); over the 1-hour tier it
reads 8,760 (milliseconds). Why three tiers (raw -> 1 min -> 10 min -> 1 h, as industrial
historians do): a trend reads at most ~10x its pixel count whatever its span; without the
10-minute tier a 30-day trend read ~43,000 1-minute rows and binning them alone cost ~25 ms.
Each tier row holds min, max, sum, count of GOOD samples, the first and last GOOD value, and the
number of samples that were not GOOD (``nbad``), so min/max/avg/last of any coarser bucket can be
derived exactly and bad data is never averaged in.

How it stays exact:
- each tier has a watermark (``historian.rollup_state``): every bucket before it is complete,
  and ``wm_1h <= wm_10m <= wm_1m`` (a tier is built only from complete buckets of the tier
  below). ``run_once(now)`` aggregates closed buckets after the watermarks (up to
  ``now - lag``) with ``INSERT ... SELECT ... ON CONFLICT DO UPDATE``, in chunks, one short
  transaction each; 10 min is computed from 1 min and 1 h from 10 min, never from raw;
- rows arriving behind the watermark (backfill after an outage, spill replay) are recorded by
  the writer in ``historian.rollup_dirty`` in the same transaction as the rows; the maintainer
  recomputes those whole minutes, then the 10-minute buckets and the hours containing them;
- the maintainer holds ``FOR UPDATE`` on the watermark rows while it aggregates and the writer
  takes ``FOR SHARE`` on the 1-minute one before committing, so a batch committed concurrently is
  either seen by the aggregate or marked dirty: never missed;
- on a database upgraded to the 10-minute tier (its watermark starts NULL while the others are
  set) the 10-minute tier is first backfilled from ``rollup_1m``; dirty ranges wait until it
  has reached the 1-hour watermark, because hours are recomputed from 10-minute rows.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import psycopg

from engine.historian.partitions import (
    RAW,
    ROLLUP_1H,
    ROLLUP_1M,
    ROLLUP_10M,
    PartitionCache,
    Tier,
    list_partitions,
)
from engine.store.roles import connect as engine_connect
from engine.store.urls import libpq_url

log = logging.getLogger(__name__)

MINUTE = timedelta(minutes=1)
TEN_MINUTES = timedelta(minutes=10)
HOUR = timedelta(hours=1)
ORIGIN = "TIMESTAMPTZ '2000-01-01 00:00:00+00'"

_GOOD = "quality = 0 AND value IS NOT NULL"
_UPSERT = """
ON CONFLICT (tag_id, bucket) DO UPDATE SET
    vmin = EXCLUDED.vmin, vmax = EXCLUDED.vmax, vsum = EXCLUDED.vsum,
    vcount = EXCLUDED.vcount, vfirst = EXCLUDED.vfirst, vlast = EXCLUDED.vlast,
    nbad = EXCLUDED.nbad
"""
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
{_UPSERT}"""


def _rollup_sql(source: str, target: str, width: str) -> str:
    """Coarser tier from a finer one: the statistics compose exactly (sum of sums, ...)."""
    return f"""
INSERT INTO historian.{target} AS r
    (tag_id, bucket, vmin, vmax, vsum, vcount, vfirst, vlast, nbad)
SELECT tag_id, date_bin(interval '{width}', bucket, {ORIGIN}),
    min(vmin), max(vmax), sum(vsum), sum(vcount),
    (array_agg(vfirst ORDER BY bucket) FILTER (WHERE vfirst IS NOT NULL))[1],
    (array_agg(vlast ORDER BY bucket DESC) FILTER (WHERE vlast IS NOT NULL))[1],
    sum(nbad)
FROM historian.{source}
WHERE bucket >= %(lo)s AND bucket < %(hi)s
GROUP BY 1, 2
{_UPSERT}"""


M1_TO_10M = _rollup_sql("rollup_1m", "rollup_10m", "10 minutes")
M10_TO_1H = _rollup_sql("rollup_10m", "rollup_1h", "1 hour")


@dataclass(frozen=True)
class Level:
    """One rollup tier: its watermark name, bucket width, table, source tier and statement."""

    name: str
    width: timedelta
    tier: Tier
    source: Tier
    sql: str


L1M = Level("1m", MINUTE, ROLLUP_1M, RAW, RAW_TO_1M)
L10M = Level("10m", TEN_MINUTES, ROLLUP_10M, ROLLUP_1M, M1_TO_10M)
L1H = Level("1h", HOUR, ROLLUP_1H, ROLLUP_10M, M10_TO_1H)
LEVELS = (L1M, L10M, L1H)  # finest first: each is built from the one before

Marks = dict[str, datetime | None]


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
    watermark_10m: datetime | None = None
    watermark_1h: datetime | None = None
    rows_1m: int = 0
    rows_10m: int = 0
    rows_1h: int = 0
    dirty_ranges: int = 0
    steps: int = 0
    notes: list[str] = field(default_factory=list)

    def add_rows(self, level: Level, rows: int) -> None:
        setattr(self, f"rows_{level.name}", getattr(self, f"rows_{level.name}") + rows)

    def set_marks(self, marks: Marks) -> None:
        for level in LEVELS:
            setattr(self, f"watermark_{level.name}", marks.get(level.name))


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
        ``rollup_chunk``: time span of each coarser tier computed per transaction (a whole
        number of hours)."""
        self.url = libpq_url(url)
        self.lag = lag
        self.raw_chunk = raw_chunk
        self.rollup_chunk = rollup_chunk
        self._partitions = PartitionCache()

    def run_once(self, now: datetime | None = None) -> RollupReport:
        """Repair dirty ranges, then roll up every closed bucket up to ``now - lag``."""
        now = (now or datetime.now(UTC)).astimezone(UTC)
        report = RollupReport()
        with engine_connect(self.url, autocommit=True) as conn:
            conn.execute("SET TimeZone = 'UTC'")
            while self._step(conn, now, report):
                report.steps += 1
        return report

    # One transaction: either one chunk of dirty repair or one chunk of forward progress.
    def _step(self, conn: psycopg.Connection, now: datetime, report: RollupReport) -> bool:
        with conn.transaction():
            marks = self._lock_watermarks(conn)
            if marks is None:
                report.notes.append("rollups maintained by TimescaleDB")
                return False
            report.set_marks(marks)
            if _repairable(marks) and self._repair_one(conn, marks, report):
                return True
            return self._advance(conn, now, marks, report)

    @staticmethod
    def _lock_watermarks(conn: psycopg.Connection) -> Marks | None:
        # Always locked in the same (tier name) order, so two maintainers cannot deadlock.
        rows = conn.execute(
            "SELECT tier, watermark, isfinite(watermark) IS FALSE FROM historian.rollup_state "
            "WHERE tier IN ('1m', '10m', '1h') ORDER BY tier FOR UPDATE"
        ).fetchall()
        if any(infinite for _, _, infinite in rows):
            return None
        found = {tier: mark for tier, mark, _ in rows}
        return {level.name: found.get(level.name) for level in LEVELS}

    def _repair_one(self, conn: psycopg.Connection, marks: Marks, report: RollupReport) -> bool:
        wm_1m = marks["1m"]
        assert wm_1m is not None
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
        # Recompute the changed buckets of each tier, then the buckets of the next coarser
        # tier that contain them; a tier's complete part ends at its watermark.
        for level in LEVELS:
            wm = marks[level.name]
            if wm is None:
                break
            lo, piece_hi = floor_to(lo, level.width), min(ceil_to(piece_hi, level.width), wm)
            if lo >= piece_hi:
                break
            report.add_rows(level, self._aggregate(conn, level, lo, piece_hi))
        return True

    def _advance(
        self, conn: psycopg.Connection, now: datetime, marks: Marks, report: RollupReport
    ) -> bool:
        marks = dict(marks)
        wm_1m, wm_10m, wm_1h = marks["1m"], marks["10m"], marks["1h"]
        if wm_1m is None:  # first run: start at the oldest raw day
            first = _first_partition_start(conn, RAW)
            if first is None:
                return False  # no data yet
            wm_1m = min(first, floor_to(now - self.lag, MINUTE))
        if wm_10m is None:
            # Fresh database: start with the 1-minute tier. Upgraded one (0003 added the tier):
            # backfill from the oldest 1-minute row, which may be older than any raw day.
            first_1m = _first_partition_start(conn, ROLLUP_1M) if wm_1h else None
            wm_10m = floor_to(min(first_1m or wm_1m, wm_1m), TEN_MINUTES)
        if wm_1h is None:
            wm_1h = floor_to(wm_10m, HOUR)
        marks.update({"1m": wm_1m, "10m": wm_10m, "1h": wm_1h})
        progressed = False
        done = floor_to(now - self.lag, MINUTE)  # raw is complete up to here
        for level in LEVELS:
            wm = marks[level.name]
            assert wm is not None
            # A tier may only use complete buckets of the tier below it.
            target = floor_to(done, level.width)
            if wm < target:
                chunk = self.raw_chunk if level is L1M else self.rollup_chunk
                # No source rows where no source partition exists: jump over such gaps.
                lo = floor_to(_skip_gap(conn, level.source, wm, target), level.width)
                hi = min(target, lo + chunk)
                report.add_rows(level, self._aggregate(conn, level, lo, hi))
                wm, progressed = hi, True
            marks[level.name] = done = wm
        conn.execute(
            "UPDATE historian.rollup_state s SET watermark = v.wm "
            "FROM (VALUES ('1m', %s::timestamptz), ('10m', %s::timestamptz), "
            "('1h', %s::timestamptz)) v(tier, wm) WHERE s.tier = v.tier",
            (marks["1m"], marks["10m"], marks["1h"]),
        )
        report.set_marks(marks)
        return progressed

    def _aggregate(
        self, conn: psycopg.Connection, level: Level, lo: datetime, hi: datetime
    ) -> int:
        days = []
        day = lo.date()
        while day <= (hi - timedelta(microseconds=1)).date():
            days.append(day)
            day += timedelta(days=1)
        self._partitions.ensure_days(conn, level.tier, days)
        cur = conn.execute(level.sql, {"lo": lo, "hi": hi})
        return max(cur.rowcount, 0)


def _repairable(marks: Marks) -> bool:
    """Dirty ranges can be repaired once the tiers nest (``wm_1h <= wm_10m``): hours are
    recomputed from 10-minute rows, which must exist. Only false while an upgraded database
    backfills its new 10-minute tier."""
    wm_1m, wm_10m, wm_1h = marks["1m"], marks["10m"], marks["1h"]
    if wm_1m is None:
        return False
    return wm_1h is None or (wm_10m is not None and wm_1h <= wm_10m)


def _start(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=UTC)


def _first_partition_start(conn: psycopg.Connection, tier: Tier) -> datetime | None:
    parts = list_partitions(conn, tier)
    return _start(parts[0][1]) if parts else None


def _skip_gap(conn: psycopg.Connection, source: Tier, wm: datetime, target: datetime) -> datetime:
    """Jump over periods where ``source`` can hold no rows.

    Rollup rows exist only where raw partitions were, except before the oldest raw day
    (retention dropped raw there, the rollups outlive it): there the source tier's own
    partitions tell. A month-sized rollup partition must not stand for the days of it that
    never had raw data, or a 30-day gap would be walked in chunk steps.
    """
    raw = [(_start(lo), _start(hi)) for _n, lo, hi in list_partitions(conn, RAW)]
    spans = list(raw)
    if source is not RAW:
        first_raw = raw[0][0] if raw else None
        for _n, lo, hi in list_partitions(conn, source):
            lo_ts, hi_ts = _start(lo), _start(hi)
            if first_raw is not None:
                hi_ts = min(hi_ts, first_raw)
            if lo_ts < hi_ts:
                spans.append((lo_ts, hi_ts))
    for lower, upper in sorted(spans):
        if upper <= wm:
            continue
        return min(max(wm, lower), target)
    return target
