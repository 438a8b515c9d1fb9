"""What the routers need from the rest of the edge process, as narrow protocols.

Why protocols rather than ``EdgeEngine``: a router depends only on what it reads (the LVC, the
scanner's device status, the alarm engine's operator methods), so tests can hand it a real
engine or just the real pieces (an ``LastValueCache`` and a database with history), and the
API does not care how the engine wires itself. The engine's parts appear only once its
registries are synced, so they are read through ``EngineView`` on every request and may be
``None`` (the routers answer 503 ``not_ready`` then).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from psycopg_pool import AsyncConnectionPool, ConnectionPool

from domain.field import Field
from edge_server.auth.service import AuthService
from engine.config.settings import ApiSettings
from engine.historian.query import CoverageGuess, Sample
from engine.historian.recent import TrendColumns
from engine.lvc import LastValue


class LastValues(Protocol):
    """The last-value cache as the API reads it (``engine.lvc.LastValueCache``)."""

    def get_many(self, tag_ids: Iterable[int]) -> dict[int, LastValue]: ...


class DeviceStatusSource(Protocol):
    """The scanner's per-device comms status (``engine.scanner.Scanner``)."""

    def device_status(self) -> dict[str, dict[str, Any]]: ...


class AlarmOperations(Protocol):
    """The alarm engine's views and operator actions (``engine.alarms.engine.AlarmEngine``).
    Actions raise ``UnknownAlarm``, ``AlarmOperationRefused`` subclasses or ``ValueError``."""

    def active(self) -> list[dict[str, Any]]: ...
    def suppressed(self) -> list[dict[str, Any]]: ...
    def alarm(self, name: str) -> dict[str, Any]: ...
    def counts(self) -> dict[str, Any]: ...
    def acknowledge(self, name: str, user: str, comment: str | None = None) -> list[Any]: ...
    def reset(self, name: str, user: str, comment: str | None = None) -> list[Any]: ...
    def shelve(self, name: str, user: str, reason: str, duration_s: float,
               one_shot: bool = False) -> list[Any]: ...
    def unshelve(self, name: str, user: str, comment: str | None = None) -> list[Any]: ...
    def remove_from_service(self, name: str, user: str, reason: str) -> list[Any]: ...
    def return_to_service(self, name: str, user: str,
                          comment: str | None = None) -> list[Any]: ...
    def comment(self, name: str, user: str, comment: str) -> list[Any]: ...


class EngineView(Protocol):
    """The running engine; parts are None until its registries are ready."""

    @property
    def field(self) -> Field: ...
    @property
    def lvc(self) -> LastValues | None: ...
    @property
    def scanner(self) -> DeviceStatusSource | None: ...
    @property
    def alarms(self) -> AlarmOperations | None: ...
    @property
    def recent(self) -> RecentTrends | None: ...
    def health(self) -> dict[str, Any]: ...


class RecentTrends(Protocol):
    """Live trends from the engine's memory (``engine.historian.recent.RecentSamples``)."""

    def trend_columns(self, tag_id: int, start: datetime, end: datetime,
                      buckets: int) -> TrendColumns | None: ...
    def prior(self, tag_id: int, start: datetime,
              lookback: timedelta) -> tuple[bool, Sample | None]: ...


class TagIds:
    """Tag name -> historian id, from the ``tags`` registry the engine syncs at start.

    Read from the database (not from the engine) so history stays readable for retired tags
    and before the engine is up; cached, and re-read at most every few seconds on a miss.
    """

    REFRESH_S = 5.0

    def __init__(self, pool: ConnectionPool) -> None:
        self._pool = pool
        self._lock = threading.Lock()
        self._ids: dict[str, int] = {}
        self._loaded_at = -1e9

    def _load(self) -> None:
        with self._pool.connection() as conn:
            rows = conn.execute("SELECT name, id FROM tags").fetchall()
        self._ids = {str(name): int(tag_id) for name, tag_id in rows}
        self._loaded_at = time.monotonic()

    def get(self, name: str) -> int | None:
        with self._lock:
            tag_id = self._ids.get(name)
            if tag_id is None and time.monotonic() - self._loaded_at > self.REFRESH_S:
                self._load()
                tag_id = self._ids.get(name)
            return tag_id

    def peek_many(self, names: Iterable[str]) -> Mapping[str, int] | None:
        """Like :meth:`many` without I/O or waiting (for the event loop): None when a name is
        missing and a re-read is due (then call :meth:`many` in a thread)."""
        ids = self._ids  # replaced whole by ``_load``, never mutated
        out = {n: ids[n] for n in names if n in ids}
        if len(out) < len(set(names)) and time.monotonic() - self._loaded_at > self.REFRESH_S:
            return None
        return out

    def many(self, names: Iterable[str]) -> Mapping[str, int]:
        wanted = list(names)
        with self._lock:
            if any(n not in self._ids for n in wanted) and \
                    time.monotonic() - self._loaded_at > self.REFRESH_S:
                self._load()
            return {n: self._ids[n] for n in wanted if n in self._ids}


@dataclass
class ApiContext:
    """Everything ``create_app`` needs. ``pool`` serves history, journal, KPI and registry
    reads (the auth service keeps its own small pool for logins and token checks). ``apool``,
    optional, serves trends on the event loop (``edge_server.api.server`` opens it with the
    server and closes it after; its connections autocommit, act as ``oilfield_app`` too and have
    the trend's ``work_mem``: ``edge_server.api.server.configure_trend_connection``);
    while it is None or not open, trends use ``pool`` in a worker thread."""

    auth: AuthService
    engine: EngineView
    pool: ConnectionPool
    settings: ApiSettings = field(default_factory=ApiSettings)
    version: str = "0.0.0"
    tls: bool = False  # served over TLS: adds Strict-Transport-Security
    apool: AsyncConnectionPool | None = None
    tag_ids: TagIds = field(init=False)
    #: The historian's last coverage, for ``query.trend_async`` to plan with (checked each time).
    trend_guess: CoverageGuess = field(init=False, default_factory=CoverageGuess)

    def __post_init__(self) -> None:
        self.tag_ids = TagIds(self.pool)
        self._hold: dict[str, float] | None = None

    def hold_s(self, name: str) -> float | None:
        """How long a stored value of tag ``name`` holds at most (its storage heartbeat,
        ``max_interval_s``); None for a name that is not a tag of this field (a retired tag
        whose history is still read)."""
        if self._hold is None:
            self._hold = {t.name: float(t.max_interval_s) for t in self.engine.field.tags()}
        return self._hold.get(name)
