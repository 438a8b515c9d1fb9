"""The field simulator: physics stepping in real time behind one Modbus TCP server per device.

``FieldSimulator`` owns a :class:`~plugins.simulator.plant.Plant` (the physics of every well
and facility) and a :class:`~plugins.simulator.device_server.DeviceServer` per device, and takes
events: physical ones go to the physics and address a WELL by name (whether it is a device of
its own or one of the wells of a pad RTU) or a facility PLC; ``comms_loss`` addresses a DEVICE
(for a pad RTU: the RTU, with all its wells) and stops its server until cleared.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import Iterable
from typing import Any

from domain.field import DeviceDef, Field
from plugins.simulator.control_client import DEFAULT_CONTROL_PORT, send_control
from plugins.simulator.device_server import DeviceServer
from plugins.simulator.plant import SERVER_EVENTS, Plant

__all__ = ["FieldSimulator", "SimulatorError", "run_simulator", "send_control"]

log = logging.getLogger(__name__)

MAX_CATCH_UP_STEPS = 5  # after a stall, step at most this many periods at once


class SimulatorError(ValueError):
    """A control request the simulator cannot carry out (unknown device or event)."""


class FieldSimulator:
    """A whole simulated field, served over Modbus TCP on its devices' host:port."""

    def __init__(self, field: Field, seed: int, step_s: float = 0.5) -> None:
        if step_s <= 0:
            raise ValueError("step_s must be > 0")
        field.validate()
        self.field = field
        self.seed = seed
        self.step_s = step_s
        self.plant = Plant(field, seed)
        self.version = 0  # physics steps taken; devices refresh registers when it moves
        self.servers: dict[str, DeviceServer] = {}
        for device in field.devices():
            self.servers[device.name] = DeviceServer(
                device,
                read_signal=functools.partial(self.plant.value, device.name),
                write_signal=functools.partial(self._write, device.name),
                version=self._steps,
            )
        # Active events by target: device names, plus the wells of pad RTUs.
        self._events: dict[str, set[str]] = {
            name: set() for name in (*self.servers, *self.plant.rtu_of)
        }
        self._loop_task: asyncio.Task[None] | None = None

    # -- lifecycle -----------------------------------------------------------------------------

    async def start(self) -> None:
        """Open every device's server and start stepping the physics in real time."""
        try:
            for server in self.servers.values():
                await server.start()
        except BaseException:
            await self.stop()
            raise
        self._loop_task = asyncio.create_task(self._run(), name="field-simulator-physics")
        log.info("field %r simulated: %d devices", self.field.name, len(self.servers))

    async def stop(self) -> None:
        task, self._loop_task = self._loop_task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        for server in self.servers.values():
            await server.stop()

    async def __aenter__(self) -> FieldSimulator:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    def _steps(self) -> int:
        return self.version

    def advance(self, dt_s: float) -> None:
        """Step the physics by ``dt_s`` simulated seconds (the real-time loop calls this)."""
        self.plant.step(dt_s)
        self.version += 1

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        last = next_tick = loop.time()
        while True:
            next_tick += self.step_s
            await asyncio.sleep(max(0.0, next_tick - loop.time()))
            now = loop.time()
            self.advance(min(now - last, MAX_CATCH_UP_STEPS * self.step_s))
            last = now
            if now - next_tick > MAX_CATCH_UP_STEPS * self.step_s:
                next_tick = now  # stalled (debugger, overload): resume, do not burst

    # -- values, events ------------------------------------------------------------------------

    def value(self, name: str, signal: str) -> float:
        """Current simulated value (engineering units) of a tag signal on a device
        (``"W03:esp.frequency"`` on a pad RTU), or of a plain signal of a well by well name."""
        self._check_name(name)
        return self.plant.value(name, signal)

    def _write(self, device: str, signal: str, value: float) -> None:
        log.info("write %s %s = %s", device, signal, value)
        self.plant.write(device, signal, value)

    async def inject(self, name: str, event: str) -> None:
        """Start ``event`` on a well, facility or (``comms_loss``) device, by name.

        Raises :class:`SimulatorError` when the name or event is unknown there.
        """
        self._check_event(name, event)
        if event == "comms_loss":
            await self.servers[name].stop()
        else:
            self.plant.inject(name, event)
        self._events[name].add(event)
        log.info("event %s injected on %s", event, name)

    async def clear(self, name: str, event: str) -> None:
        """End ``event`` on ``name`` (clearing an event that is not active is a no-op)."""
        self._check_event(name, event)
        if event == "comms_loss":
            if self._loop_task is not None:  # only serve again if the simulator is running
                await self.servers[name].start()
        else:
            self.plant.clear(name, event)
        self._events[name].discard(event)
        log.info("event %s cleared on %s", event, name)

    def status(self) -> dict[str, Any]:
        """Devices, their model, endpoint and active events (the control channel's answer).

        A pad RTU's entry also lists its ``wells``, each with its own events: physical events
        address wells, ``comms_loss`` the RTU.
        """
        return {
            "field": self.field.name,
            "seed": self.seed,
            "step_s": self.step_s,
            "steps": self.version,
            "devices": [self._device_status(dev) for dev in self.field.devices()],
        }

    def _device_status(self, dev: DeviceDef) -> dict[str, Any]:
        wells = self.plant.rtu_wells.get(dev.name)
        physical = frozenset() if wells is not None else self.plant.events_of(dev.name)
        entry: dict[str, Any] = {
            "name": dev.name,
            "model": dev.model,
            "host": dev.host,
            "port": dev.port,
            "unit_id": dev.unit_id,
            "serving": self.servers[dev.name].serving,
            "events": sorted(self._events[dev.name]),
            "available_events": sorted(physical | SERVER_EVENTS),
        }
        if wells is not None:
            entry["wells"] = [
                {
                    "name": well,
                    "model": self.plant.binding(well).group.model,
                    "events": sorted(self._events[well]),
                    "available_events": sorted(self.plant.events_of(well)),
                }
                for well in wells
            ]
        return entry

    def _check_name(self, name: str) -> None:
        if name in self.servers or name in self.plant.rtu_of:
            return
        message = f"unknown device {name!r}; devices: {_shown(self.servers)}"
        if self.plant.rtu_of:
            message += f"; wells on pad RTUs: {_shown(self.plant.rtu_of)}"
        raise SimulatorError(message)

    def _check_event(self, name: str, event: str) -> None:
        self._check_name(name)
        rtu = self.plant.rtu_of.get(name)
        if rtu is not None:
            self._check_pad_well_event(name, rtu, event)
            return
        if event in SERVER_EVENTS:
            return
        wells = self.plant.rtu_wells.get(name)
        if wells is not None:
            raise SimulatorError(
                f"device {name!r} is a pad RTU: it only takes {_listed(SERVER_EVENTS)}; "
                f"inject {event!r} on one of its wells by name: {_shown(wells)}"
            )
        known = self.plant.events_of(name) | SERVER_EVENTS
        if event not in known:
            model = self.field.device(name).model
            raise SimulatorError(
                f"device {name!r} ({model}) has no event {event!r}; known: {_listed(known)}"
            )

    def _check_pad_well_event(self, well: str, rtu: str, event: str) -> None:
        """Wells on a pad RTU take physical events; server events go to the RTU itself."""
        if event in SERVER_EVENTS:
            raise SimulatorError(
                f"{well!r} is a well on pad RTU {rtu!r}; {event!r} addresses a device: "
                f"inject it on {rtu!r} (it takes every well of that RTU off the air)"
            )
        known = self.plant.events_of(well)
        if event not in known:
            model = self.plant.binding(well).group.model
            raise SimulatorError(
                f"well {well!r} ({model}) on pad RTU {rtu!r} has no event {event!r}; "
                f"known: {_listed(known)}"
            )


def _shown(names: Iterable[str], limit: int = 10) -> str:
    """The first few names, sorted, for an error message."""
    known = sorted(names)
    return ", ".join(known[:limit]) + (" ..." if len(known) > limit else "")


def _listed(events: Iterable[str]) -> str:
    return ", ".join(sorted(events))

async def run_simulator(
    field: Field,
    seed: int,
    control_port: int = DEFAULT_CONTROL_PORT,
    stop_event: asyncio.Event | None = None,
    *,
    step_s: float = 0.5,
    control_host: str = "127.0.0.1",
) -> None:
    """Serve ``field`` until ``stop_event`` is set (forever if None), with a control channel.

    This is what ``oilfield sim`` runs; argument parsing stays in the CLI. Raises ``OSError``
    if a device port or the control port is already taken.
    """
    from plugins.simulator.control import ControlServer  # control imports this module

    stop = stop_event or asyncio.Event()
    sim = FieldSimulator(field, seed=seed, step_s=step_s)
    control = ControlServer(sim, host=control_host, port=control_port)
    await sim.start()
    try:
        await control.start()
        try:
            log.info(
                "simulating %r: %d devices; control on %s:%d",
                field.name, len(sim.servers), control_host, control.port,
            )
            await stop.wait()
        finally:
            await control.stop()
    finally:
        await sim.stop()
