"""HistorianWriter against a real PostgreSQL: batches, duplicates, partitions, stop, late data."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest

from engine.historian.writer import HistorianWriter

from .historian_helpers import BASE, count_rows, make_rows, us


def _writer(url: str, spill: Path, **kw: object) -> HistorianWriter:
    w = HistorianWriter(url, spill, flush_interval_s=0.2, backoff_max_s=0.3, **kw)  # type: ignore[arg-type]
    w.start()
    return w


def test_submitted_rows_are_committed_exactly(database_url: str, tmp_path: Path) -> None:
    tags, ts, values, quals = make_rows(50, 120)
    w = _writer(database_url, tmp_path, batch_rows=1_000)
    try:
        for i in range(0, len(ts), 700):  # chunks that straddle batches
            sl = slice(i, i + 700)
            w.submit(tags[sl].tolist(), ts[sl].tolist(), values[sl].tolist(), quals[sl].tolist())
        assert w.flush(timeout=20)
        stats = w.stats()
    finally:
        w.stop(timeout=20)
    assert stats["written_rows"] == len(ts)
    assert stats["buffered_rows"] == 0 and stats["db_connected"]
    assert stats["last_commit_at"] is not None
    with psycopg.connect(database_url) as conn:
        got = conn.execute(
            "SELECT tag_id, ts, value, quality FROM historian.samples WHERE tag_id = 7 ORDER BY ts"
        ).fetchall()
    sel = tags == 7
    expected_ts = [BASE + timedelta(microseconds=int(t) - us(BASE)) for t in ts[sel]]
    assert [r[1] for r in got] == expected_ts
    for (_, _, value, quality), v, q in zip(got, values[sel], quals[sel], strict=True):
        assert quality == q
        assert (value is None and math.isnan(v)) or value == v


def test_one_duplicate_does_not_lose_its_batch(database_url: str, tmp_path: Path) -> None:
    t0 = us(BASE)
    w = _writer(database_url, tmp_path)
    try:
        w.submit([1, 2], [t0, t0], [1.0, 2.0], [0, 0])
        assert w.flush(timeout=10)
        # one row repeats (1, t0) with another value; the other 99 are new
        w.submit([1] * 100, [t0 + i * 1_000_000 for i in range(100)], [9.0] * 100, [0] * 100)
        assert w.flush(timeout=10)
        stats = w.stats()
    finally:
        w.stop(timeout=10)
    assert count_rows(database_url) == 2 + 99
    assert stats["duplicate_rows"] == 1
    with psycopg.connect(database_url) as conn:
        first = conn.execute(
            "SELECT value FROM historian.samples WHERE tag_id = 1 AND ts = %s", (BASE,)
        ).fetchone()
    assert first == (1.0,)  # first write wins; nothing overwritten


def test_partitions_are_created_for_every_day_touched(database_url: str, tmp_path: Path) -> None:
    stamps = [
        datetime(1969, 12, 31, 23, 59, 59, tzinfo=UTC),  # negative Unix time
        datetime(2026, 11, 20, 23, 59, 59, 999_999, tzinfo=UTC),
        datetime(2026, 11, 21, tzinfo=UTC),
        datetime(2030, 2, 28, 12, tzinfo=UTC),
    ]
    w = _writer(database_url, tmp_path)
    try:
        w.submit([1] * 4, [us(s) for s in stamps], [1.0, 2.0, 3.0, 4.0], [0] * 4)
        assert w.flush(timeout=10)
    finally:
        w.stop(timeout=10)
    with psycopg.connect(database_url) as conn:
        conn.execute("SET TimeZone = 'America/Caracas'")  # must not matter
        rows = conn.execute(
            "SELECT tableoid::regclass::text, ts FROM historian.samples ORDER BY ts"
        ).fetchall()
    assert [r[0] for r in rows] == [
        "historian.samples_19691231",
        "historian.samples_20261120",
        "historian.samples_20261121",
        "historian.samples_20300228",
    ]
    assert [r[1] for r in rows] == stamps


def test_stop_flushes_everything_submitted(database_url: str, tmp_path: Path) -> None:
    tags, ts, values, quals = make_rows(100, 300)
    w = HistorianWriter(database_url, tmp_path, batch_rows=10_000, flush_interval_s=60)
    w.start()
    w.submit(tags, ts, values, quals)
    assert w.stop(timeout=30)
    assert count_rows(database_url) == len(ts)
    with pytest.raises(RuntimeError):
        w.submit([1], [0], [1.0], [0])


def test_rows_behind_the_rollup_watermark_mark_a_dirty_range(
    database_url: str, tmp_path: Path
) -> None:
    watermark = BASE + timedelta(hours=1)
    with psycopg.connect(database_url) as conn:
        conn.execute("UPDATE historian.rollup_state SET watermark = %s", (watermark,))
    w = _writer(database_url, tmp_path)
    try:
        w.submit([1, 1], [us(BASE + timedelta(minutes=5)), us(BASE + timedelta(hours=2))],
                 [1.0, 2.0], [0, 0])
        w.submit([2], [us(BASE + timedelta(hours=3))], [1.0], [0])  # not late
        assert w.flush(timeout=10)
    finally:
        w.stop(timeout=10)
    with psycopg.connect(database_url) as conn:
        dirty = conn.execute(
            "SELECT range_start, range_end FROM historian.rollup_dirty"
        ).fetchall()
    assert dirty == [(BASE + timedelta(minutes=5), watermark)]


def test_malformed_input_is_refused_at_submit(database_url: str, tmp_path: Path) -> None:
    w = HistorianWriter(database_url, tmp_path)
    with pytest.raises(ValueError):
        w.submit([1, 2], [0], [1.0], [0])
    w.submit([1], [us(datetime(1, 1, 1, tzinfo=UTC))], [1.0], [0])  # outside years 1-9999
    assert w.stats()["rejected_rows"] == 1
    assert w.stats()["buffered_rows"] == 0
    w.stop()
