"""The live event stream: tag value changes, alarm transitions and device states, numbered.

Why a hub with one global sequence: every client (HMI, SCADA gateway, cloud bridge) must be able
to drop off the network and come back without losing or double-counting an event. Each event
gets the next number of ONE engine-wide sequence; the hub keeps the newest events in a bounded
ring (``max_events`` and ``max_age_s``), so a client resuming ``from`` a number gets exactly the
events after it, in order, or, if that number already fell out of the ring (or belongs to an
earlier run of the process), an explicit :class:`ResyncRequired` so it reloads a snapshot.

The sequence starts at the process start time in microseconds: numbers of a restarted edge are
above any number the previous run handed out (unless it averaged more than one event per
microsecond), so a resume across a restart is answered with a resync, never with wrong events.

Threads: events are numbered and stored on the engine's event loop only (``bind``), so the
order in the ring is the order the loop applied them. The scanner publishes from the loop;
the alarm engine may emit from API threads (operator actions) and is always marshalled through
``loop.call_soon_threadsafe`` (also from the loop itself, so that its events keep the order
of the alarm engine's lock).

Fan-out: each subscriber has a bounded queue filled on the loop in O(1); a subscriber that
cannot keep up is closed with reason ``overflow`` and the last number it received, so it can
resume; the engine never waits for a client. Subscribers may live on another event loop
(the API server's): they are woken through that loop's ``call_soon_threadsafe``.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import itertools
import logging
import math
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from domain.tags import Quality
from engine.tag_slots import TagSlots

log = logging.getLogger(__name__)

DEFAULT_MAX_EVENTS = 100_000
DEFAULT_MAX_AGE_S = 600.0
DEFAULT_QUEUE = 10_000
DEFAULT_KEEPALIVE_S = 30.0

TAGS, ALARM, DEVICE, SYSTEM = "tags", "alarm", "device", "system"


@dataclass(frozen=True, slots=True)
class StreamEvent:
    """One numbered event. ``data`` is JSON-ready except for ``TAGS``, whose ``data`` is a
    ``TagBatch`` (projected per subscriber). ``at``: epoch s when the hub numbered it."""

    seq: int
    kind: str
    at: float
    data: Any


@dataclass(frozen=True, slots=True)
class TagBatch:
    """The changed tags of one poll: ``items`` are (name, value or None, quality name).
    ``ts``: when the poll was taken; ``rx``: when its readings reached the engine (epoch s),
    the start of the delivery latency the benchmarks measure."""

    ts: float
    rx: float
    items: tuple[tuple[str, float | None, str], ...]


class ResyncRequired(Exception):
    """The requested resume point is no longer (or never was) in the ring."""

    def __init__(self, requested: int, oldest: int, latest: int) -> None:
        super().__init__(f"cannot resume from {requested}: the stream holds {oldest}..{latest}")
        self.requested, self.oldest, self.latest = requested, oldest, latest


class Subscription:
    """One subscriber's bounded queue. Filled by the hub on its loop, drained by the owner on
    the owner's loop with :meth:`next_batch`."""

    def __init__(
        self, hub: StreamHub, loop: asyncio.AbstractEventLoop, limit: int, *,
        tags: bool, alarms: bool,
    ) -> None:
        self._hub = hub
        self._loop = loop
        self._limit = limit
        self._items: collections.deque[StreamEvent] = collections.deque()
        self._wakeup = asyncio.Event()
        self._wake_pending = False
        self.want_tags = tags
        self.want_alarms = alarms
        self.closed_reason: str | None = None
        self.last_seq = 0  # highest number handed to the owner (its resume point)

    # -- hub side (hub loop) ---------------------------------------------------------------
    def _offer(self, ev: StreamEvent) -> None:
        if self.closed_reason is not None:
            return
        if (ev.kind == TAGS and not self.want_tags) or (
                ev.kind in (ALARM, SYSTEM) and not self.want_alarms):
            return
        if len(self._items) >= self._limit:
            self.closed_reason = "overflow"
            self._hub._drop(self)
        else:
            self._items.append(ev)
        self._wake()

    def _wake(self) -> None:
        hub_loop = self._hub._loop_or_none()
        if hub_loop is None or self._loop is hub_loop:
            self._wakeup.set()
        elif not self._wake_pending:
            self._wake_pending = True
            try:
                self._loop.call_soon_threadsafe(self._woken)
            except RuntimeError:  # the owner's loop is closed: it is gone
                self.closed_reason = self.closed_reason or "closed"

    def _woken(self) -> None:
        self._wake_pending = False
        self._wakeup.set()

    # -- owner side --------------------------------------------------------------------------
    async def next_batch(self, wait_s: float | None = None) -> list[StreamEvent]:
        """Every queued event (possibly none after ``wait_s``); raises
        :class:`SubscriptionClosed` once the hub closed it and every event queued before that
        was handed out."""
        if not self._items and self.closed_reason is None:
            self._wakeup.clear()
            if not self._items and self.closed_reason is None:
                try:
                    await asyncio.wait_for(self._wakeup.wait(), wait_s)
                except TimeoutError:
                    return []
        out: list[StreamEvent] = []
        while self._items:
            out.append(self._items.popleft())
        if out:
            self.last_seq = out[-1].seq
            return out
        if self.closed_reason is not None:
            raise SubscriptionClosed(self.closed_reason, self.last_seq)
        return out

    def close(self) -> None:
        """Unsubscribe (safe from any thread, safe twice)."""
        if self.closed_reason is None:
            self.closed_reason = "closed"
        self._hub._drop_threadsafe(self)


class SubscriptionClosed(Exception):
    """The hub ended a subscription: ``reason`` ``overflow`` (too slow) or ``closed``;
    ``last_seq`` is where the subscriber may resume."""

    def __init__(self, reason: str, last_seq: int) -> None:
        super().__init__(f"subscription closed ({reason}) after {last_seq}")
        self.reason, self.last_seq = reason, last_seq


@dataclass(slots=True)
class _Stats:
    published: int = 0
    overflows: int = 0
    resyncs: int = 0
    subscribers: int = 0


class StreamHub:
    """See the module docstring."""

    def __init__(
        self, *, max_events: int = DEFAULT_MAX_EVENTS, max_age_s: float = DEFAULT_MAX_AGE_S,
        queue_size: int = DEFAULT_QUEUE, start_seq: int | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if max_events < 1 or queue_size < 1 or max_age_s <= 0:
            raise ValueError("max_events and queue_size must be >= 1, max_age_s > 0")
        self.max_events, self.max_age_s, self.queue_size = max_events, max_age_s, queue_size
        self._clock = clock
        first = time.time_ns() // 1000 if start_seq is None else start_seq
        self._seq = first - 1  # the last number handed out
        self._ring: collections.deque[StreamEvent] = collections.deque()
        self._subs: set[Subscription] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: int | None = None
        self._stats = _Stats()

    # -- loop binding -------------------------------------------------------------------------
    def bind(self, loop: asyncio.AbstractEventLoop | None = None) -> None:
        """Number and store events on ``loop`` (default: the running one) from now on."""
        self._loop = loop or asyncio.get_running_loop()
        self._thread = None
        self._loop.call_soon_threadsafe(self._set_thread)

    def _set_thread(self) -> None:
        self._thread = threading.get_ident()

    def _loop_or_none(self) -> asyncio.AbstractEventLoop | None:
        return self._loop

    def _on_loop(self) -> bool:
        return self._thread == threading.get_ident() or self._loop is None

    @property
    def latest_seq(self) -> int:
        """The number of the newest event (one below the first number before any event)."""
        return self._seq

    # -- publishing ---------------------------------------------------------------------------
    def publish(self, kind: str, data: Any) -> None:
        """Number and fan out one event. On the hub's loop only (see :meth:`publish_threadsafe`)."""
        self._seq += 1
        now = self._clock()
        ev = StreamEvent(self._seq, kind, now, data)
        ring = self._ring
        ring.append(ev)
        while len(ring) > self.max_events or now - ring[0].at > self.max_age_s:
            ring.popleft()
        self._stats.published += 1
        for sub in list(self._subs):
            sub._offer(ev)

    def publish_threadsafe(self, kind: str, data: Any) -> None:
        """From any thread (the loop included): queued behind what the loop already holds."""
        loop = self._loop
        if loop is None:
            self.publish(kind, data)
            return
        with contextlib.suppress(RuntimeError):  # loop closed at shutdown: nobody listens
            loop.call_soon_threadsafe(self.publish, kind, data)

    # -- subscribing --------------------------------------------------------------------------
    def subscribe(
        self, *, resume_from: int | None = None, tags: bool = True, alarms: bool = True,
        snapshot: Callable[[], Any] | None = None, queue_size: int | None = None,
    ) -> tuple[Subscription, int, list[StreamEvent], Any]:
        """Register a subscriber, on the hub's loop, atomically with respect to publishing.

        Returns (subscription, seq, backlog, snapshot): without ``resume_from``, ``snapshot()``
        is called and ``seq`` is the number it is consistent with (events after it follow);
        with ``resume_from``, ``backlog`` holds exactly the events after it (raises
        :class:`ResyncRequired` if they are not all in the ring).
        """
        loop = asyncio.get_running_loop()
        backlog: list[StreamEvent] = []
        snap: Any = None
        if resume_from is not None:
            backlog = self._after(resume_from)
        elif snapshot is not None:
            snap = snapshot()
        limit = (queue_size or self.queue_size) + len(backlog)
        sub = Subscription(self, loop, limit, tags=tags, alarms=alarms)
        sub.last_seq = resume_from if resume_from is not None else self._seq
        self._subs.add(sub)
        self._stats.subscribers = len(self._subs)
        return sub, self._seq, backlog, snap

    async def open(
        self, *, resume_from: int | None = None, tags: bool = True, alarms: bool = True,
        snapshot: Callable[[], Any] | None = None, queue_size: int | None = None,
    ) -> tuple[Subscription, int, list[StreamEvent], Any]:
        """:meth:`subscribe` from any event loop (hopping to the hub's loop if needed); the
        subscription is woken on the caller's loop."""
        caller = asyncio.get_running_loop()
        hub_loop = self._loop
        if hub_loop is None or hub_loop is caller:
            return self.subscribe(resume_from=resume_from, tags=tags, alarms=alarms,
                                  snapshot=snapshot, queue_size=queue_size)

        async def on_hub() -> tuple[Subscription, int, list[StreamEvent], Any]:
            sub, seq, backlog, snap = self.subscribe(
                resume_from=resume_from, tags=tags, alarms=alarms, snapshot=snapshot,
                queue_size=queue_size)
            sub._loop = caller
            sub._wakeup = asyncio.Event()  # created here, but only ever awaited on the caller
            return sub, seq, backlog, snap

        future = asyncio.run_coroutine_threadsafe(on_hub(), hub_loop)
        return await asyncio.wrap_future(future)

    def _after(self, seq: int) -> list[StreamEvent]:
        ring = self._ring
        oldest = ring[0].seq if ring else self._seq + 1
        if seq > self._seq or seq < oldest - 1:
            self._stats.resyncs += 1
            raise ResyncRequired(seq, oldest, self._seq)
        start = seq + 1 - oldest  # numbers in the ring are contiguous
        return list(itertools.islice(ring, start, None))

    def _drop(self, sub: Subscription) -> None:
        if sub in self._subs:
            self._subs.discard(sub)
            self._stats.subscribers = len(self._subs)
            if sub.closed_reason == "overflow":
                self._stats.overflows += 1
                log.warning("stream subscriber too slow: disconnected",
                            extra={"last_seq": sub.last_seq})

    def _drop_threadsafe(self, sub: Subscription) -> None:
        loop = self._loop
        if loop is None or self._on_loop():
            self._drop(sub)
            return
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(self._drop, sub)

    def stats(self) -> dict[str, Any]:
        """For the health report."""
        ring = self._ring
        return {
            "latest_seq": self._seq,
            "buffered": len(ring),
            "oldest_seq": ring[0].seq if ring else None,
            "published": self._stats.published,
            "subscribers": self._stats.subscribers,
            "overflows": self._stats.overflows,
            "resyncs": self._stats.resyncs,
        }


class TagChangePublisher:
    """Scanner observer: publishes, per poll, the tags whose value or quality changed, plus
    each tag again every ``keepalive_s`` (so a client can tell "steady" from "stuck").

    Why filter here: a field of 10,000 tags polled every second changes a fraction of them;
    sending only changes is what lets 20+ clients follow it on an edge box with two cores.
    """

    def __init__(
        self, hub: StreamHub, tag_ids: Mapping[str, int], *,
        keepalive_s: float = DEFAULT_KEEPALIVE_S, clock: Callable[[], float] = time.time,
    ) -> None:
        self._hub = hub
        self._keepalive = keepalive_s
        self._clock = clock
        names = sorted(tag_ids, key=lambda n: tag_ids[n])
        self._slots = TagSlots(names, tag_ids)
        self._names = names
        self._val = np.full(len(names), np.nan)
        self._q = np.full(len(names), -1, dtype=np.int16)
        self._sent = np.full(len(names), -math.inf)

    def on_readings(
        self,
        tag_ids: npt.NDArray[np.int64],
        ts: float,
        values: npt.NDArray[np.float64],
        qualities: npt.NDArray[np.int16],
    ) -> None:
        rx = self._clock()
        slots, keep = self._slots.lookup(tag_ids)
        vals = np.asarray(values, dtype=np.float64)[keep]
        qs = np.asarray(qualities, dtype=np.int16)[keep]
        old_v, old_q = self._val[slots], self._q[slots]
        same_value = (old_v == vals) | (np.isnan(old_v) & np.isnan(vals))
        changed = ~same_value | (old_q != qs) | (rx - self._sent[slots] >= self._keepalive)
        if not changed.any():
            return
        idx = np.flatnonzero(changed)
        sl, v, q = slots[idx], vals[idx], qs[idx]
        self._val[sl], self._q[sl], self._sent[sl] = v, q, rx
        names = self._names
        items = tuple(
            (names[s], None if math.isnan(x) or math.isinf(x) else x, _quality_name(qq))
            for s, x, qq in zip(sl.tolist(), v.tolist(), q.tolist(), strict=True)
        )
        self._hub.publish(TAGS, TagBatch(ts, rx, items))

    def on_device_state(self, device: str, up: bool, ts: float) -> None:
        self._hub.publish(DEVICE, {"device": device, "up": up, "ts": ts})


def _quality_name(q: int) -> str:
    try:
        return Quality(q).name
    except ValueError:
        return "BAD_CONFIG"


class Journaled:
    """What the alarm journal sink receives (``engine.alarms.engine.JournalSink``), teed.

    Why a tee on the journal hand-off: that is the one place every transition passes (process,
    operator, expiry, design) together with flood events, in the alarm engine's order, whichever
    thread caused it. ``publish`` sees each row after it was handed to the journal.
    """

    def __init__(self, journal: Any, listeners: Sequence[Callable[[list[Any]], None]]) -> None:
        self._journal = journal
        self._listeners = tuple(listeners)

    def submit(self, rows: Iterable[Any], snapshots: Mapping[int, Any]) -> None:
        batch = list(rows)
        self._journal.submit(batch, snapshots)
        if not batch:
            return
        for listener in self._listeners:
            try:
                listener(batch)
            except Exception:  # a listener bug must never reach the alarm engine
                log.exception("journal listener %r failed", listener)


def alarm_event(row: Any, alarm_names: Mapping[int, str]) -> tuple[str, dict[str, Any]]:
    """A journal row (``JournalRow`` or ``SystemEventRow``) as a stream event (kind, data)."""
    if hasattr(row, "alarm_id"):
        return ALARM, {
            "alarm": alarm_names.get(row.alarm_id, str(row.alarm_id)), "ts": row.ts,
            "area": row.area, "priority": row.priority, "event": row.event,
            "cause": row.cause, "old_state": row.old_state, "new_state": row.new_state,
            "annunciated": row.annunciated,
            "value": None if row.value is None or row.value != row.value else row.value,
            "limit": row.limit, "user": row.username,
            "comment": row.comment, "first_out": row.first_out,
        }
    return SYSTEM, {"kind": row.kind, "area": row.area, "ts": row.ts,
                    "detail": dict(row.detail)}


@dataclass
class AlarmPublisher:
    """Journal listener: each row becomes an ``alarm`` (or ``system``) event, marshalled to
    the hub's loop in the alarm engine's order."""

    hub: StreamHub
    alarm_names: Mapping[int, str] = field(default_factory=dict)

    def __call__(self, rows: list[Any]) -> None:
        for row in rows:
            kind, data = alarm_event(row, self.alarm_names)
            self.hub.publish_threadsafe(kind, data)
