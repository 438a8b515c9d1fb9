"""The edge engine's runtime: registry, scanner, historian writer and their housekeeping.

One asyncio loop runs the scanner (network-bound, many devices); the historian writer has its
own thread (COPY encoding and commits must not stall a scan); rollups and retention run in the
default executor once a minute / hour. ``run()`` returns only after a clean stop: scanner
stopped, every buffered sample committed or spilled to disk.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg

from domain.field import Field
from engine.config.settings import EdgeSettings
from engine.health import build_report
from engine.historian.writer import HistorianWriter
from engine.lvc import LastValueCache
from engine.scanner import Scanner
from engine.store import registry_cache
from engine.store.registry import sync_registry
from engine.store.urls import libpq_url, redact

log = logging.getLogger(__name__)

HEALTH_INTERVAL_S = 2.0
PROBE_TIMEOUT_S = 3
WRITER_STOP_TIMEOUT_S = 30.0
RETENTION_INTERVAL_S = 3600.0


class EdgeEngine:
    def __init__(self, settings: EdgeSettings, field: Field, database_url: str, version: str):
        self.settings = settings
        self.field = field
        self.database_url = libpq_url(database_url)
        self.version = version
        self.started = time.monotonic()
        self.lvc: LastValueCache | None = None
        self.scanner: Scanner | None = None
        self.writer: HistorianWriter | None = None
        self._database_ok = False
        self._rollup_db_down = False
        self.failed = False  # a long-lived task died: the process should exit non-zero

    # -- startup -----------------------------------------------------------------------------
    async def _tag_ids(self, stop: asyncio.Event) -> dict[str, int] | None:
        """Sync the registry; while the database is down, fall back on the cached map."""
        cache = self.settings.state_dir / "registry.json"
        needed = {t.name for t in self.field.tags()}
        delay = 1.0
        while not stop.is_set():
            try:
                ids = await asyncio.to_thread(sync_registry, self.database_url, self.field)
                registry_cache.save(cache, ids)
                self._database_ok = True
                return ids
            except Exception as exc:  # the DB may be down: any driver error lands here
                cached = registry_cache.load(cache, needed)
                if cached is not None:
                    log.warning(
                        "database unreachable at start; scanning with the cached tag registry",
                        extra={"error": str(exc)},
                    )
                    return cached
                log.error(
                    "database unreachable and no cached tag registry; retrying",
                    extra={"error": str(exc), "retry_s": delay},
                )
            try:
                await asyncio.wait_for(stop.wait(), delay)
            except TimeoutError:
                delay = min(delay * 2, 30.0)
        return None

    # -- main --------------------------------------------------------------------------------
    async def run(self, stop: asyncio.Event) -> None:
        tag_ids = await self._tag_ids(stop)
        if tag_ids is None or stop.is_set():
            return
        hist = self.settings.historian
        self.writer = HistorianWriter(
            self.database_url,
            self.settings.spill_dir,
            batch_rows=hist.batch_rows,
            flush_interval_s=hist.flush_interval_s,
            memory_limit_rows=hist.memory_limit_rows,
            spill_limit_bytes=hist.spill_limit_mb * 1024 * 1024,
        )
        self.writer.start()
        self.lvc = LastValueCache()
        self.scanner = Scanner(self.field, tag_ids, self.writer, self.lvc)
        log.info(
            "edge engine started",
            extra={
                "site": self.settings.site_name,
                "devices": sum(1 for _ in self.field.devices()),
                "tags": len(tag_ids),
                "database": redact(self.database_url),
            },
        )
        tasks = [
            asyncio.create_task(self.scanner.run(), name="scanner"),
            asyncio.create_task(self._health_loop(stop), name="health"),
            asyncio.create_task(self._rollup_loop(stop), name="rollups"),
            asyncio.create_task(self._retention_loop(stop), name="retention"),
        ]
        for task in tasks:
            task.add_done_callback(lambda t: self._task_ended(t, stop))
        try:
            await stop.wait()
        finally:
            log.info("stopping: scanner first, then flushing the historian")
            await self.scanner.stop()
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            flushed = await asyncio.to_thread(self.writer.stop, WRITER_STOP_TIMEOUT_S)
            self._write_health(final=True)
            stats = self.writer.stats()
            if flushed:
                log.info("edge engine stopped", extra=stats)
            else:
                self.failed = True
                log.error("edge engine stopped before the historian finished writing",
                          extra=stats)

    def _task_ended(self, task: asyncio.Task[Any], stop: asyncio.Event) -> None:
        """A long-lived task must only end when asked: otherwise stop, so systemd restarts us
        instead of running on with nothing scanned or reported."""
        if stop.is_set() or task.cancelled():
            return
        exc = task.exception()
        log.critical(
            "engine task %s ended unexpectedly; stopping the engine", task.get_name(),
            exc_info=exc,
        )
        self.failed = True
        stop.set()

    # -- housekeeping ------------------------------------------------------------------------
    async def _sleep(self, stop: asyncio.Event, seconds: float) -> bool:
        """Sleep unless stopping; True when it is time to stop."""
        try:
            await asyncio.wait_for(stop.wait(), seconds)
            return True
        except TimeoutError:
            return False

    async def _health_loop(self, stop: asyncio.Event) -> None:
        while True:
            try:
                await asyncio.to_thread(self._probe_database)
                self._write_health()
            except Exception:  # e.g. the state disk is full: keep trying, say so
                log.exception("could not write the health report")
            if await self._sleep(stop, HEALTH_INTERVAL_S):
                return

    def _probe_database(self) -> None:
        try:
            with psycopg.connect(self.database_url, connect_timeout=PROBE_TIMEOUT_S) as conn:
                conn.execute("SELECT 1")
            self._database_ok = True
        except psycopg.Error:
            self._database_ok = False
        self._rollup_db_down = False
        self.failed = False  # a long-lived task died: the process should exit non-zero

    async def _rollup_loop(self, stop: asyncio.Event) -> None:
        from engine.historian.rollups import RollupMaintainer

        maintainer = RollupMaintainer(self.database_url)
        while not await self._sleep(stop, self.settings.historian.rollup_interval_s):
            try:
                await asyncio.to_thread(maintainer.run_once, datetime.now(UTC))
                self._rollup_db_down = False
            except psycopg.OperationalError as exc:
                if not self._rollup_db_down:  # once per outage, not every interval
                    log.warning("rollups paused: database unreachable",
                                extra={"error": str(exc).splitlines()[0]})
                self._rollup_db_down = True
            except Exception:
                log.exception("rollup maintenance failed; will retry")

    async def _retention_loop(self, stop: asyncio.Event) -> None:
        """Partitions ahead of time, and old ones dropped, once an hour."""
        while True:
            try:
                await asyncio.to_thread(self._retention_once)
            except psycopg.OperationalError as exc:
                log.warning("partition/retention job skipped: database unreachable",
                            extra={"error": str(exc).splitlines()[0]})
            except Exception:
                log.exception("partition/retention job failed; will retry")
            if await self._sleep(stop, RETENTION_INTERVAL_S):
                return

    def _retention_once(self) -> None:
        from engine.historian.partitions import RetentionPolicy, drop_expired, ensure_ahead

        retention = self.settings.historian.retention
        policy = RetentionPolicy(
            raw_days=retention.raw_days,
            rollup_1m_days=retention.rollup_1m_days,
            rollup_10m_days=retention.rollup_10m_days,
            rollup_1h_days=retention.rollup_1h_days,
        )
        now = datetime.now(UTC)
        with psycopg.connect(
            self.database_url, autocommit=True, connect_timeout=PROBE_TIMEOUT_S
        ) as conn:
            ensure_ahead(conn, now)
            drop_expired(conn, now, policy)

    def health(self) -> dict[str, Any]:
        devices = self.scanner.device_status() if self.scanner else {}
        historian = self.writer.stats() if self.writer else {}
        connected = self._database_ok and bool(historian.get("db_connected", True))
        return build_report(
            version=self.version,
            site=self.settings.site_name,
            uptime_s=time.monotonic() - self.started,
            database_connected=connected,
            database_url=redact(self.database_url),
            devices=devices,
            historian=historian,
            now_iso=datetime.now(UTC).isoformat(timespec="seconds"),
        )

    def _write_health(self, final: bool = False) -> None:
        report = self.health()
        if final:
            report["status"] = "stopped"
        write_json_atomic(self.settings.health_file, report)


def write_json_atomic(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=2, default=str), encoding="utf-8")
    os.replace(tmp, path)
