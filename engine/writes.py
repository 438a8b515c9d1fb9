"""Field writes, engine side: select-before-operate bookkeeping, the write and its read-back.

Why select-before-operate: a write to a running well (an ESP frequency, a separator pressure
setpoint) is a control action. The operator first *selects* the tag with the new value and sees
the current one; only a second, explicit *operate* within a short window sends it, and only for
the same person, session and value. One open selection per tag, so two consoles cannot race
each other's changes onto the same setpoint. This module knows nothing of users or roles (the
API layer authorises and audits); it enforces the selection rules, the tag's engineering range,
and does the write on the scanner's connection followed by a read-back compared within the
tag's resolution.

Threads: selections are kept under a lock (API requests run in a thread pool); the write runs on
the engine's event loop (:meth:`WriteService.write_blocking` hops there from a thread).
"""

from __future__ import annotations

import asyncio
import math
import secrets
import threading
import time
from collections.abc import Callable
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Protocol

from domain.field import Field
from domain.tags import DataType, TagDef
from engine.scanner import (
    DEFAULT_WRITE_TIMEOUT_S,
    DeviceDown,
    ReadBackFailed,
    UnknownTag,
    WriteError,
    WriteNotConfirmed,
    WriteRejected,
)

__all__ = [
    "DeviceDown", "Owner", "ReadBackFailed", "Selection", "SelectionError", "TagNotWritable",
    "UnknownTag", "ValueOutOfRange", "WriteError", "WriteNotConfirmed", "WriteRejected",
    "WriteResult", "WriteService", "readback_tolerance",
]

DEFAULT_SELECTION_TTL_S = 30.0


class TagWriter(Protocol):
    """The scanner as the write service uses it (``engine.scanner.Scanner.write``)."""

    async def write(self, tag_name: str, value: float, *, timeout_s: float = ...) -> float: ...


@dataclass(frozen=True, slots=True)
class Owner:
    """Who holds a selection: the user and the login session (or API key) it was made in."""

    user: str
    session: str


@dataclass(frozen=True, slots=True)
class Selection:
    id: str
    tag: str
    value: float
    owner: Owner
    created_at: float  # epoch s
    expires_at: float
    current_value: float | None
    current_quality: str


@dataclass(frozen=True, slots=True)
class WriteResult:
    tag: str
    written: float
    read_back: float
    tolerance: float

    @property
    def match(self) -> bool:
        return abs(self.read_back - self.written) <= self.tolerance


class TagNotWritable(WriteError):
    """The tag exists but is not configured writable."""


class ValueOutOfRange(WriteError):
    """Outside the tag's engineering range (eu_min..eu_max) or not a finite number."""

    def __init__(self, message: str, low: float | None, high: float | None) -> None:
        super().__init__(message)
        self.low, self.high = low, high


class SelectionError(WriteError):
    """A select/operate/cancel that breaks the selection rules; ``code`` is stable:
    ``selected_by_other``, ``no_selection``, ``selection_expired``, ``not_your_selection``,
    ``value_changed``."""

    def __init__(self, code: str, message: str, selection: Selection | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.selection = selection


def readback_tolerance(tag: TagDef, value: float) -> float:
    """How far a read-back may differ from the written value and still be "the same": half a
    raw step for integer types (the raw value is rounded), float32's precision otherwise."""
    rel = 1e-6 * max(1.0, abs(value))
    if tag.data_type in (DataType.FLOAT32, DataType.FLOAT64):
        return rel * max(1.0, abs(tag.gain))
    return 0.5 * abs(tag.gain) + rel


class WriteService:
    """See the module docstring. ``current(tag)`` gives the tag's (value, quality name) from
    the last-value cache, shown at select time."""

    def __init__(
        self,
        field: Field,
        writer: TagWriter,
        current: Callable[[str], tuple[float | None, str]],
        *,
        selection_ttl_s: float = DEFAULT_SELECTION_TTL_S,
        write_timeout_s: float = DEFAULT_WRITE_TIMEOUT_S,
        loop: asyncio.AbstractEventLoop | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if selection_ttl_s <= 0 or write_timeout_s <= 0:
            raise ValueError("selection_ttl_s and write_timeout_s must be > 0")
        self._tags = {t.name: t for t in field.tags()}
        self._writer = writer
        self._current = current
        self.selection_ttl_s = selection_ttl_s
        self.write_timeout_s = write_timeout_s
        self.loop = loop
        self._clock = clock
        self._lock = threading.Lock()
        self._open: dict[str, Selection] = {}  # tag -> its one open selection

    # -- checks ------------------------------------------------------------------------------
    def tag(self, name: str) -> TagDef:
        tag = self._tags.get(name)
        if tag is None:
            raise UnknownTag(name)
        return tag

    def writable_tag(self, name: str) -> TagDef:
        tag = self.tag(name)
        if not tag.writable:
            raise TagNotWritable(f"{name} is not writable")
        return tag

    def check_range(self, tag: TagDef, value: float) -> None:
        if not isinstance(value, int | float) or not math.isfinite(value):
            raise ValueOutOfRange(f"{value!r} is not a finite number", tag.eu_min, tag.eu_max)
        if (tag.eu_min is not None and value < tag.eu_min) or (
                tag.eu_max is not None and value > tag.eu_max):
            raise ValueOutOfRange(
                f"{value:g} is outside {tag.name}'s engineering range "
                f"{_fmt(tag.eu_min)}..{_fmt(tag.eu_max)} {tag.units}".rstrip(),
                tag.eu_min, tag.eu_max)

    # -- selections --------------------------------------------------------------------------
    def select(self, name: str, value: float, owner: Owner) -> Selection:
        """Open the tag's selection for ``owner`` (replacing the owner's own earlier one)."""
        tag = self.writable_tag(name)
        self.check_range(tag, value)
        now = self._clock()
        current_value, current_quality = self._current(name)
        with self._lock:
            held = self._open.get(name)
            if held is not None and held.expires_at > now and held.owner != owner:
                raise SelectionError(
                    "selected_by_other",
                    f"{name} is selected by {held.owner.user} until "
                    f"{time.strftime('%H:%M:%S', time.gmtime(held.expires_at))} UTC",
                    held)
            sel = Selection(
                id=secrets.token_urlsafe(16), tag=name, value=float(value), owner=owner,
                created_at=now, expires_at=now + self.selection_ttl_s,
                current_value=current_value, current_quality=current_quality)
            self._open[name] = sel
            return sel

    def _held(self, name: str, selection_id: str, owner: Owner) -> Selection:
        sel = self._open.get(name)
        if sel is None or not secrets.compare_digest(sel.id, selection_id):
            raise SelectionError("no_selection", f"no open selection {selection_id!r} on {name} "
                                 "(operated, cancelled, replaced or never made)")
        if sel.owner.user != owner.user:
            raise SelectionError("not_your_selection",
                                 f"{name} is selected by {sel.owner.user}, not by {owner.user}")
        if sel.owner.session != owner.session:
            raise SelectionError("not_your_selection",
                                 f"the selection on {name} belongs to another session")
        return sel

    def take(self, name: str, selection_id: str, owner: Owner,
             value: float | None = None) -> Selection:
        """Consume the selection for an operate: same user and session, not expired, and (if
        ``value`` is given) the same value. A consumed selection cannot be operated twice."""
        self.writable_tag(name)
        now = self._clock()
        with self._lock:
            sel = self._held(name, selection_id, owner)
            if sel.expires_at <= now:
                del self._open[name]
                raise SelectionError(
                    "selection_expired",
                    f"the selection on {name} expired {now - sel.expires_at:.0f} s ago: "
                    "select again", sel)
            if value is not None and float(value) != sel.value:
                raise SelectionError(
                    "value_changed",
                    f"operate asks for {value:g} but {sel.value:g} was selected", sel)
            del self._open[name]
            return sel

    def cancel(self, name: str, selection_id: str, owner: Owner) -> Selection:
        self.tag(name)
        with self._lock:
            sel = self._held(name, selection_id, owner)
            del self._open[name]
            return sel

    def open_selection(self, name: str) -> Selection | None:
        """The tag's selection if one is open and not expired."""
        with self._lock:
            sel = self._open.get(name)
            return sel if sel is not None and sel.expires_at > self._clock() else None

    # -- the write ---------------------------------------------------------------------------
    async def write(self, name: str, value: float) -> WriteResult:
        """Write and read back (on the engine loop); raises a ``WriteError`` subclass."""
        tag = self.writable_tag(name)
        self.check_range(tag, value)
        read_back = await self._writer.write(name, value, timeout_s=self.write_timeout_s)
        return WriteResult(name, float(value), read_back, readback_tolerance(tag, value))

    def write_blocking(self, name: str, value: float) -> WriteResult:
        """:meth:`write` from a thread other than the engine loop's (API request threads)."""
        loop = self.loop
        if loop is None:
            raise DeviceDown("the engine is not running: nothing was written")
        future = asyncio.run_coroutine_threadsafe(self.write(name, value), loop)
        try:
            return future.result(self.write_timeout_s + 2.0)
        except FutureTimeout:
            future.cancel()
            raise WriteNotConfirmed(f"{name}: the engine did not answer in time "
                                    "(the write may or may not have been applied)") from None


def _fmt(x: float | None) -> str:
    return "(none)" if x is None else f"{x:g}"
