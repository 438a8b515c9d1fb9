"""trend() over each tier equals a naive date_bin over the raw rows; raw() and latest()."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import psycopg
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.historian.query import (
    Coverage,
    TrendPoint,
    bucket_width,
    coverage,
    latest,
    plan_segments,
    raw,
    trend,
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
