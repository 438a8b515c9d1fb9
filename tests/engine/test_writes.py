"""Engine-side writes: the scanner's write + read-back on the device's own connection, against
the real field simulator, and the select-before-operate rules of ``WriteService``."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass

import numpy as np
import pytest

from domain.field import Field
from domain.tags import DataType, TagDef
from engine.lvc import LastValueCache
from engine.scanner import Scanner
from engine.writes import (
    DeviceDown,
    Owner,
    SelectionError,
    TagNotWritable,
    UnknownTag,
    ValueOutOfRange,
    WriteRejected,
    WriteService,
    readback_tolerance,
)
from plugins.simulator import FieldSimulator
from plugins.simulator.generator import field_from_dict, generate_field
from tests._ports import free_ports
from tests.engine.alarms.test_alarm_simulator_e2e import NullSink, wait_for

ALICE = Owner("alice", "session-1")


def sim_field() -> Field:
    config = generate_field(3, seed=11, mix={"esp_well": 1.0})
    config["scan_classes"] = {"fast": 0.2, "normal": 0.5, "slow": 1.0}
    devices = [d for s in config["sites"] for d in s["devices"]]
    for device, port in zip(devices, free_ports(len(devices)), strict=True):
        device["port"] = port
        device["timeout_s"] = 0.3
    return field_from_dict(config)


@dataclass
class Live:
    field: Field
    sim: FieldSimulator
    scanner: Scanner
    service: WriteService


@pytest.fixture
async def live() -> AsyncIterator[Live]:
    fld = sim_field()
    ids = {t.name: i + 1 for i, t in enumerate(fld.tags())}
    lvc = LastValueCache()
    scanner = Scanner(fld, ids, NullSink(), lvc, backoff_base_s=0.1, backoff_cap_s=0.5)
    sim = FieldSimulator(fld, seed=11, step_s=0.2)
    await sim.start()
    task = asyncio.create_task(scanner.run())

    def current(name: str) -> tuple[float | None, str]:
        e = lvc.get(ids[name])
        return (None, "NO_VALUE") if e is None else (e.value, e.quality.name)

    service = WriteService(fld, scanner, current, loop=asyncio.get_running_loop())
    try:
        await wait_for(lambda: all(s.state == "connected" and s.last_ok
                                   for s in scanner.status().values()), 10)
        yield Live(fld, sim, scanner, service)
    finally:
        await scanner.stop()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await sim.stop()


async def test_write_goes_to_the_device_and_is_read_back(live: Live) -> None:
    for well, value in (("W01", 47.3), ("W02", 58.0), ("W03", 61.25)):
        result = await live.service.write(f"{well}.ESP.FREQ_SP", value)
        assert result.match, result
        assert live.sim.value(well, "esp.frequency_setpoint") == pytest.approx(
            value, abs=result.tolerance)
    # The physics follows the new setpoint: the drive ramps towards it.
    start = abs(live.sim.value("W01", "esp.frequency") - 47.3)
    await wait_for(lambda: abs(live.sim.value("W01", "esp.frequency") - 47.3) < start - 0.3,
                   10)


async def test_writes_interleave_with_polls_without_breaking_the_connection(
    live: Live
) -> None:
    before = {n: (s.timeouts, s.garbage, s.reconnects)
              for n, s in live.scanner.status().items()}
    results = await asyncio.gather(*(
        live.service.write(f"W0{1 + i % 3}.ESP.FREQ_SP", 40.0 + i) for i in range(12)))
    assert all(r.match for r in results)
    await asyncio.sleep(1.0)  # polls carry on
    for name, s in live.scanner.status().items():
        assert s.state == "connected"
        assert (s.timeouts, s.garbage, s.reconnects) == before[name], name


async def test_device_down_refuses_and_writes_nothing(live: Live) -> None:
    old = live.sim.value("W02", "esp.frequency_setpoint")
    await live.sim.inject("W02", "comms_loss")
    await wait_for(lambda: live.scanner.status()["W02"].state != "connected", 10)
    with pytest.raises(DeviceDown):
        await live.service.write("W02.ESP.FREQ_SP", 44.0)
    await live.sim.clear("W02", "comms_loss")
    await wait_for(lambda: live.scanner.status()["W02"].state == "connected", 10)
    assert live.sim.value("W02", "esp.frequency_setpoint") == old


async def test_refusals_before_anything_is_sent(live: Live) -> None:
    with pytest.raises(UnknownTag):
        await live.service.write("W09.ESP.FREQ_SP", 50.0)
    with pytest.raises(TagNotWritable):
        await live.service.write("W01.ESP.FREQ", 50.0)
    with pytest.raises(ValueOutOfRange):
        await live.service.write("W01.ESP.FREQ_SP", 95.0)
    # The scanner alone (no service checks): the driver refuses a read-only tag.
    with pytest.raises(WriteRejected):
        await live.scanner.write("W01.ESP.FREQ", 50.0)


class Clock:
    def __init__(self) -> None:
        self.t = 1_800_000_000.0

    def __call__(self) -> float:
        return self.t


class NoWriter:
    async def write(self, tag_name: str, value: float, *, timeout_s: float = 5.0) -> float:
        raise AssertionError("not used")


def rules_service() -> tuple[WriteService, Clock]:
    fld = sim_field()
    clock = Clock()
    return WriteService(fld, NoWriter(), lambda n: (50.0, "GOOD"), selection_ttl_s=30,
                        clock=clock), clock


def test_selection_rules() -> None:
    svc, clock = rules_service()
    tag = "W01.ESP.FREQ_SP"
    sel = svc.select(tag, 45.0, ALICE)
    assert (sel.current_value, sel.current_quality, sel.expires_at) == (50.0, "GOOD",
                                                                        clock.t + 30)
    with pytest.raises(SelectionError) as e:
        svc.select(tag, 46.0, Owner("bob", "s2"))
    assert e.value.code == "selected_by_other"
    with pytest.raises(SelectionError) as e:
        svc.take(tag, sel.id, Owner("bob", "s2"))
    assert e.value.code == "not_your_selection"
    with pytest.raises(SelectionError) as e:
        svc.take(tag, sel.id, Owner("alice", "another-session"))
    assert e.value.code == "not_your_selection"
    with pytest.raises(SelectionError) as e:
        svc.take(tag, sel.id, ALICE, 45.5)
    assert e.value.code == "value_changed"
    assert svc.take(tag, sel.id, ALICE, 45.0) == sel
    with pytest.raises(SelectionError) as e:
        svc.take(tag, sel.id, ALICE)
    assert e.value.code == "no_selection", "single use"

    again = svc.select(tag, 45.0, ALICE)
    replaced = svc.select(tag, 44.0, ALICE)  # the owner may change their mind
    with pytest.raises(SelectionError):
        svc.take(tag, again.id, ALICE)
    clock.t += 31
    with pytest.raises(SelectionError) as e:
        svc.take(tag, replaced.id, ALICE)
    assert e.value.code == "selection_expired"
    assert svc.select(tag, 46.0, Owner("bob", "s2")).owner.user == "bob"  # expired: free
    clock.t += 31
    other = svc.select(tag, 46.0, ALICE)
    assert svc.cancel(tag, other.id, ALICE) == other
    assert svc.open_selection(tag) is None


def test_select_checks_tag_and_range() -> None:
    svc, _ = rules_service()
    with pytest.raises(UnknownTag):
        svc.select("NOPE", 1.0, ALICE)
    with pytest.raises(TagNotWritable):
        svc.select("W01.ESP.FREQ", 50.0, ALICE)
    for bad in (29.9, 70.1, float("nan"), float("inf")):
        with pytest.raises(ValueOutOfRange):
            svc.select("W01.ESP.FREQ_SP", bad, ALICE)


def test_readback_tolerance_follows_the_tag_resolution() -> None:
    scaled = TagDef("T", "d", 0, DataType.UINT16, gain=0.1, writable=True)
    assert readback_tolerance(scaled, 47.3) == pytest.approx(0.05, abs=1e-4)
    flt = TagDef("F", "d", 0, DataType.FLOAT32, writable=True)
    assert readback_tolerance(flt, 47.3) < 1e-4
    assert abs(float(np.float32(47.3)) - 47.3) <= readback_tolerance(flt, 47.3)
