"""The decline parameters as the engineer sees and edits them (units, limits, decimals,
effective vs nominal decline) and the model built from edited values.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.engineering import dca

from .labels import Translate, _identity


@dataclass(frozen=True)
class ParamSpec:
    """How one model parameter is shown and edited: ``display = to_display(value)``."""

    name: str
    label: str
    unit: str  # "rate" = the rate unit (bbl/d or m³/d), else the literal unit text
    minimum: float  # in display units
    maximum: float
    decimals: int
    tooltip: str
    scale: float = 1.0  # display = value * scale (rate conversions are applied on top)
    effective: bool = False  # shown as a tangent effective %/yr (display only)

    def to_display(self, v: float) -> float:
        if self.effective:
            return float(dca.tangent_from_nominal(v)) * 100.0
        return v * self.scale

    def from_display(self, v: float) -> float:
        if self.effective:
            return float(dca.nominal_from_tangent(min(v, 99.999) / 100.0))
        return v / self.scale


def param_specs(model: str, tr: Translate = _identity) -> list[ParamSpec]:
    """The editable parameters of ``model`` (names as in the domain model's fields)."""
    qi = ParamSpec("qi", tr("Initial rate qi"), "rate", 0.001, 1e7, 2,
                   tr("Rate at the start of the fit window (time zero of the curve)"))
    di = ParamSpec("di", tr("Initial decline Di, nominal"), "%/yr", 0.01, 10000.0, 2,
                   tr("Initial nominal decline -d ln q/dt, percent per year"), scale=100.0)
    b = ParamSpec("b", tr("Arps exponent b"), "", 0.0, 5.0, 3,
                  tr("Hyperbolic exponent: 0 exponential, 1 harmonic, >1 transient flow"))
    if model in ("exponential", "harmonic"):
        return [qi, di]
    if model == "hyperbolic":
        return [qi, di, b]
    if model == "modified_hyperbolic":
        dlim = ParamSpec("dlim", tr("Terminal decline, effective"), "%/yr", 0.0, 99.0, 2,
                         tr("Effective yearly decline where the curve turns exponential"),
                         effective=True)
        return [qi, di, b, dlim]
    if model == "duong":
        return [ParamSpec("q1", tr("Rate at day 1, q1"), "rate", 0.001, 1e7, 2,
                          tr("Duong's rate at day 1 of the curve")),
                ParamSpec("a", tr("Duong a"), "1/d^(1-m)", 0.0001, 100.0, 4,
                          tr("Intercept of log(q/N) vs log t (day-based)")),
                ParamSpec("m", tr("Duong m"), "", 1.0001, 5.0, 4,
                          tr("Slope of log(q/N) vs log t; must be > 1"))]
    return [qi, ParamSpec("tau", tr("Characteristic time τ"), "d", 0.01, 1e7, 1,
                          tr("SEPD characteristic time, days")),
            ParamSpec("n", tr("Exponent n"), "", 0.01, 1.0, 4,
                      tr("SEPD exponent, 0 < n <= 1 (1 = exponential)"))]


def build_model(kind: type[dca.DeclineModel], params: dict[str, float]) -> dca.DeclineModel:
    """A decline model of class ``kind`` with ``params`` (raises ``ValueError`` if invalid)."""
    return kind(**params)
