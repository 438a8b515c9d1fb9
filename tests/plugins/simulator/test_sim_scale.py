"""500 devices in one process: every server answers and stepping the physics stays cheap."""

from __future__ import annotations

import asyncio
import time

import pytest
from pymodbus.client import AsyncModbusTcpClient

from domain.field import DeviceDef
from domain.tags import RegisterTable
from plugins.simulator import FieldSimulator, field_from_dict, generate_field
from plugins.simulator.registers import decode
from tests.plugins.simulator.sim_ports import free_ports

pytestmark = pytest.mark.slow


async def test_500_wells_serve_and_step_cheaply() -> None:
    config = generate_field(500, seed=9)
    devices = [d for s in config["sites"] for d in s["devices"]]
    for device, port in zip(devices, free_ports(len(devices)), strict=True):
        device["port"] = port
    field = field_from_dict(config)
    sim = FieldSimulator(field, seed=1, step_s=0.5)
    started = time.perf_counter()
    await sim.start()
    try:
        assert time.perf_counter() - started < 10
        # Idle: only the physics runs (2 steps/s of ~3 ms for 500 wells).
        cpu0, wall0 = time.process_time(), time.perf_counter()
        await asyncio.sleep(2.0)
        idle_cpu = (time.process_time() - cpu0) / (time.perf_counter() - wall0)
        assert idle_cpu < 0.2, f"idle CPU {idle_cpu:.0%}"
        assert sim.version >= 3

        # Every device answers a read of its first measured tag.
        sem = asyncio.Semaphore(50)

        async def check(device_def) -> None:  # type: ignore[no-untyped-def]
            tag = next(t for t in device_def.tags if not t.writable)
            async with sem:
                client = AsyncModbusTcpClient("127.0.0.1", port=device_def.port, timeout=2)
                try:
                    assert await client.connect()
                    fn = (client.read_holding_registers if tag.table is RegisterTable.HOLDING
                          else client.read_input_registers)
                    # The physics steps in real time: compare only a read that no step
                    # overtook (the loaded CI box can step between the read and the check).
                    for _ in range(20):
                        version = sim.version
                        rr = await fn(tag.address, count=tag.register_count, device_id=1)
                        assert not rr.isError()
                        if sim.version == version:
                            break
                    else:
                        pytest.fail("the physics stepped during every read")
                    assert decode(tag, rr.registers) == pytest.approx(
                        sim.value(device_def.name, tag.signal), rel=1e-5, abs=tag.gain
                    )
                finally:
                    client.close()

        await asyncio.gather(*(check(d) for d in field.devices()))
    finally:
        await sim.stop()


async def test_500_wells_on_pad_rtus_serve_and_step_cheaply() -> None:
    """The benchmark's other layout: ~70 pad RTUs of 100-200 tags instead of 500 well RTUs."""
    config = generate_field(500, seed=9, rtu_per="pad")
    devices = [d for s in config["sites"] for d in s["devices"]]
    for device, port in zip(devices, free_ports(len(devices)), strict=True):
        device["port"] = port
    field = field_from_dict(config)
    assert 9000 <= sum(1 for _ in field.tags()) <= 11000
    sim = FieldSimulator(field, seed=1, step_s=0.5)
    assert len(sim.plant.rtu_of) == 500
    started = time.perf_counter()
    await sim.start()
    try:
        assert time.perf_counter() - started < 10
        steps = 20
        t0 = time.perf_counter()
        for _ in range(steps):
            sim.advance(0.5)
        assert (time.perf_counter() - t0) / steps < 0.05  # ~3 ms measured

        # Every RTU answers a block read of its first well's slice with that well's values.
        async def check(device_def: DeviceDef) -> None:
            first = device_def.tags[0].signal.split(":")[0]
            tags = [t for t in device_def.tags
                    if not t.writable and t.signal.startswith(f"{first}:")]
            lo, hi = tags[0].address, max(t.address + t.register_count for t in tags)
            client = AsyncModbusTcpClient("127.0.0.1", port=device_def.port, timeout=2)
            try:
                assert await client.connect()
                fn = (client.read_holding_registers if tags[0].table is RegisterTable.HOLDING
                      else client.read_input_registers)
                rr = await fn(lo, count=hi - lo, device_id=1)
                assert not rr.isError()
                for t in tags:
                    regs = list(rr.registers[t.address - lo : t.address - lo + t.register_count])
                    assert decode(t, regs) == pytest.approx(
                        sim.value(device_def.name, t.signal), rel=1e-5, abs=t.gain
                    ), t.name
            finally:
                client.close()

        await asyncio.gather(*(check(d) for d in field.devices() if d.model == "pad_rtu"))
    finally:
        await sim.stop()
