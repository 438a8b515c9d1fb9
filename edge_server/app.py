"""The ``oilfield edge`` process: load config, start the database, run the engine until
SIGTERM/SIGINT, stop cleanly."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable
from pathlib import Path

from domain.field import Field
from edge_server.database import Database
from edge_server.logging_setup import setup_logging
from edge_server.version import product_version
from engine.config import load_field, load_settings
from engine.config.settings import EdgeSettings
from engine.runtime import EdgeEngine

log = logging.getLogger(__name__)


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


def run_edge(config_path: Path, *, log_format: str | None = None) -> int:
    settings, field = load_config(config_path)
    setup_logging(settings.log.level, log_format or settings.log.format)
    database = Database(settings)
    engine: EdgeEngine | None = None
    try:
        if not database.migrate(attempts=3):
            log.warning("starting without a reachable database; samples will be kept and spilled")
        engine = EdgeEngine(settings, field, database.url, product_version())
        asyncio.run(run_until_signalled(engine.run))
    finally:
        database.close()
    return 1 if engine is None or engine.failed else 0
