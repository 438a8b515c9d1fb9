"""Pad RTUs: one Modbus server for all the wells of a pad, wells still addressed by name.

Generator layout (``rtu_per="pad"``), physics equivalence with one RTU per well, config errors,
and end to end over real Modbus TCP on loopback: events and setpoint writes reach exactly the
well they name, ``comms_loss`` takes the whole RTU off the air.
"""

from __future__ import annotations

import asyncio
import itertools
from collections import Counter, defaultdict
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pymodbus.client import AsyncModbusTcpClient

from domain.field import DeviceDef, Field, SiteDef
from domain.tags import RegisterTable, TagDef
from plugins.simulator import (
    ControlServer,
    FieldSimulator,
    SimulatorError,
    field_from_dict,
    generate_field,
    send_control,
)
from plugins.simulator.catalog import split_pad_signal
from plugins.simulator.plant import Plant, SimulatorConfigError
from plugins.simulator.registers import decode, encode
from tests.plugins.simulator.sim_ports import free_ports

MAX_BLOCK, MAX_GAP = 125, 16  # what the engine's Modbus planner uses by default


# -- generator -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pads() -> dict[str, Any]:
    return generate_field(500, seed=42, rtu_per="pad")


def wells_of(device: DeviceDef) -> dict[str, list[TagDef]]:
    """Well name -> its tags on a pad RTU, in tag order."""
    out: dict[str, list[TagDef]] = defaultdict(list)
    for t in device.tags:
        parts = split_pad_signal(t.signal)
        assert parts is not None, t.name
        out[parts[0]].append(t)
    return dict(out)


def reads_needed(tags: tuple[TagDef, ...]) -> int:
    """Block reads a planner needs (gaps up to 16 registers bridged, at most 125 per read)."""
    reads = 0
    for _, group in itertools.groupby(
        sorted(tags, key=lambda t: (str(t.table), t.address)), key=lambda t: str(t.table)
    ):
        start = end = -10**6
        for t in group:
            t_end = t.address + t.register_count
            if t.address - end > MAX_GAP or t_end - start > MAX_BLOCK:
                reads, start = reads + 1, t.address
            end = t_end
    return reads


def test_500_wells_on_pad_rtus_make_about_10000_tags_with_unique_names_and_ports(
    pads: dict[str, Any],
) -> None:
    field = field_from_dict(pads)  # validates: unique names, endpoints, scan classes
    devices = list(field.devices())
    rtus = [d for d in devices if d.model == "pad_rtu"]
    plcs = [d for d in devices if d.model == "facility_plc"]
    assert len(rtus) + len(plcs) == len(devices) and len(plcs) == 10
    assert sum(len(wells_of(d)) for d in rtus) == 500
    assert 9000 <= sum(1 for _ in field.tags()) <= 11000
    assert {d.port for d in devices} == set(range(15001, 15001 + len(devices)))
    pad_sites = [s for s in field.sites if s.kind == "pad"]
    assert [d.name for s in pad_sites for d in s.devices] == [f"RTU-{s.name}" for s in pad_sites]
    assert rtus[0].name == "RTU-PAD-A"


def test_pad_rtus_hold_5_to_10_wells_of_about_20_tags(pads: dict[str, Any]) -> None:
    rtus = [d for d in field_from_dict(pads).devices() if d.model == "pad_rtu"]
    sizes = [len(wells_of(d)) for d in rtus]
    assert all(1 <= n <= 10 for n in sizes)
    assert sum(5 <= n <= 10 for n in sizes) >= len(sizes) - 1  # all but the last pad
    per_well = [len(tags) for d in rtus for tags in wells_of(d).values()]
    assert min(per_well) >= 15 and max(per_well) <= 22
    assert 19 <= sum(per_well) / len(per_well) <= 21
    for d in rtus:
        for well, tags in wells_of(d).items():
            assert all(t.name.startswith(f"{well}.") for t in tags)  # operators' names


def test_pad_rtu_maps_each_well_as_one_slice_setpoints_apart(pads: dict[str, Any]) -> None:
    for device in field_from_dict(pads).devices():
        used: dict[tuple[str, int], str] = {}
        for t in device.tags:
            for a in range(t.address, t.address + t.register_count):
                key = (str(t.table), a)
                assert key not in used, f"{device.name}: {t.name} overlaps {used[key]}"
                used[key] = t.name
        if device.model != "pad_rtu":
            continue
        assert len({(t.byte_order, t.word_order) for t in device.tags}) == 1  # one profile
        slices = []
        for tags in wells_of(device).values():
            measured = [t for t in tags if not t.writable]
            assert len({t.table for t in measured}) == 1
            slices.append((min(t.address for t in measured),
                           max(t.address + t.register_count for t in measured)))
            assert all(t.table is RegisterTable.HOLDING and t.address >= 1000
                       for t in tags if t.writable)
        for (_, end), (start, _) in itertools.pairwise(slices):
            # In well order, no overlap; under 10 registers of alignment plus a vendor hole of
            # up to 4, so the whole area block-reads across wells (holes <= 16 read as 0).
            assert 0 <= start - end < 14, device.name
        assert slices[-1][1] < 1000


def test_pad_rtus_need_20_times_fewer_reads_than_tags(pads: dict[str, Any]) -> None:
    per_pad = field_from_dict(pads)
    per_well = field_from_dict(generate_field(500, seed=42))
    tags = sum(1 for _ in per_pad.tags())
    assert tags == sum(1 for _ in per_well.tags())
    assert tags / sum(reads_needed(d.tags) for d in per_pad.devices()) >= 20
    assert tags / sum(reads_needed(d.tags) for d in per_well.devices()) < 20


def test_pad_layout_rewires_the_same_wells_and_batteries(pads: dict[str, Any]) -> None:
    per_well = generate_field(500, seed=42)
    for a, b in zip(per_well["sites"], pads["sites"], strict=True):
        assert (a["name"], a["kind"], a["description"]) == (b["name"], b["kind"],
                                                            b["description"])
        if a["kind"] == "pad":
            wells = {d["name"]: {t["name"] for t in d["tags"]} for d in a["devices"]}
            on_rtu = wells_of(field_from_dict({**pads, "sites": [b]}).device(f"RTU-{a['name']}"))
            assert {w: {t.name for t in ts} for w, ts in on_rtu.items()} == wells
        else:  # battery PLCs unchanged but for their port
            assert [{**d, "port": 0} for d in a["devices"]] == [
                {**d, "port": 0} for d in b["devices"]
            ]


def test_default_layout_is_one_rtu_per_well_and_others_are_refused() -> None:
    assert generate_field(12, seed=5) == generate_field(12, seed=5, rtu_per="well")
    assert generate_field(12, seed=5, rtu_per="pad") == generate_field(12, seed=5, rtu_per="pad")
    with pytest.raises(ValueError, match="rtu_per"):
        generate_field(12, rtu_per="field")


# -- physics ---------------------------------------------------------------------------------------


def test_wells_on_pad_rtus_have_the_same_physics_as_wells_with_their_own_rtu() -> None:
    plants = [Plant(field_from_dict(generate_field(15, seed=11, rtu_per=r)), seed=3)
              for r in ("well", "pad")]
    for _ in range(40):
        for p in plants:
            p.step(1.0)
    per_well, per_pad = plants
    assert len(per_pad.rtu_of) == 15 and not per_well.rtu_of
    for well in per_pad.rtu_of:
        for signal in ("well.thp", "well.liquid_rate"):
            assert per_pad.value(well, signal) == per_well.value(well, signal)
    for signal in ("facility.inlet_liquid_rate", "facility.separator_level"):
        assert per_pad.value("PLC-BAT1", signal) == per_well.value("PLC-BAT1", signal)
    well = per_pad.rtu_wells["RTU-PAD-A"][0]
    assert per_pad.value("RTU-PAD-A", f"{well}:well.thp") == per_pad.value(well, "well.thp")


def one_device_field(tags: list[tuple[str, str]], device: str = "RTU-X") -> Field:
    tag_defs = tuple(TagDef(name, device, i * 2, signal=signal)
                     for i, (name, signal) in enumerate(tags))
    dev = DeviceDef(device, "PAD-X", port=1502, model="pad_rtu", tags=tag_defs)
    return Field("F", sites=(SiteDef("PAD-X", devices=(dev,)),))


@pytest.mark.parametrize(
    ("tags", "match"),
    [
        ([("A.FREQ", "esp.frequency")], r"'RTU-X'.*tag 'A\.FREQ'.*does not name its well"),
        ([("A.FREQ", "A:esp.frequency"), ("A.SPM", "A:rodpump.spm")],
         r"'RTU-X'.*tag 'A\.SPM'.*rod_pump_well.*tag 'A\.FREQ'.*esp_well.*must agree"),
        ([("A.THP", "A:well.thp")], r"'RTU-X'.*well 'A' has only common well\.\* signals"),
        ([("A.FREQ", "A:esp.freq")], r"'RTU-X', tag 'A\.FREQ'.*no signal 'esp\.freq'"),
        ([("X.FREQ", "RTU-X:esp.frequency")], r"well named 'RTU-X'.*also a device name"),
    ],
)
def test_pad_rtu_config_errors_name_device_and_tag(
    tags: list[tuple[str, str]], match: str
) -> None:
    with pytest.raises(SimulatorConfigError, match=match):
        Plant(one_device_field(tags), seed=1)


# -- over Modbus TCP -----------------------------------------------------------------------------


def _pad_seed() -> int:
    """A small pad field whose first RTU carries at least two ESP wells."""
    for seed in range(1, 200):
        config = generate_field(12, seed=seed, rtu_per="pad")
        rtu = config["sites"][0]["devices"][0]
        esp = {t["signal"].split(":")[0] for t in rtu["tags"] if ":esp." in t["signal"]}
        if len(esp) >= 2:
            return seed
    raise AssertionError("no suitable seed")


PAD_SEED = _pad_seed()


@pytest.fixture
async def sim() -> AsyncIterator[FieldSimulator]:
    config = generate_field(12, seed=PAD_SEED, rtu_per="pad")
    devices = [d for s in config["sites"] for d in s["devices"]]
    for device, port in zip(devices, free_ports(len(devices)), strict=True):
        device["port"] = port
    simulator = FieldSimulator(field_from_dict(config), seed=7, step_s=0.1)
    await simulator.start()
    try:
        yield simulator
    finally:
        await simulator.stop()


@pytest.fixture
async def rtu_client(sim: FieldSimulator) -> AsyncIterator[tuple[DeviceDef, Any]]:
    rtu = sim.field.device("RTU-PAD-A")
    client = AsyncModbusTcpClient(rtu.host, port=rtu.port, timeout=1, retries=0)
    assert await client.connect()
    yield rtu, client
    client.close()


def esp_wells(rtu: DeviceDef) -> list[str]:
    return [w for w, tags in wells_of(rtu).items()
            if any(t.signal.split(":")[1].startswith("esp.") for t in tags)]


def tag_of(rtu: DeviceDef, well: str, signal: str) -> TagDef:
    return next(t for t in rtu.tags if t.signal == f"{well}:{signal}")


async def read(client: Any, device: DeviceDef, tag: TagDef) -> float:
    fn = (client.read_holding_registers if tag.table is RegisterTable.HOLDING
          else client.read_input_registers)
    rr = await fn(tag.address, count=tag.register_count, device_id=device.unit_id)
    assert not rr.isError(), f"{tag.name}: {rr}"
    return decode(tag, rr.registers)


async def test_pad_rtu_serves_every_well_in_one_block_per_well(
    sim: FieldSimulator, rtu_client: tuple[DeviceDef, Any]
) -> None:
    rtu, client = rtu_client
    for well, tags in wells_of(rtu).items():
        measured = [t for t in tags if not t.writable]
        lo = min(t.address for t in measured)
        hi = max(t.address + t.register_count for t in measured)
        fn = (client.read_holding_registers if measured[0].table is RegisterTable.HOLDING
              else client.read_input_registers)
        rr = await fn(lo, count=hi - lo, device_id=rtu.unit_id)
        assert not rr.isError(), well
        for t in measured:
            value = decode(t, rr.registers[t.address - lo : t.address - lo + t.register_count])
            plain = t.signal.split(":")[1]
            expected = sim.value(well, plain)  # by well name ...
            assert sim.value(rtu.name, t.signal) == expected  # ... or by the RTU's tag signal
            resolution = t.gain if t.data_type.name.startswith(("INT", "UINT")) else 0.0
            assert value == pytest.approx(expected, rel=1e-5, abs=resolution), t.name
        for t in (t for t in tags if t.writable):
            assert await read(client, rtu, t) == pytest.approx(
                sim.value(rtu.name, t.signal), rel=1e-5, abs=t.gain)


async def test_esp_trip_by_well_name_stops_only_that_well(
    sim: FieldSimulator, rtu_client: tuple[DeviceDef, Any]
) -> None:
    rtu, client = rtu_client
    tripped, other = esp_wells(rtu)[:2]
    control = ControlServer(sim, port=0)
    await control.start()
    try:
        ok = await send_control("127.0.0.1", control.port,
                                {"cmd": "inject", "device": tripped, "event": "esp_trip"})
        assert ok == {"ok": True}
        status = await send_control("127.0.0.1", control.port, {"cmd": "status"})
    finally:
        await control.stop()
    entry = next(d for d in status["status"]["devices"] if d["name"] == rtu.name)
    assert entry["events"] == [] and entry["available_events"] == ["comms_loss"]
    wells = {w["name"]: w for w in entry["wells"]}
    assert wells[tripped]["events"] == ["esp_trip"] and wells[other]["events"] == []
    assert "gas_lock" in wells[tripped]["available_events"]
    sim.advance(0.5)
    for signal in ("esp.frequency", "esp.motor_current", "well.liquid_rate", "esp.running"):
        assert await read(client, rtu, tag_of(rtu, tripped, signal)) == 0.0, signal
    assert await read(client, rtu, tag_of(rtu, other, "esp.frequency")) > 30
    assert await read(client, rtu, tag_of(rtu, other, "esp.running")) == 1.0
    await sim.clear(tripped, "esp_trip")
    for _ in range(20):
        sim.advance(1.0)
    assert await read(client, rtu, tag_of(rtu, tripped, "esp.frequency")) > 5


async def test_write_to_one_wells_setpoint_on_a_pad_rtu_drives_only_that_well(
    sim: FieldSimulator, rtu_client: tuple[DeviceDef, Any]
) -> None:
    rtu, client = rtu_client
    target, other = esp_wells(rtu)[:2]
    sp = tag_of(rtu, target, "esp.frequency_setpoint")
    assert sp.writable
    other_sp = sim.value(other, "esp.frequency_setpoint")
    rate0 = sim.value(target, "well.liquid_rate")
    new_sp = 66.0 if sim.value(target, "esp.frequency_setpoint") < 60 else 45.0
    rr = await client.write_registers(sp.address, encode(sp, new_sp), device_id=rtu.unit_id)
    assert not rr.isError()
    assert sim.value(target, "esp.frequency_setpoint") == pytest.approx(new_sp, abs=0.01)
    for _ in range(200):
        sim.advance(1.0)
    freq = await read(client, rtu, tag_of(rtu, target, "esp.frequency"))
    assert freq == pytest.approx(new_sp, abs=0.2)
    assert (sim.value(target, "well.liquid_rate") > rate0) == (new_sp == 66.0)
    assert sim.value(other, "esp.frequency_setpoint") == other_sp
    assert await read(client, rtu, tag_of(rtu, other, "esp.frequency")) == pytest.approx(
        other_sp, abs=0.2)


async def test_comms_loss_addresses_the_pad_rtu_not_its_wells(sim: FieldSimulator) -> None:
    rtu = sim.field.device("RTU-PAD-A")
    well = next(iter(wells_of(rtu)))
    with pytest.raises(SimulatorError, match=rf"{well!r} is a well on pad RTU 'RTU-PAD-A'.*"
                                              r"inject it on 'RTU-PAD-A'"):
        await sim.inject(well, "comms_loss")
    with pytest.raises(SimulatorError, match=rf"'RTU-PAD-A' is a pad RTU.*wells by name.*{well}"):
        await sim.inject(rtu.name, "esp_trip")
    with pytest.raises(SimulatorError, match=r"unknown device 'W99'.*wells on pad RTUs"):
        await sim.inject("W99", "esp_trip")

    await sim.inject(rtu.name, "comms_loss")
    with pytest.raises(ConnectionRefusedError):
        _, w = await asyncio.open_connection(rtu.host, rtu.port)
        w.close()
    entry = next(d for d in sim.status()["devices"] if d["name"] == rtu.name)
    assert entry["serving"] is False and entry["events"] == ["comms_loss"]
    other = sim.field.device("RTU-PAD-B")  # other pads keep answering
    client = AsyncModbusTcpClient(other.host, port=other.port, timeout=1, retries=0)
    try:
        assert await client.connect()
        await read(client, other, next(t for t in other.tags if not t.writable))
    finally:
        client.close()
    await sim.clear(rtu.name, "comms_loss")
    client = AsyncModbusTcpClient(rtu.host, port=rtu.port, timeout=1, retries=0)
    try:
        assert await client.connect()
        assert await read(client, rtu, tag_of(rtu, well, "well.thp")) > 0
    finally:
        client.close()
    kinds = Counter(d["model"] for d in sim.status()["devices"])
    assert set(kinds) == {"pad_rtu", "facility_plc"}


# -- CLI -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("rtu", ["well", "pad"])
def test_cli_sim_generate_passes_the_rtu_layout_through(rtu: str, tmp_path: Path) -> None:
    from edge_server.cli import main

    out = tmp_path / "field.yaml"
    args = ["sim", "generate", "--wells", "12", "--seed", "5", "--rtu", rtu, "-o", str(out)]
    assert main(args) == 0
    assert yaml.safe_load(out.read_text(encoding="utf-8")) == generate_field(
        12, seed=5, rtu_per=rtu
    )
