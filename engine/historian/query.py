"""Reading the historian: decimated trends, raw rows, latest values. Same API on both backends.

Why decimate in SQL: fetching raw rows into Python is the slow part (a week of 1 Hz rows takes
~0.5 s), while a screen shows ~1,000 pixels. ``trend`` returns per-pixel-bucket min/max (so
spikes survive decimation), the average and last GOOD value, and sample counts.

Tier choice: the coarsest tier whose bucket still resolves the pixel width: raw below 1 minute,
``rollup_1m`` below 10 minutes, ``rollup_10m`` below 1 hour, else ``rollup_1h``. So a
1,000-point trend reads at most ~10,000 tier rows (60,000 raw rows for spans just under 1,000
minutes), whatever its span. A tier only covers whole buckets between its oldest partition
(retention may keep a coarse tier shorter than a finer one) and its watermark, so the query is
stitched from segments: the tier for the aligned middle, the next finer tier (recursively, down
to raw) for the unaligned edges, for the not-yet-rolled-up tail after the watermark and for
what is older than the tier's oldest partition. A live trend is therefore complete up to ``now``.
On TimescaleDB the watermarks are 'infinity' (real-time continuous aggregates cover the tail).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import psycopg

from engine.historian.partitions import ROLLUP_1H, ROLLUP_1M, ROLLUP_10M, Tier
from engine.historian.rollups import HOUR, MINUTE, TEN_MINUTES, ceil_to, floor_to

_GOOD = "quality = 0 AND value IS NOT NULL"
_SOURCES = {
    "raw": f"""SELECT ts AS t,
        CASE WHEN {_GOOD} THEN value END AS vmin,
        CASE WHEN {_GOOD} THEN value END AS vmax,
        CASE WHEN {_GOOD} THEN value END AS vsum,
        ({_GOOD})::int AS vcount,
        CASE WHEN {_GOOD} THEN value END AS vlast,
        (NOT ({_GOOD}))::int AS nbad
        FROM historian.samples WHERE tag_id = %s AND ts >= %s AND ts < %s""",
    **{
        name: f"""SELECT bucket AS t, vmin, vmax, vsum, vcount, vlast, nbad
        FROM historian.rollup_{name} WHERE tag_id = %s AND bucket >= %s AND bucket < %s"""
        for name in ("1m", "10m", "1h")
    },
}
# ``last`` by array_agg(ORDER BY): measured against a join on max(t) per bucket, a window
# row_number() and max(ARRAY[epoch, vlast]); this was the fastest of them on 43 k and 58 k rows.
_TREND = """
SELECT date_bin(%s, t, %s) AS b, min(vmin), max(vmax),
    sum(vsum) / nullif(sum(vcount), 0),
    (array_agg(vlast ORDER BY t DESC) FILTER (WHERE vlast IS NOT NULL))[1],
    sum(vcount)::int8, sum(nbad)::int8
FROM ({union}) s
GROUP BY b ORDER BY b
"""

Segment = tuple[str, datetime, datetime]
TREND_WORK_MEM = "32MB"


@dataclass(frozen=True)
class TrendPoint:
    """One pixel bucket. Values are over GOOD samples only; ``nbad`` counts the others."""

    bucket_start: datetime
    vmin: float | None
    vmax: float | None
    avg: float | None
    last: float | None
    count: int
    nbad: int

    @property
    def has_bad(self) -> bool:
        """Draw this bucket differently: some samples in it were not GOOD."""
        return self.nbad > 0


@dataclass(frozen=True)
class Sample:
    ts: datetime
    value: float | None
    quality: int


# Per tier: (floor, watermark). Whole buckets in [floor, watermark) are complete; floor None:
# no lower bound (TimescaleDB), watermark None: nothing rolled up yet.
Coverage = Mapping[str, tuple[datetime | None, datetime | None]]
_ROLLUP_TIERS: dict[str, Tier] = {"1m": ROLLUP_1M, "10m": ROLLUP_10M, "1h": ROLLUP_1H}
_FAR = datetime.max.replace(tzinfo=UTC)
_PARTITION = re.compile(r"^rollup_(?:1m|10m|1h)_(\d{4})(\d{2})?$")
# One round trip: the watermarks and each tier's oldest partition (names sort by date).
_COVERAGE = r"""
SELECT s.tier, CASE WHEN isfinite(s.watermark) THEN s.watermark END,
    s.watermark = 'infinity',
    (SELECT min(c.relname::text) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = to_regclass('historian.rollup_' || s.tier)
       AND c.relname ~ '^rollup_(1m|10m|1h)_\d{4}(\d{2})?$')
FROM historian.rollup_state s
"""


def coverage(conn: psycopg.Connection) -> dict[str, tuple[datetime | None, datetime | None]]:
    """Per rollup tier (floor, watermark); 'infinity' reads as ``datetime.max`` (UTC)."""
    return coverage_from_rows(conn.execute(_COVERAGE).fetchall())


async def coverage_async(
    conn: psycopg.AsyncConnection,
) -> dict[str, tuple[datetime | None, datetime | None]]:
    """:func:`coverage` on an async connection (one round trip)."""
    cur = await conn.execute(_COVERAGE)
    return coverage_from_rows(await cur.fetchall())


def coverage_from_rows(
    rows: Iterable[Sequence[Any]],
) -> dict[str, tuple[datetime | None, datetime | None]]:
    """The rows of ``_COVERAGE`` as per-tier (floor, watermark) (no I/O: both APIs use it)."""
    out: dict[str, tuple[datetime | None, datetime | None]] = {}
    for tier, mark, infinite, oldest in rows:
        if tier not in _ROLLUP_TIERS:
            continue
        floor: datetime | None = None
        if infinite:
            mark = _FAR  # TimescaleDB: continuous aggregates, no partitions of ours
        elif oldest is None:
            floor = _FAR  # no partition: the tier holds nothing (yet, or any more)
        else:
            m = _PARTITION.match(oldest)
            assert m is not None
            day = date(int(m[1]), int(m[2] or 1), 1)
            floor = datetime.combine(_ROLLUP_TIERS[tier].span(day)[0], datetime.min.time(), UTC)
        out[tier] = (floor, mark)
    return out


def watermarks(conn: psycopg.Connection) -> tuple[datetime | None, ...]:
    """(1m, 10m, 1h) watermarks; ``datetime.max`` (UTC) stands for 'infinity' (TimescaleDB)."""
    cov = coverage(conn)
    return tuple(cov.get(tier, (None, None))[1] for tier in ("1m", "10m", "1h"))


def plan_segments(
    start: datetime, end: datetime, width: timedelta, cover: Coverage
) -> list[Segment]:
    """Cover [start, end) with (source, lo, hi) segments, coarsest usable tier first.

    The segments are disjoint, in time order, and their union is exactly [start, end).
    """

    def raw(lo: datetime, hi: datetime) -> list[Segment]:
        return [("raw", lo, hi)] if lo < hi else []

    def via_1m(lo: datetime, hi: datetime) -> list[Segment]:
        return _cover("1m", MINUTE, lo, hi, cover.get("1m"), raw)

    def via_10m(lo: datetime, hi: datetime) -> list[Segment]:
        return _cover("10m", TEN_MINUTES, lo, hi, cover.get("10m"), via_1m)

    def via_1h(lo: datetime, hi: datetime) -> list[Segment]:
        return _cover("1h", HOUR, lo, hi, cover.get("1h"), via_10m)

    if width < MINUTE:
        return raw(start, end)
    if width < TEN_MINUTES:
        return via_1m(start, end)
    if width < HOUR:
        return via_10m(start, end)
    return via_1h(start, end)


def _cover(
    source: str, step: timedelta, lo: datetime, hi: datetime,
    span: tuple[datetime | None, datetime | None] | None,
    finer: Callable[[datetime, datetime], list[Segment]],
) -> list[Segment]:
    if lo >= hi:
        return []
    floor, watermark = span or (None, None)
    if watermark is None:
        return finer(lo, hi)
    core_lo = ceil_to(lo, step)
    if floor is not None:
        core_lo = max(core_lo, floor)  # partition bounds are midnights: aligned to any step
    core_hi = min(floor_to(hi, step), watermark)
    if core_lo >= core_hi:
        return finer(lo, hi)
    return [*finer(lo, core_lo), (source, core_lo, core_hi), *finer(core_hi, hi)]


def bucket_width(start: datetime, end: datetime, buckets: int) -> timedelta:
    """Pixel width: the span split into ``buckets``, rounded up to a whole microsecond."""
    span_us = (end - start) // timedelta(microseconds=1)
    return timedelta(microseconds=max(1, -(-span_us // max(1, buckets))))


def trend_statement(
    tag_id: int, start: datetime, width: timedelta, segments: Sequence[Segment]
) -> tuple[str, list[Any]]:
    """The one SELECT of a trend over planned ``segments`` and its parameters (no I/O)."""
    union = " UNION ALL ".join(_SOURCES[source] for source, _, _ in segments)
    params: list[Any] = [width, start]
    for _source, lo, hi in segments:
        params += [tag_id, lo, hi]
    return _TREND.format(union=union), params


def trend_points(rows: Iterable[Sequence[Any]]) -> list[TrendPoint]:
    """Rows of :func:`trend_statement` as points (no I/O)."""
    return [TrendPoint(r[0], r[1], r[2], r[3], r[4], int(r[5] or 0), int(r[6] or 0)) for r in rows]


_SET_WORK_MEM = "SELECT set_config('work_mem', %s, true)"


def trend(
    conn: psycopg.Connection,
    tag_id: int,
    start: datetime,
    end: datetime,
    buckets: int = 1000,
    *,
    work_mem: str = TREND_WORK_MEM,
) -> list[TrendPoint]:
    """Decimated trend of one tag over [start, end): at most ``buckets`` points.

    Buckets are aligned on ``start`` and empty buckets are omitted (a gap is a gap).
    """
    _require_aware(start, end)
    if end <= start:
        return []
    width = bucket_width(start, end, buckets)
    with conn.transaction():
        # The default 4 MB work_mem makes the ~43 k-row sort of a 30-day trend spill to disk
        # (measured 56 ms -> 25 ms). SET LOCAL: only for this transaction.
        conn.execute(_SET_WORK_MEM, (work_mem,))
        segments = plan_segments(start, end, width, coverage(conn))
        statement, params = trend_statement(tag_id, start, width, segments)
        # prepare=False: psycopg prepares a statement seen 5 times, and PostgreSQL then tries a
        # generic plan, which cannot prune partitions at plan time: planning it over a year of
        # daily partitions took ~60 ms (a p95 outlier); a one-off plan prunes and takes <1 ms.
        # Binary results: decoding 1,000 rows took ~4 ms as text, ~1.5 ms as binary.
        cur = conn.cursor(binary=True)
        rows = cur.execute(statement, params, prepare=False).fetchall()
    return trend_points(rows)


class CoverageGuess:
    """The last coverage one database returned, for :func:`trend_async` to plan with before it
    knows the current one. Only a guess: each trend reads the coverage again in the same round
    trip as its SELECT and re-plans when they differ (the watermarks move once per rollup
    interval, partitions once a day), so the answer is always planned from the coverage read
    just before the SELECT, as :func:`trend` plans it. One per database (per pool)."""

    def __init__(self) -> None:
        self.cover: dict[str, tuple[datetime | None, datetime | None]] | None = None


async def trend_async(
    conn: psycopg.AsyncConnection,
    tag_id: int,
    start: datetime,
    end: datetime,
    buckets: int = 1000,
    *,
    work_mem: str | None = TREND_WORK_MEM,
    guess: CoverageGuess | None = None,
) -> list[TrendPoint]:
    """:func:`trend` on an async connection, for the API's event loop: the same answer.

    On an autocommit connection: the coverage, then the SELECT, sent together in one pipeline
    when ``guess`` holds the coverage (one round trip; a second only when the coverage changed
    since), else one after the other (two). With ``work_mem`` (the default) the SELECT is
    wrapped in ``BEGIN; set_config(work_mem, local); ...; COMMIT`` in the same pipeline; with
    ``work_mem=None`` (a session that has it already, as the API's async pool sets on connect)
    it goes alone. The sync ``trend`` takes five round trips (BEGIN, work_mem, coverage,
    SELECT, COMMIT). Each statement reads its own snapshot at READ COMMITTED in both versions,
    and here too the coverage is read just before the SELECT that it planned. On a connection
    that is not in autocommit it runs as ``trend`` does (a transaction, or a savepoint).
    """
    _require_aware(start, end)
    if end <= start:
        return []
    width = bucket_width(start, end, buckets)
    idle = conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
    if not (conn.autocommit and idle):
        async with conn.transaction():
            if work_mem is not None:
                await conn.execute(_SET_WORK_MEM, (work_mem,))
            segments = plan_segments(start, end, width, await coverage_async(conn))
            statement, params = trend_statement(tag_id, start, width, segments)
            cur = conn.cursor(binary=True)  # prepare=False, binary: see ``trend``
            await cur.execute(statement, params, prepare=False)
            return trend_points(await cur.fetchall())
    cover = guess.cover if guess is not None else None
    checked = cover is not None  # planned from the guess: read the coverage with the SELECT
    if cover is None:
        cover = await coverage_async(conn)
        if guess is not None:
            guess.cover = cover
    while True:
        statement, params = trend_statement(
            tag_id, start, width, plan_segments(start, end, width, cover))
        cov_cur = conn.cursor()
        cur = conn.cursor(binary=True)  # prepare=False, binary: see ``trend``
        try:
            # Explicit BEGIN/COMMIT rather than ``conn.transaction()``, which waits for the
            # server on entering and leaving the block: here all go out with one Sync.
            async with conn.pipeline():
                if checked:
                    await cov_cur.execute(_COVERAGE)
                if work_mem is not None:
                    await conn.execute("BEGIN")
                    await conn.execute(_SET_WORK_MEM, (work_mem,))
                await cur.execute(statement, params, prepare=False)
                if work_mem is not None:
                    await conn.execute("COMMIT")
        except psycopg.Error:
            if conn.info.transaction_status == psycopg.pq.TransactionStatus.INERROR:
                await conn.rollback()  # the failed block, so the connection is usable again
            raise
        if not checked:
            return trend_points(await cur.fetchall())
        fresh = coverage_from_rows(await cov_cur.fetchall())
        assert guess is not None
        guess.cover = fresh
        if fresh == cover:
            return trend_points(await cur.fetchall())
        # Planned from a stale guess: plan again from what was just read, as ``trend`` would.
        cover, checked = fresh, False


def raw(
    conn: psycopg.Connection, tag_id: int, start: datetime, end: datetime, limit: int = 100_000
) -> list[Sample]:
    """Raw samples of one tag in [start, end), oldest first, at most ``limit``."""
    _require_aware(start, end)
    rows = conn.execute(
        "SELECT ts, value, quality FROM historian.samples "
        "WHERE tag_id = %s AND ts >= %s AND ts < %s ORDER BY ts LIMIT %s",
        (tag_id, start, end, limit),
    ).fetchall()
    return [Sample(ts, value, quality) for ts, value, quality in rows]


_PRIOR = (
    "SELECT ts, value, quality FROM historian.samples "
    "WHERE tag_id = %s AND ts < %s AND ts >= %s ORDER BY ts DESC LIMIT 1"
)


def prior(conn: psycopg.Connection, tag_id: int, start: datetime,
          lookback: timedelta) -> Sample | None:
    """The last sample (any quality) before ``start``, if one is at most ``lookback`` older.

    Why: the historian stores on change (deadband) plus a heartbeat, so a steady value has
    few samples, maybe none in a short window; a trend draws it from ``start`` with this one
    (held, as the storage rule means), instead of leaving the window empty.
    """
    _require_aware(start)
    row = conn.execute(_PRIOR, (tag_id, start, start - lookback)).fetchone()
    return None if row is None else Sample(row[0], row[1], row[2])


async def prior_async(conn: psycopg.AsyncConnection, tag_id: int, start: datetime,
                      lookback: timedelta) -> Sample | None:
    """:func:`prior` on an async connection."""
    _require_aware(start)
    cur = await conn.execute(_PRIOR, (tag_id, start, start - lookback))
    row = await cur.fetchone()
    return None if row is None else Sample(row[0], row[1], row[2])


_LATEST = """
SELECT t.tag_id, s.ts, s.value, s.quality
FROM unnest(%s::int4[]) AS t(tag_id)
CROSS JOIN LATERAL (
    SELECT ts, value, quality FROM historian.samples
    WHERE tag_id = t.tag_id AND ts >= %s ORDER BY ts DESC LIMIT 1
) s
"""


def latest(
    conn: psycopg.Connection,
    tag_ids: Iterable[int],
    *,
    lookback: timedelta = timedelta(days=2),
    now: datetime | None = None,
) -> dict[int, Sample]:
    """Most recent sample (any quality) per tag; tags without samples are absent.

    Looks in the last ``lookback`` first (a few partitions), then without bound for the tags
    not found there, so a tag silent for months is still answered without probing every
    partition for every tag.
    """
    wanted: Sequence[int] = list(dict.fromkeys(tag_ids))
    now = now or datetime.now(UTC)
    out: dict[int, Sample] = {}
    for since in (now - lookback, datetime(1, 1, 1, tzinfo=UTC)):
        missing = [t for t in wanted if t not in out]
        if not missing:
            break
        for tag, ts, value, quality in conn.execute(_LATEST, (missing, since)):
            out[tag] = Sample(ts, value, quality)
    return out


def _require_aware(*stamps: datetime) -> None:
    for ts in stamps:
        if ts.tzinfo is None:
            raise ValueError("historian queries need timezone-aware datetimes (UTC)")
