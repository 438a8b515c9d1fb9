"""The whole simulated field as physics: which device is which well or facility, and how
production flows from wells to facilities.

Wells are attached to facilities in field order, split into contiguous, near-equal groups (the
generator lays pads out so that contiguous wells share a facility). Every step the wells move
first, then each facility receives the sum of its wells' measured production.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from domain.field import DeviceDef, Field
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
MODELS = (*WELL_GROUPS, FACILITY_MODEL)
SERVER_EVENTS = frozenset({"comms_loss"})  # handled by the Modbus server, any model


class SimulatorConfigError(ValueError):
    """The field cannot be simulated as written (unknown model or signal)."""


@dataclass(frozen=True, slots=True)
class Binding:
    """Where one device lives in the physics: its group and its index in that group."""

    group: DeviceGroup
    index: int


class Plant:
    """All device groups of one field, seeded from one integer."""

    def __init__(self, field: Field, seed: int) -> None:
        devices = list(field.devices())
        by_model: dict[str, list[DeviceDef]] = {m: [] for m in MODELS}
        for device in devices:
            if device.model not in by_model:
                raise SimulatorConfigError(
                    f"device {device.name!r}: model {device.model!r} cannot be simulated; "
                    f"known models: {', '.join(MODELS)}"
                )
            by_model[device.model].append(device)

        # One independent random stream per model, in a fixed order: reproducible by seed.
        streams = np.random.SeedSequence(seed).spawn(len(MODELS))
        rngs = {m: np.random.default_rng(s) for m, s in zip(MODELS, streams, strict=True)}
        self.groups: dict[str, DeviceGroup] = {}
        self.bindings: dict[str, Binding] = {}
        for model, cls in WELL_GROUPS.items():
            members = by_model[model]
            if members:
                group = cls(len(members), rngs[model])
                self.groups[model] = group
                for i, device in enumerate(members):
                    self.bindings[device.name] = Binding(group, i)

        facilities = by_model[FACILITY_MODEL]
        wells = [d for d in devices if d.model in WELL_GROUPS]
        self._facility_of: dict[str, np.ndarray] = {}
        if facilities:
            chunks = np.array_split(np.arange(len(wells)), len(facilities))
            owner = {wells[i].name: f for f, chunk in enumerate(chunks) for i in chunk}
            for model in self.groups:
                members = by_model[model]
                self._facility_of[model] = np.array([owner[d.name] for d in members])
            liquid, oil, gas = self._production(len(facilities))
            fac = Facilities(len(facilities), rngs[FACILITY_MODEL], liquid, oil, gas)
            self.groups[FACILITY_MODEL] = fac
            for i, device in enumerate(facilities):
                self.bindings[device.name] = Binding(fac, i)
        self._check_tags(devices)

    def _check_tags(self, devices: list[DeviceDef]) -> None:
        for device in devices:
            group = self.bindings[device.name].group
            for tag in device.tags:
                if tag.signal not in group.signals:
                    raise SimulatorConfigError(
                        f"tag {tag.name!r}: model {device.model!r} has no signal "
                        f"{tag.signal!r}; known: {', '.join(sorted(group.signals))}"
                    )
                if tag.writable and tag.signal not in group.writable:
                    raise SimulatorConfigError(
                        f"tag {tag.name!r} is writable but signal {tag.signal!r} is read-only "
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

    def binding(self, device: str) -> Binding:
        try:
            return self.bindings[device]
        except KeyError:
            raise UnknownSignal(f"unknown device {device!r}") from None

    def value(self, device: str, signal: str) -> float:
        b = self.binding(device)
        return b.group.value(signal, b.index)

    def write(self, device: str, signal: str, value: float) -> None:
        b = self.binding(device)
        b.group.set_value(signal, b.index, value)

    def events_of(self, device: str) -> frozenset[str]:
        return self.binding(device).group.events | SERVER_EVENTS

    def inject(self, device: str, event: str) -> None:
        b = self.binding(device)
        if event not in b.group.events:
            raise UnknownEvent(
                f"device {device!r} ({b.group.model}) has no event {event!r}; "
                f"known: {', '.join(sorted(self.events_of(device)))}"
            )
        b.group.inject(b.index, event)

    def clear(self, device: str, event: str) -> None:
        b = self.binding(device)
        if event not in b.group.events:
            raise UnknownEvent(
                f"device {device!r} ({b.group.model}) has no event {event!r}; "
                f"known: {', '.join(sorted(self.events_of(device)))}"
            )
        b.group.clear(b.index, event)
