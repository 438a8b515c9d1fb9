"""TimescaleDB backend helpers. UNTESTED HERE against a real TimescaleDB: it is not installable
on the build machines (neither Debian 12 nor PyPI ship it), so the test that needs the extension
skips; the pure parts (``retention_plan``, ``JobHealth.failing``) and the engine's branch choices
(``engine.historian.backend``) are tested against plain PostgreSQL standing in for it.

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

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

import psycopg

log = logging.getLogger(__name__)


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


# ---- retention: the configured settings, applied as TimescaleDB policies ------------------
# Migration 0002/0003 install fixed retention policies (400 days raw, 5 years 1-minute, 3 years
# 10-minute). The engine's settings (``historian.retention.*``) must win, as they do on the
# native backend where ``partitions.drop_expired`` uses them; so the hourly storage job
# (``engine.historian.backend.maintain_storage``) re-applies them here. A policy is replaced
# only when its interval differs, so job ids (and their statistics on the health page) stay.

# Retention jobs of the historian's relations, by relation name: a continuous aggregate's job
# is attached to its materialisation hypertable, mapped back to the view's name here.
_RETENTION_JOBS = """
SELECT coalesce(c.view_name, j.hypertable_name)::text,
       extract(epoch FROM (j.config ->> 'drop_after')::interval) / 86400.0
FROM timescaledb_information.jobs j
LEFT JOIN timescaledb_information.continuous_aggregates c
    ON c.materialization_hypertable_schema = j.hypertable_schema
   AND c.materialization_hypertable_name = j.hypertable_name
WHERE j.proc_name = 'policy_retention'
  AND coalesce(c.view_schema, j.hypertable_schema) = 'historian'
"""


def current_retention(conn: psycopg.Connection) -> dict[str, float]:
    """Days kept per historian relation that has a retention policy (UNTESTED HERE)."""
    return {str(rel): float(days) for rel, days in conn.execute(_RETENTION_JOBS).fetchall()}


def retention_plan(
    current: Mapping[str, float], wanted: Mapping[str, int | None]
) -> list[tuple[str, int | None]]:
    """The (relation, days) policies to (re)install so ``current`` becomes ``wanted``;
    days None removes the relation's policy (kept forever). Relations already right are left
    alone."""
    plan: list[tuple[str, int | None]] = []
    for relation, days in wanted.items():
        have = current.get(relation)
        if days is None:
            if have is not None:
                plan.append((relation, None))
        elif have is None or abs(have - days) > 1e-6:
            plan.append((relation, days))
    return plan


def apply_retention(
    conn: psycopg.Connection, wanted: Mapping[str, int | None]
) -> list[str]:
    """Make the retention policies of ``historian.<relation>`` match ``wanted`` (days, None =
    forever); returns what was changed. UNTESTED HERE (no TimescaleDB on the build machines):
    ``retention_plan`` is tested; ``historian_set_retention`` (migration 0008) makes the two
    documented calls (``remove_retention_policy(if_exists)``,
    ``add_retention_policy(if_not_exists)``) as the owner.

    ``add_retention_policy`` with ``if_not_exists`` does not change an existing policy whose
    interval differs (it warns and keeps the old one), hence remove-then-add, in one
    transaction per relation."""
    present = {
        str(name) for (name,) in conn.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'historian' AND c.relname = ANY(%s)", (list(wanted),),
        ).fetchall()
    }
    plan = retention_plan(
        current_retention(conn), {k: v for k, v in wanted.items() if k in present}
    )
    done: list[str] = []
    for relation, days in plan:
        name = f"historian.{relation}"
        # Only the hypertable's owner may change its policies: the owner's SECURITY DEFINER
        # ``historian_set_retention`` (migration 0008) does the remove-then-add, validated, for
        # the engine's role.
        with conn.transaction():
            conn.execute("SELECT historian_set_retention(%s, %s)", (relation, days))
        done.append(f"{name}: {'kept forever' if days is None else f'{days} days'}")
        log.info("historian retention policy of %s set to %s", name,
                 "forever" if days is None else f"{days} days")
    return done
