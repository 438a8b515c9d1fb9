"""The alarm journal writer: transitions, system events and state snapshots to PostgreSQL.

Own thread, not the event loop: a commit is a blocking round trip and the scan must never wait
for the database, yet rows must be committed within milliseconds of the sample that caused them
(p99 < 10 ms), which a thread woken by a condition variable does without the scheduling hop of
``asyncio.to_thread``. Everything pending when the thread wakes goes out in ONE transaction:
journal rows and system events in order, plus the newest state snapshot of each alarm touched,
so the journal and ``alarm_state`` never disagree after a crash.

Database down: rows stay in memory in order (up to ``max_pending``; beyond that new rows are
refused and counted as ``dropped`` in the health report) and are written, oldest first, when it
comes back. A row is only removed from memory after its transaction committed.

Only connectivity errors (``psycopg.OperationalError`` / ``InterfaceError``) mean "database
down". Any other error (``DataError``, ``IntegrityError``, ``ProgrammingError``..., or a row that
cannot even be encoded) means some row of the batch is poison: the batch is then written again
row by row (snapshots alarm by alarm), every good row is committed and each bad one is
quarantined: logged at error level with its content, counted as ``rejected_rows`` (which
degrades the health report) and kept among the last few in ``rejected_recent``. A poison row
never blocks the rows behind it.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import json
import logging
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import psycopg

from engine.store.roles import connect as engine_connect

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 3
RETRY_MIN_S, RETRY_MAX_S = 0.2, 5.0
REJECTED_KEPT = 20  # quarantined rows kept in memory for the health report

# The database (or the link to it) is unavailable: keep the rows and retry. Anything else is a
# verdict on the rows themselves.
CONNECTIVITY_ERRORS: tuple[type[psycopg.Error], ...] = (
    psycopg.OperationalError, psycopg.InterfaceError,
)


class _ConnectivityLost(Exception):
    """Raised out of the row-by-row pass when the database goes away in the middle of it."""


_RETRY_ERRORS: tuple[type[BaseException], ...] = (*CONNECTIVITY_ERRORS, _ConnectivityLost)


@dataclass(frozen=True, slots=True)
class JournalRow:
    """One ``alarm_journal`` row. ``arrived`` (perf_counter) is when the sample or request that
    caused it reached the engine: the start of the latency measured to the commit."""

    alarm_id: int
    ts: float
    area: str
    priority: int
    event: str
    cause: str
    old_state: str
    new_state: str
    annunciated: bool
    value: float | None
    limit: float | None
    username: str | None
    comment: str | None
    first_out: bool
    arrived: float = 0.0


@dataclass(frozen=True, slots=True)
class SystemEventRow:
    """One ``system_events`` row (e.g. an alarm flood starting in an area)."""

    ts: float
    kind: str
    area: str | None
    detail: Mapping[str, Any] = field(default_factory=dict)
    arrived: float = 0.0


Row = JournalRow | SystemEventRow

# One statement per table, rows as arrays (unnest keeps their order): a batch costs three
# round trips whatever its size, where executemany cost ~0.1 ms a row.
_INSERT_JOURNAL = """
INSERT INTO alarm_journal (ts, alarm_id, area, priority, event, cause, old_state, new_state,
    annunciated, value, limit_value, username, comment, first_out)
SELECT to_timestamp(ts), alarm_id, area, priority, event, cause, old_state, new_state,
    annunciated, value, limit_value, username, comment, first_out
FROM unnest(%s::float8[], %s::int[], %s::text[], %s::int2[], %s::text[], %s::text[],
    %s::text[], %s::text[], %s::bool[], %s::float8[], %s::float8[], %s::text[], %s::text[],
    %s::bool[]) WITH ORDINALITY
    AS r(ts, alarm_id, area, priority, event, cause, old_state, new_state, annunciated, value,
         limit_value, username, comment, first_out, n)
ORDER BY n
"""
_INSERT_EVENT = """
INSERT INTO system_events (ts, kind, area, detail)
SELECT to_timestamp(ts), kind, area, detail
FROM unnest(%s::float8[], %s::text[], %s::text[], %s::jsonb[]) WITH ORDINALITY
    AS r(ts, kind, area, detail, n)
ORDER BY n
"""
_UPSERT_STATE = """
INSERT INTO alarm_state (alarm_id, state, snapshot, updated_at)
SELECT alarm_id, state, snapshot, now()
FROM unnest(%s::int[], %s::text[], %s::jsonb[]) AS r(alarm_id, state, snapshot)
ON CONFLICT (alarm_id) DO UPDATE
    SET state = excluded.state, snapshot = excluded.snapshot, updated_at = excluded.updated_at
"""


def _nan_to_none(x: float | None) -> float | None:
    return None if x is None or x != x else x


class AlarmJournal:
    """Thread that commits what :meth:`submit` hands it; see the module docstring."""

    def __init__(
        self, url: str, *, max_pending: int = 200_000, latency_samples: int = 100_000
    ) -> None:
        self.url = url
        self.max_pending = max_pending
        self._cond = threading.Condition()
        self._pending: collections.deque[Row] = collections.deque()
        self._snaps: dict[int, tuple[str, dict[str, Any]]] = {}
        self._stopping = False
        self._stop_deadline = float("inf")
        self._thread: threading.Thread | None = None
        self._conn: psycopg.Connection[Any] | None = None
        self.latencies: collections.deque[float] = collections.deque(maxlen=latency_samples)
        self._written = 0
        self._events_written = 0
        self._dropped = 0
        self._batches = 0
        self._db_ok = True
        self._last_error: str | None = None
        self._rejected = 0
        self._rejected_recent: collections.deque[dict[str, Any]] = collections.deque(
            maxlen=REJECTED_KEPT
        )

    # -- producer side (any thread) ------------------------------------------------------------
    def submit(
        self, rows: Iterable[Row], snapshots: Mapping[int, tuple[str, dict[str, Any]]]
    ) -> None:
        """Queue rows (in order) and the alarms' newest snapshots; never blocks on the DB."""
        with self._cond:
            for row in rows:
                if len(self._pending) >= self.max_pending:
                    self._dropped += 1
                    continue
                self._pending.append(row)
            self._snaps.update(snapshots)
            self._cond.notify()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="alarm-journal", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> bool:
        """Write what is pending (trying until ``timeout``) and stop; True if nothing is left."""
        with self._cond:
            self._stopping = True
            self._stop_deadline = time.monotonic() + timeout
            self._cond.notify()
        if self._thread is not None:
            self._thread.join(timeout + 5.0)
        self._close()
        with self._cond:
            return not self._pending and not self._snaps

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until everything submitted so far is committed (tests, benches)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._pending or self._snaps:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(min(left, 0.05))
        return True

    def stats(self) -> dict[str, Any]:
        with self._cond:
            return {
                "db_connected": self._db_ok,
                "pending_rows": len(self._pending),
                "pending_snapshots": len(self._snaps),
                "written_rows": self._written,
                "written_events": self._events_written,
                "dropped_rows": self._dropped,
                "batches": self._batches,
                "last_error": self._last_error,
                "rejected_rows": self._rejected,
                "rejected_recent": list(self._rejected_recent),
            }

    # -- writer thread -------------------------------------------------------------------------
    def _run(self) -> None:
        delay = RETRY_MIN_S
        while True:
            with self._cond:
                while not (self._pending or self._snaps or self._stopping):
                    self._cond.wait()
                if not (self._pending or self._snaps):
                    return  # stopping, all written
                if self._stopping and time.monotonic() > self._stop_deadline:
                    return  # stopping with the database still down: give up, say so in stop()
                batch = list(self._pending)
                snaps = dict(self._snaps)
            try:
                try:
                    self._write(batch, snaps)
                except CONNECTIVITY_ERRORS:
                    raise
                except Exception as exc:  # a poison row, not an outage
                    log.warning("alarm journal: batch refused, writing it row by row",
                                extra={"error": _first_line(exc), "rows": len(batch),
                                       "snapshots": len(snaps)})
                    self._salvage(batch, snaps)
                else:
                    self._committed(batch, snaps)
            except _RETRY_ERRORS as exc:
                cause = exc.__cause__ if isinstance(exc, _ConnectivityLost) else exc
                self._failed(cause if isinstance(cause, psycopg.Error) else exc)
                with self._cond:
                    self._cond.wait(delay)  # a stop wakes us early to try once more
                delay = min(delay * 2, RETRY_MAX_S)
                continue
            delay = RETRY_MIN_S

    def _committed(
        self, batch: list[Row], snaps: Mapping[int, tuple[str, dict[str, Any]]],
        rejected: frozenset[int] = frozenset(),
    ) -> None:
        """``batch`` (the oldest pending rows) and ``snaps`` are done: drop them from memory.
        ``rejected``: positions in ``batch`` that were quarantined, not written."""
        done = time.perf_counter()
        with self._cond:
            for _ in range(len(batch)):
                self._pending.popleft()
            for k, v in snaps.items():
                if self._snaps.get(k) is v:
                    del self._snaps[k]
            written = [r for n, r in enumerate(batch) if n not in rejected]
            n_events = sum(1 for r in written if isinstance(r, SystemEventRow))
            self._written += len(written) - n_events
            self._events_written += n_events
            self._batches += 1
            if not self._db_ok:
                log.info("alarm journal: database back, backlog written",
                         extra={"rows": len(batch)})
            self._db_ok = True
            self._cond.notify_all()
        self.latencies.extend(
            done - r.arrived for r in written if isinstance(r, JournalRow) and r.arrived
        )

    def _salvage(
        self, batch: list[Row], snaps: Mapping[int, tuple[str, dict[str, Any]]]
    ) -> None:
        """The batch was refused for its content: write it again one row (one snapshot) per
        transaction, in order; quarantine what the database refuses. Progress is committed to
        memory as it goes, so a connectivity loss midway (``_ConnectivityLost``) neither loses
        nor duplicates a row."""
        for row in batch:
            try:
                self._write([row], {})
            except CONNECTIVITY_ERRORS as exc:
                raise _ConnectivityLost() from exc
            except Exception as exc:  # this row is the poison
                self._reject("alarm_journal" if isinstance(row, JournalRow) else
                             "system_events", _row_content(row), exc)
                self._committed([row], {}, frozenset({0}))
            else:
                self._committed([row], {})
        for aid, snap in snaps.items():
            one = {aid: snap}
            try:
                self._write([], one)
            except CONNECTIVITY_ERRORS as exc:
                raise _ConnectivityLost() from exc
            except Exception as exc:  # this snapshot is the poison
                self._reject("alarm_state", {"alarm_id": aid, "state": snap[0],
                                             "snapshot": snap[1]}, exc)
            with self._cond:
                if self._snaps.get(aid) is snap:
                    del self._snaps[aid]
                self._cond.notify_all()

    def _reject(self, table: str, content: dict[str, Any], exc: BaseException) -> None:
        error = _first_line(exc)
        entry = {"table": table, "error": error, "row": _printable(content),
                 "rejected_at": time.time()}
        with self._cond:
            self._rejected += 1
            self._rejected_recent.append(entry)
        log.error("alarm journal: row refused by the database, quarantined",
                  extra={"table": table, "error": error, "row": entry["row"]})

    def _connection(self) -> psycopg.Connection[Any]:
        if self._conn is None or self._conn.closed:
            self._conn = engine_connect(
                self.url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S
            )
        return self._conn

    def _write(self, batch: list[Row], snaps: Mapping[int, tuple[str, dict[str, Any]]]) -> None:
        journal = [
            (r.ts, r.alarm_id, r.area, r.priority, r.event, r.cause, r.old_state, r.new_state,
             r.annunciated, _nan_to_none(r.value), r.limit, r.username, r.comment, r.first_out)
            for r in batch
            if isinstance(r, JournalRow)
        ]
        events = [
            (r.ts, r.kind, r.area, json.dumps(dict(r.detail)))
            for r in batch
            if isinstance(r, SystemEventRow)
        ]
        states = [(aid, state, json.dumps(snap)) for aid, (state, snap) in snaps.items()]
        conn = self._connection()
        # Pipeline mode: BEGIN, the inserts and COMMIT go out together, one network round trip.
        with conn.pipeline(), conn.transaction(), conn.cursor() as cur:
            if journal:
                cur.execute(_INSERT_JOURNAL, [list(col) for col in zip(*journal, strict=True)])
            if events:
                cur.execute(_INSERT_EVENT, [list(col) for col in zip(*events, strict=True)])
            if states:
                cur.execute(_UPSERT_STATE, [list(col) for col in zip(*states, strict=True)])

    def _failed(self, exc: BaseException) -> None:
        with self._cond:
            first = self._db_ok
            self._db_ok = False
            self._last_error = _first_line(exc)
            pending = len(self._pending)
        if first:
            log.warning("alarm journal: database unreachable; keeping transitions in memory",
                        extra={"error": self._last_error, "pending": pending})
        self._close()

    def _close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(psycopg.Error):
                conn.close()


def _first_line(exc: BaseException) -> str:
    text = str(exc)
    return text.splitlines()[0] if text.strip() else type(exc).__name__


def _row_content(row: Row) -> dict[str, Any]:
    content = dataclasses.asdict(row)
    content.pop("arrived", None)
    if isinstance(row, SystemEventRow):
        content["detail"] = dict(row.detail)
    return content


def _printable(value: Any) -> Any:
    """The row as logged and reported: control characters escaped (a NUL cannot go into the
    log's JSON consumers or the health file as is)."""
    if isinstance(value, str):
        return value.encode("unicode_escape").decode("ascii") if not value.isprintable() \
            else value
    if isinstance(value, Mapping):
        return {str(k): _printable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_printable(v) for v in value]
    if isinstance(value, float) and value != value:
        return None
    return value


def load_snapshots(url: str) -> dict[int, dict[str, Any]]:
    """Every alarm's persisted state snapshot, by alarm id (for restore at start)."""
    with engine_connect(url, connect_timeout=CONNECT_TIMEOUT_S) as conn:
        rows = conn.execute("SELECT alarm_id, snapshot FROM alarm_state").fetchall()
    return {int(aid): dict(snap) for aid, snap in rows}
