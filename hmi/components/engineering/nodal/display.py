"""Numbers as shown: ``fmt`` for results, ``fin`` for inputs as typed, the flow-pattern
names, and :class:`Display`, which converts the model's oilfield units to the display
units (the model always computes in oilfield units).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from domain.engineering.flow import (
    FlowPattern,
)
from hmi.components.numbers import significant
from hmi.components.units import UnitsModel, UnitSystem

from .inputs import Variable, variable_unit

PATTERN_NAMES = {
    FlowPattern.LIQUID: "Liquid",
    FlowPattern.GAS: "Gas",
    FlowPattern.SEGREGATED: "Segregated",
    FlowPattern.TRANSITION: "Transition",
    FlowPattern.INTERMITTENT: "Intermittent",
    FlowPattern.DISTRIBUTED: "Distributed",
    FlowPattern.BUBBLE: "Bubble",
    FlowPattern.SLUG_CHURN: "Slug / churn",
}


def _finite_or_nan(a: np.ndarray) -> np.ndarray:
    a = np.asarray(a, dtype=np.float64)
    return np.where(np.isfinite(a), a, np.nan)


def fmt(v: float | None, digits: int = 4) -> str:
    """A number for the screen (:func:`significant`)."""
    return significant(v, digits)


def fin(v: float) -> str:
    """An input value as typed: up to 5 significant figures, no trailing zeros."""
    return f"{v:,.5g}"


@dataclass
class Display:
    """Unit conversion for what is shown: the model computes in oilfield units."""

    units: UnitsModel = field(default_factory=UnitsModel)

    @property
    def si(self) -> bool:
        return self.units.system is UnitSystem.SI

    def p(self, v: Any) -> Any:
        return self.units.converter("psi")(v)

    def q(self, v: Any) -> Any:
        return self.units.converter("bbl/d")(v)

    def d(self, v: Any) -> Any:
        return self.units.converter("ft")(v)

    def t(self, v: Any) -> Any:
        return self.units.converter("degF")(v)

    @property
    def pu(self) -> str:
        return "kPa" if self.si else "psia"

    @property
    def qu(self) -> str:
        return "m³/d" if self.si else "STB/d"

    @property
    def du(self) -> str:
        return "m" if self.si else "ft"

    @property
    def tu(self) -> str:
        return "°C" if self.si else "°F"

    def value(self, variable: Variable, v: float) -> float:
        return float(self.p(v)) if variable == "thp" else v

    def value_unit(self, variable: Variable) -> str:
        return self.pu if variable == "thp" else variable_unit(variable)
