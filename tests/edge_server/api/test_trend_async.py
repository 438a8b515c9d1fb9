"""The trend endpoint on the event loop (async pool, ``query.trend_async``) answers byte for
byte what the thread-pool path (sync pool, ``query.trend``) answers, and a database that is
down or drops its connections gives a prompt 503, as before."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta, timezone
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from psycopg_pool import AsyncConnectionPool, ConnectionPool

from edge_server.auth import AuthService, AuthSettings, Role
from engine.config import load_field, load_settings
from engine.historian.rollups import RollupMaintainer
from engine.historian.writer import HistorianWriter
from engine.lvc import LastValueCache
from engine.store.registry import sync_registry
from tests.edge_server.api.conftest import (
    CONSOLE,
    LOCAL_ADMIN,
    PASSWORD,
    Pieces,
    make_app,
    open_async_pool,
    write_site,
)
from tests.engine.historian.historian_helpers import BASE, make_rows

NOW = BASE + timedelta(days=1, minutes=30, seconds=20)  # rolled up to here; a raw tail after


@dataclass
class Setup:
    auth: AuthService
    pieces: Pieces
    pool: ConnectionPool
    token: str
    names: list[str]  # historian tag ids 1 and 2


def client(app: Any, token: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://edge.test",
                             headers={"Authorization": f"Bearer {token}"})


@pytest.fixture
async def setup(database_url: str, tmp_path: Path) -> AsyncIterator[Setup]:
    fld = load_field(load_settings(write_site(tmp_path)).field_path)
    ids = sync_registry(database_url, fld)
    by_id = {v: k for k, v in ids.items()}
    assert 1 in by_id and 2 in by_id
    w = HistorianWriter(database_url, tmp_path / "spool", flush_interval_s=0.1)
    w.start()
    w.submit(*make_rows(2, 2 * 86_400, step_s=10.0))
    assert w.stop(timeout=30)
    RollupMaintainer(database_url, raw_chunk=timedelta(days=1)).run_once(NOW)
    auth = AuthService(database_url, AuthSettings.load(tmp_path / "state", env={}))
    auth.users.create_user(LOCAL_ADMIN, "viewer", Role.VIEWER, CONSOLE, password=PASSWORD,
                           must_change_password=False)
    token = auth.login("viewer", PASSWORD, CONSOLE).access_token
    pool = ConnectionPool(database_url, min_size=1, max_size=2, open=True)
    try:
        yield Setup(auth, Pieces(fld, LastValueCache()), pool, token, [by_id[1], by_id[2]])
    finally:
        pool.close()
        auth.close()


async def dead_async_pool() -> AsyncConnectionPool:
    """An open async pool whose database never answers (nothing listens on port 1)."""
    dead = "postgresql://postgres@127.0.0.1:1/nothing?connect_timeout=1"
    apool = AsyncConnectionPool(dead, min_size=1, max_size=2, open=False, timeout=1.0,
                                kwargs={"autocommit": True})
    await apool.open(wait=False)
    return apool


RANGES = [  # (start, end, points): each tier, unaligned edges, the raw tail, no data at all
    (BASE + timedelta(hours=5), BASE + timedelta(hours=6), 1000),
    (BASE + timedelta(hours=5), BASE + timedelta(hours=5, minutes=500), 100),
    (BASE + timedelta(hours=1, minutes=17, seconds=23), BASE + timedelta(days=1, hours=7), 300),
    (BASE, BASE + timedelta(days=2), 48),
    (BASE + timedelta(days=1), BASE + timedelta(days=1, hours=4), 24),
    (BASE - timedelta(days=3), BASE - timedelta(days=2), 300),
]


async def test_the_async_trend_answers_as_the_thread_pool_one(
    setup: Setup, database_url: str
) -> None:
    apool = await open_async_pool(database_url)
    try:
        on_loop = make_app(setup.auth, setup.pieces, setup.pool, apool)
        in_thread = make_app(setup.auth, setup.pieces, setup.pool)
        async with client(on_loop, setup.token) as a, client(in_thread, setup.token) as b:
            minus3 = timezone(timedelta(hours=-3))
            for start, end, points in RANGES:
                for name in setup.names:
                    for zone in (None, minus3):  # offsets in, the same buckets out
                        s, e = (start.astimezone(zone), end.astimezone(zone)) if zone else \
                            (start, end)
                        params: dict[str, str | int] = {
                            "start": s.isoformat(), "end": e.isoformat(), "points": points}
                        ra = await a.get(f"/api/history/{name}/trend", params=params)
                        rb = await b.get(f"/api/history/{name}/trend", params=params)
                        assert ra.status_code == rb.status_code == 200, ra.text
                        assert ra.content == rb.content
            body = ra.json()
            assert body["points"] == [] or body["points"][0]["t"].endswith("Z")
            r = await a.get(f"/api/history/{setup.names[0]}/trend", params={
                "start": BASE.isoformat(), "end": (BASE + timedelta(days=2)).isoformat()})
            points_ = r.json()["points"]
            assert any(p["nbad"] for p in points_) and len(points_) <= 1000
            r = await a.get("/api/history/NO.SUCH/trend", params={
                "start": BASE.isoformat(), "end": (BASE + timedelta(hours=1)).isoformat()})
            assert r.status_code == 404 and r.json()["error"] == "unknown_tag"
    finally:
        await apool.close()


async def test_database_unreachable_is_a_prompt_503(setup: Setup, database_url: str) -> None:
    apool = await dead_async_pool()
    try:
        app = make_app(setup.auth, setup.pieces, setup.pool, apool)
        async with client(app, setup.token) as c:
            t0 = time.monotonic()
            r = await c.get(f"/api/history/{setup.names[0]}/trend", params={
                "start": BASE.isoformat(), "end": (BASE + timedelta(hours=1)).isoformat()})
            took = time.monotonic() - t0
    finally:
        await apool.close()
    assert r.status_code == 503 and r.json()["error"] == "unavailable"
    assert r.headers["Retry-After"] == "5"
    assert took < 5


async def test_dropped_connections_are_a_503_then_the_pool_recovers(
    setup: Setup, database_url: str, pg_admin_url: str
) -> None:
    apool = await open_async_pool(
        psycopg.conninfo.make_conninfo(database_url, application_name="trend-async-test"),
        timeout=5.0)
    params = {"start": BASE.isoformat(), "end": (BASE + timedelta(hours=1)).isoformat()}
    path = f"/api/history/{setup.names[0]}/trend"
    try:
        app = make_app(setup.auth, setup.pieces, setup.pool, apool)
        async with client(app, setup.token) as c:
            assert (await c.get(path, params=params)).status_code == 200
            with psycopg.connect(pg_admin_url, autocommit=True) as admin:
                killed = admin.execute(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE application_name = 'trend-async-test'").fetchone()
            assert killed is not None and killed[0] >= 1
            r = await c.get(path, params=params)
            assert r.status_code == 503 and r.json()["error"] == "unavailable"
            statuses = [(await c.get(path, params=params)).status_code for _ in range(3)]
            assert statuses[-1] == 200, statuses
    finally:
        await apool.close()
