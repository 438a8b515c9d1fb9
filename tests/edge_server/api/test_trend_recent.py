"""The trend endpoint answers a live trend from the engine's memory (``RecentSamples``) with
the JSON the database path gives (same buckets, times and values; the average to the last
bits of float rounding), over zone offsets; older or coarser trends still read the database,
and the memory path works with the database down."""

from __future__ import annotations

import asyncio
import math
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import numpy as np
import psycopg
import pytest
from psycopg_pool import ConnectionPool

from edge_server.auth import AuthService, AuthSettings, Role
from engine.config import load_field, load_settings
from engine.historian.query import trend
from engine.historian.recent import RecentSamples
from engine.historian.writer import HistorianWriter
from engine.lvc import LastValueCache
from engine.runtime import EdgeEngine
from engine.store.registry import sync_registry
from plugins.simulator import FieldSimulator
from tests.edge_server.api.conftest import (
    CONSOLE,
    LOCAL_ADMIN,
    PASSWORD,
    Pieces,
    make_app,
    open_async_pool,
    wait_for,
    write_site,
)
from tests.edge_server.api.test_trend_async import client, dead_async_pool
from tests.engine.historian.historian_helpers import us

NOW = datetime.now(UTC).replace(microsecond=0)
START = NOW - timedelta(minutes=40)  # the cache's start: it holds everything after


class Rig:
    def __init__(self, auth: AuthService, pool: ConnectionPool, token: str, names: list[str],
                 memory: Pieces, database: Pieces) -> None:
        self.auth, self.pool, self.token, self.names = auth, pool, token, names
        self.memory, self.database = memory, database


@pytest.fixture
async def cached(database_url: str, tmp_path: Path) -> AsyncIterator[Rig]:
    fld = load_field(load_settings(write_site(tmp_path)).field_path)
    ids = sync_registry(database_url, fld)
    by_id = {v: k for k, v in ids.items()}
    cache = RecentSamples(timedelta(hours=1), now_us=us(START))
    w = HistorianWriter(database_url, tmp_path / "spool", flush_interval_s=0.1, recent=cache)
    w.start()
    n = 35 * 60 * 2  # tags 1 and 2, every 0.5 s for 35 minutes, some not GOOD, some NaN
    rng = np.random.default_rng(5)
    t = us(START) + np.arange(n) * 500_000
    values = rng.normal(100.0, 15.0, 2 * n)
    values[rng.random(2 * n) < 0.01] = np.nan
    quality = np.where(rng.random(2 * n) < 0.02, 192, 0)
    w.submit(np.repeat([1, 2], n), np.tile(t, 2), values, quality)
    assert w.stop(timeout=30)
    auth = AuthService(database_url, AuthSettings.load(tmp_path / "state", env={}))
    auth.users.create_user(LOCAL_ADMIN, "viewer", Role.VIEWER, CONSOLE, password=PASSWORD,
                           must_change_password=False)
    token = auth.login("viewer", PASSWORD, CONSOLE).access_token
    pool = ConnectionPool(database_url, min_size=1, max_size=2, open=True)
    memory = Pieces(fld, LastValueCache())
    memory.recent = cache  # type: ignore[assignment]
    try:
        yield Rig(auth, pool, token, [by_id[1], by_id[2]], memory,
                  Pieces(fld, LastValueCache()))
    finally:
        pool.close()
        auth.close()


def _same(a: dict[str, Any], b: dict[str, Any]) -> None:
    pa, pb = a.pop("points"), b.pop("points")
    assert a == b
    assert len(pa) == len(pb)
    for x, y in zip(pa, pb, strict=True):
        ax, ay = x.pop("avg"), y.pop("avg")
        assert x == y
        assert (ax is None) == (ay is None)
        if ax is not None:
            assert math.isclose(ax, ay, rel_tol=1e-12)


async def test_live_trends_from_memory_answer_as_the_database(
    cached: Rig, database_url: str
) -> None:
    apool = await open_async_pool(database_url)
    try:
        from_memory = make_app(cached.auth, cached.memory, cached.pool, apool)
        from_db = make_app(cached.auth, cached.database, cached.pool, apool)
        minus3 = timezone(timedelta(hours=-3))
        holds = {t.name: t.max_interval_s for t in cached.memory.field.tags()}
        ranges = [  # live views, unaligned edges, a range past the last sample, tiny spans
            (NOW - timedelta(minutes=10), NOW, 300),
            (NOW - timedelta(hours=1) + timedelta(minutes=21), NOW, 1000),
            (START + timedelta(seconds=7.3), START + timedelta(minutes=13, seconds=1), 777),
            (NOW - timedelta(minutes=8), NOW + timedelta(minutes=5), 5000),
            (START, START + timedelta(seconds=2), 3),
        ]
        async with client(from_memory, cached.token) as m, client(from_db, cached.token) as d:
            for start, end, points in ranges:
                for name in cached.names:
                    for zone in (UTC, minus3):
                        params: dict[str, str | int] = {
                            "start": start.astimezone(zone).isoformat(),
                            "end": end.astimezone(zone).isoformat(), "points": points}
                        rm = await m.get(f"/api/history/{name}/trend", params=params)
                        rd = await d.get(f"/api/history/{name}/trend", params=params)
                        assert rm.status_code == rd.status_code == 200, rm.text
                        body = rm.json()
                        assert body["points"] and body["points"][0]["t"].endswith("Z")
                        assert body["hold_s"] == holds[name]  # the tag's heartbeat
                        # the sample before start: the same from memory as from the table
                        assert (body["prior"] is not None) == (start > START)
                        _same(body, rd.json())
        assert cached.memory.recent.served == len(ranges) * 4  # type: ignore[attr-defined]
    finally:
        await apool.close()


async def test_memory_serves_live_trends_with_the_database_down(cached: Rig) -> None:
    """No pool can reach the database: a live trend still answers from memory, an older one
    is a 503 (it needs the table)."""
    apool = await dead_async_pool()
    try:
        app = make_app(cached.auth, cached.memory, cached.pool, apool)
        async with client(app, cached.token) as c:
            path = f"/api/history/{cached.names[0]}/trend"
            live = await c.get(path, params={"start": (NOW - timedelta(minutes=10)).isoformat(),
                                             "end": NOW.isoformat(), "points": 300})
            assert live.status_code == 200 and len(live.json()["points"]) >= 140
            old = await c.get(path, params={"start": (START - timedelta(hours=2)).isoformat(),
                                            "end": START.isoformat(), "points": 300})
            assert old.status_code == 503
            assert cached.memory.recent.served == 1  # type: ignore[attr-defined]
    finally:
        await apool.close()


async def test_the_engine_preloads_the_hour_before_its_start(
    database_url: str, tmp_path: Path
) -> None:
    """History written by an earlier run is loaded at start: a live trend that reaches back
    before the start is served from memory, with the answer the table gives."""
    settings = load_settings(write_site(tmp_path))
    fld = load_field(settings.field_path)
    ids = sync_registry(database_url, fld)
    tag = min(ids.values())
    earlier = HistorianWriter(database_url, tmp_path / "earlier", flush_interval_s=0.1)
    earlier.start()
    t0 = datetime.now(UTC) - timedelta(minutes=20)
    n = 19 * 60  # every second, up to a minute ago
    earlier.submit([tag] * n, us(t0) + np.arange(n) * 1_000_000, np.arange(n, dtype=float),
                   [0] * n)
    assert earlier.stop(timeout=30)
    sim = FieldSimulator(fld, seed=7, step_s=0.2)
    await sim.start()
    engine = EdgeEngine(settings, fld, database_url, "9.9.9-test")
    stop = asyncio.Event()
    task = asyncio.create_task(engine.run(stop))
    try:
        await wait_for(lambda: engine.recent is not None and engine.recent.preloaded, 20,
                       "the preload")
        await asyncio.sleep(1.5)  # live samples after the start too
        assert engine.writer is not None and engine.writer.flush(timeout=10)
        recent = engine.recent
        assert recent is not None
        report = engine.health()["historian"]["recent"]
        assert report["preloaded"] and report["rows"] >= n
        start, end = t0 - timedelta(minutes=5), datetime.now(UTC)
        got = recent.trend(tag, start, end, 2000)
        with psycopg.connect(database_url) as conn:
            ref = trend(conn, tag, start, end, 2000)
        assert got is not None and len(got) == len(ref) > n // 2
        assert [(p.bucket_start, p.last, p.count) for p in got] == \
            [(p.bucket_start, p.last, p.count) for p in ref]
    finally:
        stop.set()
        await asyncio.wait_for(task, 60)
        await sim.stop()
