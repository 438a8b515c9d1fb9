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
reading that file, keeping every complete record before it.
"""

from __future__ import annotations

import fcntl
import logging
import os
import struct
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


def read_records(path: Path) -> list[SpillRecord]:
    """Every intact record of ``path``; a torn or corrupt tail is logged and discarded."""
    data = path.read_bytes()
    out: list[SpillRecord] = []
    pos = 0
    while pos < len(data):
        problem = ""
        if len(data) - pos < _FRAME.size:
            problem = "truncated frame header"
        else:
            magic, length, crc = _FRAME.unpack_from(data, pos)
            body = data[pos + _FRAME.size : pos + _FRAME.size + length]
            if magic != MAGIC:
                problem = "bad magic"
            elif len(body) < length:
                problem = f"truncated payload ({len(body)} of {length} bytes)"
            elif zlib.crc32(body) != crc:
                problem = "CRC mismatch"
        if problem:
            log.warning(
                "historian spill %s: discarding torn/corrupt record at byte %d of %d: %s",
                path.name, pos, len(data), problem,
            )
            break
        out.append(unpack(body))
        pos += _FRAME.size + length
    return out


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class SpillStore:
    """The spill directory of one writer (exclusively locked: two writers must not share it)."""

    def __init__(self, directory: Path, limit_bytes: int, file_bytes: int | None = None) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.limit_bytes = limit_bytes
        self.file_bytes = file_bytes or max(64 * 1024, min(64 * 1024 * 1024, limit_bytes // 8))
        self._lock_fd = os.open(self.directory / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(self._lock_fd)
            raise RuntimeError(
                f"spill directory {self.directory} is used by another writer"
            ) from exc
        self._current: Path | None = None
        self._current_fd: int | None = None
        self._seq = max((self._seq_of(p) for p in self.files()), default=0)

    @staticmethod
    def _seq_of(path: Path) -> int:
        return int(path.stem.split("-", 1)[0])

    def files(self) -> list[Path]:
        """Spill files, oldest first (including the one being appended to)."""
        return sorted(self.directory.glob(f"*{SUFFIX}"), key=self._seq_of)

    def sealed_files(self) -> list[Path]:
        """Files no longer appended to: safe to replay and delete."""
        return [p for p in self.files() if p != self._current]

    def bytes_used(self) -> int:
        return sum(p.stat().st_size for p in self.files())

    def append(self, cols: Columns) -> int:
        """Write ``cols`` durably; returns how many rows were dropped to respect the bound."""
        payload = pack(cols)
        frame = _FRAME.pack(MAGIC, len(payload), zlib.crc32(payload)) + payload
        dropped = self._make_room(len(frame))
        if len(frame) > self.limit_bytes:
            log.error(
                "historian spill: a %d-byte batch exceeds spill_limit_bytes=%d; "
                "dropping its %d rows", len(frame), self.limit_bytes, len(cols),
            )
            return dropped + len(cols)
        fd = self._open_current()
        os.write(fd, frame)
        os.fsync(fd)
        assert self._current is not None
        if self._current.stat().st_size >= self.file_bytes:
            self.seal()
        return dropped

    def _make_room(self, needed: int) -> int:
        dropped = 0
        used = self.bytes_used()
        while used + needed > self.limit_bytes:
            files = self.files()
            if not files:
                break
            oldest = files[0]
            if oldest == self._current:
                self.seal()
            size = oldest.stat().st_size
            rows = sum(r.rows for r in read_records(oldest))
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
        if self._current_fd is not None:
            os.close(self._current_fd)
        self._current_fd = None
        self._current = None

    def remove(self, path: Path) -> None:
        """Delete a replayed (committed) or dropped file, durably."""
        path.unlink(missing_ok=True)
        _fsync_dir(self.directory)

    def close(self) -> None:
        self.seal()
        os.close(self._lock_fd)
