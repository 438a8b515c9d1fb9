"""UnitsModel: oilfield units ↔ SI, every conversion of the HMI in one place.

The edge stores and serves engineering units as configured (oilfield units in the demo: bbl/d,
psi, degF, Mscf/d). The HMI converts for display only; setpoints typed in SI are converted back
with ``to_source`` before they go to the edge. Temperatures convert with an offset, so a
*difference* (deadband, span) uses ``convert_delta``.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from hmi.components.events import Event

BBL_M3 = 0.158987294928  # 1 bbl = 42 US gal
PSI_KPA = 6.894757293168
SCF_M3 = 0.028316846592  # 1 ft³
FT_M = 0.3048
LBF_N = 4.4482216152605


class UnitSystem(Enum):
    OILFIELD = "oilfield"
    SI = "si"


# source unit -> (SI unit, scale, offset): si = value * scale + offset
_TO_SI: dict[str, tuple[str, float, float]] = {
    "bbl/d": ("m3/d", BBL_M3, 0.0),
    "bbl": ("m3", BBL_M3, 0.0),
    "psi": ("kPa", PSI_KPA, 0.0),
    "degF": ("degC", 5.0 / 9.0, -32.0 * 5.0 / 9.0),
    "Mscf/d": ("m3/d", 1000.0 * SCF_M3, 0.0),
    "Mscf": ("m3", 1000.0 * SCF_M3, 0.0),
    "ft": ("m", FT_M, 0.0),
    "klbf": ("kN", LBF_N, 0.0),
}

#: How units are written on screen (ASCII in the config, typography on the glass).
_DISPLAY = {"degF": "°F", "degC": "°C", "m3/d": "m³/d", "m3": "m³"}


def display_units(units: str) -> str:
    return _DISPLAY.get(units, units)


def to_si(value: float, units: str) -> tuple[float, str]:
    """``value`` in ``units`` → (value, SI units); units with no SI form pass through."""
    conv = _TO_SI.get(units)
    if conv is None:
        return value, units
    si_units, scale, offset = conv
    return value * scale + offset, si_units


def from_si(value: float, units: str) -> float:
    """The inverse of ``to_si`` for a value shown in the SI form of ``units``."""
    conv = _TO_SI.get(units)
    if conv is None:
        return value
    _si, scale, offset = conv
    return (value - offset) / scale


class UnitsModel:
    """The operator's unit system, switchable at runtime; ``changed`` redraws every value."""

    def __init__(self, system: UnitSystem = UnitSystem.OILFIELD) -> None:
        self.system = system
        self.changed = Event()

    def set_system(self, system: UnitSystem) -> None:
        if system is not self.system:
            self.system = system
            self.changed.emit(system)

    def units(self, source_units: str) -> str:
        """Display units for a tag whose engineering units are ``source_units``."""
        if self.system is UnitSystem.SI:
            return display_units(to_si(0.0, source_units)[1])
        return display_units(source_units)

    def convert(self, value: float, source_units: str) -> float:
        return to_si(value, source_units)[0] if self.system is UnitSystem.SI else value

    def convert_delta(self, delta: float, source_units: str) -> float:
        """A difference (span, deadband): scale only, no offset."""
        if self.system is UnitSystem.OILFIELD:
            return delta
        conv = _TO_SI.get(source_units)
        return delta if conv is None else delta * conv[1]

    def to_source(self, value: float, source_units: str) -> float:
        """A value the operator typed in display units → the tag's engineering units."""
        return from_si(value, source_units) if self.system is UnitSystem.SI else value

    def converter(self, source_units: str) -> Callable[[float], float]:
        """A function for arrays of one tag (trends)."""
        if self.system is UnitSystem.OILFIELD or source_units not in _TO_SI:
            return lambda v: v
        _si, scale, offset = _TO_SI[source_units]
        return lambda v: v * scale + offset
