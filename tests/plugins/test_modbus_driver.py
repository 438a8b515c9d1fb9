"""Modbus TCP driver against real pymodbus servers (and a real junk server) on loopback."""

from __future__ import annotations

import math
from collections.abc import AsyncIterator

import pytest

from domain.codec import encode
from domain.field import DeviceDef
from domain.tags import ByteOrder, DataType, Quality, RegisterTable, TagDef, WordOrder
from plugins.driver_api import DeviceUnreachable, load_driver_class
from plugins.modbus.driver import ModbusTcpDriver, WriteFailed, WriteRefused
from tests._modbus_server import JunkServer, ModbusTestServer
from tests._ports import free_port

H, IN = RegisterTable.HOLDING, RegisterTable.INPUT

SAMPLE = {
    DataType.INT16: -12345,
    DataType.UINT16: 54321,
    DataType.INT32: -123456789,
    DataType.UINT32: 3_000_000_000,
    DataType.FLOAT32: 123.456,
    DataType.FLOAT64: -9876.54321,
}


def device(port: int, **kw) -> DeviceDef:
    kw.setdefault("timeout_s", 0.2)
    kw.setdefault("retries", 0)
    return DeviceDef("rtu1", "pad1", port=port, **kw)


@pytest.fixture
async def server() -> AsyncIterator[ModbusTestServer]:
    async with ModbusTestServer() as srv:
        yield srv


@pytest.fixture
async def driver(server: ModbusTestServer) -> AsyncIterator[ModbusTcpDriver]:
    drv = ModbusTcpDriver(device(server.port))
    await drv.connect()
    yield drv
    await drv.close()


def test_registered_as_the_modbus_entry_point():
    assert load_driver_class("modbus") is ModbusTcpDriver


async def test_every_type_byte_and_word_order_served_and_read_back(server, driver):
    tags: list[TagDef] = []
    address = 0
    for table in (H, IN):
        for data_type, raw in SAMPLE.items():
            for byte_order in ByteOrder:
                for word_order in WordOrder:
                    name = f"{table}.{data_type}.{byte_order}.{word_order}"
                    t = TagDef(name, "rtu1", address, data_type, table, byte_order, word_order)
                    server.set_raw(t, raw)
                    tags.append(t)
                    address += data_type.register_count + 1  # a one-register gap: bridged
    plan = driver.plan(tags)
    readings = await driver.poll(plan)
    assert [r.tag for r in readings] == tags
    for r in readings:
        expected = SAMPLE[r.tag.data_type]
        assert r.quality is Quality.GOOD, r
        if r.tag.data_type is DataType.FLOAT32:
            assert r.value == pytest.approx(expected, rel=1e-7)
        else:
            assert r.value == expected
    # 2 tables x 24 tags of 72 registers with gaps: one bridged block each, not 48 requests
    assert driver.request_count(plan) == 2
    assert driver.stats.requests == 2


async def test_gain_offset_and_instrument_range(server, driver):
    scaled = TagDef("p", "rtu1", 10, DataType.INT16, gain=0.1, offset=-5.0, eu_min=0, eu_max=100)
    server.set_raw(scaled, 500)
    nan_tag = TagDef("n", "rtu1", 20, DataType.FLOAT32)
    server.set_registers(H, 20, encode(math.nan, DataType.FLOAT32))
    plan = driver.plan([scaled, nan_tag])
    good, bad = await driver.poll(plan)
    assert good.value == pytest.approx(45.0) and good.quality is Quality.GOOD
    assert bad.value is None and bad.quality is Quality.BAD_CONFIG
    server.set_raw(scaled, 1500)  # 145 EU: above eu_max
    good, _ = await driver.poll(plan)
    assert good.quality is Quality.UNCERTAIN and good.value == pytest.approx(145.0)


async def test_blocks_respect_max_block_and_max_gap():
    async with ModbusTestServer(holding=((0, 400),)) as srv:
        drv = ModbusTcpDriver(device(srv.port, max_block=100, max_gap=4))
        await drv.connect()
        try:
            tags = [TagDef(f"t{a}", "rtu1", a, DataType.UINT16) for a in range(0, 300)]
            tags += [TagDef("far", "rtu1", 390, DataType.UINT16)]
            for t in tags:
                srv.set_raw(t, t.address)
            plan = drv.plan(tags)
            assert drv.request_count(plan) == 4
            readings = await drv.poll(plan)
            assert [r.value for r in readings] == [t.address for t in tags]
            assert srv.requests == 4
        finally:
            await drv.close()


async def test_rejected_tag_in_bridged_block_is_isolated():
    # registers 0-19 and 30-39 exist; 20-29 answer "illegal data address"
    async with ModbusTestServer(holding=((0, 20), (30, 10))) as srv:
        drv = ModbusTcpDriver(device(srv.port))
        await drv.connect()
        try:
            tags = [
                TagDef("a", "rtu1", 0, DataType.FLOAT32),
                TagDef("b", "rtu1", 10, DataType.INT16),
                TagDef("bad", "rtu1", 25, DataType.UINT16),
                TagDef("c", "rtu1", 32, DataType.INT32),
            ]
            for t, raw in zip(tags, (1.5, -2, 0, 70000), strict=True):
                if t.name != "bad":
                    srv.set_raw(t, raw)
            plan = drv.plan(tags)
            assert drv.request_count(plan) == 1  # one bridged block 0..33
            readings = await drv.poll(plan)
            assert [(r.tag.name, r.quality) for r in readings] == [
                ("a", Quality.GOOD),
                ("b", Quality.GOOD),
                ("bad", Quality.BAD_CONFIG),
                ("c", Quality.GOOD),
            ]
            assert [r.value for r in readings] == [1.5, -2, None, 70000]
            assert drv.stats.exceptions == 2  # the block, then "bad" alone while probing
            # From now on "bad" is read alone and the good tags do not bridge the hole.
            before = drv.stats.exceptions
            requests = drv.request_count(plan)
            readings = await drv.poll(plan)
            assert [r.quality for r in readings] == [
                Quality.GOOD, Quality.GOOD, Quality.BAD_CONFIG, Quality.GOOD
            ]
            assert drv.stats.exceptions == before + 1  # only "bad" itself
            assert srv.requests >= requests
        finally:
            await drv.close()


async def test_bridged_gap_rejected_without_any_bad_tag():
    async with ModbusTestServer(holding=((0, 5), (10, 5))) as srv:
        drv = ModbusTcpDriver(device(srv.port))
        await drv.connect()
        try:
            tags = [
                TagDef("a", "rtu1", 0, DataType.UINT16),
                TagDef("b", "rtu1", 10, DataType.UINT16),
            ]
            srv.set_raw(tags[0], 7)
            srv.set_raw(tags[1], 8)
            plan = drv.plan(tags)
            assert [r.value for r in await drv.poll(plan)] == [7, 8]
            assert drv.request_count(plan) == 2  # no longer bridged
            exceptions = drv.stats.exceptions
            assert [r.quality for r in await drv.poll(plan)] == [Quality.GOOD] * 2
            assert drv.stats.exceptions == exceptions
        finally:
            await drv.close()


async def test_timeouts_give_bad_comm_then_unreachable():
    async with ModbusTestServer(delay_s=0.5) as srv:
        drv = ModbusTcpDriver(device(srv.port, timeout_s=0.1))
        await drv.connect()
        try:
            plan = drv.plan([TagDef("a", "rtu1", 0, DataType.UINT16)])
            (r,) = await drv.poll(plan)
            assert r.quality is Quality.BAD_COMM and r.value is None
            assert drv.stats.timeouts == 1
            with pytest.raises(DeviceUnreachable):
                for _ in range(drv.unreachable_after):
                    await drv.poll(plan)
        finally:
            await drv.close()


async def test_garbage_frames_count_and_reconnect():
    async with JunkServer() as junk:
        drv = ModbusTcpDriver(device(junk.port, timeout_s=0.1))
        await drv.connect()
        try:
            plan = drv.plan([TagDef("a", "rtu1", 0, DataType.UINT16)])
            (r,) = await drv.poll(plan)
            assert r.quality is Quality.BAD_COMM
            assert drv.stats.garbage == 1 and drv.stats.timeouts == 0
            assert drv.stats.reconnects == 1 and junk.connections == 2
            # A device that only ever answers garbage ends up unreachable, not retried forever.
            with pytest.raises(DeviceUnreachable):
                for _ in range(drv.unreachable_after):
                    await drv.poll(plan)
        finally:
            await drv.close()


async def test_frame_shaped_garbage_with_bad_function_code():
    # valid MBAP header (protocol id 0) around a PDU with an unknown function code
    async with JunkServer(b"\x00\x01\x00\x00\x00\x03\x01\x63\x00") as junk:
        drv = ModbusTcpDriver(device(junk.port, timeout_s=0.1))
        await drv.connect()
        try:
            plan = drv.plan([TagDef("a", "rtu1", 0, DataType.UINT16)])
            (r,) = await drv.poll(plan)
            assert r.quality is Quality.BAD_COMM
            assert drv.stats.garbage == 1
        finally:
            await drv.close()


async def test_vanishing_device_raises_unreachable_and_comes_back():
    srv = await ModbusTestServer().start()
    tag = TagDef("a", "rtu1", 3, DataType.UINT16)
    srv.set_raw(tag, 42)
    drv = ModbusTcpDriver(device(srv.port))
    await drv.connect()
    plan = drv.plan([tag])
    assert (await drv.poll(plan))[0].value == 42
    await srv.stop()
    with pytest.raises(DeviceUnreachable):
        await drv.poll(plan)
    with pytest.raises(DeviceUnreachable):
        await drv.connect()
    await srv.start()  # same port, same registers
    try:
        await drv.connect()
        assert (await drv.poll(plan))[0].value == 42
        assert drv.stats.reconnects == 1
    finally:
        await drv.close()
        await srv.stop()


async def test_connect_refused_is_unreachable():
    drv = ModbusTcpDriver(device(free_port()))
    with pytest.raises(DeviceUnreachable):
        await drv.connect()
    await drv.close()
    await drv.close()  # twice is fine


async def test_write_encodes_and_uses_function_16(server, driver):
    setpoint = TagDef(
        "sp", "rtu1", 50, DataType.FLOAT32, word_order=WordOrder.LITTLE, writable=True,
        gain=2.0, offset=1.0, eu_min=0, eu_max=1000,
    )
    await driver.write(setpoint, 101.0)  # raw 50.0
    expected = encode(50.0, DataType.FLOAT32, word_order=WordOrder.LITTLE)
    assert server.get_registers(H, 50, 2) == expected
    (r,) = await driver.poll(driver.plan([setpoint]))
    assert r.value == pytest.approx(101.0)
    speed = TagDef("sp16", "rtu1", 60, DataType.INT16, writable=True)
    await driver.write(speed, -300)
    assert server.get_registers(H, 60, 1) == [0x10000 - 300]


async def test_write_refusals(server, driver):
    with pytest.raises(WriteRefused, match="not writable"):
        await driver.write(TagDef("ro", "rtu1", 0, DataType.INT16), 1)
    with pytest.raises(WriteRefused, match="read-only"):
        await driver.write(TagDef("in", "rtu1", 0, DataType.INT16, table=IN, writable=True), 1)
    rng = TagDef("r", "rtu1", 0, DataType.INT16, writable=True, eu_max=10)
    with pytest.raises(WriteRefused, match="range"):
        await driver.write(rng, 11)
    with pytest.raises(WriteRefused):
        await driver.write(TagDef("w", "rtu1", 0, DataType.INT16, writable=True), math.nan)
    with pytest.raises(WriteRefused, match="int16"):
        await driver.write(TagDef("w", "rtu1", 0, DataType.INT16, writable=True), 40000)
    with pytest.raises(WriteRefused, match="other"):
        await driver.write(TagDef("o", "other", 0, DataType.INT16, writable=True), 1)
    assert server.get_registers(H, 0, 1) == [0]


async def test_write_rejected_by_device():
    async with ModbusTestServer(holding=((0, 10),)) as srv:
        drv = ModbusTcpDriver(device(srv.port))
        await drv.connect()
        try:
            with pytest.raises(WriteFailed, match="rejected"):
                await drv.write(TagDef("w", "rtu1", 500, DataType.INT16, writable=True), 1)
        finally:
            await drv.close()
