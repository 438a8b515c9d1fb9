"""The writer under faults, against the real PostgreSQL: nothing may kill it, hang it, make it
spin, grow without bound or silently lose rows.

Faults are real: a role with ``default_transaction_read_only`` (a standby after failover), a
database without the TEMP privilege, a role without INSERT (every batch refused), a lock held
from another connection, a spill directory that is removed, a name the quarantine rename cannot
take. The only injected fault is a dead writer thread (``test_a_dead_writer_thread_...``),
because the supervised loop gives no real way to kill it any more.
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import psycopg
import pytest

from edge_server.db.privileges import apply_privileges
from engine.historian.copy_encoder import columns
from engine.historian.spill import SpillStore, read_file, read_records
from engine.historian.writer import HistorianWriter
from engine.store.urls import with_database

from .historian_helpers import BASE, count_rows, dbname, make_rows, us, wait_until


def _writer(url: str, spill: Path, **kw: object) -> HistorianWriter:
    opts: dict[str, object] = {"flush_interval_s": 0.1, "backoff_max_s": 0.3,
                               "connect_timeout_s": 1}
    opts.update(kw)
    w = HistorianWriter(url, spill, **opts)  # type: ignore[arg-type]
    w.start()
    return w


def _spilled_rows(spill: Path, pattern: str = "*.spill") -> int:
    return sum(r.rows for p in sorted(spill.glob(pattern)) for r in read_records(p))


def _replay_all(database_url: str, spill: Path) -> None:
    w = _writer(database_url, spill)
    wait_until(lambda: w.stats()["spill_files"] == 0)
    assert w.stop(timeout=20)


def _role_url(database_url: str, role: str) -> str:
    return with_database(f"postgresql://{role}@127.0.0.1:5432/postgres", dbname(database_url))


@pytest.fixture
def make_role(pg_admin_url: str, database_url: str) -> Iterator[object]:
    """Create login roles for one test (cluster-wide, so dropped afterwards)."""
    created: list[str] = []

    def make(*statements: str) -> str:
        role = f"hist_t_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(database_url, autocommit=True) as conn:
            conn.execute(f'CREATE ROLE "{role}" LOGIN')
            created.append(role)
            for st in statements:
                conn.execute(st.format(role=f'"{role}"', db=f'"{dbname(database_url)}"'))
        return _role_url(database_url, role)

    yield make
    with psycopg.connect(database_url, autocommit=True) as conn:
        for role in created:
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                         "WHERE usename = %s", (role,))
            conn.execute(f'DROP OWNED BY "{role}"')
    with psycopg.connect(pg_admin_url, autocommit=True) as conn:
        for role in created:
            conn.execute(f'DROP ROLE IF EXISTS "{role}"')


def _sessions(database_url: str, role_url: str) -> int:
    role = role_url.split("//", 1)[1].split("@", 1)[0]
    with psycopg.connect(database_url) as conn:
        row = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE usename = %s",
                           (role,)).fetchone()
    assert row is not None
    return int(row[0])


# ---- defect 1: an unusable database must not kill the writer thread -------------------------


@pytest.mark.parametrize("fault", ["read_only_standby", "no_temp_privilege"])
def test_a_database_refusing_the_session_setup_keeps_the_writer_alive(
    database_url: str, make_role: object, tmp_path: Path, fault: str
) -> None:
    if fault == "read_only_standby":
        statements = ("ALTER ROLE {role} SUPERUSER",
                      "ALTER ROLE {role} SET default_transaction_read_only = on")
    else:
        statements = ("REVOKE TEMP ON DATABASE {db} FROM PUBLIC",
                      "GRANT USAGE ON SCHEMA historian TO {role}")
    url = make_role(*statements)  # type: ignore[operator]
    rows = make_rows(10, 100)  # 1,000 rows
    w = _writer(url, tmp_path, batch_rows=100, memory_limit_rows=200)
    for i in range(0, 1_000, 100):
        w.submit(*(c[i : i + 100] for c in rows))
    wait_until(lambda: (w.stats()["last_error"] or "").startswith("connect"))
    time.sleep(1.0)  # several reconnect attempts
    stats = w.stats()
    assert stats["writer_alive"] and not stats["db_connected"]
    assert stats["buffered_rows"] <= 200  # the rest went to disk: memory stays bounded
    assert w.flush(timeout=10)  # does not hang: spilled
    assert w.stop(timeout=10)
    wait_until(lambda: _sessions(database_url, url) == 0, timeout=5)  # no half-open session
    assert _spilled_rows(tmp_path) == 1_000
    if fault == "no_temp_privilege":
        # The edge's own writer acts as oilfield_engine, which had TEMP through PUBLIC only
        # here: a test database is a copy of the template, without its database-level grants.
        # `oilfield db upgrade` grants the role TEMP itself, as on a real site.
        apply_privileges(database_url)
    _replay_all(database_url, tmp_path)
    assert count_rows(database_url) == 1_000


def test_a_refused_batch_survives_a_failing_spill_and_is_quarantined_after_retries(
    database_url: str, make_role: object, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # A role that may read but not write: every batch is refused (not a connectivity error).
    url = make_role(  # type: ignore[operator]
        "GRANT USAGE ON SCHEMA historian TO {role}",
        "GRANT SELECT ON ALL TABLES IN SCHEMA historian TO {role}",
    )
    spill = tmp_path / "spill"
    w = HistorianWriter(url, spill, flush_interval_s=0.1, backoff_max_s=0.3)
    shutil.rmtree(spill)  # the spill directory vanishes (a wiped /var/lib, a lost mount)
    w.start()
    w.submit([1] * 10, [us(BASE) + i for i in range(10)], [1.0] * 10, [0] * 10)
    wait_until(lambda: "spill write failed" in (w.stats()["last_error"] or ""))
    time.sleep(0.5)
    stats = w.stats()
    assert stats["writer_alive"]
    assert stats["buffered_rows"] == 10  # kept in memory, not lost

    spill.mkdir()  # the disk is back: the refused batch gets parked, retried, quarantined
    with caplog.at_level(logging.WARNING, logger="engine.historian.writer"):
        # Both counters: the file is renamed a moment before its rows are counted.
        wait_until(
            lambda: (st := w.stats())["rejected_files"] == 1 and st["quarantined_rows"] == 10,
            timeout=30,
        )
    stats = w.stats()
    assert stats["writer_alive"] and stats["buffered_rows"] == 0
    assert stats["rejected_bytes"] > 0 and stats["quarantined_rows"] == 10
    assert stats["spill_files"] == 0
    attempts = [r for r in caplog.records if "attempt" in r.getMessage()]
    assert len(attempts) >= 2  # retried with backoff before the quarantine
    assert w.stop(timeout=10)

    # A human fixes the cause and renames the file back: the rows were never lost.
    for p in spill.glob("*.rejected"):
        p.rename(p.with_suffix(".spill"))
    _replay_all(database_url, spill)
    assert count_rows(database_url) == 10


def test_a_failing_quarantine_rename_does_not_kill_the_writer(
    dead_url: str, database_url: str, make_role: object, tmp_path: Path
) -> None:
    rows = make_rows(10, 50)
    w = _writer(dead_url, tmp_path, memory_limit_rows=0)
    w.submit(*rows)
    assert w.stop(timeout=10)
    files = sorted(tmp_path.glob("*.spill"))
    assert files
    blockers = [p.with_suffix(".rejected") for p in files]
    for b in blockers:
        b.mkdir()  # rename(file, existing directory) fails: IsADirectoryError

    url = make_role(  # type: ignore[operator]
        "GRANT USAGE ON SCHEMA historian TO {role}",
        "GRANT SELECT ON ALL TABLES IN SCHEMA historian TO {role}",
    )
    w = _writer(url, tmp_path)
    wait_until(lambda: "cannot quarantine" in (w.stats()["last_error"] or ""), timeout=30)
    assert w.stats()["writer_alive"]
    for b in blockers:
        b.rmdir()
    wait_until(lambda: w.stats()["rejected_files"] == len(files), timeout=30)
    assert w.stats()["writer_alive"]
    assert w.stop(timeout=10)
    assert _spilled_rows(tmp_path, "*.rejected") == 500


class _Die(BaseException):
    """Not an Exception: escapes the supervisor, which is the point of this test."""


def test_a_dead_writer_thread_spills_from_the_caller(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = HistorianWriter(database_url, tmp_path, flush_interval_s=0.1, batch_rows=100,
                        memory_limit_rows=100)

    def die() -> tuple[bool, bool]:
        raise _Die

    monkeypatch.setattr(w, "_wait_for_work", die)
    monkeypatch.setattr(threading, "excepthook", lambda args: None)
    w.start()
    wait_until(lambda: not w.stats()["writer_alive"])
    rows = make_rows(10, 50)
    for i in range(0, 500, 50):
        w.submit(*(c[i : i + 50] for c in rows))
    assert w.stats()["buffered_rows"] <= 100  # bounded: submit() spilled the rest itself
    t0 = time.monotonic()
    assert w.flush(timeout=10)  # does not hang on the dead thread
    assert time.monotonic() - t0 < 5
    assert w.stop(timeout=10)
    assert _spilled_rows(tmp_path) == 500
    _replay_all(database_url, tmp_path)
    assert count_rows(database_url) == 500


def test_stop_before_start_spills_what_was_submitted(dead_url: str, tmp_path: Path) -> None:
    w = HistorianWriter(dead_url, tmp_path)
    w.submit([1, 2, 3], [us(BASE)] * 3, [1.0, 2.0, 3.0], [0] * 3)
    assert w.stop(timeout=5)
    assert _spilled_rows(tmp_path) == 3


# ---- defect 2: a database stuck on a lock ---------------------------------------------------


@pytest.mark.parametrize("timeout", ["lock_timeout", "statement_timeout"])
def test_a_copy_stuck_on_a_lock_times_out_and_the_rows_are_spilled(
    database_url: str, tmp_path: Path, timeout: str
) -> None:
    limits = ({"lock_timeout_s": 0.5, "statement_timeout_s": 30} if timeout == "lock_timeout"
              else {"lock_timeout_s": 0, "statement_timeout_s": 0.5})
    rows = make_rows(10, 500)  # 5,000 rows
    w = _writer(database_url, tmp_path, batch_rows=500, memory_limit_rows=1_000, **limits)
    try:
        w.submit(*(c[:10] for c in rows))
        assert w.flush(timeout=10)  # the partition exists and is cached
        with psycopg.connect(database_url) as locker:  # a migration, a long DDL
            locker.execute("LOCK TABLE historian.samples IN ACCESS EXCLUSIVE MODE")
            for i in range(10, 5_000, 500):
                w.submit(*(c[i : i + 500] for c in rows))
            assert w.flush(timeout=15)  # timed out, then spilled: not stuck behind the lock
            stats = w.stats()
            assert stats["buffered_rows"] == 0 and stats["spill_files"] >= 1
            expected = "lock timeout" if timeout == "lock_timeout" else "statement timeout"
            assert expected in (stats["last_error"] or "")
            locker.rollback()
        wait_until(lambda: w.stats()["spill_files"] == 0 and w.stats()["db_connected"],
                   timeout=30)
        assert w.flush(timeout=20)
    finally:
        assert w.stop(timeout=20)
    assert count_rows(database_url) == 5_000


def test_stop_past_its_deadline_spills_from_the_calling_thread(
    database_url: str, tmp_path: Path
) -> None:
    # Timeouts far beyond the stop deadline: the thread stays stuck in its COPY.
    w = _writer(database_url, tmp_path, lock_timeout_s=120, statement_timeout_s=120)
    w.submit([1], [us(BASE)], [1.0], [0])
    assert w.flush(timeout=10)
    locker = psycopg.connect(database_url)
    try:
        locker.execute("LOCK TABLE historian.samples IN ACCESS EXCLUSIVE MODE")
        w.submit([1] * 1_000, [us(BASE) + 1 + i for i in range(1_000)], [2.0] * 1_000,
                 [0] * 1_000)
        time.sleep(0.5)  # the writer is now blocked in its COPY
        t0 = time.monotonic()
        assert not w.stop(timeout=2)  # SIGTERM: not finished in time...
        assert time.monotonic() - t0 < 10
        assert w.stats()["buffered_rows"] == 0
        assert _spilled_rows(tmp_path) == 1_000  # ...but nothing left only in memory
    finally:
        locker.rollback()
        locker.close()
    thread = w._thread
    assert thread is not None
    thread.join(20)  # the COPY goes through once the lock is gone; the thread ends
    assert not thread.is_alive()
    _replay_all(database_url, tmp_path)  # the same rows again: replay is idempotent
    assert count_rows(database_url) == 1_001


# ---- defect 3: no busy loop while the database is down --------------------------------------


def test_no_busy_loop_while_the_database_is_down(dead_url: str, tmp_path: Path) -> None:
    w = _writer(dead_url, tmp_path, batch_rows=1_000, memory_limit_rows=1_000_000,
                backoff_max_s=1.0)
    try:
        w.submit(*make_rows(10, 500))  # 5,000 rows: 5 batches waiting, no connection
        time.sleep(0.5)
        wall0, cpu0 = time.monotonic(), time.process_time()
        time.sleep(3.0)
        wall, cpu = time.monotonic() - wall0, time.process_time() - cpu0
        assert cpu < 0.25 * wall, f"writer used {cpu:.2f} s CPU in {wall:.2f} s of outage"
        assert w.stats()["buffered_rows"] == 5_000
    finally:
        assert w.stop(timeout=10)


# ---- defect 4: memory per buffered row -------------------------------------------------------


def _rss_bytes() -> int:
    """Current (not peak) resident set size: what the buffer really costs the box."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def test_one_row_submits_cost_about_their_data_bytes(dead_url: str, tmp_path: Path) -> None:
    n = 200_000
    w = _writer(dead_url, tmp_path, memory_limit_rows=2_000_000)
    ids, q, v = np.array([7]), np.array([0], dtype=np.int16), np.array([1.0])
    t0 = us(BASE)
    gc.collect()
    before = _rss_bytes()
    for i in range(n):
        w.submit(ids, np.array([t0 + i]), v, q)
    grown = _rss_bytes() - before
    stats = w.stats()
    assert stats["buffered_rows"] == n
    # Data is 22 bytes a row; one numpy chunk per submit cost ~760 (150 MB here).
    assert grown / n < 60, f"RSS grew {grown / n:.0f} bytes per buffered row"
    assert stats["buffered_bytes"] < 30 * n
    assert w.stop(timeout=30)
    assert _spilled_rows(tmp_path) == n


def test_mixed_submit_sizes_keep_every_row_in_order(database_url: str, tmp_path: Path) -> None:
    tags, ts, values, quals = make_rows(1, 30_000, bad_fraction=0.0)
    w = _writer(database_url, tmp_path, batch_rows=3_000)
    sizes = [1, 5_000, 3, 4_095, 4_096, 1, 700, 9_000]
    i = 0
    try:
        while i < len(ts):
            for size in sizes:
                j = min(len(ts), i + size)
                w.submit(tags[i:j], ts[i:j], values[i:j], quals[i:j])
                i = j
        assert w.flush(timeout=20)
    finally:
        assert w.stop(timeout=20)
    with psycopg.connect(database_url) as conn:
        got = conn.execute("SELECT value FROM historian.samples ORDER BY ts").fetchall()
    assert [r[0] for r in got] == values.tolist()


# ---- defects 5 and 6: the spill's bound ----------------------------------------------------


def _cols(n: int, start: int = 0) -> object:
    ts = us(BASE) + start + np.arange(n)
    return columns(np.arange(n) % 1000, ts, np.ones(n), np.zeros(n))


def test_an_oversized_batch_never_empties_the_spill_for_nothing(tmp_path: Path) -> None:
    store = SpillStore(tmp_path, limit_bytes=1_000_000)
    for k in range(3):
        assert store.append(_cols(5_000, k * 5_000)) == 0  # type: ignore[arg-type]
    dropped = store.append(_cols(30_000, 15_000))  # type: ignore[arg-type]  # ~1.2 MB > limit
    store.close()
    records = [r for p in sorted(tmp_path.glob("*.spill")) for r in read_records(p)]
    kept = sum(r.rows for r in records)
    assert kept > 0 and kept + dropped == 45_000
    assert sum(p.stat().st_size for p in tmp_path.glob("*.spill")) <= 1_000_000
    assert max(r.ts_max_us for r in records) == us(BASE) + 45_000 - 1  # the newest are kept

    tiny = SpillStore(tmp_path / "tiny", limit_bytes=50)  # not even one row fits
    assert tiny.append(_cols(10)) == 10  # type: ignore[arg-type]
    tiny.close()


def test_rejected_files_count_against_the_spill_limit_and_go_first(tmp_path: Path) -> None:
    store = SpillStore(tmp_path, limit_bytes=400_000, file_bytes=100_000)
    store.append(_cols(2_000))  # type: ignore[arg-type]
    store.seal()
    first = store.files()[0]
    store.quarantine(first)
    rejected = store.rejected_files()
    assert len(rejected) == 1 and store.bytes_used() == rejected[0].stat().st_size
    for k in range(1, 10):  # 9 x 80 kB more: over the limit
        store.append(_cols(2_000, k * 2_000))  # type: ignore[arg-type]
    assert store.bytes_used() <= 400_000
    assert store.rejected_files() == []  # the quarantined file went first
    assert store.files()  # ...and the newest spill data stayed
    store.close()


# ---- spill robustness: corrupt records, stray names -----------------------------------------


def test_a_corrupt_record_mid_file_costs_only_that_record(
    database_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = SpillStore(tmp_path, limit_bytes=10_000_000)
    for k in range(3):
        store.append(_cols(100, k * 100))  # type: ignore[arg-type]
    store.close()
    (path,) = tmp_path.glob("*.spill")
    data = bytearray(path.read_bytes())
    frame = len(data) // 3
    data[frame + frame // 2] ^= 0xFF  # a flipped bit in the middle record's payload
    path.write_bytes(bytes(data))
    with caplog.at_level(logging.ERROR, logger="engine.historian.spill"):
        read = read_file(path)
    assert sum(r.rows for r in read.records) == 200 and read.bad_bytes == frame
    assert any("corrupt record" in r.getMessage() for r in caplog.records)

    w = _writer(database_url, tmp_path)
    wait_until(lambda: w.stats()["spill_files"] == 0)
    stats = w.stats()
    assert w.stop(timeout=10)
    assert count_rows(database_url) == 200
    assert stats["corrupt_spill_bytes"] == frame


def test_a_stray_spill_file_name_is_ignored_with_a_warning(
    database_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "notes.spill").write_text("not ours")
    (tmp_path / "copy-of-000001.spill").write_text("not ours either")
    store = SpillStore(tmp_path, limit_bytes=10_000_000)
    store.append(_cols(100))  # type: ignore[arg-type]
    store.close()
    with caplog.at_level(logging.WARNING, logger="engine.historian.spill"):
        w = _writer(database_url, tmp_path)
        wait_until(lambda: w.stats()["spill_files"] == 0)
        assert w.stop(timeout=10)
    assert count_rows(database_url) == 100
    assert (tmp_path / "notes.spill").exists()
    assert any("ignoring" in r.getMessage() for r in caplog.records)


# ---- copy_encoder: values int64 cannot hold ---------------------------------------------------


def test_integers_beyond_int64_are_refused_with_value_error() -> None:
    with pytest.raises(ValueError):
        columns([1], [2**63], [1.0], [0])  # a Python int: was OverflowError
    with pytest.raises(ValueError):
        columns([2**70], [0], [1.0], [0])
    big = np.array([2**64 - 1], dtype=np.uint64)  # wrapped silently to -1 before
    with pytest.raises(ValueError):
        columns([1], big, [1.0], [0])
    with pytest.raises(ValueError):
        columns(big, [0], [1.0], [0])
    ok = columns(np.array([5], dtype=np.uint64), np.array([7], dtype=np.uint32), [1.0],
                 np.array([0], dtype=np.uint8))
    assert ok.tag_ids.tolist() == [5] and ok.ts_us.tolist() == [7]
