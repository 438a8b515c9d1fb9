"""RecentSamples: live trends from memory answer what ``query.trend`` answers from the table,
with samples out of order, duplicated, not GOOD or NaN; the horizon, trimming, the row bound,
and the preload of the span before the start with samples that arrive meanwhile."""

from __future__ import annotations

import itertools
import logging
import math
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.historian.copy_encoder import columns, us_to_datetime
from engine.historian.query import TrendPoint, trend
from engine.historian.recent import RecentSamples, trend_from_samples
from engine.historian.writer import HistorianWriter

from .historian_helpers import us

NOW = datetime.now(UTC).replace(microsecond=0)
T0 = NOW - timedelta(minutes=40)  # the cache's "start" in most tests
HOUR = timedelta(hours=1)


def _assert_same(got: list[TrendPoint] | None, ref: list[TrendPoint]) -> None:
    assert got is not None
    assert [p.bucket_start for p in got] == [p.bucket_start for p in ref]
    for a, b in zip(got, ref, strict=True):
        assert (a.vmin, a.vmax, a.last, a.count, a.nbad) == (b.vmin, b.vmax, b.last, b.count,
                                                             b.nbad)
        assert (a.avg is None) == (b.avg is None)
        if a.avg is not None and b.avg is not None:
            assert math.isclose(a.avg, b.avg, rel_tol=1e-12, abs_tol=1e-300)


def _add(cache: RecentSamples, rows: list[tuple[int, datetime, float, int]]) -> None:
    cache.add(columns([r[0] for r in rows], [us(r[1]) for r in rows], [r[2] for r in rows],
                      [r[3] for r in rows]))


# -- without a database ------------------------------------------------------------------------

def test_buckets_follow_the_sql_rules() -> None:
    """Aligned on start; min/max/avg/last over GOOD only; NaN is no value; empty buckets out."""
    s = us(T0)
    ts = np.array([s, s + 500_000, s + 1_200_000, s + 1_900_000, s + 7_000_000], np.int64)
    v = np.array([3.0, 1.0, np.nan, 5.0, 2.0])
    q = np.array([0, 0, 0, 192, 192], np.int16)
    pts = trend_from_samples(ts, v, q, s, 1_000_000).points()
    assert [p.bucket_start for p in pts] == [T0, T0 + timedelta(seconds=1),
                                             T0 + timedelta(seconds=7)]
    a, b, c = pts
    assert (a.vmin, a.vmax, a.avg, a.last, a.count, a.nbad) == (1.0, 3.0, 2.0, 1.0, 2, 0)
    assert (b.vmin, b.vmax, b.avg, b.last, b.count, b.nbad) == (None, None, None, None, 0, 2)
    assert (c.count, c.nbad, c.last) == (0, 1, None)


def test_out_of_order_duplicates_and_the_horizon() -> None:
    cache = RecentSamples(HOUR, now_us=us(T0))
    _add(cache, [(1, T0 + timedelta(seconds=10), 10.0, 0),
                 (1, T0 + timedelta(seconds=5), 5.0, 0),     # out of order: inserted
                 (1, T0 + timedelta(seconds=10), 99.0, 0),   # duplicate: the first stays
                 (1, T0 - timedelta(seconds=1), 7.0, 0)])    # before the start: not here
    assert cache.duplicates == 1
    got = cache.trend(1, T0, T0 + timedelta(seconds=20), 20)
    assert got is not None
    assert [(p.bucket_start, p.last) for p in got] == [(T0 + timedelta(seconds=5), 5.0),
                                                       (T0 + timedelta(seconds=10), 10.0)]
    assert cache.trend(1, T0 - timedelta(seconds=1), T0 + timedelta(seconds=20), 20) is None
    assert cache.trend(2, T0, T0 + timedelta(seconds=20), 20) == []  # a tag with no samples
    # A bucket of a minute or more is a rollup tier's: the database answers.
    assert cache.trend(1, T0, T0 + timedelta(minutes=100), 100) is None
    assert cache.trend(1, T0, T0 + timedelta(minutes=99), 100) is not None
    cache.disable()
    assert cache.trend(1, T0, T0 + timedelta(seconds=20), 20) is None


def test_many_out_of_order_inserts_keep_time_order() -> None:
    cache = RecentSamples(HOUR, now_us=us(T0))
    rng = np.random.default_rng(3)
    offsets = rng.permutation(5000)
    for chunk in np.array_split(offsets, 37):
        cache.add(columns([7] * len(chunk), us(T0) + chunk * 1_000_000, chunk.astype(float),
                          [0] * len(chunk)))
    got = cache.trend(7, T0, T0 + timedelta(seconds=5000), 5000)
    assert got is not None
    assert [p.last for p in got] == [float(i) for i in range(5000)]


def test_trim_moves_the_horizon_and_frees_rows() -> None:
    start = us(NOW - timedelta(minutes=30))
    cache = RecentSamples(timedelta(minutes=10), now_us=start)
    n = 30 * 60
    cache.add(columns([1] * n, start + np.arange(n) * 1_000_000, np.arange(n, dtype=float),
                      [0] * n))
    cache.trim(us(NOW))
    assert cache.horizon_us == us(NOW - timedelta(minutes=10))
    assert cache.stats()["rows"] == 600
    assert cache.trend(1, NOW - timedelta(minutes=11), NOW, 100) is None
    got = cache.trend(1, NOW - timedelta(minutes=10), NOW, 600)
    assert got is not None and len(got) == 600 and got[0].last == n - 600
    _add(cache, [(1, NOW - timedelta(minutes=20), 1.0, 0)])  # late, older than the horizon
    assert cache.stats()["rows"] == 600


def test_the_row_bound_shortens_the_horizon(caplog: pytest.LogCaptureFixture) -> None:
    start = us(NOW - timedelta(minutes=30))
    cache = RecentSamples(HOUR, max_rows=1000, now_us=start)
    n = 30 * 60
    with caplog.at_level(logging.WARNING):
        cache.add(columns([1] * n, start + np.arange(n) * 1_000_000, np.zeros(n), [0] * n))
    assert cache.stats()["rows"] <= 1000
    assert cache.horizon_us > start
    assert "exceed max_rows" in caplog.text
    assert cache.trend(1, us_to_datetime(cache.horizon_us), NOW, 500) is not None


# -- against the table -------------------------------------------------------------------------

@pytest.fixture
def writer_and_cache(database_url: str, tmp_path: Path
                     ) -> Iterator[tuple[HistorianWriter, RecentSamples, psycopg.Connection]]:
    cache = RecentSamples(HOUR, now_us=us(T0))
    w = HistorianWriter(database_url, tmp_path, flush_interval_s=0.05, recent=cache)
    w.start()
    with psycopg.connect(database_url, autocommit=True) as conn:
        yield w, cache, conn
    assert w.stop(timeout=30)


_tags = itertools.count(1000)
sample = st.tuples(
    st.integers(0, 600_000),  # ms after T0
    st.one_of(st.floats(-1e6, 1e6), st.just(float("nan")), st.integers(-3, 3).map(float)),
    st.sampled_from([0, 0, 0, 64, 192]),
)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rows=st.lists(sample, max_size=300), batches=st.integers(1, 5),
       start_ms=st.integers(0, 300_000), span_ms=st.integers(1, 900_000),
       buckets=st.integers(1, 1200))
def test_the_same_trend_as_the_table(
    writer_and_cache: tuple[HistorianWriter, RecentSamples, psycopg.Connection],
    rows: list[tuple[int, float, int]], batches: int, start_ms: int, span_ms: int, buckets: int,
) -> None:
    """Any samples (out of order, duplicated within and across batches, bad, NaN) in any
    batches; any range after the start: the table's answer, or None where a rollup would be."""
    w, cache, conn = writer_and_cache
    tag = next(_tags)
    for part in np.array_split(np.arange(len(rows)), batches):
        w.submit([tag] * len(part), [us(T0) + rows[i][0] * 1000 for i in part],
                 [rows[i][1] for i in part], [rows[i][2] for i in part])
    assert w.flush(timeout=30)
    start = T0 + timedelta(milliseconds=start_ms)
    end = start + timedelta(milliseconds=span_ms)
    got = cache.trend(tag, start, end, buckets)
    ref = trend(conn, tag, start, end, buckets)
    if (end - start) / buckets >= timedelta(minutes=1) - timedelta(microseconds=1):
        return  # (a width of a minute or more: None, asserted above without a database)
    _assert_same(got, ref)


def test_preload_merges_what_arrived_meanwhile(database_url: str, tmp_path: Path) -> None:
    """The span before the start comes from the table; samples of that span that reached the
    cache before the preload (a device's store-and-forward) are merged in once: those the table
    has already keep the table's value, the others are added."""
    start = NOW - timedelta(minutes=20)
    before = HistorianWriter(database_url, tmp_path / "a", flush_interval_s=0.05)
    before.start()
    n = 30 * 60  # tags 1 and 2, every second from 50 to 20 minutes ago
    t = us(NOW - timedelta(minutes=50)) + np.arange(n) * 1_000_000
    before.submit(np.repeat([1, 2], n), np.tile(t, 2), np.arange(2 * n, dtype=float),
                  np.zeros(2 * n, np.int16))
    assert before.flush(timeout=30)

    cache = RecentSamples(HOUR, now_us=us(start))
    w = HistorianWriter(database_url, tmp_path / "b", flush_interval_s=0.05, recent=cache)
    w.start()
    try:
        w.submit([1, 1, 1], [us(start) + 1, int(t[-1]), int(t[-1]) + 500_000],
                 [-1.0, -2.0, -3.0], [0, 0, 0])  # after the start; a duplicate; a late one
        assert not cache.preloaded
        with psycopg.connect(database_url, autocommit=True) as conn:
            assert cache.preload(conn) == 2 * n + 1
            assert cache.preloaded
            assert w.flush(timeout=30)
            lo = NOW - timedelta(minutes=50)
            for tag in (1, 2):
                got = cache.trend(tag, lo, NOW, 3000)
                _assert_same(got, trend(conn, tag, lo, NOW, 3000))
            dup = cache.trend(1, us_to_datetime(int(t[-1])), start, 10)
            assert dup is not None and dup[0].last == float(n - 1)  # the table's value
            # the sample before the loaded span (an hour's heartbeat reaches past it): known
            from engine.historian.query import prior

            cache.trim(us(NOW + timedelta(minutes=5)))  # the horizon: 55 minutes ago
            for at, look in ((NOW - timedelta(minutes=40), timedelta(hours=1)),
                             (NOW - timedelta(minutes=52), timedelta(hours=1)),
                             (NOW - timedelta(minutes=40), timedelta(minutes=1))):
                known, got = cache.prior(1, at, look)
                assert known and got == prior(conn, 1, at, look), (at, look)
    finally:
        assert w.stop(timeout=30)
        assert before.stop(timeout=30)


def test_preload_of_an_empty_table(database_url: str) -> None:
    """A new site: nothing before the start, nothing aside; the cache then covers the hour."""
    cache = RecentSamples(HOUR, now_us=us(T0))
    with psycopg.connect(database_url) as conn:
        assert cache.preload(conn) == 0
    assert cache.preloaded and cache.horizon_us == us(T0 - HOUR)
    assert cache.trend(1, T0 - timedelta(minutes=30), T0, 100) == []


def test_preload_with_the_database_down_is_retried(dead_url: str, database_url: str) -> None:
    cache = RecentSamples(HOUR, now_us=us(T0))
    _add(cache, [(1, T0 - timedelta(minutes=5), 1.0, 0)])
    with pytest.raises(psycopg.OperationalError), psycopg.connect(dead_url,
                                                                  connect_timeout=2) as conn:
        cache.preload(conn)
    assert not cache.preloaded
    assert cache.trend(1, T0 - timedelta(minutes=10), T0, 100) is None
    with psycopg.connect(database_url) as conn:
        assert cache.preload(conn) == 1  # the sample kept aside
    got = cache.trend(1, T0 - timedelta(minutes=10), T0, 100)
    assert got is not None and [p.last for p in got] == [1.0]


def test_the_writer_feeds_the_cache_and_reports_its_backlog(
    writer_and_cache: tuple[HistorianWriter, RecentSamples, psycopg.Connection],
) -> None:
    w, cache, _conn = writer_and_cache
    w.submit([5], [us(T0) + 1], [1.5], [0])
    assert cache.stats()["rows"] == 1
    assert w.flush(timeout=30)
    assert not w.spill_backlog


def test_prior_from_memory_or_unknown() -> None:
    """The sample before a start: from memory when memory covers the span looked in, else
    "not known" (the table answers)."""
    cache = RecentSamples(HOUR, now_us=us(T0))
    _add(cache, [(1, T0 + timedelta(seconds=10), 1.5, 0),
                 (1, T0 + timedelta(seconds=20), float("nan"), 192)])
    look = timedelta(minutes=5)
    known, s = cache.prior(1, T0 + timedelta(seconds=15), look)
    assert known and s is not None and (s.ts, s.value, s.quality) == (
        T0 + timedelta(seconds=10), 1.5, 0)
    known, s = cache.prior(1, T0 + timedelta(seconds=30), look)  # a bad one, with no value
    assert known and s is not None and s.value is None and s.quality == 192
    # nothing in the 5 minutes before, all of them in memory: known, none
    assert cache.prior(1, T0 + timedelta(minutes=10), look) == (True, None)
    # nothing in memory before, and the 5 minutes reach before the horizon: not known
    assert cache.prior(1, T0 + timedelta(seconds=5), look) == (False, None)
    cache.trim(us(T0 + HOUR + timedelta(minutes=20)))  # horizon: T0 + 20 min
    assert cache.prior(1, T0 + HOUR, look) == (True, None)  # covered, nothing there
    assert cache.prior(2, T0 + HOUR, look) == (True, None)  # a tag never seen


def test_prior_in_memory_equals_the_table(
    writer_and_cache: tuple[HistorianWriter, RecentSamples, psycopg.Connection],
) -> None:
    from engine.historian.query import prior

    w, cache, conn = writer_and_cache
    tag = next(_tags)
    offsets = [3, 17, 18, 95, 400]
    w.submit([tag] * 5, [us(T0) + o * 1_000_000 for o in offsets],
             [1.0, float("nan"), 3.0, 4.0, 5.0], [0, 0, 192, 0, 0])
    assert w.flush(timeout=30)
    for at in (0, 5, 17, 18, 19, 96, 300, 401, 1000):
        start = T0 + timedelta(seconds=at)
        for look in (timedelta(seconds=2), timedelta(minutes=10)):
            known, got = cache.prior(tag, start, look)
            if not known:
                continue
            assert got == prior(conn, tag, start, look), (at, look)
