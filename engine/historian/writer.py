"""HistorianWriter: the SampleSink that gets samples into PostgreSQL without losing them.

Why this shape:
- ``submit()`` runs on the scanner's event loop, so it only validates and appends numpy columns
  under a short lock; all I/O happens on one dedicated thread.
- Batches go in by binary COPY (``copy_encoder``): the fastest path PostgreSQL offers, and the
  encoding is vectorised so the client leaves the CPU to the server on a 2-core box.
- One duplicate (tag_id, ts) must not lose a batch, so a unique violation re-sends the batch
  through a temp staging table and ``INSERT ... ON CONFLICT DO NOTHING``.
- Store-and-forward: when the database is unreachable rows stay in memory up to
  ``memory_limit_rows``, then go to fsync'd spill files (``spill``) bounded by
  ``spill_limit_bytes`` (the oldest data is dropped and counted past that). Spill files are
  replayed, oldest first and idempotently (staging path), when the database answers again and
  on ``start()`` after a crash; each file is deleted only after its transaction committed.
- Late rows (older than the 1-minute rollup watermark) are recorded in
  ``historian.rollup_dirty`` in the same transaction as the rows, so rollups get recomputed.
- Backend (``engine.historian.backend``), detected on the first connection: natively the
  writer creates the daily partitions a batch needs before its COPY; on TimescaleDB
  ``historian.samples`` is a hypertable whose chunks the extension creates, so no partition
  DDL is issued (it would fail: the table is not partitioned). The TimescaleDB branch is only
  tested against plain PostgreSQL standing in for it (TimescaleDB is not installable here).

Running for months unattended shapes the failure handling:
- Nothing but ``stop()`` ends the thread: any unexpected error is logged, the connection is
  dropped and the loop carries on after a backoff. Every database error met while connecting
  (a read-only standby, a missing TEMP privilege) counts as "no database"; every file-system
  error (disk full, spill directory gone) is caught where it happens.
- The writer session has ``statement_timeout`` and ``lock_timeout``: a COPY stuck behind a lock
  (a DDL, a retention DROP) fails, is treated like a lost connection (rows kept, spilled past
  the memory limit), instead of holding memory and shutdown hostage.
- ``stop(timeout)`` never loses what it cannot commit in time: past the deadline the calling
  thread spills whatever is still in memory (under the spill directory's lock) and returns
  False. ``submit()``/``flush()`` do the same if the writer thread is ever found dead.
- Memory is bounded in rows, and a row costs ~22 bytes however it arrived: tiny submits are
  copied into shared preallocated tail arrays rather than kept as one numpy chunk each.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections import deque
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import psycopg
from psycopg import errors

from engine.historian.backend import TIMESCALEDB, Backend, detect
from engine.historian.copy_encoder import (
    UNIX_EPOCH,
    Columns,
    columns,
    concat,
    encode,
    us_to_datetime,
)
from engine.historian.partitions import RAW, PartitionCache, day_from_epoch_days
from engine.historian.recent import RecentSamples
from engine.historian.spill import SpillStore, read_file
from engine.historian.spill import file_size as _size
from engine.store.roles import connect as engine_connect
from engine.store.urls import libpq_url, redact

log = logging.getLogger(__name__)

COPY_SAMPLES = "COPY historian.samples (tag_id, ts, value, quality) FROM STDIN (FORMAT BINARY)"
COPY_STAGING = (
    "COPY pg_temp.historian_staging (tag_id, ts, value, quality) FROM STDIN (FORMAT BINARY)"
)
CREATE_STAGING = """
CREATE TEMP TABLE IF NOT EXISTS historian_staging (
    tag_id int4, ts timestamptz, value float8, quality int2
) ON COMMIT DELETE ROWS
"""
MERGE_STAGING = """
INSERT INTO historian.samples (tag_id, ts, value, quality)
SELECT tag_id, ts, value, quality FROM pg_temp.historian_staging
ON CONFLICT (tag_id, ts) DO NOTHING
"""
# FOR SHARE orders us against RollupMaintainer (which holds FOR UPDATE while it aggregates):
# either it sees our rows, or we see its new watermark and mark the range dirty.
MARK_LATE = """
INSERT INTO historian.rollup_dirty (range_start, range_end)
SELECT %(lo)s, least(%(hi)s, s.watermark)
FROM (SELECT watermark FROM historian.rollup_state WHERE tier = '1m' FOR SHARE) s
WHERE isfinite(s.watermark) AND s.watermark > %(lo)s
"""

# Storable range: partition names and Python dates stop at years 1..9999.
STORABLE_MIN_US = int((datetime(1, 1, 2, tzinfo=UTC) - UNIX_EPOCH) / timedelta(microseconds=1))
STORABLE_MAX_US = int(
    (datetime(9999, 12, 31, tzinfo=UTC) - UNIX_EPOCH) / timedelta(microseconds=1)
)
# Includes QueryCanceled (statement_timeout), LockNotAvailable (lock_timeout), DiskFull and
# AdminShutdown: all "the database cannot take rows right now", none a property of the rows.
_CONNECTION_LOST = (psycopg.OperationalError, psycopg.InterfaceError)
REPLAY_ATTEMPTS = 3  # a spill file the database refuses this often is quarantined
SPILL_LOCK_TIMEOUT_S = 5.0  # stop() gives up waiting for a writer thread stuck in the spill
_TAIL_ROWS = 4096  # submits smaller than this share preallocated arrays (~90 KB each)


class _Chunk:
    """Rows ``[start, end)`` of four column arrays of capacity ``cap``; only the last chunk of
    a buffer has spare capacity, and only its unused part is ever written: views handed out
    by ``view()`` stay valid while more rows are appended."""

    __slots__ = ("cap", "cols", "end", "start")

    def __init__(self, cols: Columns, end: int) -> None:
        self.cols = cols
        self.start = 0
        self.end = end
        self.cap = len(cols)

    @classmethod
    def empty(cls, cap: int) -> _Chunk:
        return cls(
            Columns(
                np.empty(cap, np.int32), np.empty(cap, np.int64),
                np.empty(cap, np.float64), np.empty(cap, np.int16),
            ),
            0,
        )

    def fill(self, src: Columns, i: int) -> int:
        """Copy rows of ``src`` from ``i`` into the spare capacity; returns how many fit."""
        k = min(self.cap - self.end, len(src) - i)
        a, b = self.end, self.end + k
        self.cols.tag_ids[a:b] = src.tag_ids[i : i + k]
        self.cols.ts_us[a:b] = src.ts_us[i : i + k]
        self.cols.values[a:b] = src.values[i : i + k]
        self.cols.qualities[a:b] = src.qualities[i : i + k]
        self.end = b
        return k

    def shrink(self) -> None:
        """Give back the spare capacity (a big submit follows: this tail won't grow again)."""
        a, b = self.start, self.end
        c = self.cols
        self.cols = Columns(
            c.tag_ids[a:b].copy(), c.ts_us[a:b].copy(), c.values[a:b].copy(),
            c.qualities[a:b].copy(),
        )
        self.start, self.end, self.cap = 0, b - a, b - a

    def view(self, max_rows: int) -> Columns:
        a = self.start
        b = min(self.end, a + max_rows)
        c = self.cols
        return c.take(slice(a, b))


class _RowBuffer:
    """FIFO of rows in column arrays, ~22 bytes a row whatever the submit sizes.

    Why: one numpy chunk per one-row submit costs ~760 bytes a row (four array headers and a
    dataclass), so a row-count limit of 2 M rows meant 1.5 GB. Small submits are copied into a
    shared tail of ``_TAIL_ROWS`` rows; big ones are kept as they are. Rows leave from the
    front one by one (``retire``), so a partially taken chunk is never lost. Not thread-safe:
    the writer's lock guards it.
    """

    def __init__(self) -> None:
        self._chunks: deque[_Chunk] = deque()
        self.rows = 0

    def append(self, cols: Columns) -> None:
        n = len(cols)
        tail = self._chunks[-1] if self._chunks else None
        if n >= _TAIL_ROWS:
            if tail is not None and tail.end < tail.cap:
                tail.shrink()
            self._chunks.append(_Chunk(cols, n))
        else:
            i = 0
            while i < n:
                if tail is None or tail.end >= tail.cap:
                    tail = _Chunk.empty(_TAIL_ROWS)
                    self._chunks.append(tail)
                i += tail.fill(cols, i)
        self.rows += n

    def peek(self, max_rows: int) -> Columns | None:
        """Up to ``max_rows`` rows from the front, not removed (views or one copy)."""
        parts: list[Columns] = []
        left = max_rows
        for chunk in self._chunks:
            if left <= 0:
                break
            part = chunk.view(left)
            parts.append(part)
            left -= len(part)
        return concat(parts) if parts else None

    def retire(self, rows: int) -> None:
        """Remove ``rows`` rows from the front."""
        self.rows -= rows
        while rows > 0:
            chunk = self._chunks[0]
            k = min(rows, chunk.end - chunk.start)
            chunk.start += k
            rows -= k
            if chunk.start >= chunk.end:
                self._chunks.popleft()

    def nbytes(self) -> int:
        """Bytes held by the column arrays (capacity, not just rows)."""
        return sum(c.cap * 22 for c in self._chunks)


class HistorianWriter:
    """Thread-backed, store-and-forward writer of samples into ``historian.samples``."""

    def __init__(
        self,
        url: str,
        spill_dir: str | Path,
        *,
        batch_rows: int = 50_000,
        flush_interval_s: float = 1.0,
        memory_limit_rows: int = 2_000_000,
        spill_limit_bytes: int = 1 << 30,
        connect_timeout_s: float = 3.0,
        backoff_max_s: float = 30.0,
        statement_timeout_s: float = 30.0,
        lock_timeout_s: float = 10.0,
        recent: RecentSamples | None = None,
    ) -> None:
        self.url = libpq_url(url)
        self.recent = recent  # handed every accepted batch, for live trends from memory
        self.batch_rows = batch_rows
        self.flush_interval_s = flush_interval_s
        self.memory_limit_rows = memory_limit_rows
        self.connect_timeout_s = connect_timeout_s
        self.backoff_max_s = backoff_max_s
        self.statement_timeout_s = statement_timeout_s
        self.lock_timeout_s = lock_timeout_s
        self._spill = SpillStore(Path(spill_dir), spill_limit_bytes)
        self._partitions = PartitionCache()
        self._backend: Backend | None = None  # detected on the first connection
        self._cond = threading.Condition()
        self._buf = _RowBuffer()
        self._epoch = 0  # bumped when a caller takes the buffer over (stop() past its deadline)
        self._submitted = 0  # rows accepted by submit(), ever
        self._done = 0  # rows, from the front, that are committed, spilled or dropped
        self._flush_target = 0
        self._stopping = False
        self._abandoned = False  # stop() returned before the thread ended
        self._thread: threading.Thread | None = None
        self._conn: psycopg.Connection | None = None
        self._backoff = 0.0
        self._next_attempt = 0.0
        self._spill_backoff = 0.0
        self._spill_retry_at = 0.0
        self._spill_broken = False  # the last spill write failed
        self._last_connect_error = ""
        self._dead_logged = False
        self._replay_failures: dict[str, tuple[int, float]] = {}  # name -> (attempts, retry at)
        self._spill_backlog = bool(self._spill.files())
        self._stats: dict[str, Any] = {
            "spilled_rows": 0,
            "dropped_rows": 0,
            "rejected_rows": 0,
            "quarantined_rows": 0,
            "corrupt_spill_bytes": 0,
            "duplicate_rows": 0,
            "written_rows": 0,
            "replayed_rows": 0,
            "writer_errors": 0,
            "last_error": None,
            "last_commit_at": None,
        }

    # ---- producer side -------------------------------------------------------------------

    def submit(
        self,
        tag_ids: Sequence[int] | npt.NDArray[np.integer],
        ts_us: Sequence[int] | npt.NDArray[np.integer],
        values: Sequence[float] | npt.NDArray[np.floating],
        qualities: Sequence[int] | npt.NDArray[np.integer],
    ) -> None:
        """Queue samples; O(len), never waits for I/O. Raises ValueError on malformed input.

        Exception: if the writer thread is found dead (it should never be), rows beyond
        ``memory_limit_rows`` are spilled right here, so memory stays bounded and nothing is
        lost; slow (fsync on the caller's thread), but better than unbounded growth.
        """
        cols = columns(tag_ids, ts_us, values, qualities)
        n = len(cols)
        if n == 0:
            return
        ok = (cols.ts_us >= STORABLE_MIN_US) & (cols.ts_us < STORABLE_MAX_US)
        rejected = 0
        if not ok.all():
            rejected = int(n - ok.sum())
            cols = cols.take(ok)
            log.error("historian: rejected %d samples with timestamps outside years 1-9999",
                      rejected)
        with self._cond:
            if self._stopping:
                raise RuntimeError("HistorianWriter is stopped")
            self._stats["rejected_rows"] += rejected
            if len(cols):
                self._buf.append(cols)
                self._submitted += len(cols)
                if self._buf.rows >= self.batch_rows:
                    self._cond.notify_all()
            over = self._buf.rows > self.memory_limit_rows
        if over and self._thread_dead():
            self._spill_from_caller("the historian writer thread is not running")
        if self.recent is not None and len(cols):
            try:
                self.recent.add(cols)
            except Exception:  # live trends fall back on the database; storing goes on
                log.exception("historian: the recent-samples cache refused a batch; live "
                              "trends read the database from now on")
                self.recent.disable()
                self.recent = None

    @property
    def spill_backlog(self) -> bool:
        """Spill files wait to be replayed (or the database has not answered yet)."""
        return self._spill_backlog or self._backend is None

    # ---- control -------------------------------------------------------------------------

    def start(self) -> None:
        """Start the writer thread; it first replays spill files left by a previous process."""
        if self._thread is not None:
            raise RuntimeError("already started")
        self._thread = threading.Thread(target=self._run, name="historian-writer", daemon=True)
        self._thread.start()

    def flush(self, timeout: float | None = None) -> bool:
        """Block until every row submitted so far is committed or spilled; False on timeout.

        Never hangs on a dead writer thread: it then spills from the calling thread.
        """
        thread = self._thread
        if thread is None:
            raise RuntimeError("flush() before start()")
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            target = self._submitted
            self._flush_target = max(self._flush_target, target)
            self._cond.notify_all()
            while self._done < target and thread.is_alive():
                remaining = 0.5 if deadline is None else deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._cond.wait(min(remaining, 0.5))
            if self._done >= target:
                return True
        self._spill_from_caller("flush(): the historian writer thread is not running")
        with self._cond:
            return self._done >= target

    def stop(self, timeout: float | None = None) -> bool:
        """Flush (commit, or spill if the database is away) and end the thread (SIGTERM path).

        Returns True when every row is committed or spilled and the thread has ended. Past
        ``timeout`` (a database stuck beyond its statement/lock timeouts, a hung network) the
        calling thread spills what is still in memory and returns False: the rows are on disk
        for the next start, the abandoned daemon thread dies with the process.
        """
        with self._cond:
            self._stopping = True
            self._flush_target = self._submitted
            self._cond.notify_all()
        if self._thread is None:
            ok = self._spill_from_caller("stop() before start()")
            self._spill.close()
            return ok
        self._thread.join(timeout)
        if self._thread.is_alive():
            self._abandoned = True
            self._note_error(f"stop(): writer still busy after {timeout} s")
            self._spill_from_caller(f"stop() deadline of {timeout} s passed")
            if not self._thread.is_alive():
                self._spill.close()
            return False
        ok = self._spill_from_caller("the historian writer thread ended with rows in memory")
        self._spill.close()
        return ok

    def stats(self) -> dict[str, Any]:
        with self._cond:
            out = dict(self._stats)
            out["buffered_rows"] = self._buf.rows
            out["buffered_bytes"] = self._buf.nbytes()
            out["submitted_rows"] = self._submitted
        files = self._spill.files()
        out["spill_files"] = len(files)
        out["spilled_bytes"] = sum(_size(p) for p in files)
        rejected = self._spill.rejected_files()
        out["rejected_files"] = len(rejected)
        out["rejected_bytes"] = sum(_size(p) for p in rejected)
        out["db_connected"] = self._conn is not None
        out["writer_alive"] = self._thread is not None and self._thread.is_alive()
        return out

    def _thread_dead(self) -> bool:
        return self._thread is not None and not self._thread.is_alive()

    def _spill_from_caller(self, why: str) -> bool:
        """Spill every row still in memory from the calling thread; True if none was lost.

        The buffer is taken over whole (a new epoch): if the writer thread is merely stuck and
        later commits the batch it was holding, it will not retire rows it no longer owns, and
        the rows it committed are also in the spill, which replays idempotently.
        """
        with self._cond:
            buf, self._buf = self._buf, _RowBuffer()
            self._epoch += 1
            rows = buf.rows
        if not rows:
            return True
        log.error("historian: %s; spilling %d rows from the calling thread", why, rows)
        saved = dropped = 0
        if self._spill.lock.acquire(timeout=SPILL_LOCK_TIMEOUT_S):
            try:
                while (batch := buf.peek(self.batch_rows)) is not None:
                    dropped += self._spill.append(batch)
                    buf.retire(len(batch))
                    saved += len(batch)
                self._spill.seal()
            except OSError as exc:
                log.error("historian: spill from the calling thread failed: %s", exc)
            finally:
                self._spill.lock.release()
        else:
            log.error("historian: spill directory busy for %.0f s", SPILL_LOCK_TIMEOUT_S)
        lost = rows - saved
        with self._cond:
            self._done += rows
            self._stats["spilled_rows"] += saved
            self._stats["dropped_rows"] += dropped + lost
            if lost:
                self._stats["last_error"] = f"{why}: {lost} rows could not be spilled"
                log.error("historian: %d rows LOST (%s)", lost, why)
            self._cond.notify_all()
        self._spill_backlog = True
        return lost == 0

    # ---- writer thread ---------------------------------------------------------------------

    def _run(self) -> None:
        """Supervise ``_iteration``: only stop() ends this loop, never an error."""
        failures = 0
        try:
            while True:
                try:
                    if self._iteration():
                        return
                    failures = 0
                except Exception as exc:  # a bug or an unforeseen error: log, back off, go on
                    failures += 1
                    log.exception("historian writer: unexpected error (%d in a row)", failures)
                    self._count("writer_errors", 1)
                    self._note_error(f"writer error: {exc!r}")
                    self._close_conn()
                    pause = min(self.backoff_max_s, 0.2 * 2 ** min(failures, 8))
                    self._next_attempt = time.monotonic() + pause
                    with self._cond:
                        if self._stopping and failures >= 3:
                            log.error("historian writer: giving up while stopping")
                            return  # stop() spills what is left from its own thread
                        self._cond.wait(pause)
        finally:
            self._close_conn()
            with self._cond:
                self._cond.notify_all()  # flush() waiters re-check that we are alive
            if self._abandoned:
                self._spill.close()

    def _iteration(self) -> bool:
        """One round of work; True when stopping and nothing more can be done."""
        stopping, flushing = self._wait_for_work()
        if self._conn is None and time.monotonic() >= self._next_attempt:
            self._connect()
        if self._conn is not None:
            self._write_pending()
            if not stopping and self._conn is not None and self._spill_backlog:
                self._replay_one_file()
        # Disconnected: spill what exceeds memory (everything when asked to flush).
        force = self._conn is None and (stopping or flushing)
        self._spill_overflow(force=force)
        with self._cond:
            if stopping and self._buf.rows == 0:
                return True
        # Neither the database nor the disk takes rows: stop() spills (or counts) the rest.
        return stopping and self._spill_broken

    def _wait_for_work(self) -> tuple[bool, bool]:
        """Sleep until there is something this thread can actually do.

        Without a connection, a full batch is not work (nothing can be sent until the next
        reconnect attempt), nor is a spill while the disk is in its retry backoff: counting
        them made the loop spin a core for the whole outage.
        """
        deadline = time.monotonic() + self.flush_interval_s
        with self._cond:
            while True:
                now = time.monotonic()
                flushing = self._flush_target > self._done
                pending = self._buf.rows
                if self._stopping:
                    break
                wake = deadline
                if self._conn is not None:
                    if flushing or pending >= min(self.batch_rows, self.memory_limit_rows + 1):
                        break
                else:
                    spill_due = now >= self._spill_retry_at
                    if spill_due and (pending > self.memory_limit_rows or (flushing and pending)):
                        break
                    if pending or self._spill_backlog or flushing:
                        if now >= self._next_attempt:
                            break
                        wake = min(wake, self._next_attempt)
                    else:
                        wake = min(wake, now + 0.5)
                    if not spill_due:
                        wake = min(wake, self._spill_retry_at)
                remaining = wake - now
                if remaining <= 0:
                    break
                self._cond.wait(remaining)
            return self._stopping, self._flush_target > self._done

    def _connect(self) -> None:
        conn: psycopg.Connection | None = None
        try:
            conn = engine_connect(  # acts as oilfield_engine (engine.store.roles)
                self.url,
                autocommit=True,
                connect_timeout=max(1, round(self.connect_timeout_s)),
                keepalives=1,
                keepalives_idle=5,
                keepalives_interval=2,
                keepalives_count=3,
                tcp_user_timeout=10_000,
                application_name="oilfield-historian-writer",
            )
            conn.execute("SET TimeZone = 'UTC'")
            conn.execute(f"SET statement_timeout = {round(self.statement_timeout_s * 1000)}")
            conn.execute(f"SET lock_timeout = {round(self.lock_timeout_s * 1000)}")
            conn.execute(CREATE_STAGING)
            if self._backend is None:
                self._backend = detect(conn)
                log.info("historian writer: %s backend", self._backend)
        except psycopg.Error as exc:
            # Not only a refused connection: a read-only standby or a missing TEMP privilege
            # fails here too. Either way there is no usable database: keep rows, back off.
            if conn is not None:
                with contextlib.suppress(Exception):
                    conn.close()
            self._schedule_reconnect()
            message = f"connect to {redact(self.url)} failed: {exc}"
            self._note_error(message)
            if message != self._last_connect_error:
                log.warning("historian writer: %s", message)
                self._last_connect_error = message
            return
        log.info("historian writer connected to %s", redact(self.url))
        self._last_connect_error = ""
        self._conn = conn
        self._backoff = 0.0
        self._partitions.forget()
        self._spill.seal()  # whatever was spilled while away becomes replayable
        self._spill_backlog = bool(self._spill.files())

    def _schedule_reconnect(self) -> None:
        self._backoff = min(self.backoff_max_s, max(0.2, self._backoff * 2))
        self._next_attempt = time.monotonic() + self._backoff

    def _lost(self, exc: BaseException) -> None:
        self._note_error(f"database connection lost: {exc}")
        log.warning("historian writer lost the database: %s", exc)
        self._close_conn()
        self._schedule_reconnect()

    def _close_conn(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):  # a dead socket: nothing left to save
                self._conn.close()
        self._conn = None

    def _note_error(self, message: str) -> None:
        with self._cond:
            self._stats["last_error"] = message

    def _spill_failed(self, exc: OSError) -> None:
        """The disk refused a spill: report it and retry later, not in a tight loop."""
        self._spill_broken = True
        self._spill_backoff = min(self.backoff_max_s, max(0.2, self._spill_backoff * 2))
        self._spill_retry_at = time.monotonic() + self._spill_backoff
        self._note_error(f"spill write failed: {exc}")
        log.error("historian spill write failed: %s", exc)

    def _spill_ok(self) -> None:
        self._spill_broken = False
        self._spill_backoff = 0.0
        self._spill_retry_at = 0.0

    def _take_front(self, max_rows: int) -> tuple[Columns | None, int]:
        """Peek rows from the front (not removed until committed or spilled), with the epoch."""
        with self._cond:
            return self._buf.peek(max_rows), self._epoch

    def _retire_front(self, rows: int, epoch: int, *, stat: str, count: int) -> None:
        """Drop ``rows`` front rows once durable; wake flush() waiters.

        If a caller took the buffer over meanwhile (``epoch`` changed) those rows are not ours
        any more: only the statistic is recorded.
        """
        with self._cond:
            self._stats[stat] += count
            if epoch != self._epoch:
                return
            self._buf.retire(rows)
            self._done += rows
            self._cond.notify_all()

    def _write_pending(self) -> None:
        while self._conn is not None:
            batch, epoch = self._take_front(self.batch_rows)
            if batch is None:
                return
            try:
                inserted, duplicates = self._copy_rows(batch)
            except _CONNECTION_LOST as exc:
                self._lost(exc)
                return
            except psycopg.Error as exc:
                # Not a connection problem and not a duplicate: park it on disk instead of
                # retrying forever; the replay path retries it with backoff, then quarantines.
                log.error("historian: batch of %d rows rejected (%s); spilling it", len(batch), exc)
                self._note_error(f"batch rejected: {exc}")
                if not self._park(batch, epoch):
                    return
                continue
            self._retire_front(len(batch), epoch, stat="written_rows", count=inserted)
            self._count("duplicate_rows", duplicates)

    def _park(self, batch: Columns, epoch: int) -> bool:
        """Spill a rejected batch into a file of its own, sealed so replay retries it soon."""
        try:
            dropped = self._spill.append(batch)
            self._spill.seal()
        except OSError as exc:
            # Cannot park it either: keep it in memory and back off as if the database were
            # away (memory stays bounded by the spill/drop logic of the disconnected state).
            self._spill_failed(exc)
            self._close_conn()
            self._schedule_reconnect()
            return False
        self._spill_ok()
        self._spill_backlog = True
        self._retire_front(len(batch), epoch, stat="spilled_rows", count=len(batch))
        self._count("dropped_rows", dropped)
        return True

    def _count(self, stat: str, n: int) -> None:
        if n:
            with self._cond:
                self._stats[stat] += n

    def _ensure_partitions(self, days: Sequence[int]) -> None:
        assert self._conn is not None
        if self._backend == TIMESCALEDB:
            return  # a hypertable: TimescaleDB creates its chunks, no partition DDL here
        self._partitions.ensure_days(self._conn, RAW, (day_from_epoch_days(d) for d in days))

    def _copy_rows(self, batch: Columns) -> tuple[int, int]:
        """COPY one batch; returns (inserted, skipped duplicates)."""
        days = [int(d) for d in batch.days()]
        lo, hi = int(batch.ts_us.min()), int(batch.ts_us.max())
        payload = encode(batch)
        return self._copy_payloads([(payload, len(batch), lo, hi, days)], direct=True)

    def _copy_payloads(
        self, items: list[tuple[bytes, int, int, int, list[int]]], *, direct: bool
    ) -> tuple[int, int]:
        """COPY payloads in one transaction: straight in if ``direct``, else via staging."""
        conn = self._conn
        assert conn is not None
        all_days = sorted({d for item in items for d in item[4]})
        for attempt in range(2):
            self._ensure_partitions(all_days)
            try:
                return self._copy_once(conn, items, direct=direct)
            except errors.UniqueViolation:
                direct = False  # a duplicate: the staging path keeps the rest of the batch
            except errors.CheckViolation:
                if attempt:
                    raise
                self._partitions.forget()  # a partition vanished (retention): recreate
        return self._copy_once(conn, items, direct=False)

    def _copy_once(
        self,
        conn: psycopg.Connection,
        items: list[tuple[bytes, int, int, int, list[int]]],
        *,
        direct: bool,
    ) -> tuple[int, int]:
        inserted = 0
        total = 0
        with conn.transaction(), conn.cursor() as cur:
            for payload, rows, lo, hi, _days in items:
                total += rows
                with cur.copy(COPY_SAMPLES if direct else COPY_STAGING) as copy:
                    copy.write(payload)
                if direct:
                    inserted += rows
                else:
                    cur.execute(MERGE_STAGING)
                    inserted += max(cur.rowcount, 0)
                    cur.execute("TRUNCATE pg_temp.historian_staging")
                cur.execute(MARK_LATE, {"lo": us_to_datetime(lo), "hi": us_to_datetime(hi)})
        with self._cond:
            self._stats["last_commit_at"] = datetime.now(UTC)
        return inserted, total - inserted

    def _replay_one_file(self) -> None:
        """Replay the oldest sealed spill file that is not waiting out a retry backoff."""
        files = self._spill.sealed_files()
        if not files:
            self._spill_backlog = False
            return
        if len(self._replay_failures) > len(files):  # forget files the spill bound dropped
            names = {p.name for p in files}
            self._replay_failures = {
                k: v for k, v in self._replay_failures.items() if k in names
            }
        now = time.monotonic()
        due = [p for p in files if self._replay_failures.get(p.name, (0, 0.0))[1] <= now]
        if not due:
            return
        path = due[0]
        try:
            read = read_file(path)
        except FileNotFoundError:
            return  # dropped by the spill bound meanwhile (already counted)
        except OSError as exc:
            self._replay_failed(path, exc, 0, 0)
            return
        rows = sum(r.rows for r in read.records)
        if not read.records:
            self._remove_replayed(path, read.bad_bytes)
            return
        items = [
            (r.copy_payload, r.rows, r.ts_min_us, r.ts_max_us, list(r.days))
            for r in read.records
        ]
        try:
            inserted, duplicates = self._copy_payloads(items, direct=False)
        except _CONNECTION_LOST as exc:
            self._lost(exc)
            return
        except psycopg.Error as exc:
            self._replay_failed(path, exc, rows, read.bad_bytes)
            return
        # Counted before the file goes, so whoever sees it gone also sees its rows counted.
        self._count("replayed_rows", inserted)
        self._count("written_rows", inserted)
        self._count("duplicate_rows", duplicates)
        self._remove_replayed(path, read.bad_bytes)  # only after the commit: a crash replays
        log.info("historian replayed spill file %s: %d rows (%d already present)",
                 path.name, inserted, duplicates)

    def _remove_replayed(self, path: Path, bad_bytes: int) -> None:
        try:
            self._spill.remove(path)
        except OSError as exc:  # it will be replayed again, idempotently
            self._note_error(f"cannot delete replayed spill file {path.name}: {exc}")
            log.error("historian: cannot delete replayed spill file %s: %s", path.name, exc)
            self._replay_failures[path.name] = (0, time.monotonic() + self.backoff_max_s)
            return
        self._replay_failures.pop(path.name, None)
        if bad_bytes:
            self._count("corrupt_spill_bytes", bad_bytes)
            self._note_error(f"spill file {path.name}: {bad_bytes} corrupt bytes discarded")

    def _replay_failed(self, path: Path, exc: Exception, rows: int, bad_bytes: int) -> None:
        """Retry a refused file a few times with backoff (the cause may be transient: a
        partition being dropped, a privilege being fixed), then quarantine it."""
        attempts = self._replay_failures.get(path.name, (0, 0.0))[0] + 1
        if attempts < REPLAY_ATTEMPTS:
            delay = min(self.backoff_max_s, 2.0 ** (attempts - 1))
            self._replay_failures[path.name] = (attempts, time.monotonic() + delay)
            log.warning("historian: replay of %s failed (attempt %d of %d, retry in %.1f s): %s",
                        path.name, attempts, REPLAY_ATTEMPTS, delay, exc)
            self._note_error(f"spill replay failed: {exc}")
            return
        try:
            bad = self._spill.quarantine(path)
        except OSError as exc2:
            self._replay_failures[path.name] = (attempts, time.monotonic() + self.backoff_max_s)
            log.error("historian: cannot quarantine %s (%s); will retry", path.name, exc2)
            self._note_error(f"cannot quarantine {path.name}: {exc2}")
            return
        self._replay_failures.pop(path.name, None)
        self._count("quarantined_rows", rows)
        self._count("corrupt_spill_bytes", bad_bytes)
        log.error("historian: spill file %s cannot be replayed (%s) after %d attempts; kept as "
                  "%s (rename it back to .spill to retry)", path.name, exc, attempts, bad.name)
        self._note_error(f"spill replay rejected: {exc}")

    def _drop_front_beyond(self, cap: int) -> None:
        """Last resort when neither the database nor the disk takes rows: drop the oldest."""
        with self._cond:
            rows = self._buf.rows - cap
            epoch = self._epoch
        if rows > 0:
            self._retire_front(rows, epoch, stat="dropped_rows", count=rows)
            log.error("historian: dropped %d oldest rows (no database, spill failing)", rows)

    def _spill_overflow(self, *, force: bool) -> None:
        """Move the oldest rows to disk while memory is over its limit (or all, if forced)."""
        if time.monotonic() < self._spill_retry_at:
            self._drop_front_beyond(2 * self.memory_limit_rows)
            return
        while True:
            with self._cond:
                over = self._buf.rows - (0 if force else self.memory_limit_rows)
            if over <= 0:
                return
            batch, epoch = self._take_front(min(self.batch_rows, over))
            if batch is None:
                return
            try:
                dropped = self._spill.append(batch)
            except OSError as exc:  # disk full or gone: keep memory bounded, loudly
                self._spill_failed(exc)
                self._drop_front_beyond(2 * self.memory_limit_rows)
                return
            self._spill_ok()
            self._spill_backlog = True
            self._retire_front(len(batch), epoch, stat="spilled_rows", count=len(batch))
            if dropped:
                self._count("dropped_rows", dropped)
                self._note_error(f"spill limit reached: dropped {dropped} oldest rows")
