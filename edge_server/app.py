"""The ``oilfield edge`` process: load config, start the database, run the engine and its HTTP
API until SIGTERM/SIGINT, stop cleanly.

Order: the API is built (TLS, secrets: a bad one stops the process before anything runs), the
engine starts, the API starts serving once the engine's registries are ready (its scanner
exists). On SIGTERM the API stops first (no new operator actions), then the engine stops its
scanner and flushes the historian.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

from domain.field import Field
from edge_server.database import Database
from edge_server.logging_setup import setup_logging
from edge_server.version import product_version
from engine.config import load_field, load_settings
from engine.config.settings import EdgeSettings
from engine.runtime import EdgeEngine

if TYPE_CHECKING:
    from edge_server.api.server import ApiServer

log = logging.getLogger(__name__)

READY_POLL_S = 0.1
API_STOP_TIMEOUT_S = 15.0
#: ``asyncio`` forces the standard library's loop (troubleshooting); anything else: uvloop
#: when it is installed (it comes with ``uvicorn[standard]``; not on Windows).
LOOP_ENV = "OILFIELD_EVENT_LOOP"
#: GIL switch interval with uvloop (Python's default: 5 ms). uvloop writes to sockets without
#: releasing the GIL, so a thread coming back from PostgreSQL (trends, journal, auth) waited
#: the whole interval at each round trip while the loop was busy: measured, trend latency
#: rose under uvloop with 5 ms and fell below the old figure with 1 ms.
UVLOOP_SWITCH_INTERVAL_S = 0.001


def event_loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """The edge process's loop: uvloop when available, else the default (None).

    Why: the scanner, the engine and the API share this one loop on one core, and under a
    control room's REST load the loop's own machinery (transports, callbacks, selector) was a
    tenth of the process's CPU; uvloop does that part in C (docs/performance.md, API section).
    The engine only uses portable loop calls (call_soon_threadsafe, signal handlers, time).
    """
    if os.environ.get(LOOP_ENV, "").strip().lower() == "asyncio":
        return None
    try:
        import uvloop
    except ImportError:
        return None
    sys.setswitchinterval(UVLOOP_SWITCH_INTERVAL_S)
    return uvloop.new_event_loop


def load_config(config_path: Path) -> tuple[EdgeSettings, Field]:
    """Everything is read and validated before anything starts (raises ConfigError)."""
    settings = load_settings(config_path)
    field = load_field(settings.field_path)
    return settings, field


async def run_until_signalled(
    main: Callable[[asyncio.Event], Awaitable[None]], stop: asyncio.Event | None = None
) -> None:
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        await main(stop)
    finally:
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(sig)


async def run_engine_and_api(
    engine: EdgeEngine, api: ApiServer | None, stop: asyncio.Event,
    on_serving: Callable[[str], None] | None = None,
) -> None:
    """Run the engine; serve the API once the engine's registries are ready; on ``stop`` (or
    the engine ending by itself) stop the API first, then the engine."""
    engine_stop = asyncio.Event()
    engine_task = asyncio.create_task(engine.run(engine_stop), name="engine")
    api_task: asyncio.Task[bool] | None = None
    stop_wait = asyncio.create_task(stop.wait(), name="stop-wait")
    try:
        if api is not None:
            while engine.scanner is None and not engine_task.done() and not stop.is_set():
                await asyncio.wait({stop_wait}, timeout=READY_POLL_S)
            if engine.scanner is not None and not stop.is_set():
                api_task = asyncio.create_task(api.serve(), name="api")
                if on_serving is not None:
                    await api.wait_started(api_task)
                    if api.started:
                        on_serving(api.url)
        await asyncio.wait({stop_wait, engine_task}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stop_wait.cancel()
        if api is not None:
            api.stop()
            if api_task is not None:
                try:
                    await asyncio.wait_for(api_task, API_STOP_TIMEOUT_S)
                except TimeoutError:
                    log.error("API did not stop within %s s", API_STOP_TIMEOUT_S)
            await asyncio.to_thread(api.close)
        engine_stop.set()
        with contextlib.suppress(asyncio.CancelledError):
            await engine_task


def build_api(settings: EdgeSettings, engine: EdgeEngine, database_url: str) -> ApiServer | None:
    """The API server for ``settings.api`` (None when disabled). Raises ``TlsError`` or
    ``SecretError`` on an unusable certificate or secret: the edge must not start then."""
    if not settings.api.enabled:
        return None
    from edge_server.api.server import ApiServer

    return ApiServer(settings, engine, database_url, engine.version)


def run_edge(config_path: Path, *, log_format: str | None = None) -> int:
    from edge_server.api.tls import TlsError
    from edge_server.auth.settings import SecretError

    settings, field = load_config(config_path)
    setup_logging(settings.log.level, log_format or settings.log.format)
    database = Database(settings)
    engine: EdgeEngine | None = None
    try:
        if not database.migrate(attempts=3):
            log.warning("starting without a reachable database; samples will be kept and spilled")
        engine = EdgeEngine(settings, field, database.url, product_version())
        try:
            api = build_api(settings, engine, database.url)
        except (TlsError, SecretError) as exc:
            log.critical("cannot start the API: %s", exc)
            return 2
        if api is not None:
            log.info("API will listen on %s", api.url)

        async def main(stop: asyncio.Event) -> None:
            assert engine is not None
            await run_engine_and_api(engine, api, stop)

        factory = event_loop_factory()
        log.info("event loop: %s", "uvloop" if factory is not None else "asyncio")
        with asyncio.Runner(loop_factory=factory) as runner:
            runner.run(run_until_signalled(main))
    finally:
        database.close()
    return 1 if engine is None or engine.failed else 0
