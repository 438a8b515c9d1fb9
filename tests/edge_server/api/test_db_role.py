"""The API's database sessions act as ``oilfield_app``: they can do the API's work (log in,
audit, read history, journal, registry, manage grants) but cannot rewrite the audit log, not
even by disabling its trigger; with a dedicated login (``OILFIELD_APP_DATABASE_URL``) not even
``RESET ROLE`` gets anything more. The privileges are exactly ``APP_PRIVILEGES``."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from psycopg_pool import AsyncConnectionPool, ConnectionPool

from edge_server.api.server import ApiServer
from edge_server.auth import Role
from edge_server.db.privileges import APP_DATABASE_URL_ENV, APP_PRIVILEGES, APP_ROLE
from engine.config import load_field, load_settings
from engine.lvc import LastValueCache
from engine.store.registry import sync_registry
from tests.edge_server.api.conftest import CONSOLE, LOCAL_ADMIN, PASSWORD, Pieces, write_site

FORBIDDEN = (
    "UPDATE audit_log SET outcome = 'ok'",
    "DELETE FROM audit_log",
    "TRUNCATE audit_log",
    "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only",
    "ALTER TABLE audit_log DISABLE TRIGGER ALL",
    "DROP TRIGGER audit_log_append_only ON audit_log",
    "DROP TABLE audit_log",
    "ALTER TABLE audit_log RENAME TO audit_log_old",
    "CREATE TABLE audit_log_copy AS SELECT * FROM audit_log",  # no CREATE on the schema
)


def pools(api: ApiServer) -> dict[str, ConnectionPool]:
    return {"auth": api.auth._pool, "read": api.pool}  # the two pools the API runs on


async def refused_async(apool: AsyncConnectionPool, statement: str) -> bool:
    async with apool.connection() as conn:
        try:
            async with conn.transaction():
                await conn.execute(statement)
        except psycopg.errors.InsufficientPrivilege:
            return True
    return False


async def check_async_pool(apool: AsyncConnectionPool, reset_first: bool = False) -> None:
    """The async pool (trends on the loop) acts as oilfield_app and may not touch the log."""
    async with apool.connection() as conn:
        cur = await conn.execute("SELECT session_user, current_user")
        user: Any = await cur.fetchone()
        assert user[1] == APP_ROLE
        if reset_first:
            assert user[0] != "postgres"
    for statement in FORBIDDEN:
        sql_text = f"RESET ROLE; {statement}" if reset_first else statement
        assert await refused_async(apool, sql_text), statement


def refused(pool: ConnectionPool, statement: str) -> bool:
    with pool.connection() as conn:
        try:
            with conn.transaction():
                conn.execute(statement)
        except psycopg.errors.InsufficientPrivilege:
            return True
    return False


@pytest.fixture
def api(tmp_path: Path, database_url: str) -> Iterator[ApiServer]:
    settings = load_settings(write_site(tmp_path))
    fld = load_field(settings.field_path)
    sync_registry(database_url, fld)  # what the engine does at start (as the owner)
    server = ApiServer(settings, Pieces(fld, LastValueCache()), database_url, "9.9.9-test")
    try:
        yield server
    finally:
        server.close()


def audit_count(database_url: str) -> int:
    with psycopg.connect(database_url) as conn:
        row = conn.execute("SELECT count(*) FROM audit_log").fetchone()
    assert row is not None
    return int(row[0])


async def test_the_api_sessions_cannot_rewrite_the_audit_log(
    api: ApiServer, database_url: str
) -> None:
    api.auth.users.create_user(LOCAL_ADMIN, "ana", Role.ADMIN, CONSOLE, password=PASSWORD,
                               must_change_password=False)
    await api.open_async()  # what ``serve`` does: trends then run on the async pool
    assert api.ctx.apool is api.apool and not api.apool.closed
    # The API does its work through its pools as the application role ...
    transport = httpx.ASGITransport(app=api.app, client=("10.20.0.15", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://edge.test") as client:
        r = await client.post("/api/auth/login", json={"username": "ana", "password": PASSWORD})
        assert r.status_code == 200, r.text
        client.headers["Authorization"] = f"Bearer {r.json()['access_token']}"
        span = {"start": "2026-11-23T00:00:00Z", "end": "2026-11-23T06:00:00Z"}
        for path, params in (("/api/history/W01.ESP.FREQ/trend", span),
                             ("/api/history/W01.ESP.FREQ/raw", span),
                             ("/api/alarms/journal", {}), ("/api/alarms/kpis", span),
                             ("/api/audit", {}), ("/api/grants", {}),
                             ("/api/production/wells", {})):
            r = await client.get(path, params=params)
            assert r.status_code == 200, (path, r.text)
        r = await client.post("/api/grants", json={"tag": "*.ESP.FREQ_SP", "role": "operator"})
        assert r.status_code == 201, r.text
    await check_async_pool(api.apool)
    await api.close_async()
    rows = audit_count(database_url)
    assert rows >= 3  # user created, login, grant

    for name, pool in pools(api).items():
        with pool.connection() as conn:
            assert conn.execute("SELECT current_user").fetchone() == (APP_ROLE,), name
            with conn.transaction() as tx:  # ... may append and read ...
                conn.execute("INSERT INTO audit_log (action, outcome) VALUES ('login', 'ok')")
                raise psycopg.Rollback(tx)
        # ... and can neither rewrite it nor switch its protection off.
        allowed = [s for s in FORBIDDEN if not refused(pool, s)]
        assert not allowed, f"{name} pool may: {allowed}"
    assert audit_count(database_url) == rows
    with psycopg.connect(database_url) as conn:  # the trigger is still there and enabled
        assert conn.execute(
            "SELECT tgenabled FROM pg_trigger WHERE tgname = 'audit_log_append_only'"
        ).fetchone() == ("O",)


def test_the_role_holds_exactly_the_listed_privileges(database_url: str) -> None:
    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "SELECT table_schema, table_name, privilege_type "
            "FROM information_schema.role_table_grants WHERE grantee = %s", (APP_ROLE,)
        ).fetchall()
        historian = {r[0] for r in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'historian'"
        ).fetchall()}
    granted: dict[str, set[str]] = {}
    for schema, table, privilege in rows:
        granted.setdefault(table if schema == "public" else f"{schema}.{table}",
                           set()).add(privilege)
    expected = {t: {p.strip() for p in privs.split(",")} for t, privs in APP_PRIVILEGES}
    expected.update({f"historian.{t}": {"SELECT"} for t in historian})
    assert granted == expected
    assert granted["audit_log"] == {"SELECT", "INSERT"}


@pytest.fixture
def dedicated_login(database_url: str, pg_admin_url: str) -> Iterator[str]:
    """A LOGIN role that is only a member of oilfield_app (what a site's DBA would create)."""
    name = f"oilfield_edge_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg_admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE ROLE "{name}" LOGIN IN ROLE {APP_ROLE}')
    try:
        yield psycopg.conninfo.make_conninfo(database_url, user=name)  # same database
    finally:
        with psycopg.connect(pg_admin_url, autocommit=True) as conn:
            conn.execute(f'DROP ROLE IF EXISTS "{name}"')


async def test_a_dedicated_login_leaves_nothing_to_reset_to(
    tmp_path: Path, database_url: str, dedicated_login: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(APP_DATABASE_URL_ENV, dedicated_login)
    settings = load_settings(write_site(tmp_path))
    server = ApiServer(settings, Pieces(load_field(settings.field_path), LastValueCache()),
                       database_url, "9.9.9-test")
    try:
        server.auth.users.create_user(LOCAL_ADMIN, "ana", Role.ADMIN, CONSOLE,
                                      password=PASSWORD, must_change_password=False)
        server.auth.login("ana", PASSWORD, CONSOLE)
        for name, pool in pools(server).items():
            with pool.connection() as conn:
                user: Any = conn.execute("SELECT session_user, current_user").fetchone()
                assert user[0] != "postgres" and user[1] == APP_ROLE, name
            for statement in FORBIDDEN:
                assert refused(pool, f"RESET ROLE; {statement}"), (name, statement)
        await server.open_async()
        await check_async_pool(server.apool, reset_first=True)
    finally:
        await server.close_async()
        server.close()
