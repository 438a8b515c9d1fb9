"""Running the API inside the edge process: uvicorn on the engine's own asyncio loop.

Why in-process rather than a separate service: the API reads the engine's last-value cache and
drives its alarm engine directly (microseconds, no IPC), and one process is one thing for IT to
run and for systemd to restart. Uvicorn must not install its own signal handlers (the edge
process owns SIGTERM: it stops the API first, then the engine flushes), hence ``_Server``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import psycopg
import uvicorn
from psycopg_pool import AsyncConnectionPool, ConnectionPool

from edge_server.api.app import create_app
from edge_server.api.context import ApiContext, EngineView
from edge_server.api.tls import TlsFiles, describe, ensure_tls
from edge_server.auth.service import AuthService
from edge_server.auth.settings import AuthSettings
from edge_server.db.privileges import (
    app_database_url,
    use_app_role,
    use_app_role_async,
)
from engine.config.settings import AuthConfig, EdgeSettings
from engine.historian.query import TREND_WORK_MEM
from engine.store.urls import libpq_url

log = logging.getLogger(__name__)

STOP_TIMEOUT_S = 10.0
#: Connections for history, journal and registry reads: trends from a control room's screens
#: arrive together (the access checks no longer share it: they mostly hit the auth service's
#: cache, and its own pool otherwise).
API_POOL_SIZE = 8
#: Connections for trends read on the event loop (``ApiContext.apool``): a trend holds one for
#: two round trips, and waiting for one costs no thread.
API_ASYNC_POOL_SIZE = 8
#: Longest wait for an async pool connection: the database down answers 503 within this.
API_ASYNC_POOL_TIMEOUT_S = 5.0


class _Server(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield  # signals belong to the edge process (edge_server.app)


def auth_settings(state_dir: Any, cfg: AuthConfig) -> AuthSettings:
    """``AuthSettings`` with the secrets from the state dir/env and the ``auth:`` overrides."""
    overrides: dict[str, object] = {}
    if cfg.access_ttl_s is not None:
        overrides["access_ttl"] = timedelta(seconds=cfg.access_ttl_s)
    if cfg.session_ttl_h is not None:
        overrides["session_ttl"] = timedelta(hours=cfg.session_ttl_h)
    if cfg.idle_timeout_min is not None:
        overrides["idle_timeout"] = timedelta(minutes=cfg.idle_timeout_min)
    if cfg.lockout_threshold is not None:
        overrides["lockout_threshold"] = cfg.lockout_threshold
    if cfg.lockout_base_s is not None:
        overrides["lockout_base"] = timedelta(seconds=cfg.lockout_base_s)
    if cfg.lockout_cap_s is not None:
        overrides["lockout_cap"] = timedelta(seconds=cfg.lockout_cap_s)
    return AuthSettings.load(state_dir, None, **overrides)


async def configure_trend_connection(conn: psycopg.AsyncConnection[Any]) -> None:
    """``configure`` of the async pool: acts as ``oilfield_app`` and has the trend's
    ``work_mem`` for the session, so a trend is one SELECT (``query.trend_async(...,
    work_mem=None)``) rather than a transaction that sets it locally each time."""
    await use_app_role_async(conn)
    await conn.execute("SELECT set_config('work_mem', %s, false)", (TREND_WORK_MEM,))


class ApiServer:
    """The API for one edge process: context, app, TLS and the uvicorn server."""

    def __init__(self, settings: EdgeSettings, engine: EngineView, database_url: str,
                 version: str) -> None:
        api = settings.api
        self.tls: TlsFiles | None = ensure_tls(api.tls, settings.tls_dir)
        # Both pools act as the application role oilfield_app, never as the owner: the API may
        # append to the audit log but cannot rewrite it (edge_server/db/privileges.py).
        runtime_url = app_database_url(database_url)
        self.auth = AuthService(runtime_url, auth_settings(settings.state_dir, settings.auth))
        self.pool = ConnectionPool(
            libpq_url(runtime_url), min_size=1, max_size=API_POOL_SIZE, open=True,
            configure=use_app_role,
            kwargs={"connect_timeout": 5, "application_name": "oilfield-api"})
        # Trends on the event loop; opened by ``open_async`` (needs the running loop).
        self.apool = AsyncConnectionPool(
            libpq_url(runtime_url), min_size=1, max_size=API_ASYNC_POOL_SIZE, open=False,
            configure=configure_trend_connection, timeout=API_ASYNC_POOL_TIMEOUT_S,
            kwargs={"connect_timeout": 5, "application_name": "oilfield-api",
                    "autocommit": True})
        self.ctx = ApiContext(auth=self.auth, engine=engine, pool=self.pool, settings=api,
                              version=version, tls=self.tls is not None, apool=self.apool)
        self.app = create_app(self.ctx)
        config = uvicorn.Config(
            self.app, host=api.host, port=api.port, log_config=None, access_log=False,
            lifespan="off", server_header=False, proxy_headers=False,
            ssl_certfile=str(self.tls.cert) if self.tls else None,
            ssl_keyfile=str(self.tls.key) if self.tls else None,
            timeout_keep_alive=15, limit_concurrency=200,
            timeout_graceful_shutdown=int(STOP_TIMEOUT_S),
        )
        self.server = _Server(config)
        scheme = "https" if self.tls else "http"
        self.url = f"{scheme}://{api.host}:{api.port}/api"

    async def open_async(self) -> None:
        """Open the async pool (in the background: a database down does not delay the start;
        requests then wait at most ``API_ASYNC_POOL_TIMEOUT_S`` and answer 503)."""
        if self.apool.closed:
            await self.apool.open(wait=False)

    async def close_async(self) -> None:
        """Close the async pool (trends fall back to the sync pool meanwhile)."""
        await self.apool.close()

    async def serve(self) -> bool:
        """Serve until ``stop``; False if it could not start (port taken, bad certificate)."""
        if self.tls is not None:
            log.info("API TLS " + describe(self.tls).replace("\n", ";"))
        await self.open_async()
        try:
            await self.server.serve()
        except SystemExit:  # uvicorn exits on a bind failure; the engine keeps running
            log.critical("API server could not start on %s (port in use?); the engine runs "
                         "on without it", self.url)
            return False
        finally:
            await self.close_async()
        return True

    @property
    def started(self) -> bool:
        return bool(self.server.started)

    async def wait_started(self, task: asyncio.Task[bool], poll_s: float = 0.05) -> None:
        """Until uvicorn listens (or ``task``, its ``serve``, ended: it could not start)."""
        while not self.started and not task.done():  # noqa: ASYNC110 - uvicorn has no event
            await asyncio.sleep(poll_s)

    def stop(self) -> None:
        """Ask uvicorn to stop accepting and finish in-flight requests (bounded); ``serve``
        returns when done."""
        self.server.should_exit = True

    def close(self) -> None:
        self.pool.close()
        self.auth.close()

