"""End to end: the real field simulator (pymodbus servers on loopback), the real Scanner and
Modbus driver, and the alarm engine journaling to PostgreSQL.

An injected ESP trip raises the running-status alarm (high, first-out of the well's trip group)
and nothing the stop explains; a comms loss raises one COMMS alarm for the device and no per-tag
alarm.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path

from domain.alarms.state import AlarmState
from engine.lvc import LastValueCache
from engine.scanner import Scanner
from plugins.simulator import FieldSimulator
from plugins.simulator.generator import dump_yaml, generate_field
from tests._ports import free_ports
from tests.engine.alarms.rig import Rig


class NullSink:
    def submit(self, tag_ids, ts_us, values, qualities) -> None:  # type: ignore[no-untyped-def]
        pass


async def wait_for(cond: Callable[[], bool], within: float) -> None:
    deadline = time.monotonic() + within
    while not cond():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.05)


def small_field() -> str:
    config = generate_field(3, seed=7, mix={"esp_well": 1.0})
    config["scan_classes"] = {"fast": 0.2, "normal": 0.5, "slow": 1.0}
    devices = [d for s in config["sites"] for d in s["devices"]]
    for device, port in zip(devices, free_ports(len(devices)), strict=True):
        device["port"] = port
        device["timeout_s"] = 0.3
    return dump_yaml(config)


async def test_esp_trip_and_comms_loss_against_the_simulator(
    database_url: str, tmp_path: Path
) -> None:
    rig = Rig(database_url, tmp_path, small_field())
    field = rig.config.field
    engine = rig.engine
    rig.clock.t = time.time()
    scanner = Scanner(
        field, rig.tag_ids, NullSink(), LastValueCache(), observers=[engine],
        backoff_base_s=0.1, backoff_cap_s=0.5,
    )
    sim = FieldSimulator(field, seed=7, step_s=0.2)
    await sim.start()
    task = asyncio.create_task(scanner.run())
    try:
        await wait_for(
            lambda: all(s.state == "connected" and s.last_ok for s in scanner.status().values()),
            10,
        )
        await asyncio.sleep(1.5)  # every scan class polled at least once
        assert engine.active() == [], "a fresh simulated field starts with no alarms"

        await sim.inject("W01", "esp_trip")
        await wait_for(lambda: engine.state_of("W01.ESP.RUN.DISCRETE") is AlarmState.UNACK, 5)
        await asyncio.sleep(1.0)  # let the slower scan classes see the stopped well too
        active = {a["name"]: a for a in engine.active()}
        assert set(active) == {"W01.ESP.RUN.DISCRETE"}
        run = active["W01.ESP.RUN.DISCRETE"]
        assert run["priority"] == "high" and run["first_out"]
        assert engine.state_of("W01.ESP.LOAD.LO") is AlarmState.SUPPRESSED_BY_DESIGN
        rows = rig.rows("W01.ESP.RUN.DISCRETE")
        assert rows[0]["event"] == "activate" and rows[0]["first_out"]
        assert rows[0]["priority"] == 3 and rows[0]["value"] == 0.0

        await sim.inject("W02", "comms_loss")
        await wait_for(lambda: engine.state_of("W02.COMMS") is AlarmState.UNACK, 5)
        await asyncio.sleep(1.5)  # more polls fail: still one alarm
        w02 = [r for r in rig.rows() if r["area"].endswith("/W02")]
        assert [(r["alarm"], r["event"]) for r in w02 if r["annunciated"]] == [
            ("W02.COMMS", "activate")]
        assert engine.alarm("W02.COMMS")["priority"] == "high"

        await sim.clear("W02", "comms_loss")
        await wait_for(lambda: engine.state_of("W02.COMMS") is AlarmState.RTN_UNACK, 8)
        assert {a["name"] for a in engine.active()} == {"W01.ESP.RUN.DISCRETE", "W02.COMMS"}
    finally:
        await scanner.stop()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await sim.stop()
        rig.close()


async def test_no_comms_alarm_at_start_when_every_device_answers(
    database_url: str, tmp_path: Path
) -> None:
    """The simulator is up before the scanner and the alarm engine start: a device that has not
    been tried yet ('connecting') is not down, so no COMMS alarm is raised or journaled."""
    rig = Rig(database_url, tmp_path, small_field())
    field = rig.config.field
    rig.clock.t = time.time()
    sim = FieldSimulator(field, seed=7, step_s=0.2)
    await sim.start()
    scanner = Scanner(
        field, rig.tag_ids, NullSink(), LastValueCache(), observers=[rig.engine],
        backoff_base_s=0.1, backoff_cap_s=0.5,
    )
    task = asyncio.create_task(scanner.run())
    try:
        await wait_for(
            lambda: all(s.state == "connected" and s.last_ok for s in scanner.status().values()),
            10,
        )
        await asyncio.sleep(1.5)  # every scan class polled at least once
        comms = [f"{d.name}.COMMS" for d in field.devices()]
        assert all(rig.engine.state_of(name) is AlarmState.NORMAL for name in comms)
        assert [r for r in rig.rows() if r["alarm"].endswith(".COMMS")] == []
        assert rig.engine.active() == []
    finally:
        await scanner.stop()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await sim.stop()
        rig.close()
