"""The field simulator: physics stepping in real time behind one Modbus TCP server per device.

``FieldSimulator`` owns a :class:`~plugins.simulator.plant.Plant` (the physics of every device)
and a :class:`~plugins.simulator.device_server.DeviceServer` per device, and takes events:
physical ones go to the physics, ``comms_loss`` stops that device's server until cleared.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from typing import Any

from domain.field import Field
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
        self._events: dict[str, set[str]] = {name: set() for name in self.servers}
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

    def value(self, device: str, signal: str) -> float:
        """Current simulated value of ``signal`` on ``device`` (engineering units)."""
        self._check_device(device)
        return self.plant.value(device, signal)

    def _write(self, device: str, signal: str, value: float) -> None:
        log.info("write %s %s = %s", device, signal, value)
        self.plant.write(device, signal, value)

    async def inject(self, device: str, event: str) -> None:
        """Start ``event`` on ``device``. Raises :class:`SimulatorError` when unknown."""
        self._check_event(device, event)
        if event == "comms_loss":
            await self.servers[device].stop()
        else:
            self.plant.inject(device, event)
        self._events[device].add(event)
        log.info("event %s injected on %s", event, device)

    async def clear(self, device: str, event: str) -> None:
        """End ``event`` on ``device`` (clearing an event that is not active is a no-op)."""
        self._check_event(device, event)
        if event == "comms_loss":
            if self._loop_task is not None:  # only serve again if the simulator is running
                await self.servers[device].start()
        else:
            self.plant.clear(device, event)
        self._events[device].discard(event)
        log.info("event %s cleared on %s", event, device)

    def status(self) -> dict[str, Any]:
        """Devices, their model, endpoint and active events (the control channel's answer)."""
        devices = []
        for dev in self.field.devices():
            devices.append(
                {
                    "name": dev.name,
                    "model": dev.model,
                    "host": dev.host,
                    "port": dev.port,
                    "unit_id": dev.unit_id,
                    "serving": self.servers[dev.name].serving,
                    "events": sorted(self._events[dev.name]),
                    "available_events": sorted(self.plant.events_of(dev.name)),
                }
            )
        return {
            "field": self.field.name,
            "seed": self.seed,
            "step_s": self.step_s,
            "steps": self.version,
            "devices": devices,
        }

    def _check_device(self, device: str) -> None:
        if device not in self.servers:
            known = sorted(self.servers)
            shown = ", ".join(known[:10]) + (" ..." if len(known) > 10 else "")
            raise SimulatorError(f"unknown device {device!r}; devices: {shown}")

    def _check_event(self, device: str, event: str) -> None:
        self._check_device(device)
        if event in SERVER_EVENTS:
            return
        known = self.plant.events_of(device)
        if event not in known:
            model = self.field.device(device).model
            raise SimulatorError(
                f"device {device!r} ({model}) has no event {event!r}; "
                f"known: {', '.join(sorted(known))}"
            )


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
