"""Field generator: size, uniqueness, register layouts, and the committed demo field."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from domain.tags import DataType, WordOrder
from plugins.simulator.catalog import SIGNALS_BY_MODEL
from plugins.simulator.generator import (
    dump_yaml,
    field_from_dict,
    generate_field,
    render_field_file,
)
from plugins.simulator.plant import Plant

DEMO = Path(__file__).resolve().parents[3] / "resources" / "fields" / "demo.yaml"


@pytest.fixture(scope="module")
def big() -> dict:
    return generate_field(500, seed=42)


def test_500_wells_make_about_10000_tags_with_unique_names_and_ports(big: dict) -> None:
    field = field_from_dict(big)  # validates: unique names, endpoints, scan classes
    devices = list(field.devices())
    wells = [d for d in devices if d.model != "facility_plc"]
    assert len(wells) == 500
    assert len(devices) - len(wells) == 10  # one battery PLC per 50 wells
    tags = list(field.tags())
    assert 9000 <= len(tags) <= 11000
    assert len({d.port for d in devices}) == len(devices)
    assert {d.port for d in devices} == set(range(15001, 15001 + len(devices)))
    models = Counter(d.model for d in wells)
    assert set(models) == {"esp_well", "rod_pump_well", "gas_lift_well"}
    assert all(n > 50 for n in models.values())


def test_pads_hold_5_to_10_wells(big: dict) -> None:
    pads = [s for s in big["sites"] if s["kind"] == "pad"]
    assert all(1 <= len(p["devices"]) <= 10 for p in pads)
    assert sum(5 <= len(p["devices"]) <= 10 for p in pads) >= len(pads) - 1  # all but the last


def test_register_ranges_do_not_overlap_within_a_device(big: dict) -> None:
    field = field_from_dict(big)
    for device in field.devices():
        used: dict[tuple[str, int], str] = {}
        for t in device.tags:
            for a in range(t.address, t.address + t.register_count):
                key = (str(t.table), a)
                assert key not in used, f"{t.name} overlaps {used[key]}"
                used[key] = t.name


def test_layouts_exercise_every_decoding_path(big: dict) -> None:
    tags = list(field_from_dict(big).tags())
    types = Counter(t.data_type for t in tags)
    assert set(types) == set(DataType) - {DataType.INT32}
    assert any(t.word_order is WordOrder.LITTLE for t in tags)
    assert any(t.data_type is DataType.INT16 and t.gain == 0.1 for t in tags)
    assert types[DataType.FLOAT32] > len(tags) / 2
    writable = [t for t in tags if t.writable]
    assert writable and all(str(t.table) == "holding" for t in writable)
    assert {t.scan_class for t in tags} == {"fast", "normal", "slow"}
    assert all(t.description for t in tags)


def test_integer_scaling_never_overflows_the_signal_range(big: dict) -> None:
    limits = {DataType.INT16: 32767, DataType.UINT16: 65535, DataType.UINT32: 2**32 - 1}
    for t in field_from_dict(big).tags():
        if t.data_type in limits:
            assert t.eu_max is not None
            assert (t.eu_max - t.offset) / t.gain <= limits[t.data_type], t.name


def test_every_generated_signal_is_simulated(big: dict) -> None:
    Plant(field_from_dict(big), seed=1)  # raises on an unknown model or signal
    for model, specs in SIGNALS_BY_MODEL.items():
        assert len({s.suffix for s in specs}) == len(specs), model


def test_same_seed_same_field() -> None:
    assert generate_field(30, seed=3) == generate_field(30, seed=3)
    assert generate_field(30, seed=3) != generate_field(30, seed=4)


def test_yaml_round_trips() -> None:
    config = generate_field(12, seed=5, base_port=16000, host="127.0.0.2")
    text = dump_yaml(config)
    assert "Presión de cabeza de tubería" in text  # accents kept readable
    assert yaml.safe_load(text) == config


def test_committed_demo_field_is_the_generated_one() -> None:
    text = DEMO.read_text(encoding="utf-8")
    assert text == render_field_file(20, seed=25), "regenerate resources/fields/demo.yaml"
    field = field_from_dict(yaml.safe_load(text))
    assert sum(d.model != "facility_plc" for d in field.devices()) == 20


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="at least one well"):
        generate_field(0)
    with pytest.raises(ValueError, match="mix"):
        generate_field(5, mix={"steam_well": 1.0})
