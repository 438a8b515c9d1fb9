"""Scanner: polls every field device on its scan classes' schedules and publishes the readings.

Design:

* One asyncio task per device, owning that device's single connection (Modbus allows one
  outstanding request per connection, and RTUs often accept one connection only). Devices are
  independent: a device that times out or vanishes only ever delays its own task.
* A device's tags are grouped by scan class (periods in ``field.scan_classes``); the driver
  builds one poll plan per class at start. The classes of one device share the connection and
  are polled one after another, earliest due first.
* Timing is drift-free (``domain.scheduling``): cycle ``k`` of a class is due at
  ``start + k * period`` on the loop's monotonic clock; a poll that overruns skips the cycles it
  missed and counts them as overruns instead of bursting to catch up.
* Connection: connect, scan until the driver raises ``DeviceUnreachable``, then close and
  reconnect after an exponential backoff with jitter (0.5 s doubling to 30 s by default). On
  going down, every tag of the device is written once as BAD_COMM (value NaN) to the last-value
  cache and the sink; the cache's staleness takes care of the time after that.
* Every reading goes to the last-value cache; the storage filter (deadband, quality change,
  heartbeat) decides which go to the sink, as column arrays (tag ids, ts in µs since the epoch
  UTC, values with NaN for no value, qualities).
* Observers (the alarm engine) get every reading as the same column arrays, right after the
  last-value cache, and each device's comms going down or coming back; an observer that raises
  is logged, never allowed to stop scanning.
* Per-device status (state, last_ok, consecutive failures, driver counters, overruns, last cycle
  time) is kept for the health report.
* Writes (:meth:`Scanner.write`) go through the device's own connection, serialised with its
  polls by a per-device lock (one outstanding Modbus request per connection), under their own
  timeout, and are followed by a read-back of the same registers: the caller learns what the
  device actually holds, not what was sent.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import random
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Protocol, cast

import numpy as np
import numpy.typing as npt

from domain.field import DeviceDef, Field
from domain.scheduling import backoff_delay, due_time, next_cycle
from domain.storage_filter import StorageFilter
from domain.tags import Quality, TagDef
from engine.lvc import LastValueCache
from engine.samples import SampleSink
from plugins.driver_api import DeviceUnreachable, Driver, PollPlan, Reading, load_driver_class

log = logging.getLogger(__name__)

DriverFactory = Callable[[DeviceDef], Driver]
SHUTDOWN_ATTEMPTS = 5
SHUTDOWN_WAIT_S = 2.0


def _raise_if_cancelling() -> None:
    """Re-raise a cancellation that something below us caught and turned into an error."""
    task = asyncio.current_task()
    if task is not None and task.cancelling():
        raise asyncio.CancelledError


class ScanObserver(Protocol):
    """Sees every poll's readings (all of one scan class of one device, taken at ``ts``,
    seconds since the epoch) and each device's comms changes. Called on the event loop: must
    not block."""

    def on_readings(
        self,
        tag_ids: npt.NDArray[np.int64],
        ts: float,
        values: npt.NDArray[np.float64],
        qualities: npt.NDArray[np.int16],
    ) -> None: ...

    def on_device_state(self, device: str, up: bool, ts: float) -> None: ...


@dataclass(slots=True)
class DeviceStatus:
    """One device's line in the health report."""

    device: str
    state: str = "connecting"  # connecting (never up yet) | connected | down (until reconnected)
    last_ok: float | None = None  # epoch s of the last poll the device answered
    consecutive_failures: int = 0  # failed connects / unanswered polls in a row
    requests: int = 0
    timeouts: int = 0
    exceptions: int = 0
    garbage: int = 0
    reconnects: int = 0
    overruns: int = 0  # scan cycles skipped because a poll ran past their due time
    last_cycle_ms: float = 0.0


class WriteError(Exception):
    """A write that did not happen as asked; subclasses say why (the API maps them)."""


class UnknownTag(WriteError):
    """No such tag in the field."""


class DeviceDown(WriteError):
    """The tag's device is not answering: nothing was sent."""


class WriteRejected(WriteError):
    """The driver refused to send it (not writable, out of range, no write support)."""


class WriteNotConfirmed(WriteError):
    """Sent, but the device did not confirm it (timeout, exception response, lost link): it
    may or may not have been applied; the read-back was not possible."""


class ReadBackFailed(WriteError):
    """The write was confirmed but reading the registers back gave no good value."""


DEFAULT_WRITE_TIMEOUT_S = 5.0


@dataclass(slots=True)
class _ScanClass:
    """One scan class of one device: its plan and where its tags live in ids and slots."""

    name: str
    period: float
    tags: tuple[TagDef, ...]
    plan: PollPlan
    tag_ids: npt.NDArray[np.int64]
    slots: npt.NDArray[np.intp]
    next_cycle: int = 0


def _default_driver(device: DeviceDef) -> Driver:
    return load_driver_class(device.driver)(device)


@dataclass(slots=True)
class _Shared:
    """What all device tasks publish into."""

    sink: SampleSink
    lvc: LastValueCache
    storage: StorageFilter
    backoff_base: float
    backoff_cap: float
    rand: Callable[[], float]
    observers: tuple[ScanObserver, ...] = ()


@dataclass(slots=True)
class _DeviceScanner:
    device: DeviceDef
    driver: Driver
    classes: list[_ScanClass]
    shared: _Shared
    status: DeviceStatus = field(init=False)
    _down_written: bool = False
    _comms_up: bool | None = None  # last comms state told to observers (None: not yet known)
    # Held for each poll and each write+read-back: one request at a time on the connection.
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    _readback_plans: dict[str, PollPlan] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.status = DeviceStatus(self.device.name)

    # -- publishing -----------------------------------------------------------------------

    def _publish(
        self,
        scan: _ScanClass,
        ts: float,
        values: npt.NDArray[np.float64],
        qualities: npt.NDArray[np.int16],
    ) -> None:
        shared = self.shared
        shared.lvc.update(scan.tag_ids.tolist(), ts, values.tolist(), qualities.tolist())
        for obs in shared.observers:
            try:
                obs.on_readings(scan.tag_ids, ts, values, qualities)
            except Exception:  # an observer bug must not stop the scan or the historian
                log.exception("scan observer %r failed on readings", obs)
        ts_us = int(ts * 1_000_000)
        keep = shared.storage.select(scan.slots, ts_us, values, qualities)
        if not keep.any():
            return
        ids = scan.tag_ids[keep]
        shared.sink.submit(
            cast(Sequence[int], ids),
            cast(Sequence[int], np.full(len(ids), ts_us, dtype=np.int64)),
            cast(Sequence[float], values[keep]),
            cast(Sequence[int], qualities[keep]),
        )

    def _publish_readings(self, scan: _ScanClass, ts: float, readings: Sequence[Reading]) -> None:
        values = np.fromiter(
            (math.nan if r.value is None else r.value for r in readings),
            dtype=np.float64,
            count=len(readings),
        )
        qualities = np.fromiter(
            (r.quality for r in readings), dtype=np.int16, count=len(readings)
        )
        self._publish(scan, ts, values, qualities)

    def _set_comms(self, up: bool, ts: float) -> None:
        """Tell observers when the device stops or starts answering (changes only)."""
        if self._comms_up is up:
            return
        self._comms_up = up
        for obs in self.shared.observers:
            try:
                obs.on_device_state(self.device.name, up, ts)
            except Exception:
                log.exception("scan observer %r failed on device state", obs)

    def _mark_down(self) -> None:
        """Device lost: its tags become BAD_COMM, written once per outage."""
        self.status.state = "down"
        self.status.consecutive_failures += 1
        ts = time.time()
        self._set_comms(False, ts)  # before the BAD_COMM readings: they are its consequence
        if self._down_written:
            return
        self._down_written = True
        for scan in self.classes:
            n = len(scan.tags)
            self._publish(
                scan,
                ts,
                np.full(n, math.nan),
                np.full(n, int(Quality.BAD_COMM), dtype=np.int16),
            )

    # -- running --------------------------------------------------------------------------

    async def run(self) -> None:
        failures = 0
        while True:
            _raise_if_cancelling()
            if self.status.state != "down":  # a dead device stays "down" while retried:
                self.status.state = "connecting"  # it is not up until a connect succeeds
            try:
                await self.driver.connect()
                self.status.state = "connected"
                self._down_written = False
                failures = 0
                await self._scan()
            except DeviceUnreachable as exc:
                log.info("device %s unreachable: %s", self.device.name, exc)
            except Exception:  # a driver bug must not end this device's scanning for good
                _raise_if_cancelling()  # ... but a stop the driver swallowed must still stop us
                log.exception("device %s: unexpected error while scanning", self.device.name)
            failures += 1
            try:
                self._mark_down()
            except Exception:  # the sink refused: keep scanning, the LVC still goes stale
                log.exception("device %s: could not record BAD_COMM", self.device.name)
            try:
                await self.driver.close()
            except Exception:
                log.exception("device %s: error closing the connection", self.device.name)
            shared = self.shared
            await asyncio.sleep(
                backoff_delay(
                    failures, base=shared.backoff_base, cap=shared.backoff_cap, rand=shared.rand
                )
            )

    async def _scan(self) -> None:
        loop = asyncio.get_running_loop()
        start = loop.time()
        for scan in self.classes:
            scan.next_cycle = 0
        while True:
            scan = min(
                self.classes, key=lambda c: (due_time(start, c.period, c.next_cycle), c.period)
            )
            delay = due_time(start, scan.period, scan.next_cycle) - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            async with self.lock:
                began = loop.time()
                ts = time.time()
                readings = await self.driver.poll(scan.plan)
            # pymodbus can turn a cancellation into a failed request (BAD_COMM readings): a
            # stop requested during a poll must not be lost, or shutdown would wait forever.
            _raise_if_cancelling()
            self._account(readings, ts)  # first: observers learn of a dead device before its
            self._publish_readings(scan, ts, readings)  # BAD_COMM readings
            now = loop.time()
            self.status.last_cycle_ms = (now - began) * 1000.0
            scan.next_cycle, skipped = next_cycle(start, scan.period, scan.next_cycle, now)
            self.status.overruns += skipped

    async def write(self, tag: TagDef, value: float, sent: list[bool]) -> float:
        """Write, then read the same registers back; returns the read-back value (EU).

        Waits for the poll in progress (the lock), never interleaves with one. The device must
        be connected when the write is about to be sent, else :class:`DeviceDown` and nothing
        is sent. ``sent[0]`` becomes True just before the request goes out.
        """
        async with self.lock:
            if self.status.state != "connected" or self._comms_up is False:
                raise DeviceDown(f"device {self.device.name} is {self.status.state}: "
                                 "not answering, nothing was written")
            sent[0] = True
            try:
                await self.driver.write(tag, value)
            except DeviceUnreachable as exc:
                raise DeviceDown(f"device {self.device.name} is unreachable: {exc}") from exc
            except NotImplementedError as exc:
                raise WriteRejected(str(exc)) from exc
            except ValueError as exc:  # the driver's refusal (e.g. Modbus WriteRefused)
                raise WriteRejected(str(exc)) from exc
            except Exception as exc:  # e.g. Modbus WriteFailed: sent, not confirmed
                raise WriteNotConfirmed(str(exc)) from exc
            plan = self._readback_plans.get(tag.name)
            if plan is None:
                plan = self._readback_plans[tag.name] = self.driver.plan([tag])
            try:
                readings = await self.driver.poll(plan)
            except DeviceUnreachable as exc:
                raise ReadBackFailed(
                    f"{tag.name}: written, but {self.device.name} stopped answering before "
                    f"the read-back: {exc}") from exc
        reading = readings[0] if readings else None
        if reading is None or reading.quality is not Quality.GOOD or reading.value is None:
            quality = reading.quality.name if reading is not None else "none"
            raise ReadBackFailed(f"{tag.name}: written, but the read-back gave {quality}")
        return float(reading.value)

    def _account(self, readings: Sequence[Reading], ts: float) -> None:
        answered = any(r.quality is not Quality.BAD_COMM for r in readings)
        if answered or not readings:
            self.status.last_ok = ts
            self.status.consecutive_failures = 0
            self._set_comms(True, ts)
        else:
            self.status.consecutive_failures += 1
            self._set_comms(False, ts)

    def snapshot(self) -> DeviceStatus:
        stats = self.driver.stats
        return replace(
            self.status,
            requests=stats.requests,
            timeouts=stats.timeouts,
            exceptions=stats.exceptions,
            garbage=stats.garbage,
            reconnects=stats.reconnects,
        )


class Scanner:
    """Scans every device of ``field``; ``tag_ids`` maps tag names to their historian ids."""

    def __init__(
        self,
        field: Field,
        tag_ids: Mapping[str, int],
        sink: SampleSink,
        lvc: LastValueCache,
        *,
        driver_factory: DriverFactory | None = None,
        backoff_base_s: float = 0.5,
        backoff_cap_s: float = 30.0,
        rand: Callable[[], float] = random.random,
        observers: Sequence[ScanObserver] = (),
    ) -> None:
        factory = driver_factory or _default_driver
        all_tags = list(field.tags())
        missing = [t.name for t in all_tags if t.name not in tag_ids]
        if missing:
            raise KeyError(f"no tag id for {len(missing)} tag(s), e.g. {missing[:3]}")
        slot_of = {t.name: i for i, t in enumerate(all_tags)}
        storage = StorageFilter(
            [t.deadband for t in all_tags], [t.max_interval_s for t in all_tags]
        )
        self._shared = _Shared(
            sink, lvc, storage, backoff_base_s, backoff_cap_s, rand, tuple(observers)
        )
        self._devices: list[_DeviceScanner] = []
        self._tags = {t.name: t for t in all_tags}
        self._naive = len(all_tags)
        for device in field.devices():
            if not device.tags:
                continue
            driver = factory(device)
            classes: list[_ScanClass] = []
            for name, period in sorted(field.scan_classes.items(), key=lambda kv: kv[1]):
                tags = tuple(t for t in device.tags if t.scan_class == name)
                if not tags:
                    continue
                ids = np.array([tag_ids[t.name] for t in tags], dtype=np.int64)
                slots = np.array([slot_of[t.name] for t in tags], dtype=np.intp)
                classes.append(_ScanClass(name, period, tags, driver.plan(tags), ids, slots))
                lvc.set_scan_period(ids.tolist(), period)
            self._devices.append(_DeviceScanner(device, driver, classes, self._shared))
        self._by_device = {dev.device.name: dev for dev in self._devices}
        self._tasks: list[asyncio.Task[None]] = []
        self._stopping = False

    async def run(self) -> None:
        """Scan until :meth:`stop` (or cancellation)."""
        self._stopping = False
        self._tasks = [
            asyncio.create_task(dev.run(), name=f"scan {dev.device.name}")
            for dev in self._devices
        ]
        # Device tasks are independent: wait for all of them (they only end on cancellation),
        # never let one's failure cancel the others as gather() would.
        try:
            await asyncio.wait(self._tasks)
        except asyncio.CancelledError:
            if not self._stopping:
                raise
        finally:
            await self._shutdown()

    async def _shutdown(self) -> None:
        pending = {t for t in self._tasks if not t.done()}
        for _attempt in range(SHUTDOWN_ATTEMPTS):
            if not pending:
                break
            for task in pending:
                task.cancel()
            _done, pending = await asyncio.wait(pending, timeout=SHUTDOWN_WAIT_S)
        if pending:
            log.error("%d device task(s) did not stop; abandoning them", len(pending))
        await asyncio.gather(*(t for t in self._tasks if t.done()), return_exceptions=True)
        for dev in self._devices:
            with contextlib.suppress(Exception):
                await dev.driver.close()

    async def stop(self) -> None:
        """Stop every device task and close the connections."""
        self._stopping = True
        await self._shutdown()

    async def write(
        self, tag_name: str, value: float, *, timeout_s: float = DEFAULT_WRITE_TIMEOUT_S
    ) -> float:
        """Write ``value`` (EU) to a tag on its device's connection, between two polls, and
        return the value read back from the device. Raises a :class:`WriteError` subclass;
        a timeout (waiting for the poll in progress included) is :class:`WriteNotConfirmed`
        if the write may have gone out. Call on the scanner's event loop."""
        tag = self._tags.get(tag_name)
        if tag is None:
            raise UnknownTag(tag_name)
        dev = self._by_device.get(tag.device)
        if dev is None or not self._tasks:
            raise DeviceDown(f"device {tag.device} is not being scanned: nothing was written")
        sent = [False]
        try:
            async with asyncio.timeout(timeout_s):
                return await dev.write(tag, value, sent)
        except TimeoutError:
            if not sent[0]:
                raise DeviceDown(
                    f"{tag.device} stayed busy for {timeout_s:g} s: nothing was written"
                ) from None
            raise WriteNotConfirmed(
                f"{tag_name}: no confirmation from {tag.device} within {timeout_s:g} s "
                "(the write may or may not have been applied)") from None

    def status(self) -> dict[str, DeviceStatus]:
        """Per-device status for the health report (copies, safe to keep)."""
        return {dev.device.name: dev.snapshot() for dev in self._devices}

    def device_status(self) -> dict[str, dict[str, Any]]:
        """:meth:`status` as plain dicts, the shape the health report serialises."""
        return {name: asdict(st) for name, st in self.status().items()}

    def request_count_per_cycle(self) -> int:
        """Requests one cycle of every scan class of every device makes (block reads)."""
        return sum(dev.driver.request_count(c.plan) for dev in self._devices for c in dev.classes)

    def naive_request_count(self) -> int:
        """Requests the same cycle would make reading one tag per request."""
        return self._naive
