"""Disk spill for store-and-forward: framed, checksummed, fsync'd COPY chunks, bounded in size.

Why: when PostgreSQL is unreachable (restart, disk full, network to a remote historian down) the
edge keeps scanning. Memory holds a bounded amount; past it, batches go to files here, and are
replayed once the database answers again. The disk budget is bounded too: past it the OLDEST
data is dropped (a whole file at a time) and counted, because an unbounded spill would
eventually fill the disk the database itself lives on.

File format: a sequence of records ``MAGIC | len u32 | crc32 u32 | payload``. The payload is a
small header (row count, min/max timestamp, the UTC days touched) followed by a complete binary
COPY payload. Every record is fsync'd before ``append`` returns. After ``kill -9`` or a power cut
the last record may be torn; the reader detects it (short read or bad CRC), logs it and stops
reading that file, keeping every complete record before it. A corrupt record in the middle is
skipped up to the next intact frame (logged as an error, its bytes counted), not the rest.

Files the database keeps refusing are renamed ``*.rejected``; they count against the same byte
limit (and are the first to go when it is reached), so a persistent error cannot fill the disk.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import struct
import threading
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from engine.historian.copy_encoder import Columns, encode

log = logging.getLogger(__name__)

MAGIC = b"HSP1"
_FRAME = struct.Struct(">4sII")
_META = struct.Struct(">qqqi")  # rows, ts_min, ts_max, n_days
SUFFIX = ".spill"
REJECTED_SUFFIX = ".rejected"
_ROW_BYTES = 48  # upper bound per row: 40 in the COPY payload + 8 if it touches its own day
_OVERHEAD_BYTES = 1024  # frame, record header, COPY header/trailer, days touched (generous)


@dataclass(frozen=True)
class SpillRecord:
    """One spilled batch, ready to replay."""

    rows: int
    ts_min_us: int
    ts_max_us: int
    days: tuple[int, ...]  # days since 1970-01-01 (UTC) => partitions to ensure
    copy_payload: bytes


def pack(cols: Columns) -> bytes:
    """Payload of one record for ``cols``."""
    days = cols.days()
    meta = _META.pack(len(cols), int(cols.ts_us.min()), int(cols.ts_us.max()), len(days))
    return meta + days.astype(">i8").tobytes() + encode(cols)


def unpack(payload: bytes) -> SpillRecord:
    rows, ts_min, ts_max, n_days = _META.unpack_from(payload)
    start = _META.size
    days = np.frombuffer(payload, dtype=">i8", count=n_days, offset=start)
    return SpillRecord(
        rows, ts_min, ts_max, tuple(int(d) for d in days), payload[start + 8 * n_days :]
    )


@dataclass
class SpillRead:
    """What reading one spill file found: intact records and discarded (unreadable) bytes."""

    records: list[SpillRecord]
    bad_bytes: int = 0


def read_file(path: Path) -> SpillRead:
    """Every intact record of ``path``, resynchronising past corrupt ones.

    A torn last record (kill -9, power cut mid-write) is expected and logged as a warning. A
    corrupt record in the middle (a flipped bit, a bad sector) must not cost every record after
    it: the reader looks for the next ``MAGIC`` whose frame checks out and carries on from
    there. Its rows cannot be known (the row count is inside the unreadable payload), so the
    skipped bytes are returned for the writer's stats and logged as an error.
    """
    data = path.read_bytes()
    out: list[SpillRecord] = []
    bad = 0
    pos = 0
    while pos < len(data):
        problem = _check_frame(data, pos)
        if not problem:
            _magic, length, _crc = _FRAME.unpack_from(data, pos)
            out.append(unpack(data[pos + _FRAME.size : pos + _FRAME.size + length]))
            pos += _FRAME.size + length
            continue
        nxt = data.find(MAGIC, pos + 1)
        while nxt != -1 and _check_frame(data, nxt):
            nxt = data.find(MAGIC, nxt + 1)
        skipped = (len(data) if nxt == -1 else nxt) - pos
        bad += skipped
        if nxt == -1:
            log.warning(
                "historian spill %s: discarding torn/corrupt record at byte %d of %d: %s",
                path.name, pos, len(data), problem,
            )
            break
        log.error(
            "historian spill %s: corrupt record at byte %d (%s): skipped %d bytes of lost rows "
            "up to the next intact record", path.name, pos, problem, skipped,
        )
        pos = nxt
    return SpillRead(out, bad)


def _check_frame(data: bytes, pos: int) -> str:
    """Why the frame at ``pos`` is unusable, or "" if its magic, length and CRC check out."""
    if len(data) - pos < _FRAME.size:
        return "truncated frame header"
    magic, length, crc = _FRAME.unpack_from(data, pos)
    if magic != MAGIC:
        return "bad magic"
    body = data[pos + _FRAME.size : pos + _FRAME.size + length]
    if len(body) < length:
        return f"truncated payload ({len(body)} of {length} bytes)"
    if zlib.crc32(body) != crc:
        return "CRC mismatch"
    if len(body) < _META.size:
        return "payload shorter than its header"
    return ""


def read_records(path: Path) -> list[SpillRecord]:
    """Every intact record of ``path`` (see ``read_file``)."""
    return read_file(path).records


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class SpillStore:
    """The spill directory of one writer (exclusively locked: two writers must not share it).

    Thread-safe: the writer thread appends and replays, but ``HistorianWriter.stop()`` may have
    to spill from the calling thread while the writer thread is stuck; ``lock`` serialises them.
    """

    def __init__(self, directory: Path, limit_bytes: int, file_bytes: int | None = None) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.limit_bytes = limit_bytes
        self.file_bytes = file_bytes or max(64 * 1024, min(64 * 1024 * 1024, limit_bytes // 8))
        self.lock = threading.RLock()
        self._warned: set[str] = set()
        self._lock_fd: int | None = os.open(
            self.directory / ".lock", os.O_RDWR | os.O_CREAT, 0o600
        )
        try:
            fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(self._lock_fd)
            raise RuntimeError(
                f"spill directory {self.directory} is used by another writer"
            ) from exc
        self._current: Path | None = None
        self._current_fd: int | None = None
        self._seq = max((self._seq_of(p) or 0 for p in self._all_files()), default=0)

    @staticmethod
    def _seq_of(path: Path) -> int | None:
        head = path.name.split("-", 1)[0].split(".", 1)[0]
        return int(head) if head.isdigit() else None

    def _listed(self, suffix: str) -> list[Path]:
        """Files ending in ``suffix`` with a sequence number, oldest first.

        A stray file (``notes.spill``, an editor's backup) must not crash the writer or
        ``stats()``: it is ignored, with one warning per name.
        """
        out: list[tuple[int, Path]] = []
        for p in self.directory.glob(f"*{suffix}"):
            if not p.is_file():
                continue
            seq = self._seq_of(p)
            if seq is None:
                if p.name not in self._warned:
                    self._warned.add(p.name)
                    log.warning("historian spill: ignoring %s (not a spill file name)", p)
                continue
            out.append((seq, p))
        return [p for _, p in sorted(out)]

    def files(self) -> list[Path]:
        """Spill files, oldest first (including the one being appended to)."""
        return self._listed(SUFFIX)

    def rejected_files(self) -> list[Path]:
        """Quarantined files (``*.rejected``): the database refused them repeatedly."""
        return self._listed(REJECTED_SUFFIX)

    def _all_files(self) -> list[Path]:
        return sorted(self.files() + self.rejected_files(), key=lambda p: self._seq_of(p) or 0)

    def sealed_files(self) -> list[Path]:
        """Files no longer appended to: safe to replay and delete."""
        with self.lock:
            return [p for p in self.files() if p != self._current]

    def bytes_used(self) -> int:
        """Bytes of spill and rejected files: both count against ``limit_bytes``."""
        return sum(file_size(p) for p in self._all_files())

    def max_frame_bytes(self) -> int:
        return min(self.file_bytes, self.limit_bytes)

    def append(self, cols: Columns) -> int:
        """Write ``cols`` durably; returns how many rows were dropped to respect the bound.

        A batch whose record would exceed a file (or the whole limit) is split into records
        that fit; older data is only deleted to make room for a record that will then be
        written, never for one that is dropped anyway.
        """
        dropped = 0
        for part in self._split(cols):
            payload = pack(part)
            frame = _FRAME.pack(MAGIC, len(payload), zlib.crc32(payload)) + payload
            if len(frame) > self.limit_bytes:
                log.error(
                    "historian spill: a %d-byte record exceeds spill_limit_bytes=%d; "
                    "dropping its %d rows", len(frame), self.limit_bytes, len(part),
                )
                dropped += len(part)
                continue
            with self.lock:
                dropped += self._make_room(len(frame))
                fd = self._open_current()
                os.write(fd, frame)
                os.fsync(fd)
                assert self._current is not None
                if self._current.stat().st_size >= self.file_bytes:
                    self.seal()
        return dropped

    def _split(self, cols: Columns) -> list[Columns]:
        rows = max(1, (self.max_frame_bytes() - _OVERHEAD_BYTES) // _ROW_BYTES)
        if len(cols) <= rows:
            return [cols]
        return [
            Columns(
                cols.tag_ids[i : i + rows], cols.ts_us[i : i + rows],
                cols.values[i : i + rows], cols.qualities[i : i + rows],
            )
            for i in range(0, len(cols), rows)
        ]

    def _make_room(self, needed: int) -> int:
        """Delete whole files until ``needed`` more bytes fit: rejected files first (they
        cannot reach the database without a human anyway), then the oldest spill files."""
        dropped = 0
        used = self.bytes_used()
        while used + needed > self.limit_bytes:
            files = self.rejected_files() + self.files()
            if not files:
                break
            oldest = files[0]
            if oldest == self._current:
                self.seal()
            size = file_size(oldest)
            try:
                rows = sum(r.rows for r in read_file(oldest).records)
            except OSError:
                rows = 0
            self.remove(oldest)
            used -= size
            dropped += rows
            log.error(
                "historian spill full (limit %d bytes): dropped oldest file %s with %d rows",
                self.limit_bytes, oldest.name, rows,
            )
        return dropped

    def _open_current(self) -> int:
        if self._current_fd is None:
            self._seq += 1
            self._current = self.directory / f"{self._seq:012d}-{time.time_ns()}{SUFFIX}"
            self._current_fd = os.open(
                self._current, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600
            )
            _fsync_dir(self.directory)
        return self._current_fd

    def seal(self) -> None:
        """Close the file being appended to; the next append starts a new one."""
        with self.lock:
            if self._current_fd is not None:
                with contextlib.suppress(OSError):
                    os.close(self._current_fd)
            self._current_fd = None
            self._current = None

    def quarantine(self, path: Path) -> Path:
        """Rename a file the database keeps refusing to ``*.rejected`` (kept for a human)."""
        bad = path.with_suffix(REJECTED_SUFFIX)
        with self.lock:
            path.rename(bad)
            _fsync_dir(self.directory)
        return bad

    def remove(self, path: Path) -> None:
        """Delete a replayed (committed) or dropped file, durably."""
        with self.lock:
            path.unlink(missing_ok=True)
            _fsync_dir(self.directory)

    def close(self) -> None:
        """Seal and release the directory lock; idempotent."""
        with self.lock:
            self.seal()
            if self._lock_fd is not None:
                os.close(self._lock_fd)
                self._lock_fd = None


def file_size(path: Path) -> int:
    """Size of a file, 0 if it was just deleted (stats() races the writer thread)."""
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0
