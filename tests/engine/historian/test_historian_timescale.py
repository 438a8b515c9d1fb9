"""TimescaleDB backend.

TimescaleDB is not installable on our machines (neither Debian's archive nor PyPI ship it), so
the test that needs the real extension skips. What can be tested here is tested against plain
PostgreSQL: how the engine detects the backend, and which branch it takes on TimescaleDB (no
partition DDL, retention as policies, job health on the report), with a database reshaped to
stand in for what migration 0002 leaves on TimescaleDB, as far as the engine can see it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
import pytest

from edge_server.db.privileges import apply_privileges
from edge_server.status import render
from engine.health import build_report
from engine.historian import backend, partitions, timescale
from engine.historian.partitions import RetentionPolicy
from engine.historian.writer import HistorianWriter

from .historian_helpers import BASE, Outage, count_rows, us, wait_until


def _available(url: str) -> bool:
    with psycopg.connect(url) as conn:
        return timescale.available(conn)


@pytest.mark.timescale
def test_timescale_schema_and_job_health(database_url: str) -> None:
    if not _available(database_url):
        pytest.skip("TimescaleDB is not available/preloaded on this PostgreSQL server")
    with psycopg.connect(database_url) as conn:
        assert timescale.installed(conn)
        assert backend.detect(conn) == backend.TIMESCALEDB
        cols = [r[0] for r in conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'historian' "
            "AND table_name = 'rollup_1m' ORDER BY ordinal_position"
        )]
        assert cols == ["tag_id", "bucket", "vmin", "vmax", "vsum", "vcount", "vfirst", "vlast",
                        "nbad"]
        jobs = timescale.job_health(conn)
        assert jobs, "compression, refresh and retention policies are installed"
        assert all(isinstance(j.failing, bool) for j in jobs)
    with psycopg.connect(database_url, autocommit=True) as conn:
        changed = backend.maintain_storage(conn, datetime.now(UTC), RetentionPolicy(raw_days=30))
        assert any("historian.samples: 30 days" in c for c in changed)
        assert timescale.current_retention(conn)["samples"] == 30
        assert backend.maintain_storage(conn, datetime.now(UTC), RetentionPolicy(raw_days=30)) \
            == []  # already right: policies (and their job statistics) are left alone


def test_native_backend_here_reports_timescale_absent(database_url: str) -> None:
    with psycopg.connect(database_url) as conn:
        assert not timescale.installed(conn)
        assert conn.execute(
            "SELECT watermark IS NULL FROM historian.rollup_state WHERE tier = '1m'"
        ).fetchone() == (True,)
        assert backend.detect(conn) == backend.NATIVE


# ---- plain PostgreSQL standing in for TimescaleDB ----------------------------------------

def _stand_in_for_timescale(url: str) -> None:
    """Reshape a freshly migrated native database into what the engine sees of migration
    0002's TimescaleDB schema: 'infinity' watermarks (the migration's record of its choice)
    and ``historian.samples`` as a plain, unpartitioned table with the hypertable's columns
    and primary key (a hypertable's root is a plain table: ``PARTITION OF`` fails on it). The
    extension itself (chunks, policies, ``timescaledb_information``) is NOT there."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP TABLE historian.samples")
        conn.execute(
            "CREATE TABLE historian.samples (tag_id int4 NOT NULL, ts timestamptz NOT NULL, "
            "value float8, quality int2 NOT NULL, PRIMARY KEY (tag_id, ts))"
        )
        conn.execute("UPDATE historian.rollup_state SET watermark = 'infinity'")
    apply_privileges(url)  # the new table's grants, as `oilfield db upgrade` gives the roles


@pytest.fixture
def partition_ddl(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, object]]:
    """Every partition the engine tries to create (still created: the native tests pass)."""
    calls: list[tuple[str, object]] = []
    real = partitions.create_partition

    def recording(conn: psycopg.Connection, tier: partitions.Tier, day: Any) -> str:
        calls.append((tier.table, day))
        return real(conn, tier, day)

    monkeypatch.setattr(partitions, "create_partition", recording)
    return calls


def _partition_count(url: str) -> int:
    with psycopg.connect(url) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'historian' AND c.relname ~ '^(samples|rollup_1m|rollup_10m|"
            "rollup_1h)_[0-9]{4}'"
        ).fetchone()
        assert row is not None
        return int(row[0])


def test_stand_in_reproduces_the_bug_the_branch_avoids(database_url: str) -> None:
    """Stands in for TimescaleDB (see ``_stand_in_for_timescale``): native partition DDL on
    the hypertable-shaped table fails exactly as it did on TimescaleDB."""
    _stand_in_for_timescale(database_url)
    with psycopg.connect(database_url) as conn:
        assert backend.detect(conn) == backend.TIMESCALEDB
        with pytest.raises(psycopg.errors.InvalidObjectDefinition, match="is not partitioned"):
            partitions.create_partition(conn, partitions.RAW, BASE.date())


def test_writer_on_timescale_issues_no_partition_ddl(
    database_url: str, outage: Outage, tmp_path: Path, partition_ddl: list[tuple[str, object]]
) -> None:
    """Stands in for TimescaleDB (see ``_stand_in_for_timescale``): the writer detects the
    backend and COPYs into the table without creating partitions, on the direct path, the
    duplicate (staging) path and the spill replay after an outage; late rows mark nothing
    dirty (continuous aggregates refresh themselves)."""
    _stand_in_for_timescale(database_url)
    w = HistorianWriter(database_url, tmp_path, flush_interval_s=0.2, backoff_max_s=0.3)
    w.start()
    try:
        days = [BASE - timedelta(days=400), BASE, BASE + timedelta(days=3)]  # 3 UTC days
        w.submit([1, 2, 3], [us(d) for d in days], [1.0, 2.0, 3.0], [0, 0, 0])
        assert w.flush(timeout=10)
        w.submit([1, 1], [us(days[0]), us(days[0]) + 1_000_000], [9.0, 4.0], [0, 0])  # 1 dup
        assert w.flush(timeout=10)
        outage.down()
        w.submit([5] * 100, [us(BASE) + i * 1_000_000 for i in range(100)], [5.0] * 100,
                 [0] * 100)
        assert w.flush(timeout=15)  # spilled: the database refuses connections
        assert w.stats()["buffered_rows"] == 0
        outage.up()
        wait_until(lambda: w.stats()["spill_files"] == 0 and count_rows(database_url) == 104)
        stats = w.stats()
    finally:
        outage.up()
        w.stop(timeout=10)
    assert partition_ddl == []
    assert _partition_count(database_url) == 0
    assert stats["written_rows"] == 104 and stats["duplicate_rows"] == 1
    assert stats["replayed_rows"] == 100 and stats["writer_errors"] == 0
    with psycopg.connect(database_url) as conn:
        assert conn.execute("SELECT count(*) FROM historian.rollup_dirty").fetchone() == (0,)


def test_storage_job_on_timescale_sets_policies_instead_of_partitions(
    database_url: str, monkeypatch: pytest.MonkeyPatch, partition_ddl: list[tuple[str, object]]
) -> None:
    """Stands in for TimescaleDB (see ``_stand_in_for_timescale``): the hourly storage job
    neither creates nor drops partitions; it hands the configured retention, per relation, to
    ``timescale.apply_retention``. Unpatched, that call reaches the extension's catalog, which
    is absent here: proof the native path was not taken."""
    _stand_in_for_timescale(database_url)
    policy = RetentionPolicy(raw_days=30, rollup_1m_days=365, rollup_10m_days=730,
                             rollup_1h_days=None)
    with psycopg.connect(database_url, autocommit=True) as conn:
        with pytest.raises(psycopg.errors.UndefinedTable, match="timescaledb_information"):
            backend.maintain_storage(conn, datetime.now(UTC), policy)
        applied: list[dict[str, int | None]] = []

        def record(_conn: psycopg.Connection, wanted: dict[str, int | None]) -> list[str]:
            applied.append(dict(wanted))
            return []

        monkeypatch.setattr(timescale, "apply_retention", record)
        assert backend.maintain_storage(conn, datetime.now(UTC), policy) == []
    assert applied == [{"samples": 30, "rollup_1m": 365, "rollup_10m": 730, "rollup_1h": None}]
    assert partition_ddl == [] and _partition_count(database_url) == 0


def test_storage_job_on_native_manages_partitions(
    database_url: str, monkeypatch: pytest.MonkeyPatch, partition_ddl: list[tuple[str, object]]
) -> None:
    def no_timescale(*_: object) -> list[str]:
        raise AssertionError("TimescaleDB branch taken on a native database")

    monkeypatch.setattr(timescale, "apply_retention", no_timescale)
    now = datetime.now(UTC)
    with psycopg.connect(database_url, autocommit=True) as conn:
        partitions.create_partition(conn, partitions.RAW, (now - timedelta(days=40)).date())
        dropped = backend.maintain_storage(conn, now, RetentionPolicy(raw_days=30))
    assert dropped == [f"samples_{now - timedelta(days=40):%Y%m%d}"]
    assert ("samples", now.date()) in partition_ddl  # today's partition ensured ahead


def test_retention_plan_changes_only_what_differs() -> None:
    current = {"samples": 400.0, "rollup_1m": 1825.0, "rollup_10m": 1095.0}
    assert timescale.retention_plan(current, {
        "samples": 400, "rollup_1m": 1825, "rollup_10m": 1095, "rollup_1h": None,
    }) == []  # the migration's policies and the default settings agree
    assert timescale.retention_plan(current, {
        "samples": 90, "rollup_1m": 1825, "rollup_10m": None, "rollup_1h": 3650,
    }) == [("samples", 90), ("rollup_10m", None), ("rollup_1h", 3650)]


def _report(historian: dict[str, Any]) -> dict[str, Any]:
    return build_report(
        version="t", site="s", uptime_s=1.0, database_connected=True, database_url="x",
        devices={"W01": {"state": "connected"}}, historian=historian, now_iso="now",
    )


def _job(status: str | None, failures: int, ok: datetime | None) -> timescale.JobHealth:
    return timescale.JobHealth(1001, "policy_retention", "historian.samples", status, ok,
                               failures, None)


def test_job_failing_flag() -> None:
    now = datetime.now(UTC)
    assert _job("Failed", 3, now).failing
    assert _job(None, 2, None).failing  # never succeeded
    assert not _job("Success", 1, now).failing  # failed once, recovered
    assert not _job(None, 0, None).failing  # not run yet


def test_failing_jobs_degrade_the_health_report(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stands in for TimescaleDB (see ``_stand_in_for_timescale``): the monitor detects the
    backend, reports that the job statistics cannot be read (no extension here), then the
    failing jobs ``timescale.failing_jobs`` returns (patched: there are no jobs here)."""
    with psycopg.connect(database_url) as conn:
        native = backend.StorageMonitor()
        native.check(conn)
        assert native.section() == {"backend": "native"}
        assert _report(native.section())["status"] == "healthy"

    _stand_in_for_timescale(database_url)
    monitor = backend.StorageMonitor(job_check_interval_s=0)
    with psycopg.connect(database_url) as conn:
        conn.execute("SELECT 1")  # a transaction is open, as in the engine's probe
        monitor.check(conn)
        section = monitor.section()
        assert section["backend"] == "timescaledb"
        assert "timescaledb_information" in section["job_check_error"]
        assert _report(section)["status"] == "degraded"
        conn.execute("SELECT 1")  # the failed statistics query did not poison the session

        failing = _job("Failed", 4, None)
        monkeypatch.setattr(timescale, "failing_jobs", lambda c: [failing])
        monitor.check(conn)
        section = monitor.section()
        assert section["job_check_error"] is None
        assert [j["job_id"] for j in section["failing_jobs"]] == [1001]
        report = _report(section)
        assert report["status"] == "degraded"
        text = render(report, "")
        assert "1 background job(s) failing" in text and "CALL run_job(1001)" in text

        monkeypatch.setattr(timescale, "failing_jobs", lambda c: [])
        monitor.check(conn)
        assert _report(monitor.section())["status"] == "healthy"
        assert "background jobs running" in render(_report(monitor.section()), "")
