"""A real edge engine on a small simulated field (in-process simulator, real scanner, alarm
engine and historian on the per-test PostgreSQL), the API app over it, users of every role and
an httpx client per role (ASGI transport: same event loop as the engine, as in production).
The rig's app has the async pool too, as ``ApiServer`` gives it: trends run on the loop."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from psycopg_pool import AsyncConnectionPool, ConnectionPool

from domain.field import Field
from edge_server.api import ApiContext, create_app
from edge_server.api.server import configure_trend_connection
from edge_server.auth import AuthService, AuthSettings, ClientInfo, Principal, Role
from engine.config import load_field, load_settings
from engine.config.settings import ApiSettings
from engine.lvc import LastValueCache
from engine.runtime import EdgeEngine
from plugins.simulator import FieldSimulator
from plugins.simulator.generator import dump_yaml, generate_field
from tests._ports import free_ports

PASSWORD = "Bomba-Sumergible-42"
HUMANS = (Role.ADMIN, Role.SUPERVISOR, Role.OPERATOR, Role.VIEWER)
LOCAL_ADMIN = Principal(username="local:test", role=Role.ADMIN, user_id=None, via="local")
CONSOLE = ClientInfo(address="127.0.0.1", name="pytest")


def write_site(root: Path, wells: int = 2) -> Path:
    """field.yaml + edge.yaml for ``wells`` simulated ESP wells on free loopback ports."""
    config = generate_field(wells, seed=7, mix={"esp_well": 1.0}, name="Campo API")
    config["scan_classes"] = {"fast": 0.2, "normal": 0.5, "slow": 1.0}
    devices = [d for s in config["sites"] for d in s["devices"]]
    for device, port in zip(devices, free_ports(len(devices)), strict=True):
        device["port"] = port
        device["timeout_s"] = 0.3
    (root / "field.yaml").write_text(dump_yaml(config), encoding="utf-8")
    edge = root / "edge.yaml"
    edge.write_text(
        "site_name: Prueba API\nfield: field.yaml\nstate_dir: state\n"
        "historian: {flush_interval_s: 0.2, rollup_interval_s: 60}\n"
        "api: {host: 127.0.0.1, tls: {mode: 'off'}}\n",
        encoding="utf-8",
    )
    return edge


async def wait_for(cond: Callable[[], Any], within: float, what: str = "condition") -> Any:
    deadline = time.monotonic() + within
    while True:
        result = cond()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


@dataclass
class ApiRig:
    engine: EdgeEngine
    sim: FieldSimulator
    auth: AuthService
    pool: ConnectionPool
    app: Any
    clients: dict[str, httpx.AsyncClient] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    refresh: dict[str, str] = field(default_factory=dict)
    api_key: str = ""
    apool: AsyncConnectionPool | None = None

    def client(self, who: str) -> httpx.AsyncClient:
        return self.clients[who]

    def new_client(self, headers: dict[str, str] | None = None,
                   address: str = "10.20.0.15") -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=self.app, client=(address, 40000))
        return httpx.AsyncClient(transport=transport, base_url="http://edge.test",
                                 headers=headers or {})


def make_app(auth: AuthService, engine: Any, pool: ConnectionPool,
             apool: AsyncConnectionPool | None = None, **api: Any) -> Any:
    settings = ApiSettings.model_validate({"host": "127.0.0.1", "tls": {"mode": "off"},
                                           "login_rate": {"attempts": 1000}, **api})
    return create_app(ApiContext(auth=auth, engine=engine, pool=pool, settings=settings,
                                 version="9.9.9-test", apool=apool))


async def open_async_pool(conninfo: str, **kwargs: Any) -> AsyncConnectionPool:
    """An open async pool like ``ApiServer``'s (autocommit, as oilfield_app, trend work_mem)."""
    apool = AsyncConnectionPool(conninfo, min_size=1, max_size=4, open=False,
                                configure=configure_trend_connection,
                                kwargs={"autocommit": True}, **kwargs)
    await apool.open()
    return apool


@pytest.fixture
async def rig(database_url: str, tmp_path: Path) -> AsyncIterator[ApiRig]:
    settings = load_settings(write_site(tmp_path))
    fld = load_field(settings.field_path)
    sim = FieldSimulator(fld, seed=7, step_s=0.2)
    await sim.start()
    engine = EdgeEngine(settings, fld, database_url, "9.9.9-test")
    stop = asyncio.Event()
    task = asyncio.create_task(engine.run(stop))
    auth = AuthService(database_url, AuthSettings.load(tmp_path / "state", env={}))
    pool = ConnectionPool(database_url, min_size=1, max_size=4, open=True)
    apool = await open_async_pool(database_url)
    app = make_app(auth, engine, pool, apool)
    r = ApiRig(engine, sim, auth, pool, app, apool=apool)
    try:
        await wait_for(lambda: engine.scanner is not None and engine.alarms is not None, 20,
                       "the engine to start")
        for role in HUMANS:
            auth.users.create_user(LOCAL_ADMIN, role.value, role, CONSOLE, password=PASSWORD,
                                   must_change_password=False)
            pair = auth.login(role.value, PASSWORD, CONSOLE)
            r.tokens[role.value] = pair.access_token
            r.refresh[role.value] = pair.refresh_token
            r.clients[role.value] = r.new_client(
                {"Authorization": f"Bearer {pair.access_token}"})
        auth.users.create_user(LOCAL_ADMIN, "scada", Role.SCADA, CONSOLE)
        r.api_key = auth.api_keys.create(LOCAL_ADMIN, "scada", "dcs", CONSOLE).key
        r.clients["scada"] = r.new_client({"X-API-Key": r.api_key})
        r.clients["anonymous"] = r.new_client()
        yield r
    finally:
        for c in r.clients.values():
            await c.aclose()
        stop.set()
        await asyncio.wait_for(task, 60)
        await sim.stop()
        await apool.close()
        pool.close()
        auth.close()


async def connected(r: ApiRig) -> None:
    """Every device answering and every scan class read at least once."""
    assert r.engine.scanner is not None
    scanner = r.engine.scanner
    await wait_for(lambda: all(s.state == "connected" and s.last_ok
                               for s in scanner.status().values()), 15, "devices connected")
    await asyncio.sleep(1.2)


class Pieces:
    """Real engine pieces without a scanner: what a test (or a tool) may serve the API over."""

    def __init__(self, field: Field, lvc: LastValueCache) -> None:
        self.field, self.lvc = field, lvc
        self.scanner = None
        self.alarms = None
        self.recent = None

    def health(self) -> dict[str, Any]:
        return {"status": "healthy", "version": "x", "site": "s", "database": "connected",
                "uptime_seconds": 1, "generated_at": datetime.now(UTC).isoformat(),
                "devices": {}, "historian": {}, "alarms": {}}
