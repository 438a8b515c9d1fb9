"""trend() over each tier equals a naive date_bin over the raw rows; trend_async() answers
exactly as trend(); raw() and latest()."""

from __future__ import annotations

import asyncio
import math
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from itertools import pairwise
from pathlib import Path
from typing import Any

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.historian.query import (
    TREND_WORK_MEM,
    Coverage,
    CoverageGuess,
    TrendPoint,
    bucket_width,
    coverage,
    coverage_async,
    latest,
    plan_segments,
    raw,
    trend,
    trend_async,
    watermarks,
)
from engine.historian.rollups import HOUR, MINUTE, TEN_MINUTES, RollupMaintainer
from engine.historian.writer import HistorianWriter

from .historian_helpers import BASE, make_rows

NAIVE = """
SELECT date_bin(%(w)s, ts, %(s)s) AS b,
    min(value) FILTER (WHERE g), max(value) FILTER (WHERE g), avg(value) FILTER (WHERE g),
    (array_agg(value ORDER BY ts DESC) FILTER (WHERE g))[1],
    count(*) FILTER (WHERE g), count(*) FILTER (WHERE NOT g)
FROM (SELECT *, quality = 0 AND value IS NOT NULL AS g FROM historian.samples
      WHERE tag_id = %(t)s AND ts >= %(s)s AND ts < %(e)s) x
GROUP BY b ORDER BY b
"""
NOW = BASE + timedelta(days=2, minutes=30, seconds=20)  # rollups stop here; data goes on


@pytest.fixture
def history(database_url: str, tmp_path: Path) -> Iterator[psycopg.Connection]:
    """2 tags every 10 s for 3 days, rolled up to NOW (so the last ~22 h are a raw tail)."""
    w = HistorianWriter(database_url, tmp_path, flush_interval_s=0.1)
    w.start()
    w.submit(*make_rows(2, 3 * 86_400, step_s=10.0))
    assert w.stop(timeout=30)
    RollupMaintainer(database_url, raw_chunk=timedelta(days=1)).run_once(NOW)
    with psycopg.connect(database_url) as conn:
        yield conn


def _naive(conn: psycopg.Connection, tag: int, start: datetime, end: datetime,
           width: timedelta) -> list[tuple[Any, ...]]:
    return conn.execute(NAIVE, {"w": width, "s": start, "e": end, "t": tag}).fetchall()


def _assert_same(got: list[TrendPoint], ref: list[tuple[Any, ...]]) -> None:
    assert [p.bucket_start for p in got] == [r[0] for r in ref]
    for p, r in zip(got, ref, strict=True):
        assert (p.vmin, p.vmax, p.last, p.count, p.nbad) == (r[1], r[2], r[4], r[5], r[6])
        assert p.avg is None if r[3] is None else math.isclose(p.avg or 0.0, r[3], rel_tol=1e-9)


@pytest.mark.parametrize(
    ("start", "end", "buckets", "tier"),
    [
        (BASE + timedelta(hours=5), BASE + timedelta(hours=6), 1000, "raw"),  # 3.6 s
        (BASE + timedelta(hours=5), BASE + timedelta(hours=5, minutes=500), 100, "1m"),  # 5 min
        (BASE + timedelta(hours=5), BASE + timedelta(hours=5, minutes=1000), 100, "10m"),  # 10 min
        (BASE + timedelta(hours=1), BASE + timedelta(days=2, hours=1), 96, "10m"),  # 30 min
        (BASE, BASE + timedelta(days=3), 72, "1h"),  # 1 h, crossing all watermarks
        (BASE + timedelta(days=2), BASE + timedelta(days=2, hours=4), 24, "raw"),  # mostly tail
    ],
)
def test_trend_matches_naive_date_bin_when_buckets_align(
    history: psycopg.Connection, start: datetime, end: datetime, buckets: int, tier: str
) -> None:
    width = bucket_width(start, end, buckets)
    segments = plan_segments(start, end, width, coverage(history))
    assert max(segments, key=lambda s: s[2] - s[1])[0] == tier  # the tier does the bulk
    for tag in (1, 2):
        got = trend(history, tag, start, end, buckets)
        assert 0 < len(got) <= buckets
        _assert_same(got, _naive(history, tag, start, end, width))


def test_long_trend_reads_all_four_sources_so_it_is_complete_up_to_now() -> None:
    cover: Coverage = {
        "1m": (None, BASE + timedelta(days=2, minutes=30)),
        "10m": (None, BASE + timedelta(days=2, minutes=20)),
        "1h": (None, BASE + timedelta(days=2)),
    }
    segments = plan_segments(BASE, BASE + timedelta(days=3), timedelta(hours=1), cover)
    assert [s[0] for s in segments] == ["1h", "10m", "1m", "raw"]
    assert segments[-1][2] == BASE + timedelta(days=3)


def test_watermarks_of_the_fixture(history: psycopg.Connection) -> None:
    two_days = BASE + timedelta(days=2)
    assert watermarks(history) == (two_days + timedelta(minutes=30),
                                   two_days + timedelta(minutes=30), two_days)


def test_trend_reads_the_finer_tier_where_retention_dropped_the_coarser_one(
    history: psycopg.Connection,
) -> None:
    start, end, buckets = BASE + timedelta(hours=5), BASE + timedelta(hours=5, minutes=1000), 100
    width = bucket_width(start, end, buckets)
    history.execute('DROP TABLE historian."rollup_10m_202611"')  # as drop_expired would
    history.commit()
    segments = plan_segments(start, end, width, coverage(history))
    assert {s[0] for s in segments} == {"1m"}
    _assert_same(trend(history, 1, start, end, buckets), _naive(history, 1, start, end, width))


_STEPS = {"1m": MINUTE, "10m": TEN_MINUTES, "1h": HOUR}
_T0 = datetime(2026, 1, 1, tzinfo=UTC)
_offsets = st.integers(min_value=0, max_value=40 * 86_400 * 1_000_000)  # microseconds


def _stamp(us: int) -> datetime:
    return _T0 + timedelta(microseconds=us)


@st.composite
def _coverages(draw: st.DrawFn) -> Coverage:
    """Random per-tier (floor, watermark): floors on month-like midnights, marks on buckets."""
    out: dict[str, tuple[datetime | None, datetime | None]] = {}
    for tier, step in _STEPS.items():
        mark = draw(st.none() | _offsets.map(
            lambda us, s=step: _T0 + timedelta(microseconds=us) // s * s))
        floor = draw(st.none() | st.integers(0, 40).map(lambda d: _T0 + timedelta(days=d)))
        out[tier] = (floor, mark)
    return out


@settings(max_examples=400, deadline=None)
@given(
    a=_offsets, b=_offsets, width_us=st.integers(1, 3 * 3_600 * 1_000_000),
    cover=_coverages(),
)
def test_segments_cover_the_range_exactly_once(
    a: int, b: int, width_us: int, cover: Coverage
) -> None:
    start, end = _stamp(min(a, b)), _stamp(max(a, b))
    width = timedelta(microseconds=width_us)
    segments = plan_segments(start, end, width, cover)
    if start == end:
        assert segments == []
        return
    # contiguous, non-empty, in order: [start, end) exactly once, no overlap, no hole
    assert segments[0][1] == start and segments[-1][2] == end
    for (_, _, hi), (_, lo, _) in pairwise(segments):
        assert hi == lo
    coarsest = "raw" if width < MINUTE else "1m" if width < TEN_MINUTES else (
        "10m" if width < HOUR else "1h")
    allowed = ["raw", "1m", "10m", "1h"][: ["raw", "1m", "10m", "1h"].index(coarsest) + 1]
    for source, lo, hi in segments:
        assert lo < hi
        assert source in allowed  # never coarser than the pixel width resolves
        if source != "raw":  # a tier serves whole buckets it holds completely
            floor, mark = cover[source]
            step = _STEPS[source]
            assert mark is not None and hi <= mark
            assert floor is None or lo >= floor
            assert (lo - _T0) % step == timedelta(0) and (hi - _T0) % step == timedelta(0)


def test_unaligned_trend_keeps_extremes_and_counts(history: psycopg.Connection) -> None:
    start = BASE + timedelta(hours=1, minutes=17, seconds=23)
    end = BASE + timedelta(days=2, hours=7, seconds=1)
    got = trend(history, 1, start, end, 500)
    assert 0 < len(got) <= 500
    ref = history.execute(
        "SELECT min(value), max(value), count(*) FROM historian.samples "
        "WHERE tag_id = 1 AND ts >= %s AND ts < %s AND quality = 0 AND value IS NOT NULL",
        (start, end),
    ).fetchone()
    assert ref is not None
    assert min(p.vmin for p in got if p.vmin is not None) == ref[0]
    assert max(p.vmax for p in got if p.vmax is not None) == ref[1]
    assert sum(p.count for p in got) == ref[2]
    assert got[0].bucket_start == start


def test_raw_and_latest(history: psycopg.Connection) -> None:
    rows = raw(history, 2, BASE, BASE + timedelta(minutes=1), limit=4)
    assert [r.ts for r in rows] == [BASE + timedelta(seconds=10 * i) for i in range(4)]
    last = latest(history, [1, 2, 99], now=BASE + timedelta(days=3))
    assert set(last) == {1, 2}
    assert last[1].ts == BASE + timedelta(days=3) - timedelta(seconds=10)
    # a tag silent for longer than the lookback is still found
    far = latest(history, [2], now=BASE + timedelta(days=400))
    assert far[2].ts == last[2].ts


def test_naive_datetimes_are_refused(history: psycopg.Connection) -> None:
    with pytest.raises(ValueError):
        trend(history, 1, datetime(2026, 1, 1), datetime(2026, 1, 2))


# --- trend_async: the API's trend on the event loop must answer exactly as trend() ---------

_CASES = [  # every tier, the raw tail, unaligned edges, across all watermarks, outside the data
    (BASE + timedelta(hours=5), BASE + timedelta(hours=6), 1000),
    (BASE + timedelta(hours=5), BASE + timedelta(hours=5, minutes=500), 100),
    (BASE + timedelta(hours=5), BASE + timedelta(hours=5, minutes=1000), 100),
    (BASE + timedelta(hours=1), BASE + timedelta(days=2, hours=1), 96),
    (BASE, BASE + timedelta(days=3), 72),
    (BASE + timedelta(days=2), BASE + timedelta(days=2, hours=4), 24),
    (BASE + timedelta(hours=1, minutes=17, seconds=23), BASE + timedelta(days=2, hours=7), 500),
    (BASE - timedelta(days=30), BASE + timedelta(days=40), 1000),
    (BASE - timedelta(days=2), BASE - timedelta(days=1), 300),  # before any data: []
    (BASE + timedelta(hours=3), BASE + timedelta(hours=3), 10),  # empty range: []
    (BASE + timedelta(hours=3), BASE + timedelta(hours=2), 10),  # reversed: []
]


async def test_trend_async_answers_exactly_as_trend(
    history: psycopg.Connection, database_url: str
) -> None:
    aconn = await psycopg.AsyncConnection.connect(database_url, autocommit=True)
    # A connection in a transaction (not the API's autocommit pool) answers the same too.
    tconn = await psycopg.AsyncConnection.connect(database_url)
    guess = CoverageGuess()
    try:
        for start, end, buckets in _CASES:
            for tag in (1, 2, 99):
                want = trend(history, tag, start, end, buckets)
                assert await trend_async(aconn, tag, start, end, buckets) == want
                assert await trend_async(aconn, tag, start, end, buckets, work_mem=None) == want
                assert await trend_async(aconn, tag, start, end, buckets, work_mem=None,
                                         guess=guess) == want
                assert await trend_async(aconn, tag, start, end, buckets, guess=guess) == want
                assert await trend_async(tconn, tag, start, end, buckets) == want
                await tconn.rollback()
        # the same time zone handling: offsets in, the same UTC buckets out
        minus3 = timezone(timedelta(hours=-3))
        start, end = BASE.astimezone(minus3), (BASE + timedelta(days=2)).astimezone(minus3)
        got = await trend_async(aconn, 1, start, end, 200)
        assert got == trend(history, 1, start, end, 200) and got[0].bucket_start == BASE
        # quality marks survive: some buckets carry bad samples
        assert any(p.has_bad for p in got) and all(p.count + p.nbad > 0 for p in got)
        # the work_mem of the trend does not leak into the session
        show = await aconn.execute("SHOW work_mem")
        assert await show.fetchone() != (TREND_WORK_MEM,)
        with pytest.raises(ValueError):
            await trend_async(aconn, 1, datetime(2026, 1, 1), datetime(2026, 1, 2))
    finally:
        await aconn.close()
        await tconn.close()


async def test_trend_async_reads_the_finer_tier_where_retention_dropped_one(
    history: psycopg.Connection, database_url: str
) -> None:
    start, end, buckets = BASE + timedelta(hours=5), BASE + timedelta(hours=5, minutes=1000), 100
    history.execute('DROP TABLE historian."rollup_10m_202611"')  # as drop_expired would
    history.commit()
    async with await psycopg.AsyncConnection.connect(database_url, autocommit=True) as aconn:
        assert await coverage_async(aconn) == coverage(history)
        got = await trend_async(aconn, 1, start, end, buckets)
    assert got == trend(history, 1, start, end, buckets)
    _assert_same(got, _naive(history, 1, start, end, bucket_width(start, end, buckets)))


_STALE: Coverage = {  # a guess from before the fixture's rollups: plans from raw only
    "1m": (None, None), "10m": (None, None), "1h": (None, None)}


@pytest.mark.parametrize(("work_mem", "guessed", "waits", "statements"), [
    (TREND_WORK_MEM, None, 2, 5),  # coverage; BEGIN + work_mem + SELECT + COMMIT
    (None, None, 2, 2),  # coverage; SELECT (the session has the work_mem)
    (None, "right", 1, 2),  # coverage + SELECT planned from the guess, checked
    (TREND_WORK_MEM, "right", 1, 5),
    (None, "stale", 2, 3),  # the check fails: the SELECT again, planned from what was read
])
async def test_trend_async_round_trips(
    history: psycopg.Connection, database_url: str, tmp_path: Path, work_mem: str | None,
    guessed: str | None, waits: int, statements: int,
) -> None:
    """The sync trend takes five round trips. Counted as the client's waits: each Sync
    (extended protocol) or simple Query message is one, since pipelined statements share the
    one Sync. The answer is the same whatever the guess."""
    guess = None if guessed is None else CoverageGuess()
    if guess is not None:
        guess.cover = dict(coverage(history) if guessed == "right" else _STALE)
    trace = tmp_path / "libpq.trace"
    async with await psycopg.AsyncConnection.connect(database_url, autocommit=True) as aconn:
        with trace.open("w") as f:
            aconn.pgconn.trace(f.fileno())
            got = await trend_async(aconn, 1, BASE, BASE + timedelta(days=3), 300,
                                    work_mem=work_mem, guess=guess)
            aconn.pgconn.untrace()
    assert got == trend(history, 1, BASE, BASE + timedelta(days=3), 300)
    if guess is not None:
        assert guess.cover == coverage(history)  # the guess follows what was read
    sent = [line.split("\t") for line in trace.read_text().splitlines()]
    sent = [m for m in sent if len(m) > 3 and m[1] == "F"]
    assert sum(m[3].startswith(("Sync", "Query")) for m in sent) == waits, [m[3] for m in sent]
    assert sum(m[3].startswith(("Parse", "Query")) for m in sent) == statements


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(a=st.integers(-86_400_000_000, 4 * 86_400_000_000),
       span=st.integers(1, 4 * 86_400_000_000), buckets=st.integers(1, 2000),
       offset_min=st.integers(-12 * 60, 14 * 60))
def test_trend_async_equals_trend_on_random_ranges(
    history: psycopg.Connection, database_url: str, a: int, span: int, buckets: int,
    offset_min: int,
) -> None:
    zone = timezone(timedelta(minutes=offset_min))
    start = (BASE + timedelta(microseconds=a)).astimezone(zone)
    end = start + timedelta(microseconds=span)

    async def run(guess: CoverageGuess | None) -> list[TrendPoint]:
        async with await psycopg.AsyncConnection.connect(database_url,
                                                         autocommit=True) as aconn:
            return await trend_async(aconn, 1, start, end, buckets, guess=guess)

    stale = CoverageGuess()
    stale.cover = dict(_STALE)
    want = trend(history, 1, start, end, buckets)
    assert asyncio.run(run(None)) == want
    assert asyncio.run(run(stale)) == want
