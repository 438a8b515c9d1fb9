"""Trend latency over a year of 1 Hz history of one tag, against a naive date_bin over raw rows.

Generates the history server-side (generate_series, one statement per day), builds the
rollups with RollupMaintainer (1 min, 10 min, 1 h), then times 1,000-point ``trend()`` calls
over 1 h, 1 day, 30 days and 1 year at random offsets (p95 of ``--runs``), and the naive query
over the year.

Warm-up: each range's random windows are read once, untimed, before the timed pass. The first
touch of a partition in a session pays for loading its catalog entries and for reading its
pages into shared buffers; an operator's HMI session pays that once, so the timed pass measures
the steady state, not the bench's first contact with 365 freshly written partitions.

    .venv/bin/python bench/trend_query.py [--days 365] [--runs 20]

Last line: ``trend_query p95_ms_1h=N p95_ms_1d=N p95_ms_30d=N p95_ms_1y=N naive_ms_1y=N``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import p95, throwaway_database

from engine.historian.partitions import RAW, PartitionCache
from engine.historian.query import trend
from engine.historian.rollups import RollupMaintainer

END = datetime(2026, 11, 22, tzinfo=UTC)
TAG = 1
NAIVE = """
SELECT date_bin(%(w)s, ts, %(s)s) AS b, min(value), max(value), avg(value), count(*)
FROM historian.samples WHERE tag_id = %(t)s AND ts >= %(s)s AND ts < %(e)s
GROUP BY b ORDER BY b
"""
# A slow sine with noise, ~1 % BAD_COMM samples without value.
FILL = """
INSERT INTO historian.samples (tag_id, ts, value, quality)
SELECT %(t)s, ts,
    CASE WHEN bad THEN NULL ELSE 50 + 20 * sin(extract(epoch FROM ts) / 3600) + random() END,
    CASE WHEN bad THEN 3 ELSE 0 END
FROM (SELECT ts, random() < 0.01 AS bad
      FROM generate_series(%(lo)s::timestamptz, %(hi)s::timestamptz - interval '1 second',
                           interval '1 second') ts) g
"""


def fill(url: str, start: datetime, days: int) -> None:
    cache = PartitionCache()
    t0 = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SET synchronous_commit = off")
        for d in range(days):
            lo = start + timedelta(days=d)
            cache.ensure_days(conn, RAW, [lo.date()])
            conn.execute(FILL, {"t": TAG, "lo": lo, "hi": lo + timedelta(days=1)})
            if d % 30 == 29:
                print(f"  filled {d + 1} days ({time.perf_counter() - t0:.0f} s)", flush=True)
        conn.execute("VACUUM ANALYZE historian.samples")
    print(f"filled {days * 86_400:,} rows in {time.perf_counter() - t0:.0f} s", flush=True)


def time_trends(url: str, start: datetime, span: timedelta, runs: int) -> list[float]:
    rng = random.Random(span.total_seconds())
    total = (END - start - span).total_seconds()
    windows = [start + timedelta(seconds=rng.randint(0, int(max(0, total)))) for _ in range(runs)]
    out = []
    with psycopg.connect(url, autocommit=True) as conn:
        for lo in windows:  # warm-up pass (see the module docstring)
            trend(conn, TAG, lo, lo + span, 1000)
        for lo in windows:
            t0 = time.perf_counter()
            points = trend(conn, TAG, lo, lo + span, 1000)
            out.append((time.perf_counter() - t0) * 1000)
            assert 0 < len(points) <= 1000
    return out


def time_naive(url: str, start: datetime, runs: int = 3) -> float:
    width = (END - start) / 1000
    out = []
    with psycopg.connect(url, autocommit=True) as conn:
        for _ in range(runs):
            t0 = time.perf_counter()
            conn.execute(NAIVE, {"w": width, "s": start, "e": END, "t": TAG}).fetchall()
            out.append((time.perf_counter() - t0) * 1000)
    return statistics.median(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args()
    start = END - timedelta(days=args.days)
    data_span = END - start
    with throwaway_database("bench_trend") as url:
        fill(url, start, args.days)
        t0 = time.perf_counter()
        report = RollupMaintainer(url, raw_chunk=timedelta(days=1),
                                  rollup_chunk=timedelta(days=30)).run_once(END)
        with psycopg.connect(url, autocommit=True) as conn:
            for table in ("rollup_1m", "rollup_10m", "rollup_1h"):
                conn.execute(f"ANALYZE historian.{table}")
        print(f"rollups built in {time.perf_counter() - t0:.0f} s "
              f"({report.rows_1m:,} 1-min rows, {report.rows_10m:,} 10-min rows, "
              f"{report.rows_1h:,} 1-h rows)", flush=True)
        results = {}
        for label, span in (("1h", timedelta(hours=1)), ("1d", timedelta(days=1)),
                            ("30d", timedelta(days=30)), ("1y", timedelta(days=365))):
            times = time_trends(url, start, min(span, data_span), args.runs)
            results[label] = p95(times)
            print(f"trend {label}: p95 {results[label]:.1f} ms, "
                  f"median {statistics.median(times):.1f} ms", flush=True)
        naive = time_naive(url, start)
        print(f"naive date_bin over raw ({args.days} d): {naive:.0f} ms", flush=True)
    print(
        f"trend_query p95_ms_1h={results['1h']:.1f} p95_ms_1d={results['1d']:.1f} "
        f"p95_ms_30d={results['30d']:.1f} p95_ms_1y={results['1y']:.1f} naive_ms_1y={naive:.0f}"
    )


if __name__ == "__main__":
    main()
