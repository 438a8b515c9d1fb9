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

from engine.historian.copy_encoder import Columns, columns, concat, encode
from engine.historian.partitions import RAW, PartitionCache, day_from_epoch_days
from engine.historian.spill import SpillRecord, SpillStore, read_records
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

_UNIX_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# Storable range: partition names and Python dates stop at years 1..9999.
STORABLE_MIN_US = int((datetime(1, 1, 2, tzinfo=UTC) - _UNIX_EPOCH) / timedelta(microseconds=1))
STORABLE_MAX_US = int(
    (datetime(9999, 12, 31, tzinfo=UTC) - _UNIX_EPOCH) / timedelta(microseconds=1)
)
_CONNECTION_LOST = (psycopg.OperationalError, psycopg.InterfaceError)


def us_to_datetime(us: int) -> datetime:
    return _UNIX_EPOCH + timedelta(microseconds=us)


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
    ) -> None:
        self.url = libpq_url(url)
        self.batch_rows = batch_rows
        self.flush_interval_s = flush_interval_s
        self.memory_limit_rows = memory_limit_rows
        self.connect_timeout_s = connect_timeout_s
        self.backoff_max_s = backoff_max_s
        self._spill = SpillStore(Path(spill_dir), spill_limit_bytes)
        self._partitions = PartitionCache()
        self._cond = threading.Condition()
        self._pending: deque[Columns] = deque()
        self._pending_rows = 0
        self._submitted = 0  # rows accepted by submit(), ever
        self._done = 0  # rows, from the front, that are committed, spilled or dropped
        self._flush_target = 0
        self._stopping = False
        self._thread: threading.Thread | None = None
        self._conn: psycopg.Connection | None = None
        self._backoff = 0.0
        self._next_attempt = 0.0
        self._spill_backlog = bool(self._spill.files())
        self._stats: dict[str, Any] = {
            "spilled_rows": 0,
            "dropped_rows": 0,
            "rejected_rows": 0,
            "duplicate_rows": 0,
            "written_rows": 0,
            "replayed_rows": 0,
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
        """Queue samples; O(len), never waits for I/O. Raises ValueError on malformed input."""
        cols = columns(tag_ids, ts_us, values, qualities)
        n = len(cols)
        if n == 0:
            return
        ok = (cols.ts_us >= STORABLE_MIN_US) & (cols.ts_us < STORABLE_MAX_US)
        rejected = 0
        if not ok.all():
            rejected = int(n - ok.sum())
            cols = Columns(cols.tag_ids[ok], cols.ts_us[ok], cols.values[ok], cols.qualities[ok])
            log.error("historian: rejected %d samples with timestamps outside years 1-9999",
                      rejected)
        with self._cond:
            if self._stopping:
                raise RuntimeError("HistorianWriter is stopped")
            self._stats["rejected_rows"] += rejected
            if len(cols):
                self._pending.append(cols)
                self._pending_rows += len(cols)
                self._submitted += len(cols)
                if self._pending_rows >= self.batch_rows:
                    self._cond.notify_all()

    # ---- control -------------------------------------------------------------------------

    def start(self) -> None:
        """Start the writer thread; it first replays spill files left by a previous process."""
        if self._thread is not None:
            raise RuntimeError("already started")
        self._thread = threading.Thread(target=self._run, name="historian-writer", daemon=True)
        self._thread.start()

    def flush(self, timeout: float | None = None) -> bool:
        """Block until every row submitted so far is committed or spilled; False on timeout."""
        if self._thread is None:
            raise RuntimeError("flush() before start()")
        with self._cond:
            target = self._submitted
            self._flush_target = max(self._flush_target, target)
            self._cond.notify_all()
            return self._cond.wait_for(lambda: self._done >= target, timeout)

    def stop(self, timeout: float | None = None) -> bool:
        """Flush (commit, or spill if the database is away) and end the thread (SIGTERM path)."""
        with self._cond:
            self._stopping = True
            self._flush_target = self._submitted
            self._cond.notify_all()
        if self._thread is None:
            self._spill.close()
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def stats(self) -> dict[str, Any]:
        with self._cond:
            out = dict(self._stats)
            out["buffered_rows"] = self._pending_rows
        files = self._spill.files()
        out["spill_files"] = len(files)
        out["spilled_bytes"] = sum(_size(p) for p in files)
        out["db_connected"] = self._conn is not None
        return out

    # ---- writer thread ---------------------------------------------------------------------

    def _run(self) -> None:
        try:
            while True:
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
                    if stopping and self._pending_rows == 0:
                        return
        except Exception:  # never die silently: the edge must keep reporting
            log.exception("historian writer thread crashed")
            self._note_error("writer thread crashed (see log)")
            raise
        finally:
            self._close_conn()
            self._spill.close()

    def _wait_for_work(self) -> tuple[bool, bool]:
        deadline = time.monotonic() + self.flush_interval_s
        with self._cond:
            while True:
                flushing = self._flush_target > self._done
                if (
                    self._stopping
                    or flushing
                    or self._pending_rows >= self.batch_rows
                    or self._pending_rows > self.memory_limit_rows
                ):
                    break
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                if self._conn is None and self._pending_rows == 0 and not self._spill_backlog:
                    remaining = min(remaining, 0.5)
                self._cond.wait(remaining)
            return self._stopping, self._flush_target > self._done

    def _connect(self) -> None:
        try:
            conn = psycopg.connect(
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
            conn.execute(CREATE_STAGING)
        except _CONNECTION_LOST as exc:
            self._backoff = min(self.backoff_max_s, max(0.2, self._backoff * 2))
            self._next_attempt = time.monotonic() + self._backoff
            self._note_error(f"connect to {redact(self.url)} failed: {exc}")
            return
        log.info("historian writer connected to %s", redact(self.url))
        self._conn = conn
        self._backoff = 0.0
        self._partitions.forget()
        self._spill.seal()  # whatever was spilled while away becomes replayable
        self._spill_backlog = bool(self._spill.files())

    def _lost(self, exc: BaseException) -> None:
        self._note_error(f"database connection lost: {exc}")
        log.warning("historian writer lost the database: %s", exc)
        self._close_conn()
        self._backoff = min(self.backoff_max_s, max(0.2, self._backoff * 2))
        self._next_attempt = time.monotonic() + self._backoff

    def _close_conn(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):  # a dead socket: nothing left to save
                self._conn.close()
        self._conn = None

    def _note_error(self, message: str) -> None:
        with self._cond:
            self._stats["last_error"] = message

    def _take_front(self, max_rows: int) -> Columns | None:
        """Peek whole chunks from the front (not removed until committed or spilled)."""
        with self._cond:
            parts: list[Columns] = []
            rows = 0
            for chunk in self._pending:
                if rows >= max_rows:
                    break
                parts.append(chunk)
                rows += len(chunk)
        return concat(parts) if parts else None

    def _retire_front(self, rows: int, *, stat: str, count: int) -> None:
        """Drop ``rows`` rows' worth of front chunks once durable; wake flush() waiters."""
        with self._cond:
            left = rows
            while left > 0:
                left -= len(self._pending.popleft())
            self._pending_rows -= rows
            self._done += rows
            self._stats[stat] += count
            self._cond.notify_all()

    def _write_pending(self) -> None:
        while self._conn is not None:
            batch = self._take_front(self.batch_rows)
            if batch is None:
                return
            try:
                inserted, duplicates = self._copy_rows(batch)
            except _CONNECTION_LOST as exc:
                self._lost(exc)
                return
            except psycopg.Error as exc:
                # Not a connection problem and not a duplicate: park it on disk instead of
                # retrying forever; the replay path will retry it and quarantine if it fails.
                log.error("historian: batch of %d rows rejected (%s); spilling it", len(batch), exc)
                self._note_error(f"batch rejected: {exc}")
                dropped = self._spill.append(batch)
                self._spill_backlog = True
                self._retire_front(len(batch), stat="spilled_rows", count=len(batch))
                self._count("dropped_rows", dropped)
                continue
            self._retire_front(len(batch), stat="written_rows", count=inserted)
            self._count("duplicate_rows", duplicates)

    def _count(self, stat: str, n: int) -> None:
        if n:
            with self._cond:
                self._stats[stat] += n

    def _ensure_partitions(self, days: Sequence[int]) -> None:
        assert self._conn is not None
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
        files = self._spill.sealed_files()
        if not files:
            self._spill_backlog = False
            return
        path = files[0]
        records: list[SpillRecord] = read_records(path)
        if not records:
            self._spill.remove(path)
            return
        items = [
            (r.copy_payload, r.rows, r.ts_min_us, r.ts_max_us, list(r.days)) for r in records
        ]
        try:
            inserted, duplicates = self._copy_payloads(items, direct=False)
        except _CONNECTION_LOST as exc:
            self._lost(exc)
            return
        except psycopg.Error as exc:
            bad = path.with_suffix(".rejected")
            path.rename(bad)
            log.error("historian: spill file %s cannot be replayed (%s); kept as %s",
                      path.name, exc, bad.name)
            self._note_error(f"spill replay rejected: {exc}")
            return
        self._spill.remove(path)  # only after the commit: a crash here replays idempotently
        self._count("replayed_rows", inserted)
        self._count("written_rows", inserted)
        self._count("duplicate_rows", duplicates)
        log.info("historian replayed spill file %s: %d rows (%d already present)",
                 path.name, inserted, duplicates)

    def _drop_front_beyond(self, cap: int) -> None:
        """Last resort when neither the database nor the disk takes rows: drop the oldest."""
        while True:
            with self._cond:
                if self._pending_rows <= cap or not self._pending:
                    return
                rows = len(self._pending[0])
            self._retire_front(rows, stat="dropped_rows", count=rows)
            log.error("historian: dropped %d oldest rows (no database, spill failing)", rows)

    def _spill_overflow(self, *, force: bool) -> None:
        """Move the oldest rows to disk while memory is over its limit (or all, if forced)."""
        while True:
            with self._cond:
                over = self._pending_rows - (0 if force else self.memory_limit_rows)
            if over <= 0:
                return
            batch = self._take_front(min(self.batch_rows, over) if not force else self.batch_rows)
            if batch is None:
                return
            try:
                dropped = self._spill.append(batch)
            except OSError as exc:  # disk full or gone: keep memory bounded, loudly
                self._note_error(f"spill write failed: {exc}")
                log.error("historian spill write failed: %s", exc)
                self._drop_front_beyond(2 * self.memory_limit_rows)
                return
            self._spill_backlog = True
            self._retire_front(len(batch), stat="spilled_rows", count=len(batch))
            if dropped:
                self._count("dropped_rows", dropped)
                self._note_error(f"spill limit reached: dropped {dropped} oldest rows")


def _size(path: Path) -> int:
    """Size of a spill file, 0 if the writer thread just deleted it (stats() races it)."""
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0
