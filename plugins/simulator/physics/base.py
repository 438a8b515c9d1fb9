"""What every simulated device group offers the server: values by signal, setpoints, events."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

import numpy as np

from plugins.simulator.physics.inflow import FloatArray


class UnknownSignal(KeyError):
    """A tag names a signal the device model does not simulate."""


class UnknownEvent(ValueError):
    """An event the device model cannot take (e.g. ``pump_off`` on an ESP well)."""


class DeviceGroup(ABC):
    """All devices of one model, simulated together as numpy arrays (index = device).

    Subclasses fill ``self.outputs`` (signal -> array of measured values) at the end of every
    :meth:`step`, noise included, so that reading a value never draws random numbers: the same
    seed and the same sequence of steps always give the same values.
    """

    model: ClassVar[str]
    events: ClassVar[frozenset[str]] = frozenset()
    writable: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, n: int, rng: np.random.Generator) -> None:
        self.n = n
        self.rng = rng
        self.outputs: dict[str, FloatArray] = {}
        self.active: list[set[str]] = [set() for _ in range(n)]

    @property
    def signals(self) -> frozenset[str]:
        return frozenset(self.outputs)

    def value(self, signal: str, index: int) -> float:
        """Latest measured value of ``signal`` on device ``index``, in engineering units."""
        try:
            return float(self.outputs[signal][index])
        except KeyError:
            raise UnknownSignal(f"model {self.model!r} has no signal {signal!r}") from None

    def set_value(self, signal: str, index: int, value: float) -> None:
        """A setpoint written from outside (a Modbus write). Clamped to what the device takes."""
        if signal not in self.writable:
            raise UnknownSignal(f"signal {signal!r} of model {self.model!r} is not writable")
        applied = self._set(signal, index, float(value))
        self.outputs[signal][index] = applied

    def inject(self, index: int, event: str) -> None:
        self._check_event(event)
        self.active[index].add(event)
        self._on_inject(index, event)

    def clear(self, index: int, event: str) -> None:
        self._check_event(event)
        if event in self.active[index]:
            self.active[index].discard(event)
            self._on_clear(index, event)

    def is_active(self, event: str) -> np.ndarray:
        """Boolean mask of the devices where ``event`` is active."""
        return np.array([event in a for a in self.active], dtype=bool)

    def noisy(self, value: FloatArray, rel: float = 0.0, abs_: float = 0.0) -> FloatArray:
        """``value`` with Gaussian measurement noise (relative and absolute sigma)."""
        noise = self.rng.standard_normal(self.n)
        return np.asarray(value * (1.0 + rel * noise) + abs_ * noise, dtype=np.float64)

    def _check_event(self, event: str) -> None:
        if event not in self.events:
            known = ", ".join(sorted(self.events)) or "none"
            raise UnknownEvent(f"model {self.model!r} has no event {event!r} (known: {known})")

    @abstractmethod
    def step(self, dt_s: float) -> None:
        """Advance the physics by ``dt_s`` seconds and publish new outputs."""

    @abstractmethod
    def _set(self, signal: str, index: int, value: float) -> float:
        """Apply a setpoint to the state; return the value actually taken (after clamping)."""

    def _on_inject(self, index: int, event: str) -> None:  # noqa: B027 - optional hook
        """React at once to an event (default: the next step takes it into account)."""

    def _on_clear(self, index: int, event: str) -> None:  # noqa: B027 - optional hook
        """React at once to an event ending."""
