"""The whole simulated field as physics: which well or facility is where, and how production
flows from wells to facilities.

A well is either a device of its own (model ``esp_well``, ``rod_pump_well``, ``gas_lift_well``)
or one of several wells served by a ``pad_rtu`` device, whose tags name their well in the
signal (``"W03:esp.frequency"``). Both kinds are the same to the physics: every well, wherever
it is wired, is one element of its lift model's group, addressed by its well name.

Wells are attached to facilities in field order, split into contiguous, near-equal groups (the
generator lays pads out so that contiguous wells share a facility). Every step the wells move
first, then each facility receives the sum of its wells' measured production.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from domain.field import DeviceDef, Field
from domain.tags import TagDef
from plugins.simulator.catalog import PAD_RTU, lift_model_of, split_pad_signal
from plugins.simulator.physics import (
    DeviceGroup,
    EspWells,
    Facilities,
    GasLiftWells,
    RodPumpWells,
    UnknownEvent,
    UnknownSignal,
)

WELL_GROUPS: dict[str, type[DeviceGroup]] = {
    "esp_well": EspWells,
    "rod_pump_well": RodPumpWells,
    "gas_lift_well": GasLiftWells,
}
FACILITY_MODEL = "facility_plc"
MODELS = (*WELL_GROUPS, FACILITY_MODEL)  # physics models; one random stream each, in this order
DEVICE_MODELS = (*MODELS, PAD_RTU)  # what a device's ``model`` may say
SERVER_EVENTS = frozenset({"comms_loss"})  # handled by the Modbus server, any device


class SimulatorConfigError(ValueError):
    """The field cannot be simulated as written (unknown model or signal, ambiguous well)."""


@dataclass(frozen=True, slots=True)
class Binding:
    """Where one well or facility lives in the physics: its group and its index in that group."""

    group: DeviceGroup
    index: int


@dataclass(frozen=True, slots=True)
class WellSource:
    """A well found in the field: its lift model and the device that serves its tags."""

    name: str
    model: str
    device: str


class Plant:
    """All device groups of one field, seeded from one integer.

    Physics units (wells and facilities) are addressed by name: a well by its well name whether
    it is a device of its own or sits on a pad RTU, a facility by its PLC's device name.
    """

    def __init__(self, field: Field, seed: int) -> None:
        devices = list(field.devices())
        for device in devices:
            if device.model not in DEVICE_MODELS:
                raise SimulatorConfigError(
                    f"device {device.name!r}: model {device.model!r} cannot be simulated; "
                    f"known models: {', '.join(DEVICE_MODELS)}"
                )
        wells = _find_wells(devices)
        self.rtu_of: dict[str, str] = {w.name: w.device for w in wells if w.name != w.device}
        """Well on a pad RTU -> that RTU's device name."""
        self.rtu_wells: dict[str, tuple[str, ...]] = {
            d.name: tuple(w.name for w in wells if w.device == d.name)
            for d in devices
            if d.model == PAD_RTU
        }
        """Pad RTU device name -> its wells, in the order its tags list them."""

        # One independent random stream per model, in a fixed order: reproducible by seed.
        streams = np.random.SeedSequence(seed).spawn(len(MODELS))
        rngs = {m: np.random.default_rng(s) for m, s in zip(MODELS, streams, strict=True)}
        self.groups: dict[str, DeviceGroup] = {}
        self.bindings: dict[str, Binding] = {}
        members: dict[str, list[str]] = {m: [] for m in WELL_GROUPS}
        for well in wells:
            members[well.model].append(well.name)
        for model, cls in WELL_GROUPS.items():
            if members[model]:
                group = cls(len(members[model]), rngs[model])
                self.groups[model] = group
                for i, name in enumerate(members[model]):
                    self.bindings[name] = Binding(group, i)

        facilities = [d for d in devices if d.model == FACILITY_MODEL]
        self._facility_of: dict[str, np.ndarray] = {}
        if facilities:
            chunks = np.array_split(np.arange(len(wells)), len(facilities))
            owner = {wells[i].name: f for f, chunk in enumerate(chunks) for i in chunk}
            for model in self.groups:
                self._facility_of[model] = np.array([owner[n] for n in members[model]])
            liquid, oil, gas = self._production(len(facilities))
            fac = Facilities(len(facilities), rngs[FACILITY_MODEL], liquid, oil, gas)
            self.groups[FACILITY_MODEL] = fac
            for i, device in enumerate(facilities):
                self.bindings[device.name] = Binding(fac, i)
        self._check_tags(devices)

    def _check_tags(self, devices: list[DeviceDef]) -> None:
        for device in devices:
            for tag in device.tags:
                try:
                    b, signal = self._route(device.name, tag.signal)
                except UnknownSignal as exc:
                    raise SimulatorConfigError(
                        f"device {device.name!r}, tag {tag.name!r}: {exc.args[0]}"
                    ) from None
                group = b.group
                if signal not in group.signals:
                    raise SimulatorConfigError(
                        f"device {device.name!r}, tag {tag.name!r}: model {group.model!r} has "
                        f"no signal {signal!r}; known: {', '.join(sorted(group.signals))}"
                    )
                if tag.writable and signal not in group.writable:
                    raise SimulatorConfigError(
                        f"tag {tag.name!r} is writable but signal {signal!r} is read-only "
                        f"in the simulator; writable: {', '.join(sorted(group.writable))}"
                    )

    def _production(self, n_facilities: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Liquid, oil (bbl/d) and gas (Mscf/d) arriving at each facility now."""
        totals = []
        for signal in ("well.liquid_rate", "well.oil_rate", "well.gas_rate"):
            total = np.zeros(n_facilities)
            for model, owners in self._facility_of.items():
                total += np.bincount(
                    owners, weights=self.groups[model].outputs[signal], minlength=n_facilities
                )
            totals.append(total)
        return totals[0], totals[1], totals[2]

    def step(self, dt_s: float) -> None:
        for model in WELL_GROUPS:
            if model in self.groups:
                self.groups[model].step(dt_s)
        fac = self.groups.get(FACILITY_MODEL)
        if isinstance(fac, Facilities):
            fac.feed(*self._production(fac.n))
            fac.step(dt_s)

    # -- addressing ------------------------------------------------------------------------------

    def binding(self, name: str) -> Binding:
        """The physics of a well (by well name) or facility (by its PLC's device name)."""
        try:
            return self.bindings[name]
        except KeyError:
            pass
        wells = self.rtu_wells.get(name)
        if wells:
            raise UnknownSignal(
                f"{name!r} is a pad RTU serving wells {', '.join(wells)}: name the well, "
                f"e.g. {wells[0]!r}"
            ) from None
        raise UnknownSignal(f"unknown device or well {name!r}") from None

    def _route(self, device: str, signal: str) -> tuple[Binding, str]:
        """Physics unit and plain signal behind a tag's ``signal`` on ``device``.

        ``"W03:esp.frequency"`` on the pad RTU that serves W03 is W03's frequency; a plain
        signal is the device's own (a per-well device or a facility PLC), or a well's when
        ``device`` is that well's name.
        """
        parts = split_pad_signal(signal)
        if parts is None:
            return self.binding(device), signal
        well, plain = parts
        if self.rtu_of.get(well) != device:
            raise UnknownSignal(f"device {device!r} serves no well {well!r} (signal {signal!r})")
        return self.bindings[well], plain

    def value(self, device: str, signal: str) -> float:
        """Latest value of a tag signal on a device (``"W03:..."`` on a pad RTU), or of a plain
        signal of a well or facility by name."""
        b, plain = self._route(device, signal)
        return b.group.value(plain, b.index)

    def write(self, device: str, signal: str, value: float) -> None:
        """A setpoint written to ``device`` (a Modbus write), routed like :meth:`value`."""
        b, plain = self._route(device, signal)
        b.group.set_value(plain, b.index, value)

    def events_of(self, name: str) -> frozenset[str]:
        """Physical events a well or facility takes (server events are the server's business)."""
        return self.binding(name).group.events

    def inject(self, name: str, event: str) -> None:
        b = self._event_binding(name, event)
        b.group.inject(b.index, event)

    def clear(self, name: str, event: str) -> None:
        b = self._event_binding(name, event)
        b.group.clear(b.index, event)

    def _event_binding(self, name: str, event: str) -> Binding:
        b = self.binding(name)
        if event not in b.group.events:
            raise UnknownEvent(
                f"{name!r} ({b.group.model}) has no event {event!r}; "
                f"known: {', '.join(sorted(b.group.events))}"
            )
        return b


def _find_wells(devices: list[DeviceDef]) -> list[WellSource]:
    """Every well of the field in field order: per-well devices, and pad RTU wells in the order
    their RTU's tags first name them. Well names must be unique and differ from device names,
    because events address wells by name."""
    device_names = {d.name for d in devices}
    wells: dict[str, WellSource] = {}
    for device in devices:
        if device.model in WELL_GROUPS:
            wells[device.name] = WellSource(device.name, device.model, device.name)
            continue
        if device.model != PAD_RTU:
            continue
        for name, model in _pad_wells(device).items():
            if name in device_names:
                raise SimulatorConfigError(
                    f"device {device.name!r} (pad_rtu) serves a well named {name!r}, which is "
                    f"also a device name; well and device names must differ"
                )
            if name in wells:
                raise SimulatorConfigError(
                    f"device {device.name!r} (pad_rtu) serves well {name!r}, already served "
                    f"by {wells[name].device!r}; a well is wired to one RTU"
                )
            wells[name] = WellSource(name, model, device.name)
    return list(wells.values())


def _pad_wells(device: DeviceDef) -> dict[str, str]:
    """Well name -> lift model for one pad RTU, from its tags' ``WELL:signal`` signals."""
    model_of: dict[str, str | None] = {}
    decided_by: dict[str, TagDef] = {}
    for tag in device.tags:
        parts = split_pad_signal(tag.signal)
        if parts is None:
            raise SimulatorConfigError(
                f"device {device.name!r} (pad_rtu), tag {tag.name!r}: signal {tag.signal!r} "
                f"does not name its well; write it as 'WELL:signal', e.g. 'W03:esp.frequency'"
            )
        well, signal = parts
        model = lift_model_of(signal)
        known = model_of.setdefault(well, None)
        if model is None:
            continue
        if known is None:
            model_of[well] = model
            decided_by[well] = tag
        elif known != model:
            first = decided_by[well]
            raise SimulatorConfigError(
                f"device {device.name!r} (pad_rtu), tag {tag.name!r}: signal {tag.signal!r} "
                f"makes well {well!r} a {model}, but tag {first.name!r} ({first.signal!r}) "
                f"made it a {known}; all signals of one well must agree on its lift type"
            )
    undecided = [w for w, m in model_of.items() if m is None]
    if undecided:
        raise SimulatorConfigError(
            f"device {device.name!r} (pad_rtu): well {undecided[0]!r} has only common well.* "
            f"signals, so its lift type is unknown; give it at least one esp.*, rodpump.* or "
            f"gaslift.* signal"
        )
    return {w: m for w, m in model_of.items() if m is not None}
