"""Rollups equal a direct aggregate of the raw rows, also after late inserts."""

from __future__ import annotations

import math
from datetime import timedelta
from pathlib import Path

import numpy as np
import psycopg

from engine.historian.rollups import RollupMaintainer
from engine.historian.writer import HistorianWriter

from .historian_helpers import BASE, make_rows

# The reference: the definition of each rollup column, computed straight from raw rows.
REFERENCE = """
SELECT tag_id, date_bin(%(w)s, ts, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS b,
    min(value) FILTER (WHERE g), max(value) FILTER (WHERE g), sum(value) FILTER (WHERE g),
    count(*) FILTER (WHERE g),
    (array_agg(value ORDER BY ts) FILTER (WHERE g))[1],
    (array_agg(value ORDER BY ts DESC) FILTER (WHERE g))[1],
    count(*) FILTER (WHERE NOT g)
FROM (SELECT *, quality = 0 AND value IS NOT NULL AS g FROM historian.samples
      WHERE ts < %(upto)s) s
GROUP BY 1, 2 ORDER BY 1, 2
"""
TIER = """
SELECT tag_id, bucket, vmin, vmax, vsum, vcount, vfirst, vlast, nbad
FROM historian.{table} WHERE bucket < %(upto)s ORDER BY 1, 2
"""


def _assert_tier_matches(
    conn: psycopg.Connection, table: str, width: timedelta, upto: object
) -> int:
    ref = conn.execute(REFERENCE, {"w": width, "upto": upto}).fetchall()
    got = conn.execute(TIER.format(table=table), {"upto": upto}).fetchall()
    assert [r[:2] for r in got] == [r[:2] for r in ref]
    for g, r in zip(got, ref, strict=True):
        assert (g[2], g[3], g[5], g[6], g[7], g[8]) == (r[2], r[3], r[5], r[6], r[7], r[8]), g
        assert (g[4] is None and r[4] is None) or math.isclose(g[4], r[4], rel_tol=1e-12)
    return len(got)


def _write(url: str, spill: Path, rows: tuple[np.ndarray, ...]) -> None:
    w = HistorianWriter(url, spill, flush_interval_s=0.1)
    w.start()
    w.submit(*rows)
    assert w.stop(timeout=20)


def test_rollups_equal_raw_aggregates_including_late_data(
    database_url: str, tmp_path: Path
) -> None:
    # 3 tags every 7 s for 3 h; 10 % not GOOD, some NULL values
    _write(database_url, tmp_path, make_rows(3, 3 * 3600, step_s=7.0))
    now = BASE + timedelta(hours=3, minutes=30)
    maintainer = RollupMaintainer(database_url, lag=timedelta(seconds=5),
                                  raw_chunk=timedelta(minutes=50))
    report = maintainer.run_once(now)
    assert report.watermark_1m == BASE + timedelta(hours=3, minutes=29)
    assert report.watermark_10m == BASE + timedelta(hours=3, minutes=20)
    assert report.watermark_1h == BASE + timedelta(hours=3)
    with psycopg.connect(database_url) as conn:
        assert _assert_tier_matches(conn, "rollup_1m", timedelta(minutes=1), now) == 3 * 180
        upto = BASE + timedelta(hours=3)
        assert _assert_tier_matches(conn, "rollup_10m", timedelta(minutes=10), upto) == 3 * 18
        hours = _assert_tier_matches(conn, "rollup_1h", timedelta(hours=1), upto)
        assert hours == 9

    # Late data (a replay after an outage): new values between existing ones, a new tag,
    # a lower minimum and bad rows, all behind both watermarks.
    tags, ts, values, quals = make_rows(4, 2 * 3600, step_s=11.0, seed=7)
    ts = ts + 3_000_000  # never on the 7-s grid: no duplicates
    values[::50] = -1e6
    _write(database_url, tmp_path, (tags, ts, values, quals))
    with psycopg.connect(database_url) as conn:
        dirty = conn.execute("SELECT count(*) FROM historian.rollup_dirty").fetchone()
    assert dirty is not None and dirty[0] >= 1
    report = maintainer.run_once(now)
    assert report.dirty_ranges >= 1
    with psycopg.connect(database_url) as conn:
        assert conn.execute("SELECT count(*) FROM historian.rollup_dirty").fetchone() == (0,)
        assert _assert_tier_matches(conn, "rollup_1m", timedelta(minutes=1), now) > 3 * 180
        _assert_tier_matches(conn, "rollup_10m", timedelta(minutes=10),
                             BASE + timedelta(hours=3, minutes=20))
        _assert_tier_matches(conn, "rollup_1h", timedelta(hours=1), BASE + timedelta(hours=3))
        low = conn.execute("SELECT min(vmin) FROM historian.rollup_1h").fetchone()
    assert low == (-1e6,)


def test_maintainer_is_incremental_and_skips_days_without_data(
    database_url: str, tmp_path: Path
) -> None:
    _write(database_url, tmp_path, make_rows(2, 600))
    later = make_rows(2, 600, start=BASE + timedelta(days=30))
    _write(database_url, tmp_path, later)
    m = RollupMaintainer(database_url, raw_chunk=timedelta(hours=6))
    first = m.run_once(BASE + timedelta(minutes=5))
    assert first.watermark_1m == BASE + timedelta(minutes=4)
    report = m.run_once(BASE + timedelta(days=31))
    assert report.steps < 20  # the 30 empty days were jumped over, not walked in 6-h steps
    with psycopg.connect(database_url) as conn:
        for table, width in (("rollup_1m", timedelta(minutes=1)),
                             ("rollup_10m", timedelta(minutes=10)),
                             ("rollup_1h", timedelta(hours=1))):
            _assert_tier_matches(conn, table, width, BASE + timedelta(days=31))
    assert m.run_once(BASE + timedelta(days=31)).steps == 0  # nothing new: nothing done


def test_upgraded_database_backfills_the_10m_tier_then_repairs_late_data(
    database_url: str, tmp_path: Path
) -> None:
    """A database rolled up before migration 0003: 1m and 1h exist, 10m is empty and its
    watermark NULL. The maintainer backfills 10m from 1m (even where raw is gone), and late
    data that arrives meanwhile ends up in every tier."""
    _write(database_url, tmp_path, make_rows(2, 3 * 3600, step_s=13.0))
    now = BASE + timedelta(hours=3, minutes=2)
    m = RollupMaintainer(database_url, raw_chunk=timedelta(hours=1))
    m.run_once(now)
    with psycopg.connect(database_url, autocommit=True) as conn:
        for (name,) in conn.execute(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            "WHERE i.inhparent = 'historian.rollup_10m'::regclass"
        ).fetchall():
            conn.execute(f'DROP TABLE historian."{name}"')
        conn.execute("UPDATE historian.rollup_state SET watermark = NULL WHERE tier = '10m'")
        # raw of the first hour dropped by retention: 10m must come from the 1m rows
        conn.execute("DELETE FROM historian.samples WHERE ts < %s", (BASE + timedelta(hours=1),))
    late = make_rows(2, 3600, start=BASE + timedelta(hours=1, minutes=30), step_s=17.0, seed=3)
    _write(database_url, tmp_path, (late[0], late[1] + 5_000_000, late[2], late[3]))
    report = RollupMaintainer(database_url, rollup_chunk=timedelta(hours=1)).run_once(now)
    assert report.dirty_ranges >= 1
    assert report.watermark_10m == BASE + timedelta(hours=3)
    assert report.watermark_1h == BASE + timedelta(hours=3)
    with psycopg.connect(database_url) as conn:
        for table, width in (("rollup_1m", timedelta(minutes=1)),
                             ("rollup_10m", timedelta(minutes=10)),
                             ("rollup_1h", timedelta(hours=1))):
            # from the second hour on, raw is still there to compare with
            got = conn.execute(
                f"SELECT count(*) FROM historian.{table} WHERE bucket < %s",
                (BASE + timedelta(hours=1),),
            ).fetchone()
            assert got is not None and got[0] > 0, table
            conn.execute("DELETE FROM historian." + table + " WHERE bucket < %s",
                         (BASE + timedelta(hours=1),))
            _assert_tier_matches(conn, table, width, BASE + timedelta(hours=3))
        conn.rollback()
