"""TimescaleDB backend helpers. UNTESTED HERE: TimescaleDB is not installable on the build
machines (neither Debian 12 nor PyPI ship it), so the tests of this module skip.

When migration 0002 finds the extension available and preloaded, it creates
``historian.samples`` as a hypertable (1-day chunks, compression after 7 days, retention) and
``historian.rollup_1m`` / ``rollup_1h`` as real-time continuous aggregates with the same column
names as the native tables, and sets both watermarks to 'infinity'; migration 0003 adds
``rollup_10m`` the same way (on top of ``rollup_1m``) with an 'infinity' watermark.
``engine.historian.query`` then reads both backends with the same SQL.

Why ``job_health``: on PostgreSQL 15.20 TimescaleDB 2.28's background jobs (compression,
continuous-aggregate refresh, retention) fail with "cannot drop portal "" while it is being set
up" while the same jobs succeed when run by hand. A historian that trusts its policies would
silently stop compressing and expiring data, so the engine polls the job statistics and reports
failing jobs on its health page instead of assuming they run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import psycopg


def available(conn: psycopg.Connection) -> bool:
    """The extension can be created here (available and preloaded)."""
    row = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') "
        "AND position('timescaledb' IN current_setting('shared_preload_libraries')) > 0"
    ).fetchone()
    return bool(row and row[0])


def installed(conn: psycopg.Connection) -> bool:
    """The historian of this database runs on TimescaleDB."""
    row = conn.execute("SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'").fetchone()
    return row is not None


@dataclass(frozen=True)
class JobHealth:
    """One TimescaleDB background job as the health page shows it."""

    job_id: int
    proc_name: str
    hypertable: str | None
    last_run_status: str | None
    last_successful_finish: datetime | None
    total_failures: int
    next_start: datetime | None

    @property
    def failing(self) -> bool:
        return self.last_run_status not in (None, "Success") or (
            self.total_failures > 0 and self.last_successful_finish is None
        )


def job_health(conn: psycopg.Connection) -> list[JobHealth]:
    """Every historian job with its last status; check ``failing`` (never assume jobs run)."""
    rows = conn.execute(
        """
        SELECT j.job_id, j.proc_name, s.hypertable_schema || '.' || s.hypertable_name,
               s.last_run_status, s.last_successful_finish, coalesce(s.total_failures, 0),
               s.next_start
        FROM timescaledb_information.jobs j
        LEFT JOIN timescaledb_information.job_stats s USING (job_id)
        WHERE j.job_id >= 1000
        ORDER BY j.job_id
        """
    ).fetchall()
    return [JobHealth(*row) for row in rows]


def failing_jobs(conn: psycopg.Connection) -> list[JobHealth]:
    return [job for job in job_health(conn) if job.failing]


def run_job_by_hand(conn: psycopg.Connection, job_id: int) -> None:
    """Workaround for failing background jobs: ``CALL run_job`` from a normal session works."""
    conn.execute("CALL run_job(%s)", (job_id,))
