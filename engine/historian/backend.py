"""Which historian backend a database runs (native partitioning or TimescaleDB), and what
differs between them at run time: partition DDL, retention, job health.

Migration 0002 chooses the backend once and records the choice: it sets the rollup
watermarks (``historian.rollup_state``) to 'infinity' if and only if it built the TimescaleDB
schema (migration 0003 relies on the same record). ``detect`` reads that record, so the engine
never second-guesses the migration (the extension may have been installed since, on a native
schema).

On TimescaleDB ``historian.samples`` is a hypertable, not a partitioned table: ``CREATE TABLE
... PARTITION OF`` fails there ("is not partitioned"). Chunks and their retention belong to the
extension, so the engine
- issues no partition DDL (the writer's ``_ensure_partitions``, ``ensure_ahead``);
- drops no partitions (``drop_expired``); it applies the configured retention settings as
  TimescaleDB retention policies instead (``timescale.apply_retention``), overriding the
  migration's fixed intervals;
- reports the extension's background jobs on the health page (``StorageMonitor``): they are
  known to fail on some PostgreSQL minor releases (see ``engine.historian.timescale``).

UNTESTED against a real TimescaleDB (not installable on the build machines); the tests run the
TimescaleDB branches against plain PostgreSQL standing in for it (an 'infinity' watermark and a
plain ``historian.samples`` table shaped like the hypertable) and say so.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime
from typing import Any, Literal

import psycopg

from engine.historian import timescale
from engine.historian.partitions import TIERS, RetentionPolicy, drop_expired, ensure_ahead

log = logging.getLogger(__name__)

Backend = Literal["native", "timescaledb"]
NATIVE: Backend = "native"
TIMESCALEDB: Backend = "timescaledb"

_DETECT = "SELECT EXISTS (SELECT 1 FROM historian.rollup_state WHERE watermark = 'infinity')"
JOB_CHECK_INTERVAL_S = 60.0


def detect(conn: psycopg.Connection) -> Backend:
    """The backend migration 0002 built here ('infinity' watermarks: TimescaleDB)."""
    row = conn.execute(_DETECT).fetchone()
    return TIMESCALEDB if row and row[0] else NATIVE


def retention_days(policy: RetentionPolicy) -> dict[str, int | None]:
    """Days kept per historian relation (None: forever), by relation name."""
    return {tier.table: policy.days_for(tier) for tier in TIERS}


def maintain_storage(
    conn: psycopg.Connection, now: datetime, policy: RetentionPolicy
) -> list[str]:
    """The hourly storage job; returns what it changed (dropped partitions, new policies).

    Native: create today's and the next days' partitions, drop expired ones. TimescaleDB: no
    partition DDL at all; the retention settings become the extension's retention policies.
    ``conn`` should be in autocommit mode (each step runs its own transaction).
    """
    if detect(conn) == TIMESCALEDB:
        return timescale.apply_retention(conn, retention_days(policy))
    ensure_ahead(conn, now)
    return drop_expired(conn, now, policy)


class StorageMonitor:
    """The backend and, on TimescaleDB, its failing background jobs, for the health report.

    ``check(conn)`` is called by the engine's database probe (every few seconds); the backend
    is detected once, the job statistics are read at most every ``job_check_interval_s``.
    ``section()`` is merged into the report's ``historian`` section: ``backend``, and on
    TimescaleDB ``failing_jobs`` (a list; non-empty degrades the report) and
    ``job_check_error`` (the statistics could not be read: also degraded, since nothing then
    proves the jobs run).
    """

    def __init__(self, job_check_interval_s: float = JOB_CHECK_INTERVAL_S) -> None:
        self.job_check_interval_s = job_check_interval_s
        self.backend: Backend | None = None
        self._failing: list[dict[str, Any]] = []
        self._error: str | None = None
        self._checked_at: float | None = None  # time.monotonic() of the last job check

    def check(self, conn: psycopg.Connection) -> None:
        """Detect the backend (once) and refresh the job statistics when due. A connection
        error propagates (the caller's probe decides the database is down); any other
        database error is reported in the section instead."""
        if self.backend == NATIVE:
            return  # nothing to watch: no round trip
        now = time.monotonic()
        if (self.backend == TIMESCALEDB and self._checked_at is not None
                and now - self._checked_at < self.job_check_interval_s):
            return
        try:
            with conn.transaction():  # a savepoint if the caller has a transaction open
                if self.backend is None:
                    self.backend = detect(conn)
                    if self.backend == NATIVE:
                        return
                self._checked_at = now
                failing = timescale.failing_jobs(conn)
        except psycopg.OperationalError:
            raise
        except psycopg.Error as exc:
            self._error = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            if self.backend == TIMESCALEDB:
                log.warning("cannot read TimescaleDB job statistics",
                            extra={"error": self._error})
            return
        self._error = None
        if failing and [j.job_id for j in failing] != [j["job_id"] for j in self._failing]:
            log.error("TimescaleDB background jobs failing",
                      extra={"jobs": [f"{j.job_id} {j.proc_name}" for j in failing]})
        self._failing = [_job_dict(j) for j in failing]

    def section(self) -> dict[str, Any]:
        if self.backend is None:
            return {}
        if self.backend != TIMESCALEDB:
            return {"backend": self.backend}
        return {
            "backend": self.backend,
            "failing_jobs": list(self._failing),
            "job_check_error": self._error,
        }


def _job_dict(job: timescale.JobHealth) -> dict[str, Any]:
    return {
        "job_id": job.job_id,
        "proc_name": job.proc_name,
        "hypertable": job.hypertable,
        "last_run_status": job.last_run_status,
        "last_successful_finish": (
            job.last_successful_finish.isoformat() if job.last_successful_finish else None
        ),
        "total_failures": job.total_failures,
        # The workaround (docs/historian.md): engine.historian.timescale.run_job_by_hand.
        "run_by_hand": f"CALL run_job({job.job_id})",
    }
