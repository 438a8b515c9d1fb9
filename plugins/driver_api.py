"""The contract between the engine's scanner and a protocol driver.

The scanner owns *when* (scan classes, drift-free timing, reconnect backoff, quality
transitions); a driver owns *how* (the protocol, grouping tags into requests, decoding). One
driver instance serves one device and is only ever called from one task at a time, so it needs
no locking of its own.

Drivers are found through the ``oilfield.drivers`` entry-point group; the entry point's name is
the ``driver:`` value in the field config. The engine imports this module and nothing else of
``plugins``.
"""

from __future__ import annotations

import abc
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import entry_points

from domain.field import DeviceDef
from domain.tags import Quality, TagDef

ENTRY_POINT_GROUP = "oilfield.drivers"


class DeviceUnreachable(Exception):
    """The whole device is gone (refused, reset, timed out): every tag on it goes BAD_COMM and
    the scanner reconnects with backoff."""


@dataclass(slots=True)
class Reading:
    """One tag's outcome of a poll. ``value`` is in engineering units, or None when not good."""

    tag: TagDef
    value: float | None
    quality: Quality


@dataclass(slots=True)
class DriverStats:
    """Counters a driver keeps for the health report and the benchmarks."""

    requests: int = 0
    timeouts: int = 0
    exceptions: int = 0  # protocol exception responses (illegal address, device busy...)
    garbage: int = 0  # frames that could not be parsed
    reconnects: int = 0


class PollPlan(abc.ABC):  # noqa: B024 - a marker base: each driver keeps its own plan shape
    """Opaque, driver-specific plan for polling a fixed set of tags (e.g. Modbus block reads)."""


class Driver(abc.ABC):
    """One device's protocol client."""

    def __init__(self, device: DeviceDef) -> None:
        self.device = device
        self.stats = DriverStats()

    @abc.abstractmethod
    def plan(self, tags: Sequence[TagDef]) -> PollPlan:
        """Prepare to poll ``tags`` (called once per scan class, at start)."""

    @abc.abstractmethod
    def request_count(self, plan: PollPlan) -> int:
        """Protocol requests one poll of ``plan`` makes."""

    @abc.abstractmethod
    async def connect(self) -> None:
        """Open the connection. Raises :class:`DeviceUnreachable`."""

    @abc.abstractmethod
    async def poll(self, plan: PollPlan) -> list[Reading]:
        """Read every tag of ``plan`` once; one :class:`Reading` per tag, in plan order.

        A tag the device rejects comes back with BAD_CONFIG; a request that timed out or
        returned garbage gives its tags BAD_COMM. When the device as a whole is gone, raise
        :class:`DeviceUnreachable` instead.
        """

    async def write(self, tag: TagDef, value: float) -> None:
        """Write one value in engineering units. Drivers without writes refuse."""
        raise NotImplementedError(f"driver {self.device.driver!r} cannot write")

    @abc.abstractmethod
    async def close(self) -> None:
        """Close the connection; safe to call twice."""


def load_driver_class(name: str) -> type[Driver]:
    """The driver class registered under ``name`` in the ``oilfield.drivers`` entry points."""
    found = entry_points(group=ENTRY_POINT_GROUP, name=name)
    for ep in found:
        cls = ep.load()
        if not (isinstance(cls, type) and issubclass(cls, Driver)):
            raise TypeError(f"entry point {ep.value!r} is not a Driver subclass")
        return cls
    known = sorted(ep.name for ep in entry_points(group=ENTRY_POINT_GROUP))
    raise LookupError(f"no driver named {name!r}; installed drivers: {', '.join(known) or 'none'}")
