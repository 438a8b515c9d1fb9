"""The edge engine's runtime: registry, scanner, alarms, historian writer and housekeeping.

One asyncio loop runs the scanner (network-bound, many devices); the historian writer has its
own thread (COPY encoding and commits must not stall a scan); rollups and retention run in the
default executor once a minute / hour. ``run()`` returns only after a clean stop: scanner
stopped, every buffered sample committed or spilled to disk.

Alarms: the alarm registry is synced right after the tag registry, persisted alarm states are
restored (active alarms come back without being raised again), and the alarm engine observes
the scanner; its journal writer has its own thread (see engine/alarms/journal.py).

Live parts (for the API): ``stream`` (engine/stream.py) numbers tag changes, device states and
every journaled alarm row for the WebSocket clients; ``writes`` (engine/writes.py) does
select-before-operate field writes on the scanner's connections; configured ``notifications``
get each batch of journaled transitions (their own threads: never blocking the engine).

Daily production: the day closer (engine/production/closer.py) runs in the default executor
every ``production.interval_s``, closing each site-local day once the 1-hour rollups have
passed it, and the missed days at start (docs/production.md).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import psycopg

from domain.alarms.definitions import AlarmDef
from domain.alarms.state import AlarmState, Cause, Event, Transition
from domain.field import Field
from engine.alarms.engine import AlarmEngine
from engine.alarms.journal import AlarmJournal, JournalRow, load_snapshots
from engine.alarms.notify import Notifier, load_notifiers
from engine.alarms.registry import sync_alarm_registry
from engine.config.settings import EdgeSettings
from engine.health import build_report
from engine.historian.backend import StorageMonitor
from engine.historian.recent import RecentSamples
from engine.historian.writer import HistorianWriter
from engine.lvc import LastValueCache
from engine.scanner import Scanner
from engine.store import registry_cache
from engine.store.registry import sync_registry
from engine.store.roles import connect as engine_connect
from engine.store.roles import engine_database_url, role_status
from engine.store.urls import libpq_url, redact
from engine.stream import AlarmPublisher, Journaled, StreamHub, TagChangePublisher
from engine.writes import WriteService

if TYPE_CHECKING:
    from engine.production.closer import DayCloser

log = logging.getLogger(__name__)

HEALTH_INTERVAL_S = 2.0
PROBE_TIMEOUT_S = 3
WRITER_STOP_TIMEOUT_S = 30.0
RETENTION_INTERVAL_S = 3600.0
ALARM_TICK_S = 1.0


class EdgeEngine:
    def __init__(
        self,
        settings: EdgeSettings,
        field: Field,
        database_url: str,
        version: str,
        alarms: Sequence[AlarmDef] | None = None,
    ):
        """``alarms``: the field's alarm definitions; None reads them from the field file
        (``settings.field_path``), which the caller has already validated."""
        self.settings = settings
        self.field = field
        self._alarm_defs = alarms
        # Every engine connection acts as oilfield_engine (engine.store.roles), logging in as
        # OILFIELD_ENGINE_DATABASE_URL's dedicated user when set, else as the edge's own.
        self.database_url = libpq_url(engine_database_url(database_url))
        self.version = version
        self.started = time.monotonic()
        self.lvc: LastValueCache | None = None
        self.scanner: Scanner | None = None
        self.writer: HistorianWriter | None = None
        #: The last hour of samples in memory, for live trends (None when turned off)
        self.recent: RecentSamples | None = None
        self.alarms: AlarmEngine | None = None
        self.alarm_journal: AlarmJournal | None = None
        self.stream = StreamHub()
        self.writes: WriteService | None = None
        self.notifiers: list[Notifier] = []
        self._notify_error: str | None = None
        self._database_ok = False
        self._rollup_db_down = False
        self._rollups_tried = asyncio.Event()  # set after the first rollup pass, ok or not
        self.failed = False  # a long-lived task died: the process should exit non-zero
        self.production: DayCloser | None = None  # daily production close, once started
        self._production_error: str | None = None
        self.storage = StorageMonitor()  # historian backend; TimescaleDB job health

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

    def _load_alarm_defs(self) -> Sequence[AlarmDef]:
        if self._alarm_defs is None:
            from engine.config.field_loader import load_field_config

            self._alarm_defs = load_field_config(self.settings.field_path).alarms
        return self._alarm_defs

    def _start_alarms(self, tag_ids: dict[str, int]) -> AlarmEngine:
        """Alarm registry (cached like the tag registry for a start with the DB down), the
        journal writer, and the engine restored from the persisted states."""
        defs = self._load_alarm_defs()
        cache = self.settings.state_dir / "alarm_registry.json"
        restored: dict[int, dict[str, Any]] = {}
        try:
            alarm_ids = sync_alarm_registry(self.database_url, defs, tag_ids)
            registry_cache.save(cache, alarm_ids)
            restored = load_snapshots(self.database_url)
        except psycopg.Error as exc:
            cached = registry_cache.load(cache, {d.name for d in defs})
            if cached is None:
                raise
            log.warning("database unreachable: alarms start from the cached registry, "
                        "without their saved states", extra={"error": str(exc)})
            alarm_ids = cached
        self.alarm_journal = AlarmJournal(self.database_url)
        self.alarm_journal.start()
        devices = {d.name: [t.name for t in d.tags] for d in self.field.devices()}
        names = {aid: name for name, aid in alarm_ids.items()}
        by_name = {d.name: d for d in defs}
        sink = Journaled(self.alarm_journal, [
            AlarmPublisher(self.stream, names),
            lambda rows: self._notify(rows, names, by_name),
        ])
        engine = AlarmEngine(defs, alarm_ids, tag_ids, sink, devices=devices)
        n = engine.restore(restored)
        log.info("alarm engine started", extra={"alarms": len(defs), "restored": n})
        return engine

    def _load_notifiers(self) -> None:
        """Notification is secondary: a bad entry is logged and reported in the health file,
        and the engine scans without notifiers rather than not at all."""
        try:
            self.notifiers = load_notifiers(self.settings.notifications)
        except Exception as exc:
            self._notify_error = str(exc)
            log.error("alarm notifications disabled: bad configuration",
                      extra={"error": str(exc)})

    def _notify(
        self, rows: list[Any], names: dict[int, str], defs: dict[str, AlarmDef]
    ) -> None:
        """Journal listener: the batch as transitions, to every notifier (non-blocking)."""
        if not self.notifiers:
            return
        transitions = journal_transitions(rows, names)
        if not transitions:
            return
        for notifier in self.notifiers:
            try:
                notifier.notify(transitions, defs)
            except Exception:  # the contract says never; make sure
                log.exception("notifier %s failed", getattr(notifier, "name", notifier))

    def _close_notifiers(self) -> None:
        for notifier in self.notifiers:
            try:
                notifier.close(timeout_s=5.0)
            except Exception:
                log.exception("could not close notifier %s", notifier.name)

    def _current(self, tag_ids: dict[str, int]) -> Any:
        def current(name: str) -> tuple[float | None, str]:
            entry = self.lvc.get(tag_ids[name]) if self.lvc is not None else None
            if entry is None:
                return None, "NO_VALUE"
            value = None if entry.value != entry.value else entry.value
            return value, entry.quality.name

        return current

    # -- main --------------------------------------------------------------------------------
    async def run(self, stop: asyncio.Event) -> None:
        self.stream.bind()
        tag_ids = await self._tag_ids(stop)
        if tag_ids is None or stop.is_set():
            return
        self._load_notifiers()
        try:
            self.alarms = await asyncio.to_thread(self._start_alarms, tag_ids)
        except Exception:
            log.exception("alarm engine could not start; scanning without alarms")
        hist = self.settings.historian
        if hist.recent_minutes > 0:
            self.recent = RecentSamples(timedelta(minutes=hist.recent_minutes),
                                        hist.recent_max_rows)
        self.writer = HistorianWriter(
            self.database_url,
            self.settings.spill_dir,
            batch_rows=hist.batch_rows,
            flush_interval_s=hist.flush_interval_s,
            memory_limit_rows=hist.memory_limit_rows,
            spill_limit_bytes=hist.spill_limit_mb * 1024 * 1024,
            recent=self.recent,
        )
        self.writer.start()
        self.lvc = LastValueCache()
        self.scanner = Scanner(
            self.field, tag_ids, self.writer, self.lvc,
            # Stream first: a tag's change is numbered before the alarm it raises.
            observers=[TagChangePublisher(self.stream, tag_ids),
                       *([self.alarms] if self.alarms is not None else [])],
        )
        self.writes = WriteService(self.field, self.scanner, self._current(tag_ids),
                                   loop=asyncio.get_running_loop())
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
            asyncio.create_task(self._alarm_tick_loop(stop), name="alarm-tick"),
            asyncio.create_task(self._production_loop(stop, tag_ids), name="production"),
        ]
        for task in tasks:
            task.add_done_callback(lambda t: self._task_ended(t, stop))
        # Ends once done, so it is not one of the tasks that must run until stopped.
        tasks.append(asyncio.create_task(self._recent_preload(stop), name="recent-preload"))
        try:
            await stop.wait()
        finally:
            log.info("stopping: scanner first, then flushing the historian")
            await self.scanner.stop()
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            flushed = await asyncio.to_thread(self.writer.stop, WRITER_STOP_TIMEOUT_S)
            if self.alarm_journal is not None and not await asyncio.to_thread(
                self.alarm_journal.stop, WRITER_STOP_TIMEOUT_S
            ):
                log.error("alarm journal rows left unwritten at stop",
                          extra=self.alarm_journal.stats())
            await asyncio.to_thread(self._close_notifiers)
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

    async def _alarm_tick_loop(self, stop: asyncio.Event) -> None:
        """Shelf expiry, delays and flood windows move on even when no reading arrives."""
        while not await self._sleep(stop, ALARM_TICK_S):
            if self.alarms is not None:
                try:
                    self.alarms.tick()
                except Exception:
                    log.exception("alarm tick failed")

    async def _production_loop(self, stop: asyncio.Event, tag_ids: dict[str, int]) -> None:
        """Daily production (engine/production): once the first rollup pass has run (it runs at
        start), the days missed while the edge was off; then every ``production.interval_s``
        each day the 1-hour rollups have completed (shortly after midnight, site time). In a
        worker thread; errors are logged and the next round retries."""
        from engine.production.closer import DayCloser

        conf = self.settings.production
        if not conf.enabled:
            await stop.wait()  # a housekeeping task only ends with the engine
            return
        try:
            closer = DayCloser(self.database_url, self.field, tag_ids, self.settings.zone,
                               catchup_days=conf.catchup_days)
        except Exception as exc:  # never a reason to stop scanning
            self._production_error = f"{type(exc).__name__}: {exc}"[:300]
            log.exception("daily production close disabled: it could not start")
            await stop.wait()
            return
        self.production = closer
        # The first close waits for the first rollup pass (or an interval): before it, the days
        # missed while the edge was off all read "waiting for rollups".
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._rollups_tried.wait(), conf.interval_s)
        db_down = False
        while True:
            try:
                await asyncio.to_thread(closer.run_once, datetime.now(UTC))
                self._production_error, db_down = None, False
            except psycopg.OperationalError as exc:
                self._production_error = str(exc).splitlines()[0] if str(exc) else "database"
                if not db_down:  # once per outage
                    log.warning("production day close paused: database unreachable",
                                extra={"error": self._production_error})
                db_down = True
            except Exception as exc:
                self._production_error = f"{type(exc).__name__}: {exc}"[:300]
                log.exception("production day close failed; will retry")
            if await self._sleep(stop, conf.interval_s):
                return

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
            with engine_connect(self.database_url, connect_timeout=PROBE_TIMEOUT_S) as conn:
                conn.execute("SELECT 1")
                self.storage.check(conn)
            self._database_ok = True
        except psycopg.Error:
            self._database_ok = False

    async def _rollup_loop(self, stop: asyncio.Event) -> None:
        from engine.historian.rollups import RollupMaintainer

        maintainer = RollupMaintainer(self.database_url)
        while True:  # at once (what came in while the edge was off), then every interval
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
            self._rollups_tried.set()
            if await self._sleep(stop, self.settings.historian.rollup_interval_s):
                return

    async def _recent_preload(self, stop: asyncio.Event) -> None:
        """Load the hour before the start into the recent-samples cache, once the writer has
        replayed earlier spill files; until then live trends before the start read the
        database. Retried while the database is down; ends when done."""
        delay = 1.0
        while self.recent is not None and not self.recent.preloaded:
            writer = self.writer
            if writer is not None and not writer.spill_backlog:
                try:
                    await asyncio.to_thread(self._preload_once)
                    return
                except psycopg.Error as exc:
                    log.warning("recent samples not loaded yet (live trends before the start "
                                "read the database)",
                                extra={"error": str(exc).splitlines()[0], "retry_s": delay})
                    delay = min(delay * 2, 60.0)
                except Exception:
                    log.exception("recent samples: the preload failed; live trends from memory "
                                  "start at the engine's start")
                    self.recent.skip_preload()
                    return
            if await self._sleep(stop, delay):
                return

    def _preload_once(self) -> None:
        assert self.recent is not None
        with engine_connect(self.database_url, connect_timeout=5, autocommit=True) as conn:
            self.recent.preload(conn)

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
        from engine.historian.backend import maintain_storage
        from engine.historian.partitions import RetentionPolicy

        retention = self.settings.historian.retention
        policy = RetentionPolicy(
            raw_days=retention.raw_days,
            rollup_1m_days=retention.rollup_1m_days,
            rollup_10m_days=retention.rollup_10m_days,
            rollup_1h_days=retention.rollup_1h_days,
        )
        now = datetime.now(UTC)
        with engine_connect(
            self.database_url, autocommit=True, connect_timeout=PROBE_TIMEOUT_S
        ) as conn:
            maintain_storage(conn, now, policy)  # partitions natively; policies on TimescaleDB

    def health(self) -> dict[str, Any]:
        devices = self.scanner.device_status() if self.scanner else {}
        historian = {**(self.writer.stats() if self.writer else {}), **self.storage.section()}
        if self.recent is not None:
            historian["recent"] = self.recent.stats()
        alarms: dict[str, Any] = {}
        if self.alarms is not None:
            alarms = self.alarms.counts()
            if self.alarm_journal is not None:
                alarms["journal"] = self.alarm_journal.stats()
        connected = self._database_ok and bool(historian.get("db_connected", True))
        report = build_report(
            version=self.version,
            site=self.settings.site_name,
            uptime_s=time.monotonic() - self.started,
            database_connected=connected,
            database_url=redact(self.database_url),
            devices=devices,
            historian=historian,
            alarms=alarms,
            now_iso=datetime.now(UTC).isoformat(timespec="seconds"),
        )
        report["stream"] = self.stream.stats()
        # Whether the engine's connections run as oilfield_engine (least privilege) or, the
        # role missing, keep the login's privileges (also logged once).
        report["database_role"] = role_status()
        report["production"] = self.production_status()
        report["notifications"] = {
            "notifiers": [n.stats().to_dict() for n in self.notifiers],
            "error": self._notify_error,
        }
        return report

    def production_status(self) -> dict[str, Any]:
        """The daily production close for the health report: its last run and any error."""
        closer = self.production
        last = closer.last_report if closer is not None else None
        return {
            "enabled": self.settings.production.enabled,
            "wells": len(closer.wells) if closer is not None else 0,
            "last_run": last.as_dict() if last is not None else None,
            "error": self._production_error,
        }

    def _write_health(self, final: bool = False) -> None:
        report = self.health()
        if final:
            report["status"] = "stopped"
        write_json_atomic(self.settings.health_file, report)


def journal_transitions(rows: Sequence[Any], names: dict[int, str]) -> list[Transition]:
    """Journal rows as the ``Transition``s notifiers take (comments and system events are not
    transitions and are left out)."""
    out: list[Transition] = []
    for r in rows:
        if not isinstance(r, JournalRow):
            continue
        try:
            event, new_state = Event(r.event), AlarmState(r.new_state)
            out.append(Transition(
                ts=r.ts, alarm=names.get(r.alarm_id, str(r.alarm_id)),
                old_state=AlarmState(r.old_state), new_state=new_state, event=event,
                cause=Cause(r.cause),
                condition_active=new_state in _CONDITION_ACTIVE,
                value=r.value, limit=r.limit, user=r.username, comment=r.comment,
            ))
        except ValueError:  # an operator comment ("comment" is no Event)
            continue
    return out


_CONDITION_ACTIVE = frozenset({AlarmState.UNACK, AlarmState.ACKED, AlarmState.LATCHED})


def write_json_atomic(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=2, default=str), encoding="utf-8")
    os.replace(tmp, path)
