"""The engine's database sessions act as ``oilfield_engine`` (``engine.store.roles``): they do
the engine's whole job (registry and alarm registry sync, samples, partitions ahead and
retention through the owner's functions, rollups, the alarm journal and state, the daily
production close) but cannot touch the audit log (not even read it), cannot disable its
trigger, cannot drop or rename the historian's tables, and issue partition DDL only through the
validated ``SECURITY DEFINER`` functions of migration 0008. The privileges are exactly
``ENGINE_PRIVILEGES``."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from domain.alarms.definitions import AlarmDef, AlarmKind, Priority
from domain.alarms.state import AlarmState, Cause, Event
from edge_server.db.privileges import (
    APP_ROLE,
    ENGINE_FUNCTIONS,
    ENGINE_PRIVILEGES,
)
from engine.alarms.journal import AlarmJournal, JournalRow, SystemEventRow, load_snapshots
from engine.alarms.registry import sync_alarm_registry
from engine.historian.partitions import (
    RAW,
    RetentionPolicy,
    create_partition,
    drop_expired,
    ensure_ahead,
    list_partitions,
)
from engine.historian.rollups import RollupMaintainer
from engine.historian.writer import HistorianWriter
from engine.production.closer import DayCloser
from engine.store import roles
from engine.store.registry import sync_registry
from engine.store.roles import ENGINE_ROLE, engine_database_url
from engine.store.roles import connect as engine_connect
from tests.engine.production.test_closer import (
    DAY,
    END,
    NOW,
    START,
    ZONE,
    field,
    put_hours,
    set_watermark,
)

FORBIDDEN = (
    "UPDATE audit_log SET outcome = 'ok'",
    "DELETE FROM audit_log",
    "TRUNCATE audit_log",
    "INSERT INTO audit_log (action, outcome) VALUES ('login', 'ok')",  # people's, via the API
    "SELECT count(*) FROM audit_log",
    "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only",
    "ALTER TABLE audit_log DISABLE TRIGGER ALL",
    "DROP TRIGGER audit_log_append_only ON audit_log",
    "DROP TABLE audit_log",
    "ALTER TABLE audit_log RENAME TO audit_log_old",
    "CREATE TABLE audit_log_copy AS SELECT * FROM audit_log",
    "SELECT * FROM users",
    "UPDATE users SET role = 'admin'",
    "DROP TABLE historian.samples",
    "ALTER TABLE historian.samples RENAME TO samples_old",
    "TRUNCATE historian.samples",
    "DELETE FROM historian.samples",
    "ALTER TABLE alarm_journal DISABLE TRIGGER ALL",
    "DELETE FROM well_daily_production",
    # partition DDL only through the owner's functions
    "CREATE TABLE historian.samples_20991231 PARTITION OF historian.samples "
    "FOR VALUES FROM ('2099-12-31 00:00:00+00') TO ('2100-01-01 00:00:00+00')",
)


def refused(conn: psycopg.Connection[Any], statement: str) -> bool:
    try:
        with conn.transaction():
            conn.execute(statement)
    except psycopg.errors.InsufficientPrivilege:
        return True
    return False


def invalid(conn: psycopg.Connection[Any], statement: str) -> bool:
    try:
        with conn.transaction():
            conn.execute(statement)
    except psycopg.errors.InvalidParameterValue:
        return True
    return False


def trigger_enabled(database_url: str) -> bool:
    with psycopg.connect(database_url) as conn:
        return conn.execute(
            "SELECT tgenabled FROM pg_trigger WHERE tgname = 'audit_log_append_only'"
        ).fetchone() == ("O",)


@pytest.fixture
def engine_login(database_url: str, pg_admin_url: str) -> Iterator[str]:
    """A LOGIN role that is only a member of oilfield_engine (``OILFIELD_ENGINE_DATABASE_URL``
    on a real site): no owner privileges to fall back to, nothing to RESET ROLE to."""
    name = f"oilfield_eng_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg_admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE ROLE "{name}" LOGIN IN ROLE {ENGINE_ROLE}')
    try:
        parts = urlsplit(database_url)  # a URL: the registry sync goes through SQLAlchemy
        yield urlunsplit((parts.scheme, f"{name}@{parts.hostname}:{parts.port or 5432}",
                          parts.path, parts.query, ""))
    finally:
        with psycopg.connect(pg_admin_url, autocommit=True) as conn:
            conn.execute(f'DROP OWNED BY "{name}"')  # its temp tables, if any survived
            conn.execute(f'DROP ROLE IF EXISTS "{name}"')


def test_engine_connections_switch_to_the_role_and_cannot_touch_the_audit_log(
    database_url: str
) -> None:
    """The default: the edge's own (owner) login, switched with SET ROLE on each connection."""
    with psycopg.connect(database_url) as conn:
        conn.execute("INSERT INTO audit_log (action, outcome) VALUES ('login', 'ok')")
    with engine_connect(database_url, autocommit=True) as conn:
        assert conn.execute("SELECT current_user").fetchone() == (ENGINE_ROLE,)
        allowed = [s for s in FORBIDDEN if not refused(conn, s)]
        assert not allowed, f"the engine role may: {allowed}"
    assert roles.role_status()["least_privilege"] is True
    assert trigger_enabled(database_url)
    with psycopg.connect(database_url) as conn:
        assert conn.execute("SELECT count(*) FROM audit_log").fetchone() == (1,)


def test_the_engine_does_its_whole_job_as_the_role_alone(
    database_url: str, engine_login: str, tmp_path: Path
) -> None:
    fld = field()
    ids = sync_registry(engine_login, fld)  # registry sync at start
    hi = AlarmDef(name="W01.THP.HI", tag="W01.THP", kind=AlarmKind.HI,
                  priority=Priority.HIGH, area="PAD-A", limit=50.0)
    alarm_ids = sync_alarm_registry(engine_login, [hi], ids)  # alarm registry sync
    assert set(alarm_ids) == {"W01.THP.HI"}

    # Samples, through the writer (its partitions through historian_ensure_partitions).
    now = datetime.now(UTC)
    writer = HistorianWriter(engine_login, tmp_path / "spill", flush_interval_s=0.1,
                             backoff_max_s=0.3)
    writer.start()
    try:
        ts = [int((now - timedelta(seconds=s)).timestamp() * 1e6) for s in range(10)]
        writer.submit([ids["W01.THP"]] * 10, ts, [float(s) for s in range(10)], [0] * 10)
        assert writer.flush(timeout=10)
        stats = writer.stats()
    finally:
        assert writer.stop(timeout=10)
    assert stats["written_rows"] == 10 and stats["writer_errors"] == 0, stats
    assert not stats["last_error"], stats

    with engine_connect(engine_login, autocommit=True) as conn:
        user = conn.execute("SELECT session_user, current_user").fetchone()
        assert user is not None and user[0] != "postgres" and user[1] == ENGINE_ROLE
        # Next days' partitions, through the function.
        ensure_ahead(conn, now, days_ahead=1)
        names = {p[0] for p in list_partitions(conn, RAW)}
        assert f"samples_{now + timedelta(days=1):%Y%m%d}" in names
        # Retention, through the function: an expired day goes, the rest stays.
        old = (now - timedelta(days=40)).date()
        create_partition(conn, RAW, old)
        dropped = drop_expired(conn, now, RetentionPolicy(raw_days=30))
        assert dropped == [f"samples_{old:%Y%m%d}"]
        assert f"samples_{now:%Y%m%d}" in {p[0] for p in list_partitions(conn, RAW)}
        assert conn.execute("SELECT count(*) FROM historian.samples").fetchone() == (10,)
        # The functions validate their arguments: never today's data, only known tiers.
        tomorrow = (now + timedelta(days=1)).date().isoformat()
        assert invalid(conn, f"SELECT historian_drop_partitions_before('samples', '{tomorrow}')")
        assert invalid(conn, "SELECT historian_drop_partitions_before('users', '2000-01-01')")
        assert invalid(conn, "SELECT historian_ensure_partitions('2026-01-01', '2045-01-01')")
        assert invalid(conn, "SELECT historian_ensure_partitions("
                             "'2026-01-01', '2026-01-02', ARRAY['audit_log'])")
        assert invalid(conn, "SELECT historian_set_retention('audit_log', 1)")

    # Rollups of what was written.
    report = RollupMaintainer(engine_login).run_once(now + timedelta(minutes=2))
    assert report.rows_1m >= 1

    # The alarm journal and state.
    journal = AlarmJournal(engine_login)
    journal.start()
    try:
        aid = alarm_ids["W01.THP.HI"]
        journal.submit(
            [JournalRow(aid, time.time(), "PAD-A", int(Priority.HIGH), Event.ACTIVATE.value,
                        Cause.PROCESS.value, AlarmState.NORMAL.value, AlarmState.UNACK.value,
                        True, 55.0, 50.0, None, None, False),
             SystemEventRow(time.time(), "flood_start", "PAD-A", {"rate": 12})],
            {aid: (AlarmState.UNACK.value, {"state": "unack"})})
        assert journal.flush(timeout=10)
        assert journal.stats()["rejected_rows"] == 0
    finally:
        journal.stop()
    assert load_snapshots(engine_login) == {aid: {"state": "unack"}}

    # The daily production close.
    with engine_connect(engine_login, autocommit=True) as conn:
        put_hours(conn, ids["W01.Q_OIL"], START, 24, 480)
        put_hours(conn, ids["W01.ESP.RUN"], START, 24, 1)
        set_watermark(conn, END)
    closed = DayCloser(engine_login, fld, ids, ZONE, catchup_days=3).run_once(NOW)
    assert DAY in closed.closed and closed.rows_written >= 1

    with psycopg.connect(database_url) as conn:  # as the owner: all of it landed
        assert conn.execute("SELECT count(*) FROM alarm_journal").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM system_events").fetchone() == (1,)
        assert conn.execute(
            "SELECT count(*) FROM well_daily_production WHERE day = %s", (DAY,)
        ).fetchone() == (1,)

    # And what it cannot do, even after RESET ROLE (a login of its own: nothing to reset to).
    with psycopg.connect(engine_login, autocommit=True) as conn:
        allowed = [s for s in FORBIDDEN if not refused(conn, f"RESET ROLE; {s}")]
        assert not allowed, f"the engine login may: {allowed}"
    assert trigger_enabled(database_url)


def test_the_role_holds_exactly_the_listed_privileges(database_url: str) -> None:
    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "SELECT table_schema, table_name, privilege_type "
            "FROM information_schema.role_table_grants WHERE grantee = %s", (ENGINE_ROLE,)
        ).fetchall()
        functions = conn.execute(
            "SELECT p.oid::regprocedure::text, p.prosecdef, p.proconfig, "
            "       pg_get_userbyid(p.proowner), "
            "       has_function_privilege(%s, p.oid, 'EXECUTE'), "
            "       has_function_privilege(%s, p.oid, 'EXECUTE'), "
            "       EXISTS (SELECT 1 FROM aclexplode(coalesce(p.proacl, "
            "               acldefault('f', p.proowner))) a WHERE a.grantee = 0) "
            "FROM pg_proc p WHERE p.proname LIKE 'historian\\_%%'",
            (ENGINE_ROLE, APP_ROLE),
        ).fetchall()
        owner = conn.execute(
            "SELECT pg_get_userbyid(relowner) FROM pg_class "
            "WHERE oid = 'historian.samples'::regclass"
        ).fetchone()
        database = conn.execute(
            "SELECT has_database_privilege(%s, current_database(), 'TEMPORARY'), "
            "       has_database_privilege(%s, current_database(), 'CREATE')",
            (ENGINE_ROLE, ENGINE_ROLE),
        ).fetchone()
    granted: dict[str, set[str]] = {}
    for schema, table, privilege in rows:
        granted.setdefault(table if schema == "public" else f"{schema}.{table}",
                           set()).add(privilege)
    expected = {t: {p.strip() for p in privs.split(",")} for t, privs in ENGINE_PRIVILEGES}
    assert granted == expected
    assert "audit_log" not in granted
    assert database == (True, False)

    assert {f[0] for f in functions} == {s.replace(" ", "") for s in ENGINE_FUNCTIONS}
    for signature, definer, config, fowner, engine_may, app_may, public_may in functions:
        assert definer, signature
        assert config == ["search_path=pg_catalog, public, pg_temp"], signature
        assert owner is not None and fowner == owner[0], signature
        assert engine_may and not app_may, signature
        assert not public_may, f"{signature}: PUBLIC may execute it"


def test_without_the_role_the_engine_keeps_the_login_and_says_so(
    database_url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A cluster where the migration could not create the role (no CREATEROLE): behave as
    before, with a warning and ``least_privilege: false`` in the health report."""
    monkeypatch.setattr(roles, "ENGINE_ROLE", f"oilfield_engine_absent_{uuid.uuid4().hex[:6]}")
    monkeypatch.setattr(roles, "_warned", set())
    with caplog.at_level(logging.WARNING, logger="engine.store.roles"), \
            engine_connect(database_url) as conn:
        user = conn.execute("SELECT session_user, current_user").fetchone()
        assert user is not None and user[0] == user[1]
    assert "does not exist" in caplog.text
    assert roles.role_status()["least_privilege"] is False


def test_a_dedicated_engine_login_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(roles.ENGINE_DATABASE_URL_ENV, raising=False)
    assert engine_database_url("postgresql://owner@db/x") == "postgresql://owner@db/x"
    monkeypatch.setenv(roles.ENGINE_DATABASE_URL_ENV, "postgresql://eng@db/x")
    assert engine_database_url("postgresql://owner@db/x") == "postgresql://eng@db/x"


def test_the_status_page_says_when_the_engine_is_not_least_privileged() -> None:
    from edge_server.status import render

    report = {"site": "S", "status": "healthy", "database": "connected", "historian": {},
              "database_role": {"role": ENGINE_ROLE, "status": "missing",
                                "least_privilege": False}}
    assert "the engine runs with the login's privileges" in render(report, "")
    report["database_role"] = {"role": ENGINE_ROLE, "status": "switched",
                               "least_privilege": True}
    assert "login's privileges" not in render(report, "")
