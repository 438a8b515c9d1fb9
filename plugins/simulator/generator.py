"""Generate realistic simulated fields of any size, as config dicts ready for YAML.

A field is pads of 5-10 wells (each pad mostly one lift method, as drilled and equipped in
campaigns) plus one production battery PLC per ~50 wells. Every device gets its own loopback
Modbus server port. Two ways of wiring wells to RTUs, as found in real fields:

  * ``rtu_per="well"`` (default): one RTU per well, ~20 tags each;
  * ``rtu_per="pad"``: one ``pad_rtu`` per pad serving all its wells (100-200 tags), each well a
    contiguous slice of the measurement area, setpoints together in a separate holding area.
    The wells, pads, lift types, tag names and battery PLCs are the same as with one RTU per
    well for the same arguments; only the RTUs (and so the register maps and ports) differ.

Register layouts vary the way real RTUs and PLCs do, so the engine's decoding gets exercised:

  * ``float_abcd``  float32 big-endian (most common on modern RTUs), measurements in input
    registers;
  * ``float_cdab``  float32 word-swapped (many PLCs), everything in holding registers;
  * ``float_dcba``  float32 fully little-endian (a few gateways), holding registers;
  * ``int_scaled``  16-bit integers scaled by 0.01 / 0.1 / 1 (older RTUs), input registers.

Each tag that matters to an operator carries its rationalized ``alarms:`` (Spanish texts:
mensaje, consecuencia, respuesta), the same whether the well has its own RTU or sits on a pad
RTU; limits sit outside what the simulator produces in normal operation, so a fresh demo starts
with a quiet alarm list and an injected event raises the alarms it should.

Status bits are uint16, counters uint32 (or uint16 when small), run hours float32 or scaled
uint32, and the LACT net totaliser a float64. Setpoints live in a separate holding block at
address 100 (1000 on a pad RTU) so the engine has to plan more than one read per device.
"""

from __future__ import annotations

import string
from typing import Any

import numpy as np
import yaml

from domain.field import DeviceDef, Field, SiteDef
from domain.tags import ByteOrder, DataType, RegisterTable, TagDef, WordOrder
from plugins.simulator.catalog import (
    PAD_RTU,
    SIGNALS_BY_MODEL,
    WELL_MODELS,
    WELL_SEPARATOR,
    Kind,
    SignalSpec,
    pad_signal,
)

SCAN_CLASSES: dict[str, float] = {"fast": 1.0, "normal": 5.0, "slow": 30.0}
MAX_INTERVAL_S: dict[str, float] = {"fast": 300.0, "normal": 900.0, "slow": 3600.0}
DEFAULT_MIX: dict[str, float] = {"esp_well": 0.45, "rod_pump_well": 0.35, "gas_lift_well": 0.2}
WELLS_PER_FACILITY = 50
SETPOINT_BLOCK = 100
RTU_LAYOUTS = ("well", "pad")  # one RTU per well, or one pad RTU per pad
PAD_SETPOINT_BLOCK = 1000  # a pad RTU's setpoint area, clear of any pad's measurements
PAD_WELL_ALIGN = 10  # a pad RTU's wells start at round addresses, as an integrator maps them

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
    PAD_RTU: "RTU de la locación {site}: {wells} pozos ({first} a {last}), un bloque por pozo",
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
    rtu_per: str = "well",
) -> dict[str, Any]:
    """A field config dict (the YAML format the engine loads) with ``wells`` wells.

    ``mix`` gives the share of each well model (esp_well, rod_pump_well, gas_lift_well);
    ``rtu_per`` is ``"well"`` (one RTU per well) or ``"pad"`` (one pad RTU per pad, same wells).
    The same arguments always give the same field.
    """
    if wells < 1:
        raise ValueError("a field needs at least one well")
    if rtu_per not in RTU_LAYOUTS:
        raise ValueError(f"rtu_per must be one of {', '.join(RTU_LAYOUTS)}; got {rtu_per!r}")
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
    config = {"field": name, "scan_classes": dict(SCAN_CLASSES), "sites": sites}
    if rtu_per == "pad":
        # The same field rewired: drawing the wells exactly as above keeps both layouts equal
        # in everything but the RTUs, so a benchmark can compare them well for well.
        return _rewire_per_pad(config, seed=seed, base_port=base_port, host=host)
    return config


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
    profile = _pick_profile(rng)
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


def _pick_profile(rng: np.random.Generator) -> str:
    profiles = list(PROFILES)
    shares = np.array([PROFILES[p] for p in profiles])
    return profiles[int(rng.choice(len(profiles), p=shares / shares.sum()))]


def _measured_table(profile: str) -> str:
    return "input" if profile in ("float_abcd", "int_scaled") else "holding"


def _tags(
    device: str, specs: tuple[SignalSpec, ...], profile: str, rng: np.random.Generator
) -> list[Tag]:
    """One well's or facility's RTU map: measurements from 0, setpoints from address 100."""
    tags, end = _measurements(device, specs, profile, rng, 0)
    holding_end = end if _measured_table(profile) == "holding" else 0
    address = max(SETPOINT_BLOCK, -(-holding_end // 10) * 10)
    setpoints, _ = _setpoints(device, specs, profile, address)
    return tags + setpoints


def _measurements(
    owner: str, specs: tuple[SignalSpec, ...], profile: str, rng: np.random.Generator, start: int
) -> tuple[list[Tag], int]:
    """Read-only signals laid out from ``start`` with occasional 1-4 register holes (vendors
    leave them); returns the tags and the first address after them."""
    table = _measured_table(profile)
    address = start
    tags: list[Tag] = []
    for spec in (s for s in specs if not s.writable):
        tag = _encoding(spec, profile)
        if rng.random() < 0.15:
            address += int(rng.integers(1, 5))
        tag["address"] = address
        tag["table"] = table
        address += DataType(tag["type"]).register_count
        tags.append(_finish(owner, spec, tag))
    return tags, address


def _setpoints(
    owner: str, specs: tuple[SignalSpec, ...], profile: str, start: int
) -> tuple[list[Tag], int]:
    """Writable signals packed in holding registers from ``start``; returns tags and end."""
    address = start
    tags: list[Tag] = []
    for spec in (s for s in specs if s.writable):
        tag = _encoding(spec, profile)
        tag["address"] = address
        tag["table"] = "holding"
        address += DataType(tag["type"]).register_count
        tags.append(_finish(owner, spec, tag))
    return tags, address


def _rewire_per_pad(
    config: dict[str, Any], *, seed: int, base_port: int, host: str
) -> dict[str, Any]:
    """``config`` (one RTU per well) with each pad's wells moved onto one pad RTU.

    Pad RTUs take ports ``base_port..`` in pad order, the battery PLCs (unchanged) the ports
    after them. Register layouts come from their own random stream, so the wells stay the
    ones the per-well layout drew.
    """
    rng = np.random.default_rng([seed, 0x5AD])
    ports = iter(range(base_port, base_port + 100000))
    sites: list[dict[str, Any]] = []
    for site in config["sites"]:
        if site["kind"] != "pad":
            continue
        wells = [(d["name"], d["model"]) for d in site["devices"]]
        rtu = _pad_rtu(site["name"], wells, host, next(ports), rng)
        sites.append({**site, "devices": [rtu]})
    for site in config["sites"]:
        if site["kind"] == "pad":
            continue
        devices = [{**d, "port": next(ports)} for d in site["devices"]]
        sites.append({**site, "devices": devices})
    return {**config, "sites": sites}


def _pad_rtu(
    pad: str, wells: list[tuple[str, str]], host: str, port: int, rng: np.random.Generator
) -> dict[str, Any]:
    """One pad RTU serving ``wells`` (name, model), mapped as an integrator would map it.

    One layout profile for the whole RTU. Each well's measurements are a contiguous slice
    starting at the next multiple of ``PAD_WELL_ALIGN`` (so the gap between two wells is under
    10 registers and the whole area reads in full blocks); all setpoints are packed together,
    well after well, in a holding area from ``PAD_SETPOINT_BLOCK``.
    """
    profile = _pick_profile(rng)
    measured: list[Tag] = []
    address = 0
    for well, model in wells:
        tags, end = _measurements(well, SIGNALS_BY_MODEL[model], profile, rng, address)
        measured.extend(_on_pad(well, t) for t in tags)
        address = -(-end // PAD_WELL_ALIGN) * PAD_WELL_ALIGN
    holding_end = address if _measured_table(profile) == "holding" else 0
    address = max(PAD_SETPOINT_BLOCK, -(-holding_end // 100) * 100)
    setpoints: list[Tag] = []
    for well, model in wells:
        tags, address = _setpoints(well, SIGNALS_BY_MODEL[model], profile, address)
        setpoints.extend(_on_pad(well, t) for t in tags)
    description = _DEVICE_DESCRIPTION[PAD_RTU].format(
        site=pad, wells=len(wells), first=wells[0][0], last=wells[-1][0]
    )
    return {
        "name": f"RTU-{pad}",
        "model": PAD_RTU,
        "driver": "modbus",
        "host": host,
        "port": port,
        "unit_id": 1,
        "timeout_s": 1.0,
        "description": description,
        "tags": _by_well(wells, measured + setpoints),
    }


def _on_pad(well: str, tag: Tag) -> Tag:
    """A well's tag as served by a pad RTU: the signal names the well (``W03:esp.frequency``)."""
    tag["signal"] = pad_signal(well, tag["signal"])
    return tag


def _by_well(wells: list[tuple[str, str]], tags: list[Tag]) -> list[Tag]:
    """Tags grouped well by well (measurements, then setpoints), for a readable config."""
    order = {name: i for i, (name, _) in enumerate(wells)}
    return sorted(tags, key=lambda t: order[t["signal"].partition(WELL_SEPARATOR)[0]])


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


def _alarm(
    kind: str,
    priority: str,
    message: str,
    consequence: str,
    response: str,
    **extra: Any,
) -> dict[str, Any]:
    return {"kind": kind, "priority": priority, **extra, "message": message,
            "consequence": consequence, "response": response}


def _alarms(owner: str, signal: str) -> list[dict[str, Any]]:
    """The rationalized alarms of one signal of ``owner`` (a well or a facility PLC).

    ESP trip chain: the running status (high) and the alarms a trip explains are one first-out
    group per well, so the operator sees which came first. Low-load and pump-off alarms are
    suppressed by design while the well is stopped: no flow is then expected.
    """
    trip = f"{owner}.TRIP"
    esp_stopped = {"tag": f"{owner}.ESP.RUN", "op": "==", "value": 0}
    rod_stopped = {"tag": f"{owner}.BM.RUN", "op": "==", "value": 0}
    table: dict[str, list[dict[str, Any]]] = {
        "esp.running": [_alarm(
            "discrete", "high", "BES detenida (disparo del variador)",
            "Pozo sin producción; riesgo de pérdida de la bomba si se rearranca sin diagnóstico",
            "Revisar causa del disparo en el variador antes de rearrancar; avisar al supervisor",
            state_value=0, first_out_group=trip)],
        "esp.motor_temperature": [
            _alarm("hi", "medium", "Temperatura de motor BES alta",
                   "Envejecimiento acelerado del aislamiento del motor",
                   "Verificar caudal y carga; reducir frecuencia si sigue subiendo",
                   limit=290.0, deadband=3.0, on_delay_s=10.0),
            _alarm("hihi", "critical", "Temperatura de motor BES muy alta",
                   "Falla inminente del motor por sobretemperatura",
                   "Detener el pozo y reconocer; rearme solo con autorización del supervisor",
                   limit=320.0, deadband=3.0, on_delay_s=5.0, latched=True,
                   first_out_group=trip),
        ],
        "esp.intake_pressure": [_alarm(
            "lo", "medium", "Presión de entrada de la bomba BES baja",
            "Riesgo de bombeo en vacío y bloqueo por gas",
            "Bajar la frecuencia del variador; verificar nivel dinámico",
            limit=300.0, deadband=10.0, on_delay_s=10.0, first_out_group=trip)],
        "esp.motor_load": [_alarm(
            "lo", "medium", "Baja carga del motor BES (subcarga, posible bloqueo por gas)",
            "La bomba no mueve fluido y el motor se recalienta",
            "Verificar bloqueo por gas; bajar frecuencia o ciclar el pozo",
            limit=50.0, deadband=3.0, on_delay_s=10.0, first_out_group=trip,
            suppress_when=esp_stopped)],
        "rodpump.fillage": [_alarm(
            "lo", "medium", "Llenado de bomba bajo (pozo bombeado en vacío)",
            "Golpe de fluido: daño de varillas y bomba",
            "Verificar el controlador POC; bajar golpes por minuto",
            limit=70.0, deadband=5.0, on_delay_s=30.0, suppress_when=rod_stopped)],
        "gaslift.injection_rate": [_alarm(
            "deviation", "medium", "Caudal de gas de inyección fuera de consigna",
            "Producción por debajo de la óptima o consumo excesivo de gas",
            "Verificar choke de inyección y presión de la red de gas",
            limit=150.0, deadband=25.0, on_delay_s=60.0,
            setpoint_tag=f"{owner}.GL.QINY_SP")],
        "facility.separator_level": [
            _alarm("hi", "high", "Nivel alto en el separador",
                   "Arrastre de líquido a la línea de gas",
                   "Verificar válvula de descarga de líquido del separador",
                   limit=75.0, deadband=2.0, on_delay_s=5.0),
            _alarm("hihi", "critical", "Nivel muy alto en el separador",
                   "Líquido en el sistema de gas y la antorcha; riesgo de derrame",
                   "Cerrar entrada de pozos al separador; avisar al supervisor",
                   limit=90.0, deadband=2.0, latched=True),
        ],
        "facility.separator_pressure": [_alarm(
            "hi", "high", "Presión alta en el separador",
            "Apertura de la válvula de seguridad y venteo",
            "Verificar la válvula de control de presión y la salida de gas",
            limit=200.0, deadband=5.0, on_delay_s=5.0)],
    }
    for tank in ("tank1_level", "tank2_level", "tank3_level", "water_tank_level"):
        table[f"facility.{tank}"] = [_alarm(
            "hi", "medium", "Nivel alto de tanque",
            "Rebalse del tanque si no se transfiere",
            "Poner en marcha la transferencia o cambiar de tanque",
            limit=25.0, deadband=0.5, on_delay_s=30.0)]
    return table.get(signal, [])


def _finish(device: str, spec: SignalSpec, enc: Tag) -> Tag:
    tag = {
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
    alarms = _alarms(device, spec.signal)
    if alarms:
        tag["alarms"] = alarms
    return tag


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
