"""Generate realistic simulated fields of any size, as config dicts ready for YAML.

A field is pads of 5-10 wells (each pad mostly one lift method, as drilled and equipped in
campaigns) plus one production battery PLC per ~50 wells. Every device gets its own loopback
Modbus server port. Register layouts vary the way real RTUs and PLCs do, so the engine's
decoding gets exercised:

  * ``float_abcd``  float32 big-endian (most common on modern RTUs), measurements in input
    registers;
  * ``float_cdab``  float32 word-swapped (many PLCs), everything in holding registers;
  * ``float_dcba``  float32 fully little-endian (a few gateways), holding registers;
  * ``int_scaled``  16-bit integers scaled by 0.01 / 0.1 / 1 (older RTUs), input registers.

Status bits are uint16, counters uint32 (or uint16 when small), run hours float32 or scaled
uint32, and the LACT net totaliser a float64. Setpoints live in a separate holding block at
address 100 so the engine has to plan more than one read per device.
"""

from __future__ import annotations

import string
from typing import Any

import numpy as np
import yaml

from domain.field import DeviceDef, Field, SiteDef
from domain.tags import ByteOrder, DataType, RegisterTable, TagDef, WordOrder
from plugins.simulator.catalog import SIGNALS_BY_MODEL, WELL_MODELS, Kind, SignalSpec

SCAN_CLASSES: dict[str, float] = {"fast": 1.0, "normal": 5.0, "slow": 30.0}
MAX_INTERVAL_S: dict[str, float] = {"fast": 300.0, "normal": 900.0, "slow": 3600.0}
DEFAULT_MIX: dict[str, float] = {"esp_well": 0.45, "rod_pump_well": 0.35, "gas_lift_well": 0.2}
WELLS_PER_FACILITY = 50
SETPOINT_BLOCK = 100

PROFILES: dict[str, float] = {  # layout -> share of devices
    "float_abcd": 0.45,
    "float_cdab": 0.25,
    "float_dcba": 0.05,
    "int_scaled": 0.25,
}

_DEVICE_DESCRIPTION = {
    "esp_well": "Pozo {name} con bombeo electrosumergible (BES) y variador de frecuencia",
    "rod_pump_well": "Pozo {name} con bombeo mecánico (balancín) y controlador POC",
    "gas_lift_well": "Pozo {name} con gas lift continuo",
    "facility_plc": "PLC de la batería {site}: separador, tanques, LACT y transferencia de agua",
}

Tag = dict[str, Any]


def generate_field(
    wells: int,
    *,
    seed: int = 1,
    base_port: int = 15001,
    host: str = "127.0.0.1",
    mix: dict[str, float] | None = None,
    name: str = "Campo Demo",
    wells_per_facility: int = WELLS_PER_FACILITY,
) -> dict[str, Any]:
    """A field config dict (the YAML format the engine loads) with ``wells`` wells.

    ``mix`` gives the share of each well model (esp_well, rod_pump_well, gas_lift_well);
    the same arguments always give the same field.
    """
    if wells < 1:
        raise ValueError("a field needs at least one well")
    mix = dict(DEFAULT_MIX if mix is None else mix)
    unknown = set(mix) - set(WELL_MODELS)
    if unknown or not mix or sum(mix.values()) <= 0:
        raise ValueError(f"mix must weight some of {', '.join(WELL_MODELS)}; got {mix}")
    rng = np.random.default_rng(seed)
    models = list(mix)
    weights = np.array([mix[m] for m in models], dtype=float)
    weights /= weights.sum()
    width = max(2, len(str(wells)))
    ports = iter(range(base_port, base_port + 100000))

    sites: list[dict[str, Any]] = []
    made = 0
    pad_no = 0
    while made < wells:
        size = min(int(rng.integers(5, 11)), wells - made)
        dominant = models[int(rng.choice(len(models), p=weights))]
        pad_name = f"PAD-{_letters(pad_no)}"
        devices = []
        for _ in range(size):
            made += 1
            model = (
                dominant
                if rng.random() < 0.7
                else models[int(rng.choice(len(models), p=weights))]
            )
            dev_name = f"W{made:0{width}d}"
            devices.append(_device(dev_name, pad_name, model, host, next(ports), rng))
        sites.append(
            {
                "name": pad_name,
                "kind": "pad",
                "description": f"Locación {pad_name} ({size} pozos)",
                "devices": devices,
            }
        )
        pad_no += 1

    n_facilities = max(1, round(wells / wells_per_facility))
    for f in range(1, n_facilities + 1):
        site_name = f"BAT-{f}"
        device = _device(f"PLC-BAT{f}", site_name, "facility_plc", host, next(ports), rng)
        sites.append(
            {
                "name": site_name,
                "kind": "facility",
                "description": f"Batería de producción {site_name}",
                "devices": [device],
            }
        )
    return {"field": name, "scan_classes": dict(SCAN_CLASSES), "sites": sites}


def _letters(n: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA ... (pad names)."""
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = string.ascii_uppercase[r] + out
    return out


def _device(
    name: str, site: str, model: str, host: str, port: int, rng: np.random.Generator
) -> dict[str, Any]:
    profiles = list(PROFILES)
    shares = np.array([PROFILES[p] for p in profiles])
    profile = profiles[int(rng.choice(len(profiles), p=shares / shares.sum()))]
    return {
        "name": name,
        "model": model,
        "driver": "modbus",
        "host": host,
        "port": port,
        "unit_id": 1,
        "timeout_s": 1.0,
        "description": _DEVICE_DESCRIPTION[model].format(name=name, site=site),
        "tags": _tags(name, SIGNALS_BY_MODEL[model], profile, rng),
    }


def _tags(
    device: str, specs: tuple[SignalSpec, ...], profile: str, rng: np.random.Generator
) -> list[Tag]:
    measured_table = "input" if profile in ("float_abcd", "int_scaled") else "holding"
    next_free = {"input": 0, "holding": 0}
    tags: list[Tag] = []
    for spec in (s for s in specs if not s.writable):
        tag = _encoding(spec, profile)
        table = measured_table
        if rng.random() < 0.15:  # vendors leave holes in their maps
            next_free[table] += int(rng.integers(1, 5))
        tag["address"] = next_free[table]
        tag["table"] = table
        next_free[table] += DataType(tag["type"]).register_count
        tags.append(_finish(device, spec, tag))
    address = max(SETPOINT_BLOCK, -(-next_free["holding"] // 10) * 10)
    for spec in (s for s in specs if s.writable):
        tag = _encoding(spec, profile)
        tag["address"] = address
        tag["table"] = "holding"
        address += DataType(tag["type"]).register_count
        tags.append(_finish(device, spec, tag))
    return tags


def _encoding(spec: SignalSpec, profile: str) -> Tag:
    """Data type, byte/word order and scaling for one signal under a layout profile."""
    byte_order, word_order = {
        "float_abcd": ("big", "big"),
        "float_cdab": ("big", "little"),
        "float_dcba": ("little", "little"),
        "int_scaled": ("big", "big"),
    }[profile]
    gain = 1.0
    if spec.kind is Kind.STATUS:
        dtype = "uint16"
    elif spec.kind is Kind.COUNTER:
        dtype = "uint16" if spec.eu_max <= 65535 else "uint32"
    elif spec.signal == "facility.lact_net_total":
        dtype = "float64"  # fiscal totaliser: needs more than float32's 7 digits
    elif profile == "int_scaled":
        dtype, gain = _scaled_integer(spec)
    elif spec.kind is Kind.TOTAL and spec.eu_max > 1e6:
        dtype = "float64"
    else:
        dtype = "float32"
    return {
        "type": dtype,
        "byte_order": byte_order,
        "word_order": word_order,
        "gain": gain,
        "offset": 0.0,
    }


def _scaled_integer(spec: SignalSpec) -> tuple[str, float]:
    """The finest of 0.01 / 0.1 / 1 scaling that fits the signal's range in an int16."""
    if spec.kind is Kind.TOTAL:  # accumulators: tenths when the range allows it
        return "uint32", 0.1 if spec.eu_max / 0.1 < 2**32 else 1.0
    for gain in (0.01, 0.1, 1.0):
        if spec.eu_max / gain <= 32767:
            return "int16", gain
    return ("uint16", 1.0) if spec.eu_max <= 65535 else ("uint32", 1.0)


def _finish(device: str, spec: SignalSpec, enc: Tag) -> Tag:
    return {
        "name": f"{device}.{spec.suffix}",
        "signal": spec.signal,
        "address": enc["address"],
        "table": enc["table"],
        "type": enc["type"],
        "byte_order": enc["byte_order"],
        "word_order": enc["word_order"],
        "gain": enc["gain"],
        "offset": enc["offset"],
        "units": spec.units,
        "description": spec.description,
        "deadband": spec.deadband,
        "scan_class": spec.scan_class,
        "max_interval_s": MAX_INTERVAL_S[spec.scan_class],
        "writable": spec.writable,
        "eu_min": spec.eu_min,
        "eu_max": spec.eu_max,
    }


def dump_yaml(config: dict[str, Any]) -> str:
    """YAML text of a field config, keys in the documented order, accents kept readable."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text: str = yaml.dump(
        config, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100
    )
    return text


def render_field_file(wells: int, *, seed: int, base_port: int = 15001) -> str:
    """A complete field file: a header saying how it was made, then the YAML."""
    header = (
        f"# Simulated field: {wells} wells, generated — do not edit by hand.\n"
        f"# Regenerate with:\n"
        f"#   python -c \"from plugins.simulator.generator import render_field_file; "
        f"print(render_field_file({wells}, seed={seed}, base_port={base_port}), end='')\" "
        f"> resources/fields/demo.yaml\n"
        f"# Serve it with the field simulator (docs/simulator.md).\n"
    )
    return header + dump_yaml(generate_field(wells, seed=seed, base_port=base_port))


def field_from_dict(config: dict[str, Any]) -> Field:
    """Build domain objects from a generated config dict.

    For the simulator's own tests and stand-alone use; the engine's config loader is the
    authority on field files (it also reports errors with file and line).
    """
    sites = []
    for site in config["sites"]:
        devices = []
        for dev in site["devices"]:
            tags = tuple(
                TagDef(
                    name=t["name"],
                    device=dev["name"],
                    address=int(t["address"]),
                    data_type=DataType(t.get("type", "float32")),
                    table=RegisterTable(t.get("table", "holding")),
                    byte_order=ByteOrder(t.get("byte_order", "big")),
                    word_order=WordOrder(t.get("word_order", "big")),
                    gain=float(t.get("gain", 1.0)),
                    offset=float(t.get("offset", 0.0)),
                    units=t.get("units", ""),
                    description=t.get("description", ""),
                    deadband=float(t.get("deadband", 0.0)),
                    scan_class=t.get("scan_class", "normal"),
                    max_interval_s=float(t.get("max_interval_s", 900.0)),
                    writable=bool(t.get("writable", False)),
                    eu_min=t.get("eu_min"),
                    eu_max=t.get("eu_max"),
                    signal=t.get("signal", ""),
                )
                for t in dev.get("tags", ())
            )
            devices.append(
                DeviceDef(
                    name=dev["name"],
                    site=site["name"],
                    driver=dev.get("driver", "modbus"),
                    host=dev.get("host", "127.0.0.1"),
                    port=int(dev.get("port", 502)),
                    unit_id=int(dev.get("unit_id", 1)),
                    timeout_s=float(dev.get("timeout_s", 1.0)),
                    model=dev.get("model", ""),
                    description=dev.get("description", ""),
                    tags=tags,
                )
            )
        sites.append(
            SiteDef(
                name=site["name"],
                kind=site.get("kind", "pad"),
                description=site.get("description", ""),
                devices=tuple(devices),
            )
        )
    scan = {k: float(v) for k, v in config.get("scan_classes", {"normal": 1.0}).items()}
    field = Field(name=config["field"], scan_classes=scan, sites=tuple(sites))
    field.validate()
    return field
