"""Store-and-forward with real outages: nothing lost, bounded spill, torn files, restart replay."""

from __future__ import annotations

import logging
import os
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import psycopg
import pytest

from engine.historian.spill import read_records
from engine.historian.writer import HistorianWriter

from .historian_helpers import Outage, count_rows, make_rows, wait_until


def _writer(url: str, spill: Path, **kw: object) -> HistorianWriter:
    opts: dict[str, object] = {"flush_interval_s": 0.1, "backoff_max_s": 0.3}
    opts.update(kw)
    w = HistorianWriter(url, spill, **opts)  # type: ignore[arg-type]
    w.start()
    return w


def _submit_range(
    w: HistorianWriter, rows: tuple[np.ndarray, ...], lo: int, hi: int, step: int
) -> None:
    tags, ts, values, quals = rows
    for i in range(lo, hi, step):
        j = min(hi, i + step)
        w.submit(tags[i:j], ts[i:j], values[i:j], quals[i:j])


def _distinct_keys(url: str) -> tuple[int, int]:
    with psycopg.connect(url) as conn:
        row = conn.execute(
            "SELECT count(*), count(DISTINCT (tag_id, ts)) FROM historian.samples"
        ).fetchone()
    assert row is not None
    return int(row[0]), int(row[1])


def test_nothing_is_lost_across_a_database_outage(
    database_url: str, outage: Outage, tmp_path: Path
) -> None:
    rows = make_rows(20, 1_000)  # 20,000 rows
    n = len(rows[1])
    w = _writer(database_url, tmp_path, batch_rows=1_000, memory_limit_rows=3_000)
    try:
        _submit_range(w, rows, 0, 5_000, 500)
        assert w.flush(timeout=10)
        outage.down()
        _submit_range(w, rows, 5_000, 15_000, 500)  # the writer finds out on its next COPY
        assert w.flush(timeout=20)  # flushed = committed or spilled
        during = w.stats()
        assert not during["db_connected"]
        assert during["spill_files"] >= 1 and during["spilled_bytes"] > 0
        assert during["last_error"]
        _submit_range(w, rows, 15_000, n, 500)  # still down: these stay in memory
        outage.up()
        wait_until(lambda: w.stats()["spill_files"] == 0 and w.stats()["db_connected"])
        assert w.flush(timeout=20)
        final = w.stats()
    finally:
        w.stop(timeout=20)
    assert _distinct_keys(database_url) == (n, n)
    assert final["dropped_rows"] == 0 and final["replayed_rows"] > 0


def test_spill_is_bounded_and_drops_the_oldest_rows(
    dead_url: str, database_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    rows = make_rows(10, 2_000, bad_fraction=0.0)  # 20,000 rows, ~40 bytes each in a spill
    limit = 200_000
    w = _writer(dead_url, tmp_path, batch_rows=1_000, memory_limit_rows=1_000,
                spill_limit_bytes=limit, connect_timeout_s=1)
    with caplog.at_level(logging.ERROR, logger="engine.historian.spill"):
        _submit_range(w, rows, 0, len(rows[1]), 1_000)
        assert w.flush(timeout=30)
        stats = w.stats()
        assert w.stop(timeout=10)
    assert stats["spilled_bytes"] <= limit
    assert stats["dropped_rows"] > 0
    assert any("dropped oldest" in r.getMessage() for r in caplog.records)
    kept = sum(r.rows for p in sorted(tmp_path.glob("*.spill")) for r in read_records(p))
    assert kept + stats["dropped_rows"] == len(rows[1])

    # What survived is the newest data: replay it into the real database and look.
    w2 = _writer(database_url, tmp_path)
    wait_until(lambda: w2.stats()["spill_files"] == 0)
    assert w2.stop(timeout=10)
    assert count_rows(database_url) == kept
    with psycopg.connect(database_url) as conn:
        newest = conn.execute("SELECT max(ts) = %s FROM historian.samples",
                              (_ts(rows[1][-1]),)).fetchone()
    assert newest == (True,)


def _ts(us_value: int) -> datetime:
    return datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=int(us_value))


def _spill_while_down(
    dead_url: str, spill: Path, rows: tuple[np.ndarray, ...], batch: int
) -> None:
    w = _writer(dead_url, spill, batch_rows=batch, memory_limit_rows=0, connect_timeout_s=1)
    _submit_range(w, rows, 0, len(rows[1]), batch)
    assert w.stop(timeout=20)  # stop() while the DB is away spills everything


def test_restart_replays_spill_files_left_by_a_previous_process(
    dead_url: str, database_url: str, tmp_path: Path
) -> None:
    rows = make_rows(10, 500)
    _spill_while_down(dead_url, tmp_path, rows, 1_000)
    assert list(tmp_path.glob("*.spill"))
    # A crash between a replay's commit and the file's deletion: the file comes back.
    backup = tmp_path / "backup"
    backup.mkdir()
    for p in tmp_path.glob("*.spill"):
        shutil.copy(p, backup / p.name)

    w = _writer(database_url, tmp_path)
    wait_until(lambda: w.stats()["spill_files"] == 0)
    assert w.stop(timeout=10)
    assert _distinct_keys(database_url) == (5_000, 5_000)

    for p in backup.glob("*.spill"):
        shutil.copy(p, tmp_path / p.name)
    w = _writer(database_url, tmp_path)
    wait_until(lambda: w.stats()["spill_files"] == 0)
    stats = w.stats()
    assert w.stop(timeout=10)
    assert _distinct_keys(database_url) == (5_000, 5_000)  # replayed again: no duplicates
    assert stats["duplicate_rows"] == 5_000


def test_a_torn_last_record_is_discarded_with_a_log_line(
    dead_url: str, database_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    rows = make_rows(10, 300)  # 3,000 rows in records of 500
    _spill_while_down(dead_url, tmp_path, rows, 500)
    files = sorted(tmp_path.glob("*.spill"))
    assert sum(r.rows for p in files for r in read_records(p)) == 3_000
    last = files[-1]
    records_before = len(read_records(last))
    with open(last, "r+b") as f:  # what kill -9 in the middle of a write leaves behind
        f.truncate(os.path.getsize(last) - 100)
    with caplog.at_level(logging.WARNING, logger="engine.historian.spill"):
        assert len(read_records(last)) == records_before - 1
        w = _writer(database_url, tmp_path)
        wait_until(lambda: w.stats()["spill_files"] == 0)
        assert w.stop(timeout=10)
    assert count_rows(database_url) == 2_500  # every intact record, nothing of the torn one
    assert any("torn" in r.getMessage() for r in caplog.records)
