"""Scanner against real pymodbus servers on loopback: values, qualities, outages, timing."""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable, Sequence

import numpy as np
import pytest

from domain.field import DeviceDef, Field, SiteDef
from domain.tags import DataType, Quality, TagDef
from engine.lvc import LastValueCache
from engine.scanner import Scanner
from tests._modbus_server import ModbusTestServer


class ListSink:
    """Collects what the scanner submits, as (tag id, ts µs, value, quality) rows."""

    def __init__(self) -> None:
        self.rows: list[tuple[int, int, float, int]] = []

    def submit(
        self,
        tag_ids: Sequence[int],
        ts_us: Sequence[int],
        values: Sequence[float],
        qualities: Sequence[int],
    ) -> None:
        assert len(tag_ids) == len(ts_us) == len(values) == len(qualities)
        for row in zip(tag_ids, ts_us, values, qualities, strict=True):
            self.rows.append((int(row[0]), int(row[1]), float(row[2]), int(row[3])))

    def of(self, tag_id: int) -> list[tuple[int, int, float, int]]:
        return [r for r in self.rows if r[0] == tag_id]


def make_device(name: str, port: int, tags: list[TagDef], **kw) -> DeviceDef:
    kw.setdefault("timeout_s", 0.2)
    kw.setdefault("retries", 0)
    return DeviceDef(name, "pad", port=port, tags=tuple(tags), **kw)


def make_field(*devices: DeviceDef, classes: dict[str, float] | None = None) -> Field:
    f = Field("test", classes or {"fast": 0.1, "slow": 0.3}, (SiteDef("pad", devices=devices),))
    f.validate()
    return f


def ids_for(field: Field) -> dict[str, int]:
    return {t.name: 100 + i for i, t in enumerate(field.tags())}


async def wait_for(cond: Callable[[], bool], within: float = 5.0) -> None:
    deadline = time.monotonic() + within
    while not cond():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


def make_scanner(field: Field, sink: ListSink, lvc: LastValueCache) -> Scanner:
    return Scanner(
        field, ids_for(field), sink, lvc, backoff_base_s=0.05, backoff_cap_s=0.2, rand=lambda: 0.5
    )


async def test_values_arrive_in_sink_and_lvc_with_quality():
    async with ModbusTestServer() as srv:
        tags = [
            TagDef("W1.P", "d1", 0, DataType.FLOAT32, scan_class="fast", gain=2.0),
            TagDef("W1.T", "d1", 2, DataType.INT16, scan_class="fast"),
            TagDef("W1.Q", "d1", 10, DataType.UINT32, scan_class="slow"),
        ]
        srv.set_raw(tags[0], 12.5)
        srv.set_raw(tags[1], -40)
        srv.set_raw(tags[2], 123456)
        field = make_field(make_device("d1", srv.port, tags))
        sink, lvc = ListSink(), LastValueCache()
        scanner = make_scanner(field, sink, lvc)
        assert scanner.request_count_per_cycle() == 2  # one block per scan class
        assert scanner.naive_request_count() == 3
        task = asyncio.create_task(scanner.run())
        try:
            await wait_for(lambda: len({r[0] for r in sink.rows}) == 3)
            assert sink.of(100)[0][2:] == (25.0, Quality.GOOD)
            assert sink.of(101)[0][2:] == (-40.0, Quality.GOOD)
            assert sink.of(102)[0][2:] == (123456.0, Quality.GOOD)
            value = lvc.get(100)
            assert value is not None and value.value == 25.0 and value.quality is Quality.GOOD
            assert abs(sink.rows[0][1] / 1e6 - time.time()) < 5  # µs since the epoch
            await asyncio.sleep(0.35)
            rows = len(sink.rows)
            srv.set_raw(tags[1], -41)  # only a change is stored (deadband 0)
            await wait_for(lambda: sink.of(101)[-1][2] == -41.0)
            assert len(sink.rows) == rows + 1
            status = scanner.status()["d1"]
            assert status.state == "connected" and status.last_ok is not None
            assert status.requests >= 4 and status.timeouts == 0
            report = scanner.device_status()["d1"]
            assert report["state"] == "connected" and report["overruns"] == 0
        finally:
            await scanner.stop()
            await task


async def test_vanished_device_goes_bad_comm_others_keep_scanning_and_it_recovers():
    srv_a = await ModbusTestServer().start()
    async with ModbusTestServer() as srv_b:
        ta = TagDef("A.X", "a", 0, DataType.UINT16, scan_class="fast")
        tb = TagDef("B.X", "b", 0, DataType.UINT16, scan_class="fast")
        srv_a.set_raw(ta, 1)
        srv_b.set_raw(tb, 2)
        field = make_field(make_device("a", srv_a.port, [ta]), make_device("b", srv_b.port, [tb]))
        sink, lvc = ListSink(), LastValueCache()
        scanner = make_scanner(field, sink, lvc)
        task = asyncio.create_task(scanner.run())
        try:
            await wait_for(lambda: bool(sink.of(100)) and bool(sink.of(101)))
            await srv_a.stop()
            await wait_for(lambda: lvc.get(100).quality is Quality.BAD_COMM)  # type: ignore[union-attr]
            assert scanner.status()["a"].state in ("down", "connecting")
            # b is undisturbed: a change there still arrives, good
            srv_b.set_raw(tb, 3)
            await wait_for(lambda: sink.of(101)[-1][2] == 3.0)
            assert lvc.get(101).quality is Quality.GOOD  # type: ignore[union-attr]
            await asyncio.sleep(0.5)  # several reconnect attempts while down
            bad = [r for r in sink.of(100) if r[3] == Quality.BAD_COMM]
            assert len(bad) == 1 and math.isnan(bad[0][2])  # written once, NaN
            assert scanner.status()["a"].consecutive_failures >= 2
            await srv_a.start()  # the device comes back on the same port
            await wait_for(lambda: lvc.get(100).quality is Quality.GOOD)  # type: ignore[union-attr]
            assert sink.of(100)[-1][2:] == (1.0, Quality.GOOD)
            status = scanner.status()["a"]
            assert status.state == "connected" and status.reconnects >= 1
        finally:
            await scanner.stop()
            await task
            await srv_a.stop()


async def test_device_down_from_the_start_is_bad_comm_once():
    async with ModbusTestServer() as srv:
        port = srv.port
    tag = TagDef("A.X", "a", 0, DataType.UINT16, scan_class="fast")
    field = make_field(make_device("a", port, [tag]))
    sink, lvc = ListSink(), LastValueCache()
    scanner = make_scanner(field, sink, lvc)
    task = asyncio.create_task(scanner.run())
    try:
        await asyncio.sleep(0.6)
        assert [r[3] for r in sink.of(100)] == [Quality.BAD_COMM]
        assert scanner.status()["a"].state in ("down", "connecting")
    finally:
        await scanner.stop()
        await task


async def test_schedule_does_not_drift():
    async with ModbusTestServer() as srv:
        tag = TagDef("A.X", "a", 0, DataType.UINT16, scan_class="fast", max_interval_s=0.0)
        field = make_field(make_device("a", srv.port, [tag]), classes={"fast": 0.1})
        sink, lvc = ListSink(), LastValueCache()
        scanner = make_scanner(field, sink, lvc)
        task = asyncio.create_task(scanner.run())
        try:
            await wait_for(lambda: len(sink.rows) >= 31, within=10)
        finally:
            await scanner.stop()
            await task
        ts = np.array([r[1] for r in sink.rows[:31]], dtype=np.int64) / 1e6
        error = ts - ts[0] - 0.1 * np.arange(31)
        assert np.abs(error).max() < 0.03, error  # bounded jitter...
        assert abs(error[-1]) < 0.03  # ...and no accumulated drift after 30 cycles
        assert scanner.status()["a"].overruns == 0


async def test_overrun_skips_cycles_instead_of_bursting():
    async with ModbusTestServer(delay_s=0.25) as srv:
        tag = TagDef("A.X", "a", 0, DataType.UINT16, scan_class="fast", max_interval_s=0.0)
        field = make_field(make_device("a", srv.port, [tag], timeout_s=1.0), classes={"fast": 0.1})
        sink, lvc = ListSink(), LastValueCache()
        scanner = make_scanner(field, sink, lvc)
        task = asyncio.create_task(scanner.run())
        try:
            await asyncio.sleep(1.3)
        finally:
            await scanner.stop()
            await task
        status = scanner.status()["a"]
        assert 3 <= srv.requests <= 5  # one poll every 0.3 s, not 13 polls
        assert status.overruns >= 2 * (srv.requests - 1)
        assert status.last_cycle_ms >= 240


@pytest.mark.parametrize("slow_delay", [1.0])
async def test_slow_device_does_not_block_others(slow_delay: float):
    async with ModbusTestServer(delay_s=slow_delay) as slow, ModbusTestServer() as fast:
        ts_ = TagDef("S.X", "s", 0, DataType.UINT16, scan_class="fast")
        tf = TagDef("F.X", "f", 0, DataType.UINT16, scan_class="fast", max_interval_s=0.0)
        field = make_field(
            make_device("s", slow.port, [ts_], timeout_s=0.3),
            make_device("f", fast.port, [tf]),
            classes={"fast": 0.1},
        )
        sink, lvc = ListSink(), LastValueCache()
        scanner = make_scanner(field, sink, lvc)
        task = asyncio.create_task(scanner.run())
        try:
            await asyncio.sleep(1.2)
        finally:
            await scanner.stop()
            await task
        fast_rows = sink.of(101)
        assert len(fast_rows) >= 10 and all(r[3] == Quality.GOOD for r in fast_rows)
        assert lvc.get(100).quality is Quality.BAD_COMM  # type: ignore[union-attr]
        assert scanner.status()["s"].timeouts >= 1
        assert scanner.status()["f"].overruns == 0
